/* The default schema's claims on sentences written for the tests
 * (default_claims_cases.txt): each positive sentence must give its claim
 * and each negative one must not.  Every case is checked and every failure
 * listed before the test fails. */
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
#include "claim_fixture.h"

static struct nf_claim_rules *rules;

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    if (nf_claim_rules_load(&rules, NULL, dir)) {
        fprintf(stderr, "%s\n", nf_errmsg());
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nf_claim_rules_free(rules);
    return 0;
}

static int has_claim(const char *text, const char *claim)
{
    nf_analysis a;
    fixture_build(&a, text, fixture_default_entities);
    assert_int_equal(nf_claims_find_with(&a, rules), NF_OK);
    int found = 0;
    for (size_t i = 0; i < a.nclaims; i++)
        found |= strcmp(a.claims[i].claim, claim) == 0;
    fixture_free(&a);
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
    int cases = 0, failures = 0, pos = 0, neg = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *bar = strchr(line, '|');
        assert_non_null(bar);
        char claim[128];
        assert_int_equal(sscanf(line + 1, " %127s", claim), 1);
        const char *text = bar + 1;
        while (*text == ' ')
            text++;
        int want = line[0] == '+';
        assert_true(line[0] == '+' || line[0] == '-');
        /* every claim named must exist: a typo must not pass as a negative */
        int known = 0;
        for (size_t i = 0; i < nf_claim_rules_nclaims(rules); i++)
            known |= strcmp(nf_claim_rules_claim_id(rules, i), claim) == 0;
        assert_true(known);
        cases++;
        want ? pos++ : neg++;
        if (has_claim(text, claim) != want) {
            failures++;
            fprintf(stderr, "%s %s expected: %s\n", want ? "MISSED" : "FALSE", claim, text);
        }
    }
    fclose(f);
    fprintf(stderr, "%d cases (%d positive, %d negative), %d failures\n", cases, pos, neg,
            failures);
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
