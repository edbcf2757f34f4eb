/* newsfacet index: read inputs, analyse, write a Xapian database. */
#include "cli.h"
#include "index/nf_indexer.h"
#include "read/nf_read.h"

#include <dirent.h>
#include <getopt.h>
#include <pthread.h>
#include <newsfacet/nf_status.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: newsfacet index --db DIR [--shards N] [--schema DIR] [--batch N] [--quiet] INPUT...\n"
    "\n"
    "Index articles into the Xapian database DIR (created if missing).  INPUT is\n"
    "a file or a directory (read recursively): plain text (.txt: the first\n"
    "non-empty line is the headline), HTML (.html) or JSON Lines (.jsonl: one\n"
    "record {id, url, title, source, published, author, text or html} a line).\n"
    "An article indexed again replaces its earlier version; an unchanged one is\n"
    "skipped.  Bad inputs are named on stderr with the reason; the rest is indexed.\n"
    "\n"
    "  --db DIR       the database to write (required)\n"
    "  --schema DIR   the schema (default: $NEWSFACET_SCHEMA or the bundled one)\n"
    "  --shards N     split the database into N shards written in parallel:\n"
    "                 DIR/shard0.. and a stub file DIR/XAPIANDB listing them, so\n"
    "                 DIR opens as one database everywhere (default 1)\n"
    "  --batch N      articles per commit (default 1000)\n"
    "  --quiet        no progress line, no summary\n"
    "\n"
    "Exit status: 0 all indexed, 1 some inputs failed, 2 usage error.\n";

typedef struct run {
    nf_indexer *ix;
    unsigned long added, replaced, unchanged, failed, seen;
    unsigned long lost;           /* of FAILED: lost with a failed database */
    int stopped;                  /* the database failed: read no further */
    unsigned long total;          /* expected articles, for the ETA (0: unknown) */
    double started, last_progress;
    int progress;
    pthread_mutex_t mu;           /* readers report here, indexing threads too */
} run;

static void show_progress(run *r, int final)
{
    double now = cli_now();
    if (!r->progress || (!final && now - r->last_progress < 0.2))
        return;
    r->last_progress = now;
    double rate = r->seen / (now - r->started + 1e-9);
    char eta[32] = "";
    if (r->total > r->seen && rate > 0) {
        unsigned long s = (unsigned long)((r->total - r->seen) / rate);
        snprintf(eta, sizeof eta, ", ETA %lu:%02lu", s / 60, s % 60);
    }
    fprintf(stderr, "\r\033[K%lu articles, %.0f articles/s%s", r->seen, rate, eta);
    if (final)
        fputc('\n', stderr);
}

static void print_failure(run *r, const char *path, unsigned long line, const char *message)
{
    r->failed++;
    if (r->progress)
        fputs("\r\033[K", stderr);
    cli_input_error(path, line, message);
}

/* Inputs the readers could not turn into articles. */
static void on_error(void *ctx, const char *path, unsigned long line, int status,
                     const char *message)
{
    run *r = ctx;
    (void)status;
    pthread_mutex_lock(&r->mu);
    print_failure(r, path, line, message);
    pthread_mutex_unlock(&r->mu);
}

/* Called by the indexer's threads, one at a time. */
static void on_indexed(void *ctx, const nf_article *a, nf_index_outcome outcome,
                       const char *message)
{
    run *r = ctx;
    pthread_mutex_lock(&r->mu);
    r->seen++;
    switch (outcome) {
    case NF_INDEXED_ADDED: r->added++; break;
    case NF_INDEXED_REPLACED: r->replaced++; break;
    case NF_INDEXED_UNCHANGED: r->unchanged++; break;
    case NF_INDEXED_FAILED: print_failure(r, a->path, a->line, message); break;
    /* Not one line per article: the database's error is printed once. */
    case NF_INDEXED_LOST: r->failed++; r->lost++; break;
    }
    show_progress(r, 0);
    pthread_mutex_unlock(&r->mu);
}

static int on_article(void *ctx, nf_article *a)
{
    run *r = ctx;
    /* Only a database that can no longer be written stops the run; its
     * error is printed once, when the indexer is closed. */
    if (nf_indexer_add(r->ix, a) != NF_OK) {
        pthread_mutex_lock(&r->mu);
        r->failed++;
        r->lost++;
        r->stopped = 1;
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    return 0;
}

/* Rough article count for the ETA: files, and lines of JSON Lines files. */
static unsigned long count_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    unsigned long n = 0;
    int c, prev = '\n';
    while ((c = getc(f)) != EOF) {
        if (c == '\n' && prev != '\n')
            n++;
        prev = c;
    }
    if (prev != '\n')
        n++;
    fclose(f);
    return n;
}

static unsigned long estimate(const char *path, int depth)
{
    struct stat st;
    if (depth > 64 || stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode)) {
        const char *dot = strrchr(path, '.');
        if (dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson")))
            return count_lines(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    unsigned long n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        n += estimate(sub, depth + 1);
    }
    closedir(d);
    return n;
}

int cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"schema", required_argument, NULL, 's'},
        {"batch", required_argument, NULL, 'b'},
        {"shards", required_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *schema_opt = NULL;
    unsigned batch = 0, shards = 1;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:s:b:n:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 's': schema_opt = optarg; break;
        case 'b': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v <= 0)
                return cli_usage(usage, "--batch needs a positive number, not '%s'", optarg);
            batch = (unsigned)v;
            break;
        }
        case 'n': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v <= 0 || v > 256)
                return cli_usage(usage, "--shards needs a number from 1 to 256, not '%s'", optarg);
            shards = (unsigned)v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'h': fputs(usage, stdout); return NF_EXIT_OK;
        default: return cli_usage(usage, "bad option");
        }
    }
    if (!db)
        return cli_usage(usage, "--db DIR is required");
    if (optind >= argc)
        return cli_usage(usage, "no INPUT given");

    nf_schema *schema = cli_load_schema(cli_schema_dir(schema_opt));
    if (!schema)
        return NF_EXIT_PARTIAL;
    nf_read_opts ro = cli_read_opts(schema);
    run r = {0};
    pthread_mutex_init(&r.mu, NULL);
    nf_index_opts io = {.version = NF_INDEX_OPTS_VERSION, .batch_size = batch,
                        .shards = shards, .report = on_indexed, .report_ctx = &r};
    r.progress = !quiet && isatty(STDERR_FILENO);
    r.started = cli_now();
    if (nf_indexer_open(&r.ix, db, schema, &io) != NF_OK) {
        cli_error("%s", nf_errmsg());
        nf_schema_free(schema);
        return NF_EXIT_PARTIAL;
    }
    const char *prev;
    if (nf_indexer_schema_changed(r.ix, &prev))
        cli_error("warning: %s was built with another schema (%s, now %s); "
                  "re-index everything for consistent facets", db, prev, schema->id);
    if (r.progress)
        for (int i = optind; i < argc; i++)
            r.total += estimate(argv[i], 0);

    for (int i = optind; i < argc && !r.stopped; i++) {
        /* The library's message already names the input. */
        if (nf_read_path(argv[i], &ro, on_article, on_error, &r) != NF_OK) {
            pthread_mutex_lock(&r.mu);
            r.failed++;
            cli_error("%s", nf_errmsg());
            pthread_mutex_unlock(&r.mu);
        }
    }
    int rc = nf_indexer_close(r.ix);
    show_progress(&r, 1);
    if (rc != NF_OK)
        cli_error("%s", nf_errmsg());
    double secs = cli_now() - r.started;
    if (!quiet)
        fprintf(stderr, "%s: %lu added, %lu replaced, %lu unchanged, %lu failed%s "
                "(%.1f s, %.0f articles/s)\n", db, r.added, r.replaced, r.unchanged,
                r.failed, r.lost ? " (some lost with the database: index again)" : "", secs,
                (r.added + r.replaced + r.unchanged) / (secs + 1e-9));
    nf_schema_free(schema);
    return (rc != NF_OK || r.failed) ? NF_EXIT_PARTIAL : NF_EXIT_OK;
}
