#include "nf_number_terms.h"
#include "core/nf_error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGITS 16

uint64_t nf_number_key(double value, double scale)
{
    double v = value * scale;
    if (!(v > 0))               /* also catches NaN */
        return 0;
    if (v >= (double)NF_NUMBER_KEY_MAX)
        return NF_NUMBER_KEY_MAX;
    return (uint64_t)llround(v);
}

double nf_number_scale(const nf_facet_def *facet)
{
    return facet->from && strcmp(facet->from, "money") == 0 ? 100 : 1000;
}

/* PREFIX + the top (DIGITS - LEVEL) hex digits of UNIT, where UNIT is a key
 * already shifted right by 4 * LEVEL. */
static void term_for(char *out, size_t cap, const char *prefix,
                     uint64_t unit, int level)
{
    char hex[DIGITS + 1];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)(unit << (4 * level)));
    snprintf(out, cap, "%s%.*s", prefix, DIGITS - level, hex);
}

int nf_number_terms_add(nf_xdoc *doc, const char *prefix, uint64_t key)
{
    char term[128];
    for (int level = 0; level < DIGITS; level++) {
        term_for(term, sizeof term, prefix, key >> (4 * level), level);
        int rc = nf_xdoc_add_boolean_term(doc, term, strlen(term));
        if (rc)
            return rc;
    }
    return NF_OK;
}

typedef struct term_list {
    nf_xquery **v;
    size_t n, cap;
} term_list;

static int emit(term_list *l, const char *prefix, uint64_t unit, int level)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        nf_xquery **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory building a range query");
        l->v = v;
        l->cap = cap;
    }
    char term[128];
    term_for(term, sizeof term, prefix, unit, level);
    int rc = nf_xquery_term(&l->v[l->n], term);
    if (rc == NF_OK)
        l->n++;
    return rc;
}

int nf_number_range_query(nf_xquery **out, const char *prefix,
                          uint64_t lo, uint64_t hi)
{
    *out = NULL;
    term_list l = {NULL, 0, 0};
    int rc = NF_OK;
    if (hi > NF_NUMBER_KEY_MAX)
        hi = NF_NUMBER_KEY_MAX;
    if (lo <= hi) {
        /* [a, b) in units of 16^level; peel off partial blocks at both
         * ends, then climb a level. */
        uint64_t a = lo, b = hi + 1;
        for (int level = 0; a < b && level < DIGITS && !rc; level++) {
            if (level == DIGITS - 1 || (a >> 4) == (b >> 4)) {
                for (uint64_t u = a; u < b && !rc; u++)
                    rc = emit(&l, prefix, u, level);
                break;
            }
            while ((a & 15) && a < b && !rc)
                rc = emit(&l, prefix, a++, level);
            while ((b & 15) && b > a && !rc)
                rc = emit(&l, prefix, --b, level);
            a >>= 4;
            b >>= 4;
        }
    }
    if (!rc)
        rc = nf_xquery_combine(out, NF_XQUERY_OR, l.v, l.n);
    for (size_t i = 0; i < l.n; i++)
        nf_xquery_free(l.v[i]);
    free(l.v);
    return rc;
}
