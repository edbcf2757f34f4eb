/* Word patterns from schema files (syntax in nf_pattern.h). */
#include "nf_pattern.h"
#include "core/nf_error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NO_MATCH SIZE_MAX

void nf_pattern_free(nf_pattern *p)
{
    for (size_t i = 0; i < p->n; i++) {
        for (size_t j = 0; j < p->items[i].nalts; j++)
            free(p->items[i].alts[j]);
        free(p->items[i].alts);
        free(p->items[i].ids);
    }
    free(p->items);
    free(p->text);
    memset(p, 0, sizeof *p);
}

static int add_alt(nf_pattern_item *it, const char *s, size_t n)
{
    char *raw = strndup(s, n);
    if (!raw)
        return NF_ENOMEM;
    char *norm = nf_units_normalise(raw);
    free(raw);
    if (!norm)
        return NF_ENOMEM;
    char **v = realloc(it->alts, (it->nalts + 1) * sizeof *v);
    if (!v) {
        free(norm);
        return NF_ENOMEM;
    }
    it->alts = v;
    it->alts[it->nalts++] = norm;
    return NF_OK;
}

/* Parse one space-separated piece into IT. */
static int parse_item(nf_pattern_item *it, const char *s, size_t n, const char *const *slots,
                      const char **why)
{
    if (n > 1 && s[n - 1] == '?') {
        it->optional = 1;
        n--;
    }
    if (n == 1 && s[0] == '_') {
        it->any = 1;
        return NF_OK;
    }
    if (n == 5 && memcmp(s, "{eol}", 5) == 0) {
        it->eol = 1;
        return NF_OK;
    }
    if (n >= 2 && s[0] == '{' && s[n - 1] == '}') {
        for (size_t i = 0; slots && slots[i]; i++)
            if (strlen(slots[i]) == n - 2 && memcmp(slots[i], s + 1, n - 2) == 0) {
                it->slot = (int)i + 1;
                return NF_OK;
            }
        *why = "unknown slot name in braces";
        return NF_ESCHEMA;
    }
    size_t a = 0;
    while (a <= n) {
        size_t b = a;
        while (b < n && s[b] != '|')
            b++;
        if (b == a) {
            *why = "empty alternative (a stray '|')";
            return NF_ESCHEMA;
        }
        int rc = add_alt(it, s + a, b - a);
        if (rc) {
            *why = "out of memory";
            return rc;
        }
        a = b + 1;
    }
    return NF_OK;
}

int nf_pattern_compile(nf_pattern *out, const char *text, const char *const *slot_names,
                      const char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    if (!(out->text = strdup(text))) {
        *why = "out of memory";
        return NF_ENOMEM;
    }
    const char *s = text;
    int required = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        nf_pattern_item *items = realloc(out->items, (out->n + 1) * sizeof *items);
        if (!items) {
            *why = "out of memory";
            nf_pattern_free(out);
            return NF_ENOMEM;
        }
        out->items = items;
        memset(&out->items[out->n], 0, sizeof out->items[0]);
        out->n++;
        int rc = parse_item(&out->items[out->n - 1], s, (size_t)(e - s), slot_names, why);
        if (rc) {
            nf_pattern_free(out);
            return rc;
        }
        if (!out->items[out->n - 1].optional)
            required = 1;
        s = e;
    }
    if (!required) {
        *why = out->n ? "every item is optional" : "empty pattern";
        nf_pattern_free(out);
        return NF_ESCHEMA;
    }
    return NF_OK;
}

int nf_pattern_intern(nf_pattern *p, nf_wordtab *wt)
{
    for (size_t i = 0; i < p->n; i++) {
        nf_pattern_item *it = &p->items[i];
        if (!it->nalts)
            continue;
        free(it->ids);
        if (!(it->ids = malloc(it->nalts * sizeof *it->ids)))
            return nf_set_error(NF_ENOMEM, "out of memory interning pattern '%s'", p->text);
        for (size_t j = 0; j < it->nalts; j++) {
            int rc = nf_wordtab_intern(&it->ids[j], wt, it->alts[j]);
            if (rc)
                return rc;
        }
    }
    p->wt = wt;
    return NF_OK;
}

size_t nf_pattern_required(const nf_pattern *p, const uint32_t **ids)
{
    /* the required word item with the fewest alternatives: quickest to test */
    const nf_pattern_item *best = NULL;
    for (size_t i = 0; i < p->n; i++) {
        const nf_pattern_item *it = &p->items[i];
        if (!it->optional && it->nalts && it->ids && (!best || it->nalts < best->nalts))
            best = it;
    }
    *ids = best ? best->ids : NULL;
    return best ? best->nalts : 0;
}

static int push_first(nf_pattern_first **v, size_t *n, size_t *cap, uint32_t key, uint32_t id)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        nf_pattern_first *nv = realloc(*v, c * sizeof *nv);
        if (!nv)
            return nf_set_error(NF_ENOMEM, "out of memory indexing patterns");
        *v = nv;
        *cap = c;
    }
    (*v)[(*n)++] = (nf_pattern_first){key, id};
    return NF_OK;
}

int nf_pattern_index_add(nf_pattern_index *ix, const nf_pattern *p, uint32_t id)
{
    if (!p->wt)
        return nf_set_error(NF_EINVAL, "pattern '%s' indexed before it was interned", p->text);
    /* what the items up to the first required one can start with */
    for (size_t i = 0; i < p->n; i++) {
        const nf_pattern_item *it = &p->items[i];
        int rc = NF_OK;
        if (it->any)
            break;      /* anything: goes to ix->anywhere */
        if (it->slot)
            rc = push_first(&ix->slots, &ix->nslots, &ix->slots_cap, (uint32_t)it->slot - 1, id);
        for (size_t j = 0; j < it->nalts && !rc; j++)
            rc = push_first(&ix->first, &ix->nfirst, &ix->cap, it->ids[j], id);
        if (rc)
            return rc;
        if (!it->optional && !it->eol)
            return NF_OK;
    }
    if (ix->nanywhere == ix->anywhere_cap) {
        size_t cap = ix->anywhere_cap ? ix->anywhere_cap * 2 : 16;
        uint32_t *v = realloc(ix->anywhere, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory indexing patterns");
        ix->anywhere = v;
        ix->anywhere_cap = cap;
    }
    ix->anywhere[ix->nanywhere++] = id;
    return NF_OK;
}

static int by_key(const void *a, const void *b)
{
    const nf_pattern_first *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Sorting drops repeats: a pattern listed twice under one word ("a|a") is
 * tried once. */
static size_t sort_unique(nf_pattern_first *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, by_key);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i].key != v[k - 1].key || v[i].id != v[k - 1].id)
            v[k++] = v[i];
    return k;
}

int nf_pattern_index_sort(nf_pattern_index *ix)
{
    ix->nfirst = sort_unique(ix->first, ix->nfirst);
    ix->nslots = sort_unique(ix->slots, ix->nslots);
    size_t nwords = ix->nfirst ? (size_t)ix->first[ix->nfirst - 1].key + 1 : 0;
    uint32_t *start = calloc(nwords + 1, sizeof *start);
    if (!start)
        return nf_set_error(NF_ENOMEM, "out of memory indexing patterns");
    for (size_t i = 0; i < ix->nfirst; i++)
        start[ix->first[i].key + 1]++;
    for (size_t w = 0; w < nwords; w++)
        start[w + 1] += start[w];
    free(ix->word_start);
    ix->word_start = start;
    ix->nwords = nwords;
    return NF_OK;
}

void nf_pattern_index_find(const nf_pattern_index *ix, uint32_t word, size_t *lo, size_t *hi)
{
    if (word >= ix->nwords) {
        *lo = *hi = 0;
        return;
    }
    *lo = ix->word_start[word];
    *hi = ix->word_start[word + 1];
}

void nf_pattern_index_find_slot(const nf_pattern_index *ix, int slot, size_t *lo, size_t *hi)
{
    size_t a = 0;
    while (a < ix->nslots && ix->slots[a].key < (uint32_t)slot)
        a++;
    size_t b = a;
    while (b < ix->nslots && ix->slots[b].key == (uint32_t)slot)
        b++;
    *lo = a;
    *hi = b;
}

void nf_pattern_index_free(nf_pattern_index *ix)
{
    free(ix->first);
    free(ix->word_start);
    free(ix->slots);
    free(ix->anywhere);
    memset(ix, 0, sizeof *ix);
}

/* One character that is neither a letter nor a digit. */
static int is_mark(const char *s)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
    if (k <= 0 || s[k] != '\0')
        return 0;
    utf8proc_category_t cat = utf8proc_category(c);
    return !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
           !(cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

int nf_pattern_marks(const nf_pattern *p, nf_punct_set *marks)
{
    for (size_t i = 0; i < p->n; i++)
        for (size_t j = 0; j < p->items[i].nalts; j++)
            if (is_mark(p->items[i].alts[j])) {
                int rc = nf_punct_set_add(marks, p->items[i].alts[j]);
                if (rc)
                    return rc;
            }
    return NF_OK;
}

static int word_matches(const nf_pattern *p, const nf_pattern_item *it, const nf_units *u,
                        size_t at)
{
    if (p->wt && u->wt == p->wt) {
        uint32_t w = u->v[at].word;
        for (size_t j = 0; j < it->nalts; j++)
            if (it->ids[j] == w)
                return w != 0;
        return 0;
    }
    const char *t = nf_unit_text(u, at);
    for (size_t j = 0; j < it->nalts; j++)
        if (strcmp(it->alts[j], t) == 0)
            return 1;
    return 0;
}

/* Match items [ITEM..] at unit AT; the unit after the match or NO_MATCH.
 * Slots try their longest length first, so "{name} staff" can give back
 * the word "Staff" that a greedy name would have taken. */
static size_t match_from(const nf_pattern *p, size_t item, const nf_units *u, size_t at,
                         size_t end, nf_slot_fn slot, void *ctx, nf_capture *caps)
{
    if (item == p->n)
        return at;
    const nf_pattern_item *it = &p->items[item];
    if (it->eol) {
        if (at >= end || (u->v[at].tok_flags & (NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE)))
            return match_from(p, item + 1, u, at, end, slot, ctx, caps);
        return NO_MATCH;
    }
    if (at < end) {
        if (it->slot) {
            size_t lens[16];
            size_t k = slot ? slot(ctx, it->slot - 1, u, at, end, lens, 16) : 0;
            for (size_t j = 0; j < k; j++) {
                if (lens[j] == 0 || at + lens[j] > end)
                    continue;
                size_t r = match_from(p, item + 1, u, at + lens[j], end, slot, ctx, caps);
                if (r != NO_MATCH) {
                    if (caps)
                        caps[item] = (nf_capture){at, lens[j]};
                    return r;
                }
            }
        } else if (it->any ? !u->v[at].punct : word_matches(p, it, u, at)) {
            size_t r = match_from(p, item + 1, u, at + 1, end, slot, ctx, caps);
            if (r != NO_MATCH)
                return r;
        }
    }
    if (it->optional) {
        if (caps)
            caps[item] = (nf_capture){at, 0};
        return match_from(p, item + 1, u, at, end, slot, ctx, caps);
    }
    return NO_MATCH;
}

size_t nf_pattern_match(const nf_pattern *p, const nf_units *u, size_t at, size_t end,
                       nf_slot_fn slot, void *ctx, nf_capture *caps)
{
    if (end > u->n)
        end = u->n;
    if (at >= end)
        return 0;
    size_t r = match_from(p, 0, u, at, end, slot, ctx, caps);
    return r == NO_MATCH ? 0 : r - at;
}
