/* Internal: the character properties the tokeniser and the term writer
 * need, from utf8proc's Unicode tables, with an ASCII shortcut.
 *
 * "Word character" is Xapian's definition (Unicode::is_wordchar): letters,
 * marks, numbers and connector punctuation.  Xapian 1.4.22 carries its own
 * (older, Unicode 10) tables; utf8proc's are newer, so characters assigned
 * since then are word characters here and not in Xapian.  Case mappings of
 * every character both consider a word character agree. */
#ifndef NF_UCHAR_H
#define NF_UCHAR_H

#include <stdint.h>
#include <utf8proc.h>

enum {
    NF_UC_WORD = 1u << 0,      /* Xapian word character */
    NF_UC_UPPER = 1u << 1,     /* Lu or Lt */
    NF_UC_LOWER = 1u << 2,     /* Ll */
    NF_UC_DIGIT = 1u << 3,     /* Nd: Xapian's is_digit for number infixes */
    NF_UC_STEM = 1u << 4,      /* Ll Lt Lm Lo: Xapian's should_stem */
    NF_UC_STARTER = 1u << 5,   /* may start a sentence: not a lower-case
                                  letter (Lu Lt Lo Nd Nl No) */
    NF_UC_CURRENCY = 1u << 6,  /* Sc */
    NF_UC_OPEN = 1u << 7,      /* Ps, Pi: opening bracket or quote */
    NF_UC_CLOSE = 1u << 8,     /* Pe, Pf: closing bracket or quote */
    NF_UC_SPACE = 1u << 9      /* Zs or an ASCII blank (not a line break) */
};

/* Indexed by utf8proc_category_t (Cn=0 .. Cf=29 in utf8proc's order). */
static const unsigned short nf_uc_by_category[30] = {
    0,                                              /* Cn */
    NF_UC_WORD | NF_UC_UPPER | NF_UC_STARTER,       /* Lu */
    NF_UC_WORD | NF_UC_LOWER | NF_UC_STEM,          /* Ll */
    NF_UC_WORD | NF_UC_UPPER | NF_UC_STEM | NF_UC_STARTER, /* Lt */
    NF_UC_WORD | NF_UC_STEM,                        /* Lm */
    NF_UC_WORD | NF_UC_STEM | NF_UC_STARTER,        /* Lo */
    NF_UC_WORD, NF_UC_WORD, NF_UC_WORD,             /* Mn Mc Me */
    NF_UC_WORD | NF_UC_DIGIT | NF_UC_STARTER,       /* Nd */
    NF_UC_WORD | NF_UC_STARTER,                     /* Nl */
    NF_UC_WORD | NF_UC_STARTER,                     /* No */
    NF_UC_WORD,                                     /* Pc */
    0,                                              /* Pd */
    NF_UC_OPEN, NF_UC_CLOSE,                        /* Ps Pe */
    NF_UC_OPEN, NF_UC_CLOSE,                        /* Pi Pf */
    0,                                              /* Po */
    0, NF_UC_CURRENCY, 0, 0,                        /* Sm Sc Sk So */
    NF_UC_SPACE, 0, 0,                              /* Zs Zl Zp */
    0, 0, 0, 0                                      /* Cc Cf Cs Co */
};

static inline unsigned nf_uc_ascii(unsigned c)
{
    if (c - 'a' < 26u)
        return NF_UC_WORD | NF_UC_LOWER | NF_UC_STEM;
    if (c - 'A' < 26u)
        return NF_UC_WORD | NF_UC_UPPER | NF_UC_STARTER;
    if (c - '0' < 10u)
        return NF_UC_WORD | NF_UC_DIGIT | NF_UC_STARTER;
    switch (c) {
    case '_': return NF_UC_WORD;
    case ' ': case '\t': return NF_UC_SPACE;
    case '(': case '[': case '{': return NF_UC_OPEN;
    case ')': case ']': case '}': return NF_UC_CLOSE;
    case '$': return NF_UC_CURRENCY;
    /* Straight quotes open and close (Po in Unicode). */
    case '"': case '\'': return NF_UC_OPEN | NF_UC_CLOSE;
    default: return 0;
    }
}

static inline unsigned nf_uc_class(uint32_t cp)
{
    if (cp < 0x80)
        return nf_uc_ascii(cp);
    int cat = utf8proc_category((utf8proc_int32_t)cp);
    return (cat >= 0 && cat < 30) ? nf_uc_by_category[cat] : 0;
}

/* Simple lower-case mapping (what Xapian's Unicode::tolower does). */
static inline uint32_t nf_uc_tolower(uint32_t cp)
{
    if (cp < 0x80)
        return cp - 'A' < 26u ? cp | 0x20u : cp;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

#endif
