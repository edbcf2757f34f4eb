/* The admin story: a new entity kind added through schema files alone.  A
 * copy of the default schema gets gazetteers/regulators.yaml and a facet
 * "regulator" (prefix XREG); without any code change it loads and tags
 * regulators in text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/nf_error.h"
#include "schema/nf_schema.h"
#include "entity_helper.h"
#include "../schema/schema_helper.h"

static const char regulators[] =
    "# Competition and market regulators.\n"
    "list: regulator\n"
    "entries:\n"
    "  - id: ftc\n"
    "    name: Federal Trade Commission\n"
    "    aliases: [{text: FTC, case: exact}, U.S. Federal Trade Commission]\n"
    "  - id: european-commission\n"
    "    name: European Commission\n"
    "    aliases: [EU Commission, Brussels competition authorities]\n"
    "  - id: cma\n"
    "    name: Competition and Markets Authority\n"
    "    aliases: [{text: CMA, case: exact}]\n"
    "  - id: doj\n"
    "    name: Department of Justice\n"
    "    aliases: [{text: DOJ, case: exact}, Justice Department]\n";

static const char regulator_facet[] =
    "  - name: regulator\n"
    "    label: Regulator\n"
    "    prefix: XREG\n"
    "    slot: 19\n"
    "    kind: terms\n"
    "    from: gazetteer:regulator\n";

static void new_list_and_facet_without_code(void **state)
{
    (void)state;
    char *dir = helper_copy_schema(helper_source_path("schema"));
    helper_write(dir, "gazetteers/regulators.yaml", regulators);
    helper_append(dir, "schema.yaml", regulator_facet);

    nf_schema *s;
    int rc = nf_schema_load(&s, dir);
    if (rc)
        fail_msg("%s", nf_errmsg());
    const nf_facet_def *f = nf_schema_facet(s, "regulator");
    assert_non_null(f);
    assert_string_equal(f->prefix, "XREG");
    assert_int_equal(f->slot, 19);
    assert_string_equal(f->from, "gazetteer:regulator");

    assert_string_equal(helper_tags(s->gazetteer, "Both the FTC and the European Commission "
                                    "are looking at the deal.", NULL),
                        "regulator:european-commission regulator:ftc");
    assert_string_equal(helper_tags(s->gazetteer, "The Justice Department and Britain's CMA "
                                    "opened probes into Microsoft.", NULL),
                        "company:microsoft regulator:cma regulator:doj");
    /* Through the whole pipeline, the new facet gets its values. */
    nf_article art;
    memset(&art, 0, sizeof art);
    char text[] = "Regulators circle\n\nBoth the FTC and the European Commission are "
                  "looking at Microsoft's stake in OpenAI.";
    art.id = "admin-test";
    art.path = "admin-test.txt";
    art.title = "Regulators circle";
    art.text = text;
    art.text_len = strlen(text);
    nf_analysis *a;
    rc = nf_analyse(&a, s, &art);
    if (rc)
        fail_msg("%s", nf_errmsg());
    size_t reg = (size_t)(f - s->facets);
    assert_int_equal(a->facet_values[reg].n, 2);
    assert_string_equal(a->facet_values[reg].v[0], "european-commission");
    assert_string_equal(a->facet_values[reg].v[1], "ftc");
    size_t co = (size_t)(nf_schema_facet(s, "company") - s->facets);
    assert_true(nf_strset_has(&a->facet_values[co], "microsoft"));
    assert_true(nf_strset_has(&a->facet_values[co], "openai"));
    assert_false(nf_strset_has(&a->facet_values[co], "ftc"));
    nf_analysis_free(a);

    /* The default lists still work beside the new one. */
    assert_string_equal(helper_tags(s->gazetteer, "The Federal Trade Commission asked OpenAI "
                                    "about ChatGPT.", "regulator model"),
                        "model:chatgpt regulator:ftc");
    nf_schema_free(s);
    helper_remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_list_and_facet_without_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
