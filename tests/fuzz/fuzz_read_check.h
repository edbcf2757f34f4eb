/* The checks shared by the reader targets (fuzz_read_html, fuzz_read_jsonl,
 * fuzz_analyse). */
#ifndef NF_FUZZ_READ_CHECK_H
#define NF_FUZZ_READ_CHECK_H

#include <string.h>
#include <utf8proc.h>

#include "read/nf_read.h"

static int nf_fuzz_check_article(void *ctx, nf_article *a)
{
    (void)ctx;
    if (!a->id || !a->title || !a->text || strlen(a->text) != a->text_len)
        abort();
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a->text;
    for (size_t i = 0; i < a->text_len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(a->text_len - i), &cp);
        if (n <= 0)
            abort();
        i += (size_t)n;
    }
    nf_article_free(a);
    return 0;
}

static void nf_fuzz_check_error(void *ctx, const char *path, unsigned long line,
                                int status, const char *message)
{
    (void)ctx;
    (void)path;
    (void)line;
    if (status >= 0 || !message || !message[0])
        abort(); /* every rejection is an error status and says why */
}

static inline int nf_fuzz_read_with(const uint8_t *data, size_t size, nf_format format,
                                    nf_article_cb on_article, void *ctx)
{
    const nf_schema *schema = nf_fuzz_default_schema();
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = schema->reader;
    opts.max_article_bytes = 1 << 20;
    nf_read_memory((const char *)data, size, format, "fuzz", &opts, on_article,
                   nf_fuzz_check_error, ctx);
    return 0;
}

static inline int nf_fuzz_read(const uint8_t *data, size_t size, nf_format format)
{
    return nf_fuzz_read_with(data, size, format, nf_fuzz_check_article, NULL);
}

#endif
