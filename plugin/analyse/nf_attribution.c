/* Attribution patterns: loading attribution.yaml, and matching its cites
 * and credit patterns with their {outlet}, {name} and {number} slots. */
#include "nf_attribution.h"
#include "nf_gazetteer.h"
#include "nf_outlet_id.h"
#include "nf_pattern.h"
#include "nf_units.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_OUTLET = 0, SLOT_NAME = 1, SLOT_NUMBER = 2, SLOT_PERSON = 3, SLOT_MEDIANAME = 4 };
static const char *const slot_names[] = {"outlet", "name", "number", "person", "medianame",
                                         NULL};

#define NAME_MAX_WORDS 8

typedef struct credit {
    nf_pattern pat;
    int line_start;
    int strict;             /* names of other gazetteer lists do not count */
    long within_tokens;     /* 0: anywhere */
    const uint32_t *req;    /* word ids of a required item (nf_pattern_required) */
    size_t nreq;            /* 0: none */
} credit;

typedef struct cite_pat {
    nf_pattern pat;
    int not_source;         /* cites nothing when it names a->source */
    const uint32_t *req;    /* word ids of a required item (nf_pattern_required) */
    size_t nreq;            /* 0: none, the cite may match in any sentence */
} cite_pat;

typedef struct words {
    char **v;
    size_t n;
} words;

struct nf_attribution {
    char *outlet_list;
    cite_pat *cites;
    size_t ncites;
    nf_pattern_index cites_index;   /* cites by the words they can start with */
    credit *credits;
    size_t ncredits;
    words *suffixes;        /* each a word sequence, longest first */
    size_t nsuffixes;
    char **connectors;
    size_t nconnectors;
    char **stopwords;
    size_t nstopwords;
    char **outlet_words;    /* last words of unknown outlets' names */
    size_t noutlet_words;
    nf_punct_set marks;
    nf_wordtab words;       /* every word the patterns and lists name, by id */
    uint8_t *word_class;    /* by word id: WORD_STOP | WORD_CONNECTOR | WORD_OUTLET */
};

enum { WORD_STOP = 1, WORD_CONNECTOR = 2, WORD_OUTLET = 4 };

static void words_free(words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

void nf_attribution_free(struct nf_attribution *at)
{
    if (!at)
        return;
    free(at->outlet_list);
    for (size_t i = 0; i < at->ncites; i++)
        nf_pattern_free(&at->cites[i].pat);
    free(at->cites);
    nf_pattern_index_free(&at->cites_index);
    for (size_t i = 0; i < at->ncredits; i++)
        nf_pattern_free(&at->credits[i].pat);
    free(at->credits);
    for (size_t i = 0; i < at->nsuffixes; i++)
        words_free(&at->suffixes[i]);
    free(at->suffixes);
    for (size_t i = 0; i < at->nconnectors; i++)
        free(at->connectors[i]);
    free(at->connectors);
    for (size_t i = 0; i < at->nstopwords; i++)
        free(at->stopwords[i]);
    free(at->stopwords);
    for (size_t i = 0; i < at->noutlet_words; i++)
        free(at->outlet_words[i]);
    free(at->outlet_words);
    nf_punct_set_free(&at->marks);
    nf_wordtab_free(&at->words);
    free(at->word_class);
    free(at);
}

const char *nf_attribution_outlet_list(const struct nf_attribution *at)
{
    return at && at->outlet_list ? at->outlet_list : "outlet";
}

int nf_attribution_summary(nf_buf *b, const struct nf_attribution *at)
{
    return nf_buf_printf(b, "attribution: %zu cite patterns, %zu credit patterns, outlets "
                         "from list '%s'\n", at ? at->ncites : 0, at ? at->ncredits : 0,
                         nf_attribution_outlet_list(at));
}

/* ---- loading ---- */

static int oom(const nf_yaml *y)
{
    return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
}

static int compile(nf_pattern *p, nf_yaml *y, yaml_node_t *node, const char *text,
                   struct nf_attribution *at)
{
    const char *why;
    int rc = nf_pattern_compile(p, text, slot_names, &why);
    if (rc == NF_ENOMEM)
        return oom(y);
    if (rc)
        return nf_yaml_error(y, node, "bad pattern '%s': %s (slots: {outlet}, {name}, "
                             "{number}, {person}, {medianame}, {eol})", text, why);
    return nf_pattern_marks(p, &at->marks);
}

static int load_cites(struct nf_attribution *at, nf_yaml *y, yaml_node_t *seq)
{
    size_t n = nf_yaml_seq_len(seq);
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'cites' must be a list of patterns");
    if (!(at->cites = calloc(n ? n : 1, sizeof *at->cites)))
        return oom(y);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        cite_pat *cp = &at->cites[at->ncites];
        const char *text = nf_yaml_scalar(item);
        int rc;
        if (!text) {
            if (item->type != YAML_MAPPING_NODE)
                return nf_yaml_error(y, item, "a cites entry must be a pattern or a map "
                                     "with 'pattern'");
            if ((rc = nf_yaml_get_string(&text, y, item, "pattern", 1)) ||
                (rc = nf_yaml_get_bool(&cp->not_source, y, item, "not_source", 0)))
                return rc;
        }
        if ((rc = compile(&cp->pat, y, item, text, at)))
            return rc;
        at->ncites++;
    }
    return NF_OK;
}

static int load_credits(struct nf_attribution *at, nf_yaml *y, yaml_node_t *seq)
{
    size_t n = nf_yaml_seq_len(seq);
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'credits' must be a list");
    if (!(at->credits = calloc(n ? n : 1, sizeof *at->credits)))
        return oom(y);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        credit *c = &at->credits[at->ncredits];
        const char *text = nf_yaml_scalar(item);
        int rc = NF_OK;
        if (!text) {
            if (item->type != YAML_MAPPING_NODE)
                return nf_yaml_error(y, item, "a credits entry must be a pattern or a map "
                                     "with 'pattern'");
            if ((rc = nf_yaml_get_string(&text, y, item, "pattern", 1)) ||
                (rc = nf_yaml_get_bool(&c->line_start, y, item, "line_start", 0)) ||
                (rc = nf_yaml_get_bool(&c->strict, y, item, "strict", 0)) ||
                (rc = nf_yaml_get_int(&c->within_tokens, y, item, "within_tokens", 0)))
                return rc;
            if (c->within_tokens < 0)
                return nf_yaml_error(y, item, "within_tokens must not be negative");
        }
        if ((rc = compile(&c->pat, y, item, text, at)))
            return rc;
        at->ncredits++;
    }
    return NF_OK;
}

/* Split normalised TEXT into words at spaces. */
static int split_words(words *w, const char *text)
{
    char *norm = nf_units_normalise(text);
    if (!norm)
        return NF_ENOMEM;
    w->v = NULL;
    w->n = 0;
    int rc = NF_OK;
    for (char *s = strtok(norm, " \t"); s && !rc; s = strtok(NULL, " \t")) {
        char **v = realloc(w->v, (w->n + 1) * sizeof *v);
        if (!v || !(v[w->n] = strdup(s))) {
            if (v)
                w->v = v;
            rc = NF_ENOMEM;
            break;
        }
        w->v = v;
        w->n++;
    }
    free(norm);
    return rc;
}

static int by_length_desc(const void *a, const void *b)
{
    const words *x = a, *y = b;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

/* A list of single words or marks under KEY, normalised; marks join the
 * marks units must show. */
static int load_list(char ***out, size_t *nout, struct nf_attribution *at, nf_yaml *y,
                     yaml_node_t *root, const char *key)
{
    yaml_node_t *seq = nf_yaml_get(y, root, key);
    if (!seq)
        return NF_OK;
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'%s' must be a list", key);
    size_t n = nf_yaml_seq_len(seq);
    if (!(*out = calloc(n ? n : 1, sizeof **out)))
        return oom(y);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        const char *text = nf_yaml_scalar(item);
        if (!text || !*text || strchr(text, ' '))
            return nf_yaml_error(y, item, "'%s' items must be single words", key);
        if (!((*out)[*nout] = nf_units_normalise(text)))
            return oom(y);
        int rc = nf_punct_set_add(&at->marks, (*out)[*nout]);
        (*nout)++;
        if (rc)
            return rc;
    }
    return NF_OK;
}

static int load_word_lists(struct nf_attribution *at, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *suf = nf_yaml_get(y, root, "name_suffixes");
    if (suf) {
        if (suf->type != YAML_SEQUENCE_NODE)
            return nf_yaml_error(y, suf, "'name_suffixes' must be a list");
        size_t n = nf_yaml_seq_len(suf);
        if (!(at->suffixes = calloc(n ? n : 1, sizeof *at->suffixes)))
            return oom(y);
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *item = nf_yaml_seq_at(y, suf, i);
            const char *text = nf_yaml_scalar(item);
            if (!text)
                return nf_yaml_error(y, item, "a name suffix must be text");
            if (split_words(&at->suffixes[at->nsuffixes], text))
                return oom(y);
            if (!at->suffixes[at->nsuffixes].n)
                return nf_yaml_error(y, item, "empty name suffix");
            at->nsuffixes++;
        }
        qsort(at->suffixes, at->nsuffixes, sizeof *at->suffixes, by_length_desc);
    }
    int rc = load_list(&at->connectors, &at->nconnectors, at, y, root, "name_connectors");
    if (!rc)
        rc = load_list(&at->stopwords, &at->nstopwords, at, y, root, "name_stopwords");
    if (!rc)
        rc = load_list(&at->outlet_words, &at->noutlet_words, at, y, root, "outlet_words");
    return rc;
}

static int intern_list(struct nf_attribution *at, char *const *v, size_t n)
{
    uint32_t id;
    for (size_t i = 0; i < n; i++) {
        int rc = nf_wordtab_intern(&id, &at->words, v[i]);
        if (rc)
            return rc;
    }
    return NF_OK;
}

static void mark_class(struct nf_attribution *at, char *const *v, size_t n, uint8_t cls)
{
    for (size_t i = 0; i < n; i++)
        at->word_class[nf_wordtab_find_str(&at->words, v[i])] |= cls;
}

/* Give every word of the patterns and lists an id, so units match them by
 * integer, and index the cites by what they can start with. */
static int intern_words(struct nf_attribution *at)
{
    int rc = NF_OK;
    for (size_t i = 0; i < at->ncites && !rc; i++)
        if (!(rc = nf_pattern_intern(&at->cites[i].pat, &at->words)))
            at->cites[i].nreq = nf_pattern_required(&at->cites[i].pat, &at->cites[i].req);
    for (size_t i = 0; i < at->ncredits && !rc; i++)
        if (!(rc = nf_pattern_intern(&at->credits[i].pat, &at->words)))
            at->credits[i].nreq = nf_pattern_required(&at->credits[i].pat, &at->credits[i].req);
    if (!rc)
        rc = intern_list(at, at->stopwords, at->nstopwords);
    if (!rc)
        rc = intern_list(at, at->connectors, at->nconnectors);
    if (!rc)
        rc = intern_list(at, at->outlet_words, at->noutlet_words);
    if (rc)
        return rc;
    if (!(at->word_class = calloc(at->words.n + 1, 1)))
        return nf_set_error(NF_ENOMEM, "out of memory loading attribution patterns");
    mark_class(at, at->stopwords, at->nstopwords, WORD_STOP);
    mark_class(at, at->connectors, at->nconnectors, WORD_CONNECTOR);
    mark_class(at, at->outlet_words, at->noutlet_words, WORD_OUTLET);
    for (size_t i = 0; i < at->ncites && !rc; i++)
        rc = nf_pattern_index_add(&at->cites_index, &at->cites[i].pat, (uint32_t)i);
    return rc ? rc : nf_pattern_index_sort(&at->cites_index);
}

static int load_doc(struct nf_attribution *at, nf_yaml *y)
{
    static const char *const known[] = {"outlet_list", "name_suffixes", "name_connectors",
                                        "name_stopwords", "outlet_words", "cites", "credits",
                                        NULL};
    yaml_node_t *root = nf_yaml_root(y);
    if (root->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, root, "expected a map with cites and credits");
    int rc = nf_yaml_check_keys(y, root, "attribution.yaml", known);
    if (rc)
        return rc;
    const char *list = "outlet";
    if ((rc = nf_yaml_get_string(&list, y, root, "outlet_list", 0)))
        return rc;
    if (!(at->outlet_list = strdup(list)))
        return oom(y);
    if ((rc = load_word_lists(at, y, root)))
        return rc;
    yaml_node_t *cites = nf_yaml_get(y, root, "cites");
    if (cites && (rc = load_cites(at, y, cites)))
        return rc;
    yaml_node_t *credits = nf_yaml_get(y, root, "credits");
    if (credits && (rc = load_credits(at, y, credits)))
        return rc;
    return intern_words(at);
}

int nf_attribution_load(struct nf_attribution **out, const char *schema_dir)
{
    *out = NULL;
    nf_yaml *y;
    int rc = nf_yaml_load_optional(&y, schema_dir, "attribution.yaml");
    if (rc)
        return rc;
    struct nf_attribution *at = calloc(1, sizeof *at);
    if (!at) {
        nf_yaml_free(y);
        return nf_set_error(NF_ENOMEM, "%s/attribution.yaml: out of memory", schema_dir);
    }
    /* A schema without attribution.yaml cites nothing and reads no credit
     * lines (metadata still gives the source). */
    if (y)
        rc = load_doc(at, y);
    nf_yaml_free(y);
    if (rc) {
        nf_attribution_free(at);
        return rc;
    }
    *out = at;
    return NF_OK;
}

/* ---- matching ---- */

typedef struct ctx {
    const struct nf_attribution *at;
    const nf_analysis *a;
    const int32_t *outlet_at;   /* per token: the longest outlet mention starting there */
    const uint8_t *other;       /* per token: inside a mention of another list */
    int for_cites;              /* {name} may not be another list's entry */
} ctx;

/* Unit J is a word of class CLS (WORD_*): by id when U was interned in
 * the attribution's table, else by comparing with the list V. */
static int in_class(const ctx *c, const nf_units *u, size_t j, uint8_t cls, char *const *v,
                    size_t n)
{
    if (u->wt == &c->at->words)
        return (c->at->word_class[u->v[j].word] & cls) != 0;
    const char *w = nf_unit_text(u, j);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], w) == 0)
            return 1;
    return 0;
}

/* Units of the outlet mention starting at unit AT (0: none). */
static size_t outlet_len(const ctx *c, const nf_units *u, size_t at, size_t end)
{
    if (u->v[at].punct)
        return 0;
    int32_t m = c->outlet_at[u->v[at].tok];
    if (m < 0)
        return 0;
    /* through the mention's last token, marks inside it included */
    uint32_t last = c->a->mentions[m].tok_last;
    size_t j = at + 1;
    while (j < end && u->v[j].tok <= last)
        j++;
    return j - at;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int capitalised(const nf_unit *un)
{
    return !un->punct && (un->tok_flags & (NF_TOK_UPPER_INITIAL | NF_TOK_DIGIT_INITIAL));
}

static size_t slot_fn(void *vctx, int slot, const nf_units *u, size_t at, size_t end,
                      size_t *lens, size_t maxlens)
{
    const ctx *c = vctx;
    if (!maxlens || u->v[at].punct)
        return 0;
    if (slot == SLOT_PERSON) {
        /* a capitalised name that is no outlet: "Bloomberg's Mark Gurman" */
        size_t n = 0;
        while (at + n < end && n < 4 && capitalised(&u->v[at + n]) &&
               u->v[at + n].sentence == u->v[at].sentence &&
               c->outlet_at[u->v[at + n].tok] < 0 &&
               !(n && (u->v[at + n].tok_flags & (NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE))))
            n++;
        size_t k = 0;
        while (n && k < maxlens)
            lens[k++] = n--;
        return k;
    }
    if (slot == SLOT_NUMBER) {
        if (!(u->v[at].tok_flags & NF_TOK_DIGIT_INITIAL))
            return 0;
        lens[0] = 1;
        return 1;
    }
    size_t ol = outlet_len(c, u, at, end);
    if (ol) {
        lens[0] = ol;
        return 1;
    }
    if (slot == SLOT_OUTLET)
        return 0;
    /* {name}: a run of capitalised words (connectors inside), on one line
     * and in one sentence; every prefix ending in a capitalised word is a
     * candidate, longest first. */
    if (!capitalised(&u->v[at]) || (c->for_cites && c->other[u->v[at].tok]))
        return 0;
    size_t cand[NAME_MAX_WORDS + 8];
    size_t ncand = 0, nwords = 0;
    uint32_t sentence = u->v[at].sentence;
    for (size_t j = at; j < end && nwords < NAME_MAX_WORDS; j++) {
        const nf_unit *un = &u->v[j];
        if (j > at) {
            if (un->sentence != sentence)
                break;
            if (!un->punct && (un->tok_flags & (NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE)))
                break;
        }
        if (in_class(c, u, j, WORD_STOP, c->at->stopwords, c->at->nstopwords))
            break;
        int cap = capitalised(un);
        if (!cap && !in_class(c, u, j, WORD_CONNECTOR, c->at->connectors, c->at->nconnectors))
            break;
        if (!un->punct) {
            if (c->for_cites && c->other[un->tok])
                break;
            nwords++;
        }
        /* a name does not end in a bare number ("X 2025" in "(c) X 2025") */
        if (cap && ncand < sizeof cand / sizeof cand[0] && !all_digits(nf_unit_text(u, j)))
            cand[ncand++] = j - at + 1;
    }
    size_t k = 0;
    while (ncand && k < maxlens) {
        size_t len = cand[--ncand];
        /* {medianame}: only a name that ends like an outlet's ("Times") */
        if (slot == SLOT_MEDIANAME &&
            !in_class(c, u, at + len - 1, WORD_OUTLET, c->at->outlet_words,
                      c->at->noutlet_words))
            continue;
        lens[k++] = len;
    }
    return k;
}

/* Resolve a {name} or {outlet} capture into an outlet id (*OUT malloc'd or
 * NULL); *SPAN (may be NULL) gets the units the name covers. */
static int resolve(char **out, nf_capture *span, const ctx *c, const nf_units *u,
                   nf_capture cap)
{
    *out = NULL;
    if (span)
        *span = cap;
    const nf_analysis *a = c->a;
    if (!cap.len)
        return NF_OK;
    size_t ol = outlet_len(c, u, cap.start, u->n);
    if (ol == cap.len) {
        const char *id = a->mentions[c->outlet_at[u->v[cap.start].tok]].id;
        if (!(*out = strdup(id)))
            return nf_set_error(NF_ENOMEM, "out of memory copying an outlet id");
        return NF_OK;
    }
    size_t first = cap.start, last = cap.start + cap.len - 1;
    /* Cut suffixes ("Editorial Team", "Staff", "Inc") off the end. */
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < c->at->nsuffixes; i++) {
            const words *w = &c->at->suffixes[i];
            if (w->n >= last - first + 1)
                continue;
            size_t k = 0;
            while (k < w->n && !u->v[last - k].punct &&
                   strcmp(nf_unit_text(u, last - k), w->v[w->n - 1 - k]) == 0)
                k++;
            if (k == w->n) {
                last -= k;
                while (last > first && (u->v[last].punct || !capitalised(&u->v[last])))
                    last--;
                again = 1;
                break;
            }
        }
    }
    /* "Originally reported by The Next Platform": the pattern's optional
     * "the" took a "The" that belongs to the name. */
    if (first > 0 && !u->v[first - 1].punct && (u->v[first - 1].tok_flags & NF_TOK_UPPER_INITIAL) &&
        strcmp(nf_unit_text(u, first - 1), "the") == 0 && u->v[first - 1].sentence == u->v[first].sentence &&
        !(u->v[first].tok_flags & (NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE)))
        first--;
    if (span)
        *span = (nf_capture){first, cap.start + cap.len - first};
    const nf_token *t0 = &a->tokens.v[u->v[first].tok];
    const nf_token *t1 = &a->tokens.v[u->v[last].tok];
    char *name = strndup(a->tokens.text + t0->start, t1->end - t0->start);
    if (!name)
        return nf_set_error(NF_ENOMEM, "out of memory reading an outlet name");
    const struct nf_gazetteer *g = a->schema ? a->schema->gazetteer : NULL;
    int rc = nf_outlet_id(out, g, nf_attribution_outlet_list(c->at), name);
    free(name);
    return rc;
}

/* Per-token tables of outlet mentions and other lists' mentions. */
static int mention_tables(int32_t **outlet_at, uint8_t **other, const nf_analysis *a,
                          const char *outlet_list)
{
    size_t n = a->tokens.n ? a->tokens.n : 1;
    *outlet_at = malloc(n * sizeof **outlet_at);
    *other = calloc(n, 1);
    if (!*outlet_at || !*other) {
        free(*outlet_at);
        free(*other);
        *outlet_at = NULL;
        *other = NULL;
        return nf_set_error(NF_ENOMEM, "out of memory finding attributions");
    }
    for (size_t i = 0; i < n; i++)
        (*outlet_at)[i] = -1;
    for (size_t i = 0; i < a->nmentions; i++) {
        const nf_mention *m = &a->mentions[i];
        if (m->tok_first >= a->tokens.n || m->tok_last >= a->tokens.n || m->tok_last < m->tok_first)
            continue;
        if (m->list && strcmp(m->list, outlet_list) == 0) {
            int32_t *slot = &(*outlet_at)[m->tok_first];
            if (*slot < 0 || a->mentions[*slot].tok_last < m->tok_last)
                *slot = (int32_t)i;
        } else {
            for (uint32_t t = m->tok_first; t <= m->tok_last; t++)
                (*other)[t] = 1;
        }
    }
    /* An outlet mention wins over another list's mention of the same words. */
    for (size_t i = 0; i < a->tokens.n; i++)
        if ((*outlet_at)[i] >= 0) {
            const nf_mention *m = &a->mentions[(*outlet_at)[i]];
            for (uint32_t t = m->tok_first; t <= m->tok_last; t++)
                (*other)[t] = 0;
        }
    return NF_OK;
}

/* An outlet found in a sentence, with the units its name covers. */
typedef struct found {
    char *id;
    nf_capture span;
} found;

typedef struct found_list {
    found *v;
    size_t n, cap;
} found_list;

static int collect(found_list *fl, const ctx *c, const nf_units *u, const cite_pat *cp,
                   const nf_capture *caps)
{
    const nf_pattern *p = &cp->pat;
    for (size_t i = 0; i < p->n; i++) {
        int slot = p->items[i].slot - 1;
        if (slot != SLOT_OUTLET && slot != SLOT_NAME && slot != SLOT_MEDIANAME)
            continue;
        if (!caps[i].len)
            continue;
        char *id;
        nf_capture span;
        int rc = resolve(&id, &span, c, u, caps[i]);
        if (rc)
            return rc;
        if (!id)
            continue;
        if (cp->not_source && c->a->source && strcmp(id, c->a->source) == 0) {
            free(id);
            continue;
        }
        if (fl->n == fl->cap) {
            size_t ncap = fl->cap ? fl->cap * 2 : 8;
            found *v = realloc(fl->v, ncap * sizeof *v);
            if (!v) {
                free(id);
                return nf_set_error(NF_ENOMEM, "out of memory finding attributions");
            }
            fl->v = v;
            fl->cap = ncap;
        }
        fl->v[fl->n++] = (found){id, span};
    }
    return NF_OK;
}

/* Add the outlets found in one sentence, except names inside a longer
 * name found there too ("Ledger" out of "The Pacific Ledger"). */
static int add_found(nf_strset *sentence_set, nf_strset *all, found_list *fl)
{
    int rc = NF_OK;
    for (size_t i = 0; i < fl->n && !rc; i++) {
        const nf_capture *a = &fl->v[i].span;
        int inside = 0;
        for (size_t j = 0; j < fl->n && !inside; j++) {
            const nf_capture *b = &fl->v[j].span;
            inside = b->len > a->len && b->start <= a->start &&
                     a->start + a->len <= b->start + b->len;
        }
        if (!inside) {
            rc = nf_strset_add(sentence_set, fl->v[i].id);
            if (!rc)
                rc = nf_strset_add(all, fl->v[i].id);
        }
    }
    for (size_t i = 0; i < fl->n; i++)
        free(fl->v[i].id);
    fl->n = 0;
    return rc;
}

/* Whether slot SLOT can take unit K at all: what slot_fn needs of a first
 * unit, checked before trying the patterns that start with the slot. */
static int slot_may_start(const ctx *c, const nf_units *u, size_t k, int slot)
{
    const nf_unit *un = &u->v[k];
    if (un->punct)
        return 0;
    int outlet = c->outlet_at[un->tok] >= 0;
    switch (slot) {
    case SLOT_OUTLET:
        return outlet;
    case SLOT_NUMBER:
        return (un->tok_flags & NF_TOK_DIGIT_INITIAL) != 0;
    case SLOT_PERSON:
        return !outlet && capitalised(un);
    default:    /* {name}, {medianame}: an outlet or a capitalised word */
        return outlet || capitalised(un);
    }
}

/* Per sentence: which cites can match at all (one word of a required item
 * occurs in it), and scratch for the cites to try at one unit. */
typedef struct cite_scan {
    uint32_t *cand;
    uint32_t *stamp;        /* per cite: the unit it was last added for */
    uint32_t now;
    uint8_t *enabled;       /* per cite */
    uint32_t *seen;         /* per word id: the sentence it last occurred in + 1 */
} cite_scan;

static void enable_cites(cite_scan *cs, const struct nf_attribution *at, const nf_units *u,
                         uint32_t sentence)
{
    for (size_t k = 0; k < u->n; k++)
        cs->seen[u->v[k].word] = sentence + 1;
    for (size_t i = 0; i < at->ncites; i++) {
        const cite_pat *cp = &at->cites[i];
        int on = cp->nreq == 0;
        for (size_t j = 0; j < cp->nreq && !on; j++)
            on = cs->seen[cp->req[j]] == sentence + 1;
        cs->enabled[i] = (uint8_t)on;
    }
}

/* The cites to try at unit K: those that can start with its word, with a
 * slot that can begin there, or with anything, and that can match in the
 * sentence; each once.  Cites only add to sets, so the order they are
 * tried in does not matter.  Returns how many are in cs->cand. */
static size_t candidates(cite_scan *cs, const ctx *c, const nf_units *u, size_t k)
{
    const nf_pattern_index *ix = &c->at->cites_index;
    size_t n = 0, lo, hi;
    if (++cs->now == 0) {   /* wrapped: forget every stamp */
        memset(cs->stamp, 0, c->at->ncites * sizeof *cs->stamp);
        cs->now = 1;
    }
#define TRY(id_)                                                              \
    do {                                                                      \
        uint32_t id = (id_);                                                  \
        if (cs->enabled[id] && cs->stamp[id] != cs->now) {                    \
            cs->stamp[id] = cs->now;                                          \
            cs->cand[n++] = id;                                               \
        }                                                                     \
    } while (0)
    nf_pattern_index_find(ix, u->v[k].word, &lo, &hi);
    for (size_t j = lo; j < hi; j++)
        TRY(ix->first[j].id);
    if (!u->v[k].punct) {
        int prev = -1, may = 0;
        for (size_t j = 0; j < ix->nslots; j++) {
            int slot = (int)ix->slots[j].key;
            if (slot != prev) {
                may = slot_may_start(c, u, k, slot);
                prev = slot;
            }
            if (may)
                TRY(ix->slots[j].id);
        }
    }
    for (size_t j = 0; j < ix->nanywhere; j++)
        TRY(ix->anywhere[j]);
#undef TRY
    return n;
}

static void free_sentence_cites(nf_analysis *a, size_t n)
{
    if (!a->sentence_cites)
        return;
    for (size_t i = 0; i < n; i++)
        nf_strset_free(&a->sentence_cites[i]);
    free(a->sentence_cites);
    a->sentence_cites = NULL;
}

int nf_attribution_find(nf_analysis *a)
{
    if (!a)
        return nf_set_error(NF_EINVAL, "attribution: no analysis");
    const nf_tokens *t = &a->tokens;
    /* Any earlier result was sized for this same text. */
    free_sentence_cites(a, t->nsentences);
    nf_strset_free(&a->cites);
    a->sentence_cites = calloc(t->nsentences ? t->nsentences : 1, sizeof *a->sentence_cites);
    if (!a->sentence_cites)
        return nf_set_error(NF_ENOMEM, "out of memory for per-sentence cites");
    const struct nf_attribution *at = a->schema ? a->schema->attribution : NULL;
    if (!at || !at->ncites || !t->n)
        return NF_OK;
    int32_t *outlet_at;
    uint8_t *other;
    int rc = mention_tables(&outlet_at, &other, a, nf_attribution_outlet_list(at));
    if (rc)
        return rc;
    ctx c = {at, a, outlet_at, other, 1};
    nf_units u = {0};
    size_t maxn = 0;
    for (size_t i = 0; i < at->ncites; i++)
        if (at->cites[i].pat.n > maxn)
            maxn = at->cites[i].pat.n;
    nf_capture *caps = calloc(maxn ? maxn : 1, sizeof *caps);
    cite_scan cs = {malloc(at->ncites * sizeof *cs.cand), calloc(at->ncites, sizeof *cs.stamp),
                    0, malloc(at->ncites), calloc(at->words.n + 1, sizeof *cs.seen)};
    found_list fl = {0};
    if (!caps || !cs.cand || !cs.stamp || !cs.enabled || !cs.seen)
        rc = nf_set_error(NF_ENOMEM, "out of memory finding attributions");
    for (size_t s = 0; s < t->nsentences && !rc; s++) {
        const nf_sentence *sen = &t->sentences[s];
        if (!sen->tok_count)
            continue;
        rc = nf_units_build(&u, t, sen->tok_first, (size_t)sen->tok_first + sen->tok_count,
                            sen->start, sen->end, &at->marks);
        if (rc)
            break;
        nf_units_intern(&u, &at->words);
        enable_cites(&cs, at, &u, (uint32_t)s);
        for (size_t k = 0; k < u.n && !rc; k++) {
            size_t nc = candidates(&cs, &c, &u, k);
            for (size_t j = 0; j < nc && !rc; j++) {
                const cite_pat *cp = &at->cites[cs.cand[j]];
                if (nf_pattern_match(&cp->pat, &u, k, u.n, slot_fn, &c, caps))
                    rc = collect(&fl, &c, &u, cp, caps);
            }
        }
        if (!rc)
            rc = add_found(&a->sentence_cites[s], &a->cites, &fl);
    }
    for (size_t i = 0; i < fl.n; i++)
        free(fl.v[i].id);
    free(fl.v);
    free(caps);
    free(cs.cand);
    free(cs.stamp);
    free(cs.enabled);
    free(cs.seen);
    nf_units_free(&u);
    free(outlet_at);
    free(other);
    return rc;
}

static int at_line_start(const nf_units *u, size_t k)
{
    const nf_unit *un = &u->v[k];
    if (un->punct)
        return 0;
    return un->tok == 0 || (un->tok_flags & (NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE));
}

int nf_attribution_credit(char **out, const nf_analysis *a)
{
    *out = NULL;
    const struct nf_attribution *at = a && a->schema ? a->schema->attribution : NULL;
    if (!at || !at->ncredits || !a->tokens.n)
        return NF_OK;
    const nf_tokens *t = &a->tokens;
    int32_t *outlet_at;
    uint8_t *other;
    int rc = mention_tables(&outlet_at, &other, a, nf_attribution_outlet_list(at));
    if (rc)
        return rc;
    ctx c = {at, a, outlet_at, other, 0};
    nf_units u = {0};
    rc = nf_units_build(&u, t, 0, t->n, 0, t->text_len, &at->marks);
    if (!rc)
        nf_units_intern(&u, &at->words);
    /* the words the text has: a credit none of whose required words
     * occur cannot match anywhere */
    uint8_t *seen = rc ? NULL : calloc(at->words.n + 1, 1);
    if (!rc && !seen)
        rc = nf_set_error(NF_ENOMEM, "out of memory reading credit lines");
    for (size_t k = 0; k < u.n && !rc; k++)
        seen[u.v[k].word] = 1;
    nf_capture *caps = NULL;
    for (size_t p = 0; p < at->ncredits && !rc && !*out; p++) {
        const credit *cr = &at->credits[p];
        int possible = cr->nreq == 0;
        for (size_t j = 0; j < cr->nreq && !possible; j++)
            possible = seen[cr->req[j]];
        if (!possible)
            continue;
        c.for_cites = cr->strict;
        free(caps);
        if (!(caps = calloc(cr->pat.n, sizeof *caps))) {
            rc = nf_set_error(NF_ENOMEM, "out of memory reading credit lines");
            break;
        }
        for (size_t k = 0; k < u.n && !rc && !*out; k++) {
            if (cr->within_tokens && u.v[k].tok >= (uint32_t)cr->within_tokens)
                break;
            if (cr->line_start && !at_line_start(&u, k))
                continue;
            if (!nf_pattern_match(&cr->pat, &u, k, u.n, slot_fn, &c, caps))
                continue;
            for (size_t i = 0; i < cr->pat.n && !rc && !*out; i++)
                if (cr->pat.items[i].slot - 1 == SLOT_OUTLET ||
                    cr->pat.items[i].slot - 1 == SLOT_NAME ||
                    cr->pat.items[i].slot - 1 == SLOT_MEDIANAME)
                    rc = resolve(out, NULL, &c, &u, caps[i]);
        }
    }
    free(caps);
    free(seen);
    nf_units_free(&u);
    free(outlet_at);
    free(other);
    return rc;
}
