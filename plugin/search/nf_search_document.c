/* One article as JSON, found by its id: the fields of its document data,
 * the values of every facet (read back from its boolean terms) and the
 * claim evidence.  The server's /api/doc/ID page calls it. */
#include <newsfacet/nf_search.h>
#include "nf_searcher_internal.h"
#include "core/nf_error.h"
#include "index/nf_document.h"
#include "schema/nf_schema.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct term_walk {
    const nf_schema *schema;
    json_t *facets;            /* facet name -> array of values */
} term_walk;

/* A facet's term is its prefix followed by a value id.  Ids are lower
 * case, so a prefix followed by an upper-case letter is another, longer
 * prefix (XCO... is not XCLOUD...); number facets also hold their '#'
 * trie keys, which are no values. */
static int add_facet_term(void *ctx, const char *term, size_t len, unsigned wdf,
                          const nf_termpos *positions, size_t npos)
{
    term_walk *w = ctx;
    (void)wdf;
    (void)positions;
    (void)npos;
    for (size_t i = 0; i < w->schema->nfacets; i++) {
        const nf_facet_def *f = &w->schema->facets[i];
        size_t pl = strlen(f->prefix);
        if (len <= pl || memcmp(term, f->prefix, pl) != 0)
            continue;
        char next = term[pl];
        if ((next >= 'A' && next <= 'Z') || next == '#')
            continue;
        json_t *arr = json_object_get(w->facets, f->name);
        json_array_append_new(arr, json_stringn(term + pl, len - pl));
    }
    return 0;
}

static void add_data_fields(json_t *o, const char *data, size_t len)
{
    static const char *const keys[][2] = {
        {"id", "id"}, {"caption", "title"}, {"url", "url"}, {"source", "source"},
        {"published", "published"}, {"author", "author"}, {"sample", "sample"},
        {"type", "type"},
    };
    const char *end = data + len;
    for (const char *line = data; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *stop = nl ? nl : end;
        const char *eq = memchr(line, '=', (size_t)(stop - line));
        if (eq) {
            size_t kl = (size_t)(eq - line);
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
                if (strlen(keys[k][0]) == kl && memcmp(line, keys[k][0], kl) == 0)
                    json_object_set_new(o, keys[k][1],
                                        json_stringn(eq + 1, (size_t)(stop - eq - 1)));
            if (kl == 8 && memcmp(line, "evidence", 8) == 0) {
                json_t *ev = json_loadb(eq + 1, (size_t)(stop - eq - 1), 0, NULL);
                json_object_set_new(o, "claims", ev ? ev : json_array());
            }
        }
        line = nl ? nl + 1 : end;
    }
    if (!json_object_get(o, "claims"))
        json_object_set_new(o, "claims", json_array());
}

NF_API int nf_searcher_document(char **json, nf_searcher *s, const char *id)
{
    *json = NULL;
    if (!id || !*id)
        return nf_set_error(NF_EINVAL, "document lookup: the id is empty");
    nf_xdb *db = nf_searcher_xdb(s);
    const nf_schema *schema = nf_searcher_schema(s);
    char *term = NULL;
    nf_docid did = 0;
    nf_xdoc *doc = NULL;
    const char *data = NULL;
    size_t len = 0;
    int rc = nf_document_id_term(&term, id);
    if (!rc)
        rc = nf_xdb_find_document(&did, db, term);
    if (rc == NF_ENOTFOUND)
        rc = nf_set_error(NF_ENOTFOUND, "no article with id '%s' in %s", id, nf_xdb_path(db));
    free(term);
    if (!rc)
        rc = nf_xdb_get_document(&doc, db, did);
    if (!rc)
        rc = nf_xdoc_get_data(&data, &len, doc);
    if (rc) {
        nf_xdoc_free(doc);
        return rc;
    }
    json_t *o = json_object(), *facets = json_object();
    add_data_fields(o, data, len);
    for (size_t i = 0; i < schema->nfacets; i++)
        json_object_set_new(facets, schema->facets[i].name, json_array());
    term_walk w = {schema, facets};
    rc = nf_xdoc_terms(doc, add_facet_term, &w);
    nf_xdoc_free(doc);
    json_object_set_new(o, "facets", facets);
    if (!rc && !(*json = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        rc = nf_set_error(NF_ENOMEM, "out of memory writing article %s as JSON", id);
    json_decref(o);
    return rc;
}
