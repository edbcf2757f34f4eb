/* Internal: build the Xapian document for one analysed article, following
 * docs/index-layout.md (Omega-compatible fields plus the schema's facets). */
#ifndef NF_DOCUMENT_H
#define NF_DOCUMENT_H

#include <newsfacet/nf_xapian.h>
#include "analyse/nf_analysis.h"
#include "analyse/nf_stem.h"

#define NF_LAYOUT_VERSION "2"   /* 2: number terms by digit class */
#define NF_SLOT_DATE 0     /* YYYYMMDD */
#define NF_SLOT_HASH 1     /* content hash ":" schema id ":" layout */
#define NF_SLOT_ID 2       /* the article id: breaks relevance ties the same
                              way in one database and across shards */
#define NF_ID_TERM_MAX 200 /* longer ids are cut and hashed */

/* The unique id term "Q<id>" (long ids shortened); caller frees. */
int nf_document_id_term(char **out, const char *id);

/* The value stored in NF_SLOT_HASH for ARTICLE under SCHEMA; caller frees. */
int nf_document_hash_value(char **out, const nf_article *article, const nf_schema *schema);

/* Build the document: free text, Omega terms, facet terms and slots,
 * number trie terms, data lines.  STEMMER must be for schema->language. */
int nf_document_build(nf_xdoc **out, const nf_analysis *a, nf_stemmer *stemmer);

/* The same into an existing (empty) document, such as a host's own. */
int nf_document_fill(nf_xdoc *doc, const nf_analysis *a, nf_stemmer *stemmer);

#endif
