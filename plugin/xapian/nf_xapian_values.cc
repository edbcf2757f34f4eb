/* Reading a value slot of every document at once (a value stream), which
 * is how the searcher builds its in-memory facet columns. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

NF_API int nf_xdb_lastdocid(nf_xdb *db, nf_docid *out)
{
    if (!db || !out)
        return nf_xapian_null_arg("nf_xdb_lastdocid", !db ? "db" : "out");
    try {
        *out = db->db.get_lastdocid();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the last document id of", db->name.c_str())
}

namespace {
class accept_all : public Xapian::MatchDecider {
  public:
    bool operator()(const Xapian::Document &) const override { return true; }
};
}

NF_API int nf_xdb_is_local(nf_xdb *db, int *out)
{
    if (!db || !out)
        return nf_xapian_null_arg("nf_xdb_is_local", !db ? "db" : "out");
    *out = 1;
    try {
        /* Xapian has no public "is remote" test; a match decider is what
         * the remote backend refuses, before it matches anything. */
        Xapian::Enquire enq(db->db);
        enq.set_query(Xapian::Query(std::string("XNFPROBE")));
        accept_all decider;
        (void)enq.get_mset(0, 0, 0, nullptr, &decider);
        return NF_OK;
    } catch (const Xapian::UnimplementedError &) {
        *out = 0;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("inspect", db->name.c_str())
}

NF_API int nf_xdb_shards(nf_xdb *db, unsigned *out)
{
    if (!db || !out)
        return nf_xapian_null_arg("nf_xdb_shards", !db ? "db" : "out");
    *out = (unsigned)db->db.size();
    return NF_OK;
}

NF_API int nf_xdb_values(nf_xdb *db, int *supported, nf_valueno slot,
                         nf_slot_value_cb cb, void *ctx)
{
    if (!db || !supported || !cb)
        return nf_xapian_null_arg("nf_xdb_values", !db ? "db" : !supported ? "supported" : "cb");
    *supported = 1;
    try {
        Xapian::ValueIterator end = db->db.valuestream_end(slot);
        for (Xapian::ValueIterator it = db->db.valuestream_begin(slot); it != end; ++it) {
            const std::string v = *it;
            int rc = cb(ctx, it.get_docid(), v.data(), v.size());
            if (rc)
                return rc > 0 ? NF_OK : rc;
        }
        return NF_OK;
    } catch (const Xapian::UnimplementedError &) {
        /* The remote backend has no value streams over the wire.  The
         * caller drops whatever it was given before this. */
        *supported = 0;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read a value slot of", db->name.c_str())
}
