/* Xapian's own TermGenerator, bound for C so that the benchmark can index
 * the same articles with stock Xapian as its baseline (bench/tg_index.c),
 * and so that tests can compare newsfacet's term writer with the real
 * thing.  Only what that needs: a stemmer with STEM_SOME (the strategy
 * the index layout uses), a target document, text with a wdf increment
 * and a prefix, and a gap in term positions. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <cstdio>

/* Private to this file: nothing else reaches into a term generator. */
struct nf_xtermgen {
    Xapian::TermGenerator tg;
};

NF_API int nf_xtermgen_new(nf_xtermgen **out)
{
    if (!out)
        return nf_xapian_null_arg("nf_xtermgen_new", "out");
    *out = nullptr;
    try {
        *out = new nf_xtermgen;
        return NF_OK;
    }
    NF_XAPIAN_CATCH("create a term generator", nullptr)
}

NF_API void nf_xtermgen_free(nf_xtermgen *tg)
{
    try {
        delete tg;
    } catch (...) {
    }
}

NF_API int nf_xtermgen_set_stemmer(nf_xtermgen *tg, const char *language)
{
    if (!tg)
        return nf_xapian_null_arg("nf_xtermgen_set_stemmer", "tg");
    char what[160];
    std::snprintf(what, sizeof what,
                  "set the term generator's stemmer to '%.64s'",
                  language ? language : "");
    try {
        std::string lang(language ? language : "");
        tg->tg.set_stemmer(lang.empty() ? Xapian::Stem() : Xapian::Stem(lang));
        tg->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        return NF_OK;
    }
    NF_XAPIAN_CATCH(what, nullptr)
}

NF_API int nf_xtermgen_set_document(nf_xtermgen *tg, nf_xdoc *doc)
{
    if (!tg || !doc)
        return nf_xapian_null_arg("nf_xtermgen_set_document",
                                  !tg ? "tg" : "doc");
    try {
        /* Xapian::Document is a reference-counted handle: the generator's
         * copy writes into DOC's document (and keeps it alive). */
        tg->tg.set_document(doc->doc);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("give the term generator a document", nullptr)
}

NF_API int nf_xtermgen_index_text(nf_xtermgen *tg, const char *text,
                                  size_t len, unsigned wdf_inc,
                                  const char *prefix)
{
    if (!tg || (!text && len))
        return nf_xapian_null_arg("nf_xtermgen_index_text",
                                  !tg ? "tg" : "text");
    try {
        tg->tg.index_text(len ? std::string(text, len) : std::string(),
                          wdf_inc, prefix ? prefix : "");
        return NF_OK;
    }
    NF_XAPIAN_CATCH("index text with the term generator", nullptr)
}

NF_API int nf_xtermgen_increase_termpos(nf_xtermgen *tg, nf_termpos delta)
{
    if (!tg)
        return nf_xapian_null_arg("nf_xtermgen_increase_termpos", "tg");
    try {
        tg->tg.increase_termpos(delta);
        return NF_OK;
    }
    NF_XAPIAN_CATCH("increase the term generator's position", nullptr)
}

NF_API int nf_xtermgen_get_termpos(nf_xtermgen *tg, nf_termpos *out)
{
    if (!out)
        return nf_xapian_null_arg("nf_xtermgen_get_termpos", "out");
    *out = 0;
    if (!tg)
        return nf_xapian_null_arg("nf_xtermgen_get_termpos", "tg");
    try {
        *out = tg->tg.get_termpos();
        return NF_OK;
    }
    NF_XAPIAN_CATCH("read the term generator's position", nullptr)
}
