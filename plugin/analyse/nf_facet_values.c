/* Facet assembly: turn what the stages found into one sorted value set per
 * schema facet, according to each facet's `from`.  This is the only place
 * that knows how feeders map to facets, so an admin's new facet (say
 * "regulator" from gazetteer:regulator) needs no code. */
#include "nf_facet_values.h"
#include "core/nf_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_bucket(nf_strset *set, const nf_facet_def *f, double v)
{
    for (size_t i = 0; i < f->nbuckets; i++)
        if (v >= f->buckets[i].lo && v < f->buckets[i].hi)
            return nf_strset_add(set, f->buckets[i].name);
    return NF_OK;
}

static int fill_facet(nf_strset *set, const nf_facet_def *f, const nf_analysis *a)
{
    int rc = NF_OK;
    const char *from = f->from ? f->from : "";
    if (strncmp(from, "gazetteer:", 10) == 0) {
        const char *list = from + 10;
        for (size_t i = 0; i < a->nmentions && !rc; i++)
            if (strcmp(a->mentions[i].list, list) == 0)
                rc = nf_strset_add(set, a->mentions[i].id);
    } else if (strcmp(from, "claims") == 0) {
        for (size_t i = 0; i < a->nclaims && !rc; i++)
            rc = nf_strset_add(set, a->claims[i].claim);
    } else if (strcmp(from, "stances") == 0) {
        for (size_t i = 0; i < a->nclaims && !rc; i++) {
            char v[256];
            snprintf(v, sizeof v, "%s:%s", a->claims[i].claim,
                     nf_stance_name(a->claims[i].stance));
            rc = nf_strset_add(set, v);
        }
    } else if (strcmp(from, "source") == 0) {
        if (a->source && a->source[0])
            rc = nf_strset_add(set, a->source);
    } else if (strcmp(from, "cites") == 0) {
        for (size_t i = 0; i < a->cites.n && !rc; i++)
            rc = nf_strset_add(set, a->cites.v[i]);
    } else if (strcmp(from, "money") == 0 || strcmp(from, "percent") == 0) {
        nf_amount_kind kind = from[0] == 'm' ? NF_AMOUNT_MONEY : NF_AMOUNT_PERCENT;
        for (size_t i = 0; i < a->namounts && !rc; i++)
            if (a->amounts[i].kind == kind)
                rc = add_bucket(set, f, a->amounts[i].usd);
    } else {
        /* nf_schema_load validates `from`; reaching here is a schema bug. */
        return nf_set_error(NF_ESCHEMA, "facet '%s': unknown feeder '%s'", f->name, from);
    }
    return rc;
}

int nf_facet_values_assemble(nf_analysis *a)
{
    const nf_schema *s = a->schema;
    if (!s->nfacets)
        return NF_OK;
    a->facet_values = calloc(s->nfacets, sizeof *a->facet_values);
    if (!a->facet_values)
        return nf_set_error(NF_ENOMEM, "out of memory assembling facets");
    for (size_t i = 0; i < s->nfacets; i++) {
        int rc = fill_facet(&a->facet_values[i], &s->facets[i], a);
        if (rc)
            return rc;
    }
    return NF_OK;
}
