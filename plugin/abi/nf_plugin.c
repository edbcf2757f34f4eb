/* The loadable plugin: one exported entry point returning a constant
 * descriptor and function table (include/newsfacet/nf_plugin.h).  No
 * global state: everything hangs off the handles the host holds. */
#include <newsfacet/nf_plugin.h>
#include <newsfacet/nf_version.h>

#include "analyse/nf_analysis.h"
#include "analyse/nf_stem.h"
#include "core/nf_error.h"
#include "index/nf_document.h"
#include "index/nf_indexer.h"
#include "read/nf_read.h"
#include "search/nf_query.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- articles handed over by hosts -------------------------------------- */

typedef struct capture {
    nf_article *article;
    char error[512];
} capture;

static int keep_article(void *ctx, nf_article *a)
{
    capture *c = ctx;
    if (c->article) {           /* one article per call */
        nf_article_free(a);
        return 1;
    }
    c->article = a;
    return 0;
}

static void keep_error(void *ctx, const char *path, unsigned long line, int status,
                       const char *message)
{
    capture *c = ctx;
    (void)line;
    (void)status;
    snprintf(c->error, sizeof c->error, "%s: %s", path, message);
}

static void set_field(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new(o, key, json_string(value));
}

/* Read the host's article through the JSON Lines reader (one record), so
 * metadata, HTML bodies and ids follow exactly the rules of files; plain
 * text without a title goes through the text reader (first line headline). */
static int read_article(nf_article **out, const nf_schema *s, const nf_plugin_article *in)
{
    *out = NULL;
    if (!in || in->version != NF_PLUGIN_ARTICLE_VERSION)
        return nf_set_error(NF_EINVAL, "nf_plugin_article version %d is not %d",
                            in ? in->version : -1, NF_PLUGIN_ARTICLE_VERSION);
    if (!in->text && !in->html)
        return nf_set_error(NF_EINPUT, "article %s has neither text nor html",
                            in->id ? in->id : in->name ? in->name : "(unnamed)");
    const char *name = in->name ? in->name : in->id ? in->id : "<article>";
    capture c = {NULL, ""};
    nf_read_opts ro = NF_READ_OPTS_INIT;
    ro.conf = s ? s->reader : NULL;
    int rc;
    if (in->text && !in->title && !in->html) {
        rc = nf_read_memory(in->text, in->text_len, NF_FORMAT_TEXT, name, &ro,
                            keep_article, keep_error, &c);
        if (rc == NF_OK && c.article && in->id) {
            char *id = strdup(in->id);
            if (!id) {
                nf_article_free(c.article);
                return nf_set_error(NF_ENOMEM, "out of memory");
            }
            free(c.article->id);
            c.article->id = id;
        }
    } else {
        json_t *rec = json_object();
        set_field(rec, "id", in->id);
        set_field(rec, "url", in->url);
        set_field(rec, "title", in->title);
        set_field(rec, "source", in->source);
        set_field(rec, "published", in->published);
        set_field(rec, "author", in->author);
        if (in->text)
            json_object_set_new(rec, "text", json_stringn_nocheck(in->text, in->text_len));
        else
            json_object_set_new(rec, "html", json_stringn_nocheck(in->html, in->html_len));
        char *line = json_dumps(rec, JSON_COMPACT);
        json_decref(rec);
        if (!line)
            return nf_set_error(NF_ENOMEM, "out of memory reading article %s", name);
        rc = nf_read_memory(line, strlen(line), NF_FORMAT_JSONL, name, &ro,
                            keep_article, keep_error, &c);
        free(line);
    }
    if (rc == NF_OK && !c.article)
        rc = nf_set_error(NF_EINPUT, "%s", c.error[0] ? c.error : "no article read");
    if (rc) {
        nf_article_free(c.article);
        return rc;
    }
    *out = c.article;
    return NF_OK;
}

/* ---- stemmers lent out by a schema handle ----------------------------------
 * A stemmer's cache warms up over many articles, and making one allocates
 * the cache: index_document borrows one from its schema handle instead of
 * making one per call.  Hosts may call it from several threads with one
 * handle, and a stemmer serves one thread at a time, so the handle keeps
 * the idle ones and makes another only when all are lent out. */

struct nf_plugin_stemmers {
    pthread_mutex_t lock;
    nf_stemmer **idle;
    size_t nidle, cap;
};

static void stemmers_free(struct nf_plugin_stemmers *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nidle; i++)
        nf_stemmer_free(p->idle[i]);
    free(p->idle);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

/* A stemmer for S's language (NULL when it does not stem). */
static int stemmer_borrow(nf_stemmer **out, const nf_schema *s)
{
    struct nf_plugin_stemmers *p = s->plugin_stemmers;
    *out = NULL;
    if (p) {
        pthread_mutex_lock(&p->lock);
        if (p->nidle)
            *out = p->idle[--p->nidle];
        pthread_mutex_unlock(&p->lock);
        if (*out)
            return NF_OK;
    }
    return nf_stemmer_new(out, s->language);
}

static void stemmer_return(const nf_schema *s, nf_stemmer *st)
{
    struct nf_plugin_stemmers *p = s->plugin_stemmers;
    if (!st)
        return;
    if (p) {
        pthread_mutex_lock(&p->lock);
        if (p->nidle == p->cap) {
            size_t cap = p->cap ? 2 * p->cap : 4;
            nf_stemmer **v = realloc(p->idle, cap * sizeof *v);
            if (v) {
                p->idle = v;
                p->cap = cap;
            }
        }
        int kept = p->nidle < p->cap;
        if (kept)
            p->idle[p->nidle++] = st;
        pthread_mutex_unlock(&p->lock);
        if (kept)
            return;
    }
    nf_stemmer_free(st);
}

/* ---- the table ------------------------------------------------------------- */

static int p_schema_open(nf_schema **out, const nf_plugin_schema_opts *opts)
{
    if (!out)
        return nf_set_error(NF_EINVAL, "schema_open: out is NULL");
    *out = NULL;
    if (!opts || opts->version != NF_PLUGIN_SCHEMA_OPTS_VERSION || !opts->schema_dir)
        return nf_set_error(NF_EINVAL, "schema_open: needs nf_plugin_schema_opts version %d "
                            "with a schema_dir", NF_PLUGIN_SCHEMA_OPTS_VERSION);
    nf_schema *s = NULL;
    int rc = nf_schema_load(&s, opts->schema_dir);
    if (rc)
        return rc;
    struct nf_plugin_stemmers *p = calloc(1, sizeof *p);
    if (!p || pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p);
        nf_schema_free(s);
        return nf_set_error(NF_ENOMEM, "schema_open: out of memory");
    }
    s->plugin_stemmers = p;
    *out = s;
    return NF_OK;
}

static void p_schema_close(nf_schema *s)
{
    if (s)
        stemmers_free(s->plugin_stemmers);
    nf_schema_free(s);
}

static const char *p_schema_id(const nf_schema *s)
{
    return s ? s->id : "";
}

static int p_analyse(char **json, const nf_schema *s, const nf_plugin_article *in)
{
    *json = NULL;
    nf_article *art = NULL;
    nf_analysis *a = NULL;
    int rc = read_article(&art, s, in);
    if (!rc)
        rc = nf_analyse(&a, s, art);
    if (!rc)
        rc = nf_analysis_to_json(json, a);
    nf_analysis_free(a);
    nf_article_free(art);
    return rc;
}

static int p_index_document(const nf_schema *s, const nf_plugin_article *in, void *xdoc)
{
    nf_article *art = NULL;
    nf_analysis *a = NULL;
    nf_stemmer *st = NULL;
    nf_xdoc *doc = NULL;
    int rc = read_article(&art, s, in);
    if (!rc)
        rc = stemmer_borrow(&st, s);
    if (!rc)
        rc = nf_analyse(&a, s, art);
    if (!rc)
        rc = nf_xdoc_from_native(&doc, xdoc);
    if (!rc)
        rc = nf_document_fill(doc, a, st);
    nf_xdoc_free(doc);
    nf_analysis_free(a);
    stemmer_return(s, st);
    nf_article_free(art);
    return rc;
}

static int p_id_term(char **term, const nf_plugin_article *in)
{
    *term = NULL;
    nf_article *art = NULL;
    /* Ids do not depend on the schema: no reader settings needed. */
    int rc = read_article(&art, NULL, in);
    if (!rc)
        rc = nf_document_id_term(term, art->id);
    nf_article_free(art);
    return rc;
}

struct nf_plugin_writer {
    const nf_schema *schema;
    nf_indexer *ix;
    unsigned long indexed, failed;
};

static void count_outcome(void *ctx, const nf_article *a, nf_index_outcome o, const char *msg)
{
    nf_plugin_writer *w = ctx;
    (void)a;
    (void)msg;
    if (o == NF_INDEXED_FAILED || o == NF_INDEXED_LOST)
        w->failed++;
    else
        w->indexed++;
}

static int p_writer_open(nf_plugin_writer **out, const nf_schema *s, const char *db_path,
                         unsigned shards)
{
    *out = NULL;
    nf_plugin_writer *w = calloc(1, sizeof *w);
    if (!w)
        return nf_set_error(NF_ENOMEM, "out of memory");
    w->schema = s;
    nf_index_opts o = {.version = NF_INDEX_OPTS_VERSION, .shards = shards,
                       .report = count_outcome, .report_ctx = w};
    int rc = nf_indexer_open(&w->ix, db_path, s, &o);
    if (rc) {
        free(w);
        return rc;
    }
    *out = w;
    return NF_OK;
}

static int p_writer_add(nf_plugin_writer *w, const nf_plugin_article *in)
{
    nf_article *art = NULL;
    int rc = read_article(&art, w->schema, in);
    if (rc)
        return rc;
    return nf_indexer_add(w->ix, art);
}

static int p_writer_close(nf_plugin_writer *w, unsigned long *indexed, unsigned long *failed)
{
    if (!w)
        return NF_OK;
    int rc = nf_indexer_close(w->ix);
    if (indexed)
        *indexed = w->indexed;
    if (failed)
        *failed = w->failed;
    free(w);
    return rc;
}

static int p_setup_queryparser(const nf_schema *s, void *xqp)
{
    nf_xqp *qp = NULL;
    int rc = nf_xqp_from_native(&qp, xqp);
    if (!rc)
        rc = nf_query_setup(qp, s);
    nf_xqp_free(qp);
    return rc;
}

static int p_search(char **json, nf_searcher *s, const nf_search_request *req)
{
    *json = NULL;
    nf_search_result *r = NULL;
    int rc = nf_search(&r, s, req);
    if (!rc)
        rc = nf_search_result_json(json, r);
    nf_search_result_free(r);
    return rc;
}

static int p_searcher_open(nf_searcher **out, const nf_schema *s, const char *db)
{
    return nf_searcher_open(out, db, s);
}

static const nf_plugin_api api = {
    .struct_size = sizeof(nf_plugin_api),
    .schema_open = p_schema_open,
    .schema_close = p_schema_close,
    .schema_id = p_schema_id,
    .analyse = p_analyse,
    .index_document = p_index_document,
    .id_term = p_id_term,
    .writer_open = p_writer_open,
    .writer_add = p_writer_add,
    .writer_close = p_writer_close,
    .setup_queryparser = p_setup_queryparser,
    .searcher_open = p_searcher_open,
    .search = p_search,
    .searcher_reopen = nf_searcher_reopen,
    .searcher_close = nf_searcher_free,
    .errmsg = nf_errmsg,
    .free = free,
    .get_document = nf_searcher_document,
};

static const nf_plugin_descriptor descriptor = {
    .abi_major = NF_PLUGIN_ABI_MAJOR,
    .abi_minor = NF_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(nf_plugin_descriptor),
    .name = "newsfacet",
    .version = NF_VERSION_STRING,
    .api = &api,
};

NF_API const nf_plugin_descriptor *newsfacet_plugin_entry(void)
{
    return &descriptor;
}
