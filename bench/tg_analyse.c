/* The analysis baseline: stock Xapian's TermGenerator turning each record's
 * text into terms in a document that is never added to a database.  Every
 * record is read into memory first; only the term generation is timed.
 *
 *     tg_analyse INPUT.jsonl [REPEAT]
 *
 * Prints one JSON line: {"articles", "bytes", "seconds", "cpu_seconds"}
 * (the pass with the least CPU time of REPEAT passes, default 1). */
#include <stdio.h>
#include <stdlib.h>

#include <newsfacet/nf_xapian.h>

#include "bench_records.h"
#include "bench_tg.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tg_analyse INPUT.jsonl [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    bench_record *recs;
    size_t n, bytes = 0;
    if (bench_records_load(&recs, &n, argv[1]))
        return 1;
    for (size_t i = 0; i < n; i++)
        bytes += bench_tg_text_bytes(&recs[i]);
    nf_xtermgen *tg = NULL;
    if (nf_xtermgen_new(&tg) || nf_xtermgen_set_stemmer(tg, "english")) {
        fprintf(stderr, "tg_analyse: %s\n", nf_errmsg());
        return 1;
    }
    double best = -1, best_wall = 0;
    for (int pass = 0; pass < (repeat > 0 ? repeat : 1); pass++) {
        double t0 = bench_now(), c0 = bench_cpu_now();
        for (size_t i = 0; i < n; i++) {
            nf_xdoc *doc = NULL;
            if (nf_xdoc_new(&doc) || bench_tg_text(tg, doc, &recs[i])) {
                fprintf(stderr, "tg_analyse: %s: %s\n", recs[i].id, nf_errmsg());
                return 1;
            }
            nf_xdoc_free(doc);
        }
        double cpu = bench_cpu_now() - c0, wall = bench_now() - t0;
        if (best < 0 || cpu < best) {
            best = cpu;
            best_wall = wall;
        }
    }
    nf_xtermgen_free(tg);
    bench_records_free(recs, n);
    printf("{\"articles\": %zu, \"bytes\": %zu, \"seconds\": %.3f, \"cpu_seconds\": %.3f}\n",
           n, bytes, best_wall, best);
    return 0;
}
