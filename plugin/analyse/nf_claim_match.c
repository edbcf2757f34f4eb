/* Matching one compiled claim rule against a token range.
 *
 * Every element's occurrences in the range are listed (token spans, sorted),
 * then a group picks one occurrence per required element: for each possible
 * left end L, the earliest-ending occurrence of each element starting at or
 * after L (in order when the group is ordered).  That finds the tightest
 * span starting at L, so "within N" windows are checked on the best
 * candidate.  Ranges are a sentence or a clause, so the lists are short. */
#include "nf_claim_rules.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

static int occs_push(nf_claim_occs *o, const nf_claim_occ *x)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        nf_claim_occ *v = realloc(o->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = *x;
    return NF_OK;
}

/* An empty scratch list from the pool (NULL: out of memory). */
static nf_claim_occs *pool_take(nf_claim_pool *p)
{
    if (p->used == p->n) {
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 16;
            nf_claim_occs **v = realloc(p->v, cap * sizeof *v);
            if (!v)
                return NULL;
            p->v = v;
            p->cap = cap;
        }
        if (!(p->v[p->n] = calloc(1, sizeof **p->v)))
            return NULL;
        p->n++;
    }
    nf_claim_occs *o = p->v[p->used++];
    o->n = 0;
    return o;
}

/* Give back the last COUNT lists taken. */
static void pool_give(nf_claim_pool *p, size_t count)
{
    p->used -= count;
}

void nf_claim_pool_free(nf_claim_pool *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i]->v);
        free(p->v[i]);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

static int occ_cmp(const void *pa, const void *pb)
{
    const nf_claim_occ *a = pa, *b = pb;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->last < b->last ? -1 : a->last > b->last;
}

/* The first index of sorted V[0..N) whose value is >= X. */
static size_t lower_bound(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int word_at(const nf_claim_ctx *c, uint32_t t, uint32_t term)
{
    return c->stem_id[t] == term || c->exact_id[t] == term;
}

/* Occurrences of one alternative in [LO, HI], appended to OUT. */
static int alt_occs(nf_claim_occs *out, const nf_claim_ctx *c, const nf_claim_alt *alt,
                    uint32_t lo, uint32_t hi)
{
    nf_claim_occ o;
    o.ncap = 0;         /* item_occs sets the capture; cap[0] is its value */
    int rc = NF_OK;
    switch (alt->kind) {
    case NF_ALT_WORDS: {
        if (c->term_seen[alt->words[0]] != c->sentence)
            break;
        /* the positions of the first word, then the rest checked in place */
        const uint32_t *pos = c->term_pos + c->term_start[alt->words[0]];
        size_t n = c->term_start[alt->words[0] + 1] - c->term_start[alt->words[0]];
        size_t i = lower_bound(pos, n, lo);
        for (; i < n && pos[i] + alt->nwords - 1 <= hi && !rc; i++) {
            uint32_t t = pos[i];
            size_t k = 1;
            while (k < alt->nwords && word_at(c, t + (uint32_t)k, alt->words[k]))
                k++;
            if (k == alt->nwords) {
                o.first = t;
                o.last = t + (uint32_t)alt->nwords - 1;
                o.cap[0] = (nf_claim_capval){0, NF_CAP_TOKENS, o.first, o.last};
                rc = occs_push(out, &o);
            }
        }
        break;
    }
    case NF_ALT_ENTITY: {
        if (c->term_seen[alt->entity] != c->sentence)
            break;
        /* mentions of this list/id, in first-token order */
        const uint32_t *pos = c->term_pos + c->term_start[alt->entity];
        size_t n = c->term_start[alt->entity + 1] - c->term_start[alt->entity];
        size_t l = 0, h = n;
        while (l < h) {
            size_t mid = (l + h) / 2;
            if (c->a->mentions[pos[mid]].tok_first < lo)
                l = mid + 1;
            else
                h = mid;
        }
        for (size_t i = l; i < n && !rc; i++) {
            uint32_t mi = pos[i];
            const nf_mention *m = &c->a->mentions[mi];
            if (m->tok_first > hi)
                break;
            o.first = m->tok_first;
            o.last = m->tok_last > hi ? hi : m->tok_last;
            o.cap[0] = (nf_claim_capval){0, NF_CAP_MENTION, mi, mi};
            rc = occs_push(out, &o);
        }
        break;
    }
    case NF_ALT_MONEY:
    case NF_ALT_PERCENT: {
        nf_amount_kind want = alt->kind == NF_ALT_MONEY ? NF_AMOUNT_MONEY : NF_AMOUNT_PERCENT;
        for (size_t i = 0; i < c->a->namounts && !rc; i++) {
            if (c->a->amounts[i].kind != want || c->amt_first[i] == NF_TERM_NONE ||
                c->amt_first[i] < lo || c->amt_first[i] > hi)
                continue;
            o.first = c->amt_first[i];
            o.last = c->amt_last[i] > hi ? hi : c->amt_last[i];
            o.cap[0] = (nf_claim_capval){0, NF_CAP_AMOUNT, (uint32_t)i, (uint32_t)i};
            rc = occs_push(out, &o);
        }
        break;
    }
    case NF_ALT_YEAR:
    case NF_ALT_MULTIPLE: {
        uint8_t bit = alt->kind == NF_ALT_YEAR ? 1 : 2;
        for (uint32_t t = lo; t <= hi && !rc; t++)
            if (c->tok_special[t] & bit) {
                o.first = o.last = t;
                o.cap[0] = (nf_claim_capval){0, NF_CAP_TOKENS, t, t};
                rc = occs_push(out, &o);
            }
        break;
    }
    }
    return rc;
}

static int group_occs(nf_claim_occs *out, const nf_claim_ctx *c, const nf_claim_group *g,
                      uint32_t lo, uint32_t hi, int root);

/* Occurrences of an element (alternatives or a nested group) in [LO, HI],
 * sorted, each carrying the element's capture if it has one. */
static int item_occs(nf_claim_occs *out, const nf_claim_ctx *c, const nf_claim_item *it,
                     uint32_t lo, uint32_t hi)
{
    out->n = 0;
    int rc = NF_OK;
    if (it->group) {
        rc = group_occs(out, c, it->group, lo, hi, 0);
        if (!rc && it->capture >= 0)
            for (size_t i = 0; i < out->n; i++) {
                nf_claim_occ *o = &out->v[i];
                if (o->ncap < NF_CLAIM_MAX_CAPTURES)
                    o->cap[o->ncap++] = (nf_claim_capval){(uint8_t)it->capture,
                                                          NF_CAP_TOKENS, o->first, o->last};
            }
        return rc;
    }
    nf_claim_occs *neg = pool_take(c->pool);
    if (!neg)
        return nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
    for (size_t i = 0; i < it->nalts && !rc; i++)
        rc = alt_occs(it->alts[i].negate ? neg : out, c, &it->alts[i], lo, hi);
    if (!rc && neg->n) {
        /* "!ALT": drop occurrences that overlap an excluded one */
        size_t keep = 0;
        for (size_t i = 0; i < out->n; i++) {
            int hit = 0;
            for (size_t j = 0; j < neg->n && !hit; j++)
                hit = !(out->v[i].last < neg->v[j].first || neg->v[j].last < out->v[i].first);
            if (!hit)
                out->v[keep++] = out->v[i];
        }
        out->n = keep;
    }
    pool_give(c->pool, 1);
    if (rc)
        return rc;
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, occ_cmp);
    for (size_t i = 0; i < out->n; i++) {
        nf_claim_occ *o = &out->v[i];
        if (it->capture >= 0) {
            o->cap[0].name = (uint8_t)it->capture;
            o->ncap = 1;
        } else {
            o->ncap = 0;
        }
    }
    return NF_OK;
}

/* Does any forbidden element of G occur in [LO, HI] overlapping tokens
 * [FIRST, LAST]?  1 yes, 0 no, <0 error. */
static int forbidden(const nf_claim_ctx *c, const nf_claim_group *g, uint32_t lo, uint32_t hi,
                     uint32_t first, uint32_t last)
{
    nf_claim_occs *tmp = pool_take(c->pool);
    if (!tmp)
        return nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
    int found = 0;
    for (size_t i = 0; i < g->nforbid && !found; i++) {
        int rc = item_occs(tmp, c, &g->forbid[i], lo, hi);
        if (rc) {
            pool_give(c->pool, 1);
            return rc;
        }
        for (size_t k = 0; k < tmp->n && !found; k++)
            found = !(tmp->v[k].last < first || last < tmp->v[k].first);
    }
    pool_give(c->pool, 1);
    return found;
}

/* The earliest-ending occurrence in O starting at or after FROM, or -1. */
static long earliest_end(const nf_claim_occs *o, uint32_t from)
{
    long best = -1;
    for (size_t i = 0; i < o->n; i++)
        if (o->v[i].first >= from && (best < 0 || o->v[i].last < o->v[best].last))
            best = (long)i;
    return best;
}

static int u32_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

/* Matches of group G in [LO, HI].  The root group checks its forbidden
 * elements over the whole range and keeps only its tightest match (the
 * leftmost of equals); a nested group checks them overlapping each matched
 * span and lists every match. */
static int group_occs(nf_claim_occs *out, const nf_claim_ctx *c, const nf_claim_group *g,
                      uint32_t lo, uint32_t hi, int root)
{
    out->n = 0;
    int rc = NF_OK;
    if (root && g->nforbid) {
        rc = forbidden(c, g, lo, hi, lo, hi);
        if (rc)
            return rc < 0 ? rc : NF_OK;
    }
    /* small groups (nearly all) keep their scratch on the stack; the
     * lists come from the pool */
    nf_claim_occs *per_small[8];
    long pick_small[8];
    uint32_t anchors_small[64];
    int small = g->nreq <= 8;
    nf_claim_occs **per = small ? per_small : calloc(g->nreq, sizeof *per);
    long *pick = small ? pick_small : calloc(g->nreq, sizeof *pick);
    uint32_t *anchors = NULL;
    size_t nanchors = 0, taken = 0;
    if (!per || !pick) {
        rc = nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
        goto done;
    }
    for (size_t k = 0; k < g->nreq; k++) {
        if (!(per[k] = pool_take(c->pool))) {
            rc = nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
            goto done;
        }
        taken++;
        if ((rc = item_occs(per[k], c, &g->req[k], lo, hi)))
            goto done;
        if (per[k]->n == 0)
            goto done;          /* an element is missing: no match */
        nanchors += per[k]->n;
    }
    anchors = nanchors <= 64 ? anchors_small : malloc(nanchors * sizeof *anchors);
    if (!anchors) {
        rc = nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
        goto done;
    }
    nanchors = 0;
    for (size_t k = 0; k < g->nreq; k++)
        for (size_t i = 0; i < per[k]->n; i++)
            anchors[nanchors++] = per[k]->v[i].first;
    qsort(anchors, nanchors, sizeof *anchors, u32_cmp);
    for (size_t ai = 0; ai < nanchors; ai++) {
        uint32_t L = anchors[ai];
        if (ai && anchors[ai - 1] == L)
            continue;
        uint32_t cursor = L, first = UINT32_MAX, last = 0;
        int ok = 1;
        for (size_t k = 0; k < g->nreq; k++) {
            pick[k] = earliest_end(per[k], g->ordered ? cursor : L);
            if (pick[k] < 0) {
                ok = -1;    /* none left from here on: later anchors fail too */
                break;
            }
            const nf_claim_occ *o = &per[k]->v[pick[k]];
            if (o->first < first)
                first = o->first;
            if (o->last > last)
                last = o->last;
            if (g->ordered)
                cursor = o->last + 1;
        }
        if (ok < 0)
            break;
        if (first != L)
            continue;       /* this choice is found from its own left end */
        if (g->within && last - first + 1 > g->within)
            continue;
        if (!root && g->nforbid) {
            int f = forbidden(c, g, lo, hi, first, last);
            if (f < 0) {
                rc = f;
                goto done;
            }
            if (f)
                continue;
        }
        nf_claim_occ m;
        memset(&m, 0, sizeof m);
        m.first = first;
        m.last = last;
        for (size_t k = 0; k < g->nreq; k++) {
            const nf_claim_occ *o = &per[k]->v[pick[k]];
            for (size_t j = 0; j < o->ncap && m.ncap < NF_CLAIM_MAX_CAPTURES; j++)
                m.cap[m.ncap++] = o->cap[j];
        }
        if (root) {
            /* keep the tightest match: the stance is decided on its span,
             * which should not reach over cues of other clauses */
            if (out->n == 0)
                rc = occs_push(out, &m);
            else if (m.last - m.first < out->v[0].last - out->v[0].first)
                out->v[0] = m;
        } else {
            rc = occs_push(out, &m);
        }
        if (rc)
            goto done;
    }
done:
    pool_give(c->pool, taken);
    if (!small) {
        free(per);
        free(pick);
    }
    if (anchors != anchors_small)
        free(anchors);
    return rc;
}

int nf_claim_rule_match(nf_claim_occ *out, const nf_claim_ctx *c,
                        const nf_claim_rule *rule, uint32_t lo, uint32_t hi)
{
    nf_claim_occs *occs = pool_take(c->pool);
    if (!occs)
        return nf_set_error(NF_ENOMEM, "out of memory matching claim rules");
    int rc = group_occs(occs, c, &rule->root, lo, hi, 1);
    int found = 0;
    if (!rc && occs->n) {
        *out = occs->v[0];
        found = 1;
    }
    pool_give(c->pool, 1);
    return rc ? rc : found;
}
