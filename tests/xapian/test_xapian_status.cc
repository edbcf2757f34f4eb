// Unit tests for the one exception-to-status mapping of the Xapian wrapper
// (plugin/xapian/nf_xapian_error.cc), in C++ so that every Xapian error
// class can be thrown as Xapian would; and a check of what Xapian 1.4
// itself does with a term over 245 bytes, which the wrapper pre-empts.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
extern "C" {
#include <cmocka.h>
}

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/nf_error.h"
#include "xapian/nf_xapian_internal.h"
#include "xtest_tmp.h"

namespace {

const char *dir;

// Map E as a wrapper entry point would and check status and message.
template <class E>
void expect(const E &e, int status, const char *fragment)
{
    int rc;
    try {
        throw e;
    }
    NF_XAPIAN_CATCH_INTO(rc, "open", "/data/news")
    if (rc != status)
        std::fprintf(stderr, "%s: got %s, want %s (%s)\n", e.get_type(),
                     nf_status_name(rc), nf_status_name(status), nf_errmsg());
    assert_int_equal(rc, status);
    assert_int_equal(nf_errcode(), status);
    assert_non_null(std::strstr(nf_errmsg(), "/data/news"));
    assert_non_null(std::strstr(nf_errmsg(), fragment));
}

void database_errors(void **state)
{
    (void)state;
    expect(Xapian::DatabaseLockError(
               "Unable to get write lock on /data/news: already locked"),
           NF_EDB_LOCKED, "is locked by another indexer");
    expect(Xapian::DatabaseNotFoundError("Couldn't stat '/data/news'", ENOENT),
           NF_ENOTFOUND, "No such file");
    expect(Xapian::DatabaseVersionError("Unsupported version 9"),
           NF_EDB_VERSION, "Unsupported version 9");
    expect(Xapian::DatabaseOpeningError("/data/news:3: Bad line"),
           NF_EDB_CORRUPT, "stub database file: /data/news:3: Bad line");
    expect(Xapian::DatabaseOpeningError("Cannot open tables"),
           NF_EDB_OPENING, "Cannot open tables");
    expect(Xapian::DatabaseCreateError("a database already exists"),
           NF_EDB_OPENING, "already exists");
    expect(Xapian::DatabaseCorruptError("Bad block"), NF_EDB_CORRUPT,
           "corrupt: Bad block");
    expect(Xapian::DatabaseModifiedError("The revision being read has been "
                                         "discarded"),
           NF_EDB_MODIFIED, "reopen");
    expect(Xapian::DatabaseError("Error writing block", ENOSPC), NF_EIO,
           "No space left on device");
    expect(Xapian::DatabaseClosedError("Database has been closed"),
           NF_EINVAL, "closed");
}

void other_errors(void **state)
{
    (void)state;
    expect(Xapian::DocNotFoundError("Document 7 not found"), NF_ENOTFOUND,
           "Document 7");
    expect(Xapian::QueryParserError("Syntax: <expression> AND <expression>"),
           NF_EQUERY, "Syntax");
    expect(Xapian::WildcardError("Wildcard foo* expands to too many terms"),
           NF_EQUERY, "too many");
    expect(Xapian::NetworkError("Couldn't connect", ECONNREFUSED),
           NF_ENETWORK, "Connection refused");
    expect(Xapian::NetworkTimeoutError("Timeout expired"), NF_ENETWORK,
           "Timeout");
    expect(Xapian::InvalidArgumentError("Term too long (> 245): " +
                                        std::string(300, 'x')),
           NF_ETOOLONG, "Term too long");
    expect(Xapian::InvalidArgumentError("Key too long: length was 300 bytes"),
           NF_ETOOLONG, "Key too long");
    expect(Xapian::InvalidArgumentError("Document ID 0 is invalid"),
           NF_EINVAL, "InvalidArgumentError");
    expect(Xapian::InvalidOperationError("Cannot cancel transaction"),
           NF_EINVAL, "transaction");
    expect(Xapian::UnimplementedError("Not implemented"), NF_ERROR,
           "UnimplementedError");
    expect(Xapian::FeatureUnavailableError("No remote backend"), NF_ERROR,
           "FeatureUnavailableError");
}

void non_xapian_exceptions(void **state)
{
    (void)state;
    int rc;
    try {
        throw std::bad_alloc();
    }
    NF_XAPIAN_CATCH_INTO(rc, "search", "/data/news")
    assert_int_equal(rc, NF_ENOMEM);
    assert_string_equal(nf_errmsg(),
                        "cannot search database /data/news: out of memory");
    try {
        throw std::length_error("basic_string::_M_create");
    }
    NF_XAPIAN_CATCH_INTO(rc, "search", nullptr)
    assert_int_equal(rc, NF_ERROR);
    assert_string_equal(nf_errmsg(), "cannot search: unexpected C++ "
                        "exception: basic_string::_M_create");
    try {
        throw 42;
    }
    NF_XAPIAN_CATCH_INTO(rc, "search", nullptr)
    assert_int_equal(rc, NF_ERROR);
    assert_string_equal(nf_errmsg(), "cannot search: unexpected C++ exception");
}

// Xapian 1.4.22 itself: glass rejects the term when the document is added
// (not at commit), with InvalidArgumentError "Term too long (> 245)" -- and
// in doing so throws away every change made since the last commit, here
// the document added just before.  That silent loss is why the wrapper
// checks term lengths when terms are added to a document.
void xapian_rejects_long_terms_at_add(void **state)
{
    (void)state;
    std::string path = std::string(dir) + "/db";
    int rc = NF_OK;
    bool added = false;
    unsigned before = 0, after = 0, committed = 0;
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE |
                                              Xapian::DB_NO_SYNC);
        Xapian::Document first, ok, bad;
        first.add_term("committed");
        ok.add_term(std::string(NF_XAPIAN_MAX_TERM_BYTES, 'x'));
        bad.add_term(std::string(NF_XAPIAN_MAX_TERM_BYTES + 1, 'x'));
        db.add_document(first);
        db.commit();
        db.add_document(ok);
        before = db.get_doccount();
        try {
            db.add_document(bad);
            added = true;
        }
        NF_XAPIAN_CATCH_INTO(rc, "add a document to", path.c_str())
        after = db.get_doccount();
        db.commit();
        committed = Xapian::Database(path).get_doccount();
    }
    assert_false(added);
    assert_int_equal(rc, NF_ETOOLONG);
    assert_non_null(std::strstr(nf_errmsg(), "Term too long (> 245)"));
    assert_int_equal(before, 2);
    assert_int_equal(after, 1);       // the uncommitted "ok" is gone too
    assert_int_equal(committed, 1);
}

// A scratch directory for the test above, removed even if it fails.
int group_setup(void **state)
{
    (void)state;
    dir = xtest_mkdtemp();
    return dir ? 0 : -1;
}

int group_teardown(void **state)
{
    (void)state;
    return xtest_rmtree(dir);
}

}  // namespace

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(database_errors),
        cmocka_unit_test(other_errors),
        cmocka_unit_test(non_xapian_exceptions),
        cmocka_unit_test(xapian_rejects_long_terms_at_add),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
