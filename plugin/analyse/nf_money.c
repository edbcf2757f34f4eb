/* The amounts stage of analysis: run the scanner over the article text and
 * append what it finds to the analysis.  The scanner itself is pure
 * (nf_money_scan.c); the configuration comes from the schema. */
#include "nf_money.h"
#include "nf_money_conf.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int nf_money_schema_load(struct nf_money_conf **out, const nf_schema *s)
{
    *out = NULL;
    const char *user = NULL;
    for (size_t i = 0; i < s->nfacets && !user; i++)
        if (!strcmp(s->facets[i].from, "money") || !strcmp(s->facets[i].from, "percent"))
            user = s->facets[i].name;
    nf_buf path = NF_BUF_INIT;
    int rc = nf_buf_printf(&path, "%s/money.yaml", s->dir);
    if (rc)
        return rc;
    if (!user && access(path.data, F_OK) != 0) {
        nf_buf_free(&path);
        return NF_OK;
    }
    rc = nf_money_conf_load_file(out, path.data);
    if (rc == NF_ENOTFOUND)
        rc = nf_set_error(NF_ESCHEMA, "%s: missing, but facet '%s' is fed from money "
                          "or percent", path.data, user);
    nf_buf_free(&path);
    return rc;
}

int nf_money_summary(struct nf_buf *b, const struct nf_money_conf *c)
{
    if (!c)
        return nf_buf_puts(b, "money: none (no money.yaml)\n");
    return nf_buf_printf(b, "money: %zu currencies (%zu markers before, %zu words after), "
                         "%zu scale words, %zu number words, %zu percent words, "
                         "%zu qualifiers, %zu vague phrases; %zu rate rows, rate date %s\n",
                         c->ncurrencies, c->before.n, c->after.n, c->scales.n,
                         c->numbers.n, c->percent.n, c->qualifiers.n, c->vague.n,
                         c->nrates, c->rate_date);
}

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
