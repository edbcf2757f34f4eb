/* Internal to the money module: the loaded form of money.yaml, shared by
 * the loader (nf_money_conf.c) and the scanner (nf_money_scan.c). */
#ifndef NF_MONEY_CONF_H
#define NF_MONEY_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "nf_money.h"

/* Phrase flags. */
enum {
    NF_MP_NEEDS_SCALE = 1u << 0,  /* currency word that is money only after a
                                     scale ("5 million pounds", not "3 pounds") */
    NF_MP_POINTS = 1u << 1,       /* percent word meaning percentage points */
    NF_MP_GLUED = 1u << 2,        /* only directly after the digits ("5pc") */
    NF_MP_SHORT = 1u << 3         /* scale abbreviation: glued, or spaced when
                                     two letters or more ("$5bn", "$5 bn") */
};

/* Kinds of number words. */
enum {
    NF_NW_CARDINAL = 1,   /* one .. ninety */
    NF_NW_MULTIPLIER,     /* hundred, dozen */
    NF_NW_FRACTION,       /* half, quarter */
    NF_NW_ARTICLE,        /* a, an: "a billion" */
    NF_NW_JOINER,         /* and: "two hundred and fifty", "two and a half" */
    NF_NW_LINK            /* of: "a quarter of a billion" */
};

typedef struct nf_money_phrase {
    char *text;           /* as written in money.yaml */
    size_t len;
    int ref;              /* currency index, qualifier, number-word kind */
    double factor;        /* scale factor, currency-word factor, percent
                             factor, number-word value */
    unsigned flags;       /* NF_MP_* */
    unsigned line;        /* where money.yaml defines it */
} nf_money_phrase;

/* A list of phrases, longest first, indexed by first byte (both cases of
 * an ASCII letter when the list ignores case). */
typedef struct nf_phrase_list {
    nf_money_phrase *v;
    size_t n, cap;
    unsigned how;         /* NF_MATCH_* */
    uint32_t off[257];    /* phrases starting with byte b: idx[off[b]..off[b+1]) */
    uint32_t *idx;
    /* A quick filter on the first two bytes, so that most words are turned
     * away without comparing phrases: bit (b0 << 8 | b1) is set when a
     * phrase may start with b0 b1; any_second[b0] when one starting with
     * b0 may be followed by anything (one byte long, or a space or hyphen
     * second, which match several byte sequences). */
    uint8_t pair[65536 / 8];
    uint8_t any_second[256];
} nf_phrase_list;

typedef struct nf_money_currency {
    char code[4];
    double usd_per;       /* at the configured rate date */
    unsigned line;
} nf_money_currency;

typedef struct nf_rate_row {
    char date[11];        /* YYYY-MM-DD */
    char (*codes)[4];
    double *usd_per;
    size_t n;
    unsigned line;
} nf_rate_row;

struct nf_money_conf {
    char *path;
    nf_money_currency *currencies;
    size_t ncurrencies;
    nf_phrase_list before;       /* currency markers before the number (exact case) */
    nf_phrase_list after;        /* currency words after the number (any case) */
    nf_phrase_list scales;       /* words and abbreviations (any case) */
    nf_phrase_list percent;      /* "%", "percent", "percentage points" ... */
    nf_phrase_list numbers;      /* written numbers (any case) */
    nf_phrase_list qualifiers;   /* matched backwards from the amount */
    nf_phrase_list vague;        /* not values: "tens of billions" ... */
    nf_phrase_list connectors;   /* range: "-", "to" */
    nf_phrase_list between;      /* "between" X ... */
    nf_phrase_list between_join; /* ... "and" Y */
    nf_phrase_list change_from;  /* "from X to Y": two values, not a range */
    nf_rate_row *rates;          /* sorted by date */
    size_t nrates;
    char rate_date[11];
    uint8_t trigger[256];        /* bytes where an amount may start */
};

/* How a phrase list matches. */
enum {
    NF_MATCH_ICASE = 1u << 0,        /* ASCII letters ignore case */
    NF_MATCH_DIGIT_AFTER = 1u << 1   /* a digit may follow a final letter */
};

/* Match phrase P at TEXT[POS..LEN).  A space in P matches a run of
 * whitespace (ASCII, no-break and thin spaces, at most one line break); a
 * '-' matches any hyphen.  When P ends in a letter or digit the text must
 * not continue with one (but see NF_MATCH_DIGIT_AFTER).  Returns the end
 * offset, or 0 when P does not match. */
size_t nf_money_match(const char *text, size_t len, size_t pos,
                      const char *p, size_t plen, unsigned how);

/* The longest phrase of L matching at POS: its end (0 = none), *which its
 * index. */
size_t nf_phrase_list_match(const nf_phrase_list *l, const char *text,
                            size_t len, size_t pos, size_t *which);

/* Bytes of one whitespace character at POS (0 when none). */
size_t nf_money_space_at(const char *text, size_t len, size_t pos);

#endif
