/* Internal: a growable byte buffer, always NUL-terminated. */
#ifndef NF_BUF_H
#define NF_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct nf_buf {
    char *data;   /* NULL until something is appended */
    size_t len;
    size_t cap;
} nf_buf;

#define NF_BUF_INIT {NULL, 0, 0}

/* All return NF_OK or NF_ENOMEM (with the error recorded). */
int nf_buf_reserve(nf_buf *b, size_t extra);
int nf_buf_append(nf_buf *b, const char *s, size_t n);
int nf_buf_puts(nf_buf *b, const char *s);
int nf_buf_putc(nf_buf *b, char c);
int nf_buf_printf(nf_buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append S as a JSON string literal, quotes included. */
int nf_buf_json_string(nf_buf *b, const char *s, size_t n);
void nf_buf_clear(nf_buf *b);
/* Hand the data over (never NULL: "" for an empty buffer); B is reset. */
char *nf_buf_detach(nf_buf *b);
void nf_buf_free(nf_buf *b);

#endif
