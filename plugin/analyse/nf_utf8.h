/* Internal: decoding UTF-8 one code point at a time, for the tokeniser.
 *
 * Text handed to analysis is meant to be valid UTF-8 already, but nothing
 * may crash or loop on bad input: every byte that does not start a valid,
 * complete, shortest-form sequence decodes as U+FFFD with length 1, so the
 * scan always moves forward. */
#ifndef NF_UTF8_H
#define NF_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define NF_UTF8_REPLACEMENT 0xFFFDu

/* The longest prefix of S no longer than N bytes that does not split a
 * UTF-8 sequence (S holds at least N + 1 bytes, or N is its length). */
static inline size_t nf_utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* The code point at P (P < END); its byte length goes to *LEN. */
static inline uint32_t nf_utf8_decode(const unsigned char *p,
                                      const unsigned char *end, unsigned *len)
{
    unsigned b0 = p[0];
    if (b0 < 0x80) {
        *len = 1;
        return b0;
    }
    size_t avail = (size_t)(end - p);
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (avail >= 2 && (p[1] & 0xC0) == 0x80) {
            *len = 2;
            return ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        }
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        /* E0 needs A0..BF (no overlongs), ED needs 80..9F (no surrogates). */
        unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
        if (avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80) {
            *len = 3;
            return ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        /* F0 needs 90..BF (no overlongs), F4 needs 80..8F (<= U+10FFFF). */
        unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (avail >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
            (p[3] & 0xC0) == 0x80) {
            *len = 4;
            return ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
                   ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        }
    }
    *len = 1;
    return NF_UTF8_REPLACEMENT;
}

/* Encode CP (a valid scalar value) at OUT; returns the bytes written. */
static inline unsigned nf_utf8_encode(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#endif
