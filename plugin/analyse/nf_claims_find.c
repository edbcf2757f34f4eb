/* Finding claims in one analysis.  The cost is linear in the text: each
 * token's stem and term are looked up once in the rules' term table, which
 * also says which required elements of which rules the term gives; a
 * sentence is matched only against the rules whose every required element
 * (word, entity, amount) it contains. */
#include "nf_claim_rules.h"
#include "core/nf_error.h"
#include "analyse/nf_stem.h"

#include "analyse/nf_stance.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scratch state for one call. */
typedef struct finder {
    nf_claim_ctx ctx;
    nf_analysis *a;
    const struct nf_claim_rules *r;
    uint32_t *stem_id, *exact_id, *ment_order, *ment_any, *ment_id;
    uint32_t *amt_first, *amt_last, *amt_order;
    uint8_t *tok_special;
    uint32_t *rule_stamp, *rule_mask, *claim_stamp, *cand;
    uint32_t *clause_start;       /* first token of each clause of a sentence */
    uint32_t *term_start, *term_pos;  /* where each term id occurs (nf_claim_ctx) */
    uint32_t *term_seen;          /* per term id: last sentence it occurred in */
    uint32_t special[4];          /* term ids: #money #percent #year #multiple */
    nf_stance_scan stance;        /* the last sentence scanned for cues */
    nf_claim_pool pool;           /* the matcher's scratch lists */
} finder;

static int is_year(const char *t, size_t len)
{
    return len == 4 && ((t[0] == '1' && t[1] == '9') || (t[0] == '2' && t[1] == '0')) &&
           isdigit((unsigned char)t[2]) && isdigit((unsigned char)t[3]);
}

/* "10x", "2.5x" */
static int is_multiple(const char *t, size_t len)
{
    if (len < 2 || t[len - 1] != 'x' || !isdigit((unsigned char)t[0]))
        return 0;
    for (size_t i = 0; i + 1 < len; i++)
        if (!isdigit((unsigned char)t[i]) && t[i] != '.')
            return 0;
    return 1;
}

static uint32_t lookup(const nf_claim_termtab *tt, char kind, const char *a, size_t alen,
                       const char *b)
{
    char key[512];
    size_t blen = b ? strlen(b) : 0;
    size_t need = 2 + alen + (b ? 1 + blen : 0);
    if (need >= sizeof key)
        return NF_TERM_NONE;
    key[0] = kind;
    key[1] = '\x1f';
    memcpy(key + 2, a, alen);
    if (b) {
        key[2 + alen] = '\x1f';
        memcpy(key + 3 + alen, b, blen);
    }
    return nf_claim_termtab_find(tt, key, need);
}

/* One stemmer per thread, kept between analyses: its cache then already
 * holds the article's common words, and its 600 kB are not allocated and
 * faulted in again for every article.  Freed when the thread ends. */
/* A token's ids depend only on its term and the rule set: a per-thread
 * direct-mapped cache of term -> (stem id, exact id), tagged with the rule
 * set's serial, spares the stemmer and two table look-ups for the words an
 * article repeats. */
#define TERM_CACHE_SLOTS 16384      /* a power of two; two ways per set */
#define TERM_CACHE_MAX 27           /* longer terms are not cached */

typedef struct term_slot {
    uint64_t serial;                /* rule set of the ids; 0 = empty */
    uint32_t stem_id, exact_id;
    uint32_t len;
    char term[TERM_CACHE_MAX + 1];
    uint32_t stem_len;              /* 0: no stem kept (too long) */
    char stem[TERM_CACHE_MAX + 1];  /* the term's stem: another rule set's
                                       ids need no stemming again */
} term_slot;

typedef struct thread_stem {
    nf_stemmer *st;
    char language[64];
    term_slot *cache;
} thread_stem;

static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;
static int stem_key_ok;

static void thread_stem_free(void *p)
{
    thread_stem *t = p;
    nf_stemmer_free(t->st);
    free(t->cache);
    free(t);
}

static void make_stem_key(void)
{
    stem_key_ok = pthread_key_create(&stem_key, thread_stem_free) == 0;
}

/* The calling thread's stemmer for LANGUAGE (NULL: no stemming) and its
 * term cache (NULL if none could be had).  *OWNED says the caller must
 * free the stemmer (no thread slot could be had). */
static int thread_stemmer(nf_stemmer **out, term_slot **cache, int *owned,
                          const char *language)
{
    *owned = 0;
    *cache = NULL;
    pthread_once(&stem_once, make_stem_key);
    thread_stem *t = stem_key_ok ? pthread_getspecific(stem_key) : NULL;
    if (!t && stem_key_ok && (t = calloc(1, sizeof *t)) &&
        pthread_setspecific(stem_key, t) != 0) {
        free(t);
        t = NULL;
    }
    if (!t || strlen(language) >= sizeof t->language) {
        *owned = 1;
        return nf_stemmer_new(out, language);
    }
    if (!t->st || strcmp(t->language, language) != 0) {
        nf_stemmer_free(t->st);
        t->st = NULL;
        t->language[0] = '\0';
        int rc = nf_stemmer_new(&t->st, language);
        if (rc)
            return rc;
        strcpy(t->language, language);
        /* the cached stems were another language's */
        if (t->cache)
            memset(t->cache, 0, TERM_CACHE_SLOTS * sizeof *t->cache);
    }
    if (!t->cache)
        t->cache = calloc(TERM_CACHE_SLOTS, sizeof *t->cache);
    *cache = t->cache;
    *out = t->st;
    return NF_OK;
}

static uint32_t term_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Per token: the ids of its stem and of its exact term; years, multiples. */
static int prepare_tokens(finder *f)
{
    const nf_tokens *tk = &f->a->tokens;
    nf_stemmer *st = NULL;
    term_slot *cache = NULL;
    int owned = 0;
    int rc = thread_stemmer(&st, &cache, &owned, f->r->language);
    for (size_t i = 0; i < tk->n && !rc; i++) {
        const char *term = nf_token_term(tk, i);
        size_t len = tk->v[i].term_len;
        f->tok_special[i] = (uint8_t)(is_year(term, len) | (is_multiple(term, len) << 1));
        term_slot *slot = NULL;
        int known_term = 0;     /* the slot holds this term, maybe other ids */
        if (cache && len <= TERM_CACHE_MAX) {
            /* two ways per set: a pair of frequent words that share a set
             * does not evict each other; a new term goes first, the one it
             * displaces second */
            term_slot *set = &cache[term_hash(term, len) & (TERM_CACHE_SLOTS - 2)];
            slot = &set[0];
            if (!(set[0].serial && set[0].len == len && memcmp(set[0].term, term, len) == 0)) {
                if (set[1].serial && set[1].len == len && memcmp(set[1].term, term, len) == 0) {
                    term_slot tmp = set[0];     /* a hit in the second way: swap */
                    set[0] = set[1];
                    set[1] = tmp;
                } else {
                    set[1] = set[0];
                    set[0].serial = 0;
                }
            }
            known_term = slot->serial && slot->len == len && memcmp(slot->term, term, len) == 0;
            if (known_term && slot->serial == f->r->serial) {
                f->stem_id[i] = slot->stem_id;
                f->exact_id[i] = slot->exact_id;
                continue;
            }
        }
        f->exact_id[i] = lookup(&f->r->terms, 'x', term, len, NULL);
        const char *stem = term;
        size_t slen = len;
        if (known_term && slot->stem_len) {
            stem = slot->stem;
            slen = slot->stem_len;
        } else if (st && !isdigit((unsigned char)term[0])) {
            /* like Xapian, numbers are not stemmed */
            rc = nf_stemmer_stem(st, term, len, &stem, &slen);
        }
        f->stem_id[i] = rc ? NF_TERM_NONE : lookup(&f->r->terms, 's', stem, slen, NULL);
        if (slot && !rc) {
            if (!known_term) {
                slot->stem_len = 0;
                if (slen <= TERM_CACHE_MAX) {
                    memcpy(slot->stem, stem, slen);
                    slot->stem[slen] = '\0';
                    slot->stem_len = (uint32_t)slen;
                }
            }
            slot->serial = f->r->serial;
            slot->stem_id = f->stem_id[i];
            slot->exact_id = f->exact_id[i];
            slot->len = (uint32_t)len;
            memcpy(slot->term, term, len);
        }
    }
    if (owned)
        nf_stemmer_free(st);
    return rc;
}

static int prepare_mentions(finder *f)
{
    const nf_analysis *a = f->a;
    for (size_t i = 0; i < a->nmentions; i++) {
        const nf_mention *m = &a->mentions[i];
        f->ment_order[i] = (uint32_t)i;
        f->ment_id[i] = f->ment_any[i] = NF_TERM_NONE;
        if (!m->list || !m->id)
            continue;
        f->ment_id[i] = lookup(&f->r->terms, 'e', m->list, strlen(m->list), m->id);
        f->ment_any[i] = lookup(&f->r->terms, 'e', m->list, strlen(m->list), "*");
    }
    /* mentions come sorted from the entity stage; insertion sort keeps
     * that cheap and needs no shared state (analyses run in threads) */
    for (size_t i = 1; i < a->nmentions; i++) {
        uint32_t v = f->ment_order[i];
        size_t j = i;
        while (j && a->mentions[f->ment_order[j - 1]].tok_first > a->mentions[v].tok_first) {
            f->ment_order[j] = f->ment_order[j - 1];
            j--;
        }
        f->ment_order[j] = v;
    }
    return NF_OK;
}

/* The tokens an amount covers: first token starting at or after its start,
 * last token ending at or before its end. */
static void prepare_amounts(finder *f)
{
    const nf_tokens *tk = &f->a->tokens;
    for (size_t i = 0; i < f->a->namounts; i++) {
        const nf_amount *am = &f->a->amounts[i];
        size_t lo = 0, hi = tk->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (tk->v[mid].start < am->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        f->amt_first[i] = f->amt_last[i] = NF_TERM_NONE;
        if (lo >= tk->n || tk->v[lo].start >= am->end)
            continue;
        size_t last = lo;
        while (last + 1 < tk->n && tk->v[last + 1].end <= am->end)
            last++;
        f->amt_first[i] = (uint32_t)lo;
        f->amt_last[i] = (uint32_t)last;
    }
    /* amounts in token order, to walk them sentence by sentence */
    size_t n = 0;
    for (size_t i = 0; i < f->a->namounts; i++)
        if (f->amt_first[i] != NF_TERM_NONE)
            f->amt_order[n++] = (uint32_t)i;
    for (size_t i = 1; i < n; i++) {   /* insertion sort: already nearly sorted */
        uint32_t v = f->amt_order[i];
        size_t j = i;
        while (j && f->amt_first[f->amt_order[j - 1]] > f->amt_first[v]) {
            f->amt_order[j] = f->amt_order[j - 1];
            j--;
        }
        f->amt_order[j] = v;
    }
    for (size_t i = n; i < f->a->namounts; i++)
        f->amt_order[i] = NF_TERM_NONE;
}

/* Where each term id occurs: tokens for word ids, mentions (in mention
 * order) for entity ids.  Counting sort: linear in tokens + mentions +
 * term ids. */
static int index_positions(finder *f)
{
    const nf_analysis *a = f->a;
    size_t nterms = f->r->terms.n, nt = a->tokens.n, nm = a->nmentions;
    f->term_start = calloc(nterms + 2, sizeof *f->term_start);
    f->term_pos = malloc((2 * nt + 2 * nm + 1) * sizeof *f->term_pos);
    if (!f->term_start || !f->term_pos)
        return nf_set_error(NF_ENOMEM, "out of memory finding claims");
    uint32_t *count = f->term_start + 2;   /* count[id] lands in start[id + 2] */
    for (size_t t = 0; t < nt; t++) {
        if (f->stem_id[t] != NF_TERM_NONE)
            count[f->stem_id[t]]++;
        if (f->exact_id[t] != NF_TERM_NONE)
            count[f->exact_id[t]]++;
    }
    for (size_t i = 0; i < nm; i++) {
        if (f->ment_id[i] != NF_TERM_NONE)
            count[f->ment_id[i]]++;
        if (f->ment_any[i] != NF_TERM_NONE)
            count[f->ment_any[i]]++;
    }
    /* prefix sums: start[id + 1] becomes the fill cursor of id, and ends as
     * the end of id = the start of id + 1 */
    for (size_t id = 1; id <= nterms; id++)
        f->term_start[id + 1] += f->term_start[id];
    uint32_t *cursor = f->term_start + 1;
    for (size_t t = 0; t < nt; t++) {
        if (f->stem_id[t] != NF_TERM_NONE)
            f->term_pos[cursor[f->stem_id[t]]++] = (uint32_t)t;
        if (f->exact_id[t] != NF_TERM_NONE)
            f->term_pos[cursor[f->exact_id[t]]++] = (uint32_t)t;
    }
    for (size_t k = 0; k < nm; k++) {
        uint32_t i = f->ment_order[k];
        if (f->ment_id[i] != NF_TERM_NONE)
            f->term_pos[cursor[f->ment_id[i]]++] = i;
        if (f->ment_any[i] != NF_TERM_NONE)
            f->term_pos[cursor[f->ment_any[i]]++] = i;
    }
    return NF_OK;
}

/* A term present in SENTENCE: set the element bits it gives its rules. */
static void mark(finder *f, uint32_t term, uint32_t sentence, size_t *ntouched)
{
    if (term == NF_TERM_NONE)
        return;
    f->term_seen[term] = sentence;
    const nf_claim_termtab *tt = &f->r->terms;
    for (uint32_t i = 0; i < tt->ntriggers[term]; i++) {
        uint32_t rule = tt->triggers[term][i] >> 5;
        if (f->rule_stamp[rule] != sentence) {
            f->rule_stamp[rule] = sentence;
            f->rule_mask[rule] = 0;
            f->cand[(*ntouched)++] = rule;
        }
        f->rule_mask[rule] |= 1u << (tt->triggers[term][i] & 31);
    }
}

/* Keep the touched rules whose every required element is present. */
static size_t candidates(finder *f, size_t ntouched)
{
    size_t n = 0;
    for (size_t i = 0; i < ntouched; i++) {
        uint32_t rule = f->cand[i];
        if ((f->rule_mask[rule] & f->r->rules[rule].need) == f->r->rules[rule].need)
            f->cand[n++] = rule;
    }
    return n;
}

static int u32_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

/* Clause starts of sentence S: a break mark in the text between two tokens
 * or a break word starts a new clause.  Returns how many clauses. */
static size_t split_clauses(finder *f, const nf_sentence *s)
{
    const nf_tokens *tk = &f->a->tokens;
    size_t n = 0;
    f->clause_start[n++] = s->tok_first;
    for (uint32_t t = s->tok_first + 1; t < s->tok_first + s->tok_count; t++) {
        int brk = 0;
        for (size_t w = 0; w < f->r->nbreak_words && !brk; w++)
            brk = f->exact_id[t] == f->r->break_words[w];
        const char *gap = tk->text + tk->v[t - 1].end;
        size_t gaplen = tk->v[t].start - tk->v[t - 1].end;
        for (size_t m = 0; m < f->r->nbreak_marks && !brk; m++) {
            size_t ml = strlen(f->r->break_marks[m]);
            for (size_t i = 0; i + ml <= gaplen && !brk; i++)
                brk = memcmp(gap + i, f->r->break_marks[m], ml) == 0;
        }
        if (brk)
            f->clause_start[n++] = t;
    }
    return n;
}

static int add_args(nf_claim_hit *h, finder *f, const nf_claim_rule *rule,
                    const nf_claim_occ *o)
{
    if (!o->ncap)
        return NF_OK;
    if (!(h->args = calloc(o->ncap, sizeof *h->args)))
        return nf_set_error(NF_ENOMEM, "out of memory recording claim arguments");
    const nf_analysis *a = f->a;
    for (size_t i = 0; i < o->ncap; i++) {
        const nf_claim_capval *cv = &o->cap[i];
        const char *text = NULL;
        size_t len = 0;
        if (cv->src == NF_CAP_MENTION) {
            text = a->mentions[cv->a].id;
            len = strlen(text);
        } else if (cv->src == NF_CAP_AMOUNT) {
            text = a->tokens.text + a->amounts[cv->a].start;
            len = a->amounts[cv->a].end - a->amounts[cv->a].start;
        } else {
            text = a->tokens.text + a->tokens.v[cv->a].start;
            len = a->tokens.v[cv->b].end - a->tokens.v[cv->a].start;
        }
        h->args[i].name = rule->captures[cv->name];
        if (!(h->args[i].value = strndup(text, len)))
            return nf_set_error(NF_ENOMEM, "out of memory recording claim arguments");
        h->nargs = i + 1;
    }
    return NF_OK;
}

static int add_hit(finder *f, const nf_claim_rule *rule, uint32_t sentence,
                   const nf_claim_occ *o)
{
    nf_analysis *a = f->a;
    if (a->nclaims == a->claims_cap) {
        size_t cap = a->claims_cap ? a->claims_cap * 2 : 8;
        nf_claim_hit *v = realloc(a->claims, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory recording claims");
        a->claims = v;
        a->claims_cap = cap;
    }
    nf_claim_hit *h = &a->claims[a->nclaims++];
    memset(h, 0, sizeof *h);
    const nf_claim_def *claim = &f->r->claims[rule->claim];
    const nf_sentence *s = &a->tokens.sentences[sentence];
    h->claim = claim->id;
    h->rule = rule->id;
    h->sentence = sentence;
    h->start = s->start;
    h->end = s->end;
    h->stance = NF_STANCE_ASSERTED;
    int rc = nf_stance_decide_in(&h->stance, &h->cue, &f->stance,
                                 a->schema ? a->schema->cues : NULL, &a->tokens, o->first,
                                 o->last, claim->flags | rule->flags);
    if (!rc && a->sentence_cites) {
        const nf_strset *cs = &a->sentence_cites[sentence];
        for (size_t i = 0; i < cs->n && !rc; i++)
            rc = nf_strset_add(&h->cites, cs->v[i]);
    }
    if (!rc)
        rc = add_args(h, f, rule, o);
    return rc;
}

/* Match the candidate rules of one sentence. */
static int eval_sentence(finder *f, uint32_t si, size_t ncand)
{
    const nf_sentence *s = &f->a->tokens.sentences[si];
    if (!s->tok_count)
        return NF_OK;
    qsort(f->cand, ncand, sizeof *f->cand, u32_cmp);   /* rule order: stable output */
    size_t nclauses = 0;
    uint32_t last_tok = s->tok_first + s->tok_count - 1;
    for (size_t i = 0; i < ncand; i++) {
        const nf_claim_rule *rule = &f->r->rules[f->cand[i]];
        if (f->claim_stamp[rule->claim] == si)
            continue;   /* one occurrence per claim and sentence */
        nf_claim_occ o;
        int found = 0;
        if (rule->scope == NF_SCOPE_SENTENCE) {
            found = nf_claim_rule_match(&o, &f->ctx, rule, s->tok_first, last_tok);
        } else {
            if (!nclauses)
                nclauses = split_clauses(f, s);
            for (size_t c = 0; c < nclauses && !found; c++) {
                uint32_t hi = c + 1 < nclauses ? f->clause_start[c + 1] - 1 : last_tok;
                found = nf_claim_rule_match(&o, &f->ctx, rule, f->clause_start[c], hi);
            }
        }
        if (found < 0)
            return found;
        if (found) {
            f->claim_stamp[rule->claim] = si;
            int rc = add_hit(f, rule, si, &o);
            if (rc)
                return rc;
        }
    }
    return NF_OK;
}

static void finder_free(finder *f)
{
    free(f->stem_id);
    free(f->exact_id);
    free(f->ment_order);
    free(f->ment_any);
    free(f->ment_id);
    free(f->amt_first);
    free(f->amt_last);
    free(f->amt_order);
    free(f->tok_special);
    free(f->rule_stamp);
    free(f->rule_mask);
    free(f->claim_stamp);
    free(f->cand);
    free(f->clause_start);
    free(f->term_start);
    free(f->term_pos);
    free(f->term_seen);
    nf_stance_scan_free(&f->stance);
    nf_claim_pool_free(&f->pool);
}

int nf_claims_find_with(nf_analysis *a, const struct nf_claim_rules *r)
{
    if (!r || !r->nrules || !a->tokens.n)
        return NF_OK;
    finder f;
    memset(&f, 0, sizeof f);
    f.a = a;
    f.r = r;
    nf_stance_scan_init(&f.stance);
    size_t nt = a->tokens.n, nm = a->nmentions, na = a->namounts;
    size_t maxsent = 1;
    for (size_t i = 0; i < a->tokens.nsentences; i++)
        if (a->tokens.sentences[i].tok_count > maxsent)
            maxsent = a->tokens.sentences[i].tok_count;
    f.stem_id = malloc(nt * sizeof *f.stem_id);
    f.exact_id = malloc(nt * sizeof *f.exact_id);
    f.tok_special = malloc(nt);
    f.ment_order = malloc((nm + 1) * sizeof *f.ment_order);
    f.ment_any = malloc((nm + 1) * sizeof *f.ment_any);
    f.ment_id = malloc((nm + 1) * sizeof *f.ment_id);
    f.amt_first = malloc((na + 1) * sizeof *f.amt_first);
    f.amt_last = malloc((na + 1) * sizeof *f.amt_last);
    f.amt_order = malloc((na + 1) * sizeof *f.amt_order);
    f.rule_stamp = malloc(r->nrules * sizeof *f.rule_stamp);
    f.rule_mask = malloc(r->nrules * sizeof *f.rule_mask);
    f.claim_stamp = malloc((r->nclaims + 1) * sizeof *f.claim_stamp);
    f.cand = malloc(r->nrules * sizeof *f.cand);
    f.clause_start = malloc(maxsent * sizeof *f.clause_start);
    int rc = NF_OK;
    if (!f.stem_id || !f.exact_id || !f.tok_special || !f.ment_order || !f.ment_any ||
        !f.ment_id || !f.amt_first || !f.amt_last || !f.amt_order || !f.rule_stamp ||
        !f.rule_mask ||
        !f.claim_stamp || !f.cand || !f.clause_start) {
        rc = nf_set_error(NF_ENOMEM, "out of memory finding claims");
        goto done;
    }
    memset(f.rule_stamp, 0xff, r->nrules * sizeof *f.rule_stamp);
    memset(f.claim_stamp, 0xff, (r->nclaims + 1) * sizeof *f.claim_stamp);
    static const char *const specials[] = {"#money", "#percent", "#year", "#multiple"};
    for (int i = 0; i < 4; i++)
        f.special[i] = nf_claim_termtab_find(&r->terms, specials[i], strlen(specials[i]));
    if ((rc = prepare_tokens(&f)) || (rc = prepare_mentions(&f)))
        goto done;
    prepare_amounts(&f);
    if ((rc = index_positions(&f)))
        goto done;
    if (!(f.term_seen = malloc((r->terms.n + 1) * sizeof *f.term_seen))) {
        rc = nf_set_error(NF_ENOMEM, "out of memory finding claims");
        goto done;
    }
    memset(f.term_seen, 0xff, (r->terms.n + 1) * sizeof *f.term_seen);
    f.ctx = (nf_claim_ctx){r, a, f.stem_id, f.exact_id, f.term_start, f.term_pos,
                           f.term_seen, 0, nm, f.amt_first, f.amt_last, f.tok_special,
                           &f.pool};

    size_t mi = 0, ai = 0;
    for (uint32_t si = 0; si < a->tokens.nsentences && !rc; si++) {
        const nf_sentence *s = &a->tokens.sentences[si];
        uint32_t end = s->tok_first + s->tok_count;
        size_t ncand = 0;
        for (uint32_t t = s->tok_first; t < end; t++) {
            mark(&f, f.stem_id[t], si, &ncand);
            mark(&f, f.exact_id[t], si, &ncand);
            if (f.tok_special[t] & 1)
                mark(&f, f.special[2], si, &ncand);
            if (f.tok_special[t] & 2)
                mark(&f, f.special[3], si, &ncand);
        }
        while (mi < nm && a->mentions[f.ment_order[mi]].tok_first < s->tok_first)
            mi++;
        for (; mi < nm && a->mentions[f.ment_order[mi]].tok_first < end; mi++) {
            mark(&f, f.ment_id[f.ment_order[mi]], si, &ncand);
            mark(&f, f.ment_any[f.ment_order[mi]], si, &ncand);
        }
        while (ai < na && f.amt_order[ai] != NF_TERM_NONE &&
               f.amt_first[f.amt_order[ai]] < s->tok_first)
            ai++;
        for (; ai < na && f.amt_order[ai] != NF_TERM_NONE &&
               f.amt_first[f.amt_order[ai]] < end; ai++)
            mark(&f, f.special[a->amounts[f.amt_order[ai]].kind == NF_AMOUNT_MONEY ? 0 : 1],
                 si, &ncand);
        ncand = candidates(&f, ncand);
        f.ctx.sentence = si;
        if (ncand)
            rc = eval_sentence(&f, si, ncand);
    }
done:
    finder_free(&f);
    return rc;
}

int nf_claims_find(nf_analysis *a)
{
    const nf_schema *s = a->schema;
    return nf_claims_find_with(a, s ? s->claims : NULL);
}
