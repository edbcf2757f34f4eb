/* Unit tests for the Xapian wrapper's failures: each Xapian exception must
 * arrive in C as the right nf_status with a message naming the database,
 * file or term.  Real databases in a scratch directory. */
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

/* A committed database at DIR/NAME holding one document with term T. */
static void make_db(const char *path, const char *term)
{
    nf_xdb *db = NULL;
    nf_xdoc *doc = NULL;
    assert_int_equal(nf_xdb_open_writable(&db, path,
        NF_XDB_CREATE_OR_OPEN | NF_XDB_NO_SYNC), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xdoc_add_boolean_term(doc, term, strlen(term)), NF_OK);
    assert_int_equal(nf_xdb_add_document(NULL, db, doc), NF_OK);
    assert_int_equal(nf_xdb_commit(db), NF_OK);
    nf_xdoc_free(doc);
    nf_xdb_free(db);
}

static void missing_database_is_not_found(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "missing");
    nf_xdb *db = (nf_xdb *)&db;   /* must be reset to NULL */
    assert_int_equal(nf_xdb_open(&db, path), NF_ENOTFOUND);
    assert_null(db);
    assert_int_equal(nf_errcode(), NF_ENOTFOUND);
    assert_non_null(strstr(nf_errmsg(), path));
    assert_non_null(strstr(nf_errmsg(), "not found"));

    /* Writable, "open only": the same verdict. */
    assert_int_equal(nf_xdb_open_writable(&db, path, NF_XDB_OPEN),
                     NF_ENOTFOUND);
    assert_null(db);
    assert_non_null(strstr(nf_errmsg(), path));
}

static void create_over_existing_fails(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "existing");
    make_db(path, "Qone");
    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open_writable(&db, path, NF_XDB_CREATE),
                     NF_EDB_OPENING);
    assert_null(db);
    assert_non_null(strstr(nf_errmsg(), path));
    assert_int_equal(nf_xdb_open_writable(&db, path, 0x7777), NF_EINVAL);
}

static void term_over_245_bytes_is_too_long(void **state)
{
    (void)state;
    char term[300];
    memset(term, 'x', sizeof term);
    nf_xdoc *doc = NULL;
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);

    assert_int_equal(nf_xdoc_add_posting(doc, term, 246, 1, 1), NF_ETOOLONG);
    assert_non_null(strstr(nf_errmsg(), "246 bytes"));
    assert_int_equal(nf_xdoc_add_term(doc, term, 300, 1), NF_ETOOLONG);
    assert_int_equal(nf_xdoc_add_boolean_term(doc, term, 246), NF_ETOOLONG);
    assert_int_equal(nf_xdoc_add_boolean_term(doc, term, 0), NF_EINVAL);

    /* The limit itself is fine, and glass stores it. */
    assert_int_equal(nf_xdoc_add_posting(doc, term, NF_XAPIAN_MAX_TERM_BYTES,
                                         1, 1), NF_OK);
    char path[256];
    xtest_path(path, sizeof path, dir, "longterm");
    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open_writable(&db, path, NF_XDB_NO_SYNC), NF_OK);
    assert_int_equal(nf_xdb_add_document(NULL, db, doc), NF_OK);
    assert_int_equal(nf_xdb_commit(db), NF_OK);
    char t245[NF_XAPIAN_MAX_TERM_BYTES + 1];
    memcpy(t245, term, NF_XAPIAN_MAX_TERM_BYTES);
    t245[NF_XAPIAN_MAX_TERM_BYTES] = '\0';
    unsigned freq = 0;
    assert_int_equal(nf_xdb_termfreq(db, &freq, t245), NF_OK);
    assert_int_equal(freq, 1);

    /* A unique term too long for replace is caught before Xapian. */
    char t246[247];
    memset(t246, 'q', 246);
    t246[246] = '\0';
    assert_int_equal(nf_xdb_replace_document(NULL, db, t246, doc),
                     NF_ETOOLONG);

    /* Metadata keys have their own limit; past it Xapian itself throws
     * "Key too long", which the wrapper reports before calling it. */
    char key[NF_XAPIAN_MAX_METADATA_KEY_BYTES + 2];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    assert_int_equal(nf_xdb_set_metadata(db, key, "v"), NF_ETOOLONG);
    assert_non_null(strstr(nf_errmsg(), path));
    key[NF_XAPIAN_MAX_METADATA_KEY_BYTES] = '\0';
    assert_int_equal(nf_xdb_set_metadata(db, key, "v"), NF_OK);
    assert_int_equal(nf_xdb_commit(db), NF_OK);

    nf_xdb_free(db);
    nf_xdoc_free(doc);
}

static void second_writer_is_locked_out(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "locked");
    nf_xdb *first = NULL, *second = NULL;
    assert_int_equal(nf_xdb_open_writable(&first, path, NF_XDB_NO_SYNC),
                     NF_OK);
    assert_int_equal(nf_xdb_open_writable(&second, path, NF_XDB_OPEN),
                     NF_EDB_LOCKED);
    assert_null(second);
    assert_int_equal(nf_errcode(), NF_EDB_LOCKED);
    assert_non_null(strstr(nf_errmsg(), path));
    assert_non_null(strstr(nf_errmsg(), "locked by another indexer"));

    /* Readers are not locked out. */
    nf_xdb *reader = NULL;
    assert_int_equal(nf_xdb_open(&reader, path), NF_OK);
    nf_xdb_free(reader);

    /* Once the first writer goes, the lock is free again. */
    nf_xdb_free(first);
    assert_int_equal(nf_xdb_open_writable(&second, path, NF_XDB_OPEN), NF_OK);
    nf_xdb_free(second);
}

static void stub_with_garbage_is_corrupt(void **state)
{
    (void)state;
    char db[256], stub[256], text[600];
    xtest_path(db, sizeof db, dir, "stubbed");
    make_db(db, "Qstubbed");
    xtest_path(stub, sizeof stub, dir, "garbage.stub");
    snprintf(text, sizeof text, "auto %s\nthis is not a stub line\n", db);
    assert_int_equal(xtest_write_file(stub, text), 0);

    nf_xdb *h = NULL;
    assert_int_equal(nf_xdb_open(&h, stub), NF_EDB_CORRUPT);
    assert_null(h);
    /* The file and the line are named. */
    assert_non_null(strstr(nf_errmsg(), stub));
    assert_non_null(strstr(nf_errmsg(), ":2:"));

    /* A stub line naming a database that is not there. */
    char gone[256];
    xtest_path(gone, sizeof gone, dir, "no-such-shard");
    snprintf(text, sizeof text, "auto %s\n", gone);
    assert_int_equal(xtest_write_file(stub, text), 0);
    assert_int_equal(nf_xdb_open(&h, stub), NF_ENOTFOUND);
    assert_non_null(strstr(nf_errmsg(), gone));
    assert_non_null(strstr(nf_errmsg(), stub));
}

static void unreachable_remote_is_network_error(void **state)
{
    (void)state;
    /* Port 1 on the loopback: refused at once. */
    char stub[256];
    xtest_path(stub, sizeof stub, dir, "remote.stub");
    assert_int_equal(xtest_write_file(stub, "remote 127.0.0.1:1\n"), 0);
    nf_xdb *h = NULL;
    assert_int_equal(nf_xdb_open(&h, stub), NF_ENETWORK);
    assert_null(h);
    assert_non_null(strstr(nf_errmsg(), stub));
}

static void read_only_handle_refuses_writes(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "readonly");
    make_db(path, "Qro");
    nf_xdb *db = NULL;
    nf_xdoc *doc = NULL;
    assert_int_equal(nf_xdb_open(&db, path), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xdb_add_document(NULL, db, doc), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "read-only"));
    assert_non_null(strstr(nf_errmsg(), path));
    assert_int_equal(nf_xdb_commit(db), NF_EINVAL);
    assert_int_equal(nf_xdb_set_metadata(db, "k", "v"), NF_EINVAL);

    /* Missing documents and terms. */
    nf_xdoc *got = NULL;
    assert_int_equal(nf_xdb_get_document(&got, db, 99), NF_ENOTFOUND);
    assert_null(got);
    assert_non_null(strstr(nf_errmsg(), "99"));
    nf_docid did = 7;
    assert_int_equal(nf_xdb_find_document(&did, db, "Qnope"), NF_ENOTFOUND);
    assert_int_equal(did, 0);
    assert_non_null(strstr(nf_errmsg(), "Qnope"));
    nf_xdoc_free(doc);
    nf_xdb_free(db);
}

static void misused_transactions_are_invalid(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "txn-misuse");
    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open_writable(&db, path, NF_XDB_NO_SYNC), NF_OK);
    assert_int_equal(nf_xdb_cancel_transaction(db), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "no transaction"));
    assert_int_equal(nf_xdb_begin_transaction(db, 1), NF_OK);
    assert_int_equal(nf_xdb_begin_transaction(db, 1), NF_EINVAL);
    assert_int_equal(nf_xdb_commit_transaction(db), NF_OK);
    nf_xdb_free(db);
}

/* Rewrite every document of W (ids Q0..Q199) with fresh terms and commit:
 * enough change for glass to reuse the blocks of old revisions. */
static void rewrite_all(nf_xdb *w, int generation)
{
    for (int i = 0; i < 200; i++) {
        nf_xdoc *doc = NULL;
        char term[32];
        assert_int_equal(nf_xdoc_new(&doc), NF_OK);
        for (int j = 0; j < 50; j++) {
            int n = snprintf(term, sizeof term, "t%d_%d", generation,
                             i * 50 + j);
            assert_int_equal(nf_xdoc_add_term(doc, term, (size_t)n, 1), NF_OK);
        }
        snprintf(term, sizeof term, "Q%d", i);
        assert_int_equal(nf_xdb_replace_document(NULL, w, term, doc), NF_OK);
        nf_xdoc_free(doc);
    }
    assert_int_equal(nf_xdb_commit(w), NF_OK);
}

static int count_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    (void)term;
    (void)len;
    (void)freq;
    ++*(unsigned *)ctx;
    return 0;
}

static void reader_left_behind_must_reopen(void **state)
{
    (void)state;
    char path[256];
    xtest_path(path, sizeof path, dir, "modified");
    nf_xdb *w = NULL, *r = NULL;
    assert_int_equal(nf_xdb_open_writable(&w, path, NF_XDB_NO_SYNC), NF_OK);
    rewrite_all(w, 0);
    assert_int_equal(nf_xdb_open(&r, path), NF_OK);
    for (int gen = 1; gen <= 3; gen++)
        rewrite_all(w, gen);

    /* The reader's revision is gone. */
    unsigned n = 0;
    assert_int_equal(nf_xdb_allterms(r, NULL, count_term, &n),
                     NF_EDB_MODIFIED);
    assert_non_null(strstr(nf_errmsg(), path));
    assert_non_null(strstr(nf_errmsg(), "reopen"));

    int changed = 0;
    assert_int_equal(nf_xdb_reopen(r, &changed), NF_OK);
    assert_int_equal(changed, 1);
    n = 0;
    assert_int_equal(nf_xdb_allterms(r, "t3_", count_term, &n), NF_OK);
    assert_int_equal(n, 200 * 50);
    nf_xdb_free(r);
    nf_xdb_free(w);
}

static void null_arguments_are_invalid(void **state)
{
    (void)state;
    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open(&db, NULL), NF_EINVAL);
    assert_int_equal(nf_xdb_open(NULL, "x"), NF_EINVAL);
    const char *none[1] = {NULL};
    assert_int_equal(nf_xdb_open_multi(&db, none, 1), NF_EINVAL);
    assert_int_equal(nf_xdb_open_multi(&db, none, 0), NF_EINVAL);
    unsigned n;
    assert_int_equal(nf_xdb_doccount(NULL, &n), NF_EINVAL);
    /* Freeing NULL is allowed everywhere. */
    nf_xdb_free(NULL);
    nf_xdoc_free(NULL);
    nf_xquery_free(NULL);
    nf_xqp_free(NULL);
    nf_xenquire_free(NULL);
    nf_xmset_free(NULL);
    nf_xspy_free(NULL);
    assert_string_equal(nf_xdb_path(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_database_is_not_found),
        cmocka_unit_test(create_over_existing_fails),
        cmocka_unit_test(term_over_245_bytes_is_too_long),
        cmocka_unit_test(second_writer_is_locked_out),
        cmocka_unit_test(stub_with_garbage_is_corrupt),
        cmocka_unit_test(unreachable_remote_is_network_error),
        cmocka_unit_test(read_only_handle_refuses_writes),
        cmocka_unit_test(misused_transactions_are_invalid),
        cmocka_unit_test(reader_left_behind_must_reopen),
        cmocka_unit_test(null_arguments_are_invalid),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
