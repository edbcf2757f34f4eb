/* The QueryParser: field prefixes, the stemmer, range processors backed by
 * C callbacks, and parsing with errors that quote the query. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <cstdio>
#include <memory>

namespace {

/* A RangeProcessor whose decision is a C callback's.  Xapian's
 * check_range() strips the "FIELD:" prefix and calls operator(); a failing
 * callback becomes a QueryParserError carrying the callback's message, so
 * that parse_query() stops and nf_xqp_parse reports it as NF_EQUERY. */
class c_range_processor final : public Xapian::RangeProcessor {
  public:
    c_range_processor(const std::string &prefix, nf_range_cb cb, void *ctx)
        : Xapian::RangeProcessor(Xapian::BAD_VALUENO, prefix),
          cb_(cb), ctx_(ctx) {}

    Xapian::Query operator()(const std::string &begin,
                             const std::string &end) override
    {
        nf_xquery *q = nullptr;
        nf_clear_error();
        int rc = cb_(ctx_, &q, begin.c_str(), end.c_str());
        /* Take ownership first, so nothing leaks whatever happens next. */
        std::unique_ptr<nf_xquery, void (*)(nf_xquery *)> owned(
            q, nf_xquery_free);
        if (rc != NF_OK) {
            const char *why = nf_errmsg();
            throw Xapian::QueryParserError(
                "range " + str + begin + ".." + end + ": " +
                (*why ? why : "rejected by the range handler"));
        }
        if (!owned)
            return Xapian::Query(Xapian::Query::OP_INVALID);
        return owned->q;
    }

  private:
    nf_range_cb cb_;
    void *ctx_;
};

}  // namespace

NF_API int nf_xqp_new(nf_xqp **out)
{
    if (!out)
        return nf_xapian_null_arg("nf_xqp_new", "out");
    *out = nullptr;
    try {
        *out = new nf_xqp;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("create a query parser", nullptr)
}

NF_API void nf_xqp_free(nf_xqp *qp)
{
    try {
        delete qp;
    } catch (...) {
    }
}

NF_API int nf_xqp_set_database(nf_xqp *qp, nf_xdb *db)
{
    if (!qp)
        return nf_xapian_null_arg("nf_xqp_set_database", "qp");
    try {
        qp->qp.set_database(db ? db->db : Xapian::Database());
        qp->dbname = db ? db->name : std::string();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("give the query parser the database",
                    db ? db->name.c_str() : nullptr)
}

NF_API int nf_xqp_set_default_op(nf_xqp *qp, int op)
{
    if (!qp)
        return nf_xapian_null_arg("nf_xqp_set_default_op", "qp");
    if (op != NF_XQUERY_OR && op != NF_XQUERY_AND && op != NF_XQUERY_SYNONYM)
        return nf_set_error(NF_EINVAL,
            "nf_xqp_set_default_op: operator %d cannot join query terms", op);
    try {
        qp->qp.set_default_op(static_cast<Xapian::Query::op>(op));
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the query parser's default operator", nullptr)
}

NF_API int nf_xqp_set_stemmer(nf_xqp *qp, const char *language)
{
    if (!qp)
        return nf_xapian_null_arg("nf_xqp_set_stemmer", "qp");
    char what[160];
    std::snprintf(what, sizeof what,
                  "set the query parser's stemmer to '%.64s'",
                  language ? language : "");
    try {
        std::string lang(language ? language : "");
        qp->qp.set_stemmer(lang.empty() ? Xapian::Stem() : Xapian::Stem(lang));
        /* The index stems as TermGenerator's STEM_SOME does: Z-prefixed
         * stems of words not starting with a capital letter or digit. */
        qp->qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        return NF_OK;
    }
    NF_XAPIAN_CATCH(what, nullptr)
}

NF_API int nf_xqp_add_prefix(nf_xqp *qp, const char *field,
                             const char *prefix)
{
    if (!qp || !field || !prefix)
        return nf_xapian_null_arg("nf_xqp_add_prefix",
                                  !qp ? "qp" : !field ? "field" : "prefix");
    try {
        qp->qp.add_prefix(field, prefix);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a prefix to the query parser", nullptr)
}

NF_API int nf_xqp_add_boolean_prefix(nf_xqp *qp, const char *field,
                                     const char *prefix,
                                     const char *grouping)
{
    if (!qp || !field || !prefix)
        return nf_xapian_null_arg("nf_xqp_add_boolean_prefix",
                                  !qp ? "qp" : !field ? "field" : "prefix");
    try {
        if (grouping) {
            const std::string group(grouping);
            qp->qp.add_boolean_prefix(field, prefix, &group);
        } else {
            qp->qp.add_boolean_prefix(field, prefix);
        }
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a boolean prefix to the query parser", nullptr)
}

NF_API int nf_xqp_add_range_cb(nf_xqp *qp, const char *field,
                               nf_range_cb cb, void *ctx)
{
    if (!qp || !field || !cb)
        return nf_xapian_null_arg("nf_xqp_add_range_cb",
                                  !qp ? "qp" : !field ? "field" : "cb");
    try {
        std::string prefix(field);
        if (!prefix.empty())
            prefix += ':';
        /* release(): the QueryParser owns it from here and deletes it with
         * its last copy. */
        qp->qp.add_rangeprocessor(
            (new c_range_processor(prefix, cb, ctx))->release());
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a range processor to the query parser", nullptr)
}

NF_API int nf_xqp_parse(nf_xquery **out, nf_xqp *qp, const char *query,
                        unsigned flags, const char *default_prefix)
{
    if (!out)
        return nf_xapian_null_arg("nf_xqp_parse", "out");
    *out = nullptr;
    if (!qp || !query)
        return nf_xapian_null_arg("nf_xqp_parse", !qp ? "qp" : "query");
    /* For messages: "parse the query 'QUERY'" (cut if huge). */
    char what[320];
    std::snprintf(what, sizeof what, "parse the query '%.256s'%s", query,
                  std::strlen(query) > 256 ? "..." : "");
    try {
        std::unique_ptr<nf_xquery> q(new nf_xquery);
        q->q = qp->qp.parse_query(query, flags,
                                  default_prefix ? default_prefix : "");
        *out = q.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH(what, nullptr)
}
