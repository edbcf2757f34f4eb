/* Unit tests for the claim rule language: each construct, and the error
 * messages (file and line) of bad rules.  Analyses are built by hand
 * (claim_fixture.c) so only the claims module is under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "analyse/nf_claim_rules.h"
#include "analyse/nf_claims.h"
#include "core/nf_error.h"
#include "claim_fixture.h"

/* A fresh schema directory with one claims file holding YAML. */
static char *make_schema(const char *yaml)
{
    char tmpl[] = "/tmp/nf-claims-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char path[256];
    snprintf(path, sizeof path, "%s/claims", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/claims/test.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    return strdup(dir);
}

static void remove_schema(char *dir)
{
    char path[256];
    snprintf(path, sizeof path, "%s/claims/test.yaml", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/claims", dir);
    rmdir(path);
    rmdir(dir);
    free(dir);
}

static struct nf_claim_rules *load_ok(const char *yaml)
{
    char *dir = make_schema(yaml);
    struct nf_claim_rules *r = NULL;
    int rc = nf_claim_rules_load(&r, NULL, dir);
    if (rc)
        fprintf(stderr, "unexpected error: %s\n", nf_errmsg());
    assert_int_equal(rc, NF_OK);
    remove_schema(dir);
    return r;
}

/* Load YAML expecting NF_ESCHEMA with a message containing "test.yaml:LINE:"
 * and WHAT. */
static void load_fails(const char *yaml, unsigned line, const char *what)
{
    char *dir = make_schema(yaml);
    struct nf_claim_rules *r = NULL;
    assert_int_equal(nf_claim_rules_load(&r, NULL, dir), NF_ESCHEMA);
    assert_null(r);
    char where[64];
    snprintf(where, sizeof where, "test.yaml:%u:", line);
    if (!strstr(nf_errmsg(), where) || !strstr(nf_errmsg(), what))
        fail_msg("message '%s' lacks '%s' or '%s'", nf_errmsg(), where, what);
    remove_schema(dir);
}

/* Claim ids found in TEXT, as "id@sentence,id@sentence" into OUT. */
static void find(char *out, size_t size, const struct nf_claim_rules *r, const char *text)
{
    nf_analysis a;
    fixture_build(&a, text, fixture_default_entities);
    assert_int_equal(nf_claims_find_with(&a, r), NF_OK);
    out[0] = '\0';
    for (size_t i = 0; i < a.nclaims; i++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s@%u", i ? "," : "", a.claims[i].claim,
                 a.claims[i].sentence);
    }
    fixture_free(&a);
}

static int found(const struct nf_claim_rules *r, const char *text)
{
    char buf[512];
    find(buf, sizeof buf, r, text);
    return buf[0] != '\0';
}

static void words_are_stemmed_unless_exact(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: stemmed\n"
        "    rules:\n"
        "      - id: s1\n"
        "        require: [invest]\n"
        "  - id: exact\n"
        "    rules:\n"
        "      - id: e1\n"
        "        require: [\"=invest\"]\n");
    assert_int_equal(nf_claim_rules_nclaims(r), 2);
    assert_int_equal(nf_claim_rules_nrules(r), 2);
    char buf[256];
    find(buf, sizeof buf, r, "They invested heavily. We invest too.");
    assert_string_equal(buf, "stemmed@0,stemmed@1,exact@1");
    find(buf, sizeof buf, r, "Investments grew.");
    assert_string_equal(buf, "stemmed@0");
    find(buf, sizeof buf, r, "Nothing here.");
    assert_string_equal(buf, "");
    nf_claim_rules_free(r);
}

static void phrases_need_consecutive_words(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: rofr\n"
        "    rules:\n"
        "      - id: p1\n"
        "        require: [\"right of first refusal\"]\n");
    assert_true(found(r, "Microsoft gets a right of first refusal on new capacity."));
    assert_true(found(r, "Rights of first refusals apply."));   /* stems */
    assert_false(found(r, "The first right is a refusal of the offer."));
    nf_claim_rules_free(r);
}

static void alternatives_lists_and_exclusions(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "lists:\n"
        "  ends: [end, terminate, \"no longer\"]\n"
        "  deal: [\"@ends-words\"]\n"
        "  ends-words: [scrap]\n"
        "claims:\n"
        "  - id: other-cloud\n"
        "    rules:\n"
        "      - id: c1\n"
        "        require:\n"
        "          - [\"cloud:*\", \"!cloud:azure\"]\n"
        "          - [\"@ends\", \"@deal\"]\n");
    assert_true(found(r, "OpenAI will end its reliance and use AWS."));
    assert_true(found(r, "They scrap the plan for Google Cloud."));
    assert_true(found(r, "OpenAI no longer depends on CoreWeave alone."));
    /* Azure is excluded from "any cloud" */
    assert_false(found(r, "OpenAI will end its reliance on Azure."));
    /* a required element missing */
    assert_false(found(r, "OpenAI uses AWS."));
    nf_claim_rules_free(r);
}

static void entity_ids_and_classes(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: ms-partner\n"
        "    rules:\n"
        "      - id: m1\n"
        "        require: [\"company:microsoft\", partner, \"company:*\"]\n"
        "  - id: claude\n"
        "    rules:\n"
        "      - id: c1\n"
        "        require: [\"model:claude\"]\n");
    char buf[256];
    find(buf, sizeof buf, r, "Microsoft will partner with Anthropic.");
    assert_string_equal(buf, "ms-partner@0");
    find(buf, sizeof buf, r, "Amazon will partner with Anthropic.");
    assert_string_equal(buf, "");
    find(buf, sizeof buf, r, "Claude is a model.");
    assert_string_equal(buf, "claude@0");
    nf_claim_rules_free(r);
}

static void amounts_years_and_captures(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: valued\n"
        "    rules:\n"
        "      - id: v1\n"
        "        require:\n"
        "          - {any: [\"company:*\"], capture: company}\n"
        "          - valued\n"
        "          - {any: [\"<money>\"], capture: amount}\n"
        "  - id: until-year\n"
        "    rules:\n"
        "      - id: y1\n"
        "        require:\n"
        "          - rights\n"
        "          - {all: [until, {any: [\"<year>\"], capture: year}], within: 2,"
        " ordered: true}\n"
        "  - id: share\n"
        "    rules:\n"
        "      - id: p1\n"
        "        require: [{any: [\"<percent>\", \"<multiple>\"], capture: share}]\n");
    nf_analysis a;
    fixture_build(&a, "OpenAI was valued at $500 billion. Rights last until 2032. "
                      "Microsoft gets 20% and a 10x return. Rights go to 2032.",
                  fixture_default_entities);
    assert_int_equal(nf_claims_find_with(&a, r), NF_OK);
    assert_int_equal(a.nclaims, 3);
    assert_string_equal(a.claims[0].claim, "valued");
    assert_string_equal(a.claims[0].rule, "v1");
    assert_int_equal(a.claims[0].nargs, 2);
    assert_string_equal(a.claims[0].args[0].name, "company");
    assert_string_equal(a.claims[0].args[0].value, "openai");
    assert_string_equal(a.claims[0].args[1].name, "amount");
    assert_string_equal(a.claims[0].args[1].value, "$500 billion");
    /* the evidence is the whole sentence */
    assert_int_equal(a.claims[0].start, 0);
    assert_int_equal(a.claims[0].end, strlen("OpenAI was valued at $500 billion."));
    assert_string_equal(a.claims[1].claim, "until-year");
    assert_int_equal(a.claims[1].nargs, 1);
    assert_string_equal(a.claims[1].args[0].name, "year");
    assert_string_equal(a.claims[1].args[0].value, "2032");
    assert_string_equal(a.claims[2].claim, "share");
    assert_string_equal(a.claims[2].args[0].value, "20%");
    assert_int_equal(a.claims[2].sentence, 2);
    fixture_free(&a);
    /* "10x" alone is a multiple */
    assert_true(found(r, "They get a 10x return."));
    assert_false(found(r, "They get a big return in 1850."));
    nf_claim_rules_free(r);
}

static void proximity_and_order(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: near\n"
        "    rules:\n"
        "      - id: n1\n"
        "        within: 4\n"
        "        require: [exclusive, ended]\n"
        "  - id: ordered\n"
        "    rules:\n"
        "      - id: o1\n"
        "        ordered: true\n"
        "        require: [microsoft, openai]\n");
    char buf[256];
    find(buf, sizeof buf, r, "They ended the exclusive deal.");
    assert_string_equal(buf, "near@0");
    find(buf, sizeof buf, r, "The exclusive deal, signed long ago in a hurry, ended.");
    assert_string_equal(buf, "");
    find(buf, sizeof buf, r, "Microsoft backs OpenAI.");
    assert_string_equal(buf, "ordered@0");
    find(buf, sizeof buf, r, "OpenAI courts Microsoft.");
    assert_string_equal(buf, "");
    /* the tightest window is found even when a far occurrence comes first */
    find(buf, sizeof buf, r, "Exclusive talks went on and on, and then the exclusive pact ended.");
    assert_string_equal(buf, "near@0");
    nf_claim_rules_free(r);
}

static void clause_scope(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "clause_breaks: [\";\", \"but\"]\n"
        "claims:\n"
        "  - id: same-clause\n"
        "    rules:\n"
        "      - id: c1\n"
        "        scope: clause\n"
        "        require: [azure, primary]\n");
    assert_true(found(r, "Azure remains the primary cloud."));
    assert_false(found(r, "Azure lost a client; the primary cloud is AWS."));
    assert_false(found(r, "Azure stays, but AWS becomes primary."));
    assert_true(found(r, "AWS grows, but Azure stays primary."));
    nf_claim_rules_free(r);
}

static void forbidden_elements(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: invest\n"
        "    rules:\n"
        "      - id: i1\n"
        "        require: [microsoft, invest]\n"
        "        forbid: [[\"data centers\", \"company:anthropic\"]]\n"
        "  - id: ended\n"
        "    rules:\n"
        "      - id: e1\n"
        "        require:\n"
        "          - all: [end, exclusive]\n"
        "            within: 5\n"
        "            forbid: [\"end of\"]\n");
    assert_true(found(r, "Microsoft invested in OpenAI."));
    assert_false(found(r, "Microsoft invested in data centers."));
    assert_false(found(r, "Microsoft will invest in Anthropic."));
    assert_true(found(r, "They end the exclusive deal."));
    /* the nested group's forbid applies inside its span only */
    assert_false(found(r, "Exclusive until the end of 2030."));
    assert_true(found(r, "By the end of the year they end exclusive terms."));
    nf_claim_rules_free(r);
}

static void several_rules_one_claim(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "claims:\n"
        "  - id: multi\n"
        "    modal_is_assertion: true\n"
        "    rules:\n"
        "      - id: first\n"
        "        require: [alpha]\n"
        "      - id: second\n"
        "        require: [beta]\n");
    assert_int_equal(r->claims[0].flags & NF_CLAIM_MODAL_IS_ASSERTION,
                     NF_CLAIM_MODAL_IS_ASSERTION);
    nf_analysis a;
    fixture_build(&a, "Alpha and beta. Beta only.", fixture_default_entities);
    /* cites of a sentence are copied to its claims */
    nf_strset cites[2] = {{0}, {0}};
    assert_int_equal(nf_strset_add(&cites[1], "reuters"), NF_OK);
    a.sentence_cites = cites;
    assert_int_equal(nf_claims_find_with(&a, r), NF_OK);
    assert_int_equal(a.nclaims, 2);   /* one per claim and sentence */
    assert_string_equal(a.claims[0].rule, "first");
    assert_int_equal(a.claims[0].cites.n, 0);
    assert_string_equal(a.claims[1].rule, "second");
    assert_int_equal(a.claims[1].cites.n, 1);
    assert_string_equal(a.claims[1].cites.v[0], "reuters");
    assert_int_equal(a.claims[1].stance, NF_STANCE_ASSERTED);
    nf_strset_free(&cites[1]);
    a.sentence_cites = NULL;
    fixture_free(&a);
    nf_claim_rules_free(r);
}

static void flags_and_common_words(void **state)
{
    (void)state;
    struct nf_claim_rules *r = load_ok(
        "common_words: [the, of]\n"
        "claims:\n"
        "  - id: plain\n"
        "    rules:\n"
        "      - id: p1\n"
        "        require: [\"the end of\"]\n"
        "  - id: negated\n"
        "    negation_is_assertion: false\n"
        "    rules:\n"
        "      - id: n1\n"
        "        negation_is_assertion: true\n"
        "        require: [\"not exclusive\"]\n"
        "      - id: n2\n"
        "        require: [\"=ended\"]\n");
    assert_int_equal(r->rules[0].flags, 0);
    assert_int_equal(r->rules[1].flags, NF_CLAIM_NEGATION_IS_ASSERTION);
    assert_int_equal(r->rules[2].flags, 0);
    assert_int_equal(r->claims[1].flags, 0);
    /* a phrase made mostly of common words still matches exactly */
    assert_true(found(r, "It is the end of an era."));
    assert_false(found(r, "The end came out of nowhere."));
    assert_true(found(r, "The deal is not exclusive."));
    nf_claim_rules_free(r);
    load_fails("common_words: [\"two words\"]\n", 1, "must be one word");
}

static void no_rules_no_claims(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/nf-claims-XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct nf_claim_rules *r = NULL;
    assert_int_equal(nf_claim_rules_load(&r, NULL, dir), NF_OK);
    assert_int_equal(nf_claim_rules_nrules(r), 0);
    nf_analysis a;
    fixture_build(&a, "Microsoft ended the exclusive deal.", fixture_default_entities);
    assert_int_equal(nf_claims_find_with(&a, r), NF_OK);
    assert_int_equal(a.nclaims, 0);
    fixture_free(&a);
    nf_claim_rules_free(r);
    rmdir(dir);
}

static void errors_name_file_and_line(void **state)
{
    (void)state;
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [\"@nosuch\"]\n",
               5, "unknown list '@nosuch'");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        within: near\n"
               "        require: [x, y]\n",
               5, "bad proximity");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        within: 2\n"
               "        require: [x, y, z]\n",
               5, "cannot fit");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require:\n"
               "          - [x, \"\"]\n",
               6, "empty alternative");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require:\n"
               "          - []\n",
               6, "empty alternative list");
    load_fails("lists:\n"
               "  none: []\n",
               2, "list 'none' is empty");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        requires: [x]\n",
               5, "unknown key 'requires'");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [x]\n"
               "      - id: r1\n"
               "        require: [y]\n",
               6, "duplicate rule id 'r1'");
    load_fails("claims:\n"
               "  - id: Bad_Id\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [x]\n",
               2, "bad claim id");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        scope: paragraph\n"
               "        require: [x]\n",
               5, "bad scope 'paragraph'");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [\"<amount>\"]\n",
               5, "unknown element '<amount>'");
    load_fails("lists:\n"
               "  a: [\"@b\"]\n"
               "  b: [\"@a\"]\n"
               "claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [\"@a\"]\n",
               3, "refers to itself");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [[\"!x\"]]\n",
               5, "not excluded");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [x]\n"
               "  - id: b\n"
               "    rules: []\n",
               7, "needs a non-empty list 'rules'");
    load_fails("claims:\n"
               "  - id: a\n"
               "    rules:\n"
               "      - id: r1\n"
               "        require: [x\n",
               6, "YAML error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_are_stemmed_unless_exact),
        cmocka_unit_test(phrases_need_consecutive_words),
        cmocka_unit_test(alternatives_lists_and_exclusions),
        cmocka_unit_test(entity_ids_and_classes),
        cmocka_unit_test(amounts_years_and_captures),
        cmocka_unit_test(proximity_and_order),
        cmocka_unit_test(clause_scope),
        cmocka_unit_test(forbidden_elements),
        cmocka_unit_test(several_rules_one_claim),
        cmocka_unit_test(flags_and_common_words),
        cmocka_unit_test(no_rules_no_claims),
        cmocka_unit_test(errors_name_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
