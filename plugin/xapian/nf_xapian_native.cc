/* Handles over objects a C++ host owns: the plugin ABI passes a host's
 * Xapian::Document or Xapian::QueryParser as void *.  Xapian's API objects
 * are reference-counted handles, so the copy held here shares the host's
 * object: whatever newsfacet adds through the handle, the host sees. */
#include "xapian/nf_xapian_internal.h"

NF_API int nf_xdoc_from_native(nf_xdoc **out, void *xapian_document)
{
    if (!out || !xapian_document)
        return nf_xapian_null_arg("nf_xdoc_from_native", !out ? "out" : "xapian_document");
    *out = nullptr;
    try {
        nf_xdoc *doc = new nf_xdoc;
        doc->doc = *static_cast<Xapian::Document *>(xapian_document);
        *out = doc;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("wrap a host's document", nullptr)
}

NF_API int nf_xqp_from_native(nf_xqp **out, void *xapian_queryparser)
{
    if (!out || !xapian_queryparser)
        return nf_xapian_null_arg("nf_xqp_from_native", !out ? "out" : "xapian_queryparser");
    *out = nullptr;
    try {
        nf_xqp *qp = new nf_xqp;
        qp->qp = *static_cast<Xapian::QueryParser *>(xapian_queryparser);
        *out = qp;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("wrap a host's query parser", nullptr)
}
