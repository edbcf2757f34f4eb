/* Unit tests for stance: one per rule of schema/cues.yaml (hedge, denial,
 * pseudo-cues, terminator scope, backward cues, "no longer", the claim
 * flags) on sentences written for these tests, with the shipped lexicon. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analyse/nf_stance.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_error.h"

static struct nf_cues *cues;

static int load_lexicon(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    if (nf_cues_load(&cues, dir) != NF_OK) {
        fprintf(stderr, "cannot load cues: %s\n", nf_errmsg());
        return -1;
    }
    return 0;
}

static int free_lexicon(void **state)
{
    (void)state;
    nf_cues_free(cues);
    return 0;
}

/* The stance of the claim whose words are CLAIM (a substring of TEXT);
 * *CUE gets the deciding cue. */
static nf_stance stance_of(const char *text, const char *claim, unsigned flags,
                           const char **cue)
{
    nf_tokens t;
    memset(&t, 0, sizeof t);
    assert_int_equal(nf_tokenise(&t, text, strlen(text), NULL), NF_OK);
    const char *at = strstr(text, claim);
    assert_non_null(at);
    size_t b0 = (size_t)(at - text), b1 = b0 + strlen(claim);
    uint32_t first = UINT32_MAX, last = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.v[i].start >= b0 && t.v[i].end <= b1) {
            if (first == UINT32_MAX)
                first = (uint32_t)i;
            last = (uint32_t)i;
        }
    assert_true(first != UINT32_MAX);
    nf_stance s = NF_STANCE_ASSERTED;
    const char *c = NULL;
    assert_int_equal(nf_stance_decide_with(&s, &c, cues, &t, first, last, flags), NF_OK);
    if (cue)
        *cue = c;
    nf_tokens_free(&t);
    return s;
}

static void plain_statement_is_asserted(void **state)
{
    (void)state;
    const char *cue = "unset";
    assert_int_equal(stance_of("The carmaker ended its exclusive battery supply deal in March.",
                               "ended its exclusive battery supply deal", 0, &cue),
                     NF_STANCE_ASSERTED);
    assert_null(cue);
}

static void modal_hedges(void **state)
{
    (void)state;
    const char *cue = NULL;
    assert_int_equal(stance_of("Analysts think the chipmaker might drop its exclusive supply "
                               "arrangement with the server vendor.",
                               "drop its exclusive supply arrangement", 0, &cue),
                     NF_STANCE_HEDGED);
    assert_string_equal(cue, "might");
    /* the subject before the modal is part of the claim's words */
    assert_int_equal(stance_of("The lab could sign a hosting contract with a rival cloud.",
                               "The lab could sign a hosting contract", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void reportedly_and_rumours_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The insurer reportedly scrapped its royalty arrangement.",
                               "scrapped its royalty arrangement", 0, NULL),
                     NF_STANCE_HEDGED);
    /* a sentence-initial hedge followed by a comma governs the clause after it */
    assert_int_equal(stance_of("Reportedly, the insurer scrapped its royalty arrangement.",
                               "scrapped its royalty arrangement", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("Rumours suggest the two retailers split their shipping pact.",
                               "split their shipping pact", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void conditional_if_is_bounded_by_the_comma(void **state)
{
    (void)state;
    const char *text = "If the regulator approves the merger, the airline will end its "
                       "exclusive catering contract.";
    assert_int_equal(stance_of(text, "approves the merger", 0, NULL), NF_STANCE_HEDGED);
    assert_int_equal(stance_of(text, "end its exclusive catering contract", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void negation_denies(void **state)
{
    (void)state;
    const char *cue = NULL;
    assert_int_equal(stance_of("The licensing pact between the studios has not ended.",
                               "licensing pact between the studios has not ended", 0, &cue),
                     NF_STANCE_DENIED);
    assert_string_equal(cue, "not");
    assert_int_equal(stance_of("The bank denied that it moved its workloads to another cloud.",
                               "moved its workloads to another cloud", 0, &cue),
                     NF_STANCE_DENIED);
    assert_non_null(strstr(cue, "denied"));
    assert_int_equal(stance_of("The grocer isn't ending its sole-supplier deal.",
                               "ending its sole-supplier deal", 0, NULL),
                     NF_STANCE_DENIED);
    /* curly apostrophe */
    assert_int_equal(stance_of("The grocer won\xe2\x80\x99t end its sole-supplier deal.",
                               "end its sole-supplier deal", 0, NULL),
                     NF_STANCE_DENIED);
}

static void denial_beats_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The exclusivity clause may not have lapsed after all.",
                               "exclusivity clause may not have lapsed", 0, NULL),
                     NF_STANCE_DENIED);
}

static void pseudo_cues_are_not_cues(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The chipmaker is not only cutting its royalty share but also "
                               "entering new markets.",
                               "cutting its royalty share", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("There is no doubt the broadcaster dropped its exclusive rights.",
                               "dropped its exclusive rights", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The firm did not disclose how much it put into the startup.",
                               "put into the startup", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void no_longer_asserts(void **state)
{
    (void)state;
    const char *cue = "unset";
    assert_int_equal(stance_of("Their storage agreement is no longer exclusive.",
                               "storage agreement is no longer exclusive", 0, &cue),
                     NF_STANCE_ASSERTED);
    assert_null(cue);
}

static void terminators_bound_a_negation(void **state)
{
    (void)state;
    /* negating something that is no claim says nothing about the claim */
    assert_int_equal(stance_of("While not a full merger, the retailer's exclusive shipping "
                               "contract was dissolved.",
                               "exclusive shipping contract was dissolved", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("Regulators did not object, but the carrier ended its exclusive "
                               "roaming deal.",
                               "ended its exclusive roaming deal", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("It is no takeover; the carrier ended its exclusive roaming deal.",
                               "ended its exclusive roaming deal", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The startup grew fast \xe2\x80\x94 it has not abandoned its "
                               "only cloud supplier.",
                               "abandoned its only cloud supplier", 0, NULL),
                     NF_STANCE_DENIED);
    /* a cue before the terminator does not reach past it */
    assert_int_equal(stance_of("Shares might rise, however the carrier ended its exclusive "
                               "roaming deal.",
                               "ended its exclusive roaming deal", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void backward_cues_look_back(void **state)
{
    (void)state;
    const char *cue = NULL;
    assert_int_equal(stance_of("The bank will move its workloads to another cloud, people "
                               "familiar with the plans said.",
                               "move its workloads to another cloud", 0, &cue),
                     NF_STANCE_HEDGED);
    assert_non_null(strstr(cue, "familiar"));
    assert_int_equal(stance_of("The retailer will split its revenue differently, sources said.",
                               "split its revenue differently", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("Will the partners end their exclusive agreement?",
                               "end their exclusive agreement", 0, NULL),
                     NF_STANCE_HEDGED);
    /* a backward cue does not reach over a terminator that is no comma */
    assert_int_equal(stance_of("The carrier ended its exclusive roaming deal; shares fell, "
                               "sources said.",
                               "ended its exclusive roaming deal", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void permission_and_the_modal_flag(void **state)
{
    (void)state;
    const char *text = "The new accord frees the lab to rent servers from rival clouds.";
    const char *cue = NULL;
    assert_int_equal(stance_of(text, "rent servers from rival clouds", 0, &cue),
                     NF_STANCE_HEDGED);
    assert_non_null(strstr(cue, "frees"));
    assert_int_equal(stance_of(text, "rent servers from rival clouds",
                               NF_CLAIM_MODAL_IS_ASSERTION, &cue),
                     NF_STANCE_ASSERTED);
    const char *can = "The studio can now license its films to other streamers.";
    assert_int_equal(stance_of(can, "license its films to other streamers", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of(can, "The studio can now license its films to other streamers",
                               NF_CLAIM_MODAL_IS_ASSERTION, NULL),
                     NF_STANCE_ASSERTED);
    /* the flag forgives permission, not speculation */
    assert_int_equal(stance_of("The studio might license its films to other streamers.",
                               "license its films to other streamers",
                               NF_CLAIM_MODAL_IS_ASSERTION, NULL),
                     NF_STANCE_HEDGED);
}

static void permission_to_customers_is_a_fact(void **state)
{
    (void)state;
    /* the claim's words reach over the permission given to customers */
    assert_int_equal(stance_of("The carmaker added a rival's packs to its vans, letting "
                               "business customers pick the rival's batteries.",
                               "carmaker added a rival's packs to its vans, letting business "
                               "customers pick the rival's batteries", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("Subscribers can now stream the rival studio's films.",
                               "stream the rival studio's films", 0, NULL),
                     NF_STANCE_ASSERTED);
    /* permission to the company itself still hedges */
    assert_int_equal(stance_of("The pact lets the carmaker buy batteries from a rival.",
                               "buy batteries from a rival", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void negation_flag_keeps_a_negated_claim_asserted(void **state)
{
    (void)state;
    const char *text = "The carrier does not own the towers any more.";
    assert_int_equal(stance_of(text, "carrier does not own the towers", 0, NULL),
                     NF_STANCE_DENIED);
    assert_int_equal(stance_of(text, "carrier does not own the towers",
                               NF_CLAIM_NEGATION_IS_ASSERTION, NULL),
                     NF_STANCE_ASSERTED);
    /* ...but a denial outside the claim's words still denies it */
    assert_int_equal(stance_of("The regulator denied the carrier does not own the towers.",
                               "carrier does not own the towers",
                               NF_CLAIM_NEGATION_IS_ASSERTION, NULL),
                     NF_STANCE_DENIED);
}

static void negated_exclusivity_is_no_denial(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The supply deal is not exclusive any more.",
                               "supply deal is not exclusive", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The carrier won't have exclusive rights to the phone.",
                               "carrier won't have exclusive rights to the phone", 0, NULL),
                     NF_STANCE_ASSERTED);
    /* ...while the end of exclusivity can still be denied */
    assert_int_equal(stance_of("The carrier has not ended exclusivity on the phone.",
                               "carrier has not ended exclusivity on the phone", 0, NULL),
                     NF_STANCE_DENIED);
    assert_int_equal(stance_of("The studio is no longer tied to a single distributor.",
                               "studio is no longer tied to a single distributor", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void unsettled_and_unnamed_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("It is not yet clear whether the lab will rent servers from a "
                               "rival.",
                               "the lab will rent servers from a rival", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("According to one person briefed on the talks, the lab will "
                               "rent servers from a rival.",
                               "the lab will rent servers from a rival", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("The regulator did not deny that the carrier sold its towers.",
                               "the carrier sold its towers", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void unnamed_reports_hedge_and_named_ones_do_not(void **state)
{
    (void)state;
    assert_int_equal(stance_of("According to earlier reports, the studio's valuation topped "
                               "$40 billion.",
                               "the studio's valuation topped $40 billion", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("According to a report by Reuters, the studio's valuation "
                               "topped $40 billion.",
                               "the studio's valuation topped $40 billion", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void proposals_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The founders floated the idea of handing the investor a "
                               "bigger stake instead of a royalty.",
                               "handing the investor a bigger stake instead of a royalty", 0,
                               NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("The insurer is looking at other reinsurers for its catastrophe "
                               "cover.",
                               "other reinsurers for its catastrophe cover", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void conditions_that_define_a_clause_do_not_hedge_it(void **state)
{
    (void)state;
    assert_int_equal(stance_of("Under the contract, if the lab reaches AGI, the investor's "
                               "licence ends.",
                               "if the lab reaches AGI, the investor's licence ends", 0, NULL),
                     NF_STANCE_ASSERTED);
    /* an event named as a thing is asserted; permission to act is a hedge */
    assert_int_equal(stance_of("The vote passed, paving the way for its conversion to a "
                               "cooperative.",
                               "paving the way for its conversion to a cooperative", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The vote clears the way for the club to become a cooperative.",
                               "the club to become a cooperative", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void hypotheticals_plans_and_attempts_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("Imagine the retailer shipping parcels with a rival courier.",
                               "shipping parcels with a rival courier", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("Picture this: the retailer ships parcels with a rival courier.",
                               "ships parcels with a rival courier", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("The retailer plans to ship parcels with a rival courier.",
                               "ship parcels with a rival courier", 0, NULL),
                     NF_STANCE_HEDGED);
    /* a plan that was approved is a fact */
    assert_int_equal(stance_of("The board approved a plan to convert the club into a company.",
                               "convert the club into a company", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("Neither company has confirmed the new royalty split.",
                               "the new royalty split", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void losses_stated_through_a_negation_stay_asserted(void **state)
{
    (void)state;
    assert_int_equal(stance_of("The startup has never turned a profit.",
                               "has never turned a profit", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The startup has yet to make a profit.",
                               "has yet to make a profit", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The startup does not expect to be profitable before 2029.",
                               "does not expect to be profitable before 2029", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void month_may_is_not_a_hedge(void **state)
{
    (void)state;
    assert_int_equal(stance_of("In May the partners ended their exclusive agreement.",
                               "ended their exclusive agreement", 0, NULL),
                     NF_STANCE_ASSERTED);
    assert_int_equal(stance_of("The partners may end their exclusive agreement.",
                               "end their exclusive agreement", 0, NULL),
                     NF_STANCE_HEDGED);
    assert_int_equal(stance_of("May 12 saw the partners end their exclusive agreement.",
                               "end their exclusive agreement", 0, NULL),
                     NF_STANCE_ASSERTED);
    /* a title-case headline may use the verb capitalised */
    assert_int_equal(stance_of("Partners May End Their Exclusive Agreement",
                               "End Their Exclusive Agreement", 0, NULL),
                     NF_STANCE_HEDGED);
}

static void only_the_claims_sentence_counts(void **state)
{
    (void)state;
    assert_int_equal(stance_of("Nobody knows what could happen. The carrier ended its exclusive "
                               "roaming deal.",
                               "ended its exclusive roaming deal", 0, NULL),
                     NF_STANCE_ASSERTED);
}

static void bad_lexicon_names_file_and_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/nf-cues-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/cues.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("hedge:\n  - could\n  - {cue: might, scope: sideways}\n", f);
    fclose(f);
    struct nf_cues *c = NULL;
    assert_int_equal(nf_cues_load(&c, dir), NF_ESCHEMA);
    assert_null(c);
    assert_non_null(strstr(nf_errmsg(), "cues.yaml:3"));
    assert_non_null(strstr(nf_errmsg(), "sideways"));
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("hedges:\n  - could\n", f);
    fclose(f);
    assert_int_equal(nf_cues_load(&c, dir), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "hedges"));
    /* no cues.yaml: an empty lexicon, every claim asserted */
    remove(path);
    assert_int_equal(nf_cues_load(&c, dir), NF_OK);
    nf_buf b = NF_BUF_INIT;
    assert_int_equal(nf_cues_summary(&b, c), NF_OK);
    assert_non_null(strstr(b.data, "cues: 0 hedge"));
    nf_buf_free(&b);
    nf_cues_free(c);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_statement_is_asserted),
        cmocka_unit_test(modal_hedges),
        cmocka_unit_test(reportedly_and_rumours_hedge),
        cmocka_unit_test(conditional_if_is_bounded_by_the_comma),
        cmocka_unit_test(negation_denies),
        cmocka_unit_test(denial_beats_hedge),
        cmocka_unit_test(pseudo_cues_are_not_cues),
        cmocka_unit_test(no_longer_asserts),
        cmocka_unit_test(terminators_bound_a_negation),
        cmocka_unit_test(backward_cues_look_back),
        cmocka_unit_test(permission_and_the_modal_flag),
        cmocka_unit_test(permission_to_customers_is_a_fact),
        cmocka_unit_test(negation_flag_keeps_a_negated_claim_asserted),
        cmocka_unit_test(negated_exclusivity_is_no_denial),
        cmocka_unit_test(unsettled_and_unnamed_hedge),
        cmocka_unit_test(unnamed_reports_hedge_and_named_ones_do_not),
        cmocka_unit_test(proposals_hedge),
        cmocka_unit_test(conditions_that_define_a_clause_do_not_hedge_it),
        cmocka_unit_test(hypotheticals_plans_and_attempts_hedge),
        cmocka_unit_test(losses_stated_through_a_negation_stay_asserted),
        cmocka_unit_test(month_may_is_not_a_hedge),
        cmocka_unit_test(only_the_claims_sentence_counts),
        cmocka_unit_test(bad_lexicon_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, load_lexicon, free_lexicon);
}
