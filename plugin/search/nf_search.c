/* Faceted search: the query, the selections, the hits page and exact
 * counts per facet with multi-select (tag/exclude) semantics. */
#include <newsfacet/nf_search.h>
#include "nf_facet_columns.h"
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
    /* The facet values in memory (nf_facet_columns.h), read at the first
     * search of a revision; COLUMNS_STATE 0: not read yet, 1: read, -1:
     * the database cannot give them (remote shards): count with spies. */
    nf_facet_columns *columns;
    int columns_state;
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
    char *built = NULL, *layout = NULL;
    int rc = nf_xdb_get_metadata(&built, s->db, "newsfacet.schema");
    if (!rc)
        rc = nf_xdb_get_metadata(&layout, s->db, "newsfacet.layout");
    if (rc) {
        free(built);
        return rc;
    }
    free(s->warning);
    s->warning = NULL;
    nf_buf b = NF_BUF_INIT;
    if (built[0] && strcmp(built, s->schema->id) != 0)
        nf_buf_printf(&b, "%s was built with schema %s, searching with schema %s: "
                      "facets may not match", s->path, built, s->schema->id);
    /* Layout 2 changed the money and percent range terms: an older index
     * answers those ranges with nothing until it is indexed again. */
    if (layout[0] && strcmp(layout, NF_LAYOUT_VERSION) != 0)
        nf_buf_printf(&b, "%s%s has index layout %s, this newsfacet writes and reads layout %s: "
                      "run newsfacet index over it again (money: and percent: ranges "
                      "may find nothing until then)", b.len ? "; " : "", s->path, layout,
                      NF_LAYOUT_VERSION);
    if (b.len)
        s->warning = nf_buf_detach(&b);
    else
        nf_buf_free(&b);
    free(built);
    free(layout);
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
    nf_facet_columns_free(s->columns);
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
    if (!rc && changed) {
        nf_facet_columns_free(s->columns);
        s->columns = NULL;
        s->columns_state = 0;
        rc = check_schema(s);
    }
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

/* TEXT filtered by every selection except those of facet EXCLUDE (-1:
 * none) and of the facets flagged in SKIP (may be NULL). */
static int filtered_query(nf_xquery **out, nf_xquery *text, const selection *sel,
                          size_t n, long exclude, const char *skip)
{
    nf_xquery **parts = calloc(n + 1, sizeof *parts);
    if (!parts)
        return nf_set_error(NF_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if ((long)i != exclude && sel->by_facet[i] && !(skip && skip[i]))
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
    size_t sel_index;          /* its selection: the facet, or the last (published) */
    const char *name;
    int slot;
    nf_xspy *spy;              /* counting with spies */
    const nf_facet_column *col; /* counting from the columns */
    nf_facet_counts counts;
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

/* A page of hits for Q in the requested order.  EXACT: look at every
 * match (check_at_least = doccount) so that the spies' counts and the
 * match count are exact, not estimates; otherwise Xapian may stop as soon
 * as nothing left can enter the page. */
static int run_enquire(nf_xmset **ms, nf_searcher *s, nf_xquery *q, facet_job *jobs,
                       size_t njobs, unsigned first, unsigned max, int sort, int exact)
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
    if (!rc)
        rc = nf_xenquire_get_mset(ms, enq, first, max, exact ? doccount : 0);
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

/* ---- counting with match spies (remote shards) ------------------------ */

/* Each facet's joined slot counted by Xapian's ValueCountMatchSpy, which
 * xapian-tcpsrv runs on its side.  Facets without a selection of their own
 * are counted on the main match with the hits page; each facet with one is
 * counted on a match of its own with that selection left out. */
static int count_with_spies(nf_xmset **ms, unsigned *total, nf_searcher *s,
                            const nf_search_request *req, nf_xquery *text,
                            const selection *sel, facet_job *jobs, size_t njobs)
{
    size_t nsel = s->schema->nfacets + 1;
    nf_xquery *main_q = NULL;
    int rc = filtered_query(&main_q, text, sel, nsel, -1, NULL);
    facet_job *shared = calloc(njobs ? njobs : 1, sizeof *shared);
    size_t nshared = 0;
    if (!shared && !rc)
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < njobs && !rc; i++) {
        rc = nf_xspy_new_valuecount(&jobs[i].spy, (nf_valueno)jobs[i].slot);
        if (!rc && !sel->by_facet[jobs[i].sel_index])
            shared[nshared++] = jobs[i];
    }
    unsigned limit = req->limit ? req->limit : 10;
    if (!rc)
        rc = run_enquire(ms, s, main_q, shared, nshared, req->offset, limit, req->sort, 1);
    free(shared);
    nf_xquery_free(main_q);
    if (!rc) {
        unsigned lower, est, upper;
        rc = nf_xmset_matches(*ms, &lower, &est, &upper);
        *total = est;
    }
    for (size_t i = 0; i < njobs && !rc; i++) {
        if (!sel->by_facet[jobs[i].sel_index])
            continue;
        nf_xquery *q = NULL;
        nf_xmset *fms = NULL;
        rc = filtered_query(&q, text, sel, nsel, (long)jobs[i].sel_index, NULL);
        if (!rc)
            rc = run_enquire(&fms, s, q, &jobs[i], 1, 0, 0, NF_SORT_RELEVANCE, 1);
        nf_xmset_free(fms);
        nf_xquery_free(q);
    }
    for (size_t i = 0; i < njobs && !rc; i++) {
        rc = nf_facet_counts_from_spy(&jobs[i].counts, jobs[i].spy, jobs[i].sel_index == nsel - 1);
        nf_xspy_free(jobs[i].spy);
        jobs[i].spy = NULL;
    }
    return rc;
}

/* ---- counting from the facet columns (local databases) ----------------- */

typedef struct decide_ctx {
    facet_job *jobs;
    size_t njobs;
    const nf_facet_columns *cols;
    uint32_t *counts;          /* per value id of all columns */
    /* The selections of counted facets, each counted with itself left
     * out: the documents each matches, and the job it belongs to. */
    unsigned char **excl_bits;
    size_t *excl_job;
    size_t nexcl;
    unsigned char *mark;       /* decide_mark's bitmap */
    unsigned total;
    int stale;                 /* a docid past the columns: reopened under us */
} decide_ctx;

static int has_bit(const unsigned char *bits, nf_docid did)
{
    return bits[did >> 3] & (1u << (did & 7));
}

/* The document's docid in the columns' numbering (0: stale). */
static nf_docid column_docid(const decide_ctx *c, nf_docid did, const char *key, size_t len)
{
    if (c->cols->key_slot >= 0)
        did = key ? nf_facet_columns_docid(c->cols, key, len) : 0;
    return did && did <= c->cols->lastdocid ? did : 0;
}

static void count_all(decide_ctx *c, nf_docid did)
{
    nf_facet_columns_count(c->cols, did, c->counts);
    c->total++;
}

static int decide_count_all(void *vctx, nf_docid did, const char *key, size_t len)
{
    decide_ctx *c = vctx;
    if (!(did = column_docid(c, did, key, len))) {
        c->stale = 1;
        return 0;
    }
    count_all(c, did);
    return 0;
}

/* Solr's tag/exclude in one pass: a document that passes every selection
 * is a hit and counts for every facet; one that fails exactly one
 * selection counts only for that selection's facet. */
static int decide_multi(void *vctx, nf_docid did, const char *key, size_t len)
{
    decide_ctx *c = vctx;
    if (!(did = column_docid(c, did, key, len))) {
        c->stale = 1;
        return 0;
    }
    size_t failed = c->nexcl;
    for (size_t e = 0; e < c->nexcl; e++) {
        if (!has_bit(c->excl_bits[e], did)) {
            if (failed != c->nexcl)
                return 0;
            failed = e;
        }
    }
    if (failed == c->nexcl) {
        count_all(c, did);
        return 0;
    }
    nf_facet_column_count(c->jobs[c->excl_job[failed]].col, did, c->counts);
    return 0;
}

static int decide_mark(void *vctx, nf_docid did, const char *key, size_t len)
{
    decide_ctx *c = vctx;
    if (!(did = column_docid(c, did, key, len)))
        c->stale = 1;
    else
        c->mark[did >> 3] |= (unsigned char)(1u << (did & 7));
    return 0;
}

/* Visit every match of Q with CB, which counts and keeps nothing: with
 * boolean weights, docid order and an empty page, Xapian does little
 * more per match than step its posting lists. */
static int run_count(nf_searcher *s, nf_xquery *q, nf_decide_cb cb, decide_ctx *ctx)
{
    nf_xenquire *enq = NULL;
    nf_xmset *none = NULL;
    unsigned doccount = 0;
    int rc = nf_xdb_doccount(s->db, &doccount);
    if (!rc)
        rc = nf_xenquire_new(&enq, s->db);
    if (!rc)
        rc = nf_xenquire_set_query(enq, q);
    if (!rc)
        rc = nf_xenquire_set_boolean(enq);
    if (!rc)
        rc = nf_xenquire_set_decider(enq, cb, ctx);
    if (!rc)
        rc = nf_xenquire_set_decider_key(enq, ctx->cols->key_slot);
    /* check_at_least past the doccount: the decider sees every match. */
    if (!rc)
        rc = nf_xenquire_get_mset(&none, enq, 0, 0, doccount + 1);
    nf_xmset_free(none);
    nf_xenquire_free(enq);
    if (!rc && ctx->stale)
        rc = nf_set_error(NF_EDB_MODIFIED, "%s changed while it was searched: reopen it",
                          s->path);
    return rc;
}

static int ensure_columns(nf_searcher *s)
{
    if (s->columns_state)
        return NF_OK;
    const nf_schema *schema = s->schema;
    nf_valueno *slots = calloc(schema->nfacets + 1, sizeof *slots);
    int *months = calloc(schema->nfacets + 1, sizeof *months);
    size_t n = 0;
    int rc = slots && months ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < schema->nfacets && !rc; i++)
        if (schema->facets[i].slot >= 0)
            slots[n++] = (nf_valueno)schema->facets[i].slot;
    if (!rc) {
        slots[n] = NF_SLOT_DATE;
        months[n++] = 1;
        rc = nf_facet_columns_build(&s->columns, s->db, slots, months, n, NF_SLOT_ID);
    }
    if (!rc)
        s->columns_state = s->columns ? 1 : -1;
    free(slots);
    free(months);
    return rc;
}

static int count_with_columns(nf_xmset **ms, unsigned *total, nf_searcher *s,
                              const nf_search_request *req, nf_xquery *text,
                              const selection *sel, facet_job *jobs, size_t njobs)
{
    size_t nsel = s->schema->nfacets + 1;
    const nf_facet_columns *cols = s->columns;
    size_t nbytes = (size_t)cols->lastdocid / 8 + 1;
    decide_ctx c = {.jobs = jobs, .njobs = njobs, .cols = cols};
    char *skip = calloc(nsel, 1);
    c.excl_bits = calloc(njobs ? njobs : 1, sizeof *c.excl_bits);
    c.excl_job = calloc(njobs ? njobs : 1, sizeof *c.excl_job);
    c.counts = calloc((size_t)cols->nvalues + 1, sizeof *c.counts);
    int rc = skip && c.excl_bits && c.excl_job && c.counts
        ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < njobs && !rc; i++) {
        jobs[i].col = nf_facet_columns_find(cols, (nf_valueno)jobs[i].slot);
        if (!jobs[i].col)
            rc = nf_set_error(NF_ERROR, "facet %s: slot %d was not read", jobs[i].name,
                              jobs[i].slot);
    }
    /* The documents each counted facet's own selection matches. */
    for (size_t i = 0; i < njobs && !rc; i++) {
        nf_xquery *own = sel->by_facet[jobs[i].sel_index];
        if (!own)
            continue;
        skip[jobs[i].sel_index] = 1;
        if (!(c.mark = calloc(nbytes, 1))) {
            rc = nf_set_error(NF_ENOMEM, "out of memory");
            break;
        }
        c.excl_job[c.nexcl] = i;
        c.excl_bits[c.nexcl++] = c.mark;
        rc = run_count(s, own, decide_mark, &c);
    }
    /* One match of the text and the other selections for the total and
     * every count, then the page of hits, for which Xapian need not look
     * at every match. */
    nf_xquery *base = NULL, *full = NULL;
    if (!rc)
        rc = filtered_query(&base, text, sel, nsel, -1, skip);
    if (!rc)
        rc = run_count(s, base, c.nexcl ? decide_multi : decide_count_all, &c);
    if (!rc)
        rc = filtered_query(&full, text, sel, nsel, -1, NULL);
    unsigned limit = req->limit ? req->limit : 10;
    if (!rc)
        rc = run_enquire(ms, s, full, NULL, 0, req->offset, limit, req->sort, 0);
    nf_xquery_free(base);
    nf_xquery_free(full);
    *total = c.total;
    for (size_t i = 0; i < njobs && !rc; i++)
        rc = nf_facet_counts_from_ids(&jobs[i].counts, (const char *const *)jobs[i].col->values.words,
                                      c.counts + jobs[i].col->base, jobs[i].col->nvalues);
    for (size_t e = 0; e < c.nexcl; e++)
        free(c.excl_bits[e]);
    free(c.excl_bits);
    free(c.excl_job);
    free(c.counts);
    free(skip);
    return rc;
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
    nf_xquery *text = NULL;
    nf_xmset *ms = NULL;
    if (!r || !jobs) {
        free(r);
        free(jobs);
        return nf_set_error(NF_ENOMEM, "out of memory");
    }
    int rc = nf_query_parse(&text, s->ql, req->query);
    if (!rc)
        rc = build_selection(&sel, s, req);

    /* The facets to count. */
    size_t njobs = 0;
    for (size_t i = 0; i <= schema->nfacets && !rc; i++) {
        const char *name = i < schema->nfacets ? schema->facets[i].name : "published";
        int slot = i < schema->nfacets ? schema->facets[i].slot : NF_SLOT_DATE;
        if (slot < 0 || !wants(req, name))
            continue;
        facet_job *j = &jobs[njobs++];
        j->schema_index = i < schema->nfacets ? (long)i : -1;
        j->sel_index = i;
        j->name = name;
        j->slot = slot;
    }
    if (!rc)
        rc = ensure_columns(s);
    if (!rc && s->columns)
        rc = count_with_columns(&ms, &r->total, s, req, text, &sel, jobs, njobs);
    else if (!rc)
        rc = count_with_spies(&ms, &r->total, s, req, text, &sel, jobs, njobs);
    if (!rc)
        rc = collect_hits(r, ms, s, req->snippets);
    if (!rc && !(r->facets = calloc(njobs ? njobs : 1, sizeof *r->facets)))
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < njobs && !rc; i++) {
        result_facet *f = &r->facets[r->nfacets++];
        f->name = jobs[i].name;
        f->counts = jobs[i].counts;
        memset(&jobs[i].counts, 0, sizeof jobs[i].counts);
        int months = jobs[i].schema_index < 0;
        const nf_facet_def *def = months ? NULL : &schema->facets[jobs[i].schema_index];
        int by_value = months || (def && def->kind == NF_FACET_NUMBER);
        nf_facet_counts_finish(&f->counts, by_value ? 0 : req->top_k, req->min_count, by_value);
        if (def && def->kind == NF_FACET_NUMBER)
            order_buckets(&f->counts, def);
    }
    for (size_t i = 0; i < njobs; i++) {
        nf_xspy_free(jobs[i].spy);
        nf_facet_counts_free(&jobs[i].counts);
    }
    free(jobs);
    nf_xmset_free(ms);
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
