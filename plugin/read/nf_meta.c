#include "read/nf_meta.h"

#include <stdlib.h>
#include <string.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_utf8_clean.h"

int nf_meta_offer(char **field, const char *value, size_t len)
{
    if (*field || !value)
        return NF_OK;
    nf_buf b = NF_BUF_INIT;
    int pending = 0;
    for (size_t i = 0; i < len && value[i]; i++) {
        if (nf_is_space(value[i])) {
            pending = b.len > 0;
            continue;
        }
        size_t j = i;
        while (j < len && value[j] && !nf_is_space(value[j]))
            j++;
        if ((pending && nf_buf_putc(&b, ' ')) ||
            nf_buf_append(&b, value + i, j - i)) {
            nf_buf_free(&b);
            return NF_ENOMEM;
        }
        pending = 0;
        i = j - 1;
    }
    if (b.len)
        *field = nf_buf_detach(&b);
    return NF_OK;
}

static void take(char **dst, char **src)
{
    if (!*dst) {
        *dst = *src;
        *src = NULL;
    }
}

void nf_meta_merge(nf_meta *dst, nf_meta *src)
{
    take(&dst->title, &src->title);
    take(&dst->url, &src->url);
    take(&dst->source, &src->source);
    take(&dst->published, &src->published);
    take(&dst->author, &src->author);
}

void nf_meta_free(nf_meta *m)
{
    free(m->title);
    free(m->url);
    free(m->source);
    free(m->published);
    free(m->author);
    memset(m, 0, sizeof *m);
}
