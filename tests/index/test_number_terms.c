/* Unit tests for numbers as trie terms: a range query must match a number
 * exactly when the number lies in the range, at every class boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/nf_buf.h"
#include "index/nf_number_terms.h"

static int collect(void *ctx, const char *term, size_t len, unsigned wdf,
                   const nf_termpos *pos, size_t npos)
{
    (void)wdf; (void)pos; (void)npos;
    nf_buf *b = ctx;
    nf_buf_putc(b, ' ');
    nf_buf_append(b, term, len);
    nf_buf_putc(b, ' ');
    return 0;
}

/* " term1  term2 ... " of the document holding KEY. */
static char *doc_terms(uint64_t key, size_t *nterms)
{
    nf_xdoc *doc = NULL;
    assert_int_equal(nf_xdoc_new(&doc), NF_OK);
    assert_int_equal(nf_number_terms_add(doc, "XN#", key), NF_OK);
    nf_buf b = NF_BUF_INIT;
    assert_int_equal(nf_xdoc_terms(doc, collect, &b), NF_OK);
    nf_xdoc_free(doc);
    *nterms = 0;
    for (size_t i = 0; i < b.len; i++)
        *nterms += b.data[i] == 'X';
    return nf_buf_detach(&b);
}

/* Does the OR-of-terms query for [lo, hi] hold one of the terms in TERMS? */
static int matches(const char *terms, uint64_t lo, uint64_t hi)
{
    nf_xquery *q = NULL;
    char *desc = NULL;
    assert_int_equal(nf_number_range_query(&q, "XN#", lo, hi), NF_OK);
    assert_int_equal(nf_xquery_describe(&desc, q), NF_OK);
    nf_xquery_free(q);
    int hit = 0;
    /* Query((XN#c123 OR XN#d1 ...)): split at blanks and parentheses. */
    for (char *tok = strtok(desc, " ()"); tok && !hit; tok = strtok(NULL, " ()")) {
        if (strncmp(tok, "XN#", 3) != 0)
            continue;
        char want[64];
        snprintf(want, sizeof want, " %s ", tok);
        hit = strstr(terms, want) != NULL;
    }
    free(desc);
    return hit;
}

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Keys near class boundaries (16^k - 1, 16^k, 16^k + 1) and typical ones. */
static uint64_t pick(uint64_t *s)
{
    int k = (int)(rnd(s) % 16);
    uint64_t base = (uint64_t)1 << (4 * k);
    switch (rnd(s) % 4) {
    case 0: return base - 1 + rnd(s) % 3;
    case 1: return rnd(s) % (base * 16 > base ? base * 16 : base);
    case 2: return base * (1 + rnd(s) % 15);
    default: return rnd(s) % 100000;
    }
}

static void test_range_is_exact(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252ull;
    for (int i = 0; i < 300; i++) {
        uint64_t key = pick(&seed);
        if (key > NF_NUMBER_KEY_MAX)
            key = NF_NUMBER_KEY_MAX;
        size_t n;
        char *terms = doc_terms(key, &n);
        for (int j = 0; j < 8; j++) {
            uint64_t a = pick(&seed), b = pick(&seed);
            if (j == 0) { a = key; b = key; }            /* exactly the key */
            if (j == 1) { a = key + 1; b = NF_NUMBER_KEY_MAX; }
            if (j == 2) { a = 0; b = key ? key - 1 : 0; }
            int want = a <= key && key <= (b > NF_NUMBER_KEY_MAX ? NF_NUMBER_KEY_MAX : b);
            if (j == 2 && key == 0)
                want = 1;                                /* [0, 0] holds 0 */
            if (matches(terms, a, b) != want)
                fail_msg("key %llu, range [%llu, %llu]: match %d, want %d",
                         (unsigned long long)key, (unsigned long long)a,
                         (unsigned long long)b, !want, want);
        }
        free(terms);
    }
}

/* One term per significant hex digit plus the class term, not 16. */
static void test_terms_per_number(void **state)
{
    (void)state;
    size_t n;
    char *t = doc_terms(20000, &n);       /* 20% in thousandths: 0x4e20 */
    assert_int_equal(n, 5);
    assert_non_null(strstr(t, " XN#d4e20 "));
    assert_non_null(strstr(t, " XN#d "));
    free(t);
    t = doc_terms(0, &n);
    assert_int_equal(n, 2);
    free(t);
}

static void test_empty_range(void **state)
{
    (void)state;
    size_t n;
    char *t = doc_terms(5, &n);
    assert_false(matches(t, 6, 5));
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_is_exact),
        cmocka_unit_test(test_terms_per_number),
        cmocka_unit_test(test_empty_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
