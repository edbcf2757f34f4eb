/* HTML pages: metadata and body text through the HTML extractor. */
#include "read/nf_read_internal.h"

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_html_internal.h"
#include "read/nf_utf8_clean.h"

int nf_read_html(nf_read_run *run, const char *path, const char *data,
                 size_t len)
{
    nf_buf clean = NF_BUF_INIT, body = NF_BUF_INIT;
    nf_meta meta = NF_META_INIT;
    int rc = nf_utf8_clean(&clean, data, len, NULL);
    if (rc == NF_OK)
        rc = nf_html_extract(&meta, &body, clean.data, clean.len, run->conf);
    if (rc == NF_OK) {
        if (!meta.title && body.len == 0)
            nf_read_reject(run, path, 0, NF_EINPUT,
                           "no title and no text found in the HTML page");
        else
            rc = nf_read_emit(run, path, 0, NF_FORMAT_HTML, NULL, &meta,
                              body.len ? body.data : "", body.len, data, len);
    }
    nf_meta_free(&meta);
    nf_buf_free(&body);
    nf_buf_free(&clean);
    return rc;
}
