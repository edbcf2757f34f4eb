/* Unit tests for the money and percent scanner and its schema file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analyse/nf_money.h"
#include "core/nf_error.h"
#include "schema/nf_schema.h"

#include "money_cases.h"

static struct nf_money_conf *shipped;

static int load_shipped(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    if (nf_money_conf_load(&shipped, dir) != NF_OK) {
        fprintf(stderr, "cannot load %s/money.yaml: %s\n", dir, nf_errmsg());
        return -1;
    }
    return 0;
}

static int free_shipped(void **state)
{
    (void)state;
    nf_money_conf_free(shipped);
    return 0;
}

static int near(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* One expected amount parsed from a table entry "surface|value|unit". */
typedef struct want_item {
    char surface[256];
    double value;
    char unit[8];
} want_item;

static size_t parse_want(want_item *w, size_t cap, const char *spec)
{
    size_t n = 0;
    const char *p = spec;
    while (*p && n < cap) {
        const char *end = strstr(p, " ; ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[256];
        assert_true(len < sizeof item);
        memcpy(item, p, len);
        item[len] = '\0';
        char *bar1 = strchr(item, '|');
        assert_non_null(bar1);
        char *bar2 = strchr(bar1 + 1, '|');
        assert_non_null(bar2);
        *bar1 = *bar2 = '\0';
        snprintf(w[n].surface, sizeof w[n].surface, "%s", item);
        w[n].value = strtod(bar1 + 1, NULL);
        snprintf(w[n].unit, sizeof w[n].unit, "%s", bar2 + 1);
        n++;
        p = end ? end + 3 : p + len;
    }
    return n;
}

static void describe(const char *text, const nf_amount *a, size_t n)
{
    fprintf(stderr, "  text: %s\n  found %zu:\n", text, n);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "    [%.*s] %s %.10g %s%s\n", (int)(a[i].end - a[i].start),
                text + a[i].start, a[i].kind == NF_AMOUNT_PERCENT ? "percent" : "money",
                a[i].value, a[i].currency, a[i].points ? " (points)" : "");
}

/* Every table sentence yields exactly the expected amounts, in order, with
 * the right surface span, value and unit. */
static void table_of_surface_forms(void **state)
{
    (void)state;
    size_t forms = 0, negatives = 0, failures = 0;
    for (size_t c = 0; c < sizeof money_cases / sizeof *money_cases; c++) {
        const money_case *mc = &money_cases[c];
        want_item want[8];
        size_t nwant = parse_want(want, 8, mc->want);
        forms += nwant;
        negatives += nwant == 0;
        nf_amount *a;
        size_t n;
        assert_int_equal(nf_amounts_scan(&a, &n, shipped, mc->text, strlen(mc->text)), NF_OK);
        int ok = n == nwant;
        for (size_t i = 0; ok && i < n; i++) {
            size_t slen = a[i].end - a[i].start;
            ok = slen == strlen(want[i].surface) &&
                 !memcmp(mc->text + a[i].start, want[i].surface, slen) &&
                 near(a[i].value, want[i].value);
            if (!strcmp(want[i].unit, "%") || !strcmp(want[i].unit, "pp"))
                ok = ok && a[i].kind == NF_AMOUNT_PERCENT && a[i].currency[0] == '\0' &&
                     a[i].points == !strcmp(want[i].unit, "pp") && near(a[i].usd, a[i].value);
            else
                ok = ok && a[i].kind == NF_AMOUNT_MONEY && !strcmp(a[i].currency, want[i].unit);
        }
        if (!ok) {
            fprintf(stderr, "case %zu: want %s\n", c, mc->want[0] ? mc->want : "(nothing)");
            describe(mc->text, a, n);
            failures++;
        }
        free(a);
    }
    assert_true(forms >= 80);
    assert_true(negatives >= 20);
    assert_int_equal(failures, 0);
}

static nf_amount scan_one(const char *text, size_t index, size_t expect_n)
{
    nf_amount *a;
    size_t n;
    assert_int_equal(nf_amounts_scan(&a, &n, shipped, text, strlen(text)), NF_OK);
    if (n != expect_n)
        describe(text, a, n);
    assert_int_equal(n, expect_n);
    nf_amount r = a[index];
    free(a);
    return r;
}

static void qualifiers_are_kept_as_data(void **state)
{
    (void)state;
    static const struct { const char *text; nf_qualifier q; double value; } cases[] = {
        {"It spent more than $100 billion.", NF_QUAL_MORE_THAN, 100e9},
        {"It spent over $1bn.", NF_QUAL_MORE_THAN, 1e9},
        {"It spent nearly $3 billion.", NF_QUAL_NEARLY, 3e9},
        {"It spent almost 40%.", NF_QUAL_NEARLY, 40},
        {"It could raise up to $15 billion.", NF_QUAL_UP_TO, 15e9},
        {"It has at least $6 billion.", NF_QUAL_AT_LEAST, 6e9},
        {"It has no more than $2 billion.", NF_QUAL_AT_MOST, 2e9},
        {"It has less than 5% of the market.", NF_QUAL_LESS_THAN, 5},
        {"It owns about 49% of the profits.", NF_QUAL_ABOUT, 49},
        {"It owns roughly ~$5B.", NF_QUAL_ABOUT, 5e9},
        {"It costs $5 billion.", NF_QUAL_NONE, 5e9},
        {"Churn is <5% a month.", NF_QUAL_LESS_THAN, 5},
        {"Uptime is >99.9%.", NF_QUAL_MORE_THAN, 99.9},
        {"It spent \xe2\x89\xa5$2bn.", NF_QUAL_AT_LEAST, 2e9},
        {"The takeover $5 billion bid failed.", NF_QUAL_NONE, 5e9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        nf_amount a = scan_one(cases[i].text, 0, 1);
        if (a.qualifier != cases[i].q)
            fprintf(stderr, "%s: qualifier %s\n", cases[i].text, nf_qualifier_name(a.qualifier));
        assert_int_equal(a.qualifier, cases[i].q);
        assert_true(near(a.value, cases[i].value));
    }
    /* A qualifier before "between" applies to both ends. */
    nf_amount lo = scan_one("It costs about between $1bn and $2bn.", 0, 2);
    nf_amount hi = scan_one("It costs about between $1bn and $2bn.", 1, 2);
    assert_int_equal(lo.qualifier, NF_QUAL_ABOUT);
    assert_int_equal(hi.qualifier, NF_QUAL_ABOUT);
    assert_string_equal(nf_qualifier_name(NF_QUAL_AT_LEAST), "at_least");
}

static void ranges_keep_both_ends_with_spans(void **state)
{
    (void)state;
    const char *t = "Bids of $10B-$15B arrived.";
    nf_amount a = scan_one(t, 0, 2), b = scan_one(t, 1, 2);
    assert_int_equal(a.start, 8);
    assert_int_equal(a.end, 12);
    assert_int_equal(b.start, 13);
    assert_int_equal(b.end, 17);
    assert_int_equal(a.range_end, 1);
    assert_int_equal(b.range_end, 2);

    /* The unit written once applies to both ends; each keeps its own span. */
    t = "It costs $10 to 13 billion.";
    a = scan_one(t, 0, 2);
    b = scan_one(t, 1, 2);
    assert_int_equal(a.end - a.start, 3);            /* "$10" */
    assert_memory_equal(t + b.start, "13 billion", b.end - b.start);
    assert_true(near(a.value, 10e9));
    assert_true(near(b.value, 13e9));
    assert_string_equal(b.currency, "USD");

    t = "Margins of 20 to 25 per cent.";
    a = scan_one(t, 0, 2);
    assert_int_equal(a.kind, NF_AMOUNT_PERCENT);
    assert_true(near(a.value, 20));

    /* "from X to Y" is a change: both values, not a range. */
    t = "It rose from $5bn to $10bn.";
    a = scan_one(t, 0, 2);
    b = scan_one(t, 1, 2);
    assert_int_equal(a.range_end, 0);
    assert_int_equal(b.range_end, 0);

    /* Different units do not make a range. */
    t = "Shares fell 5% to $120.";
    a = scan_one(t, 0, 2);
    b = scan_one(t, 1, 2);
    assert_int_equal(a.kind, NF_AMOUNT_PERCENT);
    assert_int_equal(b.kind, NF_AMOUNT_MONEY);
    assert_int_equal(a.range_end, 0);

    /* A year is not the low end of a range. */
    t = "It cut its forecast for 2025 to 3.2%.";
    a = scan_one(t, 0, 1);
    assert_true(near(a.value, 3.2));
}

static void every_occurrence_is_kept(void **state)
{
    (void)state;
    const char *t = "It paid $1 billion, then $1 billion again, then 1 billion dollars.";
    nf_amount *a;
    size_t n;
    assert_int_equal(nf_amounts_scan(&a, &n, shipped, t, strlen(t)), NF_OK);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_true(near(a[i].value, 1e9));
    assert_true(a[0].start < a[1].start && a[1].start < a[2].start);
    free(a);
    /* No text, no amounts. */
    assert_int_equal(nf_amounts_scan(&a, &n, shipped, "", 0), NF_OK);
    assert_int_equal(n, 0);
    assert_null(a);
}

/* Text that ends in the middle of an amount must not be read past its end. */
static void text_is_not_read_past_len(void **state)
{
    (void)state;
    const char *t = "It costs $5 billion";
    nf_amount a = scan_one(t, 0, 1);
    assert_true(near(a.value, 5e9));
    nf_amount *v;
    size_t n;
    /* Cut after "$5 bil": the scale word is not complete, so plain $5. */
    assert_int_equal(nf_amounts_scan(&v, &n, shipped, t, 15), NF_OK);
    assert_int_equal(n, 1);
    assert_true(near(v[0].value, 5));
    assert_int_equal(v[0].end, 11);
    free(v);
}

/* ---- Configurations written by the tests themselves ---- */

static const char base_yaml[] =
    "currencies:\n"                                   /* 1 */
    "  - code: USD\n"                                 /* 2 */
    "    before: [\"$\"]\n"                           /* 3 */
    "    after: [dollars]\n"                          /* 4 */
    "  - code: EUR\n"                                 /* 5 */
    "    before: [\"\xe2\x82\xac\"]\n"                /* 6 */
    "  - code: JPY\n"                                 /* 7 */
    "    before: [\"\xc2\xa5\"]\n"                    /* 8 */
    "  - code: CNY\n"                                 /* 9 */
    "    before: [\"\xc2\xa5\"]\n"                    /* 10 */
    "%s"                                              /* ambiguous */
    "scales:\n"
    "  - factor: 1e9\n"
    "    words: [billion]\n"
    "    short: [bn]\n"
    "percent: [\"%%\"]\n"
    "%s"                                              /* rate_date */
    "rates:\n"
    "  - date: 2024-01-01\n"
    "    usd_per: {EUR: 1.10, JPY: 0.007, CNY: 0.14}\n"
    "  - date: 2025-01-01\n"
    "    usd_per: {EUR: 1.04}\n";

static char tmpdir[64];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nf-money-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/money.yaml", tmpdir);
    unlink(path);
    rmdir(tmpdir);
    return 0;
}

static int load_text(struct nf_money_conf **out, const char *yaml)
{
    char path[128];
    snprintf(path, sizeof path, "%s/money.yaml", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    return nf_money_conf_load(out, tmpdir);
}

static int load_base(struct nf_money_conf **out, const char *ambiguous, const char *rate_date)
{
    char yaml[4096];
    snprintf(yaml, sizeof yaml, base_yaml, ambiguous, rate_date);
    return load_text(out, yaml);
}

static void rates_use_the_newest_row_on_or_before_the_date(void **state)
{
    (void)state;
    struct nf_money_conf *c;
    assert_int_equal(load_base(&c, "ambiguous: {\"\xc2\xa5\": JPY}\n", ""), NF_OK);
    assert_string_equal(nf_money_rate_date(c), "2025-01-01");
    double r;
    assert_int_equal(nf_money_usd_rate(&r, c, "EUR", NULL), NF_OK);
    assert_true(near(r, 1.04));
    assert_int_equal(nf_money_usd_rate(&r, c, "EUR", "2024-12-31"), NF_OK);
    assert_true(near(r, 1.10));
    /* JPY is only in the older row: that row still counts. */
    assert_int_equal(nf_money_usd_rate(&r, c, "JPY", NULL), NF_OK);
    assert_true(near(r, 0.007));
    assert_int_equal(nf_money_usd_rate(&r, c, "EUR", "2023-06-30"), NF_ENOTFOUND);
    assert_int_equal(nf_money_usd_rate(&r, c, "USD", "1999-01-01"), NF_OK);
    assert_true(near(r, 1.0));

    const char *t = "A \xe2\x82\xac" "2 billion grant and a $3bn loan.";
    nf_amount *a;
    size_t n;
    assert_int_equal(nf_amounts_scan(&a, &n, c, t, strlen(t)), NF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(a[0].currency, "EUR");
    assert_true(near(a[0].value, 2e9));
    assert_true(near(a[0].usd, 2e9 * 1.04));
    assert_true(near(a[1].usd, 3e9));
    free(a);
    nf_money_conf_free(c);

    /* A fixed rate_date picks the older row. */
    assert_int_equal(load_base(&c, "ambiguous: {\"\xc2\xa5\": JPY}\n",
                               "rate_date: 2024-06-30\n"), NF_OK);
    assert_string_equal(nf_money_rate_date(c), "2024-06-30");
    assert_int_equal(nf_amounts_scan(&a, &n, c, t, strlen(t)), NF_OK);
    assert_int_equal(n, 2);
    assert_true(near(a[0].usd, 2e9 * 1.10));
    free(a);
    nf_money_conf_free(c);
}

static void yen_sign_is_configurable(void **state)
{
    (void)state;
    const char *t = "It earned \xc2\xa5" "5 billion.";
    struct nf_money_conf *c;
    nf_amount *a;
    size_t n;
    assert_int_equal(load_base(&c, "ambiguous: {\"\xc2\xa5\": CNY}\n", ""), NF_OK);
    assert_int_equal(nf_amounts_scan(&a, &n, c, t, strlen(t)), NF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(a[0].currency, "CNY");
    free(a);
    nf_money_conf_free(c);
    /* The shipped schema reads it as yen. */
    nf_amount y = scan_one(t, 0, 1);
    assert_string_equal(y.currency, "JPY");
}

static void schema_errors_name_the_line(void **state)
{
    (void)state;
    static const struct { const char *yaml; const char *where; const char *what; } cases[] = {
        {"currencies:\n  - code: usd\n    before: [\"$\"]\nscales: []\nrates:\n"
         "  - date: 2025-01-01\n    usd_per: {}\n", ":2:", "ISO 4217"},
        {"currencies:\n  - code: USD\nscales: []\nrates:\n  - date: 2025-01-01\n"
         "    usd_per: {EUR: 1.1}\n", ":6:", "unknown currency 'EUR'"},
        {"currencies:\n  - code: USD\nscales: []\nrates:\n  - date: 2025-13-01\n"
         "    usd_per: {}\n", ":5:", "not YYYY-MM-DD"},
        {"currencies:\n  - code: USD\nscales:\n  - factor: -3\n    words: [k]\n"
         "rates:\n  - date: 2025-01-01\n    usd_per: {}\n", ":4:", "positive number"},
        {"currencies:\n  - code: USD\nscales: []\nqualifiers:\n  lots_of: [many]\n"
         "rates:\n  - date: 2025-01-01\n    usd_per: {}\n", ":5:", "unknown qualifier"},
        {"currencies:\n  - code: USD\n  - code: EUR\n    before: [\"E\"]\nscales: []\n"
         "rates:\n  - date: 2025-01-01\n    usd_per: {}\n", ":3:", "no USD rate"},
        {"currencies:\n  - code: USD\n    before: [\"$\"]\n  - code: CAD\n"
         "    before: [\"$\"]\nscales: []\nrates:\n  - date: 2025-01-01\n"
         "    usd_per: {CAD: 0.7}\n", ":5:", "'ambiguous'"},
        {"currencies:\n  - code: USD\nscales: []\ncolours: [red]\nrates:\n"
         "  - date: 2025-01-01\n    usd_per: {}\n", ":4:", "unknown key 'colours'"},
        {"currencies:\n  - code: USD\nscales: []\npercent:\n  - \"%\"\n"
         "  - {word: pc, colour: red}\nrates:\n  - date: 2025-01-01\n    usd_per: {}\n",
         ":6:", "unknown key 'colour'"},
        {"currencies:\n  - code: USD\n    before: [\"$\"\nscales: []\n", ":4:", "YAML"},
        {"currencies:\n  - code: USD\nscales: []\nrate_date: soon\nrates:\n"
         "  - date: 2025-01-01\n    usd_per: {}\n", ":4:", "rate_date"},
        {"currencies:\n  - code: USD\n    after: [\" dollars\"]\nscales: []\nrates:\n"
         "  - date: 2025-01-01\n    usd_per: {}\n", ":3:", "leading"},
        {"currencies:\n  - code: USD\nscales: []\n", ":1:", "'rates'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct nf_money_conf *c = NULL;
        int rc = load_text(&c, cases[i].yaml);
        if (rc != NF_ESCHEMA || !strstr(nf_errmsg(), cases[i].where) ||
            !strstr(nf_errmsg(), cases[i].what) || !strstr(nf_errmsg(), "money.yaml"))
            fprintf(stderr, "case %zu: rc %d, message: %s\n", i, rc, nf_errmsg());
        assert_int_equal(rc, NF_ESCHEMA);
        assert_null(c);
        assert_non_null(strstr(nf_errmsg(), "money.yaml"));
        assert_non_null(strstr(nf_errmsg(), cases[i].where));
        assert_non_null(strstr(nf_errmsg(), cases[i].what));
    }
    struct nf_money_conf *c = NULL;
    assert_int_equal(nf_money_conf_load(&c, "/nonexistent-newsfacet-dir"), NF_ENOTFOUND);
    assert_null(c);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* nf_schema_load() loads money.yaml: required when a facet is fed from
 * money or percent, optional otherwise. */
static void schema_loader_wires_money(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    nf_schema *s;
    int rc = nf_schema_load(&s, dir);
    if (rc)
        fail_msg("%s", nf_errmsg());
    assert_non_null(s->money);
    char *sum;
    assert_int_equal(nf_schema_summary(&sum, s), NF_OK);
    assert_non_null(strstr(sum, "\nmoney: "));
    assert_non_null(strstr(sum, "rate date "));
    free(sum);
    nf_schema_free(s);

    char tmp[64];
    snprintf(tmp, sizeof tmp, "/tmp/nf-money-schema-XXXXXX");
    assert_non_null(mkdtemp(tmp));
    /* No money facet, no money.yaml: fine, nothing to find. */
    write_file(tmp, "schema.yaml", "name: t\nfacets: []\n");
    assert_int_equal(nf_schema_load(&s, tmp), NF_OK);
    assert_null(s->money);
    nf_schema_free(s);
    /* A money facet without money.yaml is a schema error naming the file. */
    write_file(tmp, "schema.yaml", "name: t\nfacets:\n  - name: money\n    prefix: XMONEY\n"
                                   "    slot: 17\n    kind: number\n    from: money\n");
    assert_int_equal(nf_schema_load(&s, tmp), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "money.yaml"));
    /* A broken money.yaml stops the schema with its line. */
    write_file(tmp, "money.yaml", "currencies:\n  - code: US\nscales: []\n");
    assert_int_equal(nf_schema_load(&s, tmp), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "money.yaml:2:"));
    char path[128];
    snprintf(path, sizeof path, "%s/money.yaml", tmp);
    unlink(path);
    snprintf(path, sizeof path, "%s/schema.yaml", tmp);
    unlink(path);
    rmdir(tmp);
}

/* The pipeline stage appends to the analysis and keeps earlier amounts. */
static void find_fills_the_analysis(void **state)
{
    (void)state;
    nf_schema schema;
    memset(&schema, 0, sizeof schema);
    schema.money = shipped;
    char text[] = "OpenAI is valued at $500 billion; Microsoft holds 27%.";
    nf_article art;
    memset(&art, 0, sizeof art);
    art.id = "a1";
    art.text = text;
    art.text_len = strlen(text);
    nf_analysis an;
    memset(&an, 0, sizeof an);
    an.schema = &schema;
    an.article = &art;
    assert_int_equal(nf_amounts_find(&an), NF_OK);
    assert_int_equal(an.namounts, 2);
    assert_true(an.amounts_cap >= an.namounts);
    assert_true(near(an.amounts[0].value, 500e9));
    assert_int_equal(an.amounts[1].kind, NF_AMOUNT_PERCENT);
    assert_int_equal(nf_amounts_find(&an), NF_OK);
    assert_int_equal(an.namounts, 4);
    assert_true(near(an.amounts[3].value, 27));
    free(an.amounts);

    /* A schema without money.yaml finds nothing and is no error. */
    schema.money = NULL;
    memset(&an, 0, sizeof an);
    an.schema = &schema;
    an.article = &art;
    assert_int_equal(nf_amounts_find(&an), NF_OK);
    assert_int_equal(an.namounts, 0);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static int has_amount(const char *text, const nf_amount *a, size_t n, const char *surface)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].end - a[i].start == strlen(surface) &&
            !memcmp(text + a[i].start, surface, strlen(surface)))
            return 1;
    return 0;
}

/* The seed articles: the amounts they state are found, and nothing found
 * is a bare number. */
static void seed_articles(void **state)
{
    (void)state;
    const char *seeds = getenv("NF_SEEDS");
    if (!seeds)
        skip();
    static const struct { const char *file; const char *surfaces[8]; } want[] = {
        {"001_3bff8537bc01d4c6.txt", {"$1 billion", "$300 billion", NULL}},
        {"004_4931442dc6033afa.txt", {"$1 billion", "49%", "20%", "$24 billion",
                                      "$155 billion", NULL}},
        {"000_14b41b4c3629968f.txt", {NULL}},     /* "poured billions": vague */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", seeds, want[i].file);
        size_t len;
        char *text = read_file(path, &len);
        if (!text) {
            fprintf(stderr, "seed %s missing\n", path);
            continue;
        }
        nf_amount *a;
        size_t n;
        assert_int_equal(nf_amounts_scan(&a, &n, shipped, text, len), NF_OK);
        for (size_t k = 0; want[i].surfaces[k]; k++) {
            if (!has_amount(text, a, n, want[i].surfaces[k]))
                fprintf(stderr, "%s: no %s\n", want[i].file, want[i].surfaces[k]);
            assert_true(has_amount(text, a, n, want[i].surfaces[k]));
        }
        for (size_t k = 0; k < n; k++) {
            /* Every amount has a unit: a currency or a percent word. */
            assert_true(a[k].start < a[k].end && a[k].end <= len);
            int unit = 0;
            for (uint32_t b = a[k].start; b < a[k].end; b++)
                if (!(text[b] >= '0' && text[b] <= '9') && text[b] != '.' && text[b] != ',')
                    unit = 1;
            assert_true(unit || a[k].range_end == 1);
        }
        free(a);
        free(text);
    }
}

/* Large and hostile inputs: results scale with the text, nothing is read
 * out of bounds (run under a sanitizer to see it), nothing is invented. */
static void large_and_hostile_inputs(void **state)
{
    (void)state;
    const char para[] = "Revenue rose 20% to $5.1 billion, while 500 staff in 2025 "
                        "used GPT-4o and a billion-dollar fund. ";
    size_t reps = 20000, plen = sizeof para - 1;
    char *big = malloc(plen * reps + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * plen, para, plen);
    nf_amount *a;
    size_t n;
    assert_int_equal(nf_amounts_scan(&a, &n, shipped, big, plen * reps), NF_OK);
    assert_int_equal(n, 2 * reps);
    free(a);

    static const char *const hostile[] = {"1", "1,", "a ", "twenty-", "$", "$1.", "1.2.",
                                          "half ", "\xe2\x82", "-", "between "};
    size_t size = 1 << 20;
    for (size_t h = 0; h < sizeof hostile / sizeof *hostile; h++) {
        size_t hl = strlen(hostile[h]);
        for (size_t i = 0; i + hl <= size; i += hl)
            memcpy(big + i, hostile[h], hl);
        size_t used = size - size % hl;
        assert_int_equal(nf_amounts_scan(&a, &n, shipped, big, used), NF_OK);
        for (size_t k = 0; k < n; k++)
            assert_true(a[k].start < a[k].end && a[k].end <= used);
        free(a);
    }

    /* Random bytes from a fixed seed, biased towards amount characters. */
    const char alphabet[] = "0123456789$%,.- abmkBT\xe2\x82\xac\xc2\xa3percntoilyhaf\n";
    unsigned long seed = 12345;
    for (size_t i = 0; i < size; i++) {
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        big[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
    }
    assert_int_equal(nf_amounts_scan(&a, &n, shipped, big, size), NF_OK);
    for (size_t k = 0; k < n; k++) {
        assert_true(a[k].start < a[k].end && a[k].end <= size);
        assert_true(k == 0 || a[k].start >= a[k - 1].end);
        assert_true(isfinite(a[k].value) && isfinite(a[k].usd));
    }
    free(a);
    free(big);
}

int main(void)
{
    const struct CMUnitTest shipped_tests[] = {
        cmocka_unit_test(table_of_surface_forms),
        cmocka_unit_test(qualifiers_are_kept_as_data),
        cmocka_unit_test(ranges_keep_both_ends_with_spans),
        cmocka_unit_test(every_occurrence_is_kept),
        cmocka_unit_test(text_is_not_read_past_len),
        cmocka_unit_test(find_fills_the_analysis),
        cmocka_unit_test(seed_articles),
        cmocka_unit_test(large_and_hostile_inputs),
    };
    const struct CMUnitTest file_tests[] = {
        cmocka_unit_test(rates_use_the_newest_row_on_or_before_the_date),
        cmocka_unit_test(yen_sign_is_configurable),
        cmocka_unit_test(schema_errors_name_the_line),
        cmocka_unit_test(schema_loader_wires_money),
    };
    int failed = cmocka_run_group_tests_name("shipped money.yaml", shipped_tests,
                                             load_shipped, free_shipped);
    /* yen_sign_is_configurable also compares with the shipped schema. */
    if (load_shipped(NULL) != 0)
        return 1;
    failed += cmocka_run_group_tests_name("money.yaml written by the tests", file_tests,
                                          make_tmpdir, remove_tmpdir);
    free_shipped(NULL);
    return failed;
}
