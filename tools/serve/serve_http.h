/* newsfacet serve: the HTTP side (libmicrohttpd): the daemon, routing and
 * replies shared by the handlers. */
#ifndef SERVE_HTTP_H
#define SERVE_HTTP_H

#include <microhttpd.h>
#include <stddef.h>

#include "serve_config.h"
#include "serve_plugin.h"
#include "serve_pool.h"

typedef struct serve_app {
    const serve_config *config;
    const serve_plugin *plugin;
    serve_pool *pool;
} serve_app;

/* Start the daemon (thread pool of config->threads); *port receives the
 * port bound (useful with port 0).  NULL with WHY on failure. */
struct MHD_Daemon *serve_http_start(serve_app *app, unsigned *port, char *why, size_t n);

/* Replies: every one carries the same safety headers. */
enum MHD_Result serve_reply(struct MHD_Connection *c, unsigned status,
                            const char *content_type, char *body, size_t len);
/* {"error": MESSAGE} with STATUS. */
enum MHD_Result serve_reply_error(struct MHD_Connection *c, unsigned status,
                                  const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A JSON body the plugin or jansson allocated with malloc (taken over). */
enum MHD_Result serve_reply_json(struct MHD_Connection *c, unsigned status, char *json);

/* Handlers (serve_api.c, serve_static.c). */
enum MHD_Result serve_api_search(serve_app *app, struct MHD_Connection *c, int facets_only);
enum MHD_Result serve_api_doc(serve_app *app, struct MHD_Connection *c, const char *id);
enum MHD_Result serve_api_health(serve_app *app, struct MHD_Connection *c);
enum MHD_Result serve_api_admin(serve_app *app, struct MHD_Connection *c, const char *action);
enum MHD_Result serve_static(serve_app *app, struct MHD_Connection *c, const char *path);

#endif
