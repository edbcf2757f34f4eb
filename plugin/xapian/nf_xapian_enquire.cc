/* Running a search: Enquire (query, order, match spies), the MSet it
 * returns (items, counts, snippets) and ValueCountMatchSpy counts. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <memory>

/* ---- Enquire ------------------------------------------------------------ */

NF_API int nf_xenquire_new(nf_xenquire **out, nf_xdb *db)
{
    if (!out)
        return nf_xapian_null_arg("nf_xenquire_new", "out");
    *out = nullptr;
    if (!db)
        return nf_xapian_null_arg("nf_xenquire_new", "db");
    try {
        std::unique_ptr<nf_xenquire> enq(new nf_xenquire(*db));
        /* Xapian's default, stated: equal weights keep docid order, so the
         * same search gives the same page every time. */
        enq->enq.set_docid_order(Xapian::Enquire::ASCENDING);
        *out = enq.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("prepare a search of", db->name.c_str())
}

NF_API void nf_xenquire_free(nf_xenquire *enq)
{
    try {
        delete enq;
    } catch (...) {
    }
}

NF_API int nf_xenquire_set_query(nf_xenquire *enq, const nf_xquery *q)
{
    if (!enq || !q)
        return nf_xapian_null_arg("nf_xenquire_set_query", !enq ? "enq" : "q");
    try {
        enq->enq.set_query(q->q);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the query of a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_set_sort_by_value(nf_xenquire *enq, nf_valueno slot,
                                         int reverse)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_sort_by_value", "enq");
    try {
        enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the order of a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_set_sort_by_relevance(nf_xenquire *enq)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_sort_by_relevance", "enq");
    try {
        enq->enq.set_sort_by_relevance();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the order of a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_set_sort_by_relevance_then_value(nf_xenquire *enq,
                                                        nf_valueno slot,
                                                        int reverse)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_sort_by_relevance_then_value", "enq");
    try {
        enq->enq.set_sort_by_relevance_then_value(slot, reverse != 0);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set the order of a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_add_spy(nf_xenquire *enq, nf_xspy *spy)
{
    if (!enq || !spy)
        return nf_xapian_null_arg("nf_xenquire_add_spy", !enq ? "enq" : "spy");
    try {
        /* Not released to Xapian: the nf_xspy handle owns the spy. */
        enq->enq.add_matchspy(&spy->spy);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("add a match spy to a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_clear_spies(nf_xenquire *enq)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_clear_spies", "enq");
    try {
        enq->enq.clear_matchspies();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("remove the match spies of a search of",
                    enq->dbname.c_str())
}

NF_API int nf_xenquire_set_decider(nf_xenquire *enq, nf_decide_cb cb, void *ctx)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_decider", "enq");
    enq->decider.cb = cb;
    enq->decider.ctx = ctx;
    return NF_OK;
}

NF_API int nf_xenquire_set_decider_key(nf_xenquire *enq, int key_slot)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_decider_key", "enq");
    enq->decider.key_slot = key_slot;
    return NF_OK;
}

NF_API int nf_xenquire_set_boolean(nf_xenquire *enq)
{
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_set_boolean", "enq");
    try {
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
        return NF_OK;
    }
    NF_XAPIAN_CATCH("set boolean weighting for a search of", enq->dbname.c_str())
}

NF_API int nf_xenquire_get_mset(nf_xmset **out, nf_xenquire *enq,
                                unsigned first, unsigned maxitems,
                                unsigned check_at_least)
{
    if (!out)
        return nf_xapian_null_arg("nf_xenquire_get_mset", "out");
    *out = nullptr;
    if (!enq)
        return nf_xapian_null_arg("nf_xenquire_get_mset", "enq");
    try {
        std::unique_ptr<nf_xmset> ms(new nf_xmset);
        const Xapian::MatchDecider *decider = enq->decider.cb ? &enq->decider : nullptr;
        ms->mset = enq->enq.get_mset(first, maxitems, check_at_least, nullptr, decider);
        ms->dbname = enq->dbname;
        *out = ms.release();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("search", enq->dbname.c_str())
}

/* ---- MSet --------------------------------------------------------------- */

NF_API void nf_xmset_free(nf_xmset *ms)
{
    try {
        delete ms;
    } catch (...) {
    }
}

NF_API size_t nf_xmset_size(const nf_xmset *ms)
{
    /* MSet::size() only reads a vector's size. */
    return ms ? ms->mset.size() : 0;
}

NF_API int nf_xmset_matches(const nf_xmset *ms, unsigned *lower,
                            unsigned *estimated, unsigned *upper)
{
    if (!ms)
        return nf_xapian_null_arg("nf_xmset_matches", "ms");
    try {
        if (lower)
            *lower = ms->mset.get_matches_lower_bound();
        if (estimated)
            *estimated = ms->mset.get_matches_estimated();
        if (upper)
            *upper = ms->mset.get_matches_upper_bound();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("count the matches of a search of", ms->dbname.c_str())
}

NF_API int nf_xmset_get(const nf_xmset *ms, size_t i, nf_docid *did,
                        double *weight, nf_xdoc **doc)
{
    if (doc)
        *doc = nullptr;
    if (!ms)
        return nf_xapian_null_arg("nf_xmset_get", "ms");
    if (i >= ms->mset.size())
        return nf_set_error(NF_EINVAL,
            "nf_xmset_get: item %zu asked of a result page of %u", i,
            static_cast<unsigned>(ms->mset.size()));
    char what[96];
    std::snprintf(what, sizeof what, "read result %zu of a search of", i);
    try {
        Xapian::MSetIterator it = ms->mset[static_cast<Xapian::doccount>(i)];
        if (did)
            *did = *it;
        if (weight)
            *weight = it.get_weight();
        if (doc) {
            std::unique_ptr<nf_xdoc> d(new nf_xdoc);
            d->doc = it.get_document();
            d->dbname = ms->dbname;
            *doc = d.release();
        }
        return NF_OK;
    }
    NF_XAPIAN_CATCH(what, ms->dbname.c_str())
}

NF_API int nf_xmset_percent(const nf_xmset *ms, size_t i, int *out)
{
    if (!ms || !out)
        return nf_xapian_null_arg("nf_xmset_percent", !ms ? "ms" : "out");
    *out = 0;
    if (i >= ms->mset.size())
        return nf_set_error(NF_EINVAL,
            "nf_xmset_percent: item %zu asked of a result page of %u", i,
            static_cast<unsigned>(ms->mset.size()));
    try {
        *out = ms->mset[static_cast<Xapian::doccount>(i)].get_percent();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read a percentage from a search of", ms->dbname.c_str())
}

NF_API int nf_xmset_snippet(char **out, const nf_xmset *ms, const char *text,
                            size_t length, const char *language)
{
    if (!out)
        return nf_xapian_null_arg("nf_xmset_snippet", "out");
    *out = nullptr;
    if (!ms || !text)
        return nf_xapian_null_arg("nf_xmset_snippet", !ms ? "ms" : "text");
    try {
        std::string lang(language ? language : "");
        Xapian::Stem stem = lang.empty() ? Xapian::Stem() : Xapian::Stem(lang);
        *out = nf_xapian_strdup(ms->mset.snippet(text, length, stem));
        return NF_OK;
    }
    NF_XAPIAN_CATCH("make a snippet for a search of", ms->dbname.c_str())
}

/* ---- ValueCountMatchSpy ------------------------------------------------- */

NF_API int nf_xspy_new_valuecount(nf_xspy **out, nf_valueno slot)
{
    if (!out)
        return nf_xapian_null_arg("nf_xspy_new_valuecount", "out");
    *out = nullptr;
    try {
        *out = new nf_xspy(slot);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("create a value count match spy", nullptr)
}

NF_API void nf_xspy_free(nf_xspy *spy)
{
    try {
        delete spy;
    } catch (...) {
    }
}

NF_API int nf_xspy_values(nf_xspy *spy, nf_value_count_cb cb, void *ctx)
{
    if (!spy || !cb)
        return nf_xapian_null_arg("nf_xspy_values", !spy ? "spy" : "cb");
    try {
        Xapian::TermIterator end = spy->spy.values_end();
        for (Xapian::TermIterator it = spy->spy.values_begin(); it != end;
             ++it) {
            const std::string value = *it;
            int rc = cb(ctx, value.c_str(), value.size(), it.get_termfreq());
            if (rc < 0)
                return rc;
            if (rc > 0)
                break;
        }
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the counts of a match spy", nullptr)
}

NF_API int nf_xspy_total(nf_xspy *spy, unsigned *out)
{
    if (!spy || !out)
        return nf_xapian_null_arg("nf_xspy_total", !spy ? "spy" : "out");
    try {
        *out = spy->spy.get_total();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the total of a match spy", nullptr)
}
