/* Sorted string sets: facet values and cited outlets are small sets that
 * must come out sorted and without duplicates, in the index and in JSON. */
#include "nf_analysis.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

/* Index of VALUE, or of where it would go; *found tells which. */
static size_t find_slot(const nf_strset *s, const char *value, int *found)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->v[mid], value);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

int nf_strset_add(nf_strset *s, const char *value)
{
    int found;
    size_t at = find_slot(s, value, &found);
    if (found)
        return NF_OK;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory adding '%s' to a set", value);
        s->v = v;
        s->cap = cap;
    }
    char *copy = strdup(value);
    if (!copy)
        return nf_set_error(NF_ENOMEM, "out of memory adding '%s' to a set", value);
    memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
    s->v[at] = copy;
    s->n++;
    return NF_OK;
}

int nf_strset_has(const nf_strset *s, const char *value)
{
    int found;
    find_slot(s, value, &found);
    return found;
}

void nf_strset_free(nf_strset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}
