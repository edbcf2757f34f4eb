/* newsfacet analyze: what the schema finds in articles, as JSON Lines. */
#include "cli.h"
#include "analyse/nf_analysis.h"

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

static void print_json(void *ctx, const nf_analysis *a)
{
    long *failed = ctx;
    char *json = NULL;
    if (nf_analysis_to_json(&json, a) != NF_OK) {
        cli_input_error(a->article->path, a->article->line, nf_errmsg());
        ++*failed;
    } else {
        printf("%s\n", json);
    }
    free(json);
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
    long json_failed = 0;
    long failed = cli_each_analysis(schema, argv + optind,
                                    argc - optind, print_json, &json_failed);
    fflush(stdout);
    nf_schema_free(schema);
    return (failed || json_failed) ? NF_EXIT_PARTIAL : NF_EXIT_OK;
}
