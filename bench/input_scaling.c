/* How the cost of one big input grows with its size: the tokeniser on one
 * long line, the HTML reader on one long page, the text reader on one long
 * file.  Linear code costs the same per byte at every size; code that
 * rescans what it already did costs more per byte on bigger inputs.
 *
 *     input_scaling [--mb M] [--runs N] [SCHEMA_DIR]
 *     input_scaling --one WORKLOAD MB [SCHEMA_DIR]
 *
 * The first form times every workload at M MB (default 5) and at 4 x M MB,
 * N times each (default 5), small and large alternating, in CPU seconds of
 * this process, and prints one Markdown table: the median of each size,
 * MB/s, and the cost ratio (median CPU per byte at 4 x M over that at M).
 * The small size is the baseline of the same run, so the ratio does not
 * depend on how fast or busy the machine is: ~1.0 is linear, ~4.0 would be
 * quadratic.  The second form runs one workload (tokenise, html, text) once
 * at MB megabytes and prints nothing else, for counting instructions with
 * `valgrind --tool=callgrind` (bench/input_scaling.sh).
 *
 * The inputs are the ones tests/tokenise and tests/read check for
 * correctness at 1M tokens and 20 MB: "word" and "Mr. A" on one line, one
 * sentence; <p> paragraphs with an entity in one <article>; lines of prose
 * after a headline.  SCHEMA_DIR (default: the source tree's schema/) gives
 * the tokeniser's language data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyse/nf_lang.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_error.h"
#include "read/nf_read.h"

#ifndef NF_BENCH_SOURCE_ROOT
#define NF_BENCH_SOURCE_ROOT "."
#endif

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* BYTES of PIECE repeated after HEAD (whole pieces only), NUL-terminated. */
static char *repeat(const char *head, const char *piece, size_t bytes, size_t *len)
{
    size_t hl = strlen(head), pl = strlen(piece);
    size_t n = bytes > hl ? (bytes - hl) / pl : 1;
    char *s = malloc(hl + n * pl + 1);
    if (!s) {
        fprintf(stderr, "input_scaling: out of memory\n");
        exit(1);
    }
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * pl, piece, pl);
    *len = hl + n * pl;
    s[*len] = '\0';
    return s;
}

typedef struct input {
    char *data;          /* tokenise, html: the text; text: NULL */
    size_t len;
    char path[4096];     /* text: the file */
} input;

static int drop_article(void *ctx, nf_article *a)
{
    ++*(size_t *)ctx;
    nf_article_free(a);
    return 0;
}

static void report_error(void *ctx, const char *path, unsigned long line, int status,
                         const char *message)
{
    (void)ctx;
    (void)line;
    (void)status;
    fprintf(stderr, "input_scaling: %s: %s\n", path, message);
    exit(1);
}

static void make_input(input *in, const char *workload, size_t bytes)
{
    memset(in, 0, sizeof *in);
    if (strcmp(workload, "tokenise") == 0) {
        /* one "Mr. A " in seven words, as tests/tokenise's million_token_line */
        in->data = repeat("", "Mr. A word word word word word word ", bytes, &in->len);
    } else if (strcmp(workload, "html") == 0) {
        in->data = repeat("<html><head><title>Big</title></head><body><article>",
                          "<p>Capacity &amp; power were the constraint, said the operator.</p>\n",
                          bytes, &in->len);
    } else {
        char *text = repeat("A very long article\n",
                            "Cloud capex rose again as operators raced to add GPU capacity.\n",
                            bytes, &in->len);
        static int files;
        const char *tmp = getenv("TMPDIR");
        snprintf(in->path, sizeof in->path, "%s/nf-input-scaling-%ld-%d.txt",
                 tmp ? tmp : "/tmp", (long)getpid(), files++);
        FILE *f = fopen(in->path, "wb");
        if (!f || fwrite(text, 1, in->len, f) != in->len || fclose(f) != 0) {
            fprintf(stderr, "input_scaling: cannot write %s\n", in->path);
            exit(1);
        }
        free(text);
    }
}

static void free_input(input *in)
{
    free(in->data);
    if (in->path[0])
        unlink(in->path);
}

/* Runs WORKLOAD once on IN; returns its CPU seconds. */
static double run_once(const char *workload, const input *in, const struct nf_lang *lang)
{
    double t0 = cpu_now();
    int rc;
    size_t n = 0;
    if (strcmp(workload, "tokenise") == 0) {
        nf_tokens t = {0};
        rc = nf_tokenise(&t, in->data, in->len, lang);
        n = t.nsentences == 1 ? 1 : 0;
        nf_tokens_free(&t);
    } else if (strcmp(workload, "html") == 0) {
        rc = nf_read_memory(in->data, in->len, NF_FORMAT_HTML, "big.html", NULL,
                            drop_article, report_error, &n);
    } else {
        rc = nf_read_path(in->path, NULL, drop_article, report_error, &n);
    }
    double secs = cpu_now() - t0;
    if (rc != NF_OK || n != 1) {
        fprintf(stderr, "input_scaling: %s failed (%d): %s\n", workload, rc, nf_errmsg());
        exit(1);
    }
    return secs;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static const char *const workloads[] = {"tokenise", "html", "text"};
static const char *const descriptions[] = {
    "nf_tokenise, one line, one sentence",
    "nf_read_memory, one HTML page of <p>",
    "nf_read_path, one text file",
};

static int known_workload(const char *w)
{
    for (size_t i = 0; i < sizeof workloads / sizeof *workloads; i++)
        if (strcmp(w, workloads[i]) == 0)
            return 1;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: input_scaling [--mb M] [--runs N] [SCHEMA_DIR]\n"
                    "       input_scaling --one tokenise|html|text MB [SCHEMA_DIR]\n");
    return 2;
}

int main(int argc, char **argv)
{
    double mb = 5;
    int runs = 5;
    const char *one = NULL;
    double one_mb = 0;
    const char *schema = NF_BENCH_SOURCE_ROOT "/schema";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = atof(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--one") == 0 && i + 2 < argc) {
            one = argv[++i];
            one_mb = atof(argv[++i]);
        } else if (argv[i][0] == '-')
            return usage();
        else
            schema = argv[i];
    }
    if (mb <= 0 || runs < 1 || runs > 1000 || (one && (!known_workload(one) || one_mb <= 0)))
        return usage();
    struct nf_lang *lang = NULL;
    if (nf_lang_load(&lang, schema) != NF_OK) {
        fprintf(stderr, "input_scaling: %s\n", nf_errmsg());
        return 1;
    }

    if (one) {
        input in;
        make_input(&in, one, (size_t)(one_mb * 1e6));
        run_once(one, &in, lang);
        free_input(&in);
        nf_lang_free(lang);
        return 0;
    }

    printf("| workload | %.3g MB: CPU s | MB/s | %.3g MB: CPU s | MB/s | cost per byte, large / small |\n",
           mb, 4 * mb);
    printf("|---|---:|---:|---:|---:|---:|\n");
    double *small = malloc((size_t)runs * sizeof *small);
    double *large = malloc((size_t)runs * sizeof *large);
    if (!small || !large)
        return 1;
    for (size_t w = 0; w < sizeof workloads / sizeof *workloads; w++) {
        input in_small, in_large;
        make_input(&in_small, workloads[w], (size_t)(mb * 1e6));
        make_input(&in_large, workloads[w], (size_t)(4 * mb * 1e6));
        for (int r = 0; r < runs; r++) {
            /* alternate which size goes first */
            for (int k = 0; k < 2; k++) {
                int big = (k == 0) == (r % 2 == 1);
                (big ? large : small)[r] = run_once(workloads[w], big ? &in_large : &in_small, lang);
            }
        }
        double ms = median(small, runs), ml = median(large, runs);
        size_t small_len = in_small.len;
        double ratio = (ml / (double)in_large.len) / (ms / (double)small_len);
        printf("| %s (%s) | %.3f | %.1f | %.3f | %.1f | %.2f |\n", workloads[w], descriptions[w],
               ms, (double)small_len / 1e6 / ms, ml, (double)in_large.len / 1e6 / ml, ratio);
        fflush(stdout);
        free_input(&in_small);
        free_input(&in_large);
    }
    printf("\nmedians of %d runs each, CPU seconds of this process; a cost ratio near 1.0 is linear, "
           "4.0 would be quadratic\n", runs);
    free(small);
    free(large);
    nf_lang_free(lang);
    return 0;
}
