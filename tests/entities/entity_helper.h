/* Test helper: run tokenise + entity tagging on a string and return the
 * mentions as a sorted, de-duplicated "list:id list:id ..." string. */
#ifndef ENTITY_HELPER_H
#define ENTITY_HELPER_H

#include "analyse/nf_analysis.h"
#include "analyse/nf_gazetteer.h"

/* Tag TEXT with G; the analysis (mentions, tokens) goes to *OUT (free with
 * helper_analysis_free). */
int helper_tag(nf_analysis **out, const struct nf_gazetteer *g, const char *text);
void helper_analysis_free(nf_analysis *a);

/* "company:apple model:claude" (sorted, unique); "" when nothing.  Only
 * lists in ONLY (space-separated) when ONLY is not NULL.  Static buffer. */
const char *helper_tags(const struct nf_gazetteer *g, const char *text, const char *only);

/* Path of the source tree's file REL (NF_SOURCE_ROOT/REL); static buffer. */
const char *helper_source_path(const char *rel);

#endif
