/* Internal: newsfacet's query language on Xapian's QueryParser, and facet
 * selections turned into filter queries. */
#ifndef NF_QUERY_H
#define NF_QUERY_H

#include <newsfacet/nf_xapian.h>
#include "schema/nf_schema.h"

typedef struct nf_query_lang nf_query_lang;

/* A QueryParser set up for SCHEMA over DB: stemming as the index was
 * written, prefixes title: author: and one boolean prefix per term facet,
 * ranges money: percent: (units k m b bn t tn, optional $ and %) and
 * published: (dates YYYY[-MM[-DD]]). */
int nf_query_lang_new(nf_query_lang **out, const nf_schema *schema, nf_xdb *db);
void nf_query_lang_free(nf_query_lang *ql);

/* Set up any QueryParser (also a host's own) for SCHEMA as above; SCHEMA
 * must outlive QP. */
int nf_query_setup(nf_xqp *qp, const nf_schema *schema);

/* Parse end-user text; "" or NULL gives *out = NULL (match everything).
 * Syntax errors: NF_EQUERY with a message quoting the query. */
int nf_query_parse(nf_xquery **out, nf_query_lang *ql, const char *text);

/* One selection "facet:value" as a query; *facet_index receives the
 * schema facet it constrains (or -1 for published:).  Unknown facets are an
 * NF_EQUERY error; unknown values simply match nothing. */
int nf_query_filter(nf_xquery **out, int *facet_index, nf_query_lang *ql,
                    const char *selection);

/* Amount with unit ("1.5b", "$500m", "250k", "20%") -> number, for tests. */
int nf_query_parse_amount(double *out, const char *text);

#endif
