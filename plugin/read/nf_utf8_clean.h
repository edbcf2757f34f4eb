/* Internal: making input bytes valid UTF-8, and judging whether they are
 * text at all. */
#ifndef NF_UTF8_CLEAN_H
#define NF_UTF8_CLEAN_H

#include <stddef.h>

#include "core/nf_buf.h"

typedef struct nf_clean_stats {
    size_t bytes;    /* bytes looked at */
    size_t nul;      /* NUL bytes */
    size_t control;  /* other C0 controls and DEL, except tab and line ends */
    size_t invalid;  /* bytes that are not part of a valid UTF-8 sequence */
} nf_clean_stats;

/* Append DATA to OUT (may be NULL: count only) with every invalid UTF-8
 * byte and every NUL replaced by U+FFFD; add to the counts in ST (may be
 * NULL).  Returns NF_OK or NF_ENOMEM. */
int nf_utf8_clean(nf_buf *out, const char *data, size_t len,
                  nf_clean_stats *st);

/* Non-zero when the counts say binary: more than 30% of the bytes are
 * NULs, control bytes or invalid UTF-8. */
int nf_clean_is_binary(const nf_clean_stats *st);

/* Non-zero when DATA holds nothing but white space (ASCII white space,
 * no-break spaces and byte order marks). */
int nf_utf8_is_blank(const char *data, size_t len);

/* ASCII white space: space, tab, line feed, vertical tab, form feed,
 * carriage return (what the readers collapse and trim). */
static inline int nf_is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Length of a UTF-8 byte order mark at the start of DATA (3 or 0). */
size_t nf_utf8_bom_len(const char *data, size_t len);

#endif
