/* The indexing baseline: stock Xapian's TermGenerator writing the archive
 * into one database, reading the JSON Lines input as it goes and
 * committing every BATCH documents, as `newsfacet index` does.  No
 * analysis, no facets: the cost of free-text indexing alone.
 *
 *     tg_index DB INPUT.jsonl [BATCH]
 *
 * Prints one JSON line: {"articles", "bytes" (title+body), "seconds"}. */
#include <stdio.h>
#include <stdlib.h>

#include <newsfacet/nf_xapian.h>

#include "bench_records.h"
#include "bench_tg.h"

static int fail(const char *what, int rc)
{
    fprintf(stderr, "tg_index: %s: %s (%s)\n", what, nf_errmsg(),
            nf_status_name(rc));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: tg_index DB INPUT.jsonl [BATCH]\n");
        return 2;
    }
    unsigned batch = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 1000;
    if (!batch)
        batch = 1000;
    FILE *in = fopen(argv[2], "r");
    if (!in) {
        perror(argv[2]);
        return 1;
    }
    double t0 = bench_now();
    nf_xdb *db = NULL;
    nf_xtermgen *tg = NULL;
    int rc = nf_xdb_open_writable(&db, argv[1], NF_XDB_CREATE_OR_OVERWRITE);
    if (rc)
        return fail("opening the database", rc);
    if ((rc = nf_xtermgen_new(&tg)) || (rc = nf_xtermgen_set_stemmer(tg, "english")))
        return fail("creating the term generator", rc);

    size_t lineno = 0, articles = 0, bytes = 0;
    bench_record r;
    int got;
    while ((got = bench_record_next(&r, in, &lineno)) == 1) {
        nf_xdoc *doc = NULL;
        nf_docid did;
        if ((rc = nf_xdoc_new(&doc)) || (rc = bench_tg_document(tg, doc, &r)) ||
            (rc = nf_xdb_add_document(&did, db, doc)))
            return fail(r.id, rc);
        nf_xdoc_free(doc);
        bytes += bench_tg_text_bytes(&r);
        bench_record_clear(&r);
        if (++articles % batch == 0 && (rc = nf_xdb_commit(db)))
            return fail("committing", rc);
    }
    if (got < 0)
        return 1;
    if ((rc = nf_xdb_commit(db)))
        return fail("committing", rc);
    nf_xtermgen_free(tg);
    nf_xdb_free(db);
    fclose(in);
    double secs = bench_now() - t0;
    printf("{\"articles\": %zu, \"bytes\": %zu, \"seconds\": %.3f, \"peak_rss_kb\": %ld}\n",
           articles, bytes, secs, bench_peak_rss_kb());
    return 0;
}
