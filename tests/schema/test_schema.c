/* Schema loading: the default schema's facets and id, the summary, and
 * errors that name the file and line (broken YAML, unknown keys, wrong
 * types, duplicates, unknown gazetteer lists); gazetteer look-ups by name
 * and web domain. */
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

#include "analyse/nf_gazetteer.h"
#include "core/nf_error.h"
#include "schema/nf_schema.h"
#include "schema_helper.h"

static const char *default_dir(void)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/schema", getenv("NF_SOURCE_ROOT") ? getenv("NF_SOURCE_ROOT") : ".");
    return buf;
}

static void default_schema_loads(void **state)
{
    (void)state;
    nf_schema *s;
    int rc = nf_schema_load(&s, default_dir());
    if (rc)
        fail_msg("%s", nf_errmsg());
    assert_string_equal(s->name, "default");
    assert_string_equal(s->language, "english");
    assert_int_equal(strlen(s->id), 16);
    assert_int_equal(strspn(s->id, "0123456789abcdef"), 16);
    static const struct { const char *name, *prefix; int slot; } want[] = {
        {"company", "XCO", 10}, {"cloud", "XCLOUD", 11}, {"model", "XMODEL", 12},
        {"claim", "XCLAIM", 13}, {"stance", "XSTANCE", 14}, {"source", "XSOURCE", 15},
        {"cites", "XCITES", 16}, {"money", "XMONEY", 17}, {"percent", "XPERCENT", 18}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const nf_facet_def *f = nf_schema_facet(s, want[i].name);
        assert_non_null(f);
        assert_string_equal(f->prefix, want[i].prefix);
        assert_int_equal(f->slot, want[i].slot);
    }
    const nf_facet_def *money = nf_schema_facet(s, "money");
    assert_int_equal(money->kind, NF_FACET_NUMBER);
    assert_int_equal(money->nbuckets, 6);
    assert_string_equal(money->buckets[0].name, "under-1m");
    assert_string_equal(money->buckets[5].name, "over-100b");
    assert_true(money->buckets[3].lo == 1e9 && money->buckets[3].hi == 1e10);
    assert_string_equal(nf_schema_facet(s, "company")->from, "gazetteer:company");
    assert_null(nf_schema_facet(s, "colour"));
    /* At least 150 entries over the entity lists. */
    size_t n = nf_gazetteer_list_size(s->gazetteer, "company") +
               nf_gazetteer_list_size(s->gazetteer, "cloud") +
               nf_gazetteer_list_size(s->gazetteer, "model");
    assert_true(n >= 150);
    assert_int_equal(nf_gazetteer_nconflicts(s->gazetteer), 0);

    char *sum;
    assert_int_equal(nf_schema_summary(&sum, s), NF_OK);
    assert_non_null(strstr(sum, "schema default (id "));
    assert_non_null(strstr(sum, "company (Company): prefix XCO, slot 10, terms, from gazetteer:company"));
    assert_non_null(strstr(sum, "buckets under-1m [-inf, 1e+06)"));
    assert_non_null(strstr(sum, "  list model: "));
    assert_non_null(strstr(sum, "conflicting aliases: 0"));
    free(sum);
    nf_schema_free(s);
}

static void id_follows_the_files(void **state)
{
    (void)state;
    char *dir = helper_copy_schema(default_dir());
    nf_schema *a, *b;
    assert_int_equal(nf_schema_load(&a, dir), NF_OK);
    assert_int_equal(nf_schema_load(&b, dir), NF_OK);
    assert_string_equal(a->id, b->id);
    nf_schema_free(b);
    /* A README edit does not change the id; a gazetteer edit does. */
    helper_append(dir, "README.md", "\nmore words\n");
    assert_int_equal(nf_schema_load(&b, dir), NF_OK);
    assert_string_equal(a->id, b->id);
    nf_schema_free(b);
    helper_append(dir, "gazetteers/companies.yaml", "  - id: acme-ai\n    name: Acme AI\n");
    assert_int_equal(nf_schema_load(&b, dir), NF_OK);
    assert_string_not_equal(a->id, b->id);
    nf_schema_free(b);
    nf_schema_free(a);
    helper_remove_dir(dir);
}

/* Load DIR, expect NF_ESCHEMA and a message containing every WANT. */
static void expect_error(const char *dir, const char *want1, const char *want2)
{
    nf_schema *s = NULL;
    int rc = nf_schema_load(&s, dir);
    if (rc != NF_ESCHEMA)
        fail_msg("expected NF_ESCHEMA, got %d (%s)", rc, nf_errmsg());
    assert_null(s);
    if (!strstr(nf_errmsg(), want1) || (want2 && !strstr(nf_errmsg(), want2)))
        fail_msg("message '%s' lacks '%s' / '%s'", nf_errmsg(), want1, want2 ? want2 : "");
}

static const char *minimal_schema =
    "name: t\n"
    "facets:\n"
    "  - name: company\n"
    "    prefix: XCO\n"
    "    slot: 10\n"
    "    from: gazetteer:company\n";

static const char *minimal_gazetteer =
    "list: company\n"
    "entries:\n"
    "  - id: acme\n"
    "    name: Acme\n";

static char *minimal_dir(const char *schema, const char *gazetteer)
{
    char *dir = helper_temp_dir();
    helper_write(dir, "schema.yaml", schema ? schema : minimal_schema);
    helper_write(dir, "gazetteers/companies.yaml", gazetteer ? gazetteer : minimal_gazetteer);
    return dir;
}

static void schema_yaml_errors_name_file_and_line(void **state)
{
    (void)state;
    char *dir = minimal_dir(NULL, NULL);
    nf_schema *s;
    assert_int_equal(nf_schema_load(&s, dir), NF_OK);
    nf_schema_free(s);
    helper_remove_dir(dir);

    /* A broken YAML line. */
    dir = minimal_dir("name: t\nfacets:\n  - name: company\n    prefix: [XCO\n    slot: 10\n", NULL);
    expect_error(dir, "schema.yaml:", "YAML error");
    helper_remove_dir(dir);
    /* An unknown key: line 5. */
    dir = minimal_dir("name: t\nfacets:\n  - name: company\n    prefix: XCO\n    colour: red\n"
                      "    from: gazetteer:company\n", NULL);
    expect_error(dir, "schema.yaml:5: unknown key 'colour' in a facet", NULL);
    helper_remove_dir(dir);
    /* A wrong type: line 4. */
    dir = minimal_dir("name: t\nfacets:\n  - name: company\n    slot: ten\n    prefix: XCO\n"
                      "    from: gazetteer:company\n", NULL);
    expect_error(dir, "schema.yaml:4: 'slot' must be a whole number", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n  - name: company\n    prefix: [XCO]\n"
                      "    from: gazetteer:company\n", NULL);
    expect_error(dir, "schema.yaml:4: 'prefix' must be a single value", NULL);
    helper_remove_dir(dir);
    /* Duplicate facet name, prefix and slot. */
    dir = minimal_dir("name: t\nfacets:\n"
                      "  - {name: company, prefix: XCO, slot: 10, from: gazetteer:company}\n"
                      "  - {name: firm, prefix: XCO, slot: 11, from: gazetteer:company}\n", NULL);
    expect_error(dir, "schema.yaml:4: facet 'firm' has the same prefix as facet 'company'", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n"
                      "  - {name: company, prefix: XCO, slot: 10, from: gazetteer:company}\n"
                      "  - {name: firm, prefix: XFIRM, slot: 10, from: gazetteer:company}\n", NULL);
    expect_error(dir, "schema.yaml:4: facet 'firm' has the same slot", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n"
                      "  - {name: company, prefix: XCO, slot: 10, from: gazetteer:company}\n"
                      "  - {name: company, prefix: XCOO, slot: 11, from: gazetteer:company}\n", NULL);
    expect_error(dir, "schema.yaml:4: facet 'company' has the same name", NULL);
    helper_remove_dir(dir);
    /* A facet fed from a list no gazetteer defines: the 'from' line. */
    dir = minimal_dir("name: t\nfacets:\n  - name: regulator\n    prefix: XREG\n"
                      "    from: gazetteer:regulator\n", NULL);
    expect_error(dir, "schema.yaml:5: facet 'regulator' is fed from gazetteer list 'regulator'", NULL);
    helper_remove_dir(dir);
    /* Bad kind, bad prefix, unknown feeder, buckets on a terms facet. */
    dir = minimal_dir("name: t\nfacets:\n  - {name: a, prefix: XA, kind: words, from: claims}\n", NULL);
    expect_error(dir, "schema.yaml:3: facet 'a': kind must be terms or number", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n  - {name: a, prefix: co, from: claims}\n", NULL);
    expect_error(dir, "schema.yaml:3: facet 'a': prefix 'co'", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n  - {name: a, prefix: XA, from: horoscope}\n", NULL);
    expect_error(dir, "schema.yaml:3: facet 'a': unknown feeder 'horoscope'", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir("name: t\nfacets:\n  - name: a\n    prefix: XA\n    from: money\n"
                      "    kind: number\n    buckets:\n      - {name: big, min: 10, max: 5}\n", NULL);
    expect_error(dir, "schema.yaml:8: bucket 'big': min must be below max", NULL);
    helper_remove_dir(dir);
    /* No schema.yaml at all. */
    dir = helper_temp_dir();
    assert_int_equal(nf_schema_load(&s, dir), NF_ENOTFOUND);
    assert_non_null(strstr(nf_errmsg(), "schema.yaml"));
    helper_remove_dir(dir);
}

static void gazetteer_errors_name_file_and_line(void **state)
{
    (void)state;
    char *dir;
    /* Broken YAML. */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: \"Acme\n");
    expect_error(dir, "companies.yaml:", "YAML error");
    helper_remove_dir(dir);
    /* Unknown key in an entry (line 5). */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n    alias: [A]\n");
    expect_error(dir, "companies.yaml:5: unknown key 'alias' in an entry", NULL);
    helper_remove_dir(dir);
    /* Wrong types. */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    aliases: {text: A}\n");
    expect_error(dir, "companies.yaml:5: 'aliases' must be a list", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    case: shouty\n");
    expect_error(dir, "companies.yaml:5: 'case' must be any, capitalised or exact", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    veto:\n      after: pie\n      next_capitalised: maybe\n");
    expect_error(dir, "companies.yaml:7: 'next_capitalised' must be true or false", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: Acme Corp\n    name: Acme\n");
    expect_error(dir, "companies.yaml:3: id 'Acme Corp' must be lower-case", NULL);
    helper_remove_dir(dir);
    /* Duplicate id: the second one's line, and where the first is. */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "  - id: acme\n    name: Acme Corp\n");
    expect_error(dir, "companies.yaml:5: duplicate id 'acme' in list 'company' (first defined at ",
                 "companies.yaml:3)");
    helper_remove_dir(dir);
    /* An implication of something that does not exist. */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    implies: [company:roadrunner]\n");
    expect_error(dir, "companies.yaml:5: implies 'company:roadrunner' of 'acme': no entry", NULL);
    helper_remove_dir(dir);
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    implies: [desert:roadrunner]\n");
    expect_error(dir, "implies 'desert:roadrunner' of 'acme': no such gazetteer list", NULL);
    helper_remove_dir(dir);
    /* An alias with nothing to match. */
    dir = minimal_dir(NULL, "list: company\nentries:\n  - id: acme\n    name: Acme\n"
                            "    aliases: [\"--\"]\n");
    expect_error(dir, "companies.yaml:5: alias '--' of 'acme' has no letters or digits", NULL);
    helper_remove_dir(dir);
}

static void summary_reports_conflicts(void **state)
{
    (void)state;
    char *dir = minimal_dir(NULL, "list: company\nentries:\n"
                                  "  - id: acme\n    name: Acme\n    aliases: [ACME Corp, Acme]\n"
                                  "  - id: acme-labs\n    name: Acme Labs\n    aliases: [Acme Corp, Acme Corp]\n");
    nf_schema *s;
    assert_int_equal(nf_schema_load(&s, dir), NF_OK);
    char *sum;
    assert_int_equal(nf_schema_summary(&sum, s), NF_OK);
    assert_non_null(strstr(sum, "list company: 2 entries, 4 aliases"));
    assert_non_null(strstr(sum, "duplicate aliases: 1, conflicting aliases: 1"));
    assert_non_null(strstr(sum, "conflicting alias 'Acme Corp': company:acme ("));
    assert_non_null(strstr(sum, "duplicate alias 'Acme Corp' of company:acme-labs"));
    free(sum);
    nf_schema_free(s);
    helper_remove_dir(dir);
}

static void lookups_by_name_and_domain(void **state)
{
    (void)state;
    char *dir = minimal_dir(NULL, NULL);
    helper_write(dir, "gazetteers/outlets.yaml",
                 "list: outlet\nentries:\n"
                 "  - id: reuters\n    name: Reuters\n    domains: [reuters.com]\n"
                 "  - id: the-information\n    name: The Information\n    case: exact\n"
                 "    domains: [theinformation.com]\n"
                 "  - id: ft\n    name: Financial Times\n    aliases: [FT]\n    domains: [ft.com]\n");
    nf_schema *s;
    int rc = nf_schema_load(&s, dir);
    if (rc)
        fail_msg("%s", nf_errmsg());
    const struct nf_gazetteer *g = s->gazetteer;
    assert_string_equal(nf_gazetteer_find_by_name(g, "outlet", "Reuters"), "reuters");
    assert_string_equal(nf_gazetteer_find_by_name(g, "outlet", "the information"), "the-information");
    assert_string_equal(nf_gazetteer_find_by_name(g, "outlet", "The-Information"), "the-information");
    assert_string_equal(nf_gazetteer_find_by_name(g, "outlet", "FT"), "ft");
    assert_null(nf_gazetteer_find_by_name(g, "outlet", "Acme"));
    assert_string_equal(nf_gazetteer_find_by_name(g, "company", "ACME"), "acme");
    assert_null(nf_gazetteer_find_by_name(g, "outlet", "Bloomberg"));
    assert_string_equal(nf_gazetteer_find_by_domain(g, "outlet", "www.reuters.com"), "reuters");
    assert_string_equal(nf_gazetteer_find_by_domain(g, "outlet", "uk.Reuters.com"), "reuters");
    assert_string_equal(nf_gazetteer_find_by_domain(g, "outlet", "reuters.com."), "reuters");
    assert_string_equal(nf_gazetteer_find_by_domain(g, "outlet", "ft.com"), "ft");
    assert_null(nf_gazetteer_find_by_domain(g, "outlet", "notreuters.com"));
    assert_null(nf_gazetteer_find_by_domain(g, "outlet", "com"));
    assert_null(nf_gazetteer_find_by_domain(g, "company", "reuters.com"));
    assert_string_equal(nf_gazetteer_display_name(g, "outlet", "ft"), "Financial Times");
    assert_true(nf_gazetteer_has_list(g, "outlet"));
    assert_false(nf_gazetteer_has_list(g, "regulator"));
    nf_schema_free(s);
    helper_remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_schema_loads),
        cmocka_unit_test(id_follows_the_files),
        cmocka_unit_test(schema_yaml_errors_name_file_and_line),
        cmocka_unit_test(gazetteer_errors_name_file_and_line),
        cmocka_unit_test(summary_reports_conflicts),
        cmocka_unit_test(lookups_by_name_and_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
