/* Unit tests for attribution (cites) and source: each attribution form,
 * unnamed sources and analyst houses citing nothing, the source from each
 * kind of metadata and each kind of credit line -- on sentences written for
 * these tests, with the shipped schema (gazetteers, attribution.yaml). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analyse/nf_attribution.h"
#include "analyse/nf_entities.h"
#include "analyse/nf_gazetteer.h"
#include "analyse/nf_outlet_id.h"
#include "analyse/nf_source.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_error.h"
#include "read/nf_read.h"

static nf_schema schema;

static int load_schema(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    if (nf_gazetteer_load(&schema.gazetteer, dir) != NF_OK ||
        nf_attribution_load(&schema.attribution, dir) != NF_OK) {
        fprintf(stderr, "cannot load the schema: %s\n", nf_errmsg());
        return -1;
    }
    return 0;
}

static int free_schema(void **state)
{
    (void)state;
    nf_gazetteer_free(schema.gazetteer);
    nf_attribution_free(schema.attribution);
    return 0;
}

typedef struct run {
    nf_analysis a;
    nf_article art;
} run;

/* Tokenise TEXT, tag outlets and other names, then find cites and source.
 * META_SOURCE and URL stand for the article's metadata (may be NULL). */
static run *analyse(const char *text, const char *meta_source, const char *url)
{
    run *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->art.text = (char *)text;
    r->art.text_len = strlen(text);
    r->art.source = (char *)meta_source;
    r->art.url = (char *)url;
    r->a.schema = &schema;
    r->a.article = &r->art;
    assert_int_equal(nf_tokenise(&r->a.tokens, text, strlen(text), NULL), NF_OK);
    assert_int_equal(nf_entities_find_with(&r->a, schema.gazetteer), NF_OK);
    assert_int_equal(nf_source_find(&r->a), NF_OK);
    assert_int_equal(nf_attribution_find(&r->a), NF_OK);
    return r;
}

static void done(run *r)
{
    for (size_t i = 0; i < r->a.tokens.nsentences; i++)
        nf_strset_free(&r->a.sentence_cites[i]);
    free(r->a.sentence_cites);
    nf_strset_free(&r->a.cites);
    free(r->a.mentions);
    free(r->a.source);
    nf_tokens_free(&r->a.tokens);
    free(r);
}

/* The cites of TEXT (published by META, may be NULL) joined by ','
 * compared with WANT. */
static void cites_of_are(const char *text, const char *meta, const char *want)
{
    run *r = analyse(text, meta, NULL);
    char got[1024] = "";
    for (size_t i = 0; i < r->a.cites.n; i++) {
        if (i)
            strcat(got, ",");
        strcat(got, r->a.cites.v[i]);
    }
    if (strcmp(got, want) != 0)
        fprintf(stderr, "text: %s\n", text);
    assert_string_equal(got, want);
    done(r);
}

static void cites_are(const char *text, const char *want)
{
    cites_of_are(text, NULL, want);
}

static void source_is(const char *text, const char *meta, const char *url, const char *want)
{
    run *r = analyse(text, meta, url);
    if (!want) {
        if (r->a.source)
            fprintf(stderr, "text: %s\nunexpected source %s\n", text, r->a.source);
        assert_null(r->a.source);
    } else {
        assert_non_null(r->a.source);
        assert_string_equal(r->a.source, want);
    }
    done(r);
}

static void reported_cites(void **state)
{
    (void)state;
    cites_are("Bloomberg reported on Friday that the chip designer is weighing a sale.",
              "bloomberg");
    cites_are("The Information had earlier reported that the talks were stuck.",
              "the-information");
    cites_are("A Reuters report said the lender had hired advisers.", "reuters");
    cites_are("The plan was first reported by the Wall Street Journal.", "wsj");
    cites_are("The cuts, as reported by Semafor, hit two divisions.", "semafor");
    /* a reporter's name between outlet and verb cites the outlet only */
    cites_are("Bloomberg\xe2\x80\x99s Mark Gurman reported the launch date.", "bloomberg");
    cites_are("Bloomberg, Reuters and CNBC reported the figures.", "bloomberg,cnbc,reuters");
}

static void according_to_cites(void **state)
{
    (void)state;
    cites_are("The merger talks stalled, according to The Information.", "the-information");
    cites_are("According to a report in the Financial Times, the bid was raised.", "ft");
    cites_are("The valuation doubled, according to Axios and Semafor.", "axios,semafor");
}

static void said_and_told_cite(void **state)
{
    (void)state;
    cites_are("Reuters said the bank had hired advisers.", "reuters");
    cites_are("The chief executive told CNBC that margins would improve.", "cnbc");
    cites_are("In an interview with TechCrunch, the founder described the round.",
              "techcrunch");
}

static void citing_cites(void **state)
{
    (void)state;
    cites_are("Shares fell, with traders citing the Wall Street Journal.", "wsj");
    cites_are("Axios, citing two officials, said the deal was close.", "axios");
}

static void originally_reported_by_cites_unknown_outlets_too(void **state)
{
    (void)state;
    cites_are("Originally reported by The Quantum Ledger", "the-quantum-ledger");
    cites_are("This story originally appeared in TechCrunch.", "techcrunch");
    /* title case, and no shorter name out of the longer one */
    cites_are("Originally Reported By The Quantum Ledger", "the-quantum-ledger");
}

static void unlisted_outlets_by_name_or_kind(void **state)
{
    (void)state;
    cites_are("The lender cut jobs, according to The Korea Times.", "the-korea-times");
    cites_are("The Pacific Ledger reported that the lender cut jobs.", "the-pacific-ledger");
    cites_are("The trade publication Chip Quarterly reported the order.", "chip-quarterly");
    /* an unknown capitalised name that is no outlet's cites nothing */
    cites_are("Acme Systems said the lender cut jobs, according to Jane Porter.", "");
}

static void wire_dateline_cites_the_wire(void **state)
{
    (void)state;
    const char *text = "Banks cut rates\n\nLONDON (Reuters) - The lender cut its rates.";
    /* a wire story run by another publisher cites the wire... */
    cites_of_are(text, "Yahoo Finance", "reuters");
    /* ...on the wire's own article the dateline is the source, not a cite */
    cites_of_are(text, NULL, "");
    cites_of_are(text, "Reuters", "");
}

static void weekdays_are_no_outlets(void **state)
{
    (void)state;
    cites_are("Bloomberg first reported on Wednesday that the lab signed a deal.", "bloomberg");
    cites_are("The plan was originally published in March by the company.", "");
}

static void unnamed_sources_cite_nothing(void **state)
{
    (void)state;
    cites_are("Reports indicate the lender will cut jobs, people familiar with the matter "
              "said. Sources told reporters that more cuts could follow. According to earlier "
              "reports, the board agreed.",
              "");
}

static void analysts_and_companies_are_not_outlets(void **state)
{
    (void)state;
    cites_are("According to Gartner, spending will rise. Wedbush analysts said the stock is "
              "cheap. Morgan Stanley reported strong demand. Microsoft said it would hire.",
              "");
    /* research publishers named like an outlet are research publishers */
    cites_are("The market will triple by 2030, according to Fortune Business Insights.", "");
    cites_are("According to Insider Intelligence, ad spending slowed.", "");
    /* not even after a strong pattern */
    cites_are("As first reported by Morgan Stanley, demand is strong.", "");
}

static void cites_are_kept_per_sentence(void **state)
{
    (void)state;
    run *r = analyse("The board met on Monday. The Verge reported that the vote was close.",
                     NULL, NULL);
    assert_int_equal(r->a.tokens.nsentences, 2);
    assert_int_equal(r->a.sentence_cites[0].n, 0);
    assert_true(nf_strset_has(&r->a.sentence_cites[1], "the-verge"));
    assert_int_equal(r->a.cites.n, 1);
    done(r);
}

static void source_from_metadata_name(void **state)
{
    (void)state;
    const char *body = "Headline\n\nThe board met on Monday.";
    source_is(body, "The Verge", NULL, "the-verge");
    source_is(body, "Reuters | Breaking International News", NULL, "reuters");
    source_is(body, "Technology News | Reuters", NULL, "reuters");
    source_is(body, "Widget Weekly - Chips and Clouds", NULL, "widget-weekly");
    source_is(body, "Quantum Ledger Daily", NULL, "quantum-ledger-daily");
    source_is(body, "www.ft.com", NULL, "ft");
    /* metadata beats the URL and credit lines */
    source_is("Headline\n\nSource: Widget Weekly", "The Verge",
              "https://www.theregister.com/2025/01/01/x/", "the-verge");
}

/* Read DATA with the readers (FORMAT), then find the source. */
static int keep_article(void *ctx, nf_article *art)
{
    *(nf_article **)ctx = art;
    return 1; /* one is enough */
}

static void source_of_input_is(const char *data, nf_format format, const char *want)
{
    nf_article *art = NULL;
    int rc = nf_read_memory(data, strlen(data), format, "input", NULL, keep_article, NULL, &art);
    assert_true(rc >= 0);
    assert_non_null(art);
    nf_analysis a;
    memset(&a, 0, sizeof a);
    a.schema = &schema;
    a.article = art;
    assert_int_equal(nf_tokenise(&a.tokens, art->text, art->text_len, NULL), NF_OK);
    assert_int_equal(nf_entities_find_with(&a, schema.gazetteer), NF_OK);
    assert_int_equal(nf_source_find(&a), NF_OK);
    assert_non_null(a.source);
    assert_string_equal(a.source, want);
    free(a.source);
    free(a.mentions);
    nf_tokens_free(&a.tokens);
    nf_article_free(art);
}

static void source_from_each_kind_of_metadata(void **state)
{
    (void)state;
    /* JSON Lines "source" */
    source_of_input_is("{\"id\": \"r1\", \"title\": \"Chip sales jump\", \"source\": "
                       "\"Financial Times\", \"text\": \"Sales rose. Source: Widget Weekly\"}\n",
                       NF_FORMAT_JSONL, "ft");
    /* HTML og:site_name */
    source_of_input_is("<html><head><title>Chip sales jump</title>"
                       "<meta property=\"og:site_name\" content=\"The Verge\"></head>"
                       "<body><article><h1>Chip sales jump</h1><p>Sales of server chips rose "
                       "sharply in the third quarter, the company said on Tuesday, as cloud "
                       "providers kept ordering.</p></article></body></html>",
                       NF_FORMAT_HTML, "the-verge");
    /* HTML JSON-LD publisher, a name no gazetteer lists */
    source_of_input_is("<html><head><title>Chip sales jump</title>"
                       "<script type=\"application/ld+json\">{\"@context\": "
                       "\"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": "
                       "\"Chip sales jump\", \"publisher\": {\"@type\": \"Organization\", "
                       "\"name\": \"Silicon Harbor Journal\"}}</script></head>"
                       "<body><article><h1>Chip sales jump</h1><p>Sales of server chips rose "
                       "sharply in the third quarter, the company said on Tuesday, as cloud "
                       "providers kept ordering.</p></article></body></html>",
                       NF_FORMAT_HTML, "silicon-harbor-journal");
    /* HTML canonical URL only */
    source_of_input_is("<html><head><title>Chip sales jump</title>"
                       "<link rel=\"canonical\" href=\"https://www.geekwire.com/2025/chips/\">"
                       "</head><body><article><h1>Chip sales jump</h1><p>Sales of server chips "
                       "rose sharply in the third quarter, the company said on Tuesday, as "
                       "cloud providers kept ordering.</p></article></body></html>",
                       NF_FORMAT_HTML, "geekwire");
}

static void source_from_url_domain(void **state)
{
    (void)state;
    const char *body = "Headline\n\nThe board met on Monday.";
    source_is(body, NULL, "https://www.theregister.com/2025/01/01/x/", "the-register");
    source_is(body, NULL, "https://uk.reuters.com/markets/x", "reuters");
    /* an unknown domain yields to credit lines, then gives its name */
    source_is("Headline\n\nSource: Widget Weekly", NULL, "https://cdn.example.net/x",
              "widget-weekly");
    source_is(body, NULL, "https://news.fooblog.io/x", "fooblog");
}

static void source_from_credit_lines(void **state)
{
    (void)state;
    source_is("Headline\n\nThe board met.\n\n\xf0\x9f\x93\x8c Source: Widget Weekly "
              "(www.widget.example)\n", NULL, NULL, "widget-weekly");
    source_is("Headline\n\nThe board met.\n\n\xc2\xa9 2025 Gadget Observer. All rights "
              "reserved.", NULL, NULL, "gadget-observer");
    source_is("Headline\n\nThe board met.\n\n\xc2\xa9 Gadget Observer 2025", NULL, NULL,
              "gadget-observer");
    source_is("Headline\nWritten by the Circuit Digest team\n\nThe board met.", NULL, NULL,
              "circuit-digest");
    source_is("Headline\n\nThe board met.\n\nWritten by\nCircuit Digest Editorial Team\n\n"
              "More insights every week.", NULL, NULL, "circuit-digest");
    source_is("Headline\n\nThe board met.\nPublished by Lattice Media Group", NULL, NULL,
              "lattice-media-group");
    source_is("Headline\nBy Reuters Staff\n\nThe board met.", NULL, NULL, "reuters");
}

static void source_from_wire_dateline(void **state)
{
    (void)state;
    source_is("Chip sales jump\nSANTA CLARA, Calif. (AP) \xe2\x80\x94 Sales rose 5%.", NULL,
              NULL, "ap");
    source_is("Banks cut rates\n\nLONDON (Reuters) - The lender cut its rates.", NULL, NULL,
              "reuters");
}

static void no_credit_no_source(void **state)
{
    (void)state;
    /* a byline names a person, not a publisher */
    source_is("Headline\nWritten by Dana Whitfield\n\nThe board met.", NULL, NULL, NULL);
    /* "Source:" must name the publisher on a line of its own */
    source_is("Headline\n\nSource: Company filings, analyst estimates\n", NULL, NULL, NULL);
    source_is("Headline\nBy Dana Whitfield\n\nThe data source: Bloomberg terminals.", NULL,
              NULL, NULL);
    source_is("Headline\n\nThe board met on Monday.", NULL, NULL, NULL);
    /* a chart's data source is no publisher */
    source_is("Headline\n\nShipments rose 5%.\nSource: Gartner\n", NULL, NULL, NULL);
}

static void kebab_case_ids(void **state)
{
    (void)state;
    char *id;
    assert_int_equal(nf_outlet_kebab(&id, "The Next Platform"), NF_OK);
    assert_string_equal(id, "the-next-platform");
    free(id);
    assert_int_equal(nf_outlet_kebab(&id, "Tom\xe2\x80\x99s Hardware"), NF_OK);
    assert_string_equal(id, "toms-hardware");
    free(id);
    assert_int_equal(nf_outlet_kebab(&id, "  L\xc3\xa9 Monde -- \xc3\x89" "dition  "), NF_OK);
    assert_string_equal(id, "le-monde-edition");
    free(id);
    assert_int_equal(nf_outlet_kebab(&id, " -- "), NF_OK);
    assert_null(id);
}

static void bad_patterns_name_file_and_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/nf-attr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/attribution.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("cites:\n  - \"{outlet} reported\"\n  - \"according to {publisher}\"\n", f);
    fclose(f);
    struct nf_attribution *at = NULL;
    assert_int_equal(nf_attribution_load(&at, dir), NF_ESCHEMA);
    assert_null(at);
    assert_non_null(strstr(nf_errmsg(), "attribution.yaml:3"));
    assert_non_null(strstr(nf_errmsg(), "{publisher}"));
    remove(path);
    rmdir(dir);
}

/* Unknown keys are named with file and line (core/nf_yaml's check); no
 * attribution.yaml at all is an empty configuration, not an error. */
static void unknown_keys_and_missing_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/nf-attr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/attribution.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("cites:\n  - \"{outlet} reported\"\ncitez:\n  - \"{outlet} wrote\"\n", f);
    fclose(f);
    struct nf_attribution *at = NULL;
    assert_int_equal(nf_attribution_load(&at, dir), NF_ESCHEMA);
    assert_null(at);
    assert_non_null(strstr(nf_errmsg(), "attribution.yaml:3: unknown key 'citez'"));
    assert_non_null(strstr(nf_errmsg(), "cites, credits"));
    remove(path);
    assert_int_equal(nf_attribution_load(&at, dir), NF_OK);
    assert_non_null(at);
    nf_attribution_free(at);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reported_cites),
        cmocka_unit_test(according_to_cites),
        cmocka_unit_test(said_and_told_cite),
        cmocka_unit_test(citing_cites),
        cmocka_unit_test(originally_reported_by_cites_unknown_outlets_too),
        cmocka_unit_test(unlisted_outlets_by_name_or_kind),
        cmocka_unit_test(wire_dateline_cites_the_wire),
        cmocka_unit_test(weekdays_are_no_outlets),
        cmocka_unit_test(unnamed_sources_cite_nothing),
        cmocka_unit_test(analysts_and_companies_are_not_outlets),
        cmocka_unit_test(cites_are_kept_per_sentence),
        cmocka_unit_test(source_from_metadata_name),
        cmocka_unit_test(source_from_each_kind_of_metadata),
        cmocka_unit_test(source_from_url_domain),
        cmocka_unit_test(source_from_credit_lines),
        cmocka_unit_test(source_from_wire_dateline),
        cmocka_unit_test(no_credit_no_source),
        cmocka_unit_test(kebab_case_ids),
        cmocka_unit_test(bad_patterns_name_file_and_line),
        cmocka_unit_test(unknown_keys_and_missing_file),
    };
    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
