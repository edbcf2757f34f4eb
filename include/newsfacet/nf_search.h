/* newsfacet: faceted search for hosts (the CLI, the server, plugins).
 *
 * A searcher is a database (directory, stub file listing shards and remote
 * xapian-tcpsrv servers) opened with a schema.  A request is free text in
 * newsfacet's query language (Xapian QueryParser syntax plus a prefix for
 * every facet, title:, author:, money:/percent: ranges with units and
 * published: date ranges) and facet selections; the result holds the hits
 * page, the exact total and exact counts for every requested facet, with
 * multi-select semantics: a facet's own selection is left out when that
 * facet is counted (Solr's tag/exclude), so users can widen a selection.
 *
 * A searcher is used by one thread at a time; open one per thread.
 */
#ifndef NF_SEARCH_H
#define NF_SEARCH_H

#include <stddef.h>
#include <newsfacet/nf_status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nf_schema nf_schema;
typedef struct nf_searcher nf_searcher;
typedef struct nf_search_result nf_search_result;

/* Load the schema in directory DIR (schema.yaml and its parts). */
NF_API int nf_schema_load(nf_schema **out, const char *dir);
NF_API void nf_schema_free(nf_schema *schema);

/* Open DB_PATH for searching with SCHEMA (which must outlive the
 * searcher).  When the database was built with another schema, the
 * searcher still opens and nf_searcher_warning() says so. */
NF_API int nf_searcher_open(nf_searcher **out, const char *db_path,
                            const nf_schema *schema);
NF_API void nf_searcher_free(nf_searcher *s);
/* A warning about the database (schema mismatch), or NULL. */
NF_API const char *nf_searcher_warning(const nf_searcher *s);
/* Pick up new commits (the server calls it when the index changes). */
NF_API int nf_searcher_reopen(nf_searcher *s);

enum { NF_SORT_RELEVANCE = 0, NF_SORT_DATE = 1 };

typedef struct nf_search_request {
    int version;                  /* NF_SEARCH_REQUEST_VERSION */
    const char *query;            /* query language; NULL or "" matches all */
    const char *const *filters;   /* selections "facet:value", "money:1b..10b",
                                     "published:2025-01-01..2025-06-30";
                                     values of one facet OR, facets AND */
    size_t nfilters;
    const char *const *facets;    /* facets to count; NULL = all of them */
    size_t nfacets;
    unsigned offset;              /* first hit of the page */
    unsigned limit;               /* hits per page (0 = 10) */
    int sort;                     /* NF_SORT_RELEVANCE or NF_SORT_DATE */
    unsigned top_k;               /* values per facet, by count (0 = all) */
    unsigned min_count;           /* leave out values counted less often */
    int snippets;                 /* non-zero: highlighted snippets */
} nf_search_request;
#define NF_SEARCH_REQUEST_VERSION 1

NF_API int nf_search(nf_search_result **out, nf_searcher *s,
                     const nf_search_request *req);
NF_API void nf_search_result_free(nf_search_result *r);

/* Matches in all (exact). */
NF_API unsigned nf_result_total(const nf_search_result *r);
NF_API double nf_result_took_ms(const nf_search_result *r);

typedef struct nf_hit {
    const char *id;
    const char *title;
    const char *source;
    const char *published;
    const char *url;
    const char *snippet;          /* HTML-escaped, terms in <b>..</b>; or "" */
    const char *evidence;         /* claim evidence, JSON array text */
    double score;
    unsigned docid;
} nf_hit;

NF_API size_t nf_result_nhits(const nf_search_result *r);
NF_API const nf_hit *nf_result_hit(const nf_search_result *r, size_t i);

/* Facets counted, in request (or schema) order, and their values: for
 * term facets each id; for number facets (money, percent) each bucket. */
NF_API size_t nf_result_nfacets(const nf_search_result *r);
NF_API const char *nf_result_facet_name(const nf_search_result *r, size_t i);
NF_API size_t nf_result_facet_nvalues(const nf_search_result *r, size_t i);
NF_API int nf_result_facet_value(const char **value, unsigned *count,
                                 const nf_search_result *r, size_t i,
                                 size_t k);

/* One article by its id as JSON: {"id", "title", "url", "source",
 * "published", "author", "sample", "type", "claims": [evidence...],
 * "facets": {name: [values]}}; NF_ENOTFOUND when no article has that id. */
NF_API int nf_searcher_document(char **json, nf_searcher *s, const char *id);

/* {"total", "exact": true, "took_ms", "hits": [...], "facets": {name:
 * [{"value", "count"}]}} */
NF_API int nf_search_result_json(char **out, const nf_search_result *r);

#ifdef __cplusplus
}
#endif

#endif
