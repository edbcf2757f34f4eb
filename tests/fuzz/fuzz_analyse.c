/* libFuzzer target: the whole analysis.  The input is read as plain text
 * (nf_read_memory, NF_FORMAT_TEXT: first line title, the rest body) and
 * every article goes through nf_analyse with the default schema and out
 * as JSON. */
#include "analyse/nf_analysis.h"
#include "fuzz_common.h"
#include "fuzz_read_check.h"

static int analyse_article(void *ctx, nf_article *a)
{
    (void)ctx;
    nf_analysis *an = NULL;
    if (nf_analyse(&an, nf_fuzz_default_schema(), a) == 0) {
        char *json = NULL;
        if (nf_analysis_to_json(&json, an) != 0 || !json)
            abort();
        free(json);
    }
    nf_analysis_free(an);
    nf_article_free(a);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return nf_fuzz_read_with(data, size, NF_FORMAT_TEXT, analyse_article, NULL);
}
