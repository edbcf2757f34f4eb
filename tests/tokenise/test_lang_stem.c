/* Unit tests for language.yaml loading and the stemmer wrapper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analyse/nf_lang.h"
#include "analyse/nf_stem.h"
#include "core/nf_error.h"

static void shipped_language_file_loads(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    struct nf_lang *l;
    assert_int_equal(nf_lang_load(&l, dir), NF_OK);
    assert_int_equal(nf_lang_abbrev(l, "Mr.", 3), NF_ABBREV_NEVER_FINAL);
    assert_int_equal(nf_lang_abbrev(l, "e.g.", 4), NF_ABBREV_NEVER_FINAL);
    assert_int_equal(nf_lang_abbrev(l, "E.g.", 4), NF_ABBREV_NEVER_FINAL);
    assert_int_equal(nf_lang_abbrev(l, "Inc.", 4), NF_ABBREV_MAY_END);
    assert_int_equal(nf_lang_abbrev(l, "U.S.", 4), NF_ABBREV_MAY_END);
    assert_int_equal(nf_lang_abbrev(l, "Apple.", 6), NF_ABBREV_NONE);
    assert_int_equal(nf_lang_abbrev(l, "mr.", 3), NF_ABBREV_NONE);  /* case-sensitive */
    assert_true(nf_lang_is_starter(l, "The", 3));
    assert_false(nf_lang_is_starter(l, "the", 3));
    assert_false(nf_lang_is_starter(l, "CEO", 3));
    nf_lang_free(l);
    assert_int_equal(nf_lang_abbrev(NULL, "Mr.", 3), NF_ABBREV_NONE);
}

/* Load TEXT as a language file; returns the status, the message in MSG. */
static int load_text(const char *text, char *path, size_t pathsz)
{
    snprintf(path, pathsz, "/tmp/nf-lang-test-%ld.yaml", (long)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    struct nf_lang *l = NULL;
    int rc = nf_lang_load_file(&l, path);
    nf_lang_free(l);
    remove(path);
    return rc;
}

static void language_file_errors_name_file_and_line(void **state)
{
    (void)state;
    char path[256], want[300];
    assert_int_equal(load_text("abbreviations:\n  - Mr.\n  - Dr\n", path, sizeof path),
                     NF_ESCHEMA);
    snprintf(want, sizeof want, "%s:3:", path);
    assert_non_null(strstr(nf_errmsg(), want));
    assert_non_null(strstr(nf_errmsg(), "'Dr'"));

    assert_int_equal(load_text("abbreviations: [Mr.]\nstarters: [The]\n", path, sizeof path),
                     NF_ESCHEMA);
    snprintf(want, sizeof want, "%s:2:", path);
    assert_non_null(strstr(nf_errmsg(), want));
    assert_non_null(strstr(nf_errmsg(), "unknown key 'starters'"));

    assert_int_equal(load_text("sentence_starters: The\n", path, sizeof path), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "must be a list"));

    assert_int_equal(load_text("abbreviations: [Mr., \"e. g.\"]\n", path, sizeof path),
                     NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), "blanks"));

    assert_int_equal(load_text("abbreviations: [Mr.\n", path, sizeof path), NF_ESCHEMA);
    assert_non_null(strstr(nf_errmsg(), path));

    struct nf_lang *l = NULL;
    assert_int_equal(nf_lang_load(&l, "/nonexistent-schema-dir"), NF_ENOTFOUND);
    assert_non_null(strstr(nf_errmsg(), "/nonexistent-schema-dir/language.yaml"));
    assert_null(l);
}

static void stems_english(void **state)
{
    (void)state;
    nf_stemmer *st;
    assert_int_equal(nf_stemmer_new(&st, "english"), NF_OK);
    assert_non_null(st);
    static const char *const pairs[][2] = {
        {"running", "run"}, {"partnerships", "partnership"}, {"openai's", "openai"},
        {"exclusivity", "exclus"}, {"clouds", "cloud"}, {"running", "run"},
        {"\xc3\xa9t\xc3\xa9s", "\xc3\xa9t\xc3\xa9s"},  /* as Xapian::Stem */
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *out;
        size_t n;
        assert_int_equal(nf_stemmer_stem(st, pairs[i][0], strlen(pairs[i][0]), &out, &n),
                         NF_OK);
        assert_int_equal(n, strlen(pairs[i][1]));
        assert_memory_equal(out, pairs[i][1], n);
    }
    nf_stemmer_free(st);
}

/* The cache must never change a result: stem many words (colliding in
 * the cache) in two orders with two stemmers and compare. */
static void cache_is_transparent(void **state)
{
    (void)state;
    enum { N = 20000 };
    static char words[N][16];
    static char first[N][40];
    nf_stemmer *a, *b;
    assert_int_equal(nf_stemmer_new(&a, "english"), NF_OK);
    assert_int_equal(nf_stemmer_new(&b, "english"), NF_OK);
    static const char *const suffix[] = {"ing", "ed", "s", "ation", "ly", "ness", ""};
    for (int i = 0; i < N; i++)
        snprintf(words[i], sizeof words[i], "w%c%c%s", 'a' + i % 26, 'a' + (i / 26) % 26,
                 suffix[(i / 676) % 7]);
    for (int i = 0; i < N; i++) {
        const char *out;
        size_t n;
        assert_int_equal(nf_stemmer_stem(a, words[i], strlen(words[i]), &out, &n), NF_OK);
        assert_true(n < sizeof first[i]);
        memcpy(first[i], out, n);
        first[i][n] = '\0';
    }
    for (int r = 0; r < 2; r++) {
        for (int i = N - 1; i >= 0; i--) {
            const char *out;
            size_t n;
            nf_stemmer *st = r ? a : b;
            assert_int_equal(nf_stemmer_stem(st, words[i], strlen(words[i]), &out, &n),
                             NF_OK);
            assert_int_equal(n, strlen(first[i]));
            assert_memory_equal(out, first[i], n);
        }
    }
    nf_stemmer_free(a);
    nf_stemmer_free(b);
}

static void stemmer_languages(void **state)
{
    (void)state;
    nf_stemmer *st = (nf_stemmer *)1;
    assert_int_equal(nf_stemmer_new(&st, "none"), NF_OK);
    assert_null(st);
    assert_int_equal(nf_stemmer_new(&st, ""), NF_OK);
    assert_null(st);
    assert_int_equal(nf_stemmer_new(&st, "klingon"), NF_EINVAL);
    assert_null(st);
    assert_non_null(strstr(nf_errmsg(), "'klingon'"));
    assert_int_equal(nf_stemmer_new(&st, "french"), NF_OK);
    const char *out;
    size_t n;
    assert_int_equal(nf_stemmer_stem(st, "continuellement", 15, &out, &n), NF_OK);
    assert_true(n < 15);
    nf_stemmer_free(st);
    nf_stemmer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_language_file_loads),
        cmocka_unit_test(language_file_errors_name_file_and_line),
        cmocka_unit_test(stems_english),
        cmocka_unit_test(cache_is_transparent),
        cmocka_unit_test(stemmer_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
