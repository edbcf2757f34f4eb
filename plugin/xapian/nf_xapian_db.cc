/* Opening databases and reading from them: counts, metadata, lookups by
 * term or docid, the term list.  Writes are in nf_xapian_write.cc. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <cstdio>
#include <memory>

namespace {

/* Xapian's open flags for NF_XDB_* FLAGS, or -1 if FLAGS makes no sense. */
int xapian_open_flags(int flags)
{
    int action;
    switch (flags & NF_XDB_MODE_MASK) {
    case 0:
    case NF_XDB_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
    case NF_XDB_CREATE: action = Xapian::DB_CREATE; break;
    case NF_XDB_OPEN: action = Xapian::DB_OPEN; break;
    case NF_XDB_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE;
        break;
    default: return -1;
    }
    if (flags & ~(NF_XDB_MODE_MASK | NF_XDB_NO_SYNC | NF_XDB_RETRY_LOCK))
        return -1;
    if (flags & NF_XDB_NO_SYNC)
        action |= Xapian::DB_NO_SYNC;
    if (flags & NF_XDB_RETRY_LOCK)
        action |= Xapian::DB_RETRY_LOCK;
    return action;
}

}  // namespace

NF_API int nf_xdb_open(nf_xdb **out, const char *path)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_open", "out");
    *out = nullptr;
    if (!path)
        return nf_xapian_null_arg("nf_xdb_open", "path");
    try {
        std::unique_ptr<nf_xdb> db(new nf_xdb);
        db->name = path;
        db->db = Xapian::Database(db->name);
        *out = db.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("open", path)
}

NF_API int nf_xdb_open_writable(nf_xdb **out, const char *path, int flags)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_open_writable", "out");
    *out = nullptr;
    if (!path)
        return nf_xapian_null_arg("nf_xdb_open_writable", "path");
    int xflags = xapian_open_flags(flags);
    if (xflags < 0)
        return nf_set_error(NF_EINVAL,
            "cannot open database %s for writing: bad open flags 0x%x",
            path, static_cast<unsigned>(flags));
    try {
        std::unique_ptr<nf_xdb> db(new nf_xdb);
        db->name = path;
        db->writer = Xapian::WritableDatabase(db->name, xflags);
        db->db = db->writer;
        db->writable = true;
        *out = db.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("open", path)
}

NF_API int nf_xdb_open_multi(nf_xdb **out, const char *const *paths, size_t n)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_open_multi", "out");
    *out = nullptr;
    if (!paths)
        return nf_xapian_null_arg("nf_xdb_open_multi", "paths");
    if (n == 0)
        return nf_set_error(NF_EINVAL,
            "nf_xdb_open_multi: no database paths given");
    for (size_t i = 0; i < n; i++)
        if (!paths[i])
            return nf_set_error(NF_EINVAL,
                "nf_xdb_open_multi: path %zu of %zu is NULL", i + 1, n);
    /* The shard being opened, so that the message names it. */
    const char *current = paths[0];
    try {
        std::unique_ptr<nf_xdb> db(new nf_xdb);
        for (size_t i = 0; i < n; i++) {
            current = paths[i];
            db->db.add_database(Xapian::Database(current));
            if (i)
                db->name += " + ";
            db->name += current;
        }
        *out = db.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("open", current)
}

NF_API void nf_xdb_free(nf_xdb *db)
{
    /* Destroying a WritableDatabase commits; Xapian swallows errors there,
     * and nothing may escape into C anyway. */
    try {
        delete db;
    } catch (...) {
    }
}

NF_API const char *nf_xdb_path(const nf_xdb *db)
{
    return db ? db->name.c_str() : "";
}

NF_API int nf_xdb_reopen(nf_xdb *db, int *changed)
{
    if (changed)
        *changed = 0;
    if (!db)
        return nf_xapian_null_arg("nf_xdb_reopen", "db");
    try {
        bool moved = db->db.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("reopen", db->name.c_str())
}

NF_API int nf_xdb_doccount(nf_xdb *db, unsigned *out)
{
    if (!db || !out)
        return nf_xapian_null_arg("nf_xdb_doccount", !db ? "db" : "out");
    try {
        *out = db->db.get_doccount();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("count the documents of", db->name.c_str())
}

NF_API int nf_xdb_termfreq(nf_xdb *db, unsigned *out, const char *term)
{
    if (!db || !out || !term)
        return nf_xapian_null_arg("nf_xdb_termfreq",
                                  !db ? "db" : !out ? "out" : "term");
    try {
        *out = db->db.get_termfreq(term);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read a term frequency from", db->name.c_str())
}

NF_API int nf_xdb_uuid(nf_xdb *db, char **out)
{
    if (!db || !out)
        return nf_xapian_null_arg("nf_xdb_uuid", !db ? "db" : "out");
    *out = nullptr;
    try {
        *out = nf_xapian_strdup(db->db.get_uuid());
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the UUID of", db->name.c_str())
}

NF_API int nf_xdb_get_metadata(char **out, nf_xdb *db, const char *key)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_get_metadata", "out");
    *out = nullptr;
    if (!db || !key)
        return nf_xapian_null_arg("nf_xdb_get_metadata", !db ? "db" : "key");
    try {
        *out = nf_xapian_strdup(db->db.get_metadata(key));
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read metadata from", db->name.c_str())
}

NF_API int nf_xdb_find_document(nf_docid *out, nf_xdb *db, const char *term)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_find_document", "out");
    *out = 0;
    if (!db || !term)
        return nf_xapian_null_arg("nf_xdb_find_document",
                                  !db ? "db" : "term");
    try {
        std::string t(term);
        Xapian::PostingIterator it = db->db.postlist_begin(t);
        if (it == db->db.postlist_end(t))
            return nf_set_error(NF_ENOTFOUND,
                "no document indexed by term '%s' in database %s",
                term, db->name.c_str());
        *out = *it;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("look a term up in", db->name.c_str())
}

NF_API int nf_xdb_get_document(nf_xdoc **out, nf_xdb *db, nf_docid did)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdb_get_document", "out");
    *out = nullptr;
    if (!db)
        return nf_xapian_null_arg("nf_xdb_get_document", "db");
    char what[64];
    std::snprintf(what, sizeof what, "read document %u from", did);
    try {
        std::unique_ptr<nf_xdoc> doc(new nf_xdoc);
        doc->doc = db->db.get_document(did);
        doc->dbname = db->name;
        *out = doc.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH(what, db->name.c_str())
}

NF_API int nf_xdb_allterms(nf_xdb *db, const char *prefix,
                           nf_term_cb cb, void *ctx)
{
    if (!db || !cb)
        return nf_xapian_null_arg("nf_xdb_allterms", !db ? "db" : "cb");
    try {
        std::string pfx(prefix ? prefix : "");
        Xapian::TermIterator end = db->db.allterms_end(pfx);
        for (Xapian::TermIterator it = db->db.allterms_begin(pfx);
             it != end; ++it) {
            const std::string term = *it;
            int rc = cb(ctx, term.c_str(), term.size(), it.get_termfreq());
            if (rc < 0)
                return rc;
            if (rc > 0)
                break;
        }
        return NF_OK;
    }
    NF_XAPIAN_CATCH("list the terms of", db->name.c_str())
}
