/* newsfacet serve: the schema and a pool of searchers, one per request in
 * flight (a searcher is used by one thread at a time). */
#ifndef SERVE_POOL_H
#define SERVE_POOL_H

#include <newsfacet/nf_plugin.h>

typedef struct serve_pool serve_pool;

/* Open the schema and one searcher (so a bad database fails at start). */
int serve_pool_open(serve_pool **out, const nf_plugin_api *api, const char *schema_dir,
                    const char *db, char *why, size_t n);
void serve_pool_close(serve_pool *p);

/* Run FN with a searcher brought up to date with the database's last
 * commit; when the database changes under it (NF_EDB_MODIFIED) the
 * searcher is reopened and FN runs once more.  Returns FN's status; on
 * failure the plugin's errmsg() says why (same thread). */
typedef int (*serve_searcher_fn)(nf_searcher *s, void *ctx);
int serve_pool_run(serve_pool *p, serve_searcher_fn fn, void *ctx);

/* Load the schema directory again (an admin changed it); requests wait
 * while the searchers are swapped.  -1 with WHY if the new schema fails
 * (the old one stays). */
int serve_pool_reload_schema(serve_pool *p, char *why, size_t n);

/* The schema id in use, copied into BUF. */
void serve_pool_schema_id(serve_pool *p, char *buf, size_t n);

#endif
