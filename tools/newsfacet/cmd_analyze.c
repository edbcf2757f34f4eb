/* newsfacet analyze: what the schema finds in articles, as JSON Lines. */
#include "cli.h"
#include "analyse/nf_analysis.h"
#include "read/nf_read.h"

#include <getopt.h>
#include <newsfacet/nf_status.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: newsfacet analyze [--json] [--schema DIR] INPUT...\n"
    "\n"
    "Analyse articles (files or directories, as `newsfacet index` reads them)\n"
    "without indexing, and print one JSON object per article (per record for\n"
    "JSON Lines) on its own line: file, id, title, facets (company, cloud, model,\n"
    "claim, stance, source, cites and any facet the schema adds), money, percent\n"
    "and claims with stance, cites, evidence sentence, byte offsets and rule.\n"
    "Byte offsets count in the analysed text: the headline, then the body.\n"
    "\n"
    "  --json         JSON Lines output (the only format; accepted for clarity)\n"
    "  --schema DIR   the schema (default: $NEWSFACET_SCHEMA or the bundled one)\n"
    "\n"
    "Exit status: 0 all analysed, 1 some inputs failed, 2 usage error.\n";

typedef struct run {
    const nf_schema *schema;
    unsigned long failed;
} run;

static void on_error(void *ctx, const char *path, unsigned long line, int status,
                     const char *message)
{
    run *r = ctx;
    (void)status;
    r->failed++;
    if (line)
        fprintf(stderr, "newsfacet: %s:%lu: %s\n", path, line, message);
    else
        fprintf(stderr, "newsfacet: %s: %s\n", path, message);
}

static int on_article(void *ctx, nf_article *art)
{
    run *r = ctx;
    nf_analysis *a = NULL;
    char *json = NULL;
    if (nf_analyse(&a, r->schema, art) != NF_OK || nf_analysis_to_json(&json, a) != NF_OK)
        on_error(r, art->path, art->line, nf_errcode(), nf_errmsg());
    else
        printf("%s\n", json);
    free(json);
    nf_analysis_free(a);
    nf_article_free(art);
    return 0;
}

int cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"schema", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema_opt = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "js:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': break;
        case 's': schema_opt = optarg; break;
        case 'h': fputs(usage, stdout); return NF_EXIT_OK;
        default: return cli_usage(usage, "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage(usage, "no INPUT given");
    nf_schema *schema = cli_load_schema(cli_schema_dir(schema_opt));
    if (!schema)
        return NF_EXIT_PARTIAL;
    run r = {schema, 0};
    nf_read_opts ro;
    struct nf_reader_conf *reader_conf = NULL;
    if (cli_read_opts(&ro, &reader_conf, cli_schema_dir(schema_opt)) != 0) {
        nf_schema_free(schema);
        return NF_EXIT_PARTIAL;
    }
    for (int i = optind; i < argc; i++) {
        int rc = nf_read_path(argv[i], &ro, on_article, on_error, &r);
        if (rc != NF_OK)
            on_error(&r, argv[i], 0, rc, nf_errmsg());
    }
    fflush(stdout);
    nf_reader_conf_free(reader_conf);
    nf_schema_free(schema);
    return r.failed ? NF_EXIT_PARTIAL : NF_EXIT_OK;
}
