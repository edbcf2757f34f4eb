/* Unit tests for the TermGenerator binding: which terms, stems and
 * positions stock Xapian writes through it, prefixes, position gaps, a
 * document added to a real database, and argument errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <newsfacet/nf_xapian.h>

#include "xtest_tmp.h"

/* One term of a document as nf_xdoc_terms reports it (gathered first:
 * cmocka asserts must not longjmp out of a callback through C++). */
struct term {
    char text[48];
    unsigned wdf;
    nf_termpos pos[4];
    size_t npos;
};
struct terms {
    struct term t[64];
    size_t n;
};

static int collect(void *ctx, const char *term, size_t len, unsigned wdf,
                   const nf_termpos *positions, size_t npos)
{
    struct terms *s = ctx;
    if (s->n == 64 || len >= sizeof s->t[0].text)
        return -1;
    struct term *t = &s->t[s->n++];
    memcpy(t->text, term, len);
    t->text[len] = '\0';
    t->wdf = wdf;
    t->npos = npos;
    for (size_t i = 0; i < npos && i < 4; i++)
        t->pos[i] = positions[i];
    return 0;
}

static const struct term *find(const struct terms *s, const char *text)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->t[i].text, text) == 0)
            return &s->t[i];
    return NULL;
}

static void terms_of(struct terms *s, nf_xdoc *doc)
{
    memset(s, 0, sizeof *s);
    assert_int_equal(nf_xdoc_terms(doc, collect, s), NF_OK);
}

static void index_str(nf_xtermgen *tg, const char *text, unsigned wdf,
                      const char *prefix)
{
    assert_int_equal(nf_xtermgen_index_text(tg, text, strlen(text), wdf,
                                            prefix), NF_OK);
}

/* Words lower-cased with positions from 1; STEM_SOME adds Z stems without
 * positions for every term that does not start with a digit (the test is
 * made on the lower-cased term, so capitalised words are stemmed too). */
static void test_terms_positions_and_stems(void **state)
{
    (void)state;
    nf_xtermgen *tg = NULL;
    nf_xdoc *doc = NULL;
    struct terms s;
    assert_int_equal(nf_xtermgen_new(&tg), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xtermgen_set_stemmer(tg, "english"), NF_OK);
    assert_int_equal(nf_xtermgen_set_document(tg, doc), NF_OK);
    index_str(tg, "Microsoft invested in running clouds, running 2025", 1, NULL);
    terms_of(&s, doc);

    const struct term *t = find(&s, "microsoft");
    assert_non_null(t);
    assert_int_equal(t->npos, 1);
    assert_int_equal(t->pos[0], 1);
    assert_non_null(find(&s, "Zmicrosoft"));
    assert_non_null(find(&s, "2025"));
    assert_null(find(&s, "Z2025"));             /* digits: no stem */
    t = find(&s, "running");
    assert_non_null(t);
    assert_int_equal(t->wdf, 2);
    assert_int_equal(t->npos, 2);
    assert_int_equal(t->pos[0], 4);
    assert_int_equal(t->pos[1], 6);
    t = find(&s, "Zrun");
    assert_non_null(t);
    assert_int_equal(t->npos, 0);
    assert_int_equal(t->wdf, 2);
    assert_non_null(find(&s, "Zcloud"));
    nf_termpos pos = 0;
    assert_int_equal(nf_xtermgen_get_termpos(tg, &pos), NF_OK);
    assert_int_equal(pos, 7);
    nf_xdoc_free(doc);
    nf_xtermgen_free(tg);
}

/* The layout's title/body pattern: S-prefixed title, a gap of 100, then
 * unprefixed text continuing after the gap; WDF_INC multiplies. */
static void test_prefix_gap_and_wdf(void **state)
{
    (void)state;
    nf_xtermgen *tg = NULL;
    nf_xdoc *doc = NULL;
    struct terms s;
    assert_int_equal(nf_xtermgen_new(&tg), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xtermgen_set_stemmer(tg, "english"), NF_OK);
    assert_int_equal(nf_xtermgen_set_document(tg, doc), NF_OK);
    index_str(tg, "clouds merge", 1, "S");
    assert_int_equal(nf_xtermgen_increase_termpos(tg, 100), NF_OK);
    index_str(tg, "clouds", 3, "");
    terms_of(&s, doc);

    const struct term *t = find(&s, "Sclouds");
    assert_non_null(t);
    assert_int_equal(t->pos[0], 1);
    assert_non_null(find(&s, "ZScloud"));
    assert_non_null(find(&s, "Smerge"));
    assert_non_null(find(&s, "ZSmerg"));
    t = find(&s, "clouds");
    assert_non_null(t);
    assert_int_equal(t->npos, 1);
    assert_int_equal(t->pos[0], 103);
    assert_int_equal(t->wdf, 3);
    nf_xdoc_free(doc);
    nf_xtermgen_free(tg);
}

/* "none" turns stemming off; a new document starts again at position 0;
 * the generator keeps its document alive after nf_xdoc_free. */
static void test_no_stemmer_and_new_document(void **state)
{
    (void)state;
    nf_xtermgen *tg = NULL;
    nf_xdoc *first = NULL, *second = NULL;
    struct terms s;
    assert_int_equal(nf_xtermgen_new(&tg), NF_OK);
    assert_int_equal(nf_xtermgen_set_stemmer(tg, "none"), NF_OK);
    assert_int_equal(nf_xdoc_new(&first), NF_OK);
    assert_int_equal(nf_xtermgen_set_document(tg, first), NF_OK);
    nf_xdoc_free(first);
    index_str(tg, "one two three", 1, NULL);     /* into the freed handle's doc */
    assert_int_equal(nf_xdoc_new(&second), NF_OK);
    assert_int_equal(nf_xtermgen_set_document(tg, second), NF_OK);
    index_str(tg, "running", 1, NULL);
    terms_of(&s, second);
    assert_int_equal(s.n, 1);                    /* no Z stem */
    assert_string_equal(s.t[0].text, "running");
    assert_int_equal(s.t[0].pos[0], 1);
    nf_xdoc_free(second);
    nf_xtermgen_free(tg);
}

/* A generated document in a real database, found by its terms. */
static void test_into_database(void **state)
{
    (void)state;
    const char *dir = xtest_mkdtemp();
    assert_non_null(dir);
    char path[512];
    xtest_path(path, sizeof path, dir, "db");
    nf_xdb *db = NULL;
    nf_xtermgen *tg = NULL;
    nf_xdoc *doc = NULL;
    nf_docid did = 0;
    unsigned freq = 0;
    assert_int_equal(nf_xdb_open_writable(&db, path,
        NF_XDB_CREATE_OR_OVERWRITE | NF_XDB_NO_SYNC), NF_OK);
    assert_int_equal(nf_xtermgen_new(&tg), NF_OK);
    assert_int_equal(nf_xtermgen_set_stemmer(tg, "english"), NF_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(nf_xdoc_new(&doc), NF_OK);
        assert_int_equal(nf_xtermgen_set_document(tg, doc), NF_OK);
        index_str(tg, i == 1 ? "azure capacity" : "oracle capacity", 1, NULL);
        assert_int_equal(nf_xdb_add_document(&did, db, doc), NF_OK);
        assert_int_equal(did, (nf_docid)i + 1);
        nf_xdoc_free(doc);
    }
    assert_int_equal(nf_xdb_commit(db), NF_OK);
    assert_int_equal(nf_xdb_termfreq(db, &freq, "capacity"), NF_OK);
    assert_int_equal(freq, 3);
    assert_int_equal(nf_xdb_termfreq(db, &freq, "Zazur"), NF_OK);
    assert_int_equal(freq, 1);
    nf_xtermgen_free(tg);
    nf_xdb_free(db);
    assert_int_equal(xtest_rmtree(dir), 0);
}

static void test_errors(void **state)
{
    (void)state;
    nf_xtermgen *tg = NULL;
    nf_xdoc *doc = NULL;
    nf_termpos pos = 99;
    assert_int_equal(nf_xtermgen_new(NULL), NF_EINVAL);
    assert_int_equal(nf_xtermgen_new(&tg), NF_OK);
    assert_int_equal(nf_xtermgen_set_stemmer(tg, "klingon"), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "klingon"));
    assert_int_equal(nf_xtermgen_set_stemmer(NULL, "english"), NF_EINVAL);
    assert_int_equal(nf_xtermgen_set_document(tg, NULL), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "doc"));
    assert_int_equal(nf_xtermgen_index_text(tg, NULL, 3, 1, NULL), NF_EINVAL);
    assert_int_equal(nf_xtermgen_index_text(NULL, "x", 1, 1, NULL), NF_EINVAL);
    assert_int_equal(nf_xtermgen_increase_termpos(NULL, 1), NF_EINVAL);
    assert_int_equal(nf_xtermgen_get_termpos(NULL, &pos), NF_EINVAL);
    assert_int_equal(pos, 0);
    /* empty text is fine and adds nothing */
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_xtermgen_set_document(tg, doc), NF_OK);
    assert_int_equal(nf_xtermgen_index_text(tg, NULL, 0, 1, NULL), NF_OK);
    struct terms s;
    terms_of(&s, doc);
    assert_int_equal(s.n, 0);
    nf_xdoc_free(doc);
    nf_xtermgen_free(tg);
    nf_xtermgen_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms_positions_and_stems),
        cmocka_unit_test(test_prefix_gap_and_wdf),
        cmocka_unit_test(test_no_stemmer_and_new_document),
        cmocka_unit_test(test_into_database),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
