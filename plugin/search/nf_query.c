#include "nf_query.h"
#include "core/nf_error.h"
#include "index/nf_document.h"
#include "index/nf_number_terms.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct nf_query_lang {
    const nf_schema *schema;
    nf_xqp *qp;
};

int nf_query_parse_amount(double *out, const char *text)
{
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '$')
        p++;
    char *end;
    double v = strtod(p, &end);
    if (end == p || !isfinite(v) || v < 0)
        return nf_set_error(NF_EQUERY, "'%s' is not an amount (try 500m, 1.5b, 20%%)", text);
    static const struct { const char *unit; double mult; } units[] = {
        {"", 1}, {"%", 1}, {"k", 1e3}, {"m", 1e6}, {"mn", 1e6}, {"b", 1e9},
        {"bn", 1e9}, {"t", 1e12}, {"tn", 1e12},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcasecmp(end, units[i].unit) == 0) {
            *out = v * units[i].mult;
            return NF_OK;
        }
    }
    return nf_set_error(NF_EQUERY, "unknown unit '%s' in '%s' (use k, m, b or t)", end, text);
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYYMMDD" -> 8 digits, padding a
 * low end with the earliest day and a high end with the latest. */
static int date_bound(char out[9], const char *text, int high)
{
    char digits[9];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n == 8)
                return nf_set_error(NF_EQUERY, "'%s' is not a date (use YYYY-MM-DD)", text);
            digits[n++] = *p;
        } else if (*p != '-') {
            return nf_set_error(NF_EQUERY, "'%s' is not a date (use YYYY-MM-DD)", text);
        }
    }
    if (n != 4 && n != 6 && n != 8)
        return nf_set_error(NF_EQUERY, "'%s' is not a date (use YYYY-MM-DD)", text);
    /* Pad a low end with the year's first month and day, a high end with
     * the last ones ("YYYYMM" + "31" is a byte bound, not a real day). */
    static const char first[] = "0101", last[] = "1231";
    memcpy(out, digits, n);
    memcpy(out + n, (high ? last : first) + (n - 4), 8 - n);
    out[8] = '\0';
    return NF_OK;
}

/* The range handler of a number facet (CTX is its schema definition, so it
 * lives as long as the schema, whoever owns the QueryParser) or, with CTX
 * NULL, of published: dates. */
static int number_range(void *ctx, nf_xquery **out, const char *lo, const char *hi)
{
    const nf_facet_def *facet = ctx;
    if (!facet) {
        char a[9] = "", b[9] = "";
        int rc = NF_OK;
        if (lo[0])
            rc = date_bound(a, lo, 0);
        if (!rc && hi[0])
            rc = date_bound(b, hi, 1);
        if (rc)
            return rc;
        return nf_xquery_value_range(out, NF_SLOT_DATE, lo[0] ? a : NULL, lo[0] ? 8 : 0,
                                     hi[0] ? b : NULL, hi[0] ? 8 : 0);
    }
    double a = 0, b = INFINITY;
    int rc = NF_OK;
    if (lo[0])
        rc = nf_query_parse_amount(&a, lo);
    if (!rc && hi[0])
        rc = nf_query_parse_amount(&b, hi);
    if (rc)
        return nf_wrap_error(rc, "in %s:%s..%s", facet->name, lo, hi);
    char trie_prefix[64];
    snprintf(trie_prefix, sizeof trie_prefix, "%s#", facet->prefix);
    double scale = nf_number_scale(facet);
    return nf_number_range_query(out, trie_prefix, nf_number_key(a, scale),
                                 nf_number_key(b, scale));
}

int nf_query_setup(nf_xqp *qp, const nf_schema *s)
{
    int rc = nf_xqp_set_stemmer(qp, s->language);
    if (!rc)
        rc = nf_xqp_add_prefix(qp, "title", "S");
    if (!rc)
        rc = nf_xqp_add_prefix(qp, "author", "A");
    for (size_t i = 0; i < s->nfacets && !rc; i++) {
        const nf_facet_def *f = &s->facets[i];
        /* Buckets ("money:1b-10b") are selected through filters; in query
         * text a number facet takes ranges only, since a boolean prefix on
         * the same field would swallow them. */
        if (f->kind == NF_FACET_TERMS)
            rc = nf_xqp_add_boolean_prefix(qp, f->name, f->prefix, f->name);
        else
            rc = nf_xqp_add_range_cb(qp, f->name, number_range, (void *)f);
    }
    if (!rc)
        rc = nf_xqp_add_range_cb(qp, "published", number_range, NULL);
    return rc;
}

int nf_query_lang_new(nf_query_lang **out, const nf_schema *s, nf_xdb *db)
{
    *out = NULL;
    nf_query_lang *ql = calloc(1, sizeof *ql);
    if (!ql)
        return nf_set_error(NF_ENOMEM, "out of memory setting up the query parser");
    ql->schema = s;
    int rc = nf_xqp_new(&ql->qp);
    if (!rc && db)
        rc = nf_xqp_set_database(ql->qp, db);
    if (!rc)
        rc = nf_query_setup(ql->qp, s);
    if (rc) {
        nf_query_lang_free(ql);
        return rc;
    }
    *out = ql;
    return NF_OK;
}

void nf_query_lang_free(nf_query_lang *ql)
{
    if (!ql)
        return;
    nf_xqp_free(ql->qp);
    free(ql);
}

int nf_query_parse(nf_xquery **out, nf_query_lang *ql, const char *text)
{
    *out = NULL;
    if (!text)
        return NF_OK;
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (!*p)
        return NF_OK;
    unsigned flags = NF_QP_BOOLEAN | NF_QP_PHRASE | NF_QP_LOVEHATE | NF_QP_PURE_NOT;
    int rc = nf_xqp_parse(out, ql->qp, text, flags, NULL);
    if (rc)
        return nf_wrap_error(NF_EQUERY, "query '%s'", text);
    return NF_OK;
}

int nf_query_filter(nf_xquery **out, int *facet_index, nf_query_lang *ql,
                    const char *sel)
{
    *out = NULL;
    *facet_index = -1;
    const char *colon = strchr(sel, ':');
    if (!colon || colon == sel || !colon[1])
        return nf_set_error(NF_EQUERY, "filter '%s' is not FACET:VALUE", sel);
    size_t nlen = (size_t)(colon - sel);
    const char *value = colon + 1;
    if (nlen == 9 && strncmp(sel, "published", 9) == 0) {
        const char *dots = strstr(value, "..");
        char lo[64] = "", hi[64] = "";
        if (dots) {
            snprintf(lo, sizeof lo, "%.*s", (int)(dots - value), value);
            snprintf(hi, sizeof hi, "%s", dots + 2);
        } else {
            snprintf(lo, sizeof lo, "%s", value);
            snprintf(hi, sizeof hi, "%s", value);
        }
        return number_range(NULL, out, lo, hi);
    }
    const nf_schema *s = ql->schema;
    for (size_t i = 0; i < s->nfacets; i++) {
        const nf_facet_def *f = &s->facets[i];
        if (strlen(f->name) != nlen || strncmp(f->name, sel, nlen) != 0)
            continue;
        *facet_index = (int)i;
        const char *dots = strstr(value, "..");
        if (f->kind == NF_FACET_NUMBER && dots) {
            char lo[64], hi[64];
            snprintf(lo, sizeof lo, "%.*s", (int)(dots - value), value);
            snprintf(hi, sizeof hi, "%s", dots + 2);
            return number_range((void *)f, out, lo, hi);
        }
        size_t plen = strlen(f->prefix), vlen = strlen(value);
        char *term = malloc(plen + vlen + 1);
        if (!term)
            return nf_set_error(NF_ENOMEM, "out of memory");
        memcpy(term, f->prefix, plen);
        memcpy(term + plen, value, vlen + 1);
        int rc = nf_xquery_term(out, term);
        free(term);
        return rc;
    }
    char names[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < s->nfacets && used + 40 < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                 i ? ", " : "", s->facets[i].name);
    return nf_set_error(NF_EQUERY, "filter '%s': unknown facet '%.*s' (facets: %s, published)",
                        sel, (int)nlen, sel, names);
}
