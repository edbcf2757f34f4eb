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

/* Hex digits of KEY (1 for 0). */
static int digits_of(uint64_t key)
{
    int d = 1;
    while (d < DIGITS && (key >> (4 * d)))
        d++;
    return d;
}

/* The term of the block of D-digit keys whose top (D - LEVEL) digits are
 * UNIT (a key shifted right by 4 * LEVEL): PREFIX, the class letter
 * 'a' + D - 1, then those digits.  LEVEL == D: the whole class. */
static void term_for(char *out, size_t cap, const char *prefix, int d,
                     uint64_t unit, int level)
{
    if (level >= d)
        snprintf(out, cap, "%s%c", prefix, 'a' + d - 1);
    else
        snprintf(out, cap, "%s%c%0*llx", prefix, 'a' + d - 1, d - level,
                 (unsigned long long)unit);
}

int nf_number_terms_add(nf_xdoc *doc, const char *prefix, uint64_t key)
{
    char term[128];
    if (key > NF_NUMBER_KEY_MAX)
        key = NF_NUMBER_KEY_MAX;
    int d = digits_of(key);
    for (int level = 0; level <= d; level++) {
        /* level == d == 16 would shift by 64 (undefined); that term has no digits */
        term_for(term, sizeof term, prefix, d, level < d ? key >> (4 * level) : 0, level);
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

static int emit(term_list *l, const char *prefix, int d, uint64_t unit, int level)
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
    term_for(term, sizeof term, prefix, d, unit, level);
    int rc = nf_xquery_term(&l->v[l->n], term);
    if (rc == NF_OK)
        l->n++;
    return rc;
}

/* The keys in [a, b] (within the D-digit class) as the coarsest blocks
 * that tile them exactly. */
static int tile(term_list *l, const char *prefix, int d, uint64_t a, uint64_t b)
{
    uint64_t lo = d == 1 ? 0 : (uint64_t)1 << (4 * (d - 1));
    uint64_t hi = d == DIGITS ? UINT64_MAX : ((uint64_t)1 << (4 * d)) - 1;
    if (a == lo && b == hi)
        return emit(l, prefix, d, 0, d);
    /* [a, b) in units of 16^level; peel off partial blocks at both ends,
     * then climb a level.  Below the class term, a block keeps >= 1 digit. */
    int rc = NF_OK;
    b++;
    for (int level = 0; a < b && !rc; level++) {
        if (level == d - 1 || (a >> 4) == (b >> 4)) {
            for (uint64_t u = a; u < b && !rc; u++)
                rc = emit(l, prefix, d, u, level);
            break;
        }
        while ((a & 15) && a < b && !rc)
            rc = emit(l, prefix, d, a++, level);
        while ((b & 15) && b > a && !rc)
            rc = emit(l, prefix, d, --b, level);
        a >>= 4;
        b >>= 4;
    }
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
    /* Each class of keys with the same number of digits separately. */
    for (int d = digits_of(lo); lo <= hi && !rc && d <= digits_of(hi); d++) {
        uint64_t c_lo = d == 1 ? 0 : (uint64_t)1 << (4 * (d - 1));
        uint64_t c_hi = d == DIGITS ? UINT64_MAX : ((uint64_t)1 << (4 * d)) - 1;
        rc = tile(&l, prefix, d, lo > c_lo ? lo : c_lo, hi < c_hi ? hi : c_hi);
    }
    if (!rc)
        rc = nf_xquery_combine(out, NF_XQUERY_OR, l.v, l.n);
    for (size_t i = 0; i < l.n; i++)
        nf_xquery_free(l.v[i]);
    free(l.v);
    return rc;
}
