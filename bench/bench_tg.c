/* See bench_tg.h. */
#include "bench_tg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bench_tg_text(nf_xtermgen *tg, nf_xdoc *doc, const bench_record *r)
{
    int rc = nf_xtermgen_set_document(tg, doc);
    if (!rc)
        rc = nf_xtermgen_index_text(tg, r->title, r->title_len, 1, "S");
    if (!rc)
        rc = nf_xtermgen_increase_termpos(tg, 100);
    if (!rc)
        rc = nf_xtermgen_index_text(tg, r->title, r->title_len, 1, NULL);
    if (!rc)
        rc = nf_xtermgen_increase_termpos(tg, 1);
    if (!rc)
        rc = nf_xtermgen_index_text(tg, r->text, r->text_len, 1, NULL);
    return rc;
}

int bench_tg_document(nf_xtermgen *tg, nf_xdoc *doc, const bench_record *r)
{
    int rc = bench_tg_text(tg, doc, r);
    if (rc)
        return rc;
    size_t idlen = strlen(r->id);
    char *q = malloc(idlen + 2);
    if (!q)
        return NF_ENOMEM;
    q[0] = 'Q';
    memcpy(q + 1, r->id, idlen + 1);
    rc = nf_xdoc_add_boolean_term(doc, q, idlen + 1);
    free(q);
    if (rc)
        return rc;
    /* Omega's field=value lines, with a 300-byte sample as newsfacet
     * writes (cut at a UTF-8 character boundary). */
    size_t sample = r->text_len < 300 ? r->text_len : 300;
    while (sample > 0 && sample < r->text_len &&
           ((unsigned char)r->text[sample] & 0xC0) == 0x80)
        sample--;
    size_t cap = strlen(r->url) + r->title_len + sample + strlen(r->id) +
                 strlen(r->source) + strlen(r->published) +
                 strlen(r->author) + 128;
    char *data = malloc(cap);
    if (!data)
        return NF_ENOMEM;
    int n = snprintf(data, cap,
        "url=%s\ncaption=%s\nsample=%.*s\ntype=application/x-ndjson\n"
        "id=%s\nsource=%s\npublished=%s\nauthor=%s\n",
        r->url, r->title, (int)sample, r->text, r->id, r->source,
        r->published, r->author);
    rc = n < 0 ? NF_ERROR : nf_xdoc_set_data(doc, data, (size_t)n);
    free(data);
    return rc;
}

size_t bench_tg_text_bytes(const bench_record *r)
{
    return r->title_len + r->text_len;
}
