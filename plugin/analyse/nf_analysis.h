/* Internal: what analysis finds in one article.  Stages fill it in order:
 * tokenise -> entities -> amounts -> source -> attribution -> claims and
 * stance -> facet values.  Strings marked "schema" point into the schema
 * and live as long as it does. */
#ifndef NF_ANALYSIS_H
#define NF_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "nf_tokens.h"
#include "../read/nf_article.h"
#include "../schema/nf_schema.h"

/* A sorted set of strings without duplicates (facet values, cites). */
typedef struct nf_strset {
    char **v;
    size_t n, cap;
} nf_strset;

int nf_strset_add(nf_strset *s, const char *value);   /* copies; keeps order */
int nf_strset_has(const nf_strset *s, const char *value);
void nf_strset_free(nf_strset *s);

typedef struct nf_mention {
    uint32_t start, end;          /* byte span in the text */
    uint32_t tok_first, tok_last; /* tokens, inclusive */
    const char *list;             /* gazetteer list: "company", "cloud"... (schema) */
    const char *id;               /* canonical id (schema) */
} nf_mention;

typedef enum nf_amount_kind { NF_AMOUNT_MONEY = 0, NF_AMOUNT_PERCENT = 1 } nf_amount_kind;

typedef enum nf_qualifier {
    NF_QUAL_NONE = 0, NF_QUAL_MORE_THAN, NF_QUAL_LESS_THAN, NF_QUAL_ABOUT,
    NF_QUAL_NEARLY, NF_QUAL_UP_TO, NF_QUAL_AT_LEAST, NF_QUAL_AT_MOST
} nf_qualifier;

typedef struct nf_amount {
    nf_amount_kind kind;
    double value;                 /* in units of currency, or percent */
    char currency[4];             /* ISO 4217 ("USD"); "" for percent */
    double usd;                   /* USD equivalent (money); value (percent) */
    nf_qualifier qualifier;
    int range_end;                /* 0 alone, 1 low end, 2 high end of a range */
    int points;                   /* percent given as "percentage points" */
    uint32_t start, end;          /* byte span of the surface form */
} nf_amount;

typedef enum nf_stance { NF_STANCE_ASSERTED = 0, NF_STANCE_HEDGED, NF_STANCE_DENIED } nf_stance;

typedef struct nf_claim_arg {
    const char *name;             /* capture name (schema) */
    char *value;                  /* captured text or id */
} nf_claim_arg;

typedef struct nf_claim_hit {
    const char *claim;            /* claim id (schema) */
    const char *rule;             /* rule id (schema) */
    nf_stance stance;
    const char *cue;              /* the cue that decided the stance, or NULL (schema) */
    uint32_t sentence;            /* index into tokens.sentences */
    uint32_t start, end;          /* the evidence sentence's byte span */
    nf_strset cites;              /* outlet ids cited in that sentence */
    nf_claim_arg *args;
    size_t nargs;
} nf_claim_hit;

typedef struct nf_analysis {
    const nf_schema *schema;
    const nf_article *article;
    nf_tokens tokens;
    nf_mention *mentions;
    size_t nmentions, mentions_cap;
    nf_amount *amounts;
    size_t namounts, amounts_cap;
    nf_claim_hit *claims;
    size_t nclaims, claims_cap;
    char *source;                 /* outlet id of the publisher, or NULL */
    nf_strset *sentence_cites;    /* one set per sentence: outlets cited there */
    nf_strset cites;              /* union over the article */
    nf_strset *facet_values;      /* one set per schema facet, same order */
} nf_analysis;

/* Run every stage.  Fails only on out-of-memory or a schema bug; odd text
 * is never an error. */
int nf_analyse(nf_analysis **out, const nf_schema *schema, const nf_article *article);
void nf_analysis_free(nf_analysis *a);

/* The spec's JSON object for `newsfacet analyze --json` (one line, no
 * newline). */
int nf_analysis_to_json(char **out, const nf_analysis *a);

static inline const char *nf_stance_name(nf_stance s)
{
    return s == NF_STANCE_HEDGED ? "hedged" : s == NF_STANCE_DENIED ? "denied" : "asserted";
}

#endif
