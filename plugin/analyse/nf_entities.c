/* Entity matching over word units (see nf_entities.h, nf_words.h and
 * nf_gazetteer_impl.h for the tables).  Cost: one pass to cut the text into
 * units, then at each unit a few hash look-ups while the words read so far
 * are a prefix of some alias -- linear in the text and independent of how
 * many entries the gazetteer holds. */
#include "nf_entities.h"
#include "nf_gazetteer_impl.h"
#include "nf_words.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

typedef struct unit {
    uint32_t start, end;       /* byte span */
    uint32_t tok_first, tok_last;
    uint32_t sentence;
    uint32_t key;              /* offset of the lower-cased unit in keys */
    uint32_t key_len;
    uint8_t gap;               /* nf_gap between the previous unit and this one */
} unit;

typedef struct units {
    const char *text;
    const nf_tokens *tokens;
    unit *v;
    size_t n, cap;
    nf_buf keys;
    size_t tok;                /* cursor: first token not ending before the unit */
    int rc;
} units;

static const char *ukey(const units *u, size_t i)
{
    return u->keys.data + u->v[i].key;
}

/* The token holding byte POS (or the next one), moving a forward cursor. */
static uint32_t token_at(units *u, size_t pos)
{
    const nf_tokens *t = u->tokens;
    while (u->tok < t->n && t->v[u->tok].end <= pos)
        u->tok++;
    if (!t->n)
        return 0;
    return (uint32_t)(u->tok < t->n ? u->tok : t->n - 1);
}

static int add_unit(void *ctx, size_t start, size_t end)
{
    units *u = ctx;
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 256;
        unit *v = realloc(u->v, cap * sizeof *v);
        if (!v)
            return u->rc = nf_set_error(NF_ENOMEM, "out of memory tagging entities");
        u->v = v;
        u->cap = cap;
    }
    unit *w = &u->v[u->n];
    w->start = (uint32_t)start;
    w->end = (uint32_t)end;
    w->tok_first = token_at(u, start);
    w->tok_last = token_at(u, end - 1);
    w->sentence = u->tokens->n ? u->tokens->v[w->tok_first].sentence : 0;
    w->gap = (uint8_t)(u->n ? nf_words_gap(u->text, u->v[u->n - 1].end, start) : NF_GAP_BREAK);
    w->key = (uint32_t)u->keys.len;
    if (nf_word_lower(&u->keys, u->text, start, end) || nf_buf_putc(&u->keys, '\0'))
        return u->rc = NF_ENOMEM;
    w->key_len = (uint32_t)(u->keys.len - w->key - 1);
    u->n++;
    return 0;
}

/* "Micro-\nsoft": re-join the halves of a word hyphenated at a line end
 * when the whole word is one the gazetteer knows. */
static int join_hyphen_breaks(units *u, const struct nf_gazetteer *g)
{
    size_t out = 0;
    for (size_t i = 0; i < u->n; i++) {
        if (out && u->v[i].gap == NF_GAP_HYPHEN_BREAK) {
            unit *p = &u->v[out - 1];
            size_t start = u->keys.len;
            if (nf_buf_append(&u->keys, ukey(u, out - 1), p->key_len) ||
                nf_buf_append(&u->keys, ukey(u, i), u->v[i].key_len) ||
                nf_buf_putc(&u->keys, '\0'))
                return NF_ENOMEM;
            size_t len = u->keys.len - start - 1;
            const char *k = u->keys.data + start;
            const nf_gaz_slot *s = nf_gaz_lookup(g, k, len, nf_gaz_hash(NF_GAZ_HASH_INIT, k, len));
            if (s && (s->flags & NF_GAZ_VOCAB)) {
                p->end = u->v[i].end;
                p->tok_last = u->v[i].tok_last;
                p->key = (uint32_t)start;
                p->key_len = (uint32_t)len;
                continue;
            }
            u->keys.len = start;   /* not a known word: keep two units */
        }
        u->v[out++] = u->v[i];
    }
    u->n = out;
    return NF_OK;
}

/* ---- context rules ------------------------------------------------------ */

/* Does PHRASE end right before unit I (no phrase-ending punctuation)? */
static int phrase_before(const units *u, size_t i, const nf_phrase *p)
{
    if (p->n > i)
        return 0;
    for (size_t k = 0; k < p->n; k++) {
        size_t at = i - p->n + k;
        if (u->v[at + 1].gap == NF_GAP_BREAK)
            return 0;
        if (strcmp(ukey(u, at), p->words[k]) != 0)
            return 0;
    }
    return 1;
}

/* Does PHRASE start right after unit J? */
static int phrase_after(const units *u, size_t j, const nf_phrase *p)
{
    if (j + p->n >= u->n)
        return 0;
    for (size_t k = 0; k < p->n; k++) {
        size_t at = j + 1 + k;
        if (u->v[at].gap == NF_GAP_BREAK)
            return 0;
        if (strcmp(ukey(u, at), p->words[k]) != 0)
            return 0;
    }
    return 1;
}

static int any_before(const units *u, size_t i, const nf_phrases *ps)
{
    for (size_t k = 0; k < ps->n; k++)
        if (phrase_before(u, i, &ps->v[k]))
            return 1;
    return 0;
}

static int any_after(const units *u, size_t j, const nf_phrases *ps)
{
    for (size_t k = 0; k < ps->n; k++)
        if (phrase_after(u, j, &ps->v[k]))
            return 1;
    return 0;
}

#define NEAR_UNITS 12

/* Is one of PS within NEAR_UNITS units of [I, J] in the same sentence? */
static int any_near(const units *u, size_t i, size_t j, const nf_phrases *ps)
{
    size_t lo = i > NEAR_UNITS ? i - NEAR_UNITS : 0;
    size_t hi = j + NEAR_UNITS < u->n ? j + NEAR_UNITS : u->n - 1;
    uint32_t sentence = u->v[i].sentence;
    for (size_t at = lo; at <= hi; at++) {
        if (at >= i && at <= j)
            continue;
        if (u->v[at].sentence != sentence)
            continue;
        for (size_t k = 0; k < ps->n; k++) {
            const nf_phrase *p = &ps->v[k];
            if (at + p->n > u->n)
                continue;
            size_t m = 0;
            while (m < p->n && strcmp(ukey(u, at + m), p->words[m]) == 0)
                m++;
            if (m == p->n)
                return 1;
        }
    }
    return 0;
}

static int upper(const units *u, size_t i)
{
    return nf_word_upper_initial(u->text, u->v[i].start, u->v[i].end);
}

/* Title-case text ("Microsoft Adds Claude To Copilot") capitalises every
 * word, so a capitalised word after a name says nothing there. */
static int title_case_around(const units *u, size_t i, size_t j)
{
    int caps = 0;
    if (i >= 1 && u->v[i].gap != NF_GAP_BREAK) {
        caps += upper(u, i - 1);
        if (i >= 2 && u->v[i - 1].gap != NF_GAP_BREAK)
            caps += upper(u, i - 2);
    }
    if (j + 2 < u->n && u->v[j + 2].gap != NF_GAP_BREAK) {
        caps += upper(u, j + 2);
        if (j + 3 < u->n && u->v[j + 3].gap != NF_GAP_BREAK)
            caps += upper(u, j + 3);
    }
    return caps >= 2;
}

static int case_ok(const units *u, size_t i, size_t j, const nf_gaz_alias *a,
                   const nf_gaz_rules *r, nf_buf *scratch)
{
    if (r->case_mode == NF_CASE_ANY)
        return 1;
    nf_buf_clear(scratch);
    if (r->case_mode == NF_CASE_CAPITALISED) {
        if (nf_word_capitalised(u->text, u->v[i].start, u->v[i].end))
            return 1;
        /* Names written with a small initial ("xAI", "iPhone") are
         * capitalised as written. */
        nf_word_exact(scratch, u->text, u->v[i].start, u->v[i].end);
        return scratch->len && strncmp(a->exact, scratch->data, scratch->len) == 0 &&
               !nf_word_capitalised(a->exact, 0, strlen(a->exact));
    }
    for (size_t k = i; k <= j; k++)
        nf_word_exact(scratch, u->text, u->v[k].start, u->v[k].end);
    return scratch->len && strcmp(scratch->data, a->exact) == 0;
}

static int alias_accepted(const units *u, size_t i, size_t j, const struct nf_gazetteer *g,
                          const nf_gaz_alias *a, nf_buf *scratch)
{
    const nf_gaz_rules *r = g->rules[a->rules];
    if (!case_ok(u, i, j, a, r, scratch))
        return 0;
    if (any_before(u, i, &r->veto_before) || any_after(u, j, &r->veto_after))
        return 0;
    if (r->veto_next_capitalised && j + 1 < u->n && u->v[j + 1].gap == NF_GAP_TIGHT &&
        upper(u, j + 1) && !any_after(u, j, &r->allow_after) && !title_case_around(u, i, j))
        return 0;
    if (r->has_confirm && !any_before(u, i, &r->confirm_before) &&
        !any_after(u, j, &r->confirm_after) && !any_near(u, i, j, &r->confirm_near))
        return 0;
    return 1;
}

/* ---- output ------------------------------------------------------------- */

static int add_mention(nf_analysis *an, const units *u, size_t i, size_t j,
                       const char *list, const char *id, size_t first)
{
    /* One mention per list:id and span (an alias in two lists, or an
     * implication repeating a direct hit). */
    for (size_t k = first; k < an->nmentions; k++)
        if (an->mentions[k].list == list && strcmp(an->mentions[k].id, id) == 0)
            return NF_OK;
    if (an->nmentions == an->mentions_cap) {
        size_t cap = an->mentions_cap ? an->mentions_cap * 2 : 64;
        nf_mention *v = realloc(an->mentions, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory tagging entities");
        an->mentions = v;
        an->mentions_cap = cap;
    }
    nf_mention *m = &an->mentions[an->nmentions++];
    m->start = u->v[i].start;
    m->end = u->v[j].end;
    m->tok_first = u->v[i].tok_first;
    m->tok_last = u->v[j].tok_last;
    m->list = list;
    m->id = id;
    return NF_OK;
}

/* ---- the scan ----------------------------------------------------------- */

#define MAX_KEY 1024

static int scan(nf_analysis *an, const units *u, const struct nf_gazetteer *g)
{
    nf_buf scratch = NF_BUF_INIT;
    uint32_t *hits = NULL, *best = NULL;
    size_t nbest = 0, cap = 0;
    int rc = NF_OK;
    char key[MAX_KEY];
    size_t i = 0;
    while (i < u->n && !rc) {
        size_t len = 0, best_j = (size_t)-1;
        uint64_t h = NF_GAZ_HASH_INIT;
        for (size_t j = i; j < u->n && j - i < g->max_units; j++) {
            if (j > i) {
                if (u->v[j].gap != NF_GAP_TIGHT && u->v[j].gap != NF_GAP_HYPHEN_BREAK)
                    break;
                key[len++] = ' ';
                h = nf_gaz_hash(h, " ", 1);
            }
            size_t kl = u->v[j].key_len;
            if (len + kl >= MAX_KEY)
                break;
            memcpy(key + len, ukey(u, j), kl);
            h = nf_gaz_hash(h, key + len, kl);
            len += kl;
            if (j == i && !nf_gaz_may_start(g, h))
                break;
            const nf_gaz_slot *s = nf_gaz_lookup(g, key, len, h);
            if (!s)
                break;
            if (s->flags & NF_GAZ_FULL) {
                size_t nhits = 0;
                for (uint32_t a = s->first; a != NF_GAZ_NONE; a = g->aliases[a].next) {
                    if (!alias_accepted(u, i, j, g, &g->aliases[a], &scratch))
                        continue;
                    if (nhits == cap || !hits || !best) {
                        size_t ncap = cap ? cap * 2 : 8;
                        uint32_t *nh = realloc(hits, ncap * sizeof *nh);
                        if (nh)
                            hits = nh;
                        uint32_t *nb = nh ? realloc(best, ncap * sizeof *nb) : NULL;
                        if (!nh || !nb) {
                            rc = nf_set_error(NF_ENOMEM, "out of memory tagging entities");
                            goto out;
                        }
                        best = nb;
                        cap = ncap;
                    }
                    hits[nhits++] = a;
                }
                if (nhits) {
                    best_j = j;
                    memcpy(best, hits, nhits * sizeof *hits);
                    nbest = nhits;
                }
            }
            if (!(s->flags & NF_GAZ_PREFIX))
                break;
        }
        if (best_j == (size_t)-1) {
            i++;
            continue;
        }
        size_t first = an->nmentions;
        for (size_t k = 0; k < nbest && !rc; k++) {
            const nf_gaz_entry *e = &g->entries[g->aliases[best[k]].entry];
            rc = add_mention(an, u, i, best_j, e->list, e->id, first);
            for (size_t m = 0; m < e->nimplies && !rc; m++)
                rc = add_mention(an, u, i, best_j, e->implies[m].list, e->implies[m].id, first);
        }
        i = best_j + 1;
    }
out:
    free(hits);
    free(best);
    nf_buf_free(&scratch);
    return rc;
}

int nf_entities_find_with(nf_analysis *an, const struct nf_gazetteer *g)
{
    if (!g || !g->naliases)
        return NF_OK;
    const char *text = an->tokens.text;
    size_t text_len = an->tokens.text_len;
    if (!text && an->article) {
        text = an->article->text;
        text_len = an->article->text_len;
    }
    if (!text || !text_len)
        return NF_OK;
    units u = {text, &an->tokens, NULL, 0, 0, NF_BUF_INIT, 0, NF_OK};
    int rc = nf_buf_reserve(&u.keys, text_len + 64);
    if (!rc) {
        nf_words_each(text, 0, text_len, add_unit, &u);
        rc = u.rc;
    }
    if (!rc)
        rc = join_hyphen_breaks(&u, g);
    if (!rc)
        rc = scan(an, &u, g);
    free(u.v);
    nf_buf_free(&u.keys);
    return rc;
}

int nf_entities_find(nf_analysis *an)
{
    if (!an->schema)
        return nf_set_error(NF_EINVAL, "entity tagging needs a schema");
    return nf_entities_find_with(an, an->schema->gazetteer);
}
