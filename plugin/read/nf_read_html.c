/* HTML pages: metadata and body text through the HTML extractor. */
#include "read/nf_read_internal.h"

#include <libxml/tree.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_html_internal.h"
#include "read/nf_utf8_clean.h"

int nf_read_html(nf_read_run *run, const char *path, const char *raw,
                 size_t raw_len, const char *text, size_t text_len,
                 int had_invalid)
{
    nf_buf body = NF_BUF_INIT;
    nf_meta meta = NF_META_INIT;
    /* Bytes that are not UTF-8 may be another encoding the page declares
     * (older sites still serve windows-1252): libxml2 decodes those. */
    xmlDoc *doc = had_invalid ? nf_html_parse_declared(raw, raw_len) : NULL;
    if (!doc)
        doc = nf_html_parse(text, text_len);
    int rc = nf_html_read_doc(&meta, &body, doc, run->conf);
    xmlFreeDoc(doc);
    if (rc == NF_OK) {
        if (!meta.title && body.len == 0)
            nf_read_reject(run, path, 0, NF_EINPUT,
                           "no title and no text found in the HTML page");
        else
            rc = nf_read_emit(run, path, 0, NF_FORMAT_HTML, NULL, &meta,
                              body.len ? body.data : "", body.len, raw, raw_len);
    }
    nf_meta_free(&meta);
    nf_buf_free(&body);
    return rc;
}
