/* newsfacet serve: the query string of a search request, checked. */
#ifndef SERVE_PARAMS_H
#define SERVE_PARAMS_H

#include <microhttpd.h>
#include <newsfacet/nf_search.h>

#include "serve_config.h"

enum { SERVE_MAX_FACETS = 32 };

typedef struct serve_params {
    nf_search_request req;
    const char *filters[SERVE_MAX_PARAMS];
    const char *facets[SERVE_MAX_FACETS];
    char facet_buf[512];          /* facets=LIST split in place */
    unsigned page, size;
    size_t nparams;
    char error[300];              /* why the request is bad, or "" */
} serve_params;

/* Read q, filter (repeated), facets, page, size, sort, top from C's query
 * string; DEFAULT_TOP when top is absent.  0, or -1 with P->error. */
int serve_params_read(serve_params *p, struct MHD_Connection *c, unsigned default_top);

#endif
