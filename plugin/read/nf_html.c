/* The HTML reader: metadata and body text of one page. */
#include "read/nf_html_internal.h"

#include "core/nf_error.h"

int nf_html_read_doc(nf_meta *meta, nf_buf *body, xmlDoc *doc,
                     const struct nf_reader_conf *conf)
{
    if (!doc)
        return NF_OK; /* nothing to read: the caller reports an empty page */
    nf_buf jsonld_body = NF_BUF_INIT;
    int rc = nf_html_metadata(meta, &jsonld_body, doc);
    size_t start = body->len;
    if (rc == NF_OK)
        rc = nf_html_body_text(body, doc, conf);
    /* Pages rendered by scripts ship an empty shell: their text may only be
     * in JSON-LD's articleBody.  It is used when the markup gave less than
     * half as much. */
    if (rc == NF_OK && (body->len - start) * 2 < jsonld_body.len) {
        body->len = start;
        rc = nf_buf_append(body, jsonld_body.data, jsonld_body.len);
    }
    nf_buf_free(&jsonld_body);
    return rc;
}

int nf_html_extract(nf_meta *meta, nf_buf *body, const char *utf8,
                    size_t len, const struct nf_reader_conf *conf)
{
    xmlDoc *doc = nf_html_parse(utf8, len);
    int rc = nf_html_read_doc(meta, body, doc, conf);
    xmlFreeDoc(doc);
    return rc;
}
