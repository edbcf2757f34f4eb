/* JSON-LD (schema.org) article metadata, read with jansson. */
#include "read/nf_html_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"

/* How deep to look through @graph, arrays and mainEntity for the article:
 * real pages nest it two or three levels at most. */
#define JSONLD_MAX_DEPTH 6

/* schema.org article types: Article, NewsArticle and its subtypes
 * (ReportageNewsArticle, AnalysisNewsArticle, ...).  Types may be written
 * as full IRIs ("https://schema.org/NewsArticle") or prefixed names. */
static int is_article_type_name(const char *type)
{
    const char *slash = strrchr(type, '/');
    const char *colon = strrchr(type, ':');
    const char *name = slash ? slash + 1 : colon ? colon + 1 : type;
    size_t n = strlen(name), s = strlen("NewsArticle");
    return strcmp(name, "Article") == 0 ||
           (n >= s && strcmp(name + n - s, "NewsArticle") == 0);
}

static int is_article(json_t *obj)
{
    json_t *type = json_object_get(obj, "@type");
    if (json_is_string(type))
        return is_article_type_name(json_string_value(type));
    size_t i;
    json_t *t;
    json_array_foreach(type, i, t) {
        if (json_is_string(t) && is_article_type_name(json_string_value(t)))
            return 1;
    }
    return 0;
}

static json_t *find_article(json_t *node, int depth)
{
    if (depth > JSONLD_MAX_DEPTH)
        return NULL;
    if (json_is_array(node)) {
        size_t i;
        json_t *item, *found;
        json_array_foreach(node, i, item) {
            if ((found = find_article(item, depth + 1)))
                return found;
        }
        return NULL;
    }
    if (!json_is_object(node))
        return NULL;
    if (is_article(node))
        return node;
    json_t *found = find_article(json_object_get(node, "@graph"), depth + 1);
    return found ? found : find_article(json_object_get(node, "mainEntity"), depth + 1);
}

/* A name given as a string, an object with "name", or a list of those
 * (joined with ", "). */
static int names(nf_buf *out, json_t *v)
{
    if (json_is_string(v)) {
        if (out->len && nf_buf_append(out, ", ", 2))
            return NF_ENOMEM;
        return nf_buf_puts(out, json_string_value(v));
    }
    if (json_is_object(v)) {
        json_t *name = json_object_get(v, "name");
        return json_is_string(name) ? names(out, name) : NF_OK;
    }
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (!json_is_array(item) && names(out, item))
            return NF_ENOMEM;
    }
    return NF_OK;
}

static int offer_names(char **field, json_t *v)
{
    nf_buf b = NF_BUF_INIT;
    int rc = names(&b, v);
    if (rc == NF_OK && b.len)
        rc = nf_meta_offer(field, b.data, b.len);
    nf_buf_free(&b);
    return rc;
}

static int offer_string(char **field, json_t *v)
{
    if (json_is_object(v)) /* mainEntityOfPage: {"@id": url} */
        v = json_object_get(v, "@id");
    return json_is_string(v)
        ? nf_meta_offer(field, json_string_value(v), json_string_length(v))
        : NF_OK;
}

/* articleBody as given, lines trimmed, blank lines dropped: the same
 * one-paragraph-per-line shape as text taken from the markup. */
static int article_body(nf_buf *body, json_t *v)
{
    if (!json_is_string(v) || body->len)
        return NF_OK;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        char *line = NULL;
        int rc = nf_meta_offer(&line, s + i, end - i);
        if (rc == NF_OK && line && body->len)
            rc = nf_buf_putc(body, '\n');
        if (rc == NF_OK && line)
            rc = nf_buf_puts(body, line);
        free(line);
        if (rc)
            return rc;
        i = end + 1;
    }
    return NF_OK;
}

int nf_jsonld_scan(nf_meta *out, nf_buf *body, const char *json, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(json, len, 0, &err);
    if (!root)
        return NF_OK;
    json_t *a = find_article(root, 0);
    int rc = NF_OK;
    if (a) {
        json_t *publisher = json_object_get(a, "publisher");
        if (json_is_array(publisher))
            publisher = json_array_get(publisher, 0);
        rc = offer_string(&out->title, json_object_get(a, "headline"));
        if (rc == NF_OK)
            rc = offer_names(&out->source, publisher);
        if (rc == NF_OK)
            rc = offer_names(&out->author, json_object_get(a, "author"));
        if (rc == NF_OK)
            rc = offer_string(&out->published, json_object_get(a, "datePublished"));
        if (rc == NF_OK)
            rc = offer_string(&out->url, json_object_get(a, "url"));
        if (rc == NF_OK)
            rc = offer_string(&out->url, json_object_get(a, "mainEntityOfPage"));
        if (rc == NF_OK)
            rc = article_body(body, json_object_get(a, "articleBody"));
    }
    json_decref(root);
    return rc;
}
