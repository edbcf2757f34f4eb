/* newsfacet schema check | explain: for admins editing schema files. */
#include "cli.h"
#include "analyse/nf_analysis.h"

#include <getopt.h>
#include <newsfacet/nf_status.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: newsfacet schema check DIR\n"
    "       newsfacet schema explain [--schema DIR] FILE...\n"
    "\n"
    "check    load the schema in DIR, report the first error with its file and\n"
    "         line, else print a summary: facets, entries per gazetteer list,\n"
    "         claim rules, cue words, duplicate or conflicting aliases.\n"
    "explain  analyse FILE and print, sentence by sentence, each entity, amount\n"
    "         and claim found (with the rule, the stance and the cue that decided\n"
    "         it, and the outlets cited), then the article's source.\n"
    "\n"
    "Exit status: 0 fine, 1 the schema or an input has an error, 2 usage error.\n";

static int check(const char *dir)
{
    nf_schema *s = cli_load_schema(dir);
    if (!s)
        return NF_EXIT_PARTIAL;
    char *summary = NULL;
    if (nf_schema_summary(&summary, s) != NF_OK) {
        cli_error("%s", nf_errmsg());
        nf_schema_free(s);
        return NF_EXIT_PARTIAL;
    }
    printf("schema %s (id %s): OK\n%s", dir, s->id, summary);
    free(summary);
    nf_schema_free(s);
    return NF_EXIT_OK;
}

static void print_span(const nf_article *art, uint32_t start, uint32_t end)
{
    if (end > art->text_len || start > end)
        return;
    for (uint32_t i = start; i < end; i++) {
        char c = art->text[i];
        putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
}

static void explain_sentence(const nf_analysis *a, size_t si)
{
    const nf_article *art = a->article;
    const nf_sentence *s = &a->tokens.sentences[si];
    printf("[%zu] ", si + 1);
    print_span(art, s->start, s->end);
    putchar('\n');
    for (size_t i = 0; i < a->nmentions; i++) {
        const nf_mention *m = &a->mentions[i];
        if (m->start < s->start || m->start >= s->end)
            continue;
        printf("    entity  %s:%s  \"", m->list, m->id);
        print_span(art, m->start, m->end);
        printf("\"\n");
    }
    for (size_t i = 0; i < a->namounts; i++) {
        const nf_amount *m = &a->amounts[i];
        if (m->start < s->start || m->start >= s->end)
            continue;
        if (m->kind == NF_AMOUNT_MONEY)
            printf("    money   %.15g %s (USD %.15g)  \"", m->value, m->currency, m->usd);
        else
            printf("    percent %.15g%s  \"", m->value, m->points ? " points" : "");
        print_span(art, m->start, m->end);
        printf("\"\n");
    }
    if (a->sentence_cites && a->sentence_cites[si].n) {
        printf("    cites  ");
        for (size_t k = 0; k < a->sentence_cites[si].n; k++)
            printf(" %s", a->sentence_cites[si].v[k]);
        putchar('\n');
    }
    for (size_t i = 0; i < a->nclaims; i++) {
        const nf_claim_hit *c = &a->claims[i];
        if (c->sentence != si)
            continue;
        printf("    claim   %s  %s  (rule %s", c->claim, nf_stance_name(c->stance), c->rule);
        if (c->cue)
            printf(", cue \"%s\"", c->cue);
        printf(")");
        for (size_t k = 0; k < c->nargs; k++)
            printf("  %s=%s", c->args[k].name, c->args[k].value);
        putchar('\n');
    }
}

static void explain_article(void *ctx, const nf_analysis *a)
{
    const nf_article *art = a->article;
    (void)ctx;
    printf("== %s (id %s)\n", art->path, art->id);
    for (size_t si = 0; si < a->tokens.nsentences; si++)
        explain_sentence(a, si);
    printf("source: %s\n", a->source ? a->source : "(none found)");
    printf("cites:");
    for (size_t k = 0; k < a->cites.n; k++)
        printf(" %s", a->cites.v[k]);
    printf("\n\n");
}

static int explain(int argc, char **argv)
{
    static const struct option opts[] = {
        {"schema", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema_opt = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': schema_opt = optarg; break;
        case 'h': fputs(usage, stdout); return NF_EXIT_OK;
        default: return cli_usage(usage, "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage(usage, "schema explain needs a FILE");
    nf_schema *schema = cli_load_schema(cli_schema_dir(schema_opt));
    if (!schema)
        return NF_EXIT_PARTIAL;
    long failed = cli_each_analysis(schema, argv + optind,
                                    argc - optind, explain_article, NULL);
    nf_schema_free(schema);
    return failed ? NF_EXIT_PARTIAL : NF_EXIT_OK;
}

int cmd_schema(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage(usage, "schema needs 'check' or 'explain'");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, stdout);
        return NF_EXIT_OK;
    }
    if (!strcmp(argv[1], "check")) {
        if (argc == 3 && strcmp(argv[2], "--help") && strcmp(argv[2], "-h"))
            return check(argv[2]);
        if (argc == 3) {
            fputs(usage, stdout);
            return NF_EXIT_OK;
        }
        return cli_usage(usage, "schema check takes one DIR");
    }
    if (!strcmp(argv[1], "explain"))
        return explain(argc - 1, argv + 1);
    return cli_usage(usage, "unknown schema command '%s'", argv[1]);
}
