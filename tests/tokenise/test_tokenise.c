/* Unit tests for the tokeniser: words (TermGenerator's rules), spans,
 * flags, sentences; invalid and exotic input; a very long line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse/nf_lang.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"

static struct nf_lang *lang;   /* the shipped schema/language.yaml */

static int load_lang(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/schema", root ? root : ".");
    if (nf_lang_load(&lang, path) != NF_OK) {
        fprintf(stderr, "cannot load language.yaml: %s\n", nf_errmsg());
        return -1;
    }
    return 0;
}

static int free_lang(void **state)
{
    (void)state;
    nf_lang_free(lang);
    return 0;
}

/* The terms of TEXT joined by '|'. */
static char *terms_of(const char *text, size_t len, const struct nf_lang *l)
{
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, text, len, l), NF_OK);
    nf_buf b = NF_BUF_INIT;
    for (size_t i = 0; i < t.n; i++) {
        if (i)
            nf_buf_putc(&b, '|');
        nf_buf_append(&b, nf_token_term(&t, i), t.v[i].term_len);
    }
    nf_tokens_free(&t);
    return nf_buf_detach(&b);
}

#define assert_terms(text, expected)                                     \
    do {                                                                 \
        char *got_ = terms_of(text, sizeof(text) - 1, lang);             \
        assert_string_equal(got_, expected);                             \
        free(got_);                                                      \
    } while (0)

/* The sentences of TEXT, each as its text, joined by " || ". */
static char *sentences_of(const char *text, const struct nf_lang *l)
{
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, text, strlen(text), l), NF_OK);
    nf_buf b = NF_BUF_INIT;
    for (size_t i = 0; i < t.nsentences; i++) {
        const nf_sentence *s = &t.sentences[i];
        if (i)
            nf_buf_puts(&b, " || ");
        nf_buf_append(&b, text + s->start, s->end - s->start);
    }
    nf_tokens_free(&t);
    return nf_buf_detach(&b);
}

#define assert_sentences(l, text, expected)                              \
    do {                                                                 \
        char *got_ = sentences_of(text, l);                              \
        assert_string_equal(got_, expected);                             \
        free(got_);                                                      \
    } while (0)

/* Structural invariants every tokenisation must satisfy. */
static void check_invariants(const nf_tokens *t)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const nf_token *k = &t->v[i];
        assert_true(k->start >= prev_end);
        assert_true(k->start < k->end);
        assert_true(k->end <= t->text_len);
        assert_true(k->term + k->term_len < t->terms_len + 1);
        assert_int_equal(t->terms[k->term + k->term_len], '\0');
        assert_int_equal(strlen(t->terms + k->term), k->term_len);
        assert_true(k->sentence < t->nsentences);
        if (i)
            assert_true(k->sentence >= t->v[i - 1].sentence);
        prev_end = k->end;
    }
    size_t covered = 0;
    for (size_t s = 0; s < t->nsentences; s++) {
        const nf_sentence *se = &t->sentences[s];
        assert_true(se->tok_count > 0);
        assert_int_equal(se->tok_first, covered);
        covered += se->tok_count;
        const nf_token *first = &t->v[se->tok_first];
        const nf_token *last = &t->v[se->tok_first + se->tok_count - 1];
        assert_true(se->start <= first->start);
        assert_true(se->end >= last->end);
        assert_true(se->end <= t->text_len);
        if (s)
            assert_true(se->start >= t->sentences[s - 1].end);
        for (uint32_t j = 0; j < se->tok_count; j++)
            assert_int_equal(t->v[se->tok_first + j].sentence, s);
    }
    assert_int_equal(covered, t->n);
}

static void words_follow_termgenerator(void **state)
{
    (void)state;
    assert_terms("Hello, World!", "hello|world");
    assert_terms("ÉCOLE Straße İstanbul", "école|straße|istanbul");
    assert_terms("snake_case x2 3rd", "snake_case|x2|3rd");
    assert_terms("1,000.50 and 3;4 but 1'2 and a,b", "1,000.50|and|3;4|but|1|2|and|a|b");
    assert_terms("AT&T M&S R&D", "at&t|m&s|r&d");
    assert_terms("C++ C# F# c++++ fish+chips x+ y#!", "c++|c#|f#|c|fish|chips|x+|y#");
    assert_terms("", "");
    assert_terms("  ... !!! ", "");
}

static void acronyms(void **state)
{
    (void)state;
    assert_terms("U.S.A. and P.T.O and the U.S.", "usa|and|pto|and|the|us");
    /* Not acronyms: a lower-case letter follows, or just one capital. */
    assert_terms("U.S.Army A.b I.", "u|s|army|a|b|i");
    assert_terms("e.g. i.e.", "e|g|i|e");
    nf_tokens t = {0};
    const char *s = "the U.S. Army";
    assert_int_equal(nf_tokenise(&t, s, strlen(s), lang), NF_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.v[1].start, 4);
    assert_int_equal(t.v[1].end, 7);        /* "U.S": the last dot is punctuation */
    assert_true(t.v[1].flags & NF_TOK_ALL_UPPER);
    nf_tokens_free(&t);
}

static void apostrophes(void **state)
{
    (void)state;
    assert_terms("OpenAI's Microsoft\xe2\x80\x99s rock\xe2\x80\x9bn",
                 "openai's|microsoft's|rock'n");
    /* Only between word characters; a quote mark around a word is not. */
    assert_terms("students' 'quoted' \xe2\x80\x98single\xe2\x80\x99",
                 "students|quoted|single");
    assert_terms("l\xc2\xb7l a\xe2\x80\xa7" "b", "l\xc2\xb7l|a\xe2\x80\xa7" "b");
}

static void zero_width_characters(void **state)
{
    (void)state;
    /* One zero-width character inside a word is dropped; two split it. */
    assert_terms("Open\xe2\x80\x8b" "AI Micro\xef\xbb\xbfsoft 12\xe2\x81\xa0" "34",
                 "openai|microsoft|1234");
    assert_terms("Open\xe2\x80\x8b\xe2\x80\x8b" "AI", "open|ai");
    assert_terms("\xe2\x80\x8b" "lead trail\xe2\x80\x8b", "lead|trail");
}

static void emoji_rtl_marks(void **state)
{
    (void)state;
    assert_terms("I \xe2\x9d\xa4\xef\xb8\x8f AI \xf0\x9f\x98\x80! \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" "ok",
                 "i|\xef\xb8\x8f|ai|ok");   /* VS16 (Mn) is a word character */
    /* Arabic and Hebrew: caseless letters, kept as written. */
    assert_terms("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
                 "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7|\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
    /* A combining acute accent belongs to its word (and is kept). */
    assert_terms("Ame\xcc\x81lie \xcc\x81x", "ame\xcc\x81lie|\xcc\x81x");
    /* RTL sentences split like any other: caseless letters start them. */
    assert_sentences(lang,
                     "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7. \xd9\x87\xd8\xb0\xd8\xa7",
                     "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7. || \xd9\x87\xd8\xb0\xd8\xa7");
}

static void invalid_utf8(void **state)
{
    (void)state;
    /* Stray continuation, truncated sequences, overlong '/', a surrogate,
     * beyond U+10FFFF: each bad byte is a non-word character. */
    const char s[] = "ab\x80" "cd \xe2\x82 ef\xc3 \xc0\xaf" "gh \xed\xa0\x80ij \xf5\x80\x80\x80kl\xf0\x9f";
    assert_terms(s, "ab|cd|ef|gh|ij|kl");
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, s, sizeof s - 1, lang), NF_OK);
    assert_int_equal(t.v[1].start, 3);
    assert_int_equal(t.v[1].end, 5);
    check_invariants(&t);
    /* Random bytes: no crash, invariants hold. */
    size_t n = 1 << 20;
    unsigned char *r = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        r[i] = (unsigned char)(x >> 16);
    }
    assert_int_equal(nf_tokenise(&t, (const char *)r, n, lang), NF_OK);
    assert_true(t.n > 1000);
    check_invariants(&t);
    nf_tokens_free(&t);
    free(r);
}

/* Random texts made of the pieces the sentence and word rules look at:
 * invariants hold whatever the order. */
static void random_pieces_keep_invariants(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        ". ", "! ", "?", "...", "\xe2\x80\xa6", "\xe3\x80\x82", "-", "-\n", " -\n",
        "\n", "\r\n", "\n\n", "\xe2\x80\xa8", " ", "\t", "\xc2\xa0", "U.S.", "Mr.",
        "e.g.", "Inc.", "The", "A", "word", "x", "1.5", "3", "\"", "\xe2\x80\x9c", "\xe2\x80\x9d",
        "'", "\xe2\x80\x99", "(", ")", "$", "\xe2\x80\x8b", "\xcc\x81", "C++", "#", "&",
        "\xe2", "\x80", "\xf0\x9f", "\xd9\x85", "\xc2\xad", "_",
    };
    size_t npieces = sizeof pieces / sizeof pieces[0];
    uint32_t x = 99;
    nf_tokens t = {0};
    for (int round = 0; round < 2000; round++) {
        nf_buf b = NF_BUF_INIT;
        x = x * 1103515245u + 12345u;
        int k = (int)(x >> 16) % 40;
        for (int i = 0; i < k; i++) {
            x = x * 1103515245u + 12345u;
            nf_buf_puts(&b, pieces[(x >> 16) % npieces]);
        }
        assert_int_equal(nf_tokenise(&t, b.data ? b.data : "", b.len, lang), NF_OK);
        check_invariants(&t);
        nf_buf_free(&b);
    }
    nf_tokens_free(&t);
}

static void byte_offsets_and_flags(void **state)
{
    (void)state;
    const char *s = "Die \xc3\x9c" "berbank NASA 3D ok";
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, s, strlen(s), lang), NF_OK);
    assert_int_equal(t.n, 5);
    assert_int_equal(t.v[1].start, 4);
    assert_int_equal(t.v[1].end, 13);
    assert_memory_equal(s + t.v[1].start, "\xc3\x9c" "berbank", 9);
    assert_string_equal(nf_token_term(&t, 1), "\xc3\xbc" "berbank");
    assert_int_equal(t.v[1].flags, NF_TOK_UPPER_INITIAL);
    assert_int_equal(t.v[2].flags, NF_TOK_UPPER_INITIAL | NF_TOK_ALL_UPPER);
    assert_int_equal(t.v[3].flags, NF_TOK_DIGIT_INITIAL);
    assert_int_equal(t.v[4].flags, 0);
    check_invariants(&t);
    nf_tokens_free(&t);
}

static void lines_and_hyphens(void **state)
{
    (void)state;
    const char *s = "revenue-sharing Micro-\nsoft end -\nNext\n\nPara";
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, s, strlen(s), lang), NF_OK);
    assert_int_equal(t.n, 7);
    assert_int_equal(t.v[1].flags & NF_TOK_JOINED_BEFORE, NF_TOK_JOINED_BEFORE);
    assert_int_equal(t.v[2].flags & NF_TOK_JOINED_BEFORE, 0);
    /* "Micro-\nsoft": joined, a line break, and still one sentence. */
    assert_string_equal(nf_token_term(&t, 3), "soft");
    assert_int_equal(t.v[3].flags & (NF_TOK_JOINED_BEFORE | NF_TOK_NEWLINE_BEFORE),
                     NF_TOK_JOINED_BEFORE | NF_TOK_NEWLINE_BEFORE);
    assert_int_equal(t.v[3].sentence, t.v[2].sentence);
    /* "end -\nNext": a dash after a blank is no hyphenation. */
    assert_int_equal(t.v[5].flags & NF_TOK_JOINED_BEFORE, 0);
    assert_int_equal(t.v[5].sentence, t.v[4].sentence + 1);
    assert_int_equal(t.v[5].flags & NF_TOK_PARA_BEFORE, 0);
    assert_int_equal(t.v[6].flags & (NF_TOK_PARA_BEFORE | NF_TOK_NEWLINE_BEFORE),
                     NF_TOK_PARA_BEFORE | NF_TOK_NEWLINE_BEFORE);
    check_invariants(&t);
    nf_tokens_free(&t);
    /* CRLF counts as one line break: no paragraph. */
    const char *c = "one\r\ntwo\r\n\r\nthree";
    assert_int_equal(nf_tokenise(&t, c, strlen(c), lang), NF_OK);
    assert_int_equal(t.v[1].flags, NF_TOK_NEWLINE_BEFORE);
    assert_int_equal(t.v[2].flags, NF_TOK_NEWLINE_BEFORE | NF_TOK_PARA_BEFORE);
    assert_int_equal(t.nsentences, 3);
    nf_tokens_free(&t);
}

static void sentences(void **state)
{
    (void)state;
    assert_sentences(lang, "Mr. Smith went to Washington. He said hi.",
                     "Mr. Smith went to Washington. || He said hi.");
    assert_sentences(lang, "It rose 1.5 percent to $2.4 billion. Shares fell.",
                     "It rose 1.5 percent to $2.4 billion. || Shares fell.");
    assert_sentences(lang, "Visit gogoai.xin or https://ex.com/a.b.c today. Then go.",
                     "Visit gogoai.xin or https://ex.com/a.b.c today. || Then go.");
    assert_sentences(lang, "Microsoft Corp. CEO Satya Nadella spoke. Apple Inc. The deal closed.",
                     "Microsoft Corp. CEO Satya Nadella spoke. || Apple Inc. || The deal closed.");
    assert_sentences(lang, "It grew in the U.S. The rest did not.",
                     "It grew in the U.S. || The rest did not.");
    assert_sentences(lang, "J. R. R. Tolkien and Satya N. Nadella met, e.g. Azure vs. AWS.",
                     "J. R. R. Tolkien and Satya N. Nadella met, e.g. Azure vs. AWS.");
    assert_sentences(lang, "Headline here\nBody starts here. More follows; It goes on.",
                     "Headline here || Body starts here. || More follows; It goes on.");
    assert_sentences(lang, "\"Done.\" Then (he left). 'Why?' asked she. Wait... the end. "
                           "Really?! \xe2\x80\x9cYes.\xe2\x80\x9d $5bn was paid.",
                     "\"Done.\" || Then (he left). || 'Why?' asked she. || Wait... the end. || "
                     "Really?! || \xe2\x80\x9cYes.\xe2\x80\x9d || $5bn was paid.");
    assert_sentences(lang, "It ends in apple pie. xAI says no. but this goes on.",
                     "It ends in apple pie. || xAI says no. but this goes on.");
    assert_sentences(lang, "Sales rose\xe2\x80\xa6 Then fell. In 2024. 2025 too",
                     "Sales rose\xe2\x80\xa6 || Then fell. || In 2024. || 2025 too");
    assert_sentences(lang, "- Retail AI: shops.\n- Health AI: records  \n",
                     "Retail AI: shops. || Health AI: records");
    /* CJK full stops need no blank after them. */
    assert_sentences(lang, "\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x82\xe6\x97\xa5\xe6\x9c\xac",
                     "\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x82 || \xe6\x97\xa5\xe6\x9c\xac");
    /* Without language data, "Mr." ends a sentence: the list is data. */
    assert_sentences(NULL, "Mr. Smith left.", "Mr. || Smith left.");
}

static void long_words_and_reuse(void **state)
{
    (void)state;
    char buf[300];
    memset(buf, 'a', 65);
    memcpy(buf + 65, " ok ", 4);
    memset(buf + 69, 'b', 64);
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, buf, 133, lang), NF_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.v[0].term_len, 65);     /* kept; the writer skips it */
    assert_int_equal(t.v[2].term_len, 64);
    /* The same nf_tokens again for another text. */
    assert_int_equal(nf_tokenise(&t, "x y", 3, lang), NF_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(nf_token_term(&t, 1), "y");
    assert_int_equal(t.nsentences, 1);
    nf_tokens_free(&t);
    assert_null(t.v);
    assert_int_equal(nf_tokenise(&t, NULL, 0, lang), NF_OK);
    assert_int_equal(t.n, 0);
    assert_int_equal(t.nsentences, 0);
    nf_tokens_free(&t);
}

/* A million tokens on one line, one sentence: every token and the one
 * sentence come out right.  This guards against work that grows with the
 * line or the sentence (rescanning from its start at every token): such a
 * tokeniser would take ~10^12 steps here and be stopped by the test's
 * timeout (meson.build), a hang guard only.  The tokeniser's speed is
 * measured by bench/input_scaling, not here. */
static void million_token_line(void **state)
{
    (void)state;
    size_t words = 1000000;
    char *s = malloc(words * 6);
    size_t n = 0;
    for (size_t i = 0; i < words; i++) {
        const char *w = i % 7 ? "word " : "Mr. A ";
        memcpy(s + n, w, strlen(w));
        n += strlen(w);
    }
    nf_tokens t = {0};
    assert_int_equal(nf_tokenise(&t, s, n, lang), NF_OK);
    /* "Mr. A" is two tokens, and "Mr." does not end the sentence. */
    assert_int_equal(t.n, words + words / 7 + 1);
    assert_int_equal(t.nsentences, 1);
    check_invariants(&t);
    /* Every token is where the pattern puts it: "word" or "Mr." "A". */
    size_t k = 0, off = 0;
    for (size_t i = 0; i < words; i++) {
        if (i % 7) {
            assert_int_equal(t.v[k].start, off);
            assert_string_equal(nf_token_term(&t, k), "word");
            k++;
            off += 5;
        } else {
            assert_int_equal(t.v[k].start, off);
            assert_int_equal(t.v[k + 1].start, off + 4);
            k += 2;
            off += 6;
        }
    }
    assert_int_equal(k, t.n);
    nf_tokens_free(&t);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_follow_termgenerator),
        cmocka_unit_test(acronyms),
        cmocka_unit_test(apostrophes),
        cmocka_unit_test(zero_width_characters),
        cmocka_unit_test(emoji_rtl_marks),
        cmocka_unit_test(invalid_utf8),
        cmocka_unit_test(random_pieces_keep_invariants),
        cmocka_unit_test(byte_offsets_and_flags),
        cmocka_unit_test(lines_and_hyphens),
        cmocka_unit_test(sentences),
        cmocka_unit_test(long_words_and_reuse),
        cmocka_unit_test(million_token_line),
    };
    return cmocka_run_group_tests(tests, load_lang, free_lang);
}
