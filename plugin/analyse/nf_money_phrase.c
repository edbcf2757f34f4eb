/* Phrase matching for the money scanner: whitespace- and hyphen-tolerant,
 * optionally case-insensitive, with a word-boundary check at the end.  Kept
 * apart from the scanner so the loader can build the same lists. */
#include "nf_money_conf.h"

#include <string.h>

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

size_t nf_money_space_at(const char *text, size_t len, size_t pos)
{
    if (pos >= len)
        return 0;
    const unsigned char *t = (const unsigned char *)text;
    unsigned char c = t[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return 1;
    if (c == 0xC2 && pos + 1 < len && t[pos + 1] == 0xA0)          /* U+00A0 */
        return 2;
    if (c == 0xE2 && pos + 2 < len && t[pos + 1] == 0x80 &&
        ((t[pos + 2] >= 0x80 && t[pos + 2] <= 0x8A) || t[pos + 2] == 0xAF))
        return 3;                                                   /* U+2000-200A, U+202F */
    if (c == 0xE3 && pos + 2 < len && t[pos + 1] == 0x80 && t[pos + 2] == 0x80)
        return 3;                                                   /* U+3000 */
    return 0;
}

/* Bytes of a hyphen at POS: '-', U+2010, U+2011 (0 when none). */
static size_t hyphen_at(const unsigned char *t, size_t len, size_t pos)
{
    if (pos < len && t[pos] == '-')
        return 1;
    if (pos + 2 < len && t[pos] == 0xE2 && t[pos + 1] == 0x80 &&
        (t[pos + 2] == 0x90 || t[pos + 2] == 0x91))
        return 3;
    return 0;
}

size_t nf_money_match(const char *text, size_t len, size_t pos,
                      const char *p, size_t plen, unsigned how)
{
    int icase = !!(how & NF_MATCH_ICASE);
    const unsigned char *t = (const unsigned char *)text;
    const unsigned char *q = (const unsigned char *)p;
    size_t i = pos;
    for (size_t j = 0; j < plen; j++) {
        if (q[j] == ' ') {
            /* One or more spaces, at most one line break. */
            size_t k, newlines = 0, start = i;
            while ((k = nf_money_space_at(text, len, i)) > 0) {
                if (t[i] == '\n' && ++newlines > 1)
                    return 0;
                i += k;
            }
            if (i == start)
                return 0;
            continue;
        }
        if (q[j] == '-') {
            size_t k = hyphen_at(t, len, i);
            if (!k)
                return 0;
            i += k;
            continue;
        }
        if (i >= len)
            return 0;
        if (icase ? lower(t[i]) != lower(q[j]) : t[i] != q[j])
            return 0;
        i++;
    }
    /* Word boundary: a phrase ending in a letter or digit may not run into
     * another one ("percentile"), except that markers before a number may
     * touch its digits ("USD5bn", "Rs500"). */
    if (plen && i < len) {
        unsigned char last = q[plen - 1], next = t[i];
        if ((is_alpha(last) || is_digit(last)) && (is_alpha(next) || is_digit(next)) &&
            !((how & NF_MATCH_DIGIT_AFTER) && is_alpha(last) && is_digit(next)))
            return 0;
    }
    return i;
}

size_t nf_phrase_list_match(const nf_phrase_list *l, const char *text,
                            size_t len, size_t pos, size_t *which)
{
    if (pos >= len || !l->idx)
        return 0;
    unsigned char b = (unsigned char)text[pos];
    if (!l->any_second[b]) {
        /* At the end of the text a one-letter phrase ("a") can still match;
         * the pair table then cannot tell, so only filter inside it. */
        if (pos + 1 < len) {
            unsigned k = (unsigned)b << 8 | (unsigned char)text[pos + 1];
            if (!(l->pair[k >> 3] & (1u << (k & 7))))
                return 0;
        }
    }
    for (uint32_t k = l->off[b]; k < l->off[b + 1]; k++) {
        const nf_money_phrase *ph = &l->v[l->idx[k]];
        size_t end = nf_money_match(text, len, pos, ph->text, ph->len, l->how);
        if (end) {
            if (which)
                *which = l->idx[k];
            return end;
        }
    }
    return 0;
}
