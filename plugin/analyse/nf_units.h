/* Internal: a stretch of text as "units" -- its words (lower-cased token
 * terms) with the punctuation marks between them that some rule cares
 * about.  Stance cues ("sources said", ",", "?") and attribution patterns
 * ("( {outlet} ) —", "according to {outlet}") are matched on units, so a
 * comma or a dash can end a cue's scope while other punctuation (quotes,
 * emoji) stays transparent.
 *
 * Normalisation: words compare lower-cased with curly apostrophes as "'";
 * every dash that separates words (em dash, en dash, a hyphen with a space
 * beside it, "--") is the unit "—"; hyphens inside words ("non-exclusive")
 * and separators inside numbers ("1,000", "2019-2023") are no units. */
#ifndef NF_UNITS_H
#define NF_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "nf_tokens.h"
#include "nf_wordtab.h"

/* The punctuation marks that become units: one UTF-8 character each. */
typedef struct nf_punct_set {
    char (*v)[8];
    size_t n, cap;
    uint64_t ascii[2];  /* the one-byte marks, as bits: a quick answer */
} nf_punct_set;

int nf_punct_set_add(nf_punct_set *ps, const char *mark);
int nf_punct_set_has(const nf_punct_set *ps, const char *mark);
void nf_punct_set_free(nf_punct_set *ps);

typedef struct nf_unit {
    uint32_t text;       /* offset of the normalised text in nf_units.store */
    uint32_t tok;        /* word: its token; mark: the token after it */
    uint32_t tok_flags;  /* word: the token's NF_TOK_* flags; mark:
                            NF_TOK_NEWLINE_BEFORE when it starts a line */
    uint32_t sentence;   /* the sentence it belongs to */
    uint32_t word;       /* its id in nf_units.wt (0: none), after nf_units_intern */
    uint8_t punct;       /* 1 for a punctuation mark */
} nf_unit;

typedef struct nf_units {
    nf_unit *v;
    size_t n, cap;
    char *store;
    size_t store_len, store_cap;
    const nf_wordtab *wt;  /* the table unit.word ids come from (NULL: none) */
} nf_units;

/* Replace U's contents with the units of tokens [TOK_FIRST, TOK_END) of T,
 * plus the marks between byte BYTE_START and the first token and between
 * the last token and BYTE_END (a sentence's own punctuation). */
int nf_units_build(nf_units *u, const nf_tokens *t, size_t tok_first, size_t tok_end,
                   size_t byte_start, size_t byte_end, const nf_punct_set *marks);
void nf_units_free(nf_units *u);

/* Give every unit its id in WT (0 for a word WT does not hold), so that
 * patterns interned in WT compare integers (nf_pattern_intern). */
void nf_units_intern(nf_units *u, const nf_wordtab *wt);

static inline const char *nf_unit_text(const nf_units *u, size_t i)
{
    return u->store + u->v[i].text;
}

/* The index of the first unit at or after token TOK, or u->n. */
size_t nf_units_find_token(const nf_units *u, uint32_t tok);

/* Normalise a word or mark written in a schema file the way units are
 * normalised (lower case, straight apostrophe, dashes as "—"); returns a
 * malloc'd string or NULL on out-of-memory. */
char *nf_units_normalise(const char *s);

#endif
