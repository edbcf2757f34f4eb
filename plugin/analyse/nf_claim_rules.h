/* Internal to the claims module: compiled claim rules, shared by the
 * compiler (nf_claim_compile.c), the matcher (nf_claim_match.c) and the
 * evaluation driver (nf_claims_find.c). */
#ifndef NF_CLAIM_RULES_H
#define NF_CLAIM_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "nf_claims.h"


/* ---- term table: key string -> dense id -------------------------------
 * Keys live in one namespace with a one-letter kind and a 0x1f separator:
 * "s\x1fSTEM" a stemmed word, "x\x1fTERM" an exact word,
 * "e\x1fLIST\x1fID" an entity ("*" for any id of LIST), "#money",
 * "#percent", "#year", "#multiple".  Each id keeps the rules it triggers. */
typedef struct nf_claim_termtab {
    char **keys;              /* by id */
    uint32_t **triggers;      /* by id: rule * 32 + element bit it sets */
    uint32_t *ntriggers;
    size_t n, cap;            /* ids */
    uint32_t *slots;          /* open addressing: id+1, 0 = empty */
    size_t nslots;
} nf_claim_termtab;

#define NF_TERM_NONE UINT32_MAX

int nf_claim_termtab_intern(uint32_t *out, nf_claim_termtab *t, const char *key);
uint32_t nf_claim_termtab_find(const nf_claim_termtab *t, const char *key, size_t len);
int nf_claim_termtab_add_trigger(nf_claim_termtab *t, uint32_t id, uint32_t rule);
void nf_claim_termtab_free(nf_claim_termtab *t);

/* ---- rules ------------------------------------------------------------- */
typedef enum nf_alt_kind {
    NF_ALT_WORDS = 0,   /* one word or a phrase of consecutive words */
    NF_ALT_ENTITY,      /* a mention of LIST (and ID) */
    NF_ALT_MONEY,
    NF_ALT_PERCENT,
    NF_ALT_YEAR,        /* a 4-digit 19xx / 20xx token */
    NF_ALT_MULTIPLE     /* "10x", "2.5x" */
} nf_alt_kind;

typedef struct nf_claim_alt {
    nf_alt_kind kind;
    int negate;             /* "!ALT": occurrences overlapping it do not count */
    uint32_t *words;        /* WORDS: term ids, one per word */
    size_t nwords;
    uint32_t entity;        /* ENTITY: term id of "e\x1fLIST\x1fID" */
} nf_claim_alt;

struct nf_claim_group;

typedef struct nf_claim_item {
    nf_claim_alt *alts;           /* alternatives, or NULL for a group */
    size_t nalts;
    struct nf_claim_group *group; /* a nested group, or NULL */
    int capture;                  /* index into the rule's capture names, -1 none */
} nf_claim_item;

typedef struct nf_claim_group {
    nf_claim_item *req;           /* every one must occur */
    size_t nreq;
    nf_claim_item *forbid;        /* none may occur (root: in the scope;
                                     nested: overlapping the matched span) */
    size_t nforbid;
    uint32_t within;              /* 0: anywhere in the scope; else span <= N tokens */
    int ordered;                  /* required items in the listed order */
} nf_claim_group;

typedef enum nf_claim_scope { NF_SCOPE_SENTENCE = 0, NF_SCOPE_CLAUSE = 1 } nf_claim_scope;

#define NF_CLAIM_MAX_CAPTURES 8

typedef struct nf_claim_rule {
    char *id;
    uint32_t claim;               /* index into claims */
    nf_claim_scope scope;
    unsigned flags;               /* NF_CLAIM_* of this rule, added to the claim's */
    uint32_t need;                /* element bits a sentence must have (index) */
    nf_claim_group root;
    char *captures[NF_CLAIM_MAX_CAPTURES];
    size_t ncaptures;
    char *file;                   /* where it was defined, for messages */
    unsigned line;
} nf_claim_rule;

typedef struct nf_claim_def {
    char *id;
    unsigned flags;               /* NF_CLAIM_* */
} nf_claim_def;

struct nf_claim_rules {
    uint64_t serial;              /* unique per loaded rule set (caches) */
    char *language;
    nf_claim_def *claims;
    size_t nclaims, claims_cap;
    nf_claim_rule *rules;
    size_t nrules, rules_cap;
    nf_claim_termtab terms;
    uint32_t *break_words;        /* clause breaks: exact term ids */
    size_t nbreak_words;
    char **break_marks;           /* clause breaks: punctuation (UTF-8) */
    size_t nbreak_marks;
};

/* ---- matching ----------------------------------------------------------
 * What the matcher needs to know about one analysis, prepared once. */
struct nf_claim_pool;

typedef struct nf_claim_ctx {
    const struct nf_claim_rules *rules;
    const nf_analysis *a;
    const uint32_t *stem_id;      /* per token: term id of its stem, or NONE */
    const uint32_t *exact_id;     /* per token: term id of its term, or NONE */
    /* Where each term id occurs: positions term_pos[term_start[id] ..
     * term_start[id + 1]), ascending.  For word ids the positions are
     * tokens; for entity ids they are mention indexes in mention order. */
    const uint32_t *term_start;
    const uint32_t *term_pos;
    /* term_seen[id] == sentence: the term occurs in the sentence being
     * matched (a quick no for the many alternatives that do not) */
    const uint32_t *term_seen;
    uint32_t sentence;
    size_t nment;
    const uint32_t *amt_first;    /* per amount: first/last token, NONE if none */
    const uint32_t *amt_last;
    const uint8_t *tok_special;   /* per token: bit 1 year, bit 2 multiple */
    struct nf_claim_pool *pool;   /* the matcher's scratch lists */
} nf_claim_ctx;

typedef enum nf_cap_src { NF_CAP_TOKENS = 0, NF_CAP_MENTION, NF_CAP_AMOUNT } nf_cap_src;

typedef struct nf_claim_capval {
    uint8_t name;                 /* capture index in the rule */
    uint8_t src;                  /* nf_cap_src */
    uint32_t a, b;                /* TOKENS: first/last token; else the index */
} nf_claim_capval;

typedef struct nf_claim_occ {
    uint32_t first, last;         /* token span */
    uint8_t ncap;
    nf_claim_capval cap[NF_CLAIM_MAX_CAPTURES];
} nf_claim_occ;

typedef struct nf_claim_occs {
    nf_claim_occ *v;
    size_t n, cap;
} nf_claim_occs;

/* Scratch occurrence lists the matcher takes and gives back in stack
 * order; they keep their memory from one rule and sentence to the next, so
 * matching allocates nothing once warm.  Zero-initialise; free once. */
typedef struct nf_claim_pool {
    nf_claim_occs **v;
    size_t n, cap, used;
} nf_claim_pool;

void nf_claim_pool_free(nf_claim_pool *p);

/* The tightest match of RULE in tokens [LO, HI] (inclusive); 1 found, 0 not,
 * negative on out of memory. */
int nf_claim_rule_match(nf_claim_occ *out, const nf_claim_ctx *c,
                        const nf_claim_rule *rule, uint32_t lo, uint32_t hi);

#endif
