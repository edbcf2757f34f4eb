#include "nf_facet_columns.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading one slot ------------------------------------------------- */

typedef struct reader {
    nf_facet_column *col;
    size_t ids_cap;
    nf_docid next;        /* the first document whose row is not started */
    nf_docid last;
} reader;

static int push_id(reader *r, uint32_t id)
{
    nf_facet_column *col = r->col;
    if (col->nids == r->ids_cap) {
        size_t cap = r->ids_cap ? r->ids_cap * 2 : 4096;
        uint32_t *ids = realloc(col->ids, cap * sizeof *ids);
        if (!ids)
            return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
        col->ids = ids;
        r->ids_cap = cap;
    }
    col->ids[col->nids++] = id;
    return NF_OK;
}

/* Column ids count from 0; the word table's from 1. */
static int value_id(uint32_t *out, nf_facet_column *col, const char *s, size_t len)
{
    int rc = nf_wordtab_intern_n(out, &col->values, s, len);
    (*out)--;
    col->nvalues = (uint32_t)col->values.n;
    return rc;
}

static int on_value(void *vctx, nf_docid did, const char *value, size_t len)
{
    reader *r = vctx;
    nf_facet_column *col = r->col;
    if (did > r->last || did < r->next)
        return nf_set_error(NF_EDB_MODIFIED, "document %u is out of order in value slot %u",
                            did, col->slot);
    /* Rows of documents without a value here are empty. */
    while (r->next <= did)
        col->row[r->next++] = (uint32_t)col->nids;
    uint32_t id;
    if (col->months) {
        if (len < 6)
            return 0;
        char month[8] = {value[0], value[1], value[2], value[3], '-', value[4], value[5], 0};
        int rc = value_id(&id, col, month, 7);
        return rc ? rc : push_id(r, id);
    }
    /* The indexer writes each document's values sorted and distinct, so
     * each piece counts once per document. */
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || value[i] == '|') {
            if (i > start) {
                int rc = value_id(&id, col, value + start, i - start);
                if (!rc)
                    rc = push_id(r, id);
                if (rc)
                    return rc;
            }
            start = i + 1;
        }
    }
    return 0;
}

static int read_column(nf_facet_column *col, int *supported, nf_xdb *db, nf_docid last)
{
    reader r = {.col = col, .next = 0, .last = last};
    /* row[0] is docid 0 (never used); row[last + 1] ends the last row. */
    col->row = malloc(((size_t)last + 2) * sizeof *col->row);
    int rc = col->row ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    if (!rc)
        rc = nf_xdb_values(db, supported, col->slot, on_value, &r);
    if (!rc && *supported)
        while (r.next <= last + 1)
            col->row[r.next++] = (uint32_t)col->nids;
    return rc;
}

/* ---- keys (shards) ----------------------------------------------------- */

struct nf_facet_key_map {
    nf_wordtab keys;
    nf_docid *docid;       /* key id - 1 -> combined docid */
    size_t docid_cap;
};

static int on_key(void *vctx, nf_docid did, const char *value, size_t len)
{
    nf_facet_key_map *m = vctx;
    uint32_t id;
    size_t before = m->keys.n;
    int rc = nf_wordtab_intern_n(&id, &m->keys, value, len);
    if (rc)
        return rc;
    id--;
    if (m->keys.n == before)
        return nf_set_error(NF_EDB_CORRUPT, "documents %u and %u have the same key '%.*s'",
                            m->docid[id], did, (int)len, value);
    if (id >= m->docid_cap) {
        size_t cap = m->docid_cap ? m->docid_cap * 2 : 1024;
        nf_docid *d = realloc(m->docid, cap * sizeof *d);
        if (!d)
            return nf_set_error(NF_ENOMEM, "out of memory reading document keys");
        m->docid = d;
        m->docid_cap = cap;
    }
    m->docid[id] = did;
    return 0;
}

static void key_map_free(nf_facet_key_map *m)
{
    if (!m)
        return;
    nf_wordtab_free(&m->keys);
    free(m->docid);
    free(m);
}

nf_docid nf_facet_columns_docid(const nf_facet_columns *c, const char *key, size_t len)
{
    uint32_t id = c->keys ? nf_wordtab_find(&c->keys->keys, key, len) : 0;
    return id ? c->keys->docid[id - 1] : 0;
}

/* ---- the columns -------------------------------------------------------- */

static int join_rows(nf_facet_columns *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->ncols; i++) {
        c->col[i].base = c->nvalues;
        c->nvalues += c->col[i].nvalues;
        total += c->col[i].nids;
    }
    c->row = malloc(((size_t)c->lastdocid + 2) * sizeof *c->row);
    c->ids = malloc((total ? total : 1) * sizeof *c->ids);
    if (!c->row || !c->ids)
        return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    size_t k = 0;
    for (nf_docid d = 0; d <= c->lastdocid; d++) {
        c->row[d] = (uint32_t)k;
        for (size_t i = 0; i < c->ncols; i++) {
            const nf_facet_column *col = &c->col[i];
            for (uint32_t j = col->row[d]; j < col->row[d + 1]; j++)
                c->ids[k++] = col->base + col->ids[j];
        }
    }
    c->row[c->lastdocid + 1] = (uint32_t)k;
    return NF_OK;
}

int nf_facet_columns_build(nf_facet_columns **out, nf_xdb *db, const nf_valueno *slots,
                           const int *months, size_t n, nf_valueno key_slot)
{
    *out = NULL;
    nf_facet_columns *c = calloc(1, sizeof *c);
    if (!c || !(c->col = calloc(n ? n : 1, sizeof *c->col))) {
        free(c);
        return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    }
    int supported = 1;
    int rc = nf_xdb_is_local(db, &supported);
    if (!rc)
        rc = nf_xdb_lastdocid(db, &c->lastdocid);
    unsigned shards = 1;
    c->key_slot = -1;
    if (!rc && supported)
        rc = nf_xdb_shards(db, &shards);
    if (!rc && supported && shards > 1) {
        c->key_slot = (int)key_slot;
        nf_facet_key_map *m = c->keys = calloc(1, sizeof *c->keys);
        if (!m)
            rc = nf_set_error(NF_ENOMEM, "out of memory reading document keys");
        else
            rc = nf_xdb_values(db, &supported, key_slot, on_key, m);
    }
    for (size_t i = 0; i < n && !rc && supported; i++) {
        nf_facet_column *col = &c->col[c->ncols++];
        col->slot = slots[i];
        col->months = months[i];
        rc = read_column(col, &supported, db, c->lastdocid);
    }
    if (!rc && supported)
        rc = join_rows(c);
    if (rc || !supported) {
        nf_facet_columns_free(c);
        return rc;
    }
    *out = c;
    return NF_OK;
}

void nf_facet_columns_free(nf_facet_columns *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ncols; i++) {
        nf_wordtab_free(&c->col[i].values);
        free(c->col[i].row);
        free(c->col[i].ids);
    }
    free(c->col);
    free(c->row);
    free(c->ids);
    key_map_free(c->keys);
    free(c);
}

const nf_facet_column *nf_facet_columns_find(const nf_facet_columns *c, nf_valueno slot)
{
    for (size_t i = 0; c && i < c->ncols; i++)
        if (c->col[i].slot == slot)
            return &c->col[i];
    return NULL;
}
