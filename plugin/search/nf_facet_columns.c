#include "nf_facet_columns.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

/* ---- interning: value text -> id (open addressing, FNV-1a) ------------- */

typedef struct intern {
    char ***values;       /* the column's id -> value array (grows) */
    uint32_t *nvalues;
    size_t values_cap;
    uint32_t *table;      /* id + 1, 0 = empty */
    size_t table_cap;     /* a power of two */
} intern;

static uint64_t fnv1a(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int intern_grow(intern *in)
{
    size_t cap = in->table_cap ? in->table_cap * 2 : 256;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    for (size_t i = 0; i < in->table_cap; i++) {
        uint32_t id1 = in->table[i];
        if (!id1)
            continue;
        const char *v = (*in->values)[id1 - 1];
        size_t j = fnv1a(v, strlen(v)) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = id1;
    }
    free(in->table);
    in->table = t;
    in->table_cap = cap;
    return NF_OK;
}

static int intern_id(uint32_t *out, intern *in, const char *s, size_t len)
{
    if ((size_t)*in->nvalues * 2 >= in->table_cap && intern_grow(in))
        return NF_ENOMEM;
    size_t j = fnv1a(s, len) & (in->table_cap - 1);
    for (; in->table[j]; j = (j + 1) & (in->table_cap - 1)) {
        const char *v = (*in->values)[in->table[j] - 1];
        if (strncmp(v, s, len) == 0 && v[len] == '\0') {
            *out = in->table[j] - 1;
            return NF_OK;
        }
    }
    if (*in->nvalues == in->values_cap) {
        size_t cap = in->values_cap ? in->values_cap * 2 : 64;
        char **v = realloc(*in->values, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
        *in->values = v;
        in->values_cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    memcpy(copy, s, len);
    copy[len] = '\0';
    uint32_t id = (*in->nvalues)++;
    (*in->values)[id] = copy;
    in->table[j] = id + 1;
    *out = id;
    return NF_OK;
}

/* ---- reading one slot ------------------------------------------------- */

typedef struct reader {
    nf_facet_column *col;
    intern in;
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
        int rc = intern_id(&id, &r->in, month, 7);
        return rc ? rc : push_id(r, id);
    }
    /* The indexer writes each document's values sorted and distinct, so
     * each piece counts once per document. */
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || value[i] == '|') {
            if (i > start) {
                int rc = intern_id(&id, &r->in, value + start, i - start);
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
    reader r = {.col = col, .in = {.values = &col->values, .nvalues = &col->nvalues},
                .next = 0, .last = last};
    /* row[0] is docid 0 (never used); row[last + 1] ends the last row. */
    col->row = malloc(((size_t)last + 2) * sizeof *col->row);
    int rc = col->row ? NF_OK : nf_set_error(NF_ENOMEM, "out of memory reading facet values");
    if (!rc)
        rc = nf_xdb_values(db, supported, col->slot, on_value, &r);
    if (!rc && *supported)
        while (r.next <= last + 1)
            col->row[r.next++] = (uint32_t)col->nids;
    free(r.in.table);
    return rc;
}

/* ---- keys (shards) ----------------------------------------------------- */

struct nf_facet_key_map {
    char **keys;
    uint32_t nkeys;
    intern in;
    nf_docid *docid;       /* key id -> combined docid */
    size_t docid_cap;
};

static int on_key(void *vctx, nf_docid did, const char *value, size_t len)
{
    nf_facet_key_map *m = vctx;
    uint32_t id;
    uint32_t before = m->nkeys;
    int rc = intern_id(&id, &m->in, value, len);
    if (rc)
        return rc;
    if (m->nkeys == before)
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
    for (uint32_t i = 0; i < m->nkeys; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->in.table);
    free(m->docid);
    free(m);
}

nf_docid nf_facet_columns_docid(const nf_facet_columns *c, const char *key, size_t len)
{
    const nf_facet_key_map *m = c->keys;
    if (!m || !m->in.table_cap)
        return 0;
    size_t j = fnv1a(key, len) & (m->in.table_cap - 1);
    for (; m->in.table[j]; j = (j + 1) & (m->in.table_cap - 1)) {
        const char *v = m->keys[m->in.table[j] - 1];
        if (strncmp(v, key, len) == 0 && v[len] == '\0')
            return m->docid[m->in.table[j] - 1];
    }
    return 0;
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
        else {
            m->in.values = &m->keys;
            m->in.nvalues = &m->nkeys;
            rc = nf_xdb_values(db, &supported, key_slot, on_key, m);
        }
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
        for (uint32_t v = 0; v < c->col[i].nvalues; v++)
            free(c->col[i].values[v]);
        free(c->col[i].values);
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
