/* Internal: attribution -- the outlets an article cites ("Bloomberg
 * reported", "according to The Information", "told Reuters", "Originally
 * reported by The Next Platform") and the credit lines that name its
 * publisher ("Source: X", "© 2025 X", "(Reuters) -").  Patterns live in
 * schema/attribution.yaml; outlets in the gazetteer's outlet list. */
#ifndef NF_ATTRIBUTION_H
#define NF_ATTRIBUTION_H

#include "nf_analysis.h"
#include "core/nf_buf.h"

struct nf_attribution;

/* Load SCHEMA_DIR/attribution.yaml (absent: no patterns, nothing cited).
 * Errors name the file and line. */
int nf_attribution_load(struct nf_attribution **out, const char *schema_dir);
void nf_attribution_free(struct nf_attribution *at);
/* Append "attribution: N cite patterns, N credit patterns" and a newline. */
int nf_attribution_summary(nf_buf *b, const struct nf_attribution *at);

/* Fill a->sentence_cites (one set per sentence, a->tokens.nsentences of
 * them, replacing any) and a->cites (their union) from a->tokens and the
 * outlet mentions in a->mentions.  Runs after nf_source_find(): a cite
 * pattern marked not_source (the wire dateline) cites nothing when it names
 * a->source.  Uses a->schema->attribution and a->schema->gazetteer; with
 * no attribution loaded the sets stay empty. */
int nf_attribution_find(nf_analysis *a);

/* The publisher named by the first credit line of a->tokens (in the order
 * of attribution.yaml's credits), as an outlet id: *OUT malloc'd, or NULL
 * when there is none. */
int nf_attribution_credit(char **out, const nf_analysis *a);

/* The gazetteer list that holds outlets ("outlet"). */
const char *nf_attribution_outlet_list(const struct nf_attribution *at);

#endif
