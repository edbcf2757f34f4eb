#include "cli.h"

#include "analyse/nf_analysis.h"

#include <newsfacet/nf_status.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

const char *cli_schema_dir(const char *option)
{
    if (option && option[0])
        return option;
    const char *env = getenv("NEWSFACET_SCHEMA");
    if (env && env[0])
        return env;
    return NF_DEFAULT_SCHEMA_DIR;
}

nf_schema *cli_load_schema(const char *dir)
{
    nf_schema *s = NULL;
    if (nf_schema_load(&s, dir) != NF_OK) {
        cli_error("cannot load schema %s: %s", dir, nf_errmsg());
        return NULL;
    }
    return s;
}

nf_read_opts cli_read_opts(const nf_schema *schema)
{
    nf_read_opts o = NF_READ_OPTS_INIT;
    o.conf = schema->reader;
    return o;
}

void cli_input_error(const char *path, unsigned long line, const char *message)
{
    if (line)
        fprintf(stderr, "newsfacet: %s:%lu: %s\n", path, line, message);
    else
        fprintf(stderr, "newsfacet: %s: %s\n", path, message);
}

typedef struct each_run {
    const nf_schema *schema;
    cli_analysis_fn fn;
    void *ctx;
    long failed;
} each_run;

static void each_error(void *ctx, const char *path, unsigned long line, int status,
                       const char *message)
{
    each_run *r = ctx;
    (void)status;
    r->failed++;
    cli_input_error(path, line, message);
}

static int each_article(void *ctx, nf_article *art)
{
    each_run *r = ctx;
    nf_analysis *a = NULL;
    if (nf_analyse(&a, r->schema, art) != NF_OK)
        each_error(r, art->path, art->line, nf_errcode(), nf_errmsg());
    else
        r->fn(r->ctx, a);
    nf_analysis_free(a);
    nf_article_free(art);
    return 0;
}

long cli_each_analysis(const nf_schema *schema, char **inputs, int n,
                       cli_analysis_fn fn, void *ctx)
{
    nf_read_opts ro = cli_read_opts(schema);
    each_run r = {schema, fn, ctx, 0};
    for (int i = 0; i < n; i++) {
        /* The library's message already names the input. */
        if (nf_read_path(inputs[i], &ro, each_article, each_error, &r) != NF_OK) {
            r.failed++;
            cli_error("%s", nf_errmsg());
        }
    }
    return r.failed;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("newsfacet: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage(const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("newsfacet: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "%s", usage);
    return NF_EXIT_USAGE;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
