/* Internal: tagging gazetteer entities in an article's token stream.
 *
 * Every mention of a gazetteer entry becomes an nf_mention (list, id, byte
 * span, tokens); an entry's implications ("Claude" implies company
 * anthropic) become further mentions with the same span.  Longest match
 * wins: at each position the longest alias whose case and context rules
 * accept it is taken, with every list that alias belongs to ("CoreWeave"
 * is both a company and a cloud), and matching resumes after it. */
#ifndef NF_ENTITIES_H
#define NF_ENTITIES_H

#include "nf_analysis.h"
#include "nf_gazetteer.h"

/* Tag with the schema's gazetteer (a->schema->gazetteer); appends to
 * a->mentions.  Needs a->tokens (nf_tokenise first). */
int nf_entities_find(nf_analysis *a);

/* The same with an explicit gazetteer (tests, tools). */
int nf_entities_find_with(nf_analysis *a, const struct nf_gazetteer *g);

#endif
