/* newsfacet serve: query-string parameters of /api/search and /api/facets.
 * Unknown names, repeated single parameters, oversized values and numbers
 * out of range are refused, so a typo never silently widens a search. */
#include "serve_params.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct raw {
    serve_params *p;
    const char *q, *facets, *page, *size, *sort, *top;
} raw;

static int set_once(const char **slot, const char *key, const char *value, serve_params *p)
{
    if (*slot) {
        snprintf(p->error, sizeof p->error, "parameter '%s' is given twice", key);
        return -1;
    }
    *slot = value;
    return 0;
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    raw *r = cls;
    serve_params *p = r->p;
    (void)kind;
    if (++p->nparams > SERVE_MAX_PARAMS) {
        snprintf(p->error, sizeof p->error, "more than %d parameters", SERVE_MAX_PARAMS);
        return MHD_NO;
    }
    if (!value)
        value = "";
    int rc = 0;
    if (!strcmp(key, "q")) rc = set_once(&r->q, key, value, p);
    else if (!strcmp(key, "facets")) rc = set_once(&r->facets, key, value, p);
    else if (!strcmp(key, "page")) rc = set_once(&r->page, key, value, p);
    else if (!strcmp(key, "size")) rc = set_once(&r->size, key, value, p);
    else if (!strcmp(key, "sort")) rc = set_once(&r->sort, key, value, p);
    else if (!strcmp(key, "top")) rc = set_once(&r->top, key, value, p);
    else if (!strcmp(key, "filter")) {
        if (!strchr(value, ':') || strlen(value) > SERVE_MAX_QUERY_BYTES) {
            snprintf(p->error, sizeof p->error,
                     "filter '%.80s' is not FACET:VALUE (at most %d bytes)", value,
                     SERVE_MAX_QUERY_BYTES);
            rc = -1;
        } else {
            p->filters[p->req.nfilters++] = value;
        }
    } else {
        snprintf(p->error, sizeof p->error,
                 "unknown parameter '%.60s' (q, filter, facets, page, size, sort, top)", key);
        rc = -1;
    }
    return rc ? MHD_NO : MHD_YES;
}

static int number(unsigned *out, const char *name, const char *text, unsigned lo,
                  unsigned hi, serve_params *p)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end || strlen(text) > 9 || v < lo || v > hi) {
        snprintf(p->error, sizeof p->error, "%s must be a number from %u to %u, not '%.40s'",
                 name, lo, hi, text);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

/* facets=company,claim: names of lower-case letters, digits, '_' and '-';
 * whether each exists is checked against the result. */
static int split_facets(serve_params *p, const char *list)
{
    if (strlen(list) >= sizeof p->facet_buf) {
        snprintf(p->error, sizeof p->error, "facets list is too long");
        return -1;
    }
    strcpy(p->facet_buf, list);
    p->req.facets = p->facets;
    for (char *save = NULL, *tok = strtok_r(p->facet_buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        for (const char *c = tok; *c; c++)
            if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_' &&
                *c != '-') {
                snprintf(p->error, sizeof p->error, "bad facet name '%.40s'", tok);
                return -1;
            }
        if (p->req.nfacets == SERVE_MAX_FACETS) {
            snprintf(p->error, sizeof p->error, "more than %d facets", SERVE_MAX_FACETS);
            return -1;
        }
        p->facets[p->req.nfacets++] = tok;
    }
    return 0;
}

int serve_params_read(serve_params *p, struct MHD_Connection *c, unsigned default_top)
{
    memset(p, 0, sizeof *p);
    p->req = (nf_search_request){.version = NF_SEARCH_REQUEST_VERSION, .top_k = default_top,
                                 .snippets = 1, .filters = p->filters};
    raw r = {.p = p};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &r);
    if (p->error[0])
        return -1;
    if (r.q && strlen(r.q) > SERVE_MAX_QUERY_BYTES) {
        snprintf(p->error, sizeof p->error, "q is longer than %d bytes", SERVE_MAX_QUERY_BYTES);
        return -1;
    }
    p->req.query = r.q ? r.q : "";
    p->page = 1;
    p->size = 10;
    if ((r.page && number(&p->page, "page", r.page, 1, SERVE_MAX_PAGE, p)) ||
        (r.size && number(&p->size, "size", r.size, 1, SERVE_MAX_PAGE_SIZE, p)) ||
        (r.top && number(&p->req.top_k, "top", r.top, 0, 10000, p)))
        return -1;
    if (r.sort) {
        if (!strcmp(r.sort, "date")) p->req.sort = NF_SORT_DATE;
        else if (!strcmp(r.sort, "relevance")) p->req.sort = NF_SORT_RELEVANCE;
        else {
            snprintf(p->error, sizeof p->error, "sort is relevance or date, not '%.40s'", r.sort);
            return -1;
        }
    }
    if (r.facets && split_facets(p, r.facets))
        return -1;
    p->req.limit = p->size;
    p->req.offset = (p->page - 1) * p->size;
    return 0;
}
