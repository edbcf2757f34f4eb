/* Internal to plugin/xapian: the structs behind the opaque handles of
 * <newsfacet/nf_xapian.h>, and the one place exceptions become statuses.
 *
 * Every entry point of the wrapper has the shape
 *
 *     int nf_xfoo(...)
 *     {
 *         try {
 *             ...
 *             return NF_OK;
 *         }
 *         NF_XAPIAN_CATCH("do foo to", db->name.c_str())
 *     }
 *
 * so that no C++ exception ever unwinds into C code: the catch clauses
 * below cover Xapian::Error, std::bad_alloc, other std::exceptions and
 * anything else, and each records a message with nf_set_error().
 */
#ifndef NF_XAPIAN_INTERNAL_H
#define NF_XAPIAN_INTERNAL_H

#include <newsfacet/nf_xapian.h>

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <new>
#include <string>
#include <vector>

/* A database handle.  A writer keeps both views: WRITER for changes and DB
 * (sharing the writer's internals) for everything that reads. */
struct nf_xdb {
    Xapian::Database db;
    Xapian::WritableDatabase writer;
    bool writable = false;
    /* The path(s) as given, for messages: "a" or "a + b" for shards. */
    std::string name;
};

struct nf_xdoc {
    Xapian::Document doc;
    /* The database a fetched document came from ("" for a new one): its
     * data and values are read lazily, so errors can come late. */
    std::string dbname;
    /* Storage behind the pointers nf_xdoc_get_data/_get_value hand out;
     * dropped whenever the document changes. */
    std::string data;
    std::map<nf_valueno, std::string> values;
    bool data_cached = false;
};

struct nf_xquery {
    Xapian::Query q;
};

struct nf_xqp {
    Xapian::QueryParser qp;
    std::string dbname;   /* set by nf_xqp_set_database, for messages */
};

/* A MatchDecider that asks a C callback. */
class nf_cdecider : public Xapian::MatchDecider {
  public:
    nf_decide_cb cb = nullptr;
    void *ctx = nullptr;
    int key_slot = -1;
    bool operator()(const Xapian::Document &doc) const override
    {
        if (key_slot < 0)
            return cb(ctx, doc.get_docid(), nullptr, 0) != 0;
        const std::string key = doc.get_value((Xapian::valueno)key_slot);
        return cb(ctx, doc.get_docid(), key.data(), key.size()) != 0;
    }
};

struct nf_xenquire {
    Xapian::Enquire enq;
    std::string dbname;
    nf_cdecider decider;
    explicit nf_xenquire(const nf_xdb &db) : enq(db.db), dbname(db.name) {}
};

struct nf_xmset {
    Xapian::MSet mset;
    std::string dbname;
};

struct nf_xspy {
    Xapian::ValueCountMatchSpy spy;
    explicit nf_xspy(nf_valueno slot) : spy(slot) {}
};

/* The one mapping from a Xapian exception to an nf_status, recording a
 * message "cannot WHAT[ database DB]: ..." (DB may be NULL or "").  See
 * nf_xapian_error.cc for the table. */
int nf_xapian_error(const Xapian::Error &e, const char *what, const char *db);
/* The catch-alls beside it: out of memory, other C++ exceptions. */
int nf_xapian_nomem(const char *what, const char *db);
int nf_xapian_other(const std::exception *e, const char *what, const char *db);

/* The catch clauses closing every entry point's try block: ACTION is
 * "return" (NF_XAPIAN_CATCH) or "VAR =" (NF_XAPIAN_CATCH_INTO). */
#define NF_XAPIAN_CATCH_(action, what, db)                                \
    catch (const Xapian::Error &nf_xe_) {                                 \
        action nf_xapian_error(nf_xe_, (what), (db));                     \
    } catch (const std::bad_alloc &) {                                    \
        action nf_xapian_nomem((what), (db));                             \
    } catch (const std::exception &nf_se_) {                              \
        action nf_xapian_other(&nf_se_, (what), (db));                    \
    } catch (...) {                                                       \
        action nf_xapian_other(nullptr, (what), (db));                    \
    }
#define NF_XAPIAN_CATCH(what, db) NF_XAPIAN_CATCH_(return, what, db)
#define NF_XAPIAN_CATCH_INTO(var, what, db) NF_XAPIAN_CATCH_(var =, what, db)

/* NF_OK if TERM (LEN bytes) can be stored by glass; otherwise NF_EINVAL
 * (empty) or NF_ETOOLONG, with a message naming the term and USE (such as
 * "posting" or "unique term"). */
int nf_xapian_check_term(const char *term, size_t len, const char *use);

/* Record NF_EINVAL for a NULL argument of FUNC. */
int nf_xapian_null_arg(const char *func, const char *arg);

/* A malloc'd copy for the caller to free(); throws std::bad_alloc (caught
 * by NF_XAPIAN_CATCH) rather than returning NULL. */
inline char *nf_xapian_strdup(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

#endif
