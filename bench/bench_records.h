/* The benchmark's own reading of the archive (JSON Lines, via jansson) for
 * the stock-Xapian baselines, kept apart from newsfacet's readers so that
 * the baseline owes nothing to the product; and a monotonic clock. */
#ifndef BENCH_RECORDS_H
#define BENCH_RECORDS_H

#include <stddef.h>
#include <stdio.h>

typedef struct bench_record {
    char *id, *url, *title, *source, *published, *author, *text;
    size_t title_len, text_len;
} bench_record;

/* Parse one line; fields missing from the record are "".  Returns 0, or -1
 * with a message on stderr naming LINENO. */
int bench_record_parse(bench_record *out, const char *line, size_t len,
                       size_t lineno);
void bench_record_clear(bench_record *r);

/* Read the next record of F into OUT: 1 if one was read, 0 at the end,
 * -1 on a malformed line.  *LINENO counts lines read. */
int bench_record_next(bench_record *out, FILE *f, size_t *lineno);

/* Every record of PATH into a malloc'd array; 0 or -1. */
int bench_records_load(bench_record **out, size_t *n, const char *path);
void bench_records_free(bench_record *recs, size_t n);

/* Seconds on the monotonic clock. */
double bench_now(void);

/* CPU seconds of this process (all threads): what the machine spent,
 * steadier than wall time on a shared, loaded machine. */
double bench_cpu_now(void);

/* Peak resident set size of this process in kB (getrusage). */
long bench_peak_rss_kb(void);

#endif
