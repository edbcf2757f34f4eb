#include "nf_facet_counts.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

/* Sorted by value while counting, so lookups are binary searches. */
static int add(nf_facet_counts *fc, const char *value, size_t len, unsigned count)
{
    size_t lo = 0, hi = fc->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(fc->v[mid].value, value, len);
        if (c == 0 && fc->v[mid].value[len] != '\0')
            c = 1;
        if (c == 0) {
            fc->v[mid].count += count;
            return NF_OK;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (fc->n == fc->cap) {
        size_t cap = fc->cap ? fc->cap * 2 : 16;
        nf_value_count *v = realloc(fc->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory counting facets");
        fc->v = v;
        fc->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return nf_set_error(NF_ENOMEM, "out of memory counting facets");
    memcpy(copy, value, len);
    copy[len] = '\0';
    memmove(fc->v + lo + 1, fc->v + lo, (fc->n - lo) * sizeof *fc->v);
    fc->v[lo].value = copy;
    fc->v[lo].count = count;
    fc->n++;
    return NF_OK;
}

typedef struct spy_ctx {
    nf_facet_counts *fc;
    int months;
    int rc;
} spy_ctx;

static int on_value(void *vctx, const char *value, size_t len, unsigned count)
{
    spy_ctx *ctx = vctx;
    if (ctx->months) {
        if (len < 6)
            return 0;
        char month[8] = {value[0], value[1], value[2], value[3], '-', value[4], value[5], 0};
        ctx->rc = add(ctx->fc, month, 7, count);
        return ctx->rc;
    }
    /* A document's values are distinct, so each piece counts once per
     * document: multi-valued counts stay exact. */
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || value[i] == '|') {
            if (i > start && (ctx->rc = add(ctx->fc, value + start, i - start, count)))
                return ctx->rc;
            start = i + 1;
        }
    }
    return 0;
}

int nf_facet_counts_from_spy(nf_facet_counts *fc, nf_xspy *spy, int months)
{
    spy_ctx ctx = {fc, months, NF_OK};
    int rc = nf_xspy_values(spy, on_value, &ctx);
    return ctx.rc ? ctx.rc : rc;
}

static int by_value_text(const void *pa, const void *pb)
{
    const nf_value_count *a = pa, *b = pb;
    return strcmp(a->value, b->value);
}

int nf_facet_counts_from_ids(nf_facet_counts *fc, const char *const *values,
                             const uint32_t *counts, uint32_t n)
{
    for (uint32_t id = 0; id < n; id++) {
        if (!counts[id])
            continue;
        if (fc->n == fc->cap) {
            size_t cap = fc->cap ? fc->cap * 2 : 16;
            nf_value_count *v = realloc(fc->v, cap * sizeof *v);
            if (!v)
                return nf_set_error(NF_ENOMEM, "out of memory counting facets");
            fc->v = v;
            fc->cap = cap;
        }
        if (!(fc->v[fc->n].value = strdup(values[id])))
            return nf_set_error(NF_ENOMEM, "out of memory counting facets");
        fc->v[fc->n++].count = counts[id];
    }
    /* In value order, as the spies give them (ranges and months keep it). */
    if (fc->n > 1)
        qsort(fc->v, fc->n, sizeof *fc->v, by_value_text);
    return NF_OK;
}

static int by_count(const void *pa, const void *pb)
{
    const nf_value_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->value, b->value);
}

void nf_facet_counts_finish(nf_facet_counts *fc, unsigned top_k, unsigned min_count,
                            int by_value)
{
    if (!by_value && fc->n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(fc->v, fc->n, sizeof *fc->v, by_count);
    size_t keep = 0;
    for (size_t i = 0; i < fc->n; i++) {
        if (fc->v[i].count >= min_count && (!top_k || keep < top_k))
            fc->v[keep++] = fc->v[i];
        else
            free(fc->v[i].value);
    }
    fc->n = keep;
}

void nf_facet_counts_free(nf_facet_counts *fc)
{
    for (size_t i = 0; i < fc->n; i++)
        free(fc->v[i].value);
    free(fc->v);
    fc->v = NULL;
    fc->n = fc->cap = 0;
}
