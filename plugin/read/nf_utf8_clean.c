#include "read/nf_utf8_clean.h"

#include <string.h>
#include <utf8proc.h>

#include "core/nf_error.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

int nf_utf8_clean(nf_buf *out, const char *data, size_t len,
                  nf_clean_stats *st)
{
    nf_clean_stats local = {0, 0, 0, 0};
    const unsigned char *d = (const unsigned char *)data;
    size_t run = 0; /* start of the pending run of good bytes */
    size_t i = 0;
    int rc = out ? nf_buf_reserve(out, len) : NF_OK;
    while (rc == NF_OK && i < len) {
        unsigned char c = d[i];
        if (c >= 0x20 && c < 0x7f) { /* the common case stays a tight loop */
            i++;
            continue;
        }
        if (c < 0x80) {
            if (c == 0) {
                local.nul++;
            } else {
                if (c == 0x7f || (c < 0x20 && !strchr("\t\n\r\f\v", c)))
                    local.control++;
                i++;
                continue;
            }
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t n = utf8proc_iterate(d + i,
                (utf8proc_ssize_t)(len - i), &cp);
            if (n > 0) {
                i += (size_t)n;
                continue;
            }
            local.invalid++;
        }
        /* D[I] is replaced: flush the good run before it. */
        if (out) {
            rc = nf_buf_append(out, data + run, i - run);
            if (rc == NF_OK)
                rc = nf_buf_append(out, replacement, 3);
        }
        i++;
        run = i;
    }
    if (out && rc == NF_OK)
        rc = nf_buf_append(out, data + run, len - run);
    local.bytes = len;
    if (st) {
        st->bytes += local.bytes;
        st->nul += local.nul;
        st->control += local.control;
        st->invalid += local.invalid;
    }
    return rc;
}

int nf_clean_is_binary(const nf_clean_stats *st)
{
    size_t bad = st->nul + st->control + st->invalid;
    return bad * 10 > st->bytes * 3;
}

int nf_utf8_is_blank(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)data[i];
        if (nf_is_space(c)) {
            i++;
        } else if (c == 0xc2 && i + 1 < len && (unsigned char)data[i + 1] == 0xa0) {
            i += 2;
        } else if (nf_utf8_bom_len(data + i, len - i)) {
            i += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

size_t nf_utf8_bom_len(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}
