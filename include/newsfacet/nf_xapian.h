/* newsfacet: a C interface to the parts of Xapian that newsfacet uses.
 *
 * The implementation (plugin/xapian/) is the project's only C++.  Every
 * function catches Xapian::Error, std::bad_alloc and anything else, maps it
 * to an nf_status code and records a message readable with nf_errmsg(); no
 * exception ever reaches C.
 *
 * Conventions: functions return NF_OK or a negative nf_status; outputs come
 * first as out-parameters; every *_new / *_open has a matching *_free which
 * accepts NULL.  Strings passed in are UTF-8 and copied; strings returned as
 * char ** are malloc'd and owned by the caller (free()).  On failure,
 * pointer out-parameters are set to NULL.
 *
 * Callbacks (nf_term_cb, nf_doc_term_cb, nf_value_count_cb, nf_range_cb)
 * are called from inside the C++ code: they must return normally (no
 * longjmp out of them).  They may call any function of this header.  A
 * visiting callback returns 0 to go on, a positive value to stop (the
 * visit then returns NF_OK) or a negative nf_status to stop with that
 * status (record the reason with the library's error first).
 *
 * As in Xapian, a handle (and the handles made from it) must not be used
 * by two threads at once; separate handles on one database are fine.
 */
#ifndef NF_XAPIAN_H
#define NF_XAPIAN_H

#include <stddef.h>
#include <newsfacet/nf_status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned nf_docid;         /* Xapian::docid */
typedef unsigned nf_termpos;       /* Xapian::termpos */
typedef unsigned nf_valueno;       /* Xapian::valueno */

typedef struct nf_xdb nf_xdb;             /* Database or WritableDatabase */
typedef struct nf_xdoc nf_xdoc;           /* Document */
typedef struct nf_xquery nf_xquery;       /* Query */
typedef struct nf_xqp nf_xqp;             /* QueryParser */
typedef struct nf_xenquire nf_xenquire;   /* Enquire */
typedef struct nf_xmset nf_xmset;         /* MSet */
typedef struct nf_xspy nf_xspy;           /* ValueCountMatchSpy */
typedef struct nf_xtermgen nf_xtermgen;   /* TermGenerator */

/* Longest term Xapian's glass backend accepts, in bytes.  Checked when a
 * term is added to a document: Xapian 1.4 itself only objects in
 * add_document, and then drops every change since the last commit. */
#define NF_XAPIAN_MAX_TERM_BYTES 245
/* Longest metadata key it accepts (a key is stored with 2 bytes more). */
#define NF_XAPIAN_MAX_METADATA_KEY_BYTES 253

/* ---- Databases -------------------------------------------------------- */

/* Open read-only.  PATH is a database directory, a stub database file
 * (auto, remote tcp and local lines) or a single-file database.  Errors:
 * NF_ENOTFOUND (no such database, also for a line of a stub file),
 * NF_EDB_CORRUPT (a stub file with a line Xapian cannot read, or a damaged
 * database), NF_EDB_VERSION, NF_ENETWORK (remote lines), NF_EDB_OPENING. */
NF_API int nf_xdb_open(nf_xdb **out, const char *path);

enum {
    NF_XDB_CREATE_OR_OPEN = 1,   /* the default */
    NF_XDB_CREATE = 2,           /* fail if it exists */
    NF_XDB_OPEN = 3,             /* fail if it does not exist */
    NF_XDB_CREATE_OR_OVERWRITE = 4,
    NF_XDB_MODE_MASK = 7,
    /* Bits OR-ed with a mode: */
    NF_XDB_NO_SYNC = 0x100,      /* no fsync at commit (tests, rebuilds) */
    NF_XDB_RETRY_LOCK = 0x200    /* wait for the lock instead of failing */
};
/* Open for writing; FLAGS is one of the NF_XDB_* modes (0 means
 * NF_XDB_CREATE_OR_OPEN), optionally OR-ed with the bits above.  Fails with
 * NF_EDB_LOCKED (naming PATH) if another writer holds the lock.  The
 * handle reads too (it sees its own uncommitted changes).  Freeing it
 * commits pending changes as Xapian does, silently: call nf_xdb_commit()
 * to see errors. */
NF_API int nf_xdb_open_writable(nf_xdb **out, const char *path, int flags);

/* Open read-only over several databases at once (shards); N >= 1.  Each
 * path may be anything nf_xdb_open accepts; docids interleave as in
 * Xapian (shard i of n holds docids i+1, i+1+n, ...). */
NF_API int nf_xdb_open_multi(nf_xdb **out, const char *const *paths, size_t n);

NF_API void nf_xdb_free(nf_xdb *db);

/* The path(s) the handle was opened with ("a + b" for several), for
 * messages; owned by DB.  Never NULL ("" for NULL DB). */
NF_API const char *nf_xdb_path(const nf_xdb *db);

/* Bring a reader up to the latest revision; *changed (may be NULL) tells
 * whether anything moved. */
NF_API int nf_xdb_reopen(nf_xdb *db, int *changed);

NF_API int nf_xdb_doccount(nf_xdb *db, unsigned *out);
NF_API int nf_xdb_termfreq(nf_xdb *db, unsigned *out, const char *term);
/* The highest docid in use (0 for an empty database); for shards, in the
 * combined numbering. */
NF_API int nf_xdb_lastdocid(nf_xdb *db, nf_docid *out);
/* *OUT 1 if every part of DB is local (a database on this machine's
 * disk), 0 if a part is remote (xapian-tcpsrv): Xapian runs match
 * deciders and value streams only on local parts. */
NF_API int nf_xdb_is_local(nf_xdb *db, int *out);
/* How many databases DB combines (1 for a plain database). */
NF_API int nf_xdb_shards(nf_xdb *db, unsigned *out);
/* Visit every document's value in SLOT in docid order (a value stream:
 * documents without a value there are skipped).  CB returns as the
 * visiting callbacks above.  Xapian's remote backend has no value
 * streams on some versions: then returns NF_OK with *SUPPORTED 0 (1
 * otherwise), and the values visited so far must be dropped. */
typedef int (*nf_slot_value_cb)(void *ctx, nf_docid did, const char *value,
                                size_t len);
NF_API int nf_xdb_values(nf_xdb *db, int *supported, nf_valueno slot,
                         nf_slot_value_cb cb, void *ctx);
NF_API int nf_xdb_uuid(nf_xdb *db, char **out);

/* Writable databases only (NF_EINVAL on a read-only handle).  OUT may be
 * NULL where only the status matters. */
NF_API int nf_xdb_commit(nf_xdb *db);
NF_API int nf_xdb_begin_transaction(nf_xdb *db, int flushed);
NF_API int nf_xdb_commit_transaction(nf_xdb *db);
NF_API int nf_xdb_cancel_transaction(nf_xdb *db);
NF_API int nf_xdb_add_document(nf_docid *out, nf_xdb *db, const nf_xdoc *doc);
/* Replace every document indexed by UNIQUE_TERM (or add one). */
NF_API int nf_xdb_replace_document(nf_docid *out, nf_xdb *db,
                                   const char *unique_term, const nf_xdoc *doc);
/* Delete every document indexed by UNIQUE_TERM (none is not an error). */
NF_API int nf_xdb_delete_document(nf_xdb *db, const char *unique_term);

/* Metadata: *out is never NULL on success; a missing key gives "" and
 * NF_OK.  Keys must be 1 to NF_XAPIAN_MAX_METADATA_KEY_BYTES bytes
 * (NF_EINVAL, NF_ETOOLONG); an empty VALUE deletes the key. */
NF_API int nf_xdb_get_metadata(char **out, nf_xdb *db, const char *key);
NF_API int nf_xdb_set_metadata(nf_xdb *db, const char *key, const char *value);

/* The first document indexed by TERM; NF_ENOTFOUND if none.  Documents
 * fetched from a database load their data and values lazily. */
NF_API int nf_xdb_find_document(nf_docid *out, nf_xdb *db, const char *term);
NF_API int nf_xdb_get_document(nf_xdoc **out, nf_xdb *db, nf_docid did);

/* Visit every term starting with PREFIX (all terms if "" or NULL), in
 * sorted order, with its term frequency.  The callback returns 0 to go on,
 * non-zero to stop (see the callback rule at the top). */
typedef int (*nf_term_cb)(void *ctx, const char *term, size_t len,
                          unsigned freq);
NF_API int nf_xdb_allterms(nf_xdb *db, const char *prefix,
                           nf_term_cb cb, void *ctx);

/* ---- Documents -------------------------------------------------------- */

NF_API int nf_xdoc_new(nf_xdoc **out);
NF_API void nf_xdoc_free(nf_xdoc *doc);
/* A term at a position (free text).  Terms over NF_XAPIAN_MAX_TERM_BYTES
 * are rejected with NF_ETOOLONG. */
NF_API int nf_xdoc_add_posting(nf_xdoc *doc, const char *term, size_t len,
                               nf_termpos pos, unsigned wdf_inc);
/* A term without position (stems). */
NF_API int nf_xdoc_add_term(nf_xdoc *doc, const char *term, size_t len,
                            unsigned wdf_inc);
/* A filter term: wdf 0, no position.  An empty term is NF_EINVAL. */
NF_API int nf_xdoc_add_boolean_term(nf_xdoc *doc, const char *term,
                                    size_t len);
/* An empty value (LEN 0, VALUE may then be NULL) removes the slot. */
NF_API int nf_xdoc_set_value(nf_xdoc *doc, nf_valueno slot,
                             const char *value, size_t len);
NF_API int nf_xdoc_set_data(nf_xdoc *doc, const char *data, size_t len);
/* Read back; *out points into memory owned by DOC, valid until DOC
 * changes or is freed, and NUL-terminated (LEN may be NULL).  A missing
 * value is "" with length 0. */
NF_API int nf_xdoc_get_data(const char **out, size_t *len, nf_xdoc *doc);
NF_API int nf_xdoc_get_value(const char **out, size_t *len, nf_xdoc *doc,
                             nf_valueno slot);

/* Visit a document's terms in sorted order with wdf and positions
 * (positions may be NULL when npos is 0). */
typedef int (*nf_doc_term_cb)(void *ctx, const char *term, size_t len,
                              unsigned wdf, const nf_termpos *positions,
                              size_t npos);
NF_API int nf_xdoc_terms(nf_xdoc *doc, nf_doc_term_cb cb, void *ctx);

/* Xapian::sortable_serialise / unserialise: numbers in value slots.
 * OUT must hold 18 bytes (Xapian writes at most 9); *len receives the
 * length written.  Not NUL-terminated: values may contain NUL bytes. */
NF_API void nf_sortable_serialise(char out[18], size_t *len, double value);
NF_API double nf_sortable_unserialise(const char *in, size_t len);

/* ---- Objects a C++ host owns ------------------------------------------- */

/* A handle sharing a host's Xapian::Document (XAPIAN_DOCUMENT is a
 * `Xapian::Document *`): terms and values added through it appear in the
 * host's document.  Free the handle with nf_xdoc_free(); the host's
 * document lives on. */
NF_API int nf_xdoc_from_native(nf_xdoc **out, void *xapian_document);
/* The same for a host's Xapian::QueryParser (free with nf_xqp_free()). */
NF_API int nf_xqp_from_native(nf_xqp **out, void *xapian_queryparser);

/* ---- Queries ---------------------------------------------------------- */

enum {
    NF_XQUERY_AND = 0, NF_XQUERY_OR = 1, NF_XQUERY_AND_NOT = 2,
    NF_XQUERY_XOR = 3, NF_XQUERY_AND_MAYBE = 4,
    NF_XQUERY_FILTER = 5, NF_XQUERY_SYNONYM = 13
};  /* Xapian::Query::op values */
NF_API int nf_xquery_term(nf_xquery **out, const char *term);
NF_API int nf_xquery_match_all(nf_xquery **out);
/* Combine N subqueries (any may be NULL, meaning "no constraint" for AND
 * and FILTER and ignored for OR).  The subqueries are not consumed.
 * NULL in first place is "everything" for AND_NOT, FILTER and AND_MAYBE;
 * NULL elsewhere is skipped.  With nothing left, AND and FILTER match
 * everything and the other operators nothing. */
NF_API int nf_xquery_combine(nf_xquery **out, int op,
                             nf_xquery *const *subs, size_t n);
/* Documents whose value in SLOT lies in [lo, hi] (byte comparison);
 * a NULL bound is open. */
NF_API int nf_xquery_value_range(nf_xquery **out, nf_valueno slot,
                                 const char *lo, size_t lo_len,
                                 const char *hi, size_t hi_len);
NF_API int nf_xquery_describe(char **out, const nf_xquery *q);
NF_API void nf_xquery_free(nf_xquery *q);

/* ---- QueryParser ------------------------------------------------------ */

enum {  /* QueryParser::feature_flag values */
    NF_QP_BOOLEAN = 1, NF_QP_PHRASE = 2, NF_QP_LOVEHATE = 4,
    NF_QP_BOOLEAN_ANY_CASE = 8, NF_QP_WILDCARD = 16, NF_QP_PURE_NOT = 32,
    NF_QP_PARTIAL = 64, NF_QP_CJK_NGRAM = 2048,
    NF_QP_DEFAULT = 7
};

NF_API int nf_xqp_new(nf_xqp **out);
NF_API void nf_xqp_free(nf_xqp *qp);
/* Needed for wildcards and spelling; may be NULL. */
NF_API int nf_xqp_set_database(nf_xqp *qp, nf_xdb *db);
/* How terms without an operator combine: NF_XQUERY_OR (Xapian's default),
 * NF_XQUERY_AND or NF_XQUERY_SYNONYM. */
NF_API int nf_xqp_set_default_op(nf_xqp *qp, int op);
/* Snowball language such as "english" ("" or "none" disables stemming);
 * the strategy is STEM_SOME, as the index is written. */
NF_API int nf_xqp_set_stemmer(nf_xqp *qp, const char *language);
NF_API int nf_xqp_add_prefix(nf_xqp *qp, const char *field,
                             const char *prefix);
/* GROUPING: filters on the same grouping OR together, different ones
 * AND together (Xapian's default groups by field). */
NF_API int nf_xqp_add_boolean_prefix(nf_xqp *qp, const char *field,
                                     const char *prefix,
                                     const char *grouping);

/* A range processor with a C callback.  For "FIELD:lo..hi" the parser
 * calls cb with the two ends (either may be "", meaning open); cb builds
 * the query into *out and returns NF_OK, or returns NF_EQUERY after
 * recording why (nf_errmsg text becomes the parse error).  FIELD "" means
 * ranges with no prefix.  Returning NF_OK with *out left NULL means "not
 * my range": the next processor (in the order added) gets to try, and if
 * none takes it the parser treats the text as terms.  CTX must outlive QP. */
typedef int (*nf_range_cb)(void *ctx, nf_xquery **out,
                           const char *lo, const char *hi);
NF_API int nf_xqp_add_range_cb(nf_xqp *qp, const char *field,
                               nf_range_cb cb, void *ctx);

/* Parse; on a syntax error returns NF_EQUERY with a message that quotes
 * the query and says what Xapian expected there.  FLAGS are NF_QP_* (0
 * means no operators at all).  DEFAULT_PREFIX may be NULL. */
NF_API int nf_xqp_parse(nf_xquery **out, nf_xqp *qp, const char *query,
                        unsigned flags, const char *default_prefix);

/* ---- Enquire, MSet, match spies ---------------------------------------- */

NF_API int nf_xenquire_new(nf_xenquire **out, nf_xdb *db);
NF_API void nf_xenquire_free(nf_xenquire *enq);
NF_API int nf_xenquire_set_query(nf_xenquire *enq, const nf_xquery *q);
/* Sort by relevance (the default), or by a value slot (byte order,
 * ascending unless REVERSE) then relevance.  Ties in relevance break by
 * docid ascending (deterministic order). */
NF_API int nf_xenquire_set_sort_by_value(nf_xenquire *enq, nf_valueno slot,
                                         int reverse);
NF_API int nf_xenquire_set_sort_by_relevance(nf_xenquire *enq);
/* Relevance, ties broken by the value in SLOT (ascending unless REVERSE):
 * an order that does not depend on docids, so shards and single databases
 * rank alike. */
NF_API int nf_xenquire_set_sort_by_relevance_then_value(nf_xenquire *enq,
                                                        nf_valueno slot,
                                                        int reverse);
/* The spy is not owned: keep it alive until the enquire is freed or its
 * spies cleared.  A spy's counts add up over every get_mset it sees. */
NF_API int nf_xenquire_add_spy(nf_xenquire *enq, nf_xspy *spy);
NF_API int nf_xenquire_clear_spies(nf_xenquire *enq);
/* A match decider with a C callback, called with the docid of each
 * candidate (see nf_xenquire_set_decider_key for shards); nonzero keeps it.  With
 * CHECK_AT_LEAST at least the doccount it sees every match of the query,
 * so it can count them.  CB must not fail (it has no way to report it);
 * NULL removes the decider.  CTX must outlive the searches. */
typedef int (*nf_decide_cb)(void *ctx, nf_docid did, const char *key, size_t keylen);
NF_API int nf_xenquire_set_decider(nf_xenquire *enq, nf_decide_cb cb, void *ctx);
/* Xapian 1.4 hands a decider the docid within the document's shard, not
 * the combined one; with shards, ask for a unique key instead: the
 * decider is then also given the document's value in KEY_SLOT (KEY NULL
 * when KEY_SLOT is negative, the default). */
NF_API int nf_xenquire_set_decider_key(nf_xenquire *enq, int key_slot);
/* Boolean weighting: every match weighs 0 (for a pure count or set). */
NF_API int nf_xenquire_set_boolean(nf_xenquire *enq);
/* CHECK_AT_LEAST as in Xapian: pass the doccount to make the spies and
 * the match count exact. */
NF_API int nf_xenquire_get_mset(nf_xmset **out, nf_xenquire *enq,
                                unsigned first, unsigned maxitems,
                                unsigned check_at_least);

NF_API void nf_xmset_free(nf_xmset *ms);
NF_API size_t nf_xmset_size(const nf_xmset *ms);
/* Exact when lower == upper bound. */
NF_API int nf_xmset_matches(const nf_xmset *ms, unsigned *lower,
                            unsigned *estimated, unsigned *upper);
/* Item I (0-based); any of DID, WEIGHT and DOC may be NULL (a DOC is
 * fetched only when asked for, and is the caller's to free). */
NF_API int nf_xmset_get(const nf_xmset *ms, size_t i, nf_docid *did,
                        double *weight, nf_xdoc **doc);
/* Item I's weight as Xapian's percentage (the best match is 100 when it
 * matches every query term; 0 for a query without weights). */
NF_API int nf_xmset_percent(const nf_xmset *ms, size_t i, int *out);
/* Xapian's MSet::snippet over TEXT, highlighting the query's terms with
 * <b>..</b>; LENGTH in bytes.  The result is HTML-escaped and "..." marks
 * cut sentences.  LANGUAGE is the stemmer the query was parsed with (NULL,
 * "" or "none": no stemming). */
NF_API int nf_xmset_snippet(char **out, const nf_xmset *ms, const char *text,
                            size_t length, const char *language);

NF_API int nf_xspy_new_valuecount(nf_xspy **out, nf_valueno slot);
NF_API void nf_xspy_free(nf_xspy *spy);
/* Visit each distinct value seen with its count, in value order. */
typedef int (*nf_value_count_cb)(void *ctx, const char *value, size_t len,
                                 unsigned count);
NF_API int nf_xspy_values(nf_xspy *spy, nf_value_count_cb cb, void *ctx);
/* Documents the spy saw. */
NF_API int nf_xspy_total(nf_xspy *spy, unsigned *out);

/* ---- TermGenerator (stock Xapian's, for baselines and comparisons) ---- */

NF_API int nf_xtermgen_new(nf_xtermgen **out);
NF_API void nf_xtermgen_free(nf_xtermgen *tg);
/* Snowball language ("" or "none": no stemming), strategy STEM_SOME. */
NF_API int nf_xtermgen_set_stemmer(nf_xtermgen *tg, const char *language);
/* Terms go into DOC from now on (the generator holds a reference to the
 * document, so freeing DOC first is safe); it resets the position to 0. */
NF_API int nf_xtermgen_set_document(nf_xtermgen *tg, nf_xdoc *doc);
/* TermGenerator::index_text: LEN bytes of UTF-8 TEXT, each term's wdf
 * increased by WDF_INC, terms under PREFIX (NULL or ""). */
NF_API int nf_xtermgen_index_text(nf_xtermgen *tg, const char *text,
                                  size_t len, unsigned wdf_inc,
                                  const char *prefix);
NF_API int nf_xtermgen_increase_termpos(nf_xtermgen *tg, nf_termpos delta);
NF_API int nf_xtermgen_get_termpos(nf_xtermgen *tg, nf_termpos *out);

#ifdef __cplusplus
}
#endif

#endif
