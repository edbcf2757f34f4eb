/* Unit tests for the Xapian wrapper's databases and documents: write,
 * commit, reopen and read back; transactions, metadata, replacement by
 * unique term, stub files and shards.  Real databases in a scratch dir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <newsfacet/nf_xapian.h>

#include "xtest_tmp.h"

static const char *dir;

static int group_setup(void **state)
{
    (void)state;
    dir = xtest_mkdtemp();
    return dir ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return xtest_rmtree(dir);
}

static nf_xdb *open_writer(const char *name, char *path, size_t n)
{
    nf_xdb *db = NULL;
    xtest_path(path, n, dir, name);
    assert_int_equal(nf_xdb_open_writable(&db, path,
        NF_XDB_CREATE_OR_OVERWRITE | NF_XDB_NO_SYNC), NF_OK);
    assert_string_equal(nf_xdb_path(db), path);
    return db;
}

/* A document with unique term "Q<id>" and DATA. */
static nf_xdoc *simple_doc(const char *id, const char *data)
{
    nf_xdoc *doc = NULL;
    char q[64];
    snprintf(q, sizeof q, "Q%s", id);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xdoc_add_boolean_term(doc, q, strlen(q)), NF_OK);
    assert_int_equal(nf_xdoc_set_data(doc, data, strlen(data)), NF_OK);
    return doc;
}

static unsigned doccount(nf_xdb *db)
{
    unsigned n = 12345;
    assert_int_equal(nf_xdb_doccount(db, &n), NF_OK);
    return n;
}

/* ---- what nf_xdoc_terms reports, gathered for checking afterwards
 * (cmocka asserts must not longjmp out of a callback through C++) ---- */
struct seen_term {
    char term[64];
    unsigned wdf;
    nf_termpos pos[8];
    size_t npos;
};
struct seen_terms {
    struct seen_term t[32];
    size_t n;
};

static int collect_doc_term(void *ctx, const char *term, size_t len,
                            unsigned wdf, const nf_termpos *positions,
                            size_t npos)
{
    struct seen_terms *s = ctx;
    if (s->n == 32 || len >= 64 || npos > 8)
        return -1;
    struct seen_term *t = &s->t[s->n++];
    memcpy(t->term, term, len);
    t->term[len] = '\0';
    t->wdf = wdf;
    t->npos = npos;
    if (npos)
        memcpy(t->pos, positions, npos * sizeof *positions);
    return 0;
}

static const struct seen_term *find_seen(const struct seen_terms *s,
                                         const char *term)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->t[i].term, term))
            return &s->t[i];
    return NULL;
}

static void document_round_trip(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("roundtrip", path, sizeof path);

    nf_xdoc *doc = simple_doc("r1", "url=http://example.com/r1\ncaption=Hi");
    /* "acme" at positions 1 and 4, once more without position. */
    assert_int_equal(nf_xdoc_add_posting(doc, "acme", 4, 1, 1), NF_OK);
    assert_int_equal(nf_xdoc_add_posting(doc, "buys", 4, 2, 1), NF_OK);
    assert_int_equal(nf_xdoc_add_posting(doc, "acme", 4, 4, 1), NF_OK);
    assert_int_equal(nf_xdoc_add_term(doc, "Zacm", 4, 2), NF_OK);
    assert_int_equal(nf_xdoc_set_value(doc, 0, "20240105", 8), NF_OK);
    /* Values are bytes: an embedded NUL survives. */
    assert_int_equal(nf_xdoc_set_value(doc, 7, "a\0b", 3), NF_OK);
    assert_int_equal(nf_xdoc_set_value(doc, 8, "gone", 4), NF_OK);
    assert_int_equal(nf_xdoc_set_value(doc, 8, NULL, 0), NF_OK);

    /* Terms of the document before it is stored. */
    struct seen_terms before = {0};
    assert_int_equal(nf_xdoc_terms(doc, collect_doc_term, &before), NF_OK);
    assert_int_equal(before.n, 4);   /* Qr1 acme buys Zacm */

    nf_docid did = 0;
    assert_int_equal(nf_xdb_add_document(&did, w, doc), NF_OK);
    assert_int_equal(did, 1);
    assert_int_equal(nf_xdb_set_metadata(w, "newsfacet.layout", "1"), NF_OK);
    assert_int_equal(nf_xdb_commit(w), NF_OK);
    nf_xdb_free(w);
    nf_xdoc_free(doc);

    nf_xdb *r = NULL;
    assert_int_equal(nf_xdb_open(&r, path), NF_OK);
    assert_int_equal(doccount(r), 1);
    unsigned freq = 0;
    assert_int_equal(nf_xdb_termfreq(r, &freq, "acme"), NF_OK);
    assert_int_equal(freq, 1);
    assert_int_equal(nf_xdb_termfreq(r, &freq, "absent"), NF_OK);
    assert_int_equal(freq, 0);

    char *meta = NULL;
    assert_int_equal(nf_xdb_get_metadata(&meta, r, "newsfacet.layout"), NF_OK);
    assert_string_equal(meta, "1");
    free(meta);
    assert_int_equal(nf_xdb_get_metadata(&meta, r, "no.such.key"), NF_OK);
    assert_string_equal(meta, "");
    free(meta);
    char *uuid = NULL;
    assert_int_equal(nf_xdb_uuid(r, &uuid), NF_OK);
    assert_int_equal(strlen(uuid), 36);
    free(uuid);

    assert_int_equal(nf_xdb_find_document(&did, r, "Qr1"), NF_OK);
    nf_xdoc *got = NULL;
    assert_int_equal(nf_xdb_get_document(&got, r, did), NF_OK);
    const char *p = NULL;
    size_t len = 0;
    assert_int_equal(nf_xdoc_get_data(&p, &len, got), NF_OK);
    assert_string_equal(p, "url=http://example.com/r1\ncaption=Hi");
    assert_int_equal(len, strlen(p));
    const char *v0 = NULL, *v7 = NULL, *v8 = NULL;
    size_t l0 = 0, l7 = 0, l8 = 9;
    assert_int_equal(nf_xdoc_get_value(&v0, &l0, got, 0), NF_OK);
    assert_int_equal(nf_xdoc_get_value(&v7, &l7, got, 7), NF_OK);
    assert_int_equal(nf_xdoc_get_value(&v8, &l8, got, 8), NF_OK);
    /* Both pointers stay valid together. */
    assert_int_equal(l0, 8);
    assert_memory_equal(v0, "20240105", 8);
    assert_int_equal(l7, 3);
    assert_memory_equal(v7, "a\0b", 3);
    assert_int_equal(l8, 0);
    assert_string_equal(v8, "");

    struct seen_terms after = {0};
    assert_int_equal(nf_xdoc_terms(got, collect_doc_term, &after), NF_OK);
    assert_int_equal(after.n, before.n);
    /* Sorted byte order: Qr1 < Zacm < acme < buys. */
    assert_string_equal(after.t[0].term, "Qr1");
    assert_string_equal(after.t[1].term, "Zacm");
    assert_string_equal(after.t[2].term, "acme");
    assert_string_equal(after.t[3].term, "buys");
    const struct seen_term *acme = find_seen(&after, "acme");
    assert_non_null(acme);
    assert_int_equal(acme->wdf, 2);
    assert_int_equal(acme->npos, 2);
    assert_int_equal(acme->pos[0], 1);
    assert_int_equal(acme->pos[1], 4);
    const struct seen_term *q = find_seen(&after, "Qr1");
    assert_non_null(q);
    assert_int_equal(q->wdf, 0);
    assert_int_equal(q->npos, 0);
    const struct seen_term *z = find_seen(&after, "Zacm");
    assert_non_null(z);
    assert_int_equal(z->wdf, 2);
    assert_int_equal(z->npos, 0);

    nf_xdoc_free(got);
    nf_xdb_free(r);
}

/* ---- allterms ---- */
struct term_list {
    char terms[8][32];
    unsigned freq[8];
    size_t n;
    size_t stop_after;   /* 0: never */
};

static int collect_term(void *ctx, const char *term, size_t len,
                        unsigned freq)
{
    struct term_list *l = ctx;
    if (l->n == 8 || len >= 32)
        return -1;
    memcpy(l->terms[l->n], term, len);
    l->terms[l->n][len] = '\0';
    l->freq[l->n++] = freq;
    return l->stop_after && l->n == l->stop_after ? 1 : 0;
}

static int fail_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    (void)ctx;
    (void)term;
    (void)len;
    (void)freq;
    return NF_EINPUT;
}

static void allterms_with_prefix(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("allterms", path, sizeof path);
    const char *facets[3][2] = {{"XCOacme", "XCOwidget"},
                                {"XCOwidget", "XSOURCEreuters"},
                                {"XCOacme", "XCOwidget"}};
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "d%d", i);
        nf_xdoc *doc = simple_doc(id, "");
        for (int j = 0; j < 2; j++)
            assert_int_equal(nf_xdoc_add_boolean_term(doc, facets[i][j],
                strlen(facets[i][j])), NF_OK);
        assert_int_equal(nf_xdb_add_document(NULL, w, doc), NF_OK);
        nf_xdoc_free(doc);
    }
    /* A writer reads its own uncommitted changes. */
    struct term_list l = {0};
    assert_int_equal(nf_xdb_allterms(w, "XCO", collect_term, &l), NF_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.terms[0], "XCOacme");
    assert_int_equal(l.freq[0], 2);
    assert_string_equal(l.terms[1], "XCOwidget");
    assert_int_equal(l.freq[1], 3);

    /* NULL prefix: everything, in order; a positive return stops. */
    memset(&l, 0, sizeof l);
    l.stop_after = 2;
    assert_int_equal(nf_xdb_allterms(w, NULL, collect_term, &l), NF_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.terms[0], "Qd0");
    assert_string_equal(l.terms[1], "Qd1");

    /* A negative return is the visit's status. */
    assert_int_equal(nf_xdb_allterms(w, "", fail_term, NULL), NF_EINPUT);
    nf_xdb_free(w);
}

static void cancelled_transaction_leaves_nothing(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("txn", path, sizeof path);
    nf_xdoc *doc = simple_doc("t1", "one");
    assert_int_equal(nf_xdb_add_document(NULL, w, doc), NF_OK);
    assert_int_equal(nf_xdb_commit(w), NF_OK);

    assert_int_equal(nf_xdb_begin_transaction(w, 1), NF_OK);
    nf_xdoc *doc2 = simple_doc("t2", "two");
    assert_int_equal(nf_xdb_add_document(NULL, w, doc2), NF_OK);
    assert_int_equal(nf_xdb_set_metadata(w, "k", "in-txn"), NF_OK);
    assert_int_equal(doccount(w), 2);
    assert_int_equal(nf_xdb_cancel_transaction(w), NF_OK);
    assert_int_equal(doccount(w), 1);
    char *meta = NULL;
    assert_int_equal(nf_xdb_get_metadata(&meta, w, "k"), NF_OK);
    assert_string_equal(meta, "");
    free(meta);

    assert_int_equal(nf_xdb_begin_transaction(w, 1), NF_OK);
    assert_int_equal(nf_xdb_add_document(NULL, w, doc2), NF_OK);
    assert_int_equal(nf_xdb_commit_transaction(w), NF_OK);

    /* A flushed transaction's commit is visible to a new reader. */
    nf_xdb *r = NULL;
    assert_int_equal(nf_xdb_open(&r, path), NF_OK);
    assert_int_equal(doccount(r), 2);
    nf_xdb_free(r);
    nf_xdoc_free(doc);
    nf_xdoc_free(doc2);
    nf_xdb_free(w);
}

static void metadata_set_replace_delete(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("meta", path, sizeof path);
    char *v = NULL;
    assert_int_equal(nf_xdb_set_metadata(w, "newsfacet.schema", "abc"), NF_OK);
    assert_int_equal(nf_xdb_set_metadata(w, "newsfacet.schema", "def"), NF_OK);
    assert_int_equal(nf_xdb_set_metadata(w, "newsfacet.stemmer", "english"),
                     NF_OK);
    assert_int_equal(nf_xdb_commit(w), NF_OK);
    assert_int_equal(nf_xdb_get_metadata(&v, w, "newsfacet.schema"), NF_OK);
    assert_string_equal(v, "def");
    free(v);
    assert_int_equal(nf_xdb_set_metadata(w, "newsfacet.stemmer", ""), NF_OK);
    assert_int_equal(nf_xdb_set_metadata(w, "", "x"), NF_EINVAL);
    assert_int_equal(nf_xdb_commit(w), NF_OK);
    nf_xdb_free(w);

    nf_xdb *r = NULL;
    assert_int_equal(nf_xdb_open(&r, path), NF_OK);
    assert_int_equal(nf_xdb_get_metadata(&v, r, "newsfacet.stemmer"), NF_OK);
    assert_string_equal(v, "");
    free(v);
    assert_int_equal(nf_xdb_get_metadata(&v, r, "newsfacet.schema"), NF_OK);
    assert_string_equal(v, "def");
    free(v);
    nf_xdb_free(r);
}

static void replace_by_unique_term_keeps_count(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("replace", path, sizeof path);
    nf_xdoc *other = simple_doc("other", "other");
    assert_int_equal(nf_xdb_add_document(NULL, w, other), NF_OK);

    nf_docid first = 0, second = 0;
    nf_xdoc *v1 = simple_doc("art", "version 1");
    assert_int_equal(nf_xdb_replace_document(&first, w, "Qart", v1), NF_OK);
    assert_int_equal(doccount(w), 2);
    nf_xdoc *v2 = simple_doc("art", "version 2");
    assert_int_equal(nf_xdb_replace_document(&second, w, "Qart", v2), NF_OK);
    assert_int_equal(second, first);
    assert_int_equal(doccount(w), 2);
    assert_int_equal(nf_xdb_commit(w), NF_OK);

    nf_docid found = 0;
    assert_int_equal(nf_xdb_find_document(&found, w, "Qart"), NF_OK);
    assert_int_equal(found, first);
    nf_xdoc *got = NULL;
    assert_int_equal(nf_xdb_get_document(&got, w, found), NF_OK);
    const char *data = NULL;
    assert_int_equal(nf_xdoc_get_data(&data, NULL, got), NF_OK);
    assert_string_equal(data, "version 2");
    nf_xdoc_free(got);

    assert_int_equal(nf_xdb_delete_document(w, "Qart"), NF_OK);
    assert_int_equal(doccount(w), 1);
    assert_int_equal(nf_xdb_find_document(&found, w, "Qart"), NF_ENOTFOUND);
    /* Deleting what is not there is fine. */
    assert_int_equal(nf_xdb_delete_document(w, "Qart"), NF_OK);
    nf_xdoc_free(other);
    nf_xdoc_free(v1);
    nf_xdoc_free(v2);
    nf_xdb_free(w);
}

/* Two shards: "shardA" with ids a0 a1, "shardB" with b0. */
static void make_shards(char *a, char *b, size_t n)
{
    nf_xdb *wa = open_writer("shardA", a, n);
    nf_xdb *wb = open_writer("shardB", b, n);
    const char *ids[3] = {"a0", "a1", "b0"};
    for (int i = 0; i < 3; i++) {
        nf_xdoc *doc = simple_doc(ids[i], ids[i]);
        assert_int_equal(nf_xdb_add_document(NULL, i < 2 ? wa : wb, doc),
                         NF_OK);
        nf_xdoc_free(doc);
    }
    assert_int_equal(nf_xdb_commit(wa), NF_OK);
    assert_int_equal(nf_xdb_commit(wb), NF_OK);
    nf_xdb_free(wa);
    nf_xdb_free(wb);
}

/* Every id is found, and its document has the id as data. */
static void check_shard_ids(nf_xdb *db)
{
    const char *ids[3] = {"a0", "a1", "b0"};
    assert_int_equal(doccount(db), 3);
    for (int i = 0; i < 3; i++) {
        char q[8];
        snprintf(q, sizeof q, "Q%s", ids[i]);
        nf_docid did = 0;
        assert_int_equal(nf_xdb_find_document(&did, db, q), NF_OK);
        nf_xdoc *doc = NULL;
        assert_int_equal(nf_xdb_get_document(&doc, db, did), NF_OK);
        const char *data = NULL;
        assert_int_equal(nf_xdoc_get_data(&data, NULL, doc), NF_OK);
        assert_string_equal(data, ids[i]);
        nf_xdoc_free(doc);
    }
}

static void stub_file_and_multi_open_read_shards(void **state)
{
    (void)state;
    char a[256], b[256], stub[256], text[600];
    make_shards(a, b, sizeof a);

    xtest_path(stub, sizeof stub, dir, "both.stub");
    snprintf(text, sizeof text, "# two shards\nauto %s\nauto %s\n", a, b);
    assert_int_equal(xtest_write_file(stub, text), 0);
    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open(&db, stub), NF_OK);
    check_shard_ids(db);
    nf_xdb_free(db);

    const char *paths[2] = {a, b};
    assert_int_equal(nf_xdb_open_multi(&db, paths, 2), NF_OK);
    check_shard_ids(db);
    /* Named by both paths, for messages. */
    assert_non_null(strstr(nf_xdb_path(db), a));
    assert_non_null(strstr(nf_xdb_path(db), b));
    struct term_list l = {0};
    assert_int_equal(nf_xdb_allterms(db, "Q", collect_term, &l), NF_OK);
    assert_int_equal(l.n, 3);
    nf_xdb_free(db);

    /* A missing shard is named. */
    char gone[256];
    xtest_path(gone, sizeof gone, dir, "shardC");
    const char *bad[3] = {a, gone, b};
    assert_int_equal(nf_xdb_open_multi(&db, bad, 3), NF_ENOTFOUND);
    assert_null(db);
    assert_non_null(strstr(nf_errmsg(), gone));
}

static void reader_sees_commits_after_reopen(void **state)
{
    (void)state;
    char path[256];
    nf_xdb *w = open_writer("reopen", path, sizeof path);
    nf_xdoc *doc = simple_doc("x1", "");
    assert_int_equal(nf_xdb_add_document(NULL, w, doc), NF_OK);
    assert_int_equal(nf_xdb_commit(w), NF_OK);

    nf_xdb *r = NULL;
    assert_int_equal(nf_xdb_open(&r, path), NF_OK);
    int changed = -1;
    assert_int_equal(nf_xdb_reopen(r, &changed), NF_OK);
    assert_int_equal(changed, 0);

    nf_xdoc *doc2 = simple_doc("x2", "");
    assert_int_equal(nf_xdb_add_document(NULL, w, doc2), NF_OK);
    assert_int_equal(nf_xdb_commit(w), NF_OK);
    assert_int_equal(doccount(r), 1);
    assert_int_equal(nf_xdb_reopen(r, &changed), NF_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(doccount(r), 2);
    nf_xdoc_free(doc);
    nf_xdoc_free(doc2);
    nf_xdb_free(r);
    nf_xdb_free(w);
}

static void sortable_numbers_keep_order(void **state)
{
    (void)state;
    const double nums[] = {-1e12, -2.5, 0.0, 1e-9, 2.5, 3.0, 2e9, 1e300};
    const size_t n = sizeof nums / sizeof nums[0];
    char prev[18];
    size_t prev_len = 0;
    for (size_t i = 0; i < n; i++) {
        char buf[18];
        size_t len = 0;
        nf_sortable_serialise(buf, &len, nums[i]);
        assert_true(len >= 1 && len <= 9);
        assert_true(nf_sortable_unserialise(buf, len) == nums[i]);
        if (i) {
            /* Byte order equals numeric order. */
            size_t m = len < prev_len ? len : prev_len;
            int c = memcmp(prev, buf, m);
            assert_true(c < 0 || (c == 0 && prev_len < len));
        }
        memcpy(prev, buf, len);
        prev_len = len;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(document_round_trip),
        cmocka_unit_test(allterms_with_prefix),
        cmocka_unit_test(cancelled_transaction_leaves_nothing),
        cmocka_unit_test(metadata_set_replace_delete),
        cmocka_unit_test(replace_by_unique_term_keeps_count),
        cmocka_unit_test(stub_file_and_multi_open_read_shards),
        cmocka_unit_test(reader_sees_commits_after_reopen),
        cmocka_unit_test(sortable_numbers_keep_order),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
