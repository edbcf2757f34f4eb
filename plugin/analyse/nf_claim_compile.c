/* Compiling schema/claims/ *.yaml into nf_claim_rules (the language is
 * documented in schema/claims/README.md).  Everything that can be checked
 * at load time is: list references, entity lists and ids, proximity
 * windows, empty alternatives, duplicate ids, unknown keys.  Each message
 * names the file and line. */
#include "nf_claim_rules.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"
#include "analyse/nf_stem.h"

#include "analyse/nf_gazetteer.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A named list of alternatives ("lists:" in any claims file). */
typedef struct named_list {
    const char *name;
    nf_yaml *y;
    yaml_node_t *node;
    int expanding;          /* cycle detection */
} named_list;

typedef struct compiler {
    struct nf_claim_rules *r;
    const nf_schema *s;
    nf_stemmer *stemmer;      /* NULL: the language does not stem */
    nf_yaml **docs;
    size_t ndocs;
    named_list *lists;
    size_t nlists;
    nf_claim_rule *rule;    /* the rule being compiled (captures) */
    uint32_t *common;       /* term ids of common_words (index choice only) */
    size_t ncommon;
} compiler;

#define MAX_LIST_DEPTH 16

/* ---- words --------------------------------------------------------------- */

/* Stem WORD (lower-case UTF-8) into BUF, the way analysis stems tokens. */
static int stem_word(char *buf, size_t size, nf_stemmer *st, const char *word)
{
    const char *s = word;
    size_t n = strlen(word);
    if (st) {
        int rc = nf_stemmer_stem(st, word, strlen(word), &s, &n);
        if (rc)
            return rc;
    }
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return NF_OK;
}

static int word_byte(unsigned char c)
{
    return isalnum(c) || c == '\'' || c >= 0x80;
}

/* Intern one word of a rule (EXACT or stemmed) as a term id. */
static int intern_word(uint32_t *out, compiler *c, const char *word, int exact)
{
    char key[256];
    if (exact) {
        snprintf(key, sizeof key, "x\x1f%s", word);
    } else if (isdigit((unsigned char)word[0])) {
        snprintf(key, sizeof key, "s\x1f%s", word);   /* numbers are not stemmed */
    } else {
        char stem[240];
        int rc = stem_word(stem, sizeof stem, c->stemmer, word);
        if (rc)
            return rc;
        snprintf(key, sizeof key, "s\x1f%s", stem);
    }
    return nf_claim_termtab_intern(out, &c->r->terms, key);
}

/* Split TEXT into words the way the tokeniser cuts terms (letters, digits
 * and inner apostrophes; a curly apostrophe counts as a straight one),
 * lower-cased.  A word starting with '=' (or every word, when the whole
 * text starts with "=") is matched exactly, the others by stem. */
static int compile_words(nf_claim_alt *alt, compiler *c, nf_yaml *y,
                         yaml_node_t *node, const char *text)
{
    int all_exact = 0;
    if (*text == '=') {
        all_exact = 1;
        text++;
    }
    size_t len = strlen(text);
    char *norm = malloc(len + 1);
    if (!norm)
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    /* normalise: lower-case, ’ -> ' */
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x99 || (unsigned char)text[i + 2] == 0x98)) {
            norm[n++] = '\'';
            i += 2;
        } else {
            norm[n++] = (char)tolower(ch);
        }
    }
    norm[n] = '\0';
    int rc = NF_OK;
    size_t cap = 0;
    for (size_t i = 0; i < n && !rc;) {
        int exact = all_exact;
        if (norm[i] == '=' && i + 1 < n && word_byte((unsigned char)norm[i + 1])) {
            exact = 1;
            i++;
        }
        if (!word_byte((unsigned char)norm[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n && word_byte((unsigned char)norm[i]))
            i++;
        size_t end = i;
        while (start < end && norm[start] == '\'')
            start++;
        while (end > start && norm[end - 1] == '\'')
            end--;
        if (start == end)
            continue;
        char saved = norm[end];
        norm[end] = '\0';
        if (alt->nwords == cap) {
            cap = cap ? cap * 2 : 4;
            uint32_t *w = realloc(alt->words, cap * sizeof *w);
            if (!w) {
                rc = nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
                break;
            }
            alt->words = w;
        }
        rc = intern_word(&alt->words[alt->nwords], c, norm + start, exact);
        if (!rc)
            alt->nwords++;
        norm[end] = saved;
    }
    free(norm);
    if (!rc && alt->nwords == 0)
        return nf_yaml_error(y, node, "alternative '%s' has no words", text);
    alt->kind = NF_ALT_WORDS;
    return rc;
}

/* ---- entities ------------------------------------------------------------ */

static int is_entity_ref(const char *text)
{
    const char *colon = strchr(text, ':');
    if (!colon || colon == text || !colon[1] || strchr(text, ' '))
        return 0;
    for (const char *p = text; p < colon; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '_'))
            return 0;
    return 1;
}

static int compile_entity(nf_claim_alt *alt, compiler *c, nf_yaml *y,
                          yaml_node_t *node, const char *text)
{
    const char *colon = strchr(text, ':');
    char list[128];
    size_t ll = (size_t)(colon - text);
    if (ll >= sizeof list)
        return nf_yaml_error(y, node, "entity list name in '%s' is too long", text);
    memcpy(list, text, ll);
    list[ll] = '\0';
    const char *id = colon + 1;
    if (strchr(id, ':'))
        return nf_yaml_error(y, node, "entity reference '%s' has more than one ':'", text);
    const struct nf_gazetteer *g = c->s ? c->s->gazetteer : NULL;
    if (g) {
        if (!nf_gazetteer_has_list(g, list))
            return nf_yaml_error(y, node, "unknown entity list '%s' in '%s'", list, text);
        if (strcmp(id, "*") != 0 && !nf_gazetteer_display_name(g, list, id))
            return nf_yaml_error(y, node, "unknown entity id '%s' in list '%s'", id, list);
    }
    char key[300];
    snprintf(key, sizeof key, "e\x1f%s\x1f%s", list, id);
    alt->kind = NF_ALT_ENTITY;
    return nf_claim_termtab_intern(&alt->entity, &c->r->terms, key);
}

/* ---- alternatives -------------------------------------------------------- */

typedef struct alt_vec {
    nf_claim_alt *v;
    size_t n, cap;
} alt_vec;

static nf_claim_alt *alt_push(alt_vec *av)
{
    if (av->n == av->cap) {
        size_t cap = av->cap ? av->cap * 2 : 8;
        nf_claim_alt *v = realloc(av->v, cap * sizeof *v);
        if (!v)
            return NULL;
        av->v = v;
        av->cap = cap;
    }
    nf_claim_alt *a = &av->v[av->n++];
    memset(a, 0, sizeof *a);
    return a;
}

static named_list *find_list(compiler *c, const char *name)
{
    for (size_t i = 0; i < c->nlists; i++)
        if (strcmp(c->lists[i].name, name) == 0)
            return &c->lists[i];
    return NULL;
}

static int add_alts(alt_vec *av, compiler *c, nf_yaml *y, yaml_node_t *node,
                    int negate, int depth);

static int add_one_alt(alt_vec *av, compiler *c, nf_yaml *y, yaml_node_t *node,
                       int negate, int depth)
{
    const char *raw = nf_yaml_scalar(node);
    if (!raw)
        return nf_yaml_error(y, node, "an alternative must be a single string, not a list or map");
    while (*raw == ' ' || *raw == '\t')
        raw++;
    if (*raw == '!') {
        negate = !negate;
        raw++;
        while (*raw == ' ')
            raw++;
    }
    if (!*raw)
        return nf_yaml_error(y, node, "empty alternative");
    if (*raw == '@') {
        named_list *l = find_list(c, raw + 1);
        if (!l)
            return nf_yaml_error(y, node, "unknown list '%s'", raw);
        if (l->expanding || depth >= MAX_LIST_DEPTH)
            return nf_yaml_error(y, node, "list '%s' refers to itself", raw);
        l->expanding = 1;
        size_t before = av->n;
        int rc = add_alts(av, c, l->y, l->node, negate, depth + 1);
        l->expanding = 0;
        if (!rc && av->n == before)
            return nf_yaml_error(y, node, "list '%s' is empty", raw);
        return rc;
    }
    nf_claim_alt *alt = alt_push(av);
    if (!alt)
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    alt->negate = negate;
    if (*raw == '<') {
        if (strcmp(raw, "<money>") == 0)
            alt->kind = NF_ALT_MONEY;
        else if (strcmp(raw, "<percent>") == 0)
            alt->kind = NF_ALT_PERCENT;
        else if (strcmp(raw, "<year>") == 0)
            alt->kind = NF_ALT_YEAR;
        else if (strcmp(raw, "<multiple>") == 0)
            alt->kind = NF_ALT_MULTIPLE;
        else {
            av->n--;
            return nf_yaml_error(y, node, "unknown element '%s' (known: <money>, <percent>, "
                                 "<year>, <multiple>)", raw);
        }
        return NF_OK;
    }
    int rc = is_entity_ref(raw) ? compile_entity(alt, c, y, node, raw)
                                : compile_words(alt, c, y, node, raw);
    if (rc) {
        free(alt->words);
        av->n--;
    }
    return rc;
}

/* NODE: a string or a sequence of strings (each maybe "@list"). */
static int add_alts(alt_vec *av, compiler *c, nf_yaml *y, yaml_node_t *node,
                    int negate, int depth)
{
    if (node->type == YAML_SEQUENCE_NODE) {
        size_t n = nf_yaml_seq_len(node);
        if (n == 0)
            return nf_yaml_error(y, node, "empty alternative list");
        for (size_t i = 0; i < n; i++) {
            int rc = add_one_alt(av, c, y, nf_yaml_seq_at(y, node, i), negate, depth);
            if (rc)
                return rc;
        }
        return NF_OK;
    }
    return add_one_alt(av, c, y, node, negate, depth);
}

/* ---- items and groups ---------------------------------------------------- */

static void group_free(nf_claim_group *g);

static void item_free(nf_claim_item *it)
{
    for (size_t i = 0; i < it->nalts; i++)
        free(it->alts[i].words);
    free(it->alts);
    if (it->group) {
        group_free(it->group);
        free(it->group);
    }
}

static void group_free(nf_claim_group *g)
{
    for (size_t i = 0; i < g->nreq; i++)
        item_free(&g->req[i]);
    free(g->req);
    for (size_t i = 0; i < g->nforbid; i++)
        item_free(&g->forbid[i]);
    free(g->forbid);
}

static int compile_group(nf_claim_group *g, compiler *c, nf_yaml *y,
                         yaml_node_t *map, yaml_node_t *req, int root);

static int set_capture(nf_claim_item *it, compiler *c, nf_yaml *y, yaml_node_t *map)
{
    const char *name = NULL;
    int rc = nf_yaml_get_string(&name, y, map, "capture", 0);
    if (rc || !name)
        return rc;
    nf_claim_rule *rule = c->rule;
    yaml_node_t *at = nf_yaml_get(y, map, "capture");
    if (!*name)
        return nf_yaml_error(y, at, "empty capture name");
    for (size_t i = 0; i < rule->ncaptures; i++)
        if (strcmp(rule->captures[i], name) == 0) {
            it->capture = (int)i;
            return NF_OK;
        }
    if (rule->ncaptures == NF_CLAIM_MAX_CAPTURES)
        return nf_yaml_error(y, at, "more than %d captures in rule '%s'",
                             NF_CLAIM_MAX_CAPTURES, rule->id);
    if (!(rule->captures[rule->ncaptures] = strdup(name)))
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    it->capture = (int)rule->ncaptures++;
    return NF_OK;
}

/* An item: a string, a list of alternatives, {any: ..., capture: ...} or a
 * nested group {all: [...], within, ordered, forbid, capture}. */
static int compile_item(nf_claim_item *it, compiler *c, nf_yaml *y, yaml_node_t *node)
{
    memset(it, 0, sizeof *it);
    it->capture = -1;
    int rc;
    if (node->type == YAML_MAPPING_NODE) {
        static const char *const item_keys[] = {"any", "all", "within", "ordered",
                                                "forbid", "capture", NULL};
        if ((rc = nf_yaml_check_keys(y, node, "an element", item_keys)))
            return rc;
        yaml_node_t *any = nf_yaml_get(y, node, "any");
        yaml_node_t *all = nf_yaml_get(y, node, "all");
        if (!!any == !!all)
            return nf_yaml_error(y, node, "an element map needs exactly one of 'any' or 'all'");
        if (any) {
            if (nf_yaml_get(y, node, "within") || nf_yaml_get(y, node, "ordered") ||
                nf_yaml_get(y, node, "forbid"))
                return nf_yaml_error(y, node, "'within', 'ordered' and 'forbid' "
                                     "belong to 'all' groups, not to 'any'");
            if ((rc = set_capture(it, c, y, node)))
                return rc;
            node = any;
        } else {
            if (!(it->group = calloc(1, sizeof *it->group)))
                return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
            if ((rc = compile_group(it->group, c, y, node, all, 0)))
                return rc;
            return set_capture(it, c, y, node);
        }
    }
    alt_vec av = {0};
    rc = add_alts(&av, c, y, node, 0, 0);
    it->alts = av.v;
    it->nalts = av.n;
    if (rc)
        return rc;
    size_t positive = 0;
    for (size_t i = 0; i < av.n; i++)
        positive += !av.v[i].negate;
    if (!positive)
        return nf_yaml_error(y, node, "an element needs at least one alternative "
                             "that is not excluded with '!'");
    return NF_OK;
}

static int compile_items(nf_claim_item **out, size_t *nout, compiler *c, nf_yaml *y,
                         yaml_node_t *seq, const char *key)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'%s' must be a list of elements", key);
    size_t n = nf_yaml_seq_len(seq);
    if (n == 0)
        return nf_yaml_error(y, seq, "'%s' is empty", key);
    nf_claim_item *items = calloc(n, sizeof *items);
    if (!items)
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    *out = items;
    for (size_t i = 0; i < n; i++) {
        int rc = compile_item(&items[i], c, y, nf_yaml_seq_at(y, seq, i));
        *nout = i + 1;
        if (rc)
            return rc;
    }
    return NF_OK;
}

static int compile_group(nf_claim_group *g, compiler *c, nf_yaml *y,
                         yaml_node_t *map, yaml_node_t *req, int root)
{
    int rc;
    if (!req)
        return nf_yaml_error(y, map, "%s", root ? "a rule needs 'require'"
                                                : "a group needs 'all'");
    if ((rc = compile_items(&g->req, &g->nreq, c, y, req, root ? "require" : "all")))
        return rc;
    yaml_node_t *forbid = nf_yaml_get(y, map, "forbid");
    if (forbid && (rc = compile_items(&g->forbid, &g->nforbid, c, y, forbid, "forbid")))
        return rc;
    yaml_node_t *w = nf_yaml_get(y, map, "within");
    if (w) {
        const char *t = nf_yaml_scalar(w);
        char *end = NULL;
        long v = t ? strtol(t, &end, 10) : 0;
        if (!t || end == t || *end || v <= 0 || v > 1000)
            return nf_yaml_error(y, w, "bad proximity 'within: %s': give a number of "
                                 "tokens from 1 to 1000", t ? t : "(not a number)");
        if ((size_t)v < g->nreq)
            return nf_yaml_error(y, w, "bad proximity 'within: %ld': %zu required "
                                 "elements cannot fit in %ld tokens", v, g->nreq, v);
        g->within = (uint32_t)v;
    }
    int ordered = 0;
    if ((rc = nf_yaml_get_bool(&ordered, y, map, "ordered", 0)))
        return rc;
    g->ordered = ordered;
    return NF_OK;
}

/* ---- the index: which sentences can match a rule -------------------------
 *
 * Every required leaf element of a rule (up to 32, nested "all" groups
 * included) gets a bit; each positive alternative of it is indexed under
 * its term with that bit.  While a sentence is scanned the bits of the
 * rule's elements present are OR'ed together, and only a sentence that has
 * them all is matched.  A phrase is indexed under its least common word:
 * the longest one that is not in the files' common_words. */

static int is_common(const compiler *c, uint32_t term)
{
    for (size_t i = 0; i < c->ncommon; i++)
        if (c->common[i] == term)
            return 1;
    return 0;
}

static uint32_t phrase_key(const compiler *c, const nf_claim_alt *a)
{
    size_t best = 0, best_len = 0;
    int best_common = 1;
    for (size_t i = 0; i < a->nwords; i++) {
        size_t len = strlen(c->r->terms.keys[a->words[i]]) - 2;
        int common = is_common(c, a->words[i]);
        if ((best_common && !common) || (common == best_common && len > best_len)) {
            best = i;
            best_len = len;
            best_common = common;
        }
    }
    return a->words[best];
}

static const char *const special_keys[] = {
    [NF_ALT_MONEY] = "#money", [NF_ALT_PERCENT] = "#percent",
    [NF_ALT_YEAR] = "#year", [NF_ALT_MULTIPLE] = "#multiple",
};

static int index_group(compiler *c, uint32_t rule_index, const nf_claim_group *g,
                       unsigned *nbits)
{
    for (size_t k = 0; k < g->nreq; k++) {
        const nf_claim_item *it = &g->req[k];
        if (it->group) {
            int rc = index_group(c, rule_index, it->group, nbits);
            if (rc)
                return rc;
            continue;
        }
        if (*nbits == 32)
            continue;   /* more elements are matched, just not prefiltered */
        unsigned bit = (*nbits)++;
        for (size_t i = 0; i < it->nalts; i++) {
            const nf_claim_alt *a = &it->alts[i];
            if (a->negate)
                continue;
            uint32_t term = NF_TERM_NONE;
            int rc = NF_OK;
            if (a->kind == NF_ALT_WORDS)
                term = phrase_key(c, a);
            else if (a->kind == NF_ALT_ENTITY)
                term = a->entity;
            else
                rc = nf_claim_termtab_intern(&term, &c->r->terms, special_keys[a->kind]);
            if (!rc)
                rc = nf_claim_termtab_add_trigger(&c->r->terms, term, rule_index * 32u + bit);
            if (rc)
                return rc;
        }
    }
    return NF_OK;
}

static int index_rule(compiler *c, uint32_t rule_index)
{
    nf_claim_rule *rule = &c->r->rules[rule_index];
    unsigned nbits = 0;
    int rc = index_group(c, rule_index, &rule->root, &nbits);
    rule->need = nbits >= 32 ? UINT32_MAX : (1u << nbits) - 1;
    return rc;
}

static int compile_common_words(compiler *c, nf_yaml *y, yaml_node_t *seq)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'common_words' must be a list of words");
    for (size_t i = 0; i < nf_yaml_seq_len(seq); i++) {
        yaml_node_t *n = nf_yaml_seq_at(y, seq, i);
        const char *w = nf_yaml_scalar(n);
        if (!w || !*w || strchr(w, ' '))
            return nf_yaml_error(y, n, "a common word must be one word");
        uint32_t *v = realloc(c->common, (c->ncommon + 2) * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
        c->common = v;
        char lower[128];
        snprintf(lower, sizeof lower, "%s", w);
        for (char *p = lower; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        /* both its stem and its exact form */
        int rc = intern_word(&v[c->ncommon], c, lower, 0);
        if (!rc)
            rc = intern_word(&v[c->ncommon + 1], c, lower, 1);
        if (rc)
            return rc;
        c->ncommon += 2;
    }
    return NF_OK;
}

/* ---- rules, claims, files ------------------------------------------------ */

static int valid_id(const char *id)
{
    if (!*id || *id == '-')
        return 0;
    for (const char *p = id; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return 0;
    return id[strlen(id) - 1] != '-';
}

static int valid_rule_id(const char *id)
{
    if (!*id)
        return 0;
    for (const char *p = id; *p; p++)
        if (!(isalnum((unsigned char)*p) || strchr("-_./:", *p)))
            return 0;
    return 1;
}

static void rule_free(nf_claim_rule *rule)
{
    free(rule->id);
    free(rule->file);
    for (size_t i = 0; i < rule->ncaptures; i++)
        free(rule->captures[i]);
    group_free(&rule->root);
}

static int compile_rule(compiler *c, nf_yaml *y, yaml_node_t *map, uint32_t claim)
{
    static const char *const rule_keys[] = {"id", "scope", "within", "ordered",
                                            "require", "forbid", "description",
                                            "negation_is_assertion", NULL};
    if (map->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, map, "a rule must be a map with 'id' and 'require'");
    int rc = nf_yaml_check_keys(y, map, "a rule", rule_keys);
    const char *id = NULL, *scope = "sentence";
    int negation = 0;
    if (!rc)
        rc = nf_yaml_get_string(&id, y, map, "id", 1);
    if (!rc)
        rc = nf_yaml_get_bool(&negation, y, map, "negation_is_assertion", 0);
    if (!rc)
        rc = nf_yaml_get_string(&scope, y, map, "scope", 0);
    if (rc)
        return rc;
    if (!valid_rule_id(id))
        return nf_yaml_error(y, nf_yaml_get(y, map, "id"), "bad rule id '%s' (letters, "
                             "digits and - _ . / : only)", id);
    struct nf_claim_rules *r = c->r;
    for (size_t i = 0; i < r->nrules; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return nf_yaml_error(y, nf_yaml_get(y, map, "id"), "duplicate rule id '%s' "
                                 "(first defined in %s:%u)", id, r->rules[i].file,
                                 r->rules[i].line);
    nf_claim_scope sc;
    if (strcmp(scope, "sentence") == 0)
        sc = NF_SCOPE_SENTENCE;
    else if (strcmp(scope, "clause") == 0)
        sc = NF_SCOPE_CLAUSE;
    else
        return nf_yaml_error(y, nf_yaml_get(y, map, "scope"), "bad scope '%s' (sentence "
                             "or clause; for a window of N tokens use 'within: N')", scope);
    if (r->nrules == r->rules_cap) {
        size_t cap = r->rules_cap ? r->rules_cap * 2 : 32;
        nf_claim_rule *v = realloc(r->rules, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
        r->rules = v;
        r->rules_cap = cap;
    }
    nf_claim_rule *rule = &r->rules[r->nrules++];
    memset(rule, 0, sizeof *rule);
    rule->claim = claim;
    rule->scope = sc;
    rule->flags = negation ? NF_CLAIM_NEGATION_IS_ASSERTION : 0;
    rule->line = nf_yaml_line(map);
    if (!(rule->id = strdup(id)) || !(rule->file = strdup(y->path)))
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    c->rule = rule;
    rc = compile_group(&rule->root, c, y, map, nf_yaml_get(y, map, "require"), 1);
    c->rule = NULL;
    if (!rc)
        rc = index_rule(c, (uint32_t)(r->nrules - 1));
    return rc;
}

static int find_or_add_claim(uint32_t *out, compiler *c, const char *id)
{
    struct nf_claim_rules *r = c->r;
    for (size_t i = 0; i < r->nclaims; i++)
        if (strcmp(r->claims[i].id, id) == 0) {
            *out = (uint32_t)i;
            return NF_OK;
        }
    if (r->nclaims == r->claims_cap) {
        size_t cap = r->claims_cap ? r->claims_cap * 2 : 16;
        nf_claim_def *v = realloc(r->claims, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
        r->claims = v;
        r->claims_cap = cap;
    }
    nf_claim_def *d = &r->claims[r->nclaims];
    memset(d, 0, sizeof *d);
    if (!(d->id = strdup(id)))
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    *out = (uint32_t)r->nclaims++;
    return NF_OK;
}

/* A claim: id, optional flags, rules.  A claim id met again (another
 * file) adds rules to the same claim. */
static int compile_claim(compiler *c, nf_yaml *y, yaml_node_t *map)
{
    static const char *const claim_keys[] = {"id", "description", "modal_is_assertion",
                                             "negation_is_assertion", "rules", NULL};
    if (map->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, map, "a claim must be a map with 'id' and 'rules'");
    int rc = nf_yaml_check_keys(y, map, "a claim", claim_keys);
    const char *id = NULL;
    if (!rc)
        rc = nf_yaml_get_string(&id, y, map, "id", 1);
    if (rc)
        return rc;
    if (!valid_id(id))
        return nf_yaml_error(y, nf_yaml_get(y, map, "id"), "bad claim id '%s' (lower-case "
                             "ASCII words joined by '-')", id);
    int modal = 0, negation = 0;
    if ((rc = nf_yaml_get_bool(&modal, y, map, "modal_is_assertion", 0)) ||
        (rc = nf_yaml_get_bool(&negation, y, map, "negation_is_assertion", 0)))
        return rc;
    yaml_node_t *rules = nf_yaml_get(y, map, "rules");
    if (!rules || rules->type != YAML_SEQUENCE_NODE || nf_yaml_seq_len(rules) == 0)
        return nf_yaml_error(y, rules ? rules : map, "claim '%s' needs a non-empty list "
                             "'rules'", id);
    uint32_t claim = 0;
    if ((rc = find_or_add_claim(&claim, c, id)))
        return rc;
    if (modal)
        c->r->claims[claim].flags |= NF_CLAIM_MODAL_IS_ASSERTION;
    if (negation)
        c->r->claims[claim].flags |= NF_CLAIM_NEGATION_IS_ASSERTION;
    for (size_t i = 0; i < nf_yaml_seq_len(rules); i++)
        if ((rc = compile_rule(c, y, nf_yaml_seq_at(y, rules, i), claim)))
            return rc;
    return NF_OK;
}

static int compile_clause_breaks(compiler *c, nf_yaml *y, yaml_node_t *seq)
{
    struct nf_claim_rules *r = c->r;
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'clause_breaks' must be a list");
    for (size_t i = 0; i < nf_yaml_seq_len(seq); i++) {
        yaml_node_t *n = nf_yaml_seq_at(y, seq, i);
        const char *t = nf_yaml_scalar(n);
        if (!t || !*t)
            return nf_yaml_error(y, n, "empty clause break");
        int word = 0;
        for (const char *p = t; *p; p++)
            if (isalnum((unsigned char)*p))
                word = 1;
        if (word) {
            uint32_t *v = realloc(r->break_words, (r->nbreak_words + 1) * sizeof *v);
            if (!v)
                return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
            r->break_words = v;
            char key[256];
            snprintf(key, sizeof key, "x\x1f%s", t);
            for (char *p = key + 2; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            int rc = nf_claim_termtab_intern(&v[r->nbreak_words], &r->terms, key);
            if (rc)
                return rc;
            r->nbreak_words++;
        } else {
            char **v = realloc(r->break_marks, (r->nbreak_marks + 1) * sizeof *v);
            if (!v)
                return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
            r->break_marks = v;
            if (!(v[r->nbreak_marks] = strdup(t)))
                return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
            r->nbreak_marks++;
        }
    }
    return NF_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The claims/ *.yaml files of DIR, sorted.  No folder: none. */
static int list_files(char ***out, size_t *n, const char *dir)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? NF_OK
                               : nf_set_error(NF_EIO, "%s: cannot open: %s", dir, strerror(errno));
    struct dirent *e;
    size_t cap = 0;
    int rc = NF_OK;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            char **v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = nf_set_error(NF_ENOMEM, "out of memory listing %s", dir);
                break;
            }
            *out = v;
        }
        size_t plen = strlen(dir) + len + 2;
        if (!((*out)[*n] = malloc(plen))) {
            rc = nf_set_error(NF_ENOMEM, "out of memory listing %s", dir);
            break;
        }
        snprintf((*out)[*n], plen, "%s/%s", dir, e->d_name);
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_str);
    return rc;
}

/* First pass over a file: top-level keys and its named lists. */
static int collect_lists(compiler *c, nf_yaml *y)
{
    static const char *const top_keys[] = {"claims", "lists", "clause_breaks",
                                           "common_words", "description", NULL};
    yaml_node_t *root = nf_yaml_root(y);
    if (root->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, root, "a claims file must be a map (claims:, lists:, "
                             "clause_breaks:)");
    int rc = nf_yaml_check_keys(y, root, "a claims file", top_keys);
    if (rc)
        return rc;
    yaml_node_t *common = nf_yaml_get(y, root, "common_words");
    if (common && (rc = compile_common_words(c, y, common)))
        return rc;
    yaml_node_t *lists = nf_yaml_get(y, root, "lists");
    if (!lists)
        return NF_OK;
    if (lists->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, lists, "'lists' must be a map of name: [alternatives]");
    size_t n = nf_yaml_map_len(lists);
    named_list *v = realloc(c->lists, (c->nlists + n) * sizeof *v);
    if (!v && n)
        return nf_set_error(NF_ENOMEM, "out of memory compiling claim rules");
    c->lists = v;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k = nf_yaml_map_key(y, lists, i);
        const char *name = nf_yaml_scalar(k);
        if (!name || !*name)
            return nf_yaml_error(y, k, "a list needs a name");
        named_list *prev = find_list(c, name);
        if (prev)
            return nf_yaml_error(y, k, "list '%s' is defined twice (also %s:%u)", name,
                                 prev->y->path, nf_yaml_line(prev->node));
        yaml_node_t *val = nf_yaml_map_value(y, lists, i);
        if (val->type == YAML_MAPPING_NODE)
            return nf_yaml_error(y, val, "list '%s' must be a list of alternatives", name);
        if (val->type == YAML_SEQUENCE_NODE && nf_yaml_seq_len(val) == 0)
            return nf_yaml_error(y, val, "list '%s' is empty", name);
        c->lists[c->nlists++] = (named_list){name, y, val, 0};
    }
    return NF_OK;
}

static int compile_file(compiler *c, nf_yaml *y)
{
    yaml_node_t *root = nf_yaml_root(y);
    yaml_node_t *breaks = nf_yaml_get(y, root, "clause_breaks");
    int rc = breaks ? compile_clause_breaks(c, y, breaks) : NF_OK;
    if (rc)
        return rc;
    yaml_node_t *claims = nf_yaml_get(y, root, "claims");
    if (!claims)
        return NF_OK;
    if (claims->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, claims, "'claims' must be a list of claims");
    for (size_t i = 0; i < nf_yaml_seq_len(claims); i++)
        if ((rc = compile_claim(c, y, nf_yaml_seq_at(y, claims, i))))
            return rc;
    return NF_OK;
}

void nf_claim_rules_free(struct nf_claim_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nclaims; i++)
        free(r->claims[i].id);
    free(r->claims);
    for (size_t i = 0; i < r->nrules; i++)
        rule_free(&r->rules[i]);
    free(r->rules);
    nf_claim_termtab_free(&r->terms);
    free(r->break_words);
    for (size_t i = 0; i < r->nbreak_marks; i++)
        free(r->break_marks[i]);
    free(r->break_marks);
    free(r->language);
    free(r);
}

int nf_claim_rules_load(struct nf_claim_rules **out, const nf_schema *s,
                        const char *schema_dir)
{
    *out = NULL;
    compiler c = {0};
    const char *language = s && s->language ? s->language : "english";
    static atomic_uint_fast64_t serials;
    c.s = s;
    c.r = calloc(1, sizeof *c.r);
    if (c.r)
        c.r->serial = (uint64_t)atomic_fetch_add(&serials, 1) + 1;
    if (!c.r || !(c.r->language = strdup(language))) {
        free(c.r);
        return nf_set_error(NF_ENOMEM, "out of memory loading claim rules");
    }
    if (nf_stemmer_new(&c.stemmer, language)) {
        nf_claim_rules_free(c.r);
        return nf_wrap_error(NF_ESCHEMA, "%s: claim rules", schema_dir);
    }
    size_t dlen = strlen(schema_dir) + sizeof "/claims";
    char *dir = malloc(dlen);
    char **files = NULL;
    size_t nfiles = 0;
    int rc = dir ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory loading claim rules");
    if (!rc) {
        snprintf(dir, dlen, "%s/claims", schema_dir);
        rc = list_files(&files, &nfiles, dir);
    }
    if (!rc && nfiles && !(c.docs = calloc(nfiles, sizeof *c.docs)))
        rc = nf_set_error(NF_ENOMEM, "out of memory loading claim rules");
    /* every file's lists first, so any file may use any list */
    for (size_t i = 0; i < nfiles && !rc; i++) {
        rc = nf_yaml_load(&c.docs[i], files[i]);
        if (!rc) {
            c.ndocs = i + 1;
            rc = collect_lists(&c, c.docs[i]);
        }
    }
    for (size_t i = 0; i < c.ndocs && !rc; i++)
        rc = compile_file(&c, c.docs[i]);
    for (size_t i = 0; i < c.ndocs; i++)
        nf_yaml_free(c.docs[i]);
    free(c.docs);
    free(c.lists);
    free(c.common);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(dir);
    nf_stemmer_free(c.stemmer);
    if (rc) {
        nf_claim_rules_free(c.r);
        return rc;
    }
    *out = c.r;
    return NF_OK;
}

size_t nf_claim_rules_nclaims(const struct nf_claim_rules *r)
{
    return r ? r->nclaims : 0;
}

size_t nf_claim_rules_nrules(const struct nf_claim_rules *r)
{
    return r ? r->nrules : 0;
}

const char *nf_claim_rules_claim_id(const struct nf_claim_rules *r, size_t i)
{
    return r && i < r->nclaims ? r->claims[i].id : NULL;
}
