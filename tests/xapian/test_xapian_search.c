/* Unit tests for the Xapian wrapper's search side: QueryParser (prefixes,
 * boolean prefixes and their grouping, stemming, range callbacks, syntax
 * errors), Enquire ordering, ValueCountMatchSpy counts, snippets and hand
 * built queries.  One small corpus is indexed on disk for the group. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libstemmer.h>

#include <newsfacet/nf_xapian.h>

#include "core/nf_error.h"
#include "xtest_tmp.h"

enum { SLOT_DATE = 0, SLOT_HOST = 3, SLOT_AMOUNT = 4 };

struct article {
    const char *id, *title, *body, *date, *host;
    const char *companies[2];
    double amount;
};

/* a4 and a5 say the same thing: equal weights, to see the docid order. */
static const struct article corpus[] = {
    {"a1", "Acme buys Widget Corp",
     "Acme agreed to buy Widget Corp for two billion dollars.",
     "20240105", "example.com", {"acme", "widget"}, 2e9},
    {"a2", "Widget profits rise", "Widget Corp reported rising profits.",
     "20240210", "example.com", {"widget", NULL}, 5e6},
    {"a3", "Acme denies report", "Acme denied buying anything at all.",
     "20231201", "other.org", {"acme", NULL}, 1e8},
    {"a4", "Quiet day", "Markets were quiet today.",
     "20230101", "example.com", {NULL, NULL}, 0},
    {"a5", "Quiet day", "Markets were quiet today.",
     "20230101", "other.org", {NULL, NULL}, 0},
};
#define NARTICLES (sizeof corpus / sizeof corpus[0])

static const char *dir;
static char dbpath[256];
static nf_xdb *db;
static nf_docid docids[NARTICLES];

/* Index TEXT the way docs/index-layout.md says, in miniature: lower-cased
 * positional terms under PREFIX, and stems "Z"+PREFIX without positions
 * for words that do not start with a digit. */
static void index_text(nf_xdoc *doc, struct sb_stemmer *stem,
                       const char *prefix, const char *text,
                       nf_termpos *pos)
{
    const char *p = text;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *start = p;
        while (isalnum((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - start);
        if (!n)
            continue;
        char word[64], term[80];
        assert_true(n < sizeof word);
        for (size_t i = 0; i < n; i++)
            word[i] = (char)tolower((unsigned char)start[i]);
        word[n] = '\0';
        snprintf(term, sizeof term, "%s%s", prefix, word);
        assert_int_equal(nf_xdoc_add_posting(doc, term, strlen(term),
                                             ++*pos, 1), NF_OK);
        if (isdigit((unsigned char)word[0]))
            continue;
        const sb_symbol *s = sb_stemmer_stem(stem, (const sb_symbol *)word,
                                             (int)n);
        assert_non_null(s);
        snprintf(term, sizeof term, "Z%s%.*s", prefix,
                 sb_stemmer_length(stem), (const char *)s);
        assert_int_equal(nf_xdoc_add_term(doc, term, strlen(term), 1), NF_OK);
    }
}

static int group_setup(void **state)
{
    (void)state;
    dir = xtest_mkdtemp();
    if (!dir)
        return -1;
    xtest_path(dbpath, sizeof dbpath, dir, "corpus");
    struct sb_stemmer *stem = sb_stemmer_new("english", NULL);
    if (!stem)
        return -1;
    nf_xdb *w = NULL;
    if (nf_xdb_open_writable(&w, dbpath, NF_XDB_CREATE | NF_XDB_NO_SYNC))
        return -1;
    for (size_t i = 0; i < NARTICLES; i++) {
        const struct article *a = &corpus[i];
        nf_xdoc *doc = NULL;
        char term[64];
        nf_termpos pos = 0;
        assert_int_equal(nf_xdoc_new(&doc), NF_OK);
        index_text(doc, stem, "S", a->title, &pos);
        pos += 100;
        index_text(doc, stem, "", a->title, &pos);
        index_text(doc, stem, "", a->body, &pos);
        snprintf(term, sizeof term, "Q%s", a->id);
        assert_int_equal(nf_xdoc_add_boolean_term(doc, term, strlen(term)),
                         NF_OK);
        snprintf(term, sizeof term, "H%s", a->host);
        assert_int_equal(nf_xdoc_add_boolean_term(doc, term, strlen(term)),
                         NF_OK);
        for (int c = 0; c < 2; c++) {
            if (!a->companies[c])
                continue;
            snprintf(term, sizeof term, "XCO%s", a->companies[c]);
            assert_int_equal(nf_xdoc_add_boolean_term(doc, term,
                                                      strlen(term)), NF_OK);
        }
        assert_int_equal(nf_xdoc_set_value(doc, SLOT_DATE, a->date,
                                           strlen(a->date)), NF_OK);
        assert_int_equal(nf_xdoc_set_value(doc, SLOT_HOST, a->host,
                                           strlen(a->host)), NF_OK);
        char num[18];
        size_t len = 0;
        nf_sortable_serialise(num, &len, a->amount);
        assert_int_equal(nf_xdoc_set_value(doc, SLOT_AMOUNT, num, len), NF_OK);
        assert_int_equal(nf_xdoc_set_data(doc, a->body, strlen(a->body)),
                         NF_OK);
        assert_int_equal(nf_xdb_add_document(&docids[i], w, doc), NF_OK);
        nf_xdoc_free(doc);
    }
    sb_stemmer_delete(stem);
    if (nf_xdb_commit(w))
        return -1;
    nf_xdb_free(w);
    return nf_xdb_open(&db, dbpath);
}

static int group_teardown(void **state)
{
    (void)state;
    nf_xdb_free(db);
    return xtest_rmtree(dir);
}

/* Index into corpus[] of DID, or -1. */
static int article_of(nf_docid did)
{
    for (size_t i = 0; i < NARTICLES; i++)
        if (docids[i] == did)
            return (int)i;
    return -1;
}

/* Run Q over the corpus; writes the ids of the matching articles as a set
 * ("a1 a3", in corpus order: ranking is checked separately) into OUT. */
static void run(nf_xquery *q, char *out, size_t n)
{
    nf_xenquire *enq = NULL;
    nf_xmset *ms = NULL;
    int hit[NARTICLES] = {0};
    assert_int_equal(nf_xenquire_new(&enq, db), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, NARTICLES), NF_OK);
    for (size_t i = 0; i < nf_xmset_size(ms); i++) {
        nf_docid did = 0;
        assert_int_equal(nf_xmset_get(ms, i, &did, NULL, NULL), NF_OK);
        int a = article_of(did);
        assert_true(a >= 0);
        hit[a]++;
    }
    out[0] = '\0';
    for (size_t a = 0; a < NARTICLES; a++) {
        assert_true(hit[a] <= 1);
        size_t len = strlen(out);
        if (hit[a])
            snprintf(out + len, n - len, "%s%s", len ? " " : "",
                     corpus[a].id);
    }
    nf_xmset_free(ms);
    nf_xenquire_free(enq);
}

/* Parse TEXT with QP and run it; returns the status of the parse. */
static int search(nf_xqp *qp, const char *text, char *out, size_t n)
{
    nf_xquery *q = NULL;
    int rc = nf_xqp_parse(&q, qp, text, NF_QP_DEFAULT, NULL);
    if (rc == NF_OK)
        run(q, out, n);
    nf_xquery_free(q);
    return rc;
}

static nf_xqp *english_parser(void)
{
    nf_xqp *qp = NULL;
    assert_int_equal(nf_xqp_new(&qp), NF_OK);
    assert_int_equal(nf_xqp_set_database(qp, db), NF_OK);
    assert_int_equal(nf_xqp_set_stemmer(qp, "english"), NF_OK);
    assert_int_equal(nf_xqp_add_prefix(qp, "title", "S"), NF_OK);
    assert_int_equal(nf_xqp_add_boolean_prefix(qp, "company", "XCO", NULL),
                     NF_OK);
    assert_int_equal(nf_xqp_add_boolean_prefix(qp, "site", "H", NULL), NF_OK);
    return qp;
}

static void stemmed_words_and_prefixes(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    char got[64];
    /* "buying" stems to what "buy", "buys" and "buying" were indexed as. */
    assert_int_equal(search(qp, "buying", got, sizeof got), NF_OK);
    assert_string_equal(got, "a1 a3");
    /* Capitalised words are not stemmed (STEM_SOME): exact term only. */
    assert_int_equal(search(qp, "Buying", got, sizeof got), NF_OK);
    assert_string_equal(got, "a3");
    assert_int_equal(search(qp, "title:denies", got, sizeof got), NF_OK);
    assert_string_equal(got, "a3");
    assert_int_equal(search(qp, "\"widget corp\"", got, sizeof got), NF_OK);
    assert_string_equal(got, "a1 a2");
    nf_xqp_free(qp);
}

static void boolean_prefixes_filter_and_group(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    char got[64];
    assert_int_equal(search(qp, "buying company:acme", got, sizeof got),
                     NF_OK);
    assert_string_equal(got, "a1 a3");
    assert_int_equal(search(qp, "profits company:acme", got, sizeof got),
                     NF_OK);
    assert_string_equal(got, "");
    /* Same field: OR.  Different fields: AND. */
    assert_int_equal(search(qp, "company:acme company:widget", got,
                            sizeof got), NF_OK);
    assert_string_equal(got, "a1 a2 a3");
    assert_int_equal(search(qp, "company:acme site:other.org", got,
                            sizeof got), NF_OK);
    assert_string_equal(got, "a3");
    nf_xqp_free(qp);

    /* Two fields on one prefix: in one grouping they OR, in two they AND. */
    nf_xqp *g = NULL;
    assert_int_equal(nf_xqp_new(&g), NF_OK);
    assert_int_equal(nf_xqp_add_boolean_prefix(g, "buyer", "XCO", "co"),
                     NF_OK);
    assert_int_equal(nf_xqp_add_boolean_prefix(g, "seller", "XCO", "co"),
                     NF_OK);
    assert_int_equal(nf_xqp_add_boolean_prefix(g, "with", "XCO", "other"),
                     NF_OK);
    assert_int_equal(search(g, "buyer:acme seller:widget", got, sizeof got),
                     NF_OK);
    assert_string_equal(got, "a1 a2 a3");
    assert_int_equal(search(g, "buyer:acme with:widget", got, sizeof got),
                     NF_OK);
    assert_string_equal(got, "a1");
    nf_xqp_free(g);
}

/* ---- range callback: "date:YYYYMMDD..YYYYMMDD", either end open ---- */
struct range_ctx {
    int calls;
    char lo[32], hi[32];
};

static int digits8(const char *s)
{
    if (strlen(s) != 8)
        return 0;
    for (int i = 0; i < 8; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int date_range(void *vctx, nf_xquery **out, const char *lo,
                      const char *hi)
{
    struct range_ctx *ctx = vctx;
    ctx->calls++;
    snprintf(ctx->lo, sizeof ctx->lo, "%s", lo);
    snprintf(ctx->hi, sizeof ctx->hi, "%s", hi);
    if ((*lo && !digits8(lo)) || (*hi && !digits8(hi)))
        return nf_set_error(NF_EQUERY, "date range %s..%s: dates are "
                            "YYYYMMDD", lo, hi);
    return nf_xquery_value_range(out, SLOT_DATE, *lo ? lo : NULL, strlen(lo),
                                 *hi ? hi : NULL, strlen(hi));
}

/* Takes nothing: the parser must fall back to the next processor. */
static int decline_range(void *vctx, nf_xquery **out, const char *lo,
                         const char *hi)
{
    (void)lo;
    (void)hi;
    ++*(int *)vctx;
    *out = NULL;
    return NF_OK;
}

static void range_callback_builds_value_ranges(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    struct range_ctx ctx = {0};
    int declined = 0;
    assert_int_equal(nf_xqp_add_range_cb(qp, "amount", decline_range,
                                         &declined), NF_OK);
    assert_int_equal(nf_xqp_add_range_cb(qp, "date", date_range, &ctx),
                     NF_OK);
    char got[64];
    assert_int_equal(search(qp, "date:20240101..20241231", got, sizeof got),
                     NF_OK);
    assert_string_equal(got, "a1 a2");
    assert_int_equal(ctx.calls, 1);
    assert_string_equal(ctx.lo, "20240101");
    assert_string_equal(ctx.hi, "20241231");
    /* "amount:" did not match the text, so its callback was not asked. */
    assert_int_equal(declined, 0);

    /* Open upper end, combined with a filter. */
    assert_int_equal(search(qp, "company:acme date:20231201..", got,
                            sizeof got), NF_OK);
    assert_string_equal(got, "a1 a3");
    assert_string_equal(ctx.hi, "");

    /* The callback's refusal is the parse error, with its reason. */
    nf_xquery *q = NULL;
    assert_int_equal(nf_xqp_parse(&q, qp, "acme date:last..week",
                                  NF_QP_DEFAULT, NULL), NF_EQUERY);
    assert_null(q);
    assert_int_equal(nf_errcode(), NF_EQUERY);
    assert_non_null(strstr(nf_errmsg(), "dates are YYYYMMDD"));
    assert_non_null(strstr(nf_errmsg(), "acme date:last..week"));
    nf_xqp_free(qp);

    /* A declining processor before an unprefixed one. */
    nf_xqp *qp2 = NULL;
    declined = 0;
    memset(&ctx, 0, sizeof ctx);
    assert_int_equal(nf_xqp_new(&qp2), NF_OK);
    assert_int_equal(nf_xqp_add_range_cb(qp2, "", decline_range, &declined),
                     NF_OK);
    assert_int_equal(nf_xqp_add_range_cb(qp2, "", date_range, &ctx), NF_OK);
    assert_int_equal(search(qp2, "..20230630", got, sizeof got), NF_OK);
    assert_string_equal(got, "a4 a5");
    assert_int_equal(declined, 1);
    assert_int_equal(ctx.calls, 1);
    nf_xqp_free(qp2);
}

static void syntax_errors_quote_the_query(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    nf_xquery *q = NULL;
    assert_int_equal(nf_xqp_parse(&q, qp, "acme AND", NF_QP_DEFAULT, NULL),
                     NF_EQUERY);
    assert_null(q);
    assert_non_null(strstr(nf_errmsg(), "'acme AND'"));
    assert_non_null(strstr(nf_errmsg(), "Syntax"));
    /* Without NF_QP_BOOLEAN the same text is two words. */
    assert_int_equal(nf_xqp_parse(&q, qp, "acme AND", 0, NULL), NF_OK);
    nf_xquery_free(q);
    assert_int_equal(nf_xqp_set_stemmer(qp, "klingon"), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "klingon"));
    assert_int_equal(nf_xqp_set_default_op(qp, NF_XQUERY_FILTER), NF_EINVAL);
    nf_xqp_free(qp);
}

static void default_op_and_default_prefix(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    char got[64];
    assert_int_equal(search(qp, "acme widget", got, sizeof got), NF_OK);
    assert_string_equal(got, "a1 a2 a3");
    assert_int_equal(nf_xqp_set_default_op(qp, NF_XQUERY_AND), NF_OK);
    assert_int_equal(search(qp, "acme widget", got, sizeof got), NF_OK);
    assert_string_equal(got, "a1");

    nf_xquery *q = NULL;
    assert_int_equal(nf_xqp_parse(&q, qp, "quiet", NF_QP_DEFAULT, "S"),
                     NF_OK);
    char *desc = NULL;
    assert_int_equal(nf_xquery_describe(&desc, q), NF_OK);
    assert_non_null(strstr(desc, "ZSquiet"));
    free(desc);
    run(q, got, sizeof got);
    assert_string_equal(got, "a4 a5");
    nf_xquery_free(q);
    nf_xqp_free(qp);
}

static void ties_keep_docid_order_and_value_sort(void **state)
{
    (void)state;
    nf_xquery *q = NULL;
    nf_xenquire *enq = NULL;
    nf_xmset *ms = NULL;
    assert_int_equal(nf_xquery_term(&q, "markets"), NF_OK);
    assert_int_equal(nf_xenquire_new(&enq, db), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, 0), NF_OK);
    assert_int_equal(nf_xmset_size(ms), 2);
    nf_docid d0 = 0, d1 = 0;
    double w0 = -1, w1 = -1;
    assert_int_equal(nf_xmset_get(ms, 0, &d0, &w0, NULL), NF_OK);
    assert_int_equal(nf_xmset_get(ms, 1, &d1, &w1, NULL), NF_OK);
    assert_true(w0 > 0 && w0 == w1);
    assert_true(d0 < d1);
    int pct = -1;
    assert_int_equal(nf_xmset_percent(ms, 1, &pct), NF_OK);
    assert_int_equal(pct, 100);   /* each matches the only query term */
    assert_int_equal(nf_xmset_percent(ms, 2, &pct), NF_EINVAL);
    assert_int_equal(nf_xmset_get(ms, 2, &d1, NULL, NULL), NF_EINVAL);
    nf_xmset_free(ms);
    nf_xquery_free(q);

    /* Every document by amount, largest first, then by date. */
    assert_int_equal(nf_xquery_match_all(&q), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xenquire_set_sort_by_value(enq, SLOT_AMOUNT, 1),
                     NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, 0), NF_OK);
    double prev = 1e300;
    for (size_t i = 0; i < nf_xmset_size(ms); i++) {
        nf_xdoc *doc = NULL;
        const char *v = NULL;
        size_t len = 0;
        assert_int_equal(nf_xmset_get(ms, i, NULL, NULL, &doc), NF_OK);
        assert_int_equal(nf_xdoc_get_value(&v, &len, doc, SLOT_AMOUNT), NF_OK);
        double amount = nf_sortable_unserialise(v, len);
        assert_true(amount <= prev);
        prev = amount;
        nf_xdoc_free(doc);
    }
    nf_xmset_free(ms);
    assert_int_equal(nf_xenquire_set_sort_by_value(enq, SLOT_DATE, 0), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 1, 0), NF_OK);
    nf_docid first = 0;
    assert_int_equal(nf_xmset_get(ms, 0, &first, NULL, NULL), NF_OK);
    /* Oldest date (a4 and a5 tie): the lower docid. */
    assert_int_equal(first, docids[3]);
    nf_xmset_free(ms);
    assert_int_equal(nf_xenquire_set_sort_by_relevance(enq), NF_OK);
    nf_xquery_free(q);
    nf_xenquire_free(enq);
}

/* ---- ValueCountMatchSpy ---- */
struct counts {
    char value[4][32];
    unsigned count[4];
    size_t n;
};

static int collect_count(void *vctx, const char *value, size_t len,
                         unsigned count)
{
    struct counts *c = vctx;
    if (c->n == 4 || len >= 32)
        return -1;
    memcpy(c->value[c->n], value, len);
    c->value[c->n][len] = '\0';
    c->count[c->n++] = count;
    return 0;
}

static void spy_counts_values_of_matches(void **state)
{
    (void)state;
    nf_xqp *qp = english_parser();
    nf_xquery *q = NULL;
    nf_xenquire *enq = NULL;
    nf_xspy *spy = NULL;
    nf_xmset *ms = NULL;
    assert_int_equal(nf_xqp_parse(&q, qp, "acme OR widget OR markets",
                                  NF_QP_DEFAULT, NULL), NF_OK);
    assert_int_equal(nf_xenquire_new(&enq, db), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xspy_new_valuecount(&spy, SLOT_HOST), NF_OK);
    assert_int_equal(nf_xenquire_add_spy(enq, spy), NF_OK);
    /* One result asked for; check_at_least makes the spy see them all. */
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 1, NARTICLES), NF_OK);
    assert_int_equal(nf_xmset_size(ms), 1);
    unsigned lo = 0, est = 0, hi = 0;
    assert_int_equal(nf_xmset_matches(ms, &lo, &est, &hi), NF_OK);
    assert_int_equal(lo, 5);
    assert_int_equal(hi, 5);
    assert_int_equal(est, 5);

    unsigned total = 0;
    assert_int_equal(nf_xspy_total(spy, &total), NF_OK);
    assert_int_equal(total, 5);
    struct counts c = {0};
    assert_int_equal(nf_xspy_values(spy, collect_count, &c), NF_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.value[0], "example.com");
    assert_int_equal(c.count[0], 3);
    assert_string_equal(c.value[1], "other.org");
    assert_int_equal(c.count[1], 2);

    /* Snippets highlight the query's words (stems too). */
    char *snip = NULL;
    assert_int_equal(nf_xmset_snippet(&snip, ms,
        "Acme agreed to buy Widget Corp & others.", 200, "english"), NF_OK);
    assert_non_null(strstr(snip, "<b>Acme</b>"));
    assert_non_null(strstr(snip, "<b>Widget</b>"));
    assert_non_null(strstr(snip, "&amp;"));   /* HTML-escaped */
    free(snip);
    nf_xmset_free(ms);

    /* Once cleared, the spy is no longer fed (its counts add up over every
     * search it sees, so a second one would make 10). */
    assert_int_equal(nf_xenquire_clear_spies(enq), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, NARTICLES), NF_OK);
    assert_int_equal(nf_xspy_total(spy, &total), NF_OK);
    assert_int_equal(total, 5);
    nf_xmset_free(ms);

    nf_xspy_free(spy);
    nf_xenquire_free(enq);
    nf_xquery_free(q);
    nf_xqp_free(qp);
}

/* ---- value streams and match deciders (the searcher's facet columns) ---- */

struct seen {
    nf_docid did[16];
    char value[16][32];
    size_t n;
};

static int collect_value(void *ctx, nf_docid did, const char *value, size_t len)
{
    struct seen *s = ctx;
    if (s->n == 16 || len >= 32)
        return -1;
    s->did[s->n] = did;
    memcpy(s->value[s->n], value, len);
    s->value[s->n++][len] = '\0';
    return 0;
}

static int decide_even_docids(void *ctx, nf_docid did, const char *key, size_t len)
{
    struct seen *s = ctx;
    if (s->n < 16) {
        s->did[s->n] = did;
        snprintf(s->value[s->n++], 32, "%.*s", (int)len, key ? key : "");
    }
    return did % 2 == 0;
}

static void value_streams_and_deciders(void **state)
{
    (void)state;
    int local = 0, supported = 0;
    unsigned shards = 0;
    nf_docid last = 0;
    assert_int_equal(nf_xdb_is_local(db, &local), NF_OK);
    assert_int_equal(local, 1);
    assert_int_equal(nf_xdb_shards(db, &shards), NF_OK);
    assert_int_equal(shards, 1);
    assert_int_equal(nf_xdb_lastdocid(db, &last), NF_OK);
    assert_int_equal(last, docids[NARTICLES - 1]);

    /* Every document's value of a slot, in docid order. */
    struct seen v = {0};
    assert_int_equal(nf_xdb_values(db, &supported, SLOT_HOST, collect_value, &v), NF_OK);
    assert_int_equal(supported, 1);
    assert_int_equal(v.n, NARTICLES);
    for (size_t i = 0; i < NARTICLES; i++) {
        assert_int_equal(v.did[i], docids[i]);
        assert_string_equal(v.value[i], corpus[i].host);
    }
    /* An empty slot: nothing visited. */
    assert_int_equal(nf_xdb_values(db, &supported, 99, collect_value, &v), NF_OK);
    assert_int_equal(v.n, NARTICLES);

    /* The decider sees every match and decides what stays. */
    nf_xquery *q = NULL;
    nf_xenquire *enq = NULL;
    nf_xmset *ms = NULL;
    struct seen d = {0};
    assert_int_equal(nf_xquery_match_all(&q), NF_OK);
    assert_int_equal(nf_xenquire_new(&enq, db), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xenquire_set_boolean(enq), NF_OK);
    assert_int_equal(nf_xenquire_set_decider(enq, decide_even_docids, &d), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, NARTICLES + 1), NF_OK);
    assert_int_equal(d.n, NARTICLES);
    assert_int_equal(nf_xmset_size(ms), NARTICLES / 2);
    for (size_t i = 0; i < nf_xmset_size(ms); i++) {
        nf_docid did = 0;
        assert_int_equal(nf_xmset_get(ms, i, &did, NULL, NULL), NF_OK);
        assert_int_equal(did % 2, 0);
    }
    nf_xmset_free(ms);
    /* With a key slot, the decider is given each document's value there. */
    memset(&d, 0, sizeof d);
    assert_int_equal(nf_xenquire_set_decider_key(enq, SLOT_DATE), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 0, NARTICLES + 1), NF_OK);
    assert_int_equal(d.n, NARTICLES);
    for (size_t i = 0; i < d.n; i++) {
        int a = article_of(d.did[i]);
        assert_true(a >= 0);
        assert_string_equal(d.value[i], corpus[a].date);
    }
    nf_xmset_free(ms);
    /* Without a decider everything matches again. */
    assert_int_equal(nf_xenquire_set_decider(enq, NULL, NULL), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 10, NARTICLES + 1), NF_OK);
    assert_int_equal(nf_xmset_size(ms), NARTICLES);
    nf_xmset_free(ms);
    nf_xenquire_free(enq);
    nf_xquery_free(q);
}

static void hand_built_queries(void **state)
{
    (void)state;
    nf_xquery *acme = NULL, *widget = NULL, *q = NULL;
    char got[64];
    assert_int_equal(nf_xquery_term(&acme, "XCOacme"), NF_OK);
    assert_int_equal(nf_xquery_term(&widget, "XCOwidget"), NF_OK);

    nf_xquery *and_subs[3] = {acme, NULL, widget};
    assert_int_equal(nf_xquery_combine(&q, NF_XQUERY_AND, and_subs, 3),
                     NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a1");
    nf_xquery_free(q);

    assert_int_equal(nf_xquery_combine(&q, NF_XQUERY_OR, and_subs, 3), NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a1 a2 a3");
    nf_xquery_free(q);

    /* Pure NOT: everything but acme. */
    nf_xquery *not_subs[2] = {NULL, acme};
    assert_int_equal(nf_xquery_combine(&q, NF_XQUERY_AND_NOT, not_subs, 2),
                     NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a2 a4 a5");
    nf_xquery_free(q);

    /* Nothing given: AND matches all, OR nothing. */
    nf_xquery *none[1] = {NULL};
    assert_int_equal(nf_xquery_combine(&q, NF_XQUERY_AND, none, 1), NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a1 a2 a3 a4 a5");
    nf_xquery_free(q);
    assert_int_equal(nf_xquery_combine(&q, NF_XQUERY_OR, none, 1), NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "");
    nf_xquery_free(q);
    assert_int_equal(nf_xquery_combine(&q, 99, none, 1), NF_EINVAL);
    assert_null(q);

    /* Sortable numbers in a value range: 1e6 <= amount <= 1e9. */
    char lo[18], hi[18];
    size_t lo_len, hi_len;
    nf_sortable_serialise(lo, &lo_len, 1e6);
    nf_sortable_serialise(hi, &hi_len, 1e9);
    assert_int_equal(nf_xquery_value_range(&q, SLOT_AMOUNT, lo, lo_len,
                                           hi, hi_len), NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a2 a3");
    nf_xquery_free(q);
    assert_int_equal(nf_xquery_value_range(&q, SLOT_AMOUNT, NULL, 0,
                                           hi, hi_len), NF_OK);
    run(q, got, sizeof got);
    assert_string_equal(got, "a2 a3 a4 a5");
    nf_xquery_free(q);

    nf_xquery_free(acme);
    nf_xquery_free(widget);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stemmed_words_and_prefixes),
        cmocka_unit_test(boolean_prefixes_filter_and_group),
        cmocka_unit_test(range_callback_builds_value_ranges),
        cmocka_unit_test(syntax_errors_quote_the_query),
        cmocka_unit_test(default_op_and_default_prefix),
        cmocka_unit_test(ties_keep_docid_order_and_value_sort),
        cmocka_unit_test(spy_counts_values_of_matches),
        cmocka_unit_test(hand_built_queries),
        cmocka_unit_test(value_streams_and_deciders),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
