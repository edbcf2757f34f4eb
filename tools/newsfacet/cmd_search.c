/* newsfacet search: ranked hits and exact facet counts. */
#include "cli.h"

#include <getopt.h>
#include <newsfacet/nf_search.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: newsfacet search --db DB [--json] [--facets LIST] [--filter FACET:VALUE]...\n"
    "                        [--limit N] [--offset N] [--sort relevance|date]\n"
    "                        [--top K] [--min-count N] [--schema DIR] QUERY...\n"
    "\n"
    "Search DB (a database directory or a stub file listing shards, local or\n"
    "remote) and print the hits with title, source, date and a snippet, the\n"
    "exact number of matches and facet counts.\n"
    "\n"
    "QUERY: words (stemmed), \"phrases\", AND OR NOT, +required -excluded, and\n"
    "  title:WORD author:WORD company:ID cloud:ID model:ID claim:ID\n"
    "  stance:CLAIM:STANCE source:ID cites:ID  (facet values as ids)\n"
    "  money:1b..10b money:..500m money:250m..  (units k m b t; any amount in range)\n"
    "  percent:20..50   published:2025-01-01..2025-06-30\n"
    "\n"
    "  --db DB            database directory or stub file (required)\n"
    "  --json             {\"total\", \"exact\", \"took_ms\", \"hits\", \"facets\"}\n"
    "  --facets LIST      facets to count, comma-separated (default: all)\n"
    "  --filter F:V       select a facet value; several values of one facet OR,\n"
    "                     facets AND; a facet's own selection is left out when it\n"
    "                     is counted (multi-select)\n"
    "  --limit N          hits per page (default 10)   --offset N  first hit\n"
    "  --sort date        newest first (default: relevance)\n"
    "  --top K            values per facet (default 10; 0: all)\n"
    "  --min-count N      leave out facet values counted fewer times\n"
    "  --schema DIR       the schema (default: $NEWSFACET_SCHEMA or the bundled one)\n"
    "\n"
    "Exit status: 0 fine, 1 the database or the query failed, 2 usage error.\n";

static int parse_uint(unsigned *out, const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end || v < 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static void print_text(const nf_search_result *r)
{
    printf("%u matches (exact), %.1f ms\n", nf_result_total(r), nf_result_took_ms(r));
    for (size_t i = 0; i < nf_result_nhits(r); i++) {
        const nf_hit *h = nf_result_hit(r, i);
        printf("%zu. %s\n   %s%s%s  [%s]  score %.3f\n", i + 1,
               h->title[0] ? h->title : "(no title)", h->source[0] ? h->source : "-",
               h->published[0] ? ", " : "", h->published, h->id, h->score);
        if (h->snippet[0])
            printf("   %s\n", h->snippet);
    }
    for (size_t f = 0; f < nf_result_nfacets(r); f++) {
        printf("%s:", nf_result_facet_name(r, f));
        for (size_t k = 0; k < nf_result_facet_nvalues(r, f); k++) {
            const char *v;
            unsigned c;
            nf_result_facet_value(&v, &c, r, f, k);
            printf("%s %s (%u)", k ? "," : "", v, c);
        }
        putchar('\n');
    }
}

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"schema", required_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {"facets", required_argument, NULL, 'f'},
        {"filter", required_argument, NULL, 'F'},
        {"limit", required_argument, NULL, 'l'},
        {"offset", required_argument, NULL, 'o'},
        {"sort", required_argument, NULL, 'S'},
        {"top", required_argument, NULL, 't'},
        {"min-count", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *schema_opt = NULL;
    char *facet_list = NULL;
    const char **filters = calloc((size_t)argc + 1, sizeof *filters);
    const char **facets = calloc((size_t)argc + 64, sizeof *facets);
    int json = 0, c, status = NF_EXIT_USAGE;
    nf_search_request req = {.version = NF_SEARCH_REQUEST_VERSION, .top_k = 10, .snippets = 1};
    if (!filters || !facets) {
        cli_error("out of memory");
        goto done;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:s:jf:F:l:o:S:t:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 's': schema_opt = optarg; break;
        case 'j': json = 1; break;
        case 'f': facet_list = optarg; break;
        case 'F': filters[req.nfilters++] = optarg; break;
        case 'l':
            if (parse_uint(&req.limit, optarg)) { cli_usage(usage, "--limit needs a number"); goto done; }
            break;
        case 'o':
            if (parse_uint(&req.offset, optarg)) { cli_usage(usage, "--offset needs a number"); goto done; }
            break;
        case 't':
            if (parse_uint(&req.top_k, optarg)) { cli_usage(usage, "--top needs a number"); goto done; }
            break;
        case 'm':
            if (parse_uint(&req.min_count, optarg)) { cli_usage(usage, "--min-count needs a number"); goto done; }
            break;
        case 'S':
            if (!strcmp(optarg, "date")) req.sort = NF_SORT_DATE;
            else if (!strcmp(optarg, "relevance")) req.sort = NF_SORT_RELEVANCE;
            else { cli_usage(usage, "--sort takes relevance or date, not '%s'", optarg); goto done; }
            break;
        case 'h': fputs(usage, stdout); status = NF_EXIT_OK; goto done;
        default: cli_usage(usage, "bad option"); goto done;
        }
    }
    if (!db) {
        cli_usage(usage, "--db DB is required");
        goto done;
    }
    /* The query is the remaining words, as quest takes it. */
    size_t qlen = 1;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = calloc(qlen, 1);
    for (int i = optind; query && i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    if (facet_list) {
        for (char *tok = strtok(facet_list, ","); tok && req.nfacets < (size_t)argc + 63;
             tok = strtok(NULL, ","))
            facets[req.nfacets++] = tok;
        req.facets = facets;
    }
    req.filters = filters;
    req.query = query;
    status = NF_EXIT_PARTIAL;
    nf_schema *schema = cli_load_schema(cli_schema_dir(schema_opt));
    nf_searcher *s = NULL;
    nf_search_result *r = NULL;
    if (!schema) {
        free(query);
        goto done;
    }
    if (nf_searcher_open(&s, db, schema) != NF_OK) {
        cli_error("%s", nf_errmsg());
    } else {
        if (nf_searcher_warning(s))
            cli_error("warning: %s", nf_searcher_warning(s));
        /* An indexer committing meanwhile can overwrite what this reader's
         * revision was reading (Xapian: DatabaseModifiedError): move to the
         * latest revision and search again, a few times. */
        int rc = nf_search(&r, s, &req);
        for (int tries = 1; rc == NF_EDB_MODIFIED && tries < 5; tries++) {
            rc = nf_searcher_reopen(s);
            if (rc == NF_OK)
                rc = nf_search(&r, s, &req);
        }
        if (rc != NF_OK) {
            cli_error("%s", nf_errmsg());
        } else {
            if (json) {
                char *out = NULL;
                if (nf_search_result_json(&out, r) == NF_OK)
                    printf("%s\n", out);
                free(out);
            } else {
                print_text(r);
            }
            status = NF_EXIT_OK;
        }
    }
    nf_search_result_free(r);
    nf_searcher_free(s);
    nf_schema_free(schema);
    free(query);
done:
    free(filters);
    free(facets);
    return status;
}
