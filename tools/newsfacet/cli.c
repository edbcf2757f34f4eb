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
