/* The analysis pipeline: tokenise -> entities -> amounts -> source ->
 * attribution -> claims (with stance) -> facet values.  Each stage reads
 * what the earlier ones wrote into the nf_analysis. */
#include "nf_analysis.h"
#include "nf_attribution.h"
#include "nf_claims.h"
#include "nf_entities.h"
#include "nf_facet_values.h"
#include "nf_money.h"
#include "nf_source.h"
#include "nf_tokenise.h"
#include "core/nf_error.h"

#include <stdlib.h>

int nf_analyse(nf_analysis **out, const nf_schema *schema, const nf_article *article)
{
    *out = NULL;
    nf_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return nf_set_error(NF_ENOMEM, "out of memory analysing %s", article->id);
    a->schema = schema;
    a->article = article;
    int rc = nf_tokenise(&a->tokens, article->text, article->text_len, schema->lang);
    if (!rc)
        rc = nf_entities_find(a);
    if (!rc)
        rc = nf_amounts_find(a);
    if (!rc)
        rc = nf_source_find(a);
    if (!rc)
        rc = nf_attribution_find(a);
    if (!rc)
        rc = nf_claims_find(a);
    if (!rc)
        rc = nf_facet_values_assemble(a);
    if (rc) {
        nf_wrap_error(rc, "analysing %s", article->id ? article->id : article->path);
        nf_analysis_free(a);
        return rc;
    }
    *out = a;
    return NF_OK;
}

static void claim_hit_free(nf_claim_hit *c)
{
    nf_strset_free(&c->cites);
    for (size_t i = 0; i < c->nargs; i++)
        free(c->args[i].value);
    free(c->args);
}

void nf_analysis_free(nf_analysis *a)
{
    if (!a)
        return;
    size_t nsentences = a->tokens.nsentences;
    nf_tokens_free(&a->tokens);
    free(a->mentions);
    free(a->amounts);
    for (size_t i = 0; i < a->nclaims; i++)
        claim_hit_free(&a->claims[i]);
    free(a->claims);
    free(a->source);
    if (a->sentence_cites) {
        for (size_t i = 0; i < nsentences; i++)
            nf_strset_free(&a->sentence_cites[i]);
        free(a->sentence_cites);
    }
    nf_strset_free(&a->cites);
    if (a->facet_values) {
        for (size_t i = 0; i < a->schema->nfacets; i++)
            nf_strset_free(&a->facet_values[i]);
        free(a->facet_values);
    }
    free(a);
}
