/* Internal: claims.  An admin writes claim rules in schema/claims/ *.yaml
 * (the language is documented in schema/claims/README.md); they are
 * compiled once when the schema loads and evaluated on every analysis.
 *
 * Evaluation is linear in the text: rules are indexed by their rarest
 * required element (a word stem, an exact word, an entity, an amount), so a
 * sentence is only evaluated against rules one of whose trigger elements it
 * contains. */
#ifndef NF_CLAIMS_H
#define NF_CLAIMS_H

#include <stddef.h>

#include "nf_analysis.h"
#include "nf_stance.h"      /* NF_CLAIM_* flags handed to nf_stance_decide */
#include "../schema/nf_schema.h"

struct nf_claim_rules;

/* Compile every SCHEMA_DIR/claims/ *.yaml (in file-name order).  S gives the
 * language (stemmer) and the gazetteer that entity references are checked
 * against; run it after the gazetteer is loaded.  A missing claims/ folder
 * gives an empty rule set.  Errors: NF_ESCHEMA "FILE:LINE: what is wrong". */
int nf_claim_rules_load(struct nf_claim_rules **out, const nf_schema *s,
                        const char *schema_dir);
void nf_claim_rules_free(struct nf_claim_rules *r);

/* How many claims / rules were compiled (for tools and tests). */
size_t nf_claim_rules_nclaims(const struct nf_claim_rules *r);
size_t nf_claim_rules_nrules(const struct nf_claim_rules *r);
/* The id of claim I (0 <= I < nclaims), in first-definition order. */
const char *nf_claim_rules_claim_id(const struct nf_claim_rules *r, size_t i);

/* Append to A->claims one nf_claim_hit per claim per sentence that states
 * it, using A->schema->claims (no rules: nothing to do).  Needs A->tokens,
 * A->mentions and A->amounts; copies A->sentence_cites when present. */
int nf_claims_find(nf_analysis *a);

/* Same, with an explicit rule set (tests, benchmarks). */
int nf_claims_find_with(nf_analysis *a, const struct nf_claim_rules *r);

#endif
