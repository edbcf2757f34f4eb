/* Unit tests for the HTML reader: metadata, boilerplate removal, body
 * choice, silence on broken markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include "collect.h"
#include "core/nf_error.h"
#include "read/nf_read.h"

static nf_article *read_one(collect *c, const char *file,
                            const struct nf_reader_conf *conf)
{
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = conf;
    assert_int_equal(nf_read_path(data_path(file), &opts, collect_article,
                                  collect_error, c), NF_OK);
    assert_int_equal(c->n_errors, 0);
    assert_int_equal(c->n_articles, 1);
    return c->articles[0];
}

static void og_metadata_and_boilerplate(void **state)
{
    (void)state;
    struct nf_reader_conf *conf = shipped_conf();
    assert_non_null(conf);
    collect c = {0};
    nf_article *a = read_one(&c, "boilerplate.html", conf);
    /* og:title with the " | og:site_name" suffix taken off */
    assert_string_equal(a->title, "Chipmaker books record quarter on inference demand");
    /* og:site_name wins over the JSON-LD publisher, meta author over the
     * JSON-LD author, article:published_time over datePublished */
    assert_string_equal(a->source, "Circuit Ledger");
    assert_string_equal(a->author, "Dana Whitfield");
    assert_string_equal(a->published, "2025-03-14T09:30:00+01:00");
    /* a relative canonical link resolved against og:url; it is the id */
    assert_string_equal(a->url, "https://circuitledger.example/markets/chipmaker-record-quarter");
    assert_string_equal(a->id, a->url);
    assert_int_equal(a->format, NF_FORMAT_HTML);
    assert_string_equal(a->text,
        "Chipmaker books record quarter on inference demand\n\n"
        "A mid-sized accelerator maker reported revenue of $2.1 billion for "
        "the quarter, up 48% from a year earlier, as cloud providers bought "
        "more chips for serving AI models rather than training them.\n"
        "The company said inference now accounts for \"well over half\" of "
        "its data-centre sales & that bookings for the next two quarters "
        "were already above its earlier forecast.\n"
        "Analysts cautioned that two customers make up most of the backlog.");
    assert_int_equal(a->text_len, strlen(a->text));
    collect_free(&c);
    nf_reader_conf_free(conf);
}

static void hints_are_data(void **state)
{
    (void)state;
    /* Without reader.yaml only structural chrome goes: the share bar and
     * the newsletter box inside <article> stay; nav, the aside, the
     * header and the related teasers outside the article do not. */
    collect c = {0};
    nf_article *a = read_one(&c, "boilerplate.html", NULL);
    assert_non_null(strstr(a->text, "Share on X"));
    assert_non_null(strstr(a->text, "Subscribe for a daily digest"));
    assert_null(strstr(a->text, "Inference is the new training"));
    assert_null(strstr(a->text, "Why GPU rental prices fell"));
    assert_null(strstr(a->text, "Markets"));
    assert_null(strstr(a->text, "window.dataLayer"));
    collect_free(&c);
}

static void jsonld_graph_metadata(void **state)
{
    (void)state;
    collect c = {0};
    nf_article *a = read_one(&c, "jsonld-graph.html", NULL);
    assert_string_equal(a->title, "Regional cloud opens sovereign AI zone");
    assert_string_equal(a->source, "Northwind Tech Review");
    assert_string_equal(a->author, "Priya Natarajan, Tom Berger");
    /* article:published_time is no date: JSON-LD's "June 3, 2025" is used */
    assert_string_equal(a->published, "2025-06-03");
    assert_string_equal(a->url, "https://northwind.example/2025/06/sovereign-ai-zone");
    assert_string_equal(a->text,
        "Regional cloud opens sovereign AI zone\n\n"
        "A regional cloud operator opened a data-centre zone reserved for "
        "government and health-care customers who must keep AI workloads "
        "inside national borders.\n"
        "The zone offers rented GPUs and hosted open-weight models; the "
        "operator said it would not use customer prompts for training.");
    collect_free(&c);
}

static void densest_block_without_article(void **state)
{
    (void)state;
    struct nf_reader_conf *conf = shipped_conf();
    collect c = {0};
    nf_article *a = read_one(&c, "no-article.html", conf);
    assert_string_equal(a->title, "Storage startup raises funds");
    /* the block's first line repeats the title: not written twice */
    assert_string_equal(a->text,
        "Storage startup raises funds\n\n"
        "A startup that builds flash storage for AI training clusters said it "
        "raised $60 million in a round led by two infrastructure funds.\n"
        "The company claims its systems keep GPUs busy by feeding them data "
        "three times faster than disk-based arrays.\n"
        "It plans to open an office in Frankfurt next year.");
    /* no id or URL in the page: the path as given */
    assert_string_equal(a->id, data_path("no-article.html"));
    assert_null(a->url);
    assert_null(a->published);
    collect_free(&c);
    nf_reader_conf_free(conf);
}

static void broken_markup_is_silent(void **state)
{
    (void)state;
    static const char page[] =
        "<html><head><title>Broken &bogus; page</title></head><body>"
        "<p>Unclosed <b>bold <i>and italic</p><table><tr><td>cell</div>"
        "<p>Second \xff paragraph</p></bod></htm>";
    /* libxml2 would complain on stderr about every one of these */
    fflush(stderr);
    int saved = dup(2);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    dup2(fileno(tmp), 2);
    collect c = {0};
    int rc = nf_read_memory(page, sizeof page - 1, NF_FORMAT_HTML, "broken.html",
                            NULL, collect_article, collect_error, &c);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(rc, NF_OK);
    assert_int_equal(ftell(tmp), 0);
    fclose(tmp);
    assert_int_equal(c.n_articles, 1);
    assert_non_null(strstr(c.articles[0]->text, "Unclosed bold and italic"));
    /* the invalid byte became U+FFFD */
    assert_non_null(strstr(c.articles[0]->text, "Second \xef\xbf\xbd paragraph"));
    collect_free(&c);
}

static void declared_encoding_is_honoured(void **state)
{
    (void)state;
    /* windows-1252 bytes: e-acute and curly quotes, which are not UTF-8 */
    static const char latin[] =
        "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 chain adds AI</title>"
        "</head><body><p>The \x93smart\x94 menu costs \x80" "5.</p></body></html>";
    /* the same bytes with no declaration: repaired as invalid UTF-8 */
    static const char undeclared[] =
        "<html><head><title>Caf\xe9</title></head><body><p>x</p></body></html>";
    collect c = {0};
    assert_int_equal(nf_read_memory(latin, sizeof latin - 1, NF_FORMAT_HTML, "l.html",
                                    NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(nf_read_memory(undeclared, sizeof undeclared - 1, NF_FORMAT_HTML,
                                    "u.html", NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 2);
    assert_string_equal(c.articles[0]->text, "Caf\xc3\xa9 chain adds AI\n\n"
                        "The \xe2\x80\x9csmart\xe2\x80\x9d menu costs \xe2\x82\xac" "5.");
    assert_string_equal(c.articles[1]->title, "Caf\xef\xbf\xbd");
    collect_free(&c);
}

static void jsonld_article_body_for_script_pages(void **state)
{
    (void)state;
    /* A page whose markup is an empty shell filled by scripts */
    static const char shell[] =
        "<html><head><title>Shell</title><script type=\"application/ld+json\">"
        "{\"@type\": \"NewsArticle\", \"headline\": \"Edge AI chips ship\","
        " \"articleBody\": \"First paragraph  of the story.\\n\\n  Second one.\"}"
        "</script></head><body><div id=\"root\"></div><noscript>Enable JavaScript</noscript>"
        "</body></html>";
    /* ...and one whose markup holds more than its articleBody */
    static const char full[] =
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\": \"Article\", \"headline\": \"H\", \"articleBody\": \"Teaser only.\"}"
        "</script></head><body><article><p>The whole story, told at length in the page.</p>"
        "</article></body></html>";
    collect c = {0};
    assert_int_equal(nf_read_memory(shell, sizeof shell - 1, NF_FORMAT_HTML, "s.html",
                                    NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(nf_read_memory(full, sizeof full - 1, NF_FORMAT_HTML, "f.html",
                                    NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 2);
    assert_string_equal(c.articles[0]->text,
                        "Edge AI chips ship\n\nFirst paragraph of the story.\nSecond one.");
    assert_string_equal(c.articles[1]->text,
                        "H\n\nThe whole story, told at length in the page.");
    collect_free(&c);
}

typedef struct thread_job {
    const char *page;
    size_t len;
    const char *want;
    int mismatches;
} thread_job;

static void *read_repeatedly(void *arg)
{
    thread_job *job = arg;
    for (int i = 0; i < 25; i++) {
        collect c = {0};
        if (nf_read_memory(job->page, job->len, NF_FORMAT_HTML, "t.html", NULL,
                           collect_article, collect_error, &c) != NF_OK ||
            c.n_articles != 1 || strcmp(c.articles[0]->text, job->want) != 0)
            job->mismatches++;
        collect_free(&c);
    }
    return NULL;
}

static void threads_read_alike(void **state)
{
    (void)state;
    size_t len;
    char *page = slurp(data_path("boilerplate.html"), &len);
    assert_non_null(page);
    collect c = {0};
    assert_int_equal(nf_read_memory(page, len, NF_FORMAT_HTML, "t.html", NULL,
                                    collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 1);
    thread_job jobs[4];
    pthread_t tids[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){page, len, c.articles[0]->text, 0};
        assert_int_equal(pthread_create(&tids[i], NULL, read_repeatedly, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(tids[i], NULL);
        assert_int_equal(jobs[i].mismatches, 0);
    }
    collect_free(&c);
    free(page);
}

static void page_without_text_is_rejected(void **state)
{
    (void)state;
    static const char page[] = "<html><body><nav><a href=/>Home</a></nav>"
                               "<script>var x = 1;</script></body></html>";
    collect c = {0};
    assert_int_equal(nf_read_memory(page, sizeof page - 1, NF_FORMAT_AUTO, "x.page",
                                    NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_errors, 1);
    assert_int_equal(c.errors[0].status, NF_EINPUT);
    assert_non_null(strstr(c.errors[0].message, "no title and no text"));
    collect_free(&c);
}

static void bad_reader_yaml_names_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/nf-read-conf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/reader.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("boilerplate_hints:\n  - cookie\n  - two words\n", f);
    fclose(f);
    struct nf_reader_conf *conf = NULL;
    assert_int_equal(nf_reader_conf_load(&conf, dir), NF_ESCHEMA);
    assert_null(conf);
    assert_non_null(strstr(nf_errmsg(), "reader.yaml:3"));
    assert_non_null(strstr(nf_errmsg(), "two words"));
    f = fopen(path, "w");
    fputs("boilerplate_hint:\n  - cookie\n", f);
    fclose(f);
    assert_int_equal(nf_reader_conf_load(&conf, dir), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "unknown key \"boilerplate_hint\""));
    unlink(path);
    rmdir(dir);
    /* no reader.yaml: no hints, which is no error */
    conf = (struct nf_reader_conf *)&conf;
    assert_int_equal(nf_reader_conf_load(&conf, dir), NF_OK);
    assert_null(conf);
}

/* 20 MB of paragraphs: accepted under the default limit, and every
 * paragraph comes out as one line of text.  This guards against work that
 * grows with the text already extracted (re-copying or rescanning it per
 * paragraph): that would take ~10^11 steps here and be stopped by the
 * test's timeout (meson.build), a hang guard only.  The reader's speed is
 * measured by bench/input_scaling, not here. */
static void huge_html_article_is_linear(void **state)
{
    (void)state;
    const char head[] = "<html><head><title>Big</title></head><body><article>";
    const char para[] = "<p>Capacity &amp; power were the constraint, said the operator.</p>\n";
    size_t n = (20u << 20) / (sizeof para - 1);
    size_t len = sizeof head - 1 + n * (sizeof para - 1);
    char *page = malloc(len + 1);
    assert_non_null(page);
    memcpy(page, head, sizeof head - 1);
    for (size_t i = 0; i < n; i++)
        memcpy(page + sizeof head - 1 + i * (sizeof para - 1), para, sizeof para - 1);
    page[len] = '\0';
    assert_true(len >= 20u << 20);
    collect c = {0};
    assert_int_equal(nf_read_memory(page, len, NF_FORMAT_HTML, "big.html", NULL,
                                    collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_articles, 1);
    const char line[] = "Capacity & power were the constraint, said the operator.\n";
    size_t ll = sizeof line - 1;
    /* "Big\n\n" + one line per paragraph, the last without its newline */
    const nf_article *a = c.articles[0];
    assert_int_equal(a->text_len, 5 + n * ll - 1);
    assert_memory_equal(a->text, "Big\n\n", 5);
    for (size_t i = 0; i + 1 < n; i++)
        assert_memory_equal(a->text + 5 + i * ll, line, ll);
    assert_memory_equal(a->text + 5 + (n - 1) * ll, line, ll - 1);
    collect_free(&c);
    free(page);
}

static const char *fixture(const char *name)
{
    static char buf[4096];
    const char *root = getenv("NF_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/fixtures/articles/%s", root ? root : ".", name);
    return buf;
}

/* Page chrome of the read-* fixtures that must not reach the text. */
static void assert_no_chrome(const char *text)
{
    static const char *const chrome[] = {
        "cookies", "Cookies", "Subscribe", "Sign up", "Related stories",
        "More on AI chips", "Most read", "Recommended", "All rights reserved",
        "Share on", "Share:", "Impressum", "Skip to main content", "Advertisement",
        "Topics:", "Home", NULL};
    for (const char *const *c = chrome; *c; c++)
        if (strstr(text, *c))
            fail_msg("page chrome \"%s\" in the text:\n%s", *c, text);
}

static void fixtures_read_cleanly(void **state)
{
    (void)state;
    struct nf_reader_conf *conf = shipped_conf();
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = conf;
    static const struct {
        const char *file, *source, *published, *author, *last_words;
    } pages[] = {
        {"read-hyperscaler-capex.html", "Stackline News", "2025-11-03T06:45:00Z",
         "Ruth Okonjo", "reported a backlog of $155 billion."},
        {"read-sovereign-cloud.html", "Datacenter Dispatch", "2025-10-14T07:00:00+02:00",
         "Jonas Albrecht", "often have to wait months for capacity."},
    };
    for (size_t i = 0; i < 2; i++) {
        collect c = {0};
        assert_int_equal(nf_read_path(fixture(pages[i].file), &opts, collect_article,
                                      collect_error, &c), NF_OK);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.n_articles, 1);
        nf_article *a = c.articles[0];
        assert_string_equal(a->source, pages[i].source);
        assert_string_equal(a->published, pages[i].published);
        assert_string_equal(a->author, pages[i].author);
        assert_non_null(a->url);
        assert_string_equal(a->id, a->url);
        /* the title once, then the body down to its last paragraph */
        assert_memory_equal(a->text, a->title, strlen(a->title));
        assert_null(strstr(a->text + strlen(a->title), a->title));
        size_t tail = strlen(pages[i].last_words);
        assert_true(a->text_len > tail);
        assert_string_equal(a->text + a->text_len - tail, pages[i].last_words);
        assert_no_chrome(a->text);
        collect_free(&c);
    }
    collect c = {0};
    assert_int_equal(nf_read_path(fixture("read-wire-roundup.jsonl"), &opts,
                                  collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_articles, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(c.articles[i]->source, "Compute Wire");
        assert_no_chrome(c.articles[i]->text);
    }
    /* the "html" record: its own title wins over the page's shorter one */
    assert_string_equal(c.articles[1]->title,
                        "OpenAI signs on for AMD accelerators, takes option on chipmaker stake");
    assert_non_null(strstr(c.articles[1]->text, "\u201cas much compute as we can get\u201d"));
    collect_free(&c);
    nf_reader_conf_free(conf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(og_metadata_and_boilerplate),
        cmocka_unit_test(hints_are_data),
        cmocka_unit_test(jsonld_graph_metadata),
        cmocka_unit_test(densest_block_without_article),
        cmocka_unit_test(broken_markup_is_silent),
        cmocka_unit_test(declared_encoding_is_honoured),
        cmocka_unit_test(jsonld_article_body_for_script_pages),
        cmocka_unit_test(threads_read_alike),
        cmocka_unit_test(page_without_text_is_rejected),
        cmocka_unit_test(bad_reader_yaml_names_line),
        cmocka_unit_test(huge_html_article_is_linear),
        cmocka_unit_test(fixtures_read_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
