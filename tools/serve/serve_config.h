/* newsfacet serve: the command line, turned into the server's settings. */
#ifndef SERVE_CONFIG_H
#define SERVE_CONFIG_H

typedef struct serve_config {
    const char *db;               /* database directory or stub file */
    const char *bind;             /* numeric address, 127.0.0.1 by default */
    unsigned port;                /* 0: any free port (printed at start) */
    const char *schema_dir;
    const char *plugin_path;      /* libnewsfacet_plugin.so */
    const char *web_dir;          /* the search page's files */
    unsigned threads;             /* libmicrohttpd thread pool size */
    char *admin_token;            /* from --admin-token-file, or NULL */
} serve_config;

/* Limits that keep one client from tying up the server. */
enum {
    SERVE_MAX_QUERY_BYTES = 1024, /* q= */
    SERVE_MAX_PARAMS = 64,        /* query-string parameters per request */
    SERVE_MAX_PAGE_SIZE = 100,    /* hits per page */
    SERVE_MAX_PAGE = 10000,
    SERVE_MEMORY_LIMIT = 64 * 1024, /* per connection: headers + body */
    SERVE_TIMEOUT_S = 15,         /* idle connection timeout */
    SERVE_CONNECTION_LIMIT = 512,
};

/* 0: ready; 1: --help printed; 2: usage error printed. */
int serve_config_parse(serve_config *c, int argc, char **argv);
void serve_config_free(serve_config *c);

#endif
