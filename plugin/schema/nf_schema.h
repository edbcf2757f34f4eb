/* Internal: a loaded schema, the admin-editable description of what to tag
 * and how to write it.  A schema is a directory (schema/ ships the default):
 *
 *   schema.yaml        name, language, facets (name, label, prefix, slot, from)
 *   gazetteers/NAME.yaml  entity lists: company, cloud, model, outlet, ...
 *   money.yaml         currencies, scale words, dated USD rate table
 *   cues.yaml          stance cue lexicons (hedge, denial, pseudo, terminators)
 *   attribution.yaml   attribution patterns ("X reported", "according to X")
 *   claims/NAME.yaml      claim rules
 *   language.yaml      abbreviations and other tokeniser data
 *   reader.yaml        HTML boilerplate hints for the readers (optional)
 *
 * Each part has its own loader and owner module; nf_schema_load() runs them
 * in order.  A schema is immutable once loaded and may be shared by threads.
 */
#ifndef NF_SCHEMA_H
#define NF_SCHEMA_H

#include <stddef.h>

typedef enum nf_facet_kind {
    NF_FACET_TERMS = 0,    /* a set of ids: boolean terms PREFIX+id */
    NF_FACET_NUMBER = 1    /* numbers (money, percent): range search + buckets */
} nf_facet_kind;

typedef struct nf_bucket {
    char *name;            /* "1b-10b" */
    double lo, hi;         /* [lo, hi) in the facet's unit (USD for money) */
} nf_bucket;

typedef struct nf_facet_def {
    char *name;            /* "company": also the query prefix company: */
    char *label;           /* "Company" */
    char *prefix;          /* boolean term prefix, "XCO" */
    int slot;              /* value slot for counting, -1 if none */
    nf_facet_kind kind;
    char *from;            /* feeder: "gazetteer:LIST", "claims", "stances",
                              "source", "cites", "money", "percent" */
    nf_bucket *buckets;    /* NUMBER facets: named ranges */
    size_t nbuckets;
} nf_facet_def;

struct nf_gazetteer;       /* plugin/analyse/entities */
struct nf_money_conf;      /* plugin/analyse/money */
struct nf_claim_rules;     /* plugin/analyse/claims */
struct nf_cues;            /* plugin/analyse/stance */
struct nf_attribution;     /* plugin/analyse/attribution */
struct nf_lang;            /* plugin/analyse/tokenise */
struct nf_reader_conf;     /* plugin/read (reader.yaml) */

typedef struct nf_schema {
    char *dir;
    char *name;
    char *language;        /* Snowball stemmer name, "english" */
    char id[17];           /* hex digest over every schema file's bytes */
    nf_facet_def *facets;
    size_t nfacets;
    struct nf_lang *lang;
    struct nf_gazetteer *gazetteer;
    struct nf_money_conf *money;
    struct nf_cues *cues;
    struct nf_attribution *attribution;
    struct nf_claim_rules *claims;
    struct nf_reader_conf *reader;  /* NULL: no reader.yaml */
    /* abi/nf_plugin.c: the stemmers its schema handle lends out (it makes
     * and frees them); NULL for every other user of a schema. */
    struct nf_plugin_stemmers *plugin_stemmers;
} nf_schema;

int nf_schema_load(nf_schema **out, const char *dir);
void nf_schema_free(nf_schema *s);

/* A report for `newsfacet schema check DIR`: the schema's name and id,
 * its facets, then each part's counts (gazetteer entries per list, rules...)
 * and problems worth a look (duplicate or conflicting aliases).  *OUT is
 * malloc'd. */
int nf_schema_summary(char **out, const nf_schema *s);

/* The facet named NAME, or NULL. */
const nf_facet_def *nf_schema_facet(const nf_schema *s, const char *name);

#endif
