/* Building queries by hand: terms, combinations, value ranges. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <memory>

namespace {

bool known_op(int op)
{
    switch (op) {
    case NF_XQUERY_AND: case NF_XQUERY_OR: case NF_XQUERY_AND_NOT:
    case NF_XQUERY_XOR: case NF_XQUERY_AND_MAYBE: case NF_XQUERY_FILTER:
    case NF_XQUERY_SYNONYM:
        return true;
    default:
        return false;
    }
}

/* Operators whose first subquery plays a different part from the rest:
 * a missing first subquery there means "every document". */
bool first_is_special(int op)
{
    return op == NF_XQUERY_AND_NOT || op == NF_XQUERY_FILTER ||
           op == NF_XQUERY_AND_MAYBE;
}

int give(nf_xquery **out, const Xapian::Query &q)
{
    std::unique_ptr<nf_xquery> h(new nf_xquery);
    h->q = q;
    *out = h.release();
    return NF_OK;
}

}  // namespace

NF_API int nf_xquery_term(nf_xquery **out, const char *term)
{
    if (!out)
        return nf_xapian_null_arg("nf_xquery_term", "out");
    *out = nullptr;
    if (!term)
        return nf_xapian_null_arg("nf_xquery_term", "term");
    try {
        return give(out, Xapian::Query(std::string(term)));
    }
    NF_XAPIAN_CATCH("build a term query", nullptr)
}

NF_API int nf_xquery_match_all(nf_xquery **out)
{
    if (!out)
        return nf_xapian_null_arg("nf_xquery_match_all", "out");
    *out = nullptr;
    try {
        return give(out, Xapian::Query::MatchAll);
    }
    NF_XAPIAN_CATCH("build a match-all query", nullptr)
}

NF_API int nf_xquery_combine(nf_xquery **out, int op,
                             nf_xquery *const *subs, size_t n)
{
    if (!out)
        return nf_xapian_null_arg("nf_xquery_combine", "out");
    *out = nullptr;
    if (!subs && n)
        return nf_xapian_null_arg("nf_xquery_combine", "subs");
    if (!known_op(op))
        return nf_set_error(NF_EINVAL,
            "nf_xquery_combine: unsupported operator %d", op);
    try {
        std::vector<Xapian::Query> parts;
        parts.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (subs[i])
                parts.push_back(subs[i]->q);
            else if (i == 0 && first_is_special(op))
                parts.push_back(Xapian::Query::MatchAll);
        }
        if (parts.empty())
            return give(out, op == NF_XQUERY_AND || op == NF_XQUERY_FILTER
                                 ? Xapian::Query::MatchAll
                                 : Xapian::Query());
        return give(out, Xapian::Query(static_cast<Xapian::Query::op>(op),
                                       parts.begin(), parts.end()));
    }
    NF_XAPIAN_CATCH("combine queries", nullptr)
}

NF_API int nf_xquery_value_range(nf_xquery **out, nf_valueno slot,
                                 const char *lo, size_t lo_len,
                                 const char *hi, size_t hi_len)
{
    if (!out)
        return nf_xapian_null_arg("nf_xquery_value_range", "out");
    *out = nullptr;
    try {
        /* An empty lower bound equals an open one: every set value is
         * >= "" (an unset value is not). */
        std::string l(lo ? std::string(lo, lo_len) : std::string());
        if (!hi)
            return give(out, Xapian::Query(Xapian::Query::OP_VALUE_GE,
                                           slot, l));
        std::string h(hi, hi_len);
        if (!lo)
            return give(out, Xapian::Query(Xapian::Query::OP_VALUE_LE,
                                           slot, h));
        return give(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                                       slot, l, h));
    }
    NF_XAPIAN_CATCH("build a value range query", nullptr)
}

NF_API int nf_xquery_describe(char **out, const nf_xquery *q)
{
    if (!out)
        return nf_xapian_null_arg("nf_xquery_describe", "out");
    *out = nullptr;
    if (!q)
        return nf_xapian_null_arg("nf_xquery_describe", "q");
    try {
        *out = nf_xapian_strdup(q->q.get_description());
        return NF_OK;
    }
    NF_XAPIAN_CATCH("describe a query", nullptr)
}

NF_API void nf_xquery_free(nf_xquery *q)
{
    try {
        delete q;
    } catch (...) {
    }
}
