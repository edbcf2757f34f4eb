/* The admin test: a new claim added to a copy of the schema with one YAML
 * file and no code change is found by the full analysis pipeline
 * (nf_analyse) in an article written for this test
 * (fixtures/articles/claims-amazon-anthropic.txt), with its captured
 * amount, stance and evidence; the shipped schema does not know it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse/nf_analysis.h"
#include "analyse/nf_claims.h"
#include "core/nf_error.h"
#include "read/nf_read.h"
#include "schema/nf_schema.h"

static const char new_claim[] =
    "# An admin's claim: Amazon invests in Anthropic.\n"
    "claims:\n"
    "  - id: amazon-invests-anthropic\n"
    "    description: Amazon invests (an amount) in Anthropic\n"
    "    rules:\n"
    "      - id: amazon-invests-anthropic/invest\n"
    "        require:\n"
    "          - \"company:amazon\"\n"
    "          - all: [[invest, investment, pour, \"put money\", fund, back],\n"
    "                  {any: [\"<money>\", billions], capture: amount}]\n"
    "            within: 8\n"
    "          - {any: [\"company:anthropic\", \"model:claude\"], capture: lab}\n"
    "        forbid: [\"company:google\"]\n";

static char *source_root(void)
{
    const char *r = getenv("NF_SOURCE_ROOT");
    return strdup(r ? r : ".");
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        fprintf(stderr, "command failed (%d): %s\n", rc, cmd);
    return rc;
}

static int keep_first(void *ctx, nf_article *a)
{
    nf_article **out = ctx;
    if (*out)
        nf_article_free(a);
    else
        *out = a;
    return 0;
}

static nf_article *read_article(const char *root)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/fixtures/articles/claims-amazon-anthropic.txt", root);
    nf_article *art = NULL;
    assert_int_equal(nf_read_path(path, NULL, keep_first, NULL, &art), NF_OK);
    assert_non_null(art);
    return art;
}

static const nf_claim_hit *find_hit(const nf_analysis *a, const char *claim)
{
    for (size_t i = 0; i < a->nclaims; i++)
        if (strcmp(a->claims[i].claim, claim) == 0)
            return &a->claims[i];
    return NULL;
}

static const char *arg(const nf_claim_hit *h, const char *name)
{
    for (size_t i = 0; i < h->nargs; i++)
        if (strcmp(h->args[i].name, name) == 0)
            return h->args[i].value;
    return NULL;
}

static void new_claim_file_without_code(void **state)
{
    (void)state;
    char *root = source_root();
    char tmpl[] = "/tmp/nf-claims-admin-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cp -R '%s/schema/.' '%s/'", root, dir);
    assert_int_equal(run(cmd), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/claims/amazon-invests-anthropic.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(new_claim, f);
    fclose(f);

    nf_schema *custom = NULL, *shipped = NULL;
    snprintf(path, sizeof path, "%s/schema", root);
    if (nf_schema_load(&custom, dir) || nf_schema_load(&shipped, path))
        fail_msg("schema: %s", nf_errmsg());
    /* the default claims are all still there, plus the new one */
    assert_int_equal(nf_claim_rules_nclaims(custom->claims),
                     nf_claim_rules_nclaims(shipped->claims) + 1);

    nf_article *art = read_article(root);
    nf_analysis *a = NULL, *b = NULL;
    assert_int_equal(nf_analyse(&a, custom, art), NF_OK);
    assert_int_equal(nf_analyse(&b, shipped, art), NF_OK);

    const nf_claim_hit *h = find_hit(a, "amazon-invests-anthropic");
    assert_non_null(h);
    assert_string_equal(h->rule, "amazon-invests-anthropic/invest");
    assert_int_equal(h->stance, NF_STANCE_ASSERTED);
    /* the evidence is the first body sentence, not the headline or the
     * Google sentence (forbidden) */
    const char *evidence = art->text + h->start;
    assert_true(strncmp(evidence, "Amazon will invest another $4 billion in Anthropic", 50) == 0);
    assert_non_null(arg(h, "amount"));
    assert_string_equal(arg(h, "amount"), "$4 billion");
    assert_string_equal(arg(h, "lab"), "anthropic");
    /* the headline states it too ("bet on ... $4 billion" has no invest
     * word): only the body sentence gives the claim, once */
    size_t n = 0;
    for (size_t i = 0; i < a->nclaims; i++)
        n += strcmp(a->claims[i].claim, "amazon-invests-anthropic") == 0;
    assert_int_equal(n, 1);
    /* the claim facet carries the new id */
    const nf_facet_def *claim_facet = NULL;
    size_t fi = 0;
    for (; fi < custom->nfacets; fi++)
        if (strcmp(custom->facets[fi].from, "claims") == 0) {
            claim_facet = &custom->facets[fi];
            break;
        }
    assert_non_null(claim_facet);
    assert_true(nf_strset_has(&a->facet_values[fi], "amazon-invests-anthropic"));

    /* the shipped schema does not know the claim */
    assert_null(find_hit(b, "amazon-invests-anthropic"));

    nf_analysis_free(a);
    nf_analysis_free(b);
    nf_article_free(art);
    nf_schema_free(custom);
    nf_schema_free(shipped);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(run(cmd), 0);
    free(root);
}

/* A bad admin file stops the load with its file and line. */
static void bad_claim_file_names_file_and_line(void **state)
{
    (void)state;
    char *root = source_root();
    char tmpl[] = "/tmp/nf-claims-admin-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cp -R '%s/schema/.' '%s/'", root, dir);
    assert_int_equal(run(cmd), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/claims/zz-bad.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("claims:\n"
          "  - id: bad\n"
          "    rules:\n"
          "      - id: bad/r\n"
          "        require: [\"company:amazonn\"]\n", f);
    fclose(f);
    nf_schema *s = NULL;
    assert_int_equal(nf_schema_load(&s, dir), NF_ESCHEMA);
    if (!strstr(nf_errmsg(), "zz-bad.yaml:5:") ||
        !strstr(nf_errmsg(), "unknown entity id 'amazonn' in list 'company'"))
        fail_msg("message: %s", nf_errmsg());
    /* an unknown list of entities too */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("claims:\n"
          "  - id: bad\n"
          "    rules:\n"
          "      - id: bad/r\n"
          "        require:\n"
          "          - \"vendor:*\"\n", f);
    fclose(f);
    assert_int_equal(nf_schema_load(&s, dir), NF_ESCHEMA);
    if (!strstr(nf_errmsg(), "zz-bad.yaml:6:") || !strstr(nf_errmsg(), "unknown entity list 'vendor'"))
        fail_msg("message: %s", nf_errmsg());
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(run(cmd), 0);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_claim_file_without_code),
        cmocka_unit_test(bad_claim_file_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
