/* newsfacet's analysis alone -- tokenise, tag entities, money and
 * percentages, claims and stance, source and cites -- over every record of
 * the archive, with no database.  The records are read into memory first
 * (newsfacet's JSON Lines reader, not timed); only nf_analyse() is timed.
 * Compare with tg_analyse, stock TermGenerator on the same records.
 *
 *     nf_analyse_bench SCHEMA_DIR INPUT.jsonl [REPEAT]
 *
 * Prints one JSON line: {"articles", "bytes" (analysed text), "seconds",
 * "cpu_seconds"} for the pass with the least CPU time (REPEAT, default 1). */
#include <stdio.h>
#include <stdlib.h>

#include <newsfacet/nf_status.h>

#include "analyse/nf_analysis.h"
#include "read/nf_read.h"
#include "schema/nf_schema.h"

#include "bench_records.h"

typedef struct loaded {
    nf_article **a;
    size_t n, cap;
    int failed;
} loaded;

static int keep(void *ctx, nf_article *a)
{
    loaded *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        nf_article **grown = realloc(l->a, cap * sizeof *grown);
        if (!grown) {
            nf_article_free(a);
            return NF_ENOMEM;
        }
        l->a = grown;
        l->cap = cap;
    }
    l->a[l->n++] = a;
    return 0;
}

static void bad_input(void *ctx, const char *path, unsigned long line,
                      int status, const char *message)
{
    (void)status;
    ((loaded *)ctx)->failed = 1;
    fprintf(stderr, "nf_analyse_bench: %s:%lu: %s\n", path, line, message);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: nf_analyse_bench SCHEMA_DIR INPUT.jsonl [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 3 ? atoi(argv[3]) : 1;
    nf_schema *schema = NULL;
    if (nf_schema_load(&schema, argv[1]) != NF_OK) {
        fprintf(stderr, "nf_analyse_bench: %s\n", nf_errmsg());
        return 1;
    }
    nf_read_opts ro = NF_READ_OPTS_INIT;
    ro.conf = schema->reader;
    loaded l = {NULL, 0, 0, 0};
    if (nf_read_path(argv[2], &ro, keep, bad_input, &l) != NF_OK || l.failed) {
        fprintf(stderr, "nf_analyse_bench: cannot read %s: %s\n", argv[2], nf_errmsg());
        return 1;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < l.n; i++)
        bytes += l.a[i]->text_len;

    double best = -1, best_wall = 0;
    for (int pass = 0; pass < (repeat > 0 ? repeat : 1); pass++) {
        double t0 = bench_now(), c0 = bench_cpu_now();
        for (size_t i = 0; i < l.n; i++) {
            nf_analysis *a = NULL;
            if (nf_analyse(&a, schema, l.a[i]) != NF_OK) {
                fprintf(stderr, "nf_analyse_bench: %s: %s\n", l.a[i]->id, nf_errmsg());
                return 1;
            }
            nf_analysis_free(a);
        }
        double cpu = bench_cpu_now() - c0, wall = bench_now() - t0;
        if (best < 0 || cpu < best) {
            best = cpu;
            best_wall = wall;
        }
    }
    for (size_t i = 0; i < l.n; i++)
        nf_article_free(l.a[i]);
    free(l.a);
    nf_schema_free(schema);
    printf("{\"articles\": %zu, \"bytes\": %zu, \"seconds\": %.3f, \"cpu_seconds\": %.3f}\n",
           l.n, bytes, best_wall, best);
    return 0;
}
