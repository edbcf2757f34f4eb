/* Internal: short word patterns written in schema files, matched on units
 * (nf_units.h).  Shared by stance cues and attribution patterns.
 *
 * Syntax: items separated by spaces.  An item is
 *   - a word or a punctuation mark: "reported", "isn't", ",", "(", "—"
 *   - alternatives joined by '|': "said|says|told"
 *   - any of these followed by '?': optional ("first? reported")
 *   - a slot in braces, "{outlet}", whose meaning the caller gives
 *   - "_": any one word (not a punctuation mark)
 *   - "{eol}": matches no unit, only at the end of the text matched or
 *     before a unit that starts a line ("Source: X" ending its line).
 * Words compare case-insensitively, curly and straight apostrophes alike. */
#ifndef NF_PATTERN_H
#define NF_PATTERN_H

#include <stddef.h>

#include "nf_units.h"
#include "nf_wordtab.h"

typedef struct nf_pattern_item {
    char **alts;       /* normalised alternatives (NULL for a slot) */
    uint32_t *ids;     /* their ids in nf_pattern.wt, after nf_pattern_intern */
    size_t nalts;
    int slot;          /* 0: words; else 1 + index into the caller's slot names */
    int optional;
    int eol;           /* the built-in "{eol}" */
    int any;           /* "_": any one word */
} nf_pattern_item;

typedef struct nf_pattern {
    char *text;        /* as written in the schema (reported as the cue) */
    nf_pattern_item *items;
    size_t n;
    const nf_wordtab *wt;  /* the table its words are interned in (NULL: none) */
} nf_pattern;

/* Compile TEXT.  SLOT_NAMES (NULL-terminated, without braces, may be NULL)
 * are the slots allowed.  On a syntax error returns NF_ESCHEMA and sets
 * *WHY to a static description (the caller names file and line). */
int nf_pattern_compile(nf_pattern *out, const char *text, const char *const *slot_names,
                      const char **why);
void nf_pattern_free(nf_pattern *p);

/* Intern P's words in WT: units interned in the same table (nf_units_intern)
 * then match by integer compares.  Without it, words compare as strings. */
int nf_pattern_intern(nf_pattern *p, nf_wordtab *wt);

/* The ids of the words of one required item of P (interned): no match is
 * possible in a text without one of them.  Returns how many (*IDS points
 * into P), or 0 when every required item is a slot or "_". */
size_t nf_pattern_required(const nf_pattern *p, const uint32_t **ids);

/* An index of patterns by what they can start with, so that a scan tries
 * at each unit only the patterns that can match there: a word (by its id
 * in the table the patterns are interned in), a slot (the caller knows
 * where a slot can begin), or anything ("_", or only optional items). */
typedef struct nf_pattern_first {
    uint32_t key;              /* word id, or slot index */
    uint32_t id;               /* the pattern's id */
} nf_pattern_first;

typedef struct nf_pattern_index {
    nf_pattern_first *first;   /* by word: sorted by key, then id */
    size_t nfirst, cap;
    uint32_t *word_start;      /* by word id: its entries first[word_start[w] ..
                                  word_start[w + 1]) (after sorting) */
    size_t nwords;             /* word ids covered by word_start */
    nf_pattern_first *slots;   /* by slot: sorted by slot, then id */
    size_t nslots, slots_cap;
    uint32_t *anywhere;        /* patterns that can start with any word */
    size_t nanywhere, anywhere_cap;
} nf_pattern_index;

/* Index pattern P (interned) under ID; call nf_pattern_index_sort() once
 * all are in. */
int nf_pattern_index_add(nf_pattern_index *ix, const nf_pattern *p, uint32_t id);
int nf_pattern_index_sort(nf_pattern_index *ix);
/* The entries of ix->first for the word with id WORD: [*lo, *hi).  Also
 * try ix->anywhere, and ix->slots (nf_pattern_index_find_slot) for the
 * slots that can begin at the unit. */
void nf_pattern_index_find(const nf_pattern_index *ix, uint32_t word, size_t *lo, size_t *hi);
/* The entries of ix->slots for slot SLOT (0-based): [*lo, *hi). */
void nf_pattern_index_find_slot(const nf_pattern_index *ix, int slot, size_t *lo, size_t *hi);
void nf_pattern_index_free(nf_pattern_index *ix);

/* Add the punctuation marks P uses to MARKS. */
int nf_pattern_marks(const nf_pattern *p, nf_punct_set *marks);

/* A slot matcher: write the lengths (in units) that slot SLOT can take at
 * unit AT, longest first, into LENS (at most MAXLENS); return how many. */
typedef size_t (*nf_slot_fn)(void *ctx, int slot, const nf_units *u, size_t at, size_t end,
                             size_t *lens, size_t maxlens);

/* A slot's capture: units [start, start + len). */
typedef struct nf_capture {
    size_t start, len;
} nf_capture;

/* Match P at unit AT of U, not past unit END.  Returns the number of units
 * matched (0: no match; a pattern of only optional items never matches).
 * CAPS (P->n entries, may be NULL) receives each slot item's capture. */
size_t nf_pattern_match(const nf_pattern *p, const nf_units *u, size_t at, size_t end,
                       nf_slot_fn slot, void *ctx, nf_capture *caps);

#endif
