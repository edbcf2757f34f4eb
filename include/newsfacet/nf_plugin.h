/* newsfacet: the loadable plugin ABI.
 *
 * libnewsfacet_plugin.so exports one symbol, newsfacet_plugin_entry(),
 * returning a constant descriptor: the ABI version, the descriptor's size,
 * the plugin's name and version, and a table of functions.  Everything else
 * in the shared object is hidden.  The plugin keeps no global state: each
 * schema handle is independent, so two schemas work in one process.
 *
 * A host dlopen()s the object, calls the entry point and checks the
 * descriptor with nf_plugin_check() before using the table:
 *
 *     void *so = dlopen("libnewsfacet_plugin.so", RTLD_NOW | RTLD_LOCAL);
 *     nf_plugin_entry_fn entry = (nf_plugin_entry_fn)dlsym(so, NF_PLUGIN_ENTRY_SYMBOL);
 *     const nf_plugin_descriptor *d = entry();
 *     char why[256];
 *     if (nf_plugin_check(d, why, sizeof why) != 0) { fprintf(stderr, "%s\n", why); ... }
 *     nf_schema *schema;
 *     nf_plugin_schema_opts so_opts = {NF_PLUGIN_SCHEMA_OPTS_VERSION, "/path/to/schema"};
 *     if (d->api->schema_open(&schema, &so_opts) != 0) puts(d->api->errmsg());
 *
 * Within one ABI major version, minor versions only append members to the
 * table; a host compiled against minor M may use members up to M when the
 * plugin's minor is >= M (struct_size says how much of the table exists).
 */
#ifndef NF_PLUGIN_H
#define NF_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <newsfacet/nf_search.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NF_PLUGIN_ABI_MAJOR 1
#define NF_PLUGIN_ABI_MINOR 1
#define NF_PLUGIN_ENTRY_SYMBOL "newsfacet_plugin_entry"

typedef struct nf_plugin_writer nf_plugin_writer;

typedef struct nf_plugin_schema_opts {
    int version;                  /* NF_PLUGIN_SCHEMA_OPTS_VERSION */
    const char *schema_dir;       /* a schema directory (schema.yaml ...) */
} nf_plugin_schema_opts;
#define NF_PLUGIN_SCHEMA_OPTS_VERSION 1

/* An article handed over by a host.  Either TEXT (plain text, the first
 * non-empty line is the headline unless TITLE is given) or HTML (a page,
 * read like an .html file).  Metadata given here wins over what the page
 * says.  All strings are UTF-8 (invalid bytes are replaced); NULL means
 * absent. */
typedef struct nf_plugin_article {
    int version;                  /* NF_PLUGIN_ARTICLE_VERSION */
    const char *id;               /* unique id; else URL, else NAME */
    const char *name;             /* a file name for messages, or NULL */
    const char *title, *url, *source, *published, *author;
    const char *text;
    size_t text_len;
    const char *html;
    size_t html_len;
} nf_plugin_article;
#define NF_PLUGIN_ARTICLE_VERSION 1

typedef struct nf_plugin_api {
    uint32_t struct_size;         /* sizeof(nf_plugin_api) of the plugin */

    /* Schemas. */
    int (*schema_open)(nf_schema **out, const nf_plugin_schema_opts *opts);
    void (*schema_close)(nf_schema *schema);
    const char *(*schema_id)(const nf_schema *schema);

    /* The JSON object of `newsfacet analyze --json` for one article. */
    int (*analyse)(char **json, const nf_schema *schema, const nf_plugin_article *article);

    /* Fill a Xapian::Document the host owns (a `Xapian::Document *`,
     * passed as void * to keep this header C) with everything newsfacet
     * writes: free-text terms, Q id term, facets, values and data.  The
     * host adds it to its own database, with replace_document on the id
     * term to replace earlier versions. */
    int (*index_document)(const nf_schema *schema, const nf_plugin_article *article,
                          void *xapian_document);
    /* The Q unique-id term of an article, for replace_document. */
    int (*id_term)(char **term, const nf_plugin_article *article);

    /* Or let the plugin write a database (hosts without Xapian). */
    int (*writer_open)(nf_plugin_writer **out, const nf_schema *schema,
                       const char *db_path, unsigned shards);
    int (*writer_add)(nf_plugin_writer *w, const nf_plugin_article *article);
    /* Commits; *added etc. may be NULL.  Frees W. */
    int (*writer_close)(nf_plugin_writer *w, unsigned long *indexed, unsigned long *failed);

    /* Set up a host's Xapian::QueryParser (`Xapian::QueryParser *` as
     * void *): stemming, title:/author: and facet prefixes, money:,
     * percent: and published: ranges.  SCHEMA must outlive the parser. */
    int (*setup_queryparser)(const nf_schema *schema, void *xapian_queryparser);

    /* Faceted search over a database directory or stub file. */
    int (*searcher_open)(nf_searcher **out, const nf_schema *schema, const char *db_path);
    int (*search)(char **json, nf_searcher *searcher, const nf_search_request *request);
    int (*searcher_reopen)(nf_searcher *searcher);
    void (*searcher_close)(nf_searcher *searcher);

    /* The message of the calling thread's last failure. */
    const char *(*errmsg)(void);
    /* Free strings the plugin returned. */
    void (*free)(void *p);

    /* ABI 1.1: one article by its id, as JSON: {"id", "title", "url",
     * "source", "published", "author", "sample", "claims": [evidence],
     * "facets": {name: [values]}}; NF_ENOTFOUND when there is none. */
    int (*get_document)(char **json, nf_searcher *searcher, const char *id);
} nf_plugin_api;

typedef struct nf_plugin_descriptor {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t struct_size;         /* sizeof(nf_plugin_descriptor) */
    const char *name;             /* "newsfacet" */
    const char *version;          /* the plugin's version, "0.1.0" */
    const nf_plugin_api *api;
} nf_plugin_descriptor;

typedef const nf_plugin_descriptor *(*nf_plugin_entry_fn)(void);

/* The one symbol the shared object exports. */
NF_API const nf_plugin_descriptor *newsfacet_plugin_entry(void);

/* For hosts: 0 when D can be used by a host built against this header,
 * else -1 with the reason in WHY. */
static inline int nf_plugin_check(const nf_plugin_descriptor *d, char *why, size_t n)
{
    /* A variable, not the macro, so a minor of 0 compares without warnings. */
    const uint32_t host_minor = NF_PLUGIN_ABI_MINOR;
    if (!d) {
        snprintf(why, n, "the plugin returned no descriptor");
        return -1;
    }
    if (d->abi_major != NF_PLUGIN_ABI_MAJOR) {
        snprintf(why, n, "plugin %s %s has ABI %u.%u, this host needs ABI %u.x",
                 d->name ? d->name : "?", d->version ? d->version : "?",
                 (unsigned)d->abi_major, (unsigned)d->abi_minor,
                 (unsigned)NF_PLUGIN_ABI_MAJOR);
        return -1;
    }
    if (d->abi_minor < host_minor || d->struct_size < sizeof(nf_plugin_descriptor) ||
        !d->api || d->api->struct_size < sizeof(nf_plugin_api)) {
        snprintf(why, n, "plugin %s %s has ABI %u.%u, older than this host's %u.%u",
                 d->name ? d->name : "?", d->version ? d->version : "?",
                 (unsigned)d->abi_major, (unsigned)d->abi_minor,
                 (unsigned)NF_PLUGIN_ABI_MAJOR, (unsigned)NF_PLUGIN_ABI_MINOR);
        return -1;
    }
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif
