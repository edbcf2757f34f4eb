#include "cli.h"

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

int cli_read_opts(nf_read_opts *opts, struct nf_reader_conf **conf, const char *schema_dir)
{
    *conf = NULL;
    if (nf_reader_conf_load(conf, schema_dir) != NF_OK) {
        cli_error("cannot load the reader settings of schema %s: %s", schema_dir, nf_errmsg());
        return -1;
    }
    nf_read_opts o = NF_READ_OPTS_INIT;
    o.conf = *conf;
    *opts = o;
    return 0;
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
