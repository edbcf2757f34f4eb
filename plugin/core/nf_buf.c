#include "nf_buf.h"
#include "nf_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nf_buf_reserve(nf_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return NF_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return nf_set_error(NF_ENOMEM, "buffer too large");
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return nf_set_error(NF_ENOMEM, "out of memory growing a buffer to %zu bytes", cap);
    b->data = p;
    b->cap = cap;
    return NF_OK;
}

int nf_buf_append(nf_buf *b, const char *s, size_t n)
{
    int rc = nf_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return NF_OK;
}

int nf_buf_puts(nf_buf *b, const char *s)
{
    return nf_buf_append(b, s, strlen(s));
}

int nf_buf_putc(nf_buf *b, char c)
{
    return nf_buf_append(b, &c, 1);
}

int nf_buf_printf(nf_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return nf_set_error(NF_EINVAL, "bad format string");
    int rc = nf_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return NF_OK;
}

int nf_buf_json_string(nf_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    int rc = nf_buf_putc(b, '"');
    for (size_t i = 0; i < n && rc == NF_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': rc = nf_buf_append(b, "\\\"", 2); break;
        case '\\': rc = nf_buf_append(b, "\\\\", 2); break;
        case '\n': rc = nf_buf_append(b, "\\n", 2); break;
        case '\r': rc = nf_buf_append(b, "\\r", 2); break;
        case '\t': rc = nf_buf_append(b, "\\t", 2); break;
        default:
            if (c < 0x20) {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                rc = nf_buf_append(b, esc, 6);
            } else {
                rc = nf_buf_putc(b, (char)c);
            }
        }
    }
    return rc ? rc : nf_buf_putc(b, '"');
}

void nf_buf_clear(nf_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *nf_buf_detach(nf_buf *b)
{
    char *p = b->data ? b->data : calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void nf_buf_free(nf_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
