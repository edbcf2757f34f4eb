/* Entity tagging with the default gazetteers: common-word traps, spelling
 * variants, longest match, one mention giving several facets, implications,
 * and sentences written for this test (not taken from the seed articles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse/nf_gazetteer.h"
#include "core/nf_error.h"
#include "entity_helper.h"

static struct nf_gazetteer *gaz;

static int load_default(void **state)
{
    (void)state;
    int rc = nf_gazetteer_load(&gaz, helper_source_path("schema"));
    if (rc)
        fprintf(stderr, "gazetteer: %s\n", nf_errmsg());
    return rc;
}

static int free_default(void **state)
{
    (void)state;
    nf_gazetteer_free(gaz);
    return 0;
}

#define TAGS(text) helper_tags(gaz, (text), NULL)
#define TAGS_IN(text, lists) helper_tags(gaz, (text), (lists))

/* Every trap the spec names, in several capitalisations and positions. */
static void common_words_are_not_entities(void **state)
{
    (void)state;
    assert_string_equal(TAGS("She baked an apple pie for the party."), "");
    assert_string_equal(TAGS("Apple pie and apple juice were served."), "");
    assert_string_equal(TAGS("The Big Apple never sleeps."), "");
    assert_string_equal(TAGS("Fires in the Amazon rainforest spread again."), "");
    assert_string_equal(TAGS("The Amazon River floods each year."), "");
    assert_string_equal(TAGS("Deforestation of the Brazilian Amazon slowed."), "");
    assert_string_equal(TAGS("A meta-analysis of 40 trials found no effect."), "");
    assert_string_equal(TAGS("Meta-analysis shows a small benefit."), "");
    assert_string_equal(TAGS("Warren Buffett, the oracle of Omaha, bought shares."), "");
    assert_string_equal(TAGS("Buffett, known as the Oracle of Omaha, spoke."), "");
    assert_string_equal(TAGS("They sailed under an azure sky."), "");
    assert_string_equal(TAGS("An Azure sky over the bay."), "");
    assert_string_equal(TAGS("The mistral wind blew for three days."), "");
    assert_string_equal(TAGS("The Mistral wind is cold and dry."), "");
    assert_string_equal(TAGS("Claude Monet painted water lilies at Giverny."), "");
    assert_string_equal(TAGS("The painter Claude Monet lived in Giverny."), "");
    assert_string_equal(TAGS("An exhibition of Claude Debussy scores opened."), "");
    assert_string_equal(TAGS("Jean-Claude Juncker spoke in Brussels."), "");
}

/* More traps: names that are words, first names, Greek letters. */
static void more_traps(void **state)
{
    (void)state;
    assert_string_equal(TAGS("Robinson Crusoe was stranded on an island."), "");
    assert_string_equal(TAGS("Write a lambda function in Python."), "");
    assert_string_equal(TAGS("Lambda functions are anonymous."), "");
    assert_string_equal(TAGS("He was elected to Phi Beta Kappa."), "");
    assert_string_equal(TAGS("The Gemini constellation is visible in winter."), "");
    assert_string_equal(TAGS("It takes time to grok a new codebase."), "");
    assert_string_equal(TAGS("The copilot took over when the captain fell ill."), "");
    assert_string_equal(TAGS("Kimi Raikkonen won the race."), "");
    assert_string_equal(TAGS("Gemma Chan starred in the film."), "");
    assert_string_equal(TAGS("The llama farm sells wool."), "");
    assert_string_equal(TAGS("The startup has a cash runway of two years."), "");
    assert_string_equal(TAGS("Perplexity is a measure of how well a model predicts text."), "");
    assert_string_equal(TAGS("We need to cohere as a team."), "");
    assert_string_equal(TAGS("The value of the Intel community report is unclear."), "");
    assert_string_equal(TAGS("A whisper went round the room."), "");
    assert_string_equal(TAGS("They arm wrestled. Arm wrestling is a sport."), "");
    assert_string_equal(TAGS("The Sequoia trees are old."), "");
    assert_string_equal(TAGS("Adobe houses line the street."), "");
    assert_string_equal(TAGS("A moonshot project to cure cancer."), "");
    assert_string_equal(TAGS("The ancient oracle spoke in riddles."), "");
    assert_string_equal(TAGS("Mai said hello."), "");
    assert_string_equal(TAGS("A Shot in the Arm for Competition?"), "");
    /* Bare "Lambda" needs GPU-cloud talk nearby: code printing a Lambda
     * response is not the cloud. */
    assert_string_equal(TAGS("print(\"Lambda Response:\", response[\"Payload\"])"), "");
    assert_string_equal(TAGS("Lambda, the GPU cloud provider, filed for an IPO."),
                        "cloud:lambda company:lambda");
    /* A confirm rule: "Moonshot" alone is a common word, the lab needs
     * its context. */
    assert_string_equal(TAGS("Moonshot, the Beijing startup behind Kimi, raised money."),
                        "company:moonshot-ai model:kimi");
    assert_string_equal(TAGS("Curing cancer is a Moonshot for the decade."), "");
}

static void spelling_variants(void **state)
{
    (void)state;
    assert_string_equal(TAGS("Open AI released a new model."), "company:openai");
    assert_string_equal(TAGS("OpenAI's board met."), "company:openai");
    assert_string_equal(TAGS("OpenAI\xe2\x80\x99s board met."), "company:openai");
    assert_string_equal(TAGS("Shares of MSFT fell."), "company:microsoft");
    assert_string_equal(TAGS("Amazon Web Services signed a deal."), "cloud:aws company:amazon");
    assert_string_equal(TAGS("The deal with Micro-\nsoft closed."), "company:microsoft");
    assert_string_equal(TAGS("Google\xc2\xa0" "Cloud grew."), "cloud:google-cloud company:google");
    assert_string_equal(TAGS("Google\n          Cloud grew."), "cloud:google-cloud company:google");
    assert_string_equal(TAGS("Google.\n\nCloud grew."), "company:google");
    assert_string_equal(TAGS("GPT\xe2\x80\x91" "4o is fast."), "company:openai model:gpt-4o");
    assert_string_equal(TAGS("We rent GPUs on Vast.ai every week."), "cloud:vast-ai company:vast-ai");
    assert_string_equal(TAGS("NVIDIA and nvidia and Nvidia."), "company:nvidia");
    assert_string_equal(TAGS("MICROSOFT AND OPENAI SIGN DEAL"), "company:microsoft company:openai");
    assert_string_equal(TAGS("Hugging Face hosts models."), "company:hugging-face");
    assert_string_equal(TAGS("Chat GPT and ChatGPT."), "company:openai model:chatgpt");
    assert_string_equal(TAGS("The rise of xAI."), "company:xai");
    assert_string_equal(TAGS("DALL\xc2\xb7" "E 3 draws."), "company:openai model:dall-e");
}

static void longest_match_and_families(void **state)
{
    (void)state;
    assert_string_equal(TAGS("They benchmarked GPT-4 Turbo."), "company:openai model:gpt-4");
    assert_string_equal(TAGS("They benchmarked GPT-4o."), "company:openai model:gpt-4o");
    assert_string_equal(TAGS("Claude 3.5 Sonnet writes code."), "company:anthropic model:claude");
    assert_string_equal(TAGS("Llama 3.1 405B is open."), "company:meta model:llama");
    assert_string_equal(TAGS("Anthropic's Claude Opus 4 arrived."), "company:anthropic model:claude");
    assert_string_equal(TAGS("DeepSeek-R1 shocked markets."), "company:deepseek model:deepseek-r1");
    assert_string_equal(TAGS("DeepSeek raised no money."), "company:deepseek");
    assert_string_equal(TAGS("The Mistral Large model."), "company:mistral-ai model:mistral");
    assert_string_equal(TAGS("Mistral raised money in Paris."), "company:mistral-ai");
    assert_string_equal(TAGS("AWS Lambda runs code."), "cloud:aws company:amazon");
    assert_string_equal(TAGS("GitHub Copilot writes code."), "company:github model:github-copilot");
    assert_string_equal(TAGS("GitHub's Copilot writes code."), "company:github model:github-copilot");
    assert_string_equal(TAGS("Microsoft Copilot answers."), "company:microsoft model:copilot");
    assert_string_equal(TAGS("Salesforce's Einstein Copilot answers."), "company:salesforce");

    /* The span of the longest match covers every word of it. */
    nf_analysis *a;
    const char *text = "Use Google Cloud now.";
    assert_int_equal(helper_tag(&a, gaz, text), 0);
    assert_true(a->nmentions >= 2);
    for (size_t i = 0; i < a->nmentions; i++) {
        assert_int_equal(a->mentions[i].start, 4);
        assert_int_equal(a->mentions[i].end, 16);
        assert_int_equal(a->mentions[i].tok_first, 1);
        assert_int_equal(a->mentions[i].tok_last, 2);
    }
    helper_analysis_free(a);
}

static void one_mention_several_facets(void **state)
{
    (void)state;
    assert_string_equal(TAGS("Google Cloud won the contract."), "cloud:google-cloud company:google");
    assert_string_equal(TAGS("Microsoft Azure and Azure alone."), "cloud:azure company:microsoft");
    assert_string_equal(TAGS("AWS is big."), "cloud:aws company:amazon");
    assert_string_equal(TAGS("CoreWeave rents GPUs."), "cloud:coreweave company:coreweave");
    assert_string_equal(TAGS("Lambda raised a new round."), "cloud:lambda company:lambda");
    assert_string_equal(TAGS("Crusoe builds data centers."), "cloud:crusoe company:crusoe");
    assert_string_equal(TAGS("Oracle shares rose."), "company:oracle");
    assert_string_equal(TAGS("Oracle Cloud Infrastructure (OCI) grew."), "cloud:oracle-cloud company:oracle");
    assert_string_equal(TAGS("Capacity on OCI is sold out."), "cloud:oracle-cloud company:oracle");
    assert_string_equal(TAGS("Nebius and Together AI compete."),
                        "cloud:nebius cloud:together-ai company:nebius company:together-ai");
}

static void models_imply_makers(void **state)
{
    (void)state;
    assert_string_equal(TAGS("Claude answered."), "company:anthropic model:claude");
    assert_string_equal(TAGS("Llama is open weight."), "company:meta model:llama");
    assert_string_equal(TAGS("GPT-4 and ChatGPT."), "company:openai model:chatgpt model:gpt-4");
    assert_string_equal(TAGS("Phi-4 and MAI-1 and Copilot."),
                        "company:microsoft model:copilot model:mai model:phi");
    assert_string_equal(TAGS("Gemini answered."), "company:google model:gemini");
    assert_string_equal(TAGS("Grok answered."), "company:xai model:grok");
    assert_string_equal(TAGS("Qwen and Hunyuan and Doubao."),
                        "company:alibaba company:bytedance company:tencent "
                        "model:doubao model:hunyuan model:qwen");
}

/* Case and context decide, not the word alone. */
static void context_decides(void **state)
{
    (void)state;
    assert_string_equal(TAGS("Apple unveiled a new iPhone."), "company:apple");
    assert_string_equal(TAGS("Amazon's cloud unit grew."), "cloud:aws company:amazon");
    assert_string_equal(TAGS("Meta is spending on data centers."), "company:meta");
    assert_string_equal(TAGS("Meta data centers use power."), "company:meta");
    assert_string_equal(TAGS("Microsoft Adds Claude To Copilot"),
                        "company:anthropic company:microsoft model:claude model:copilot");
    assert_string_equal(TAGS("Claude Sonnet 4.5 is out."), "company:anthropic model:claude");
    assert_string_equal(TAGS("OpenAI's Whisper transcribes speech."), "company:openai model:whisper");
    assert_string_equal(TAGS("Sora generates video."), "company:openai model:sora");
    assert_string_equal(TAGS("The Phi models are small."), "company:microsoft model:phi");
    assert_string_equal(TAGS("Arm designs chips."), "company:arm");
    assert_string_equal(TAGS("Moonshot AI released Kimi K2."), "company:moonshot-ai model:kimi");
}

/* Code snippets count like any other text. */
static void code_snippets(void **state)
{
    (void)state;
    assert_string_equal(TAGS("import anthropic\nclient = anthropic.Anthropic()\n"), "company:anthropic");
    assert_string_equal(TAGS("from openai import OpenAI\nmodel=\"gpt-4o\"\n"),
                        "company:openai model:gpt-4o");
    assert_string_equal(TAGS("aws s3 ls s3://bucket\n"), "cloud:aws company:amazon");
}

/* Sentences written for this test, in other words than the seed articles,
 * each with the full expected sets. */
static void fresh_sentences(void **state)
{
    (void)state;
    assert_string_equal(TAGS_IN("Anthropic will train its next Claude models on Google's TPUs "
                                "and on Amazon's Trainium chips.", "company cloud model"),
                        "company:amazon company:anthropic company:google model:claude");
    assert_string_equal(TAGS_IN("Nvidia-backed CoreWeave signed a $14 billion deal with Meta, "
                                "while Oracle agreed to host OpenAI workloads.", "company cloud model"),
                        "cloud:coreweave company:coreweave company:meta company:nvidia "
                        "company:openai company:oracle");
    assert_string_equal(TAGS_IN("Developers can now pick Gemini 2.5 Pro or GPT-5 inside "
                                "GitHub Copilot.", "company cloud model"),
                        "company:github company:google company:openai model:gemini "
                        "model:github-copilot model:gpt-5");
    assert_string_equal(TAGS_IN("xAI trains Grok in Memphis; SoftBank and TSMC were not involved.",
                                "company cloud model"),
                        "company:softbank company:tsmc company:xai model:grok");
    assert_string_equal(TAGS_IN("Startups such as Mistral AI, Cohere and Perplexity rent capacity "
                                "from Lambda and Crusoe rather than Azure.", "company cloud model"),
                        "cloud:azure cloud:crusoe cloud:lambda company:cohere company:crusoe "
                        "company:lambda company:microsoft company:mistral-ai company:perplexity");
    assert_string_equal(TAGS_IN("AMD and Broadcom are building custom accelerators, and Samsung "
                                "and SK Hynix supply the memory.", "company cloud model"),
                        "company:amd company:broadcom company:samsung company:sk-hynix");
    assert_string_equal(TAGS_IN("Alibaba Cloud hosts Qwen, and DeepSeek-V3 runs on Huawei chips.",
                                "company cloud model"),
                        "cloud:alibaba-cloud company:alibaba company:deepseek company:huawei "
                        "model:deepseek-v3 model:qwen");
    /* Customers from other industries are not companies of the facet. */
    assert_string_equal(TAGS_IN("Volkswagen and Schneider Electric moved their SAP systems to "
                                "Microsoft\xe2\x80\x99s Azure.", "company cloud model"),
                        "cloud:azure company:microsoft");
    assert_string_equal(TAGS_IN("Apple may license a custom Gemini model to power Siri, people "
                                "familiar said, while Amazon's Bedrock now offers gpt-oss.",
                                "company cloud model"),
                        "company:amazon company:apple company:google company:openai "
                        "model:gemini model:gpt-oss model:siri");
}

/* Odd text is never an error: empty, punctuation only, invalid UTF-8,
 * random bytes, a name glued to 2,000 hyphenated copies of itself. */
static void odd_text_is_no_error(void **state)
{
    (void)state;
    assert_string_equal(TAGS(""), "");
    assert_string_equal(TAGS("... -- ,,, !!! \xe2\x80\x99s"), "");
    assert_string_equal(TAGS("\xff\xfeOpenAI\xc3"), "company:openai");
    char *junk = malloc(200001);
    unsigned x = 7;
    for (size_t i = 0; i < 200000; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)((x >> 16) & 0xff);
        if (!junk[i])
            junk[i] = ' ';
    }
    junk[200000] = '\0';
    nf_analysis *a;
    assert_int_equal(helper_tag(&a, gaz, junk), 0);
    helper_analysis_free(a);
    char *chain = malloc(2000 * 7 + 1);
    chain[0] = '\0';
    for (int i = 0; i < 2000; i++)
        strcat(chain, "Azure-\n");
    assert_int_equal(helper_tag(&a, gaz, chain), 0);
    assert_int_equal(a->nmentions, 4000);   /* each Azure: cloud + implied company */
    helper_analysis_free(a);
    free(chain);
    free(junk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(common_words_are_not_entities),
        cmocka_unit_test(more_traps),
        cmocka_unit_test(spelling_variants),
        cmocka_unit_test(longest_match_and_families),
        cmocka_unit_test(one_mention_several_facets),
        cmocka_unit_test(models_imply_makers),
        cmocka_unit_test(context_decides),
        cmocka_unit_test(code_snippets),
        cmocka_unit_test(fresh_sentences),
        cmocka_unit_test(odd_text_is_no_error),
    };
    return cmocka_run_group_tests(tests, load_default, free_default);
}
