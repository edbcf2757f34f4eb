/* Unit tests for the TermGenerator-compatible term writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse/nf_stem.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "index/nf_termgen.h"

/* "term:wdf:pos,pos;" for every term of a document, in order. */
static int show_term(void *ctx, const char *term, size_t len, unsigned wdf,
                     const nf_termpos *pos, size_t npos)
{
    nf_buf *b = ctx;
    nf_buf_append(b, term, len);
    nf_buf_printf(b, ":%u:", wdf);
    for (size_t i = 0; i < npos; i++)
        nf_buf_printf(b, "%s%u", i ? "," : "", pos[i]);
    nf_buf_putc(b, ';');
    return 0;
}

static char *index_fields(const char *title, const char *text, nf_stemmer *st,
                          nf_termpos *end_pos)
{
    nf_tokens a = {0}, b = {0};
    nf_xdoc *doc;
    assert_int_equal(nf_tokenise(&a, title, strlen(title), NULL), NF_OK);
    assert_int_equal(nf_tokenise(&b, text, strlen(text), NULL), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    nf_termpos pos = 0;
    assert_int_equal(nf_termgen_index(doc, &a, "S", st, &pos), NF_OK);
    nf_termgen_increase_termpos(&pos, 100);
    assert_int_equal(nf_termgen_index(doc, &b, NULL, st, &pos), NF_OK);
    *end_pos = pos;
    nf_buf out = NF_BUF_INIT;
    assert_int_equal(nf_xdoc_terms(doc, show_term, &out), NF_OK);
    nf_xdoc_free(doc);
    nf_tokens_free(&a);
    nf_tokens_free(&b);
    return nf_buf_detach(&out);
}

static void title_and_text_layout(void **state)
{
    (void)state;
    nf_stemmer *st;
    assert_int_equal(nf_stemmer_new(&st, "english"), NF_OK);
    nf_termpos end;
    char *got = index_fields("Clouds 2025", "Clouds running; clouds 3x", st, &end);
    /* Positions 1-2 for the title, then +100, then 103...; stems without
     * positions, and none for terms starting with a digit. */
    assert_string_equal(got,
                        "3x:1:106;S2025:1:2;Sclouds:1:1;ZScloud:1:;Zcloud:2:;Zrun:1:;"
                        "clouds:2:103,105;running:1:104;");
    assert_int_equal(end, 106);
    free(got);
    nf_stemmer_free(st);
}

static void long_words_take_no_position(void **state)
{
    (void)state;
    char text[200];
    memset(text, 'x', 65);
    strcpy(text + 65, " after");
    nf_termpos end;
    char *got = index_fields("", text, NULL, &end);   /* no stemmer: no Z terms */
    assert_string_equal(got, "after:1:101;");
    assert_int_equal(end, 101);
    free(got);
}

static void prefix_limit(void **state)
{
    (void)state;
    nf_tokens t = {0};
    nf_xdoc *doc;
    char prefix[NF_TERMGEN_PREFIX_MAX + 2];
    memset(prefix, 'X', sizeof prefix - 1);
    prefix[sizeof prefix - 1] = '\0';
    assert_int_equal(nf_tokenise(&t, "a", 1, NULL), NF_OK);
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    nf_termpos pos = 0;
    assert_int_equal(nf_termgen_index(doc, &t, prefix, NULL, &pos), NF_EINVAL);
    assert_non_null(strstr(nf_errmsg(), "prefix"));
    nf_xdoc_free(doc);
    nf_tokens_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_and_text_layout),
        cmocka_unit_test(long_words_take_no_position),
        cmocka_unit_test(prefix_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
