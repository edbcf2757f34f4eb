/* The tokeniser: Xapian TermGenerator's word rules, plus sentences.
 *
 * parse_word() follows parse_terms() in Xapian 1.4's
 * queryparser/termgenerator_internal.cc step by step (without its CJK
 * n-gram mode, which is off unless XAPIAN_CJK_NGRAM is set), so that the
 * terms come out identical; tests/tokenise/compat_termgen.py checks this
 * against the real TermGenerator.  One pass over the text, no allocation
 * per token: terms go to one arena sized for the worst case up front. */
#include "analyse/nf_tokenise.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/nf_gap.h"
#include "analyse/nf_uchar.h"
#include "analyse/nf_utf8.h"
#include "core/nf_error.h"

/* check_infix() / check_infix_digit() result: skip the character. */
#define INFIX_IGNORE 0xFFFFFFFFu

static inline int zero_width(uint32_t c)
{
    return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/* Between two word characters, not both digits: apostrophes, '&' (AT&T),
 * middle dots; right single quotes become '. */
static inline uint32_t infix_char(uint32_t c)
{
    if (c == '\'' || c == '&' || c == 0xB7 || c == 0x5F4 || c == 0x2027)
        return c;
    if (c == 0x2019 || c == 0x201B)
        return '\'';
    return zero_width(c) ? INFIX_IGNORE : 0;
}

/* Between two digits: number separators (Unicode's word-boundary list). */
static inline uint32_t infix_digit_char(uint32_t c)
{
    switch (c) {
    case ',': case '.': case ';':
    case 0x037E: case 0x0589: case 0x060D: case 0x07F8: case 0x2044:
    case 0xFE10: case 0xFE13: case 0xFE14:
        return c;
    default:
        return zero_width(c) ? INFIX_IGNORE : 0;
    }
}

/* One decoded character. */
typedef struct uch {
    uint32_t cp;
    unsigned len;
    unsigned cls;    /* NF_UC_* */
} uch;

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void get(uch *u, const unsigned char *s, size_t len, size_t p)
{
    unsigned c = s[p];
    if (c < 0x80) {
        u->cp = c;
        u->len = 1;
        u->cls = nf_uc_ascii(c);
        return;
    }
    u->cp = nf_utf8_decode(s + p, s + len, &u->len);
    u->cls = nf_uc_class(u->cp);
}

static inline char *put(char *w, uint32_t cp)
{
    if (cp < 0x80) {
        *w = (char)cp;
        return w + 1;
    }
    return w + nf_utf8_encode(w, cp);
}

typedef struct word {
    size_t end;       /* end of the surface form */
    size_t resume;    /* where TermGenerator looks for the next word */
    unsigned flags;
} word;

/* The word starting at I, whose first character U is a word character.
 * Writes its term at W and returns the term's end. */
static char *parse_word(word *wd, const unsigned char *s, size_t len,
                        size_t i, uch u, char *w)
{
    char *const w0 = w;
    const unsigned first = u.cls;
    unsigned nup = 0, nlow = 0;

    /* Initials separated by dots (U.S.A., P.T.O.): ASCII capitals only, at
     * least two, and no word character right after. */
    if (u.cp - 'A' < 26u) {
        size_t p = i;
        do {
            *w++ = (char)(s[p++] | 0x20);
        } while (p < len && s[p] == '.' && ++p < len &&
                 (unsigned)s[p] - 'A' < 26u);
        if (w - w0 > 1) {
            uch v = {0, 0, 0};
            if (p < len)
                get(&v, s, len, p);
            if (!(v.cls & NF_UC_WORD)) {
                wd->end = s[p - 1] == '.' ? p - 1 : p;   /* dot: punctuation */
                wd->resume = p;
                wd->flags = NF_TOK_UPPER_INITIAL | NF_TOK_ALL_UPPER;
                return w;
            }
        }
        w = w0;
    }

    uint32_t ch = nf_uc_tolower(u.cp);
    for (;;) {
        int prev_digit;
        do {
            w = put(w, ch);
            nup += (u.cls & NF_UC_UPPER) != 0;
            nlow += (u.cls & NF_UC_LOWER) != 0;
            prev_digit = (u.cls & NF_UC_DIGIT) != 0;
            i += u.len;
            /* ASCII fast path: letters and digits straight through. */
            while (i < len) {
                unsigned c = s[i];
                if (c - 'a' < 26u) {
                    nlow++;
                    prev_digit = 0;
                } else if (c - '0' < 10u) {
                    prev_digit = 1;
                } else if (c - 'A' < 26u) {
                    nup++;
                    prev_digit = 0;
                    c |= 0x20;
                } else {
                    break;
                }
                *w++ = (char)c;
                i++;
            }
            if (i >= len) {
                wd->end = wd->resume = i;
                goto done;
            }
            get(&u, s, len, i);
            if (!(u.cls & NF_UC_WORD))
                break;
            ch = nf_uc_tolower(u.cp);
        } while (1);

        /* U (at I) is no word character: an infix if a word character
         * follows and U is one of the allowed joiners. */
        size_t next = i + u.len;
        if (next >= len)
            break;
        uch v;
        get(&v, s, len, next);
        if (!(v.cls & NF_UC_WORD))
            break;
        uint32_t inf = (prev_digit && (v.cls & NF_UC_DIGIT))
                           ? infix_digit_char(u.cp) : infix_char(u.cp);
        if (!inf)
            break;
        if (inf != INFIX_IGNORE)
            w = put(w, inf);
        u = v;
        i = next;
        ch = nf_uc_tolower(u.cp);
    }

    /* Up to three '+' or '#' (C++, C#), but not when a word character
     * follows ("fish+chips" is fish, chips). */
    wd->end = i;
    {
        char *const wl = w;
        unsigned count = 0;
        while (u.cp == '+' || u.cp == '#') {
            if (++count > 3) {
                w = wl;
                break;
            }
            *w++ = (char)u.cp;
            if (++i >= len) {
                wd->end = wd->resume = i;
                goto done;
            }
            get(&u, s, len, i);
        }
        if (count <= 3) {
            if (u.cls & NF_UC_WORD)
                w = wl;
            else
                wd->end = i;
        }
        wd->resume = i;
    }

done:
    wd->flags = 0;
    if (first & NF_UC_UPPER)
        wd->flags |= NF_TOK_UPPER_INITIAL;
    if (first & NF_UC_DIGIT)
        wd->flags |= NF_TOK_DIGIT_INITIAL;
    if (nlow == 0 && nup >= 2)
        wd->flags |= NF_TOK_ALL_UPPER;
    return w;
}

/* Grow *V (element size SZ) to hold at least NEED elements. */
static int reserve(void **v, size_t *cap, size_t need, size_t sz)
{
    if (*cap >= need)
        return NF_OK;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * sz);
    if (!p)
        return nf_set_error(NF_ENOMEM, "tokeniser: out of memory for %zu items", n);
    *v = p;
    *cap = n;
    return NF_OK;
}

static int open_sentence(nf_tokens *t, size_t start, size_t first_tok)
{
    int rc = reserve((void **)&t->sentences, &t->sentences_cap,
                     t->nsentences + 1, sizeof *t->sentences);
    if (rc)
        return rc;
    nf_sentence *se = &t->sentences[t->nsentences++];
    se->start = se->end = (uint32_t)start;
    se->tok_first = (uint32_t)first_tok;
    se->tok_count = 0;
    return NF_OK;
}

int nf_tokenise(nf_tokens *t, const char *text, size_t len,
                const struct nf_lang *lang)
{
    if (!t || (!text && len))
        return nf_set_error(NF_EINVAL, "nf_tokenise: no text given");
    if (len >= UINT32_MAX)
        return nf_set_error(NF_EINVAL, "nf_tokenise: a text of %zu bytes is over "
                            "the 4 GiB limit", len);
    t->text = text;
    t->text_len = len;
    t->n = t->terms_len = t->nsentences = 0;
    /* Terms never need more than 2*len+2 bytes: lower-casing grows a
     * character by at most half (U+023A -> U+2C65), and every token but
     * the last is followed by at least one byte of non-term, which pays
     * for its NUL. */
    int rc = reserve((void **)&t->terms, &t->terms_cap, 2 * len + 16, 1);
    if (rc == NF_OK)
        rc = reserve((void **)&t->v, &t->cap, len / 6 + 16, sizeof *t->v);
    if (rc)
        return rc;

    const unsigned char *s = (const unsigned char *)text;
    char *w = t->terms;
    size_t i = 0, prev_end = 0;
    for (;;) {
        uch u;
        /* Skip to the next word character. */
        while (i < len) {
            unsigned c = s[i];
            if (c < 0x80) {
                if (nf_uc_ascii(c) & NF_UC_WORD)
                    break;
                i++;
                continue;
            }
            get(&u, s, len, i);
            if (u.cls & NF_UC_WORD)
                break;
            i += u.len;
        }
        if (i >= len)
            break;
        get(&u, s, len, i);

        if (t->n == t->cap &&
            (rc = reserve((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v)))
            return rc;
        unsigned flags = 0;
        if (t->n == 0) {
            rc = open_sentence(t, nf_gap_sentence_start(s, 0, i), 0);
        } else {
            nf_gap g;
            nf_gap_scan(&g, s, len, prev_end, i, lang);
            flags = g.flags;
            if (g.brk) {
                t->sentences[t->nsentences - 1].end = g.brk_end;
                rc = open_sentence(t, g.next_start, t->n);
            }
        }
        if (rc)
            return rc;

        word wd;
        char *const w0 = w;
        w = parse_word(&wd, s, len, i, u, w);
        nf_token *tok = &t->v[t->n++];
        tok->start = (uint32_t)i;
        tok->end = (uint32_t)wd.end;
        tok->term = (uint32_t)(w0 - t->terms);
        tok->term_len = (uint32_t)(w - w0);
        tok->sentence = (uint32_t)(t->nsentences - 1);
        tok->flags = flags | wd.flags;
        *w++ = '\0';
        t->sentences[t->nsentences - 1].tok_count++;
        prev_end = wd.end;
        i = wd.resume;
    }
    if (t->n)
        t->sentences[t->nsentences - 1].end =
            (uint32_t)nf_gap_text_end(s, len, prev_end);
    *w = '\0';
    t->terms_len = (size_t)(w - t->terms);
    return NF_OK;
}

void nf_tokens_free(nf_tokens *t)
{
    if (!t)
        return;
    free(t->v);
    free(t->terms);
    free(t->sentences);
    memset(t, 0, sizeof *t);
}
