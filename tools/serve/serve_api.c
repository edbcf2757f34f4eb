/* newsfacet serve: the JSON API.  Every answer comes from the plugin's
 * function table (search, get_document); the server only adds paging and
 * turns statuses into HTTP codes. */
#include "serve_http.h"
#include "serve_params.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Plugin statuses as HTTP: the client's fault, missing, or ours. */
static unsigned http_status(int rc)
{
    switch (rc) {
    case NF_EQUERY:
    case NF_EINVAL:
    case NF_ETOOLONG:
        return MHD_HTTP_BAD_REQUEST;
    case NF_ENOTFOUND:
        return MHD_HTTP_NOT_FOUND;
    case NF_EDB_OPENING:
    case NF_EDB_MODIFIED:
    case NF_EDB_LOCKED:
    case NF_ENETWORK:
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

typedef struct search_call {
    const nf_plugin_api *api;
    const nf_search_request *req;
    const char *id;               /* get_document instead of search */
    char *json;
    char error[1024];
} search_call;

static int run_call(nf_searcher *s, void *ctx)
{
    search_call *call = ctx;
    if (call->json) {
        call->api->free(call->json);
        call->json = NULL;
    }
    int rc = call->id ? call->api->get_document(&call->json, s, call->id)
                      : call->api->search(&call->json, s, call->req);
    if (rc)
        snprintf(call->error, sizeof call->error, "%s", call->api->errmsg());
    return rc;
}

/* Run CALL; on failure reply with the plugin's message. */
static int run(serve_app *app, search_call *call, struct MHD_Connection *c,
               enum MHD_Result *reply)
{
    call->api = app->plugin->api;
    int rc = serve_pool_run(app->pool, run_call, call);
    if (rc) {
        if (!call->error[0])
            snprintf(call->error, sizeof call->error, "%s", app->plugin->api->errmsg());
        *reply = serve_reply_error(c, http_status(rc), "%s", call->error);
        if (call->json)
            app->plugin->api->free(call->json);
        call->json = NULL;
    }
    return rc;
}

/* The plugin's JSON, parsed. */
static json_t *take_json(serve_app *app, search_call *call)
{
    json_t *o = json_loads(call->json, 0, NULL);
    app->plugin->api->free(call->json);
    call->json = NULL;
    return o;
}

/* JSON, the plugin's compact JSON object (parsed and checked to be one),
 * with "page", "size" and "pages" as its last members, in a new string:
 * the bytes json_dumps would write after adding them to the parsed object,
 * without writing the hits (most of the answer) again. */
static char *with_paging(const char *json, unsigned page, unsigned size, json_int_t total)
{
    size_t len = strlen(json);
    if (len < 2 || json[len - 1] != '}')
        return NULL;
    char tail[128];
    int n = snprintf(tail, sizeof tail,
                     "%s\"page\":%u,\"size\":%u,\"pages\":%" JSON_INTEGER_FORMAT "}",
                     len == 2 ? "" : ",", page, size, (total + size - 1) / size);
    char *out = malloc(len - 1 + (size_t)n + 1);
    if (!out)
        return NULL;
    memcpy(out, json, len - 1);
    memcpy(out + len - 1, tail, (size_t)n + 1);
    return out;
}

enum MHD_Result serve_api_search(serve_app *app, struct MHD_Connection *c, int facets_only)
{
    serve_params p;
    if (serve_params_read(&p, c, facets_only ? 0 : 10))
        return serve_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s", p.error);
    if (facets_only) {
        p.req.limit = 1;          /* the page is dropped; counts see every match */
        p.req.offset = 0;
        p.req.snippets = 0;
    }
    search_call call = {.req = &p.req};
    enum MHD_Result reply = MHD_NO;
    if (run(app, &call, c, &reply))
        return reply;
    /* Parsed to check the facets and read the total; the plugin's own text
     * is what is sent. */
    json_t *o = json_loads(call.json, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        app->plugin->api->free(call.json);
        return serve_reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                 "the plugin returned invalid JSON");
    }
    json_t *facets = json_object_get(o, "facets");
    for (size_t i = 0; i < p.req.nfacets; i++)
        if (!json_object_get(facets, p.facets[i])) {
            json_decref(o);
            app->plugin->api->free(call.json);
            return serve_reply_error(c, MHD_HTTP_BAD_REQUEST, "unknown facet '%s'", p.facets[i]);
        }
    char *body;
    if (facets_only) {             /* a page of one hit, dropped */
        json_object_del(o, "hits");
        body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    } else {
        body = with_paging(call.json, p.page, p.size,
                           json_integer_value(json_object_get(o, "total")));
    }
    json_decref(o);
    app->plugin->api->free(call.json);
    return serve_reply_json(c, MHD_HTTP_OK, body);
}

enum MHD_Result serve_api_doc(serve_app *app, struct MHD_Connection *c, const char *id)
{
    if (!*id)
        return serve_reply_error(c, MHD_HTTP_BAD_REQUEST, "/api/doc/ID needs an article id");
    if (strlen(id) > 4096)
        return serve_reply_error(c, MHD_HTTP_BAD_REQUEST, "the article id is too long");
    search_call call = {.id = id};
    enum MHD_Result reply = MHD_NO;
    if (run(app, &call, c, &reply))
        return reply;
    char *body = strdup(call.json);
    app->plugin->api->free(call.json);
    return serve_reply_json(c, MHD_HTTP_OK, body);
}

enum MHD_Result serve_api_health(serve_app *app, struct MHD_Connection *c)
{
    /* A search that counts no facet: a cheap check that the database
     * answers, and its current size. */
    static const char *const no_facets[1] = {""};
    nf_search_request req = {.version = NF_SEARCH_REQUEST_VERSION, .facets = no_facets,
                             .limit = 1};
    search_call call = {.req = &req};
    enum MHD_Result reply = MHD_NO;
    if (run(app, &call, c, &reply))
        return reply;
    json_t *o = take_json(app, &call);
    char schema_id[64];
    serve_pool_schema_id(app->pool, schema_id, sizeof schema_id);
    const nf_plugin_descriptor *d = app->plugin->descriptor;
    char abi[32];
    snprintf(abi, sizeof abi, "%u.%u", (unsigned)d->abi_major, (unsigned)d->abi_minor);
    json_t *h = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "status", "ok", "documents",
                          (json_int_t)json_integer_value(json_object_get(o, "total")),
                          "plugin", d->name, "version", d->version, "abi", abi,
                          "schema", schema_id);
    json_decref(o);
    char *body = h ? json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(h);
    return serve_reply_json(c, MHD_HTTP_OK, body);
}

/* Compare without leaking where the first difference is. */
static int same_secret(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < la; i++)
        diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return diff == 0;
}

enum MHD_Result serve_api_admin(serve_app *app, struct MHD_Connection *c, const char *action)
{
    const char *token = app->config->admin_token;
    if (!token)
        return serve_reply_error(c, MHD_HTTP_FORBIDDEN,
                                 "admin actions are disabled (start the server with "
                                 "--admin-token-file)");
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_AUTHORIZATION);
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !same_secret(auth + 7, token))
        return serve_reply_error(c, MHD_HTTP_UNAUTHORIZED,
                                 "admin actions need 'Authorization: Bearer TOKEN'");
    if (strcmp(action, "reload-schema") != 0)
        return serve_reply_error(c, MHD_HTTP_NOT_FOUND, "no admin action '%s'", action);
    char why[1024];
    if (serve_pool_reload_schema(app->pool, why, sizeof why))
        return serve_reply_error(c, MHD_HTTP_UNPROCESSABLE_CONTENT, "%s", why);
    char schema_id[64];
    serve_pool_schema_id(app->pool, schema_id, sizeof schema_id);
    json_t *o = json_pack("{s:s, s:s}", "status", "reloaded", "schema", schema_id);
    char *body = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return serve_reply_json(c, MHD_HTTP_OK, body);
}
