/* newsfacet serve: options, their defaults and the admin token file. */
#include "serve_config.h"
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NF_DEFAULT_PLUGIN_PATH
#define NF_DEFAULT_PLUGIN_PATH "libnewsfacet_plugin.so"
#endif
#ifndef NF_SERVE_WEB_DIR
#define NF_SERVE_WEB_DIR "web"
#endif

static const char usage[] =
    "usage: newsfacet serve --db DB [--port P] [--bind ADDR] [--schema DIR]\n"
    "                       [--plugin PATH] [--threads N] [--web DIR]\n"
    "                       [--admin-token-file F]\n"
    "\n"
    "Serve DB (a database directory or stub file) over HTTP: a search page at /\n"
    "and a JSON API.  The plugin is loaded through its ABI (dlopen).\n"
    "\n"
    "  GET /api/search?q=&filter=F:V&facets=LIST&page=&size=&sort=relevance|date&top=\n"
    "  GET /api/facets?q=&filter=F:V   all facet counts\n"
    "  GET /api/doc/ID                 an article's facets and claim evidence\n"
    "  GET /health\n"
    "  POST /api/admin/reload-schema   (Authorization: Bearer TOKEN)\n"
    "\n"
    "  --db DB              database directory or stub file (required)\n"
    "  --port P             TCP port (default 8080; 0: any free port)\n"
    "  --bind ADDR          numeric IPv4/IPv6 address (default 127.0.0.1)\n"
    "  --schema DIR         the schema (default: $NEWSFACET_SCHEMA or the bundled one)\n"
    "  --plugin PATH        libnewsfacet_plugin.so (default: this build's)\n"
    "  --threads N          worker threads (default: the number of cores)\n"
    "  --web DIR            the search page's files (default: this build's)\n"
    "  --admin-token-file F enable admin actions with the token in F\n"
    "\n"
    "The server prints `listening on http://ADDR:PORT/` when ready and stops\n"
    "on SIGINT or SIGTERM.  Exit status: 0 stopped, 1 could not start, 2 usage.\n";

static int parse_unsigned(unsigned *out, const char *text, unsigned max)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* The token is the file's first line without surrounding blanks. */
static char *read_token(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("cannot read the admin token file %s", path);
        return NULL;
    }
    char line[512] = "";
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    char *start = line;
    while (isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n && isspace((unsigned char)start[n - 1]))
        start[--n] = '\0';
    if (n < 8) {
        cli_error("%s: the admin token must be at least 8 characters on the first line", path);
        return NULL;
    }
    return strdup(start);
}

int serve_config_parse(serve_config *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"port", required_argument, NULL, 'p'},
        {"bind", required_argument, NULL, 'b'},
        {"schema", required_argument, NULL, 's'},
        {"plugin", required_argument, NULL, 'P'},
        {"threads", required_argument, NULL, 't'},
        {"web", required_argument, NULL, 'w'},
        {"admin-token-file", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema_opt = NULL, *token_file = NULL;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *c = (serve_config){.bind = "127.0.0.1", .port = 8080,
                        .plugin_path = NF_DEFAULT_PLUGIN_PATH, .web_dir = NF_SERVE_WEB_DIR,
                        .threads = cores > 0 ? (unsigned)cores : 1};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:p:b:s:P:t:w:a:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': c->db = optarg; break;
        case 'b': c->bind = optarg; break;
        case 's': schema_opt = optarg; break;
        case 'P': c->plugin_path = optarg; break;
        case 'w': c->web_dir = optarg; break;
        case 'a': token_file = optarg; break;
        case 'p':
            if (parse_unsigned(&c->port, optarg, 65535))
                return cli_usage(usage, "--port takes 0..65535, not '%s'", optarg);
            break;
        case 't':
            if (parse_unsigned(&c->threads, optarg, 1024) || c->threads == 0)
                return cli_usage(usage, "--threads takes 1..1024, not '%s'", optarg);
            break;
        case 'h': fputs(usage, stdout); return 1;
        default: return cli_usage(usage, "bad option");
        }
    }
    if (optind < argc)
        return cli_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!c->db)
        return cli_usage(usage, "--db DB is required");
    c->schema_dir = cli_schema_dir(schema_opt);
    if (token_file && !(c->admin_token = read_token(token_file)))
        return NF_EXIT_USAGE;
    return 0;
}

void serve_config_free(serve_config *c)
{
    if (c->admin_token) {
        memset(c->admin_token, 0, strlen(c->admin_token));
        free(c->admin_token);
    }
    c->admin_token = NULL;
}
