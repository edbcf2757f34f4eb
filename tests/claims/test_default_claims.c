/* The default schema's claims on sentences written for the tests
 * (default_claims_cases.txt): each positive sentence must give its claim
 * (with the stance given, if any) and each negative one must not.  The
 * schema is the real one and each sentence goes through the whole analysis
 * (nf_analyse: tokeniser, entities, amounts, attribution, claims, stance).
 * Every case is checked and every failure listed before the test fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse/nf_claims.h"
#include "core/nf_error.h"
#include "schema/nf_schema.h"

static nf_schema *schema;

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    if (nf_schema_load(&schema, dir)) {
        fprintf(stderr, "%s\n", nf_errmsg());
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nf_schema_free(schema);
    return 0;
}

/* The stances CLAIM was found with in TEXT (the whole pipeline,
 * nf_analyse), as a bit set (1 << nf_stance). */
static unsigned stances_of(const char *text, const char *claim)
{
    nf_article art;
    memset(&art, 0, sizeof art);
    art.id = (char *)"case";
    art.path = (char *)"default_claims_cases.txt";
    art.title = (char *)"";
    art.text = (char *)text;
    art.text_len = strlen(text);
    nf_analysis *a = NULL;
    if (nf_analyse(&a, schema, &art))
        fail_msg("analysis: %s", nf_errmsg());
    unsigned found = 0;
    for (size_t i = 0; i < a->nclaims; i++)
        if (strcmp(a->claims[i].claim, claim) == 0)
            found |= 1u << a->claims[i].stance;
    nf_analysis_free(a);
    return found;
}

static void default_claims_on_own_sentences(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/claims/default_claims_cases.txt", root ? root : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048];
    int cases = 0, failures = 0, pos = 0, neg = 0, stanced = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *bar = strchr(line, '|');
        assert_non_null(bar);
        char claim[128];
        assert_int_equal(sscanf(line + 1, " %127[^ |]", claim), 1);
        const char *text = bar + 1;
        while (*text == ' ')
            text++;
        assert_true(line[0] == '+' || line[0] == '-');
        int want = line[0] == '+';
        /* "claim:stance" also checks the stance */
        int want_stance = -1;
        char *colon = strchr(claim, ':');
        if (colon) {
            *colon = '\0';
            const char *st = colon + 1;
            want_stance = !strcmp(st, "asserted") ? NF_STANCE_ASSERTED
                        : !strcmp(st, "hedged")   ? NF_STANCE_HEDGED
                        : !strcmp(st, "denied")   ? NF_STANCE_DENIED : -2;
            assert_true(want_stance >= 0);
            stanced++;
        }
        /* every claim named must exist: a typo must not pass as a negative */
        int known = 0;
        for (size_t i = 0; i < nf_claim_rules_nclaims(schema->claims); i++)
            known |= strcmp(nf_claim_rules_claim_id(schema->claims, i), claim) == 0;
        assert_true(known);
        cases++;
        want ? pos++ : neg++;
        unsigned got = stances_of(text, claim);
        int ok = want ? (want_stance < 0 ? got != 0 : (got & (1u << want_stance)) != 0)
                      : got == 0;
        if (!ok) {
            failures++;
            fprintf(stderr, "%s %s%s%s (got stances 0x%x): %s\n",
                    want ? "MISSED" : "FALSE", claim, colon ? ":" : "",
                    colon ? colon + 1 : "", got, text);
        }
    }
    fclose(f);
    fprintf(stderr, "%d cases (%d positive, %d negative, %d with a stance), %d failures\n",
            cases, pos, neg, stanced, failures);
    assert_true(cases > 100);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_claims_on_own_sentences),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
