/* Internal: the article's source -- the outlet that published it. */
#ifndef NF_SOURCE_H
#define NF_SOURCE_H

#include "nf_analysis.h"

/* Set a->source (malloc'd outlet id, or NULL when nothing names the
 * publisher), in this order of trust:
 *   1. the publisher named by the article's metadata (a->article->source:
 *      JSON Lines "source", og:site_name, JSON-LD publisher), through the
 *      outlet gazetteer by name (or by domain when it is one), else the
 *      kebab-case of the name;
 *   2. the canonical URL's domain, when the gazetteer knows it;
 *   3. credit lines in the text (attribution.yaml's credits: "Source: X",
 *      "(Reuters) -", "© 2025 X", "Written by the X team");
 *   4. the name the URL's domain was registered under ("gogoai.xin" ->
 *      gogoai).
 * Needs a->tokens and a->mentions. */
int nf_source_find(nf_analysis *a);

#endif
