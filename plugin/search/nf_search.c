/* Faceted search: the query, the selections, the hits page and exact
 * counts per facet with multi-select (tag/exclude) semantics. */
#include <newsfacet/nf_search.h>
#include "nf_facet_counts.h"
#include "nf_query.h"
#include "nf_searcher_internal.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "index/nf_document.h"
#include "schema/nf_schema.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct nf_searcher {
    const nf_schema *schema;
    char *path;
    nf_xdb *db;
    nf_query_lang *ql;
    char *warning;
};

typedef struct result_facet {
    const char *name;          /* schema memory, or "published" */
    nf_facet_counts counts;
} result_facet;

typedef struct hit_store {
    nf_hit hit;
    char *fields;              /* the document data, split in place */
    char *snippet;
} hit_store;

struct nf_search_result {
    unsigned total;
    double took_ms;
    hit_store *hits;
    size_t nhits;
    result_facet *facets;
    size_t nfacets;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int check_schema(nf_searcher *s)
{
    char *built = NULL;
    int rc = nf_xdb_get_metadata(&built, s->db, "newsfacet.schema");
    if (rc)
        return rc;
    free(s->warning);
    s->warning = NULL;
    if (built[0] && strcmp(built, s->schema->id) != 0) {
        nf_buf b = NF_BUF_INIT;
        nf_buf_printf(&b, "%s was built with schema %s, searching with schema %s: "
                      "facets may not match", s->path, built, s->schema->id);
        s->warning = nf_buf_detach(&b);
    }
    free(built);
    return NF_OK;
}

NF_API int nf_searcher_open(nf_searcher **out, const char *db_path, const nf_schema *schema)
{
    *out = NULL;
    nf_searcher *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(db_path))) {
        free(s);
        return nf_set_error(NF_ENOMEM, "out of memory opening %s", db_path);
    }
    s->schema = schema;
    int rc = nf_xdb_open(&s->db, db_path);
    if (!rc)
        rc = check_schema(s);
    if (!rc)
        rc = nf_query_lang_new(&s->ql, schema, s->db);
    if (rc) {
        nf_searcher_free(s);
        return rc;
    }
    *out = s;
    return NF_OK;
}

NF_API void nf_searcher_free(nf_searcher *s)
{
    if (!s)
        return;
    nf_query_lang_free(s->ql);
    nf_xdb_free(s->db);
    free(s->warning);
    free(s->path);
    free(s);
}

nf_xdb *nf_searcher_xdb(nf_searcher *s)
{
    return s->db;
}

const nf_schema *nf_searcher_schema(const nf_searcher *s)
{
    return s->schema;
}

NF_API const char *nf_searcher_warning(const nf_searcher *s)
{
    return s->warning;
}

NF_API int nf_searcher_reopen(nf_searcher *s)
{
    int changed = 0;
    int rc = nf_xdb_reopen(s->db, &changed);
    if (!rc && changed)
        rc = check_schema(s);
    return rc;
}

/* ---- selections -------------------------------------------------------- */

/* The selections grouped by facet: values of one facet OR together. */
typedef struct selection {
    nf_xquery **by_facet;      /* schema->nfacets + 1 (last: published) */
} selection;

static int build_selection(selection *sel, nf_searcher *s, const nf_search_request *req)
{
    size_t n = s->schema->nfacets + 1;
    sel->by_facet = calloc(n, sizeof *sel->by_facet);
    if (!sel->by_facet)
        return nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < req->nfilters; i++) {
        nf_xquery *q = NULL, *merged = NULL;
        int facet;
        int rc = nf_query_filter(&q, &facet, s->ql, req->filters[i]);
        if (rc)
            return rc;
        size_t slot = facet < 0 ? n - 1 : (size_t)facet;
        nf_xquery *pair[2] = {sel->by_facet[slot], q};
        if (sel->by_facet[slot]) {
            rc = nf_xquery_combine(&merged, NF_XQUERY_OR, pair, 2);
            nf_xquery_free(sel->by_facet[slot]);
            nf_xquery_free(q);
            if (rc)
                return rc;
            sel->by_facet[slot] = merged;
        } else {
            sel->by_facet[slot] = q;
        }
    }
    return NF_OK;
}

static void free_selection(selection *sel, size_t n)
{
    if (!sel->by_facet)
        return;
    for (size_t i = 0; i < n; i++)
        nf_xquery_free(sel->by_facet[i]);
    free(sel->by_facet);
}

/* TEXT filtered by every selection except facet EXCLUDE (-1: none). */
static int filtered_query(nf_xquery **out, nf_xquery *text, const selection *sel,
                          size_t n, long exclude)
{
    nf_xquery **parts = calloc(n + 1, sizeof *parts);
    if (!parts)
        return nf_set_error(NF_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if ((long)i != exclude && sel->by_facet[i])
            parts[k++] = sel->by_facet[i];
    nf_xquery *filters = NULL, *all = NULL;
    int rc = NF_OK;
    if (k)
        rc = nf_xquery_combine(&filters, NF_XQUERY_AND, parts, k);
    free(parts);
    if (rc)
        return rc;
    if (text && filters) {
        nf_xquery *pair[2] = {text, filters};
        rc = nf_xquery_combine(out, NF_XQUERY_FILTER, pair, 2);
        nf_xquery_free(filters);
        return rc;
    }
    if (text)
        return nf_xquery_combine(out, NF_XQUERY_AND, &text, 1);
    if (filters) {
        *out = filters;
        return NF_OK;
    }
    rc = nf_xquery_match_all(&all);
    *out = all;
    return rc;
}

/* ---- counting ------------------------------------------------------------ */

typedef struct facet_job {
    long schema_index;         /* -1: published (by month) */
    const char *name;
    int slot;
    nf_xspy *spy;
} facet_job;

static int wants(const nf_search_request *req, const char *name)
{
    if (!req->facets)
        return 1;
    for (size_t i = 0; i < req->nfacets; i++)
        if (strcmp(req->facets[i], name) == 0)
            return 1;
    return 0;
}

/* Number facets list their buckets in schema order, not by count. */
static void order_buckets(nf_facet_counts *fc, const nf_facet_def *f)
{
    nf_value_count *ordered = calloc(fc->n ? fc->n : 1, sizeof *ordered);
    if (!ordered)
        return;
    size_t k = 0;
    for (size_t b = 0; b < f->nbuckets; b++)
        for (size_t i = 0; i < fc->n; i++)
            if (fc->v[i].value && strcmp(fc->v[i].value, f->buckets[b].name) == 0) {
                ordered[k++] = fc->v[i];
                fc->v[i].value = NULL;
            }
    for (size_t i = 0; i < fc->n; i++)
        if (fc->v[i].value)
            ordered[k++] = fc->v[i];
    free(fc->v);
    fc->v = ordered;
    fc->cap = fc->n ? fc->n : 1;
}

static int run_enquire(nf_xmset **ms, nf_searcher *s, nf_xquery *q, facet_job *jobs,
                       size_t njobs, unsigned first, unsigned max, int sort)
{
    nf_xenquire *enq = NULL;
    unsigned doccount = 0;
    int rc = nf_xdb_doccount(s->db, &doccount);
    if (!rc)
        rc = nf_xenquire_new(&enq, s->db);
    if (!rc)
        rc = nf_xenquire_set_query(enq, q);
    if (!rc && sort == NF_SORT_DATE)
        rc = nf_xenquire_set_sort_by_value(enq, NF_SLOT_DATE, 1);
    else if (!rc)
        rc = nf_xenquire_set_sort_by_relevance_then_value(enq, NF_SLOT_ID, 0);
    for (size_t i = 0; i < njobs && !rc; i++)
        rc = nf_xenquire_add_spy(enq, jobs[i].spy);
    /* check_at_least = doccount: every match is seen, so the total and the
     * counts are exact, not estimates. */
    if (!rc)
        rc = nf_xenquire_get_mset(ms, enq, first, max, doccount);
    nf_xenquire_free(enq);
    return rc;
}

/* ---- hits ---------------------------------------------------------------- */

/* Point the hit's fields at the "key=value" lines of the document data. */
static void parse_fields(hit_store *h)
{
    nf_hit *hit = &h->hit;
    hit->id = hit->title = hit->source = hit->published = hit->url = "";
    hit->evidence = "[]";
    for (char *line = h->fields; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = '\0';
            const char *v = eq + 1;
            if (!strcmp(line, "id")) hit->id = v;
            else if (!strcmp(line, "caption")) hit->title = v;
            else if (!strcmp(line, "source")) hit->source = v;
            else if (!strcmp(line, "published")) hit->published = v;
            else if (!strcmp(line, "url")) hit->url = v;
            else if (!strcmp(line, "evidence")) hit->evidence = v;
        }
        line = nl ? nl + 1 : NULL;
    }
}

static int collect_hits(nf_search_result *r, nf_xmset *ms, const nf_searcher *s,
                        int snippets)
{
    size_t n = nf_xmset_size(ms);
    r->hits = calloc(n ? n : 1, sizeof *r->hits);
    if (!r->hits)
        return nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        hit_store *h = &r->hits[i];
        nf_xdoc *doc = NULL;
        const char *data;
        size_t len;
        int rc = nf_xmset_get(ms, i, &h->hit.docid, &h->hit.score, &doc);
        if (!rc)
            rc = nf_xdoc_get_data(&data, &len, doc);
        if (!rc && !(h->fields = malloc(len + 1)))
            rc = nf_set_error(NF_ENOMEM, "out of memory");
        if (rc) {
            nf_xdoc_free(doc);
            return rc;
        }
        memcpy(h->fields, data, len);
        h->fields[len] = '\0';
        /* The snippet source: title, sample and the evidence sentences. */
        char *sample = strstr(h->fields, "\nsample=");
        nf_buf text = NF_BUF_INIT;
        if (snippets && sample) {
            size_t sl = strcspn(sample + 8, "\n");
            nf_buf_append(&text, sample + 8, sl);
        }
        nf_xdoc_free(doc);
        r->nhits++;
        parse_fields(h);
        if (snippets && text.len)
            nf_xmset_snippet(&h->snippet, ms, text.data, 200, s->schema->language);
        nf_buf_free(&text);
        h->hit.snippet = h->snippet ? h->snippet : "";
    }
    return NF_OK;
}

NF_API int nf_search(nf_search_result **out, nf_searcher *s, const nf_search_request *req)
{
    *out = NULL;
    if (!req || req->version != NF_SEARCH_REQUEST_VERSION)
        return nf_set_error(NF_EINVAL, "nf_search_request version %d is not %d",
                            req ? req->version : -1, NF_SEARCH_REQUEST_VERSION);
    double t0 = now_ms();
    const nf_schema *schema = s->schema;
    size_t nsel = schema->nfacets + 1;
    nf_search_result *r = calloc(1, sizeof *r);
    facet_job *jobs = calloc(nsel, sizeof *jobs);
    selection sel = {NULL};
    nf_xquery *text = NULL, *main_q = NULL;
    nf_xmset *ms = NULL;
    if (!r || !jobs) {
        free(r);
        free(jobs);
        return nf_set_error(NF_ENOMEM, "out of memory");
    }
    int rc = nf_query_parse(&text, s->ql, req->query);
    if (!rc)
        rc = build_selection(&sel, s, req);
    if (!rc)
        rc = filtered_query(&main_q, text, &sel, nsel, -1);

    /* The facets to count, each with its spy. */
    size_t njobs = 0;
    for (size_t i = 0; i <= schema->nfacets && !rc; i++) {
        const char *name = i < schema->nfacets ? schema->facets[i].name : "published";
        int slot = i < schema->nfacets ? schema->facets[i].slot : NF_SLOT_DATE;
        if (slot < 0 || !wants(req, name))
            continue;
        facet_job *j = &jobs[njobs++];
        j->schema_index = i < schema->nfacets ? (long)i : -1;
        j->name = name;
        j->slot = slot;
        rc = nf_xspy_new_valuecount(&j->spy, (nf_valueno)slot);
    }
    /* Facets without a selection of their own are counted on the main
     * match, together with the hits page. */
    facet_job *shared = calloc(njobs ? njobs : 1, sizeof *shared);
    size_t nshared = 0;
    if (!shared && !rc)
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < njobs && !rc; i++) {
        size_t idx = jobs[i].schema_index < 0 ? nsel - 1 : (size_t)jobs[i].schema_index;
        if (!sel.by_facet[idx])
            shared[nshared++] = jobs[i];
    }
    unsigned limit = req->limit ? req->limit : 10;
    if (!rc)
        rc = run_enquire(&ms, s, main_q, shared, nshared, req->offset, limit, req->sort);
    free(shared);
    if (!rc) {
        unsigned lower, est, upper;
        rc = nf_xmset_matches(ms, &lower, &est, &upper);
        r->total = est;
    }
    if (!rc)
        rc = collect_hits(r, ms, s, req->snippets);
    /* A facet with its own selection is counted with that selection left
     * out, so its other values stay visible (multi-select). */
    for (size_t i = 0; i < njobs && !rc; i++) {
        size_t idx = jobs[i].schema_index < 0 ? nsel - 1 : (size_t)jobs[i].schema_index;
        if (!sel.by_facet[idx])
            continue;
        nf_xquery *q = NULL;
        nf_xmset *fms = NULL;
        rc = filtered_query(&q, text, &sel, nsel, (long)idx);
        if (!rc)
            rc = run_enquire(&fms, s, q, &jobs[i], 1, 0, 0, NF_SORT_RELEVANCE);
        nf_xmset_free(fms);
        nf_xquery_free(q);
    }
    if (!rc && !(r->facets = calloc(njobs ? njobs : 1, sizeof *r->facets)))
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < njobs && !rc; i++) {
        result_facet *f = &r->facets[r->nfacets++];
        f->name = jobs[i].name;
        int months = jobs[i].schema_index < 0;
        rc = nf_facet_counts_from_spy(&f->counts, jobs[i].spy, months);
        if (rc)
            break;
        const nf_facet_def *def = months ? NULL : &schema->facets[jobs[i].schema_index];
        int by_value = months || (def && def->kind == NF_FACET_NUMBER);
        nf_facet_counts_finish(&f->counts, by_value ? 0 : req->top_k, req->min_count, by_value);
        if (def && def->kind == NF_FACET_NUMBER)
            order_buckets(&f->counts, def);
    }
    for (size_t i = 0; i < njobs; i++)
        nf_xspy_free(jobs[i].spy);
    free(jobs);
    nf_xmset_free(ms);
    nf_xquery_free(main_q);
    nf_xquery_free(text);
    free_selection(&sel, nsel);
    if (rc) {
        nf_search_result_free(r);
        return rc;
    }
    r->took_ms = now_ms() - t0;
    *out = r;
    return NF_OK;
}

NF_API void nf_search_result_free(nf_search_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nhits; i++) {
        free(r->hits[i].fields);
        free(r->hits[i].snippet);
    }
    free(r->hits);
    for (size_t i = 0; i < r->nfacets; i++)
        nf_facet_counts_free(&r->facets[i].counts);
    free(r->facets);
    free(r);
}

NF_API unsigned nf_result_total(const nf_search_result *r) { return r->total; }
NF_API double nf_result_took_ms(const nf_search_result *r) { return r->took_ms; }
NF_API size_t nf_result_nhits(const nf_search_result *r) { return r->nhits; }

NF_API const nf_hit *nf_result_hit(const nf_search_result *r, size_t i)
{
    return i < r->nhits ? &r->hits[i].hit : NULL;
}

NF_API size_t nf_result_nfacets(const nf_search_result *r) { return r->nfacets; }

NF_API const char *nf_result_facet_name(const nf_search_result *r, size_t i)
{
    return i < r->nfacets ? r->facets[i].name : NULL;
}

NF_API size_t nf_result_facet_nvalues(const nf_search_result *r, size_t i)
{
    return i < r->nfacets ? r->facets[i].counts.n : 0;
}

NF_API int nf_result_facet_value(const char **value, unsigned *count,
                                 const nf_search_result *r, size_t i, size_t k)
{
    if (i >= r->nfacets || k >= r->facets[i].counts.n)
        return nf_set_error(NF_EINVAL, "no facet value %zu of facet %zu", k, i);
    *value = r->facets[i].counts.v[k].value;
    *count = r->facets[i].counts.v[k].count;
    return NF_OK;
}

NF_API int nf_search_result_json(char **out, const nf_search_result *r)
{
    json_t *o = json_object(), *hits = json_array(), *facets = json_object();
    json_object_set_new(o, "total", json_integer(r->total));
    json_object_set_new(o, "exact", json_true());
    json_object_set_new(o, "took_ms", json_real((double)(long)(r->took_ms * 1000) / 1000));
    for (size_t i = 0; i < r->nhits; i++) {
        const nf_hit *h = &r->hits[i].hit;
        json_t *jh = json_object();
        json_object_set_new(jh, "id", json_string(h->id));
        json_object_set_new(jh, "title", json_string(h->title));
        json_object_set_new(jh, "source", json_string(h->source));
        json_object_set_new(jh, "published", json_string(h->published));
        json_object_set_new(jh, "url", json_string(h->url));
        json_object_set_new(jh, "score", json_real(h->score));
        json_object_set_new(jh, "snippet", json_string(h->snippet));
        json_t *ev = json_loads(h->evidence, 0, NULL);
        json_object_set_new(jh, "claims", ev ? ev : json_array());
        json_array_append_new(hits, jh);
    }
    json_object_set_new(o, "hits", hits);
    for (size_t i = 0; i < r->nfacets; i++) {
        json_t *vals = json_array();
        for (size_t k = 0; k < r->facets[i].counts.n; k++) {
            json_t *v = json_object();
            json_object_set_new(v, "value", json_string(r->facets[i].counts.v[k].value));
            json_object_set_new(v, "count", json_integer(r->facets[i].counts.v[k].count));
            json_array_append_new(vals, v);
        }
        json_object_set_new(facets, r->facets[i].name, vals);
    }
    json_object_set_new(o, "facets", facets);
    *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return *out ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory writing JSON");
}
