/* newsfacet serve: searchers are opened on demand and kept on a free list
 * guarded by a mutex, so there are never more than requests in flight.  A
 * read-write lock lets an admin reload swap the schema (which searchers
 * point into) while no request holds one. */
#include "serve_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct serve_pool {
    const nf_plugin_api *api;
    char *schema_dir, *db;
    nf_schema *schema;
    pthread_rwlock_t schema_lock;   /* read: a request; write: reload */
    pthread_mutex_t free_lock;
    nf_searcher **free_list;
    size_t nfree, cap;
};

static void close_searchers(serve_pool *p)
{
    for (size_t i = 0; i < p->nfree; i++)
        p->api->searcher_close(p->free_list[i]);
    p->nfree = 0;
}

static void put_back(serve_pool *p, nf_searcher *s)
{
    pthread_mutex_lock(&p->free_lock);
    if (p->nfree == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        nf_searcher **grown = realloc(p->free_list, cap * sizeof *grown);
        if (!grown) {
            pthread_mutex_unlock(&p->free_lock);
            p->api->searcher_close(s);   /* no room: open another next time */
            return;
        }
        p->free_list = grown;
        p->cap = cap;
    }
    p->free_list[p->nfree++] = s;
    pthread_mutex_unlock(&p->free_lock);
}

static int take(nf_searcher **out, serve_pool *p)
{
    *out = NULL;
    pthread_mutex_lock(&p->free_lock);
    if (p->nfree)
        *out = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->free_lock);
    if (*out)
        return NF_OK;
    return p->api->searcher_open(out, p->schema, p->db);
}

int serve_pool_open(serve_pool **out, const nf_plugin_api *api, const char *schema_dir,
                    const char *db, char *why, size_t n)
{
    *out = NULL;
    serve_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->schema_dir = strdup(schema_dir)) || !(p->db = strdup(db))) {
        if (p)
            free(p->schema_dir);
        free(p);
        snprintf(why, n, "out of memory");
        return -1;
    }
    p->api = api;
    pthread_rwlock_init(&p->schema_lock, NULL);
    pthread_mutex_init(&p->free_lock, NULL);
    nf_plugin_schema_opts so = {NF_PLUGIN_SCHEMA_OPTS_VERSION, schema_dir};
    nf_searcher *first = NULL;
    if (api->schema_open(&p->schema, &so) != NF_OK ||
        api->searcher_open(&first, p->schema, db) != NF_OK) {
        snprintf(why, n, "%s", api->errmsg());
        serve_pool_close(p);
        return -1;
    }
    put_back(p, first);
    *out = p;
    return 0;
}

void serve_pool_close(serve_pool *p)
{
    if (!p)
        return;
    close_searchers(p);
    if (p->schema)
        p->api->schema_close(p->schema);
    pthread_rwlock_destroy(&p->schema_lock);
    pthread_mutex_destroy(&p->free_lock);
    free(p->free_list);
    free(p->schema_dir);
    free(p->db);
    free(p);
}

int serve_pool_run(serve_pool *p, serve_searcher_fn fn, void *ctx)
{
    nf_searcher *s = NULL;
    pthread_rwlock_rdlock(&p->schema_lock);
    int rc = take(&s, p);
    /* Pick up commits made since this searcher last ran (new articles). */
    if (!rc)
        rc = p->api->searcher_reopen(s);
    if (!rc) {
        rc = fn(s, ctx);
        if (rc == NF_EDB_MODIFIED && p->api->searcher_reopen(s) == NF_OK)
            rc = fn(s, ctx);
    }
    if (s && rc != NF_EDB_MODIFIED && rc != NF_EDB_OPENING && rc != NF_EDB_CORRUPT &&
        rc != NF_ENETWORK)
        put_back(p, s);
    else if (s)
        p->api->searcher_close(s);     /* a searcher in doubt is not reused */
    pthread_rwlock_unlock(&p->schema_lock);
    return rc;
}

int serve_pool_reload_schema(serve_pool *p, char *why, size_t n)
{
    nf_plugin_schema_opts so = {NF_PLUGIN_SCHEMA_OPTS_VERSION, p->schema_dir};
    nf_schema *fresh = NULL;
    if (p->api->schema_open(&fresh, &so) != NF_OK) {
        snprintf(why, n, "%s", p->api->errmsg());
        return -1;
    }
    pthread_rwlock_wrlock(&p->schema_lock);
    pthread_mutex_lock(&p->free_lock);
    close_searchers(p);
    pthread_mutex_unlock(&p->free_lock);
    p->api->schema_close(p->schema);
    p->schema = fresh;
    pthread_rwlock_unlock(&p->schema_lock);
    return 0;
}

void serve_pool_schema_id(serve_pool *p, char *buf, size_t n)
{
    pthread_rwlock_rdlock(&p->schema_lock);
    snprintf(buf, n, "%s", p->api->schema_id(p->schema));
    pthread_rwlock_unlock(&p->schema_lock);
}
