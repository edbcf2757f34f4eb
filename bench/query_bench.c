/* Faceted queries side by side: newsfacet in process (nf_search, the C
 * API) and PostgreSQL 15 full-text search over one connection with one
 * prepared statement that answers a whole faceted query in one round trip
 * (the recipe of ../shared/peers/README.md, generalised to every facet
 * with multi-select: each facet is counted with its own selection left
 * out, as newsfacet does).
 *
 *     query_bench DB SCHEMA_DIR CONNINFO QUERIES.tsv [ROUNDS]
 *
 * First every query runs once on both and the totals and every facet
 * count are compared; disagreements are printed (with up to 5 differing
 * values per facet).  Then ROUNDS passes (default 5) time each query on
 * both, alternating which goes first.  Prints one JSON line with the
 * latencies' p50/p95/p99 in ms and the number of disagreements; exit 3
 * when any query disagrees. */
#include <jansson.h>
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsfacet/nf_search.h>
#include <newsfacet/nf_status.h>

#include "bench_records.h"

/* The facets both sides count: PostgreSQL has one text[] column each. */
static const char *const facets[] = {
    "company", "cloud", "model", "claim", "stance", "source", "cites",
    "money", "percent", "published"};
#define NFACETS (sizeof facets / sizeof facets[0])

typedef struct query {
    char *name, *nf_text, *pg_text;
    char **filters;                 /* "facet:value" */
    size_t nfilters;
    char *pg_params[NFACETS];       /* text[] literal per facet */
} query;

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        perror("malloc");
        exit(1);
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static long facet_index(const char *name, size_t len)
{
    for (size_t i = 0; i < NFACETS; i++)
        if (strlen(facets[i]) == len && memcmp(facets[i], name, len) == 0)
            return (long)i;
    return -1;
}

/* Split "facet:value ..." into the query's filters and PostgreSQL's
 * per-facet arrays. */
static int parse_filters(query *q, char *spec, size_t lineno)
{
    char *elems[NFACETS] = {0};
    size_t lens[NFACETS] = {0};
    for (char *tok = strtok(spec, " "); tok; tok = strtok(NULL, " ")) {
        if (strcmp(tok, "-") == 0)
            continue;
        char *colon = strchr(tok, ':');
        long f = colon ? facet_index(tok, (size_t)(colon - tok)) : -1;
        if (f < 0) {
            fprintf(stderr, "queries line %zu: bad filter '%s'\n", lineno, tok);
            return -1;
        }
        q->filters = realloc(q->filters, (q->nfilters + 1) * sizeof *q->filters);
        q->filters[q->nfilters++] = dupn(tok, strlen(tok));
        const char *v = colon + 1;
        size_t need = lens[f] + strlen(v) + 4;
        elems[f] = realloc(elems[f], need);
        lens[f] += (size_t)sprintf(elems[f] + lens[f], "%s\"%s\"", lens[f] ? "," : "", v);
    }
    for (size_t f = 0; f < NFACETS; f++) {
        size_t n = lens[f];
        q->pg_params[f] = malloc(n + 3);
        sprintf(q->pg_params[f], "{%s}", n ? elems[f] : "");
        free(elems[f]);
    }
    return 0;
}

static query *load_queries(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    query *qs = NULL;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    *n = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *cols[4];
        char *p = line;
        for (int i = 0; i < 4; i++) {
            cols[i] = p;
            p = p ? strchr(p, '\t') : NULL;
            if (p)
                *p++ = '\0';
        }
        if (!cols[3]) {
            fprintf(stderr, "%s:%zu: want 4 tab-separated columns\n", path, lineno);
            exit(1);
        }
        qs = realloc(qs, (*n + 1) * sizeof *qs);
        query *q = &qs[(*n)++];
        memset(q, 0, sizeof *q);
        q->name = dupn(cols[0], strlen(cols[0]));
        q->nf_text = dupn(cols[1], strlen(cols[1]));
        q->pg_text = dupn(cols[2], strlen(cols[2]));
        if (parse_filters(q, cols[3], lineno))
            exit(1);
    }
    free(line);
    fclose(f);
    return qs;
}

/* The one statement: $1 the text query, $2.. one text[] per facet (empty:
 * no selection).  Each facet's count leaves out its own selection. */
static char *build_sql(void)
{
    static char sql[16384];
    size_t n = 0;
#define ADD(...) (n += (size_t)snprintf(sql + n, sizeof sql - n, __VA_ARGS__))
    ADD("WITH m AS MATERIALIZED (SELECT id, ts_rank_cd(tsv, q) AS score");
    for (size_t f = 0; f < NFACETS; f++)
        ADD(", %s, (cardinality($%zu::text[]) = 0 OR %s && $%zu::text[]) AS f_%s",
            facets[f], f + 2, facets[f], f + 2, facets[f]);
    ADD(" FROM docs, websearch_to_tsquery('english', $1) q WHERE tsv @@ q) "
        "SELECT json_build_object('total', (SELECT count(*) FROM m WHERE true");
    for (size_t f = 0; f < NFACETS; f++)
        ADD(" AND f_%s", facets[f]);
    ADD("), 'hits', (SELECT json_agg(id) FROM (SELECT id FROM m WHERE true");
    for (size_t f = 0; f < NFACETS; f++)
        ADD(" AND f_%s", facets[f]);
    ADD(" ORDER BY score DESC, id LIMIT 10) h)");
    for (size_t f = 0; f < NFACETS; f++) {
        ADD(", '%s', (SELECT json_object_agg(v, n) FROM (SELECT v, count(*) n "
            "FROM m, unnest(%s) v WHERE true", facets[f], facets[f]);
        for (size_t g = 0; g < NFACETS; g++)
            if (g != f)
                ADD(" AND f_%s", facets[g]);
        ADD(" GROUP BY v) c%zu)", f);
    }
    ADD(")");
#undef ADD
    return sql;
}

static PGresult *pg_run(PGconn *pg, const query *q)
{
    const char *params[NFACETS + 1];
    params[0] = q->pg_text;
    for (size_t f = 0; f < NFACETS; f++)
        params[f + 1] = q->pg_params[f];
    PGresult *res = PQexecPrepared(pg, "faceted", (int)NFACETS + 1, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "query_bench: %s: %s", q->name, PQerrorMessage(pg));
        exit(1);
    }
    return res;
}

static nf_search_result *nf_run(nf_searcher *s, const query *q)
{
    nf_search_request req = {0};
    req.version = NF_SEARCH_REQUEST_VERSION;
    req.query = q->nf_text;
    req.filters = (const char *const *)q->filters;
    req.nfilters = q->nfilters;
    req.facets = facets;
    req.nfacets = NFACETS;
    req.limit = 10;
    nf_search_result *r = NULL;
    if (nf_search(&r, s, &req) != NF_OK) {
        fprintf(stderr, "query_bench: %s: %s\n", q->name, nf_errmsg());
        exit(1);
    }
    return r;
}

/* Compare one query's answers; returns the number of differences. */
static int compare(const query *q, const nf_search_result *r, PGresult *res)
{
    json_error_t err;
    json_t *pj = json_loads(PQgetvalue(res, 0, 0), 0, &err);
    int diffs = 0;
    json_int_t pg_total = json_integer_value(json_object_get(pj, "total"));
    if ((json_int_t)nf_result_total(r) != pg_total) {
        printf("  %s: total newsfacet %u, postgres %lld\n", q->name, nf_result_total(r),
               (long long)pg_total);
        diffs++;
    }
    for (size_t f = 0; f < NFACETS; f++) {
        json_t *pg_counts = json_object_get(pj, facets[f]);
        json_t *nf_counts = json_object();
        size_t fi;
        for (fi = 0; fi < nf_result_nfacets(r); fi++)
            if (strcmp(nf_result_facet_name(r, fi), facets[f]) == 0)
                break;
        if (fi < nf_result_nfacets(r))
            for (size_t k = 0; k < nf_result_facet_nvalues(r, fi); k++) {
                const char *v;
                unsigned c;
                nf_result_facet_value(&v, &c, r, fi, k);
                if (c)
                    json_object_set_new(nf_counts, v, json_integer(c));
            }
        int shown = 0, facet_diffs = 0;
        const char *key;
        json_t *val;
        json_object_foreach(nf_counts, key, val) {
            json_int_t pc = json_integer_value(json_object_get(pg_counts, key));
            if (pc != json_integer_value(val)) {
                facet_diffs++;
                if (shown++ < 5)
                    printf("  %s: %s=%s newsfacet %lld, postgres %lld\n", q->name, facets[f],
                           key, (long long)json_integer_value(val), (long long)pc);
            }
        }
        json_object_foreach(pg_counts, key, val) {
            if (!json_object_get(nf_counts, key) && json_integer_value(val)) {
                facet_diffs++;
                if (shown++ < 5)
                    printf("  %s: %s=%s newsfacet 0, postgres %lld\n", q->name, facets[f],
                           key, (long long)json_integer_value(val));
            }
        }
        if (facet_diffs > 5)
            printf("  %s: %s: %d values differ in all\n", q->name, facets[f], facet_diffs);
        diffs += facet_diffs;
        json_decref(nf_counts);
    }
    json_decref(pj);
    return diffs;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: query_bench DB SCHEMA_DIR CONNINFO QUERIES.tsv [ROUNDS]\n"
                        "       (CONNINFO '-': newsfacet alone, nothing compared)\n");
        return 2;
    }
    int rounds = argc > 5 ? atoi(argv[5]) : 5;
    size_t nq;
    query *qs = load_queries(argv[4], &nq);
    nf_schema *schema = NULL;
    nf_searcher *s = NULL;
    if (nf_schema_load(&schema, argv[2]) != NF_OK ||
        nf_searcher_open(&s, argv[1], schema) != NF_OK) {
        fprintf(stderr, "query_bench: %s\n", nf_errmsg());
        return 1;
    }
    /* The first search reads the facet columns (nf_facet_columns.h): a
     * once-per-revision cost that a one-shot command pays, reported apart. */
    double t_first = bench_now();
    nf_search_result_free(nf_run(s, &qs[0]));
    t_first = (bench_now() - t_first) * 1000;
    fprintf(stderr, "first search after open (reads the facet columns): %.1f ms\n", t_first);
    int with_pg = strcmp(argv[3], "-") != 0;
    PGconn *pg = with_pg ? PQconnectdb(argv[3]) : NULL;
    if (with_pg && PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "query_bench: %s", PQerrorMessage(pg));
        return 1;
    }
    PGresult *prep = with_pg ? PQprepare(pg, "faceted", build_sql(), 0, NULL) : NULL;
    if (with_pg && PQresultStatus(prep) != PGRES_COMMAND_OK) {
        fprintf(stderr, "query_bench: prepare: %s", PQerrorMessage(pg));
        return 1;
    }
    PQclear(prep);

    /* Check before timing (this also warms both caches). */
    int disagreeing = 0;
    unsigned long total_sum = 0;
    unsigned *totals = calloc(nq, sizeof *totals);
    for (size_t i = 0; i < nq; i++) {
        nf_search_result *r = nf_run(s, &qs[i]);
        PGresult *res = with_pg ? pg_run(pg, &qs[i]) : NULL;
        total_sum += nf_result_total(r);
        totals[i] = nf_result_total(r);
        if (with_pg && compare(&qs[i], r, res))
            disagreeing++;
        PQclear(res);
        nf_search_result_free(r);
    }

    size_t nt = nq * (size_t)(rounds > 0 ? rounds : 1);
    double *tn = malloc(nt * sizeof *tn), *tp = malloc(nt * sizeof *tp);
    size_t k = 0;
    for (int round = 0; round < (rounds > 0 ? rounds : 1); round++)
        for (size_t i = 0; i < nq; i++, k++) {
            for (int side = 0; side < 2; side++) {
                /* alternate which engine goes first */
                int pg_now = (side == 0) == ((round + (int)i) % 2 == 0);
                double t0 = bench_now();
                if (pg_now && !with_pg) {
                    tp[k] = 0;
                } else if (pg_now) {
                    PQclear(pg_run(pg, &qs[i]));
                    tp[k] = (bench_now() - t0) * 1000;
                } else {
                    nf_search_result_free(nf_run(s, &qs[i]));
                    tn[k] = (bench_now() - t0) * 1000;
                }
            }
        }
    /* Per query (stderr): where the time goes grows with the matches. */
    int nr = rounds > 0 ? rounds : 1;
    double *one = malloc((size_t)nr * 2 * sizeof *one);
    for (size_t i = 0; i < nq; i++) {
        for (int r = 0; r < nr; r++) {
            one[r] = tn[(size_t)r * nq + i];
            one[nr + r] = tp[(size_t)r * nq + i];
        }
        qsort(one, (size_t)nr, sizeof *one, cmp_double);
        qsort(one + nr, (size_t)nr, sizeof *one, cmp_double);
        fprintf(stderr, "query %-32s %zu filters, %6u matches: newsfacet %8.2f ms, postgres %8.2f ms (medians)\n",
                qs[i].name, qs[i].nfilters, totals[i], pct(one, (size_t)nr, .5),
                pct(one + nr, (size_t)nr, .5));
    }
    free(one);
    free(totals);
    qsort(tn, nt, sizeof *tn, cmp_double);
    qsort(tp, nt, sizeof *tp, cmp_double);
    printf("{\"queries\": %zu, \"timed\": %zu, \"disagreeing_queries\": %d, "
           "\"mean_total\": %.1f, \"first_search_ms\": %.1f, "
           "\"newsfacet_ms\": {\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f}, "
           "\"postgres_ms\": {\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f}}\n",
           nq, nt, disagreeing, (double)total_sum / (double)nq, t_first,
           pct(tn, nt, .5), pct(tn, nt, .95), pct(tn, nt, .99),
           pct(tp, nt, .5), pct(tp, nt, .95), pct(tp, nt, .99));
    free(tn);
    free(tp);
    if (pg)
        PQfinish(pg);
    nf_searcher_free(s);
    nf_schema_free(schema);
    return disagreeing ? 3 : 0;
}
