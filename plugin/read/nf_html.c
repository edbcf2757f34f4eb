/* The HTML reader: metadata and body text of one page. */
#include "read/nf_html_internal.h"

#include "core/nf_error.h"

int nf_html_read_doc(nf_meta *meta, nf_buf *body, xmlDoc *doc,
                     const struct nf_reader_conf *conf)
{
    if (!doc)
        return NF_OK; /* nothing to read: the caller reports an empty page */
    int rc = nf_html_metadata(meta, doc);
    if (rc == NF_OK)
        rc = nf_html_body_text(body, doc, conf);
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
