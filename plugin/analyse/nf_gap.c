/* The text between two tokens: line breaks, hyphens, and sentence ends.
 *
 * Sentence rules for scraped news, where every line is a paragraph or a
 * heading:
 *  - a line break ends a sentence, unless the line ends with a word split
 *    by a hyphen ("Micro-\nsoft"), which joins the two tokens instead;
 *  - '.', '!', '?', '…' (runs of them, then closing quotes or brackets) end
 *    one when a blank follows and the next token starts like a sentence: a
 *    capital, a caseless letter, a digit or a camel-case name ("xAI"),
 *    possibly after opening quotes, brackets or a currency sign.  So "1.5", "gogoai.xin" and "end.Next"
 *    never split (no blank), nor does "etc. and so on" (lower case);
 *  - a single capital with a dot ("J. Smith") and the abbreviations of
 *    language.yaml do not end sentences; "may end" abbreviations ("Inc.")
 *    do when the next word is a listed sentence starter;
 *  - CJK full stops end a sentence without a following blank;
 *  - semicolons and colons never do. */
#include "analyse/nf_gap.h"

#include "analyse/nf_lang.h"
#include "analyse/nf_tokens.h"
#include "analyse/nf_uchar.h"
#include "analyse/nf_utf8.h"

/* How far back to look for an abbreviation (bytes, > longest allowed). */
#define ABBREV_LOOKBACK 40

static inline int is_linebreak(uint32_t c)
{
    return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

static inline int is_hyphen(uint32_t c)
{
    /* hyphen-minus, hyphen, non-breaking hyphen, soft hyphen */
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0xAD;
}

static inline int is_blank(uint32_t c)
{
    return (nf_uc_class(c) & NF_UC_SPACE) != 0;
}

/* Sentence punctuation that wants a blank after it. */
static inline int is_terminator(uint32_t c)
{
    switch (c) {
    case '.': case '!': case '?':
    case 0x2026:                     /* … */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:  /* ‼ ⁇ ⁈ ⁉ */
    case 0x061F: case 0x06D4:        /* Arabic question mark, full stop */
    case 0x0964: case 0x0965:        /* Devanagari danda, double danda */
        return 1;
    default:
        return 0;
    }
}

/* Full stops of scripts written without blanks between sentences. */
static inline int is_cjk_terminator(uint32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

static inline uint32_t decode(const unsigned char *s, size_t end, size_t p,
                              unsigned *l)
{
    return nf_utf8_decode(s + p, s + end, l);
}

/* The start of the code point that ends at P (P > LO). */
static size_t prev_start(const unsigned char *s, size_t lo, size_t p)
{
    size_t q = p - 1;
    int k = 0;
    while (q > lo && k < 3 && (s[q] & 0xC0) == 0x80) {
        q--;
        k++;
    }
    unsigned l;
    nf_utf8_decode(s + q, s + p, &l);
    return q + l == p ? q : p - 1;
}

/* P moved back over blanks, not before LO. */
static size_t rtrim(const unsigned char *s, size_t lo, size_t p)
{
    while (p > lo) {
        size_t q = prev_start(s, lo, p);
        unsigned l;
        uint32_t c = decode(s, p, q, &l);
        if (!is_blank(c) && !is_linebreak(c))
            break;
        p = q;
    }
    return p;
}

size_t nf_gap_sentence_start(const unsigned char *s, size_t lo, size_t tok)
{
    size_t p = tok;
    while (p > lo) {
        size_t q = prev_start(s, lo, p);
        unsigned l;
        uint32_t c = decode(s, p, q, &l);
        if (!(nf_uc_class(c) & (NF_UC_OPEN | NF_UC_CURRENCY)))
            break;
        p = q;
    }
    return p;
}

size_t nf_gap_text_end(const unsigned char *s, size_t len, size_t a)
{
    size_t p = a;
    while (p < len) {
        unsigned l;
        uint32_t c = decode(s, len, p, &l);
        if (is_linebreak(c))
            break;
        p += l;
    }
    return rtrim(s, a, p);
}

/* "word-" + blanks + line break at NL (NL_END after it) + blanks up to the
 * next token at B: a word split across lines. */
static int hyphenated(const unsigned char *s, size_t a, size_t nl,
                      size_t nl_end, size_t b)
{
    unsigned l;
    if (a >= nl || !is_hyphen(decode(s, nl, a, &l)))
        return 0;
    size_t q = a + l;
    while (q < nl && is_blank(decode(s, nl, q, &l)))
        q += l;
    if (q != nl)
        return 0;
    q = nl_end;
    while (q < b && is_blank(decode(s, b, q, &l)))
        q += l;
    return q == b;
}

/* The word before the terminator at P (P .. P+1 inclusive of it): from the
 * last blank or opening bracket or quote (not the apostrophe of "Int'l."). */
static size_t word_before(const unsigned char *s, size_t p)
{
    size_t lo = p > ABBREV_LOOKBACK ? p - ABBREV_LOOKBACK : 0;
    size_t w = p;
    while (w > lo) {
        size_t q = prev_start(s, lo, w);
        unsigned l;
        uint32_t c = decode(s, w, q, &l);
        if (is_blank(c) || is_linebreak(c) ||
            (c != '\'' && (nf_uc_class(c) & NF_UC_OPEN)))
            break;
        w = q;
    }
    return w;
}

/* Whether the abbreviation or initial S[W..P] (P: its '.', '!' or '?')
 * keeps the sentence going before the token at B. */
static int abbreviation_continues(const unsigned char *s, size_t len,
                                  size_t w, size_t p, size_t b,
                                  const struct nf_lang *lang)
{
    size_t n = p + 1 - w;
    if (n < 2)
        return 0;
    unsigned l;
    uint32_t first = decode(s, p, w, &l);
    if (w + l == p && (nf_uc_class(first) & NF_UC_UPPER) && s[p] == '.')
        return 1;                                   /* an initial: "J." */
    nf_abbrev_kind k = nf_lang_abbrev(lang, (const char *)s + w, n);
    if (k == NF_ABBREV_NEVER_FINAL)
        return 1;
    if (k == NF_ABBREV_MAY_END) {
        /* The next word: word characters and apostrophes ("It's"). */
        size_t e = b;
        while (e < len && e - b < ABBREV_LOOKBACK) {
            uint32_t c = decode(s, len, e, &l);
            if (!(nf_uc_class(c) & NF_UC_WORD) && c != '\'' && c != 0x2019)
                break;
            e += l;
        }
        return !nf_lang_is_starter(lang, (const char *)s + b, e - b);
    }
    return 0;
}

/* A word that starts in lower case but has a capital further on is a name
 * ("xAI", "iPhone", "eBay") and may start a sentence. */
static int camel_case(const unsigned char *s, size_t len, size_t b)
{
    size_t e = b;
    while (e < len && e - b < ABBREV_LOOKBACK) {
        unsigned l;
        unsigned cls = nf_uc_class(decode(s, len, e, &l));
        if (!(cls & NF_UC_WORD))
            break;
        if (cls & NF_UC_UPPER)
            return 1;
        e += l;
    }
    return 0;
}

/* A terminator at P: does the sentence end there?  *AFTER gets the end of
 * the punctuation (closing quotes included), where scanning goes on. */
static int sentence_ends_at(size_t *after, const unsigned char *s, size_t len,
                            size_t p, size_t b, const struct nf_lang *lang)
{
    size_t q = p;
    unsigned run = 0, l;
    int cjk = 0;
    while (q < b) {
        uint32_t c = decode(s, b, q, &l);
        if (is_cjk_terminator(c))
            cjk = 1;
        else if (!is_terminator(c))
            break;
        run++;
        q += l;
    }
    while (q < b) {
        uint32_t c = decode(s, b, q, &l);
        if (!(nf_uc_class(c) & NF_UC_CLOSE))
            break;
        q += l;
    }
    *after = q;
    if (cjk)
        return 1;
    if (q >= b)
        return 0;                        /* no blank: "1.5", "gogoai.xin" */
    uint32_t c = decode(s, b, q, &l);
    if (!is_blank(c) && !is_linebreak(c))
        return 0;
    size_t r = q;
    while (r < b) {
        c = decode(s, b, r, &l);
        if (is_linebreak(c))
            return 1;                    /* the line ends here anyway */
        if (!is_blank(c))
            break;
        r += l;
    }
    /* Opening quotes, brackets and currency signs may precede the token. */
    while (r < b) {
        c = decode(s, b, r, &l);
        if (!(nf_uc_class(c) & (NF_UC_OPEN | NF_UC_CURRENCY)))
            return 0;                    /* "etc. - more", "vs. — them" */
        r += l;
    }
    if (!(nf_uc_class(decode(s, len, b, &l)) & NF_UC_STARTER) &&
        !camel_case(s, len, b))
        return 0;                        /* lower case: "etc. and" */
    if (run == 1 && (s[p] == '.' || s[p] == '!' || s[p] == '?') &&
        abbreviation_continues(s, len, word_before(s, p), p, b, lang))
        return 0;
    return 1;
}

void nf_gap_scan(nf_gap *g, const unsigned char *s, size_t len, size_t a,
                 size_t b, const struct nf_lang *lang)
{
    g->flags = 0;
    g->brk = 0;
    g->brk_end = g->next_start = (uint32_t)b;
    /* Fast paths: most gaps are one blank or plain ASCII punctuation. */
    if (b - a == 1) {
        unsigned c = s[a];
        if (c == '-')
            g->flags = NF_TOK_JOINED_BEFORE;
        if (c != '\n' && c != '\r' && c != '\v' && c != '\f')
            return;
    } else {
        size_t p = a;
        while (p < b) {
            unsigned c = s[p];
            if (c >= 0x80 || c == '.' || c == '!' || c == '?' || c == '-' ||
                c == '\n' || c == '\r' || c == '\v' || c == '\f')
                break;
            p++;
        }
        if (p == b)
            return;
    }

    size_t p = a, brk_point = b;
    unsigned lines = 0;
    int blank_line = 1;   /* only blanks since the last line break */
    while (p < b) {
        unsigned l;
        uint32_t c = decode(s, b, p, &l);
        if (is_linebreak(c)) {
            if (c == '\r' && p + 1 < b && s[p + 1] == '\n')
                l = 2;
            if ((lines && blank_line) || c == 0x2029)
                g->flags |= NF_TOK_PARA_BEFORE;
            if (!g->brk) {
                if (lines == 0 && hyphenated(s, a, p, p + l, b)) {
                    g->flags |= NF_TOK_JOINED_BEFORE;
                } else {
                    g->brk = 1;
                    g->brk_end = (uint32_t)rtrim(s, a, p);
                    brk_point = p + l;
                }
            }
            lines++;
            blank_line = 1;
            p += l;
            continue;
        }
        if (!is_blank(c))
            blank_line = 0;
        if (!g->brk && (is_terminator(c) || is_cjk_terminator(c))) {
            size_t q;
            if (sentence_ends_at(&q, s, len, p, b, lang)) {
                g->brk = 1;
                g->brk_end = (uint32_t)q;
                brk_point = q;
            }
            p = q;
            continue;
        }
        p += l;
    }
    if (lines)
        g->flags |= NF_TOK_NEWLINE_BEFORE;
    else if (b - a <= 3) {
        /* A lone hyphen of any kind between two words: "revenue-sharing". */
        unsigned l;
        if (is_hyphen(decode(s, b, a, &l)) && a + l == b)
            g->flags |= NF_TOK_JOINED_BEFORE;
    }
    if (g->brk)
        g->next_start = (uint32_t)nf_gap_sentence_start(s, brk_point, b);
}
