/* newsfacet: index news archives into Xapian with claim, stance, source and
 * entity facets; search them; analyse articles; check schemas. */
#include "cli.h"

#include <newsfacet/nf_version.h>
#include <string.h>

static const char usage[] =
    "usage: newsfacet COMMAND [OPTIONS] ...\n"
    "\n"
    "commands:\n"
    "  index    index articles (files, directories) into a Xapian database\n"
    "  search   search a database: hits and exact facet counts\n"
    "  analyze  print what the schema finds in articles, as JSON Lines\n"
    "  schema   check a schema, or explain what it finds sentence by sentence\n"
    "  export   print articles as scriptindex input (Omega interop)\n"
    "  serve    serve a database over HTTP: a search page and a JSON API\n"
    "\n"
    "`newsfacet COMMAND --help` describes each command.\n"
    "Exit status: 0 all fine, 1 some inputs failed, 2 usage error.\n";

static const struct {
    const char *name;
    nf_cmd_fn fn;
} commands[] = {
    {"index", cmd_index},
    {"search", cmd_search},
    {"analyze", cmd_analyze},
    {"analyse", cmd_analyze},
    {"schema", cmd_schema},
    {"export", cmd_export},
    {"serve", cmd_serve},
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage(usage, "no command given");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(usage, stdout);
        return NF_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("newsfacet %s\n", NF_VERSION_STRING);
        return NF_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    return cli_usage(usage, "unknown command '%s'", argv[1]);
}
