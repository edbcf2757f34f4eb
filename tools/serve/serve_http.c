/* newsfacet serve: the libmicrohttpd daemon and the router.  Only GET and
 * HEAD reach the read-only handlers; POST only the admin actions. */
#include "serve_http.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum MHD_Result serve_reply(struct MHD_Connection *c, unsigned status,
                            const char *content_type, char *body, size_t len)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result serve_reply_json(struct MHD_Connection *c, unsigned status, char *json)
{
    if (!json)
        return MHD_NO;
    return serve_reply(c, status, "application/json; charset=utf-8", json, strlen(json));
}

enum MHD_Result serve_reply_error(struct MHD_Connection *c, unsigned status,
                                  const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *o = json_pack("{s:s}", "error", msg);
    char *body = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return serve_reply_json(c, status, body);
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static enum MHD_Result route(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version,
                             const char *upload_data, size_t *upload_data_size,
                             void **con_cls)
{
    serve_app *app = cls;
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    (void)con_cls;
    /* Every answer is decided from the headers, on the first call: a
     * request body is never read (the connection is closed after it). */
    int read_only = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
    if (starts_with(url, "/api/admin/")) {
        if (strcmp(method, MHD_HTTP_METHOD_POST) != 0)
            return serve_reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                     "%s takes POST, not %s", url, method);
        return serve_api_admin(app, c, url + strlen("/api/admin/"));
    }
    if (!read_only)
        return serve_reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                 "method %s is not allowed: the server is read-only "
                                 "(GET and HEAD)", method);
    if (!strcmp(url, "/health"))
        return serve_api_health(app, c);
    if (!strcmp(url, "/api/search"))
        return serve_api_search(app, c, 0);
    if (!strcmp(url, "/api/facets"))
        return serve_api_search(app, c, 1);
    if (starts_with(url, "/api/doc/"))
        return serve_api_doc(app, c, url + strlen("/api/doc/"));
    if (starts_with(url, "/api/") || !strcmp(url, "/api"))
        return serve_reply_error(c, MHD_HTTP_NOT_FOUND, "no API endpoint %s", url);
    return serve_static(app, c, url);
}

/* The numeric address to bind, with the port. */
static int bind_address(struct sockaddr_storage *ss, socklen_t *len, int *ipv6,
                        const char *addr, unsigned port, char *why, size_t n)
{
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE,
                             .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    int err = getaddrinfo(addr, NULL, &hints, &res);
    if (err || !res) {
        snprintf(why, n, "--bind %s is no numeric IPv4 or IPv6 address: %s", addr,
                 gai_strerror(err));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    *ipv6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    if (*ipv6)
        ((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
    else
        ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
    return 0;
}

struct MHD_Daemon *serve_http_start(serve_app *app, unsigned *port, char *why, size_t n)
{
    struct sockaddr_storage ss;
    socklen_t sslen;
    int ipv6;
    const serve_config *cfg = app->config;
    if (bind_address(&ss, &sslen, &ipv6, cfg->bind, cfg->port, why, n))
        return NULL;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                     (ipv6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, route, app,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MEMORY_LIMIT,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)SERVE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)SERVE_CONNECTION_LIMIT,
        MHD_OPTION_END);
    if (!d) {
        snprintf(why, n, "cannot listen on %s port %u (in use, or no such address?)",
                 cfg->bind, cfg->port);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : cfg->port;
    return d;
}
