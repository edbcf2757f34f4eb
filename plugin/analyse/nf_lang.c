/* Loading language.yaml: the word lists sentence splitting consults. */
#include "analyse/nf_lang.h"

#include <stdlib.h>
#include <string.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

/* Longest abbreviation the tokeniser looks back for (bytes). */
#define NF_ABBREV_MAX_BYTES 32

typedef struct word_list {
    char **v;       /* sorted by (length, bytes) */
    size_t n;
} word_list;

struct nf_lang {
    word_list never_final;   /* abbreviations */
    word_list may_end;       /* final_abbreviations */
    word_list starters;      /* sentence_starters */
};

static void list_free(word_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void nf_lang_free(struct nf_lang *lang)
{
    if (!lang)
        return;
    list_free(&lang->never_final);
    list_free(&lang->may_end);
    list_free(&lang->starters);
    free(lang);
}

/* Order by length first: lookups then compare lengths before bytes. */
static int cmp_words(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return memcmp(x, y, lx);
}

static int list_has(const word_list *l, const char *w, size_t n)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *m = l->v[mid];
        size_t lm = strlen(m);
        int c = lm != n ? (lm < n ? -1 : 1) : memcmp(m, w, n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Read the sequence under KEY into L.  ABBREV: entries must end in
 * sentence punctuation (what the tokeniser looks up ends with it). */
static int load_list(word_list *l, nf_yaml *y, yaml_node_t *seq,
                     const char *key, int abbrev)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'%s' must be a list of words", key);
    size_t n = nf_yaml_seq_len(seq);
    l->v = calloc(n ? n : 1, sizeof *l->v);
    if (!l->v)
        return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        const char *w = nf_yaml_scalar(item);
        if (!w || !*w)
            return nf_yaml_error(y, item, "'%s': item %zu must be a non-empty word", key, i + 1);
        size_t len = strlen(w);
        if (strpbrk(w, " \t\r\n"))
            return nf_yaml_error(y, item, "'%s': '%s' must not contain blanks", key, w);
        if (abbrev) {
            if (len > NF_ABBREV_MAX_BYTES)
                return nf_yaml_error(y, item, "'%s': '%s' is longer than %d bytes", key, w,
                                     NF_ABBREV_MAX_BYTES);
            char last = w[len - 1];
            if (last != '.' && last != '!' && last != '?')
                return nf_yaml_error(y, item, "'%s': '%s' must end with '.', '!' or '?'", key, w);
        }
        if (!(l->v[l->n] = strdup(w)))
            return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
        l->n++;
    }
    qsort(l->v, l->n, sizeof *l->v, cmp_words);
    return NF_OK;
}

int nf_lang_load_file(struct nf_lang **out, const char *path)
{
    *out = NULL;
    nf_yaml *y;
    int rc = nf_yaml_load(&y, path);
    if (rc)
        return rc;
    struct nf_lang *lang = calloc(1, sizeof *lang);
    if (!lang) {
        nf_yaml_free(y);
        return nf_set_error(NF_ENOMEM, "%s: out of memory", path);
    }
    yaml_node_t *root = nf_yaml_root(y);
    if (root->type != YAML_MAPPING_NODE) {
        rc = nf_yaml_error(y, root, "expected a map with keys abbreviations, "
                                    "final_abbreviations, sentence_starters");
    }
    for (size_t i = 0; rc == NF_OK && i < nf_yaml_map_len(root); i++) {
        yaml_node_t *k = nf_yaml_map_key(y, root, i);
        yaml_node_t *v = nf_yaml_map_value(y, root, i);
        const char *key = nf_yaml_scalar(k);
        word_list *dst = NULL;
        int abbrev = 1;
        if (key && strcmp(key, "abbreviations") == 0)
            dst = &lang->never_final;
        else if (key && strcmp(key, "final_abbreviations") == 0)
            dst = &lang->may_end;
        else if (key && strcmp(key, "sentence_starters") == 0) {
            dst = &lang->starters;
            abbrev = 0;
        }
        if (!dst)
            rc = nf_yaml_error(y, k, "unknown key '%s' (expected abbreviations, "
                                     "final_abbreviations or sentence_starters)",
                               key ? key : "?");
        else if (dst->v)
            rc = nf_yaml_error(y, k, "'%s' given twice", key);
        else
            rc = load_list(dst, y, v, key, abbrev);
    }
    nf_yaml_free(y);
    if (rc) {
        nf_lang_free(lang);
        return rc;
    }
    *out = lang;
    return NF_OK;
}

int nf_lang_load(struct nf_lang **out, const char *schema_dir)
{
    *out = NULL;
    nf_buf path = NF_BUF_INIT;
    int rc = nf_buf_printf(&path, "%s/language.yaml", schema_dir);
    if (rc == NF_OK)
        rc = nf_lang_load_file(out, path.data);
    nf_buf_free(&path);
    return rc;
}

nf_abbrev_kind nf_lang_abbrev(const struct nf_lang *lang, const char *word,
                              size_t n)
{
    if (!lang || n == 0 || n > NF_ABBREV_MAX_BYTES)
        return NF_ABBREV_NONE;
    if (list_has(&lang->never_final, word, n))
        return NF_ABBREV_NEVER_FINAL;
    if (list_has(&lang->may_end, word, n))
        return NF_ABBREV_MAY_END;
    /* A capitalised form ("E.g.", "Vs.") matches its lower-case entry. */
    if (word[0] >= 'A' && word[0] <= 'Z') {
        char low[NF_ABBREV_MAX_BYTES];
        memcpy(low, word, n);
        low[0] = (char)(low[0] | 0x20);
        if (list_has(&lang->never_final, low, n))
            return NF_ABBREV_NEVER_FINAL;
        if (list_has(&lang->may_end, low, n))
            return NF_ABBREV_MAY_END;
    }
    return NF_ABBREV_NONE;
}

int nf_lang_is_starter(const struct nf_lang *lang, const char *word, size_t n)
{
    return lang && list_has(&lang->starters, word, n);
}
