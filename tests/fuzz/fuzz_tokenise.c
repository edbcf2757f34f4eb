/* libFuzzer target: the tokeniser (nf_tokenise) with the default schema's
 * language data.  Every token must lie inside the input. */
#include <stdlib.h>

#include "analyse/nf_tokenise.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const nf_schema *schema = nf_fuzz_default_schema();
    nf_tokens t = {0};
    if (nf_tokenise(&t, (const char *)data, size, schema->lang) == 0) {
        for (size_t i = 0; i < t.n; i++) {
            const nf_token *k = &t.v[i];
            if (k->start > k->end || k->end > size || k->sentence >= t.nsentences ||
                (size_t)k->term + k->term_len > t.terms_len)
                abort();
        }
        for (size_t i = 0; i < t.nsentences; i++) {
            const nf_sentence *s = &t.sentences[i];
            if (s->start > s->end || s->end > size || s->tok_count == 0 ||
                (size_t)s->tok_first + s->tok_count > t.n)
                abort();
        }
    }
    nf_tokens_free(&t);
    return 0;
}
