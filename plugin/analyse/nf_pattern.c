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

int nf_pattern_first_words(const nf_pattern *p, void (*fn)(void *ctx, const char *word),
                           void *ctx)
{
    for (size_t i = 0; i < p->n; i++) {
        const nf_pattern_item *it = &p->items[i];
        if (it->slot || it->any)
            return 1;
        if (!it->eol)
            for (size_t j = 0; j < it->nalts; j++)
                fn(ctx, it->alts[j]);
        if (!it->optional && !it->eol)
            return 0;
    }
    return 1;
}

typedef struct index_ctx {
    nf_pattern_index *ix;
    uint32_t id;
    int failed;
} index_ctx;

static void index_word(void *vctx, const char *word)
{
    index_ctx *x = vctx;
    nf_pattern_index *ix = x->ix;
    if (ix->nfirst == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 256;
        nf_pattern_first *v = realloc(ix->first, cap * sizeof *v);
        if (!v) {
            x->failed = 1;
            return;
        }
        ix->first = v;
        ix->cap = cap;
    }
    ix->first[ix->nfirst++] = (nf_pattern_first){word, x->id};
}

int nf_pattern_index_add(nf_pattern_index *ix, const nf_pattern *p, uint32_t id)
{
    index_ctx x = {ix, id, 0};
    if (nf_pattern_first_words(p, index_word, &x)) {
        if (ix->nanywhere == ix->anywhere_cap) {
            size_t cap = ix->anywhere_cap ? ix->anywhere_cap * 2 : 16;
            uint32_t *v = realloc(ix->anywhere, cap * sizeof *v);
            if (!v)
                return nf_set_error(NF_ENOMEM, "out of memory indexing patterns");
            ix->anywhere = v;
            ix->anywhere_cap = cap;
        }
        ix->anywhere[ix->nanywhere++] = id;
    }
    return x.failed ? nf_set_error(NF_ENOMEM, "out of memory indexing patterns") : NF_OK;
}

static int by_word(const void *a, const void *b)
{
    const nf_pattern_first *x = a, *y = b;
    int r = strcmp(x->word, y->word);
    return r ? r : (x->id > y->id) - (x->id < y->id);
}

void nf_pattern_index_sort(nf_pattern_index *ix)
{
    if (ix->nfirst)
        qsort(ix->first, ix->nfirst, sizeof *ix->first, by_word);
}

void nf_pattern_index_find(const nf_pattern_index *ix, const char *word, size_t *lo,
                           size_t *hi)
{
    size_t a = 0, b = ix->nfirst;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (strcmp(ix->first[mid].word, word) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (b < ix->nfirst && strcmp(ix->first[b].word, word) == 0)
        b++;
    *hi = b > a ? b : a;
}

void nf_pattern_index_free(nf_pattern_index *ix)
{
    free(ix->first);
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

static int word_matches(const nf_pattern_item *it, const nf_units *u, size_t at)
{
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
        } else if (it->any ? !u->v[at].punct : word_matches(it, u, at)) {
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
