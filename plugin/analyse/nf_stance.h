/* Internal: the stance of a claim -- asserted, hedged or denied -- from the
 * cue lexicons of schema/cues.yaml (scope rules documented there). */
#ifndef NF_STANCE_H
#define NF_STANCE_H

#include <stdint.h>

#include "nf_analysis.h"
#include "nf_units.h"
#include "core/nf_buf.h"

/* claim_flags for nf_stance_decide(). */
/* The claim's definition already includes possibility ("OpenAI can use
 * other clouds"): permission and possibility cues ("can", "frees it to",
 * "allows") do not hedge it. */
#define NF_CLAIM_MODAL_IS_ASSERTION 1u
/* The claim's own pattern includes a negation ("not exclusive", "no
 * exclusivity"): denial cues inside the matched words are part of the
 * claim and do not deny it (cues outside them still do). */
#define NF_CLAIM_NEGATION_IS_ASSERTION 2u

struct nf_cues;

/* Load SCHEMA_DIR/cues.yaml (absent: an empty lexicon, every claim
 * asserted).  Errors name the file and line. */
int nf_cues_load(struct nf_cues **out, const char *schema_dir);
void nf_cues_free(struct nf_cues *c);
/* Append "cues: N hedge, N permission, ..." and a newline to B. */
int nf_cues_summary(nf_buf *b, const struct nf_cues *c);

/* The stance of a claim matched on tokens [TOK_FIRST, TOK_LAST] of A (both
 * in one sentence).  *CUE (if CUE is not NULL) receives the cue pattern
 * that decided it, as written in cues.yaml (schema memory), or NULL when
 * the claim is asserted.  Uses a->schema->cues; with no cues loaded every
 * claim is asserted.  Fails only on out-of-memory or bad arguments. */
int nf_stance_decide(nf_stance *out, const char **cue, const nf_analysis *a,
                     uint32_t tok_first, uint32_t tok_last, unsigned claim_flags);

/* The same with an explicit lexicon (tests, tools). */
int nf_stance_decide_with(nf_stance *out, const char **cue, const struct nf_cues *cues,
                          const nf_tokens *tokens, uint32_t tok_first, uint32_t tok_last,
                          unsigned claim_flags);

/* A sentence's units and cues, kept between the claims of one sentence so
 * that deciding several claims in it scans it once.  Init before first
 * use, free after the last; valid while the tokens it saw live. */
typedef struct nf_stance_scan {
    const struct nf_cues *cues;
    const nf_tokens *tokens;
    uint32_t sentence;          /* UINT32_MAX: nothing scanned yet */
    nf_units u;
    struct nf_stance_hit *hits;
    size_t nhits;
} nf_stance_scan;

void nf_stance_scan_init(nf_stance_scan *sc);
void nf_stance_scan_free(nf_stance_scan *sc);
/* nf_stance_decide_with(), reusing SC's scan when the claim is in the
 * sentence SC scanned last. */
int nf_stance_decide_in(nf_stance *out, const char **cue, nf_stance_scan *sc,
                        const struct nf_cues *cues, const nf_tokens *tokens,
                        uint32_t tok_first, uint32_t tok_last, unsigned claim_flags);

#endif
