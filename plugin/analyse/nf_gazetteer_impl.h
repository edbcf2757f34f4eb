/* Internal to the gazetteer and entity matcher: the loaded representation.
 *
 * Every alias is cut into word units (nf_words.h) and filed under its key,
 * the lower-cased units joined by single spaces ("google cloud").  One open
 * addressing hash table holds every key and every proper prefix of a key,
 * so the matcher extends a candidate one unit at a time and stops as soon
 * as no alias starts that way: the work per text unit is a few lookups
 * whatever the size of the gazetteer. */
#ifndef NF_GAZETTEER_IMPL_H
#define NF_GAZETTEER_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "nf_gazetteer.h"

#define NF_GAZ_NONE UINT32_MAX
#define NF_GAZ_MAX_UNITS 16       /* units in one alias */

typedef enum nf_case_mode {
    NF_CASE_ANY = 0,        /* any capitalisation ("openai" in code counts) */
    NF_CASE_CAPITALISED,    /* first letter upper-case ("Apple", not "apple") */
    NF_CASE_EXACT           /* letters exactly as written ("MAI", not "Mai") */
} nf_case_mode;

/* A phrase of context words, lower-cased units. */
typedef struct nf_phrase {
    char **words;
    size_t n;
} nf_phrase;

typedef struct nf_phrases {
    nf_phrase *v;
    size_t n;
} nf_phrases;

/* How one alias (or every alias of an entry) is told from common words. */
typedef struct nf_gaz_rules {
    nf_case_mode case_mode;
    nf_phrases veto_before, veto_after;   /* directly before / after */
    int veto_next_capitalised;            /* "Claude Monet": a capitalised word
                                             right after makes it a person */
    nf_phrases allow_after;               /* ...unless it is one of these */
    nf_phrases confirm_before, confirm_after, confirm_near;
    int has_confirm;                      /* some confirm phrase is required */
} nf_gaz_rules;

typedef struct nf_gaz_implied {
    const char *list;      /* interned */
    const char *id;        /* the implied entry's id */
} nf_gaz_implied;

typedef struct nf_gaz_entry {
    char *id, *name;
    const char *list;      /* interned list name */
    const char *file;      /* interned file name, for messages */
    unsigned line;
    nf_gaz_implied *implies;
    size_t nimplies;
    char **implies_text;   /* "list:id" as written, resolved after loading */
    unsigned *implies_line;
    char **domains;
    size_t ndomains;
} nf_gaz_entry;

typedef struct nf_gaz_alias {
    uint32_t entry;
    uint32_t nunits;
    uint32_t rules;        /* index into rules */
    uint32_t next;         /* next alias with the same key, or NF_GAZ_NONE */
    char *text;            /* as written */
    char *exact;           /* its letters and digits as written */
    char *key;             /* lower-cased units joined by ' ' */
    unsigned line;
} nf_gaz_alias;

enum { NF_GAZ_FULL = 1, NF_GAZ_PREFIX = 2, NF_GAZ_VOCAB = 4 };

typedef struct nf_gaz_slot {
    uint64_t hash;
    char *key;             /* owned; NULL = empty slot */
    uint32_t first;        /* first alias with this key, or NF_GAZ_NONE */
    uint32_t flags;        /* NF_GAZ_FULL | NF_GAZ_PREFIX | NF_GAZ_VOCAB */
} nf_gaz_slot;

typedef struct nf_gaz_domain {
    char *domain;
    uint32_t entry;
} nf_gaz_domain;

struct nf_gazetteer {
    char **lists;          /* sorted, interned */
    size_t nlists;
    char **files;          /* interned file names */
    size_t nfiles;
    nf_gaz_entry *entries;
    size_t nentries, entries_cap;
    nf_gaz_alias *aliases;
    size_t naliases, aliases_cap;
    nf_gaz_rules **rules;
    size_t nrules, rules_cap;
    nf_gaz_slot *slots;
    size_t nslots, nused;  /* nslots is a power of two */
    nf_gaz_slot *ids;      /* "list\x1fid" -> entry (first) */
    size_t nids, nids_used;
    uint64_t *start_bits;  /* bit (hash >> 40) & start_mask set for every word
                              that starts an alias: most text words start none,
                              and this small bitset (it stays in cache however
                              big the gazetteer) says so without a table probe */
    size_t start_mask;
    nf_gaz_domain *domains;   /* sorted by domain */
    size_t ndomains;
    size_t max_units;
    nf_buf report;         /* duplicate and conflicting aliases, one per line */
    size_t nconflicts, nduplicates;
};

/* FNV-1a over BYTES, continuing from H (start with NF_GAZ_HASH_INIT). */
#define NF_GAZ_HASH_INIT 1469598103934665603ULL
static inline uint64_t nf_gaz_hash(uint64_t h, const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)bytes[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Might a word with hash H start an alias?  (No false negatives.) */
static inline int nf_gaz_may_start(const struct nf_gazetteer *g, uint64_t h)
{
    size_t bit = (size_t)(h >> 40) & g->start_mask;
    return g->start_bits && (g->start_bits[bit / 64] >> (bit % 64)) & 1;
}

/* The slot holding KEY[0, LEN) with hash H, or NULL. */
const nf_gaz_slot *nf_gaz_lookup(const struct nf_gazetteer *g, const char *key,
                                 size_t len, uint64_t h);

/* Building (nf_gazetteer.c), used by the loader (nf_gazetteer_load.c). */
struct nf_gazetteer *nf_gaz_new(void);
const char *nf_gaz_intern_list(struct nf_gazetteer *g, const char *list);
const char *nf_gaz_intern_file(struct nf_gazetteer *g, const char *file);
/* Split TEXT into its key; *NUNITS gets the unit count (0: no letters or
 * digits).  KEY is reset first. */
int nf_gaz_key(nf_buf *key, size_t *nunits, const char *text);
int nf_gaz_add_alias(struct nf_gazetteer *g, uint32_t entry, uint32_t rules,
                     const char *text, unsigned line);
/* Record entry E under its list:id; *PREVIOUS gets the entry already
 * there (NF_GAZ_NONE if E is the first). */
int nf_gaz_register_id(struct nf_gazetteer *g, uint32_t e, uint32_t *previous);
/* Sort lists and domains once every file is in. */
int nf_gaz_finish(struct nf_gazetteer *g);
/* The entry of LIST with ID, or NF_GAZ_NONE. */
uint32_t nf_gaz_find_entry(const struct nf_gazetteer *g, const char *list, const char *id);
void nf_gaz_rules_free(nf_gaz_rules *r);

#endif
