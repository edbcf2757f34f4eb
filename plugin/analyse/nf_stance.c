/* Stance of a claim: which cues govern the words it matched.  The lexicons
 * and the scope rules live in schema/cues.yaml; this file loads them and
 * applies them to one sentence at a time. */
#include "nf_stance.h"
#include "nf_pattern.h"
#include "nf_units.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kinds in tie-break order: at one position the longest cue wins, and on
 * equal length the lower kind. */
enum cue_kind { K_PSEUDO = 0, K_TERMINATOR, K_DENIAL, K_HEDGE, K_PERMISSION, K_COUNT };
enum cue_scope { S_FORWARD = 0, S_BACKWARD, S_CLAUSE };

static const char *const kind_keys[K_COUNT] = {"pseudo", "terminators", "denial", "hedge",
                                               "permission"};

typedef struct cue {
    nf_pattern ph;
    enum cue_kind kind;
    enum cue_scope scope;
    int lowercase_only;
    int through_comma;
} cue_def;

struct nf_cues {
    cue_def *v;
    size_t n, cap;
    nf_wordtab words;          /* every word the cues name, by id */
    nf_pattern_index index;    /* cues by the words they can start with */
    nf_punct_set marks;        /* marks any cue or terminator uses */
    nf_punct_set continue_after;
};

void nf_cues_free(struct nf_cues *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        nf_pattern_free(&c->v[i].ph);
    free(c->v);
    nf_pattern_index_free(&c->index);
    nf_wordtab_free(&c->words);
    nf_punct_set_free(&c->marks);
    nf_punct_set_free(&c->continue_after);
    free(c);
}

static int add_cue(struct nf_cues *c, nf_yaml *y, yaml_node_t *node, enum cue_kind kind)
{
    const char *text = nf_yaml_scalar(node);
    enum cue_scope scope = S_FORWARD;
    int lowercase_only = 0, through_comma = 0;
    if (!text) {
        if (node->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, node, "a %s entry must be a pattern or a map with 'cue'",
                                 kind_keys[kind]);
        int rc = nf_yaml_get_string(&text, y, node, "cue", 1);
        if (rc)
            return rc;
        const char *sc = NULL;
        if ((rc = nf_yaml_get_string(&sc, y, node, "scope", 0)))
            return rc;
        if (sc) {
            if (strcmp(sc, "forward") == 0)
                scope = S_FORWARD;
            else if (strcmp(sc, "backward") == 0)
                scope = S_BACKWARD;
            else if (strcmp(sc, "clause") == 0)
                scope = S_CLAUSE;
            else
                return nf_yaml_error(y, node,
                                     "scope '%s' is none of forward, backward, clause", sc);
        }
        if ((rc = nf_yaml_get_bool(&lowercase_only, y, node, "lowercase_only", 0)) ||
            (rc = nf_yaml_get_bool(&through_comma, y, node, "through_comma", 0)))
            return rc;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 128;
        cue_def *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
        c->v = v;
        c->cap = cap;
    }
    cue_def *k = &c->v[c->n];
    const char *why;
    int rc = nf_pattern_compile(&k->ph, text, NULL, &why);
    if (rc == NF_ENOMEM)
        return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
    if (rc)
        return nf_yaml_error(y, node, "bad cue '%s': %s", text, why);
    k->kind = kind;
    k->scope = scope;
    k->lowercase_only = lowercase_only;
    k->through_comma = through_comma;
    c->n++;
    return nf_pattern_marks(&k->ph, &c->marks);
}

static int load_doc(struct nf_cues *c, nf_yaml *y)
{
    yaml_node_t *root = nf_yaml_root(y);
    if (root->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, root, "expected a map of cue lists (hedge, denial, ...)");
    for (size_t i = 0; i < nf_yaml_map_len(root); i++) {
        yaml_node_t *key = nf_yaml_map_key(y, root, i);
        yaml_node_t *val = nf_yaml_map_value(y, root, i);
        const char *name = nf_yaml_scalar(key);
        if (!name)
            return nf_yaml_error(y, key, "keys must be names");
        if (val->type != YAML_SEQUENCE_NODE)
            return nf_yaml_error(y, val, "'%s' must be a list", name);
        if (strcmp(name, "continue_after") == 0) {
            for (size_t j = 0; j < nf_yaml_seq_len(val); j++) {
                yaml_node_t *item = nf_yaml_seq_at(y, val, j);
                const char *m = nf_yaml_scalar(item);
                if (!m)
                    return nf_yaml_error(y, item, "continue_after lists marks");
                char *norm = nf_units_normalise(m);
                if (!norm)
                    return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
                int rc = nf_punct_set_add(&c->continue_after, norm);
                free(norm);
                if (rc)
                    return rc;
            }
            continue;
        }
        int kind = -1;
        for (int k = 0; k < K_COUNT; k++)
            if (strcmp(name, kind_keys[k]) == 0)
                kind = k;
        if (kind < 0)
            return nf_yaml_error(y, key,
                                 "unknown list '%s' (expected hedge, permission, denial, "
                                 "pseudo, terminators, continue_after)", name);
        for (size_t j = 0; j < nf_yaml_seq_len(val); j++) {
            int rc = add_cue(c, y, nf_yaml_seq_at(y, val, j), (enum cue_kind)kind);
            if (rc)
                return rc;
        }
    }
    return NF_OK;
}

/* Scanning tries at each word only the cues that can start there. */
static int build_index(struct nf_cues *c)
{
    for (size_t i = 0; i < c->n; i++) {
        int rc = nf_pattern_intern(&c->v[i].ph, &c->words);
        if (!rc)
            rc = nf_pattern_index_add(&c->index, &c->v[i].ph, (uint32_t)i);
        if (rc)
            return rc;
    }
    return nf_pattern_index_sort(&c->index);
}

int nf_cues_load(struct nf_cues **out, const char *schema_dir)
{
    *out = NULL;
    nf_yaml *y;
    int rc = nf_yaml_load_optional(&y, schema_dir, "cues.yaml");
    if (rc)
        return rc;
    struct nf_cues *c = calloc(1, sizeof *c);
    if (!c) {
        nf_yaml_free(y);
        return nf_set_error(NF_ENOMEM, "%s/cues.yaml: out of memory", schema_dir);
    }
    /* A schema without cues.yaml states every claim as asserted. */
    if (y && !(rc = load_doc(c, y)))
        rc = build_index(c);
    nf_yaml_free(y);
    if (rc) {
        nf_cues_free(c);
        return rc;
    }
    *out = c;
    return NF_OK;
}

int nf_cues_summary(nf_buf *b, const struct nf_cues *c)
{
    size_t count[K_COUNT] = {0};
    for (size_t i = 0; c && i < c->n; i++)
        count[c->v[i].kind]++;
    return nf_buf_printf(b, "cues: %zu hedge, %zu permission, %zu denial, %zu pseudo, "
                         "%zu terminators\n", count[K_HEDGE], count[K_PERMISSION],
                         count[K_DENIAL], count[K_PSEUDO], count[K_TERMINATOR]);
}

/* ---- deciding ---- */

typedef struct nf_stance_hit {
    const cue_def *k;
    size_t u0, u1;      /* units [u0, u1) */
} hit;

/* Headlines capitalise every word: there "May" may well be the verb. */
static int title_case(const nf_tokens *t, const nf_sentence *s)
{
    size_t caps = 0, words = 0;
    for (uint32_t i = s->tok_first; i < s->tok_first + s->tok_count && i < t->n; i++) {
        if (t->v[i].flags & NF_TOK_DIGIT_INITIAL)
            continue;
        words++;
        if (t->v[i].flags & NF_TOK_UPPER_INITIAL)
            caps++;
    }
    return words >= 3 && caps * 10 >= words * 6;
}

/* Does cue K at unit AT pass its case rule? */
static int case_ok(const cue_def *k, const nf_units *u, size_t at, uint32_t sentence_first,
                   int headline)
{
    if (!k->lowercase_only || u->v[at].punct)
        return 1;
    if (!(u->v[at].tok_flags & NF_TOK_UPPER_INITIAL))
        return 1;
    /* "May 12", "12 May" */
    if ((at + 1 < u->n && (u->v[at + 1].tok_flags & NF_TOK_DIGIT_INITIAL)) ||
        (at > 0 && (u->v[at - 1].tok_flags & NF_TOK_DIGIT_INITIAL)))
        return 0;
    return u->v[at].tok == sentence_first || headline;
}

/* Find the cues of the sentence, left to right, longest first. */
static int scan(hit **out, size_t *nout, const struct nf_cues *c, const nf_units *u,
                uint32_t sentence_first, int headline)
{
    hit *v = NULL;
    size_t n = 0, cap = 0;
    size_t at = 0;
    while (at < u->n) {
        const cue_def *best = NULL;
        size_t best_len = 0;
        /* the cues indexed under this word, then those that start anywhere */
        const nf_pattern_index *ix = &c->index;
        size_t lo, hi;
        nf_pattern_index_find(ix, u->v[at].word, &lo, &hi);
        for (size_t j = lo; j < hi + ix->nanywhere; j++) {
            const cue_def *k =
                &c->v[j < hi ? ix->first[j].id : ix->anywhere[j - hi]];
            size_t len = nf_pattern_match(&k->ph, u, at, u->n, NULL, NULL, NULL);
            if (!len || !case_ok(k, u, at, sentence_first, headline))
                continue;
            if (len > best_len || (len == best_len && best && k->kind < best->kind)) {
                best = k;
                best_len = len;
            }
        }
        if (!best) {
            at++;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            hit *nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                free(v);
                return nf_set_error(NF_ENOMEM, "out of memory finding stance cues");
            }
            v = nv;
        }
        v[n++] = (hit){best, at, at + best_len};
        at += best_len;
    }
    *out = v;
    *nout = n;
    return NF_OK;
}

/* The terminator hit that starts at unit AT, or NULL. */
static const hit *terminator_at(const hit *h, size_t n, size_t at)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].k->kind == K_TERMINATOR && h[i].u0 == at)
            return &h[i];
    return NULL;
}

static const hit *terminator_ending_at(const hit *h, size_t n, size_t at)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].k->kind == K_TERMINATOR && h[i].u1 == at)
            return &h[i];
    return NULL;
}

/* Unit index where the clause containing unit AT begins / ends (exclusive). */
static size_t clause_start(const hit *h, size_t n, size_t at)
{
    size_t s = 0;
    for (size_t i = 0; i < n; i++)
        if (h[i].k->kind == K_TERMINATOR && h[i].u1 <= at && h[i].u1 > s)
            s = h[i].u1;
    return s;
}

static size_t clause_end(const hit *h, size_t n, size_t at, size_t units)
{
    size_t e = units;
    for (size_t i = 0; i < n; i++)
        if (h[i].k->kind == K_TERMINATOR && h[i].u0 >= at && h[i].u0 < e)
            e = h[i].u0;
    return e;
}

static int continues(const struct nf_cues *c, const nf_units *u, const hit *t)
{
    return t && t->u1 - t->u0 == 1 && nf_punct_set_has(&c->continue_after, nf_unit_text(u, t->u0));
}

/* The units [*lo, *hi) cue hit H governs. */
static void scope_of(size_t *lo, size_t *hi, const struct nf_cues *c, const nf_units *u,
                     const hit *h, const hit *hits, size_t n)
{
    enum cue_scope sc = h->k->scope;
    int may_continue = h->k->kind == K_HEDGE || h->k->kind == K_PERMISSION;
    *lo = h->u0;
    *hi = h->u1;
    if (sc == S_FORWARD || sc == S_CLAUSE) {
        *hi = clause_end(hits, n, h->u1, u->n);
        /* "Reportedly, OpenAI ...": a cue that opens its clause and is cut
         * off at once by a comma governs the next clause too; so does a
         * through_comma cue that opens its clause ("According to a person
         * briefed on the talks, ..."). */
        const hit *t = terminator_at(hits, n, *hi);
        if (may_continue && clause_start(hits, n, h->u0) == h->u0 &&
            (*hi == h->u1 || h->k->through_comma) && continues(c, u, t))
            *hi = clause_end(hits, n, t->u1, u->n);
    }
    if (sc == S_BACKWARD || sc == S_CLAUSE) {
        *lo = clause_start(hits, n, h->u0);
        /* "OpenAI will use AWS, sources said.": a cue right after a comma
         * governs the clause before it too. */
        const hit *t = terminator_ending_at(hits, n, h->u0);
        if (may_continue && *lo == h->u0 && continues(c, u, t))
            *lo = clause_start(hits, n, t->u0);
    }
}

static size_t distance(size_t lo, size_t hi, size_t cf, size_t cl)
{
    if (hi <= cf)
        return cf - hi + 1;
    if (lo > cl)
        return lo - cl;
    return 0;
}

int nf_stance_decide_in(nf_stance *out, const char **cue_out, nf_stance_scan *sc,
                        const struct nf_cues *c, const nf_tokens *t, uint32_t tok_first,
                        uint32_t tok_last, unsigned claim_flags)
{
    *out = NF_STANCE_ASSERTED;
    if (cue_out)
        *cue_out = NULL;
    if (!t || tok_first > tok_last || tok_last >= t->n)
        return nf_set_error(NF_EINVAL, "stance: claim tokens [%u, %u] outside the text",
                            (unsigned)tok_first, (unsigned)tok_last);
    if (!c || !c->n)
        return NF_OK;
    uint32_t si = t->v[tok_first].sentence;
    if (si >= t->nsentences)
        return nf_set_error(NF_EINVAL, "stance: token %u has no sentence", (unsigned)tok_first);
    /* the sentence's units and cues, found once for all its claims */
    if (sc->sentence != si || sc->cues != c || sc->tokens != t) {
        const nf_sentence *s = &t->sentences[si];
        sc->sentence = UINT32_MAX;
        free(sc->hits);
        sc->hits = NULL;
        sc->nhits = 0;
        int rc = nf_units_build(&sc->u, t, s->tok_first, (size_t)s->tok_first + s->tok_count,
                                s->start, s->end, &c->marks);
        if (rc)
            return rc;
        nf_units_intern(&sc->u, &c->words);
        rc = scan(&sc->hits, &sc->nhits, c, &sc->u, s->tok_first, title_case(t, s));
        if (rc)
            return rc;
        sc->sentence = si;
        sc->cues = c;
        sc->tokens = t;
    }
    const nf_units *u = &sc->u;
    const hit *hits = sc->hits;
    size_t n = sc->nhits;
    size_t cf = nf_units_find_token(u, tok_first);
    size_t cl = nf_units_find_token(u, tok_last);
    if (cl >= u->n)
        cl = u->n ? u->n - 1 : 0;
    const hit *denial = NULL, *hedge = NULL;
    size_t denial_d = SIZE_MAX, hedge_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const hit *h = &hits[i];
        enum cue_kind kind = h->k->kind;
        if (kind == K_PSEUDO || kind == K_TERMINATOR)
            continue;
        if (kind == K_PERMISSION && (claim_flags & NF_CLAIM_MODAL_IS_ASSERTION))
            continue;
        if (kind == K_DENIAL && (claim_flags & NF_CLAIM_NEGATION_IS_ASSERTION) &&
            h->u0 >= cf && h->u1 - 1 <= cl)
            continue;
        size_t lo, hi;
        scope_of(&lo, &hi, c, u, h, hits, n);
        if (hi <= cf || lo > cl)
            continue; /* the scope misses the claim */
        size_t d = distance(h->u0, h->u1, cf, cl);
        if (kind == K_DENIAL) {
            if (d < denial_d) {
                denial = h;
                denial_d = d;
            }
        } else if (d < hedge_d) {
            hedge = h;
            hedge_d = d;
        }
    }
    /* Denial beats hedge: "may not have ended" negates the claim. */
    const hit *won = denial ? denial : hedge;
    if (won) {
        *out = denial ? NF_STANCE_DENIED : NF_STANCE_HEDGED;
        if (cue_out)
            *cue_out = won->k->ph.text;
    }
    return NF_OK;
}

void nf_stance_scan_init(nf_stance_scan *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->sentence = UINT32_MAX;
}

void nf_stance_scan_free(nf_stance_scan *sc)
{
    nf_units_free(&sc->u);
    free(sc->hits);
    nf_stance_scan_init(sc);
}

int nf_stance_decide_with(nf_stance *out, const char **cue_out, const struct nf_cues *c,
                          const nf_tokens *t, uint32_t tok_first, uint32_t tok_last,
                          unsigned claim_flags)
{
    nf_stance_scan sc;
    nf_stance_scan_init(&sc);
    int rc = nf_stance_decide_in(out, cue_out, &sc, c, t, tok_first, tok_last, claim_flags);
    nf_stance_scan_free(&sc);
    return rc;
}

int nf_stance_decide(nf_stance *out, const char **cue, const nf_analysis *a,
                     uint32_t tok_first, uint32_t tok_last, unsigned claim_flags)
{
    if (!a)
        return nf_set_error(NF_EINVAL, "stance: no analysis");
    const struct nf_cues *c = a->schema ? a->schema->cues : NULL;
    return nf_stance_decide_with(out, cue, c, &a->tokens, tok_first, tok_last, claim_flags);
}
