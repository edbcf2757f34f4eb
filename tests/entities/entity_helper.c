/* See entity_helper.h. */
#include "entity_helper.h"
#include "analyse/nf_entities.h"
#include "analyse/nf_tokenise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int helper_tag(nf_analysis **out, const struct nf_gazetteer *g, const char *text)
{
    nf_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return -1;
    int rc = nf_tokenise(&a->tokens, text, strlen(text), NULL);
    if (!rc)
        rc = nf_entities_find_with(a, g);
    *out = a;
    return rc;
}

void helper_analysis_free(nf_analysis *a)
{
    if (!a)
        return;
    nf_tokens_free(&a->tokens);
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
