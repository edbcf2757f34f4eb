/* Internal: writing analysed articles into Xapian databases.
 *
 * Indexing runs as a pipeline so both cores work: the caller's thread reads
 * articles and hands them over; analysis workers (one per core) check
 * whether each article changed, analyse it and build its Xapian document;
 * one writer thread per shard replaces documents by id and commits in
 * batches.  With N > 1 shards, articles are routed by a hash of their id
 * and DIR holds shard0..shardN-1 plus a stub file DIR/XAPIANDB listing them,
 * so every Xapian tool opens DIR as one database.  Queues are bounded, so
 * memory stays flat whatever the archive size. */
#ifndef NF_INDEXER_H
#define NF_INDEXER_H

#include <newsfacet/nf_xapian.h>
#include "read/nf_article.h"
#include "schema/nf_schema.h"

typedef struct nf_indexer nf_indexer;

typedef enum nf_index_outcome {
    NF_INDEXED_ADDED = 0,
    NF_INDEXED_REPLACED = 1,
    NF_INDEXED_UNCHANGED = 2,
    NF_INDEXED_FAILED = 3,
    /* Not in the database because the database failed (disk full, I/O):
     * the article was queued or written but its batch was never committed.
     * MESSAGE is NULL; the database's error is returned once, by
     * nf_indexer_add or nf_indexer_close. */
    NF_INDEXED_LOST = 4
} nf_index_outcome;

/* Called once per article, from indexing threads but never two at a time.
 * For NF_INDEXED_FAILED, MESSAGE says why (it names the article).  Added
 * and replaced articles are reported when their batch is committed, so an
 * article reported as indexed is in the database for good. */
typedef void (*nf_index_report_cb)(void *ctx, const nf_article *article,
                                   nf_index_outcome outcome, const char *message);

typedef struct nf_index_opts {
    int version;              /* NF_INDEX_OPTS_VERSION */
    unsigned batch_size;      /* articles per commit and shard; 0 = 1000 */
    unsigned shards;          /* 0 or 1: one database */
    unsigned threads;         /* analysis workers; 0 = one per core */
    nf_index_report_cb report;
    void *report_ctx;
} nf_index_opts;
#define NF_INDEX_OPTS_VERSION 1

/* Open (creating if needed) PATH for writing with SCHEMA.  NF_EDB_LOCKED
 * when another indexer holds it; NF_EINVAL when PATH holds a different
 * number of shards than asked for. */
int nf_indexer_open(nf_indexer **out, const char *path, const nf_schema *schema,
                    const nf_index_opts *opts);

/* Non-zero when the database was built with another schema (the caller
 * warns); its id is returned in *previous (owned by the indexer). */
int nf_indexer_schema_changed(const nf_indexer *ix, const char **previous);

/* Queue one article; the indexer takes ownership.  Blocks while the queues
 * are full.  Fails only when a shard can no longer be written (disk full):
 * then stop feeding and close.  Each batch is one Xapian transaction with
 * the newsfacet.* metadata, so a crash or a failed commit leaves every
 * shard exactly as of its last commit. */
int nf_indexer_add(nf_indexer *ix, nf_article *article);

/* Finish every queued article, commit and close; frees IX. */
int nf_indexer_close(nf_indexer *ix);

/* Write the newsfacet.* metadata for SCHEMA into DB. */
int nf_index_write_metadata(nf_xdb *db, const nf_schema *schema);

/* The shard an id goes to. */
unsigned nf_index_shard_of(const char *id, unsigned shards);

#endif
