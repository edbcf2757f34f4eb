/* Changing a database: documents, metadata, commits and transactions.
 * Only handles from nf_xdb_open_writable may write. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

namespace {

/* NF_OK if DB may be written, else NF_EINVAL naming the database. */
int check_writer(const nf_xdb *db, const char *func)
{
    if (!db)
        return nf_xapian_null_arg(func, "db");
    if (!db->writable)
        return nf_set_error(NF_EINVAL,
            "%s: database %s is open read-only", func, db->name.c_str());
    return NF_OK;
}

}  // namespace

NF_API int nf_xdb_commit(nf_xdb *db)
{
    int rc = check_writer(db, "nf_xdb_commit");
    if (rc)
        return rc;
    try {
        db->writer.commit();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("commit to", db->name.c_str())
}

NF_API int nf_xdb_begin_transaction(nf_xdb *db, int flushed)
{
    int rc = check_writer(db, "nf_xdb_begin_transaction");
    if (rc)
        return rc;
    try {
        db->writer.begin_transaction(flushed != 0);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("begin a transaction on", db->name.c_str())
}

NF_API int nf_xdb_commit_transaction(nf_xdb *db)
{
    int rc = check_writer(db, "nf_xdb_commit_transaction");
    if (rc)
        return rc;
    try {
        db->writer.commit_transaction();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("commit the transaction on", db->name.c_str())
}

NF_API int nf_xdb_cancel_transaction(nf_xdb *db)
{
    int rc = check_writer(db, "nf_xdb_cancel_transaction");
    if (rc)
        return rc;
    try {
        db->writer.cancel_transaction();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("cancel the transaction on", db->name.c_str())
}

NF_API int nf_xdb_add_document(nf_docid *out, nf_xdb *db, const nf_xdoc *doc)
{
    if (out)
        *out = 0;
    int rc = check_writer(db, "nf_xdb_add_document");
    if (rc)
        return rc;
    if (!doc)
        return nf_xapian_null_arg("nf_xdb_add_document", "doc");
    try {
        nf_docid did = db->writer.add_document(doc->doc);
        if (out)
            *out = did;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a document to", db->name.c_str())
}

NF_API int nf_xdb_replace_document(nf_docid *out, nf_xdb *db,
                                   const char *unique_term, const nf_xdoc *doc)
{
    if (out)
        *out = 0;
    int rc = check_writer(db, "nf_xdb_replace_document");
    if (rc)
        return rc;
    if (!unique_term || !doc)
        return nf_xapian_null_arg("nf_xdb_replace_document",
                                  !doc ? "doc" : "unique_term");
    rc = nf_xapian_check_term(unique_term, std::strlen(unique_term),
                              "unique term");
    if (rc)
        return rc;
    try {
        nf_docid did = db->writer.replace_document(unique_term, doc->doc);
        if (out)
            *out = did;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("replace a document in", db->name.c_str())
}

NF_API int nf_xdb_delete_document(nf_xdb *db, const char *unique_term)
{
    int rc = check_writer(db, "nf_xdb_delete_document");
    if (rc)
        return rc;
    if (!unique_term)
        return nf_xapian_null_arg("nf_xdb_delete_document", "unique_term");
    rc = nf_xapian_check_term(unique_term, std::strlen(unique_term),
                              "unique term");
    if (rc)
        return rc;
    try {
        db->writer.delete_document(std::string(unique_term));
        return NF_OK;
    }
    NF_XAPIAN_CATCH("delete a document from", db->name.c_str())
}

NF_API int nf_xdb_set_metadata(nf_xdb *db, const char *key, const char *value)
{
    int rc = check_writer(db, "nf_xdb_set_metadata");
    if (rc)
        return rc;
    if (!key || !value)
        return nf_xapian_null_arg("nf_xdb_set_metadata",
                                  !key ? "key" : "value");
    size_t keylen = std::strlen(key);
    if (keylen == 0)
        return nf_set_error(NF_EINVAL,
            "cannot set metadata in database %s: the key is empty",
            db->name.c_str());
    if (keylen > NF_XAPIAN_MAX_METADATA_KEY_BYTES)
        /* Xapian would say "Key too long: length was N+2 bytes". */
        return nf_set_error(NF_ETOOLONG,
            "cannot set metadata in database %s: key of %zu bytes is over "
            "Xapian's limit of %d: '%.40s...'", db->name.c_str(), keylen,
            NF_XAPIAN_MAX_METADATA_KEY_BYTES, key);
    try {
        db->writer.set_metadata(key, value);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set metadata in", db->name.c_str())
}
