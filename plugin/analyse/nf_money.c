/* The amounts stage of analysis: run the scanner over the article text and
 * append what it finds to the analysis.  The scanner itself is pure
 * (nf_money_scan.c); the configuration comes from the schema. */
#include "nf_money.h"
#include "nf_money_conf.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

int nf_amounts_find(nf_analysis *a)
{
    if (!a || !a->article || !a->schema)
        return nf_set_error(NF_EINVAL, "nf_amounts_find: analysis without article or schema");
    const struct nf_money_conf *conf = a->schema->money;
    if (!conf || !a->article->text)
        return NF_OK;       /* the schema has no money.yaml: no amounts */
    nf_amount *found;
    size_t n;
    int rc = nf_amounts_scan(&found, &n, conf, a->article->text, a->article->text_len);
    if (rc)
        return rc;
    if (n == 0)
        return NF_OK;
    if (a->namounts + n > a->amounts_cap) {
        size_t cap = a->amounts_cap ? a->amounts_cap : 16;
        while (cap < a->namounts + n)
            cap *= 2;
        nf_amount *v = realloc(a->amounts, cap * sizeof *v);
        if (!v) {
            free(found);
            return nf_set_error(NF_ENOMEM, "%s: out of memory while keeping amounts",
                                a->article->id ? a->article->id : "article");
        }
        a->amounts = v;
        a->amounts_cap = cap;
    }
    memcpy(a->amounts + a->namounts, found, n * sizeof *found);
    a->namounts += n;
    free(found);
    return NF_OK;
}
