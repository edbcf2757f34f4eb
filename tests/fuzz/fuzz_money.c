/* libFuzzer target: amounts of money and percentages (nf_amounts_scan)
 * with the default schema's money.yaml.  Every amount's span must lie
 * inside the input and its value be a number. */
#include <math.h>
#include <stdlib.h>

#include "analyse/nf_money.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const nf_schema *schema = nf_fuzz_default_schema();
    nf_amount *v = NULL;
    size_t n = 0;
    if (nf_amounts_scan(&v, &n, schema->money, (const char *)data, size) == 0) {
        for (size_t i = 0; i < n; i++)
            if (v[i].start > v[i].end || v[i].end > size || isnan(v[i].value))
                abort();
    }
    free(v);
    return 0;
}
