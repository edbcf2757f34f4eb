/* Internal: the facet values of every document, held in memory so that
 * a search counts its matches without reading the database per match.
 *
 * The index keeps each facet's values of a document in one value slot,
 * joined by '|' (see docs/index-layout.md).  Counting those slots with
 * Xapian's ValueCountMatchSpy costs a B-tree lookup and a std::map insert
 * of the whole joined string per matching document and facet; at 100,000
 * articles that is most of a broad query's time.  Like Lucene's doc values
 * or Solr's UnInvertedField, the searcher instead reads each slot once as a
 * value stream (in docid order), interns the values to small integers and
 * keeps, per facet, a compressed row per document (value ids), so counting
 * a match is a few array increments.
 *
 * The columns describe one revision of the database: the searcher drops
 * them when a reopen moves it to another.  Xapian's remote backend has no
 * value streams; for databases with remote shards the searcher keeps
 * counting with the stock match spy, which xapian-tcpsrv runs. */
#ifndef NF_FACET_COLUMNS_H
#define NF_FACET_COLUMNS_H

#include <stddef.h>
#include <stdint.h>
#include <newsfacet/nf_xapian.h>
#include "analyse/nf_wordtab.h"

typedef struct nf_facet_column {
    nf_valueno slot;
    int months;          /* the date slot: YYYYMMDD values kept as "YYYY-MM" */
    nf_wordtab values;   /* value <-> id + 1 (ids below count from 0) */
    uint32_t nvalues;
    uint32_t *row;       /* document d's ids are ids[row[d] .. row[d + 1]) */
    uint32_t *ids;
    size_t nids;
    uint32_t base;       /* its ids in the numbering of all columns: base + id */
} nf_facet_column;

typedef struct nf_facet_key_map nf_facet_key_map;

typedef struct nf_facet_columns {
    nf_docid lastdocid;
    nf_facet_column *col;
    size_t ncols;
    /* Every column's values of a document in one row (ids numbered across
     * columns: column c's id i is c.base + i), so that counting a match
     * for every facet is one loop over one array. */
    uint32_t nvalues;
    uint32_t *row;
    uint32_t *ids;
    /* With shards, a match decider learns only a shard's own docid, so
     * documents are found by their unique key (KEY_SLOT) instead. */
    int key_slot;              /* -1: one database, docids suffice */
    nf_facet_key_map *keys;
} nf_facet_columns;

/* Read the slots SLOTS[0..N) (MONTHS[i] marks the date slot) of every
 * document of DB, and when DB combines shards, KEY_SLOT (a value unique
 * to each document).  *OUT is NULL (and the status NF_OK) when DB has a
 * remote part. */
int nf_facet_columns_build(nf_facet_columns **out, nf_xdb *db, const nf_valueno *slots,
                           const int *months, size_t n, nf_valueno key_slot);

/* The docid of the document whose key is KEY (0: none). */
nf_docid nf_facet_columns_docid(const nf_facet_columns *c, const char *key, size_t len);
void nf_facet_columns_free(nf_facet_columns *c);

/* The column of SLOT, or NULL. */
const nf_facet_column *nf_facet_columns_find(const nf_facet_columns *c, nf_valueno slot);

/* Add one to COUNTS[col.base + id] for each value of document DID in COL
 * (COUNTS spans all columns). */
static inline void nf_facet_column_count(const nf_facet_column *col, nf_docid did,
                                         uint32_t *counts)
{
    uint32_t *mine = counts + col->base;
    for (uint32_t k = col->row[did]; k < col->row[did + 1]; k++)
        mine[col->ids[k]]++;
}

/* The same for every column at once. */
static inline void nf_facet_columns_count(const nf_facet_columns *c, nf_docid did,
                                          uint32_t *counts)
{
    for (uint32_t k = c->row[did]; k < c->row[did + 1]; k++)
        counts[c->ids[k]]++;
}

#endif
