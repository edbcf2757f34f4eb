/* Internal: free-text terms written exactly as Xapian's TermGenerator
 * writes them (index_text with STEM_SOME, wdf increment 1, no stopper), so
 * stock QueryParser, omega and quest search newsfacet databases as usual.
 *
 * The layout (docs/index-layout.md): title under S, then
 * nf_termgen_increase_termpos(&pos, 100), then the text unprefixed:
 *
 *     nf_termpos pos = 0;
 *     nf_termgen_index(doc, &title_tokens, "S", st, &pos);
 *     nf_termgen_increase_termpos(&pos, 100);
 *     nf_termgen_index(doc, &text_tokens, "", st, &pos);
 */
#ifndef NF_TERMGEN_H
#define NF_TERMGEN_H

#include <newsfacet/nf_xapian.h>

#include "analyse/nf_stem.h"
#include "analyse/nf_tokens.h"

/* Longest prefix accepted (bytes). */
#define NF_TERMGEN_PREFIX_MAX 64

/* For each token of T in order whose term is at most NF_TERM_MAX_BYTES
 * long (longer ones are skipped and take no position): PREFIX+term at
 * position ++*TERMPOS; then, when ST is not NULL and the term starts with a
 * letter that is not upper case (Xapian's should_stem: Ll, Lt, Lm, Lo; so
 * no stems for numbers), 'Z'+PREFIX+stem without position.  PREFIX may be
 * "" or NULL.  Errors come from the Xapian wrapper (or NF_EINVAL for a
 * prefix over NF_TERMGEN_PREFIX_MAX bytes). */
int nf_termgen_index(nf_xdoc *doc, const nf_tokens *t, const char *prefix,
                     nf_stemmer *st, nf_termpos *termpos);

/* TermGenerator::increase_termpos(): leave a gap so that phrases do not
 * match across fields. */
static inline void nf_termgen_increase_termpos(nf_termpos *termpos,
                                               nf_termpos delta)
{
    *termpos += delta;
}

#endif
