/* See entity_helper.h. */
#include "entity_helper.h"
#include "analyse/nf_entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Until the tokeniser lands: tokens are runs of non-space bytes, sentences
 * end after ". ". Entity matching reads the text itself; tokens only give
 * indices and sentence numbers. */
static int simple_tokenise(nf_tokens *t, const char *text, size_t len)
{
    memset(t, 0, sizeof *t);
    t->text = text;
    t->text_len = len;
    size_t cap = len / 2 + 2;
    t->v = calloc(cap, sizeof *t->v);
    t->sentences = calloc(cap, sizeof *t->sentences);
    t->terms = calloc(1, 1);
    if (!t->v || !t->sentences || !t->terms)
        return -1;
    uint32_t sentence = 0;
    size_t i = 0, first = 0;
    while (i < len) {
        while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t s = i;
        while (i < len && text[i] != ' ' && text[i] != '\n' && text[i] != '\t')
            i++;
        nf_token *tok = &t->v[t->n++];
        tok->start = (uint32_t)s;
        tok->end = (uint32_t)i;
        tok->sentence = sentence;
        if (text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?') {
            t->sentences[sentence].tok_first = (uint32_t)first;
            t->sentences[sentence].tok_count = (uint32_t)(t->n - first);
            sentence++;
            first = t->n;
        }
    }
    t->nsentences = sentence + (first < t->n);
    return 0;
}

int helper_tag(nf_analysis **out, const struct nf_gazetteer *g, const char *text)
{
    nf_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return -1;
    int rc = simple_tokenise(&a->tokens, text, strlen(text));
    if (!rc)
        rc = nf_entities_find_with(a, g);
    *out = a;
    return rc;
}

void helper_analysis_free(nf_analysis *a)
{
    if (!a)
        return;
    free(a->tokens.v);
    free(a->tokens.sentences);
    free(a->tokens.terms);
    free(a->mentions);
    free(a);
}

static int cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

const char *helper_tags(const struct nf_gazetteer *g, const char *text, const char *only)
{
    static char out[4096];
    out[0] = '\0';
    nf_analysis *a;
    if (helper_tag(&a, g, text) != 0) {
        helper_analysis_free(a);
        return "ERROR";
    }
    char **v = calloc(a->nmentions + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < a->nmentions; i++) {
        char buf[256];
        if (only) {
            char pad[128];
            snprintf(pad, sizeof pad, " %s ", a->mentions[i].list);
            char lists[512];
            snprintf(lists, sizeof lists, " %s ", only);
            if (!strstr(lists, pad))
                continue;
        }
        snprintf(buf, sizeof buf, "%s:%s", a->mentions[i].list, a->mentions[i].id);
        v[n++] = strdup(buf);
    }
    qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(v[i], v[i - 1]) == 0)
            continue;
        if (out[0])
            strcat(out, " ");
        strncat(out, v[i], sizeof out - strlen(out) - 1);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
    helper_analysis_free(a);
    return out;
}

const char *helper_source_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("NF_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
    return buf;
}
