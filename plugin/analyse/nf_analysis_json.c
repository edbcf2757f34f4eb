/* The JSON object `newsfacet analyze --json` prints for one article, as
 * ../shared/spec/default-schema.md defines it.  Built with jansson so the
 * output is valid JSON whatever the article holds. */
#include "nf_analysis.h"
#include "core/nf_error.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whole numbers print as integers (1000000000, not 1e9). */
static json_t *number(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *strset_array(const nf_strset *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && s && i < s->n; i++)
        json_array_append_new(arr, json_string(s->v[i]));
    return arr;
}

static json_t *text_span(const nf_analysis *a, uint32_t start, uint32_t end)
{
    if (end > a->article->text_len || start > end)
        return json_string("");
    return json_stringn(a->article->text + start, end - start);
}

static const char *qualifier_name(nf_qualifier q)
{
    switch (q) {
    case NF_QUAL_MORE_THAN: return "more-than";
    case NF_QUAL_LESS_THAN: return "less-than";
    case NF_QUAL_ABOUT: return "about";
    case NF_QUAL_NEARLY: return "nearly";
    case NF_QUAL_UP_TO: return "up-to";
    case NF_QUAL_AT_LEAST: return "at-least";
    case NF_QUAL_AT_MOST: return "at-most";
    case NF_QUAL_NONE: break;
    }
    return NULL;
}

/* "Identical values in one article are one value": the first occurrence
 * of each (kind, value, currency) is reported. */
static int seen_before(const nf_analysis *a, size_t i)
{
    const nf_amount *x = &a->amounts[i];
    for (size_t j = 0; j < i; j++) {
        const nf_amount *y = &a->amounts[j];
        if (y->kind == x->kind && y->value == x->value &&
            strcmp(y->currency, x->currency) == 0)
            return 1;
    }
    return 0;
}

static json_t *amounts_array(const nf_analysis *a, nf_amount_kind kind)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->namounts; i++) {
        const nf_amount *m = &a->amounts[i];
        if (m->kind != kind || seen_before(a, i))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "value", number(m->value));
        if (kind == NF_AMOUNT_MONEY) {
            json_object_set_new(o, "currency", json_string(m->currency));
            json_object_set_new(o, "usd", number(round(m->usd * 100) / 100));
        }
        json_object_set_new(o, "text", text_span(a, m->start, m->end));
        json_object_set_new(o, "start", json_integer(m->start));
        json_object_set_new(o, "end", json_integer(m->end));
        const char *q = qualifier_name(m->qualifier);
        if (q)
            json_object_set_new(o, "qualifier", json_string(q));
        if (m->range_end)
            json_object_set_new(o, "range", json_string(m->range_end == 1 ? "low" : "high"));
        if (m->points)
            json_object_set_new(o, "points", json_true());
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *claims_array(const nf_analysis *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->nclaims; i++) {
        const nf_claim_hit *c = &a->claims[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(c->claim));
        json_object_set_new(o, "stance", json_string(nf_stance_name(c->stance)));
        json_object_set_new(o, "cites", strset_array(&c->cites));
        json_object_set_new(o, "evidence", text_span(a, c->start, c->end));
        json_object_set_new(o, "start", json_integer(c->start));
        json_object_set_new(o, "end", json_integer(c->end));
        json_object_set_new(o, "rule", json_string(c->rule));
        if (c->cue)
            json_object_set_new(o, "cue", json_string(c->cue));
        if (c->nargs) {
            json_t *args = json_object();
            for (size_t k = 0; k < c->nargs; k++)
                json_object_set_new(args, c->args[k].name, json_string(c->args[k].value));
            json_object_set_new(o, "args", args);
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path ? path : "";
}

int nf_analysis_to_json(char **out, const nf_analysis *a)
{
    *out = NULL;
    const nf_article *art = a->article;
    json_t *o = json_object();
    json_t *facets = json_object();
    if (!o || !facets) {
        json_decref(o);
        json_decref(facets);
        return nf_set_error(NF_ENOMEM, "out of memory writing JSON");
    }
    json_object_set_new(o, "file", json_string(base_name(art->path)));
    json_object_set_new(o, "id", json_string(art->id ? art->id : ""));
    if (art->line)
        json_object_set_new(o, "line", json_integer((json_int_t)art->line));
    json_object_set_new(o, "title", json_string(art->title ? art->title : ""));
    if (art->url)
        json_object_set_new(o, "url", json_string(art->url));
    if (art->published)
        json_object_set_new(o, "published", json_string(art->published));
    if (art->author)
        json_object_set_new(o, "author", json_string(art->author));
    /* Term facets, in schema order; number facets appear as the money and
     * percent arrays below. */
    for (size_t i = 0; i < a->schema->nfacets; i++) {
        const nf_facet_def *f = &a->schema->facets[i];
        if (f->kind == NF_FACET_TERMS)
            json_object_set_new(facets, f->name,
                                strset_array(a->facet_values ? &a->facet_values[i] : NULL));
    }
    json_object_set_new(o, "facets", facets);
    json_object_set_new(o, "money", amounts_array(a, NF_AMOUNT_MONEY));
    json_object_set_new(o, "percent", amounts_array(a, NF_AMOUNT_PERCENT));
    json_object_set_new(o, "claims", claims_array(a));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return nf_set_error(NF_ENOMEM, "out of memory writing JSON");
    *out = s;
    return NF_OK;
}
