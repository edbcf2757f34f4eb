/* Internal: what other search files need of a searcher. */
#ifndef NF_SEARCHER_INTERNAL_H
#define NF_SEARCHER_INTERNAL_H

#include <newsfacet/nf_search.h>
#include <newsfacet/nf_xapian.h>
#include "schema/nf_schema.h"

nf_xdb *nf_searcher_xdb(nf_searcher *s);
const nf_schema *nf_searcher_schema(const nf_searcher *s);

#endif
