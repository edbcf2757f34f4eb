/* Unit tests for the readers' inputs: plain text, JSON Lines, UTF-8
 * repair, rejected files, size limits, directories, ids and hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "collect.h"
#include "core/nf_error.h"
#include "core/nf_hash.h"
#include "read/nf_read.h"

static int read_mem(collect *c, const char *data, size_t len, nf_format f,
                    const nf_read_opts *opts)
{
    return nf_read_memory(data, len, f, "mem", opts, collect_article,
                          collect_error, c);
}

static void plain_text(void **state)
{
    (void)state;
    collect c = {0};
    assert_int_equal(nf_read_path(data_path("plain.txt"), NULL, collect_article,
                                  collect_error, &c), NF_OK);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_articles, 1);
    nf_article *a = c.articles[0];
    size_t len;
    char *raw = slurp(data_path("plain.txt"), &len);
    assert_non_null(raw);
    assert_string_equal(a->title, "Data-centre power deals outpace chip orders");
    assert_string_equal(a->text, raw); /* the file itself */
    assert_int_equal(a->text_len, len);
    assert_int_equal(a->format, NF_FORMAT_TEXT);
    assert_string_equal(a->id, data_path("plain.txt"));
    assert_string_equal(a->path, data_path("plain.txt"));
    char hash[33];
    nf_hash128_hex(hash, raw, len);
    assert_string_equal(a->hash, hash);
    assert_null(a->url);
    assert_null(a->source);
    free(raw);
    collect_free(&c);
}

static void jsonl_records_and_bad_lines(void **state)
{
    (void)state;
    struct nf_reader_conf *conf = shipped_conf();
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = conf;
    collect c = {0};
    const char *path = data_path("records.jsonl");
    assert_int_equal(nf_read_path(path, &opts, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 3);
    assert_int_equal(c.n_errors, 5);

    nf_article *a = c.articles[0];
    assert_string_equal(a->id, "rec-1");
    assert_int_equal(a->line, 1);
    assert_string_equal(a->url, "https://wire.example/1");
    assert_string_equal(a->source, "Example Wire");
    assert_string_equal(a->author, "Lee Park");
    assert_string_equal(a->published, "2025-05-02");
    assert_string_equal(a->text, "Model maker cuts API prices\n\n"
                        "A model maker cut the price of its API by a third.\n"
                        "Developers welcomed the change.");
    /* the hash covers the record's own line */
    size_t len;
    char *raw = slurp(path, &len);
    char *nl = strchr(raw, '\n');
    char hash[33];
    nf_hash128_hex(hash, raw, (size_t)(nl - raw));
    assert_string_equal(a->hash, hash);
    free(raw);

    /* "html" instead of "text": the record's fields win, the page fills in */
    a = c.articles[1];
    assert_int_equal(a->line, 6);
    assert_string_equal(a->title, "Hosted models come to a second cloud");
    assert_string_equal(a->author, "Record Author");
    assert_string_equal(a->source, "Cloud Notes");
    assert_string_equal(a->id, "https://cloudnotes.example/hosted");
    assert_string_equal(a->text, "Hosted models come to a second cloud\n\n"
                        "A second cloud provider now hosts the models.\n"
                        "Prices match the first provider.");

    a = c.articles[2];
    assert_string_equal(a->id, "77");
    assert_int_equal(a->line, 7);
    assert_null(a->published); /* "yesterday": unknown, and no error */
    assert_string_equal(a->text, "Numeric ids are accepted.");

    const struct {
        unsigned long line;
        const char *words;
    } want[] = {
        {3, "field \"title\" is a number, expected a string"},
        {4, "neither \"text\" nor \"html\""},
        {5, "the record is an array, not a JSON object"},
        {8, "invalid JSON at column"},
        {9, "truncated record"},
    };
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(c.errors[i].line, want[i].line);
        assert_int_equal(c.errors[i].status, NF_EINPUT);
        assert_string_equal(c.errors[i].path, path);
        assert_non_null(strstr(c.errors[i].message, want[i].words));
    }
    collect_free(&c);
    nf_reader_conf_free(conf);
}

static void invalid_utf8_replaced(void **state)
{
    (void)state;
    /* a lone continuation byte, a truncated sequence, an overlong '/', a
     * NUL, and a valid 'é' that must stay */
    static const char in[] = "Caf\xc3\xa9 \x80 menu\n\xe2\x82 end \xc0\xaf x\0y";
    collect c = {0};
    assert_int_equal(read_mem(&c, in, sizeof in - 1, NF_FORMAT_TEXT, NULL), NF_OK);
    assert_int_equal(c.n_articles, 1);
    assert_string_equal(c.articles[0]->text,
        "Caf\xc3\xa9 \xef\xbf\xbd menu\n"
        "\xef\xbf\xbd\xef\xbf\xbd end \xef\xbf\xbd\xef\xbf\xbd x\xef\xbf\xbdy");
    assert_int_equal(c.articles[0]->text_len, strlen(c.articles[0]->text));
    /* the hash is of the raw bytes, not of the repaired text */
    char hash[33];
    nf_hash128_hex(hash, in, sizeof in - 1);
    assert_string_equal(c.articles[0]->hash, hash);
    collect_free(&c);

    /* JSON Lines: a bad byte inside a string does not lose the record */
    static const char rec[] = "{\"id\": \"u\", \"text\": \"bad \xff byte\"}\n";
    assert_int_equal(read_mem(&c, rec, sizeof rec - 1, NF_FORMAT_JSONL, NULL), NF_OK);
    assert_int_equal(c.n_articles, 1);
    assert_non_null(strstr(c.articles[0]->text, "bad \xef\xbf\xbd byte"));
    collect_free(&c);
}

static void empty_and_binary_rejected(void **state)
{
    (void)state;
    collect c = {0};
    assert_int_equal(read_mem(&c, "", 0, NF_FORMAT_TEXT, NULL), NF_OK);
    assert_int_equal(read_mem(&c, " \n\t\r\n", 5, NF_FORMAT_HTML, NULL), NF_OK);
    unsigned char bin[4096];
    srand(7);
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)rand();
    memcpy(bin, "\x89PNG\r\n\x1a\n", 8);
    assert_int_equal(read_mem(&c, (const char *)bin, sizeof bin, NF_FORMAT_AUTO, NULL), NF_OK);
    /* UTF-16: every other byte a NUL */
    static const char utf16[] = "H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0";
    assert_int_equal(read_mem(&c, utf16, sizeof utf16 - 1, NF_FORMAT_TEXT, NULL), NF_OK);
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_errors, 4);
    assert_string_equal(c.errors[0].message, "empty file");
    assert_string_equal(c.errors[1].message, "empty file");
    assert_non_null(strstr(c.errors[2].message, "binary file"));
    assert_non_null(strstr(c.errors[3].message, "binary file"));
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(c.errors[i].status, NF_EINPUT);
        assert_string_equal(c.errors[i].path, "mem");
        assert_int_equal(c.errors[i].line, 0);
    }
    collect_free(&c);
    /* a few stray bytes in real text are repaired, not a reason to reject */
    static const char mostly[] = "Quarterly results \x01\x02 beat \xff estimates by a wide margin.";
    assert_int_equal(read_mem(&c, mostly, sizeof mostly - 1, NF_FORMAT_TEXT, NULL), NF_OK);
    assert_int_equal(c.n_articles, 1);
    collect_free(&c);
}

static void size_limit(void **state)
{
    (void)state;
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.max_article_bytes = 100;
    char text[150];
    memset(text, 'x', sizeof text);
    collect c = {0};
    assert_int_equal(read_mem(&c, text, sizeof text, NF_FORMAT_TEXT, &opts), NF_OK);
    assert_int_equal(read_mem(&c, text, 100, NF_FORMAT_TEXT, &opts), NF_OK);
    assert_int_equal(c.n_articles, 1);
    assert_int_equal(c.n_errors, 1);
    assert_string_equal(c.errors[0].message, "150 bytes, larger than the limit of 100");
    collect_free(&c);
    /* JSON Lines: the limit is per record, the other records are read */
    char jl[400];
    int n = snprintf(jl, sizeof jl, "{\"text\": \"short\"}\n{\"text\": \"%0120d\"}\n{\"text\": \"also short\"}\n", 0);
    assert_int_equal(read_mem(&c, jl, (size_t)n, NF_FORMAT_JSONL, &opts), NF_OK);
    assert_int_equal(c.n_articles, 2);
    assert_int_equal(c.n_errors, 1);
    assert_int_equal(c.errors[0].line, 2);
    assert_non_null(strstr(c.errors[0].message, "larger than the limit of 100"));
    assert_string_equal(c.articles[1]->id, "mem:3"); /* no id, no URL */
    collect_free(&c);
    /* bad options */
    opts.version = 99;
    assert_int_equal(read_mem(&c, "x", 1, NF_FORMAT_TEXT, &opts), NF_EINVAL);
}

/* A 20 MB text file is read whole, under the default limit (32 MiB), and a
 * bigger one is refused without being read.  The reader's speed is measured
 * by bench/input_scaling; the test's timeout (meson.build) is a hang guard
 * only. */
static void big_text_file_within_default_limit(void **state)
{
    (void)state;
    const char *build = getenv("NF_BUILD_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/read/big-article.txt", build ? build : ".");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("A very long article\n", f);
    const char line[] = "Cloud capex rose again as operators raced to add GPU capacity in new regions.\n";
    size_t lines = (20u << 20) / (sizeof line - 1) + 1;
    for (size_t i = 0; i < lines; i++)
        fputs(line, f);
    long size = ftell(f);
    fclose(f);
    assert_true(size > 20L << 20);
    collect c = {0};
    assert_int_equal(nf_read_path(path, NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_articles, 1);
    const nf_article *a = c.articles[0];
    assert_int_equal(a->text_len, (size_t)size);
    assert_string_equal(a->title, "A very long article");
    /* the whole file, line by line */
    size_t hl = strlen("A very long article\n"), ll = sizeof line - 1;
    assert_memory_equal(a->text, "A very long article\n", hl);
    for (size_t i = 0; i < lines; i++)
        assert_memory_equal(a->text + hl + i * ll, line, ll);
    collect_free(&c);
    /* over the default 32 MiB: rejected without being read */
    assert_int_equal(truncate(path, (33L << 20)), 0);
    assert_int_equal(nf_read_path(path, NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_errors, 1);
    assert_string_equal(c.errors[0].message, "34603008 bytes, larger than the limit of 33554432");
    collect_free(&c);
    unlink(path);
}

static void directory_in_sorted_order(void **state)
{
    (void)state;
    collect c = {0};
    char root[4096];
    snprintf(root, sizeof root, "%s", data_path("tree"));
    assert_int_equal(nf_read_path(root, NULL, collect_article, collect_error, &c), NF_OK);
    char want[8][4200];
    snprintf(want[0], sizeof want[0], "A %s/a/10.txt", root);
    snprintf(want[1], sizeof want[1], "A %s/a/2.txt", root);
    snprintf(want[2], sizeof want[2], "A %s/b.html", root);
    snprintf(want[3], sizeof want[3], "A %s/c/README", root);
    snprintf(want[4], sizeof want[4], "E %s/c/blank.txt:0", root);
    snprintf(want[5], sizeof want[5], "A c-1");
    snprintf(want[6], sizeof want[6], "A c-2");
    snprintf(want[7], sizeof want[7], "A %s/z.txt", root);
    assert_int_equal(c.n_events, 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(c.events[i], want[i]);
    assert_string_equal(c.errors[0].message, "empty file");
    assert_int_equal(c.articles[2]->format, NF_FORMAT_HTML);  /* by extension */
    assert_int_equal(c.articles[3]->format, NF_FORMAT_TEXT);  /* sniffed */
    assert_int_equal(c.articles[4]->format, NF_FORMAT_JSONL); /* .ndjson */
    assert_int_equal(c.articles[4]->line, 1);
    collect_free(&c);

    /* the callback can stop the run */
    c.stop_after = 2;
    assert_int_equal(nf_read_path(root, NULL, collect_article, collect_error, &c), NF_OK);
    assert_int_equal(c.n_articles, 2);
    collect_free(&c);
}

static void missing_path_is_an_error(void **state)
{
    (void)state;
    collect c = {0};
    const char *path = data_path("no-such-file.txt");
    assert_int_equal(nf_read_path(path, NULL, collect_article, collect_error, &c),
                     NF_ENOTFOUND);
    assert_non_null(strstr(nf_errmsg(), path));
    assert_int_equal(c.n_errors, 0);
}

static void id_precedence(void **state)
{
    (void)state;
    collect c = {0};
    /* record id > record url > page canonical > og:url > path:line */
    static const char jl[] =
        "{\"id\": \"own-id\", \"url\": \"https://x.example/u\", \"text\": \"a\"}\n"
        "{\"url\": \"https://x.example/u\", \"html\": \"<link rel=canonical href='https://x.example/c'><p>b</p>\"}\n"
        "{\"html\": \"<meta property='og:url' content='https://x.example/og'><link rel=canonical href='https://x.example/c'><p>c</p>\"}\n"
        "{\"html\": \"<meta property='og:url' content='https://x.example/og'><p>d</p>\"}\n"
        "{\"text\": \"e\"}\n";
    assert_int_equal(read_mem(&c, jl, sizeof jl - 1, NF_FORMAT_JSONL, NULL), NF_OK);
    assert_int_equal(c.n_articles, 5);
    assert_string_equal(c.articles[0]->id, "own-id");
    assert_string_equal(c.articles[0]->url, "https://x.example/u");
    assert_string_equal(c.articles[1]->id, "https://x.example/u");
    assert_string_equal(c.articles[2]->id, "https://x.example/c");
    assert_string_equal(c.articles[3]->id, "https://x.example/og");
    assert_string_equal(c.articles[4]->id, "mem:5");
    collect_free(&c);
    /* a text file: the path as given */
    assert_int_equal(read_mem(&c, "Title\nbody\n", 11, NF_FORMAT_TEXT, NULL), NF_OK);
    assert_string_equal(c.articles[0]->id, "mem");
    collect_free(&c);
}

static void dates_normalised(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2025-06-03", "2025-06-03"},
        {"2025-06-03T14:05:09Z", "2025-06-03T14:05:09Z"},
        {"2025-06-03T14:05:09.123+0530", "2025-06-03T14:05:09+05:30"},
        {"2025-06-03 14:05", "2025-06-03T14:05:00"},
        {"2025/06/03", "2025-06-03"},
        {"Tue, 03 Jun 2025 14:05:09 GMT", "2025-06-03T14:05:09Z"},
        {"Tue, 03 Jun 2025 14:05:09 -0400", "2025-06-03T14:05:09-04:00"},
        {"3 June 2025", "2025-06-03"},
        {"Jun. 3, 2025", "2025-06-03"},
        {"2025-02-30", NULL},
        {"2025-13-01", NULL},
        {"soon", NULL},
        {"2025-06-03T14:05:09 and more", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rec[200];
        int n = snprintf(rec, sizeof rec, "{\"text\": \"t\", \"published\": \"%s\"}\n",
                         cases[i].in);
        collect c = {0};
        assert_int_equal(read_mem(&c, rec, (size_t)n, NF_FORMAT_JSONL, NULL), NF_OK);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.n_articles, 1);
        if (cases[i].out)
            assert_string_equal(c.articles[0]->published, cases[i].out);
        else
            assert_null(c.articles[0]->published);
        collect_free(&c);
    }
}

static void hash_and_formats(void **state)
{
    (void)state;
    char h1[33], h2[33], h3[33];
    nf_hash128_hex(h1, "article", 7);
    nf_hash128_hex(h2, "article", 7);
    nf_hash128_hex(h3, "articlf", 7);
    assert_int_equal(strlen(h1), 32);
    assert_int_equal(strspn(h1, "0123456789abcdef"), 32);
    assert_string_equal(h1, h2);
    assert_string_not_equal(h1, h3);
    /* XXH3-128 of no bytes, from xxHash's published test vectors */
    nf_hash128_hex(h1, "", 0);
    assert_string_equal(h1, "99aa06d3014798d86001c324468d497f");

    assert_int_equal(nf_format_from_path("a/b.HTM"), NF_FORMAT_HTML);
    assert_int_equal(nf_format_from_path("x.md"), NF_FORMAT_TEXT);
    assert_int_equal(nf_format_from_path("x.ndjson"), NF_FORMAT_JSONL);
    assert_int_equal(nf_format_from_path("dir.html/file"), NF_FORMAT_AUTO);
    assert_string_equal(nf_format_mime(NF_FORMAT_JSONL), "application/x-ndjson");
    collect c = {0};
    assert_int_equal(read_mem(&c, "  {\"text\": \"sniffed\"}\n", 23, NF_FORMAT_AUTO, NULL), NF_OK);
    assert_int_equal(read_mem(&c, "\xef\xbb\xbf<p>html</p>", 14, NF_FORMAT_AUTO, NULL), NF_OK);
    assert_int_equal(c.n_articles, 2);
    assert_int_equal(c.articles[0]->format, NF_FORMAT_JSONL);
    assert_int_equal(c.articles[1]->format, NF_FORMAT_HTML);
    assert_string_equal(c.articles[1]->text, "html");
    collect_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text),
        cmocka_unit_test(jsonl_records_and_bad_lines),
        cmocka_unit_test(invalid_utf8_replaced),
        cmocka_unit_test(empty_and_binary_rejected),
        cmocka_unit_test(size_limit),
        cmocka_unit_test(big_text_file_within_default_limit),
        cmocka_unit_test(directory_in_sorted_order),
        cmocka_unit_test(missing_path_is_an_error),
        cmocka_unit_test(id_precedence),
        cmocka_unit_test(dates_normalised),
        cmocka_unit_test(hash_and_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
