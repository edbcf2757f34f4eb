/* Documents: building them (terms, postings, values, data) and reading
 * them back, including each term's positions. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <memory>

namespace {

/* The document is about to change: pointers handed out by get_data and
 * get_value stop being valid, as the header says. */
void forget_cached(nf_xdoc *doc)
{
    doc->data.clear();
    doc->data_cached = false;
    doc->values.clear();
}

const char *doc_db(const nf_xdoc *doc)
{
    return doc->dbname.c_str();
}

}  // namespace

/* Glass stores a term in a B-tree key with a little overhead.  With a
 * longer term, Xapian 1.4.22 throws InvalidArgumentError "Term too long
 * (> 245)" from add_document/replace_document -- and throws away every
 * change since the last commit with it (tests/xapian/test_xapian_status.cc
 * shows this).  Checking here reports the problem at the term, and the
 * batch already indexed survives. */
int nf_xapian_check_term(const char *term, size_t len, const char *use)
{
    if (len == 0)
        return nf_set_error(NF_EINVAL, "empty %s: Xapian has no empty terms",
                            use);
    if (len > NF_XAPIAN_MAX_TERM_BYTES)
        return nf_set_error(NF_ETOOLONG,
            "%s of %zu bytes is over Xapian's limit of %d bytes: '%.40s...'",
            use, len, NF_XAPIAN_MAX_TERM_BYTES, term);
    return NF_OK;
}

NF_API int nf_xdoc_new(nf_xdoc **out)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdoc_new", "out");
    *out = nullptr;
    try {
        *out = new nf_xdoc;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("create a document", nullptr)
}

NF_API void nf_xdoc_free(nf_xdoc *doc)
{
    try {
        delete doc;
    } catch (...) {
    }
}

NF_API int nf_xdoc_add_posting(nf_xdoc *doc, const char *term, size_t len,
                               nf_termpos pos, unsigned wdf_inc)
{
    if (!doc || !term)
        return nf_xapian_null_arg("nf_xdoc_add_posting", !doc ? "doc" : "term");
    int rc = nf_xapian_check_term(term, len, "term");
    if (rc)
        return rc;
    try {
        forget_cached(doc);
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a posting to a document", nullptr)
}

NF_API int nf_xdoc_add_term(nf_xdoc *doc, const char *term, size_t len,
                            unsigned wdf_inc)
{
    if (!doc || !term)
        return nf_xapian_null_arg("nf_xdoc_add_term", !doc ? "doc" : "term");
    int rc = nf_xapian_check_term(term, len, "term");
    if (rc)
        return rc;
    try {
        forget_cached(doc);
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a term to a document", nullptr)
}

NF_API int nf_xdoc_add_boolean_term(nf_xdoc *doc, const char *term,
                                    size_t len)
{
    if (!doc || !term)
        return nf_xapian_null_arg("nf_xdoc_add_boolean_term",
                                  !doc ? "doc" : "term");
    int rc = nf_xapian_check_term(term, len, "boolean term");
    if (rc)
        return rc;
    try {
        forget_cached(doc);
        doc->doc.add_boolean_term(std::string(term, len));
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a boolean term to a document", nullptr)
}

NF_API int nf_xdoc_set_value(nf_xdoc *doc, nf_valueno slot,
                             const char *value, size_t len)
{
    if (!doc || (!value && len))
        return nf_xapian_null_arg("nf_xdoc_set_value", !doc ? "doc" : "value");
    if (slot == Xapian::BAD_VALUENO)
        return nf_set_error(NF_EINVAL,
            "nf_xdoc_set_value: slot %u is Xapian's BAD_VALUENO", slot);
    try {
        forget_cached(doc);
        if (len)
            doc->doc.add_value(slot, std::string(value, len));
        else if (!doc->doc.get_value(slot).empty())
            /* (remove_value throws for a slot that is not set) */
            doc->doc.remove_value(slot);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set a value of a document", nullptr)
}

NF_API int nf_xdoc_set_data(nf_xdoc *doc, const char *data, size_t len)
{
    if (!doc || (!data && len))
        return nf_xapian_null_arg("nf_xdoc_set_data", !doc ? "doc" : "data");
    try {
        forget_cached(doc);
        doc->doc.set_data(len ? std::string(data, len) : std::string());
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the data of a document", nullptr)
}

NF_API int nf_xdoc_get_data(const char **out, size_t *len, nf_xdoc *doc)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdoc_get_data", "out");
    *out = nullptr;
    if (len)
        *len = 0;
    if (!doc)
        return nf_xapian_null_arg("nf_xdoc_get_data", "doc");
    try {
        if (!doc->data_cached) {
            doc->data = doc->doc.get_data();
            doc->data_cached = true;
        }
        *out = doc->data.c_str();
        if (len)
            *len = doc->data.size();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the data of a document of", doc_db(doc))
}

NF_API int nf_xdoc_get_value(const char **out, size_t *len, nf_xdoc *doc,
                             nf_valueno slot)
{
    if (!out)
        return nf_xapian_null_arg("nf_xdoc_get_value", "out");
    *out = nullptr;
    if (len)
        *len = 0;
    if (!doc)
        return nf_xapian_null_arg("nf_xdoc_get_value", "doc");
    try {
        auto it = doc->values.find(slot);
        if (it == doc->values.end())
            it = doc->values.emplace(slot, doc->doc.get_value(slot)).first;
        *out = it->second.c_str();
        if (len)
            *len = it->second.size();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read a value of a document of", doc_db(doc))
}

NF_API int nf_xdoc_terms(nf_xdoc *doc, nf_doc_term_cb cb, void *ctx)
{
    if (!doc || !cb)
        return nf_xapian_null_arg("nf_xdoc_terms", !doc ? "doc" : "cb");
    try {
        std::vector<nf_termpos> positions;
        Xapian::TermIterator end = doc->doc.termlist_end();
        for (Xapian::TermIterator it = doc->doc.termlist_begin();
             it != end; ++it) {
            const std::string term = *it;
            positions.clear();
            if (it.positionlist_count() > 0) {
                Xapian::PositionIterator pend = it.positionlist_end();
                for (Xapian::PositionIterator p = it.positionlist_begin();
                     p != pend; ++p)
                    positions.push_back(*p);
            }
            int rc = cb(ctx, term.c_str(), term.size(), it.get_wdf(),
                        positions.empty() ? nullptr : positions.data(),
                        positions.size());
            if (rc < 0)
                return rc;
            if (rc > 0)
                break;
        }
        return NF_OK;
    }
    NF_XAPIAN_CATCH("list the terms of a document of", doc_db(doc))
}
