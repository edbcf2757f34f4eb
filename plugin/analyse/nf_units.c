/* Words and the punctuation between them, normalised for cue and pattern
 * matching (see nf_units.h). */
#include "nf_units.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define DASH "\xe2\x80\x94" /* U+2014, the one spelling of every dash */

int nf_punct_set_add(nf_punct_set *ps, const char *mark)
{
    if (strlen(mark) >= sizeof ps->v[0] || nf_punct_set_has(ps, mark))
        return NF_OK;
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 16;
        char (*v)[8] = realloc(ps->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory adding a punctuation mark");
        ps->v = v;
        ps->cap = cap;
    }
    strcpy(ps->v[ps->n++], mark);
    unsigned char c = (unsigned char)mark[0];
    if (c && c < 0x80 && !mark[1])
        ps->ascii[c >> 6] |= 1ull << (c & 63);
    return NF_OK;
}

int nf_punct_set_has(const nf_punct_set *ps, const char *mark)
{
    unsigned char c = (unsigned char)mark[0];
    if (c && c < 0x80 && !mark[1])
        return (ps->ascii[c >> 6] >> (c & 63)) & 1;
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->v[i], mark) == 0)
            return 1;
    return 0;
}

void nf_punct_set_free(nf_punct_set *ps)
{
    free(ps->v);
    ps->v = NULL;
    ps->n = ps->cap = 0;
    ps->ascii[0] = ps->ascii[1] = 0;
}

static int is_apostrophe(utf8proc_int32_t c)
{
    return c == 0x2019 || c == 0x2018 || c == 0x201B || c == 0x02BC || c == 0x2032;
}

static int is_dash(utf8proc_int32_t c)
{
    return c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015 || c == 0x2E3A;
}

static int is_space(utf8proc_int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c < 0x80)
        return 0;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || c == 0x200B || c == 0xFEFF;
}

static int is_alnum(utf8proc_int32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Append the normalised form of S[0..N) to B (lower case, straight
 * apostrophes, one dash); invalid bytes are copied as they are. */
static int normalise_into(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    size_t need = *len + n * 2 + 4; /* a dash may grow 1 byte to 3 */
    if (need > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < need)
            c *= 2;
        char *nb = realloc(*buf, c);
        if (!nb)
            return nf_set_error(NF_ENOMEM, "out of memory normalising text");
        *buf = nb;
        *cap = c;
    }
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {     /* ASCII: lower-casing is all there is to do */
            (*buf)[(*len)++] = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            (*buf)[(*len)++] = s[i++];
            continue;
        }
        i += (size_t)k;
        if (is_apostrophe(c))
            c = '\'';
        else if (is_dash(c))
            c = 0x2014;
        else
            c = utf8proc_tolower(c);
        *len += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)*buf + *len);
    }
    (*buf)[*len] = '\0';
    return NF_OK;
}

char *nf_units_normalise(const char *s)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (normalise_into(&buf, &len, &cap, s, strlen(s)) != NF_OK)
        return NULL;
    return buf;
}

static int push_unit(nf_units *u, const char *s, size_t n, uint32_t tok,
                     uint32_t flags, uint32_t sentence, int punct)
{
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        nf_unit *v = realloc(u->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory building text units");
        u->v = v;
        u->cap = cap;
    }
    size_t off = u->store_len;
    int rc = normalise_into(&u->store, &u->store_len, &u->store_cap, s, n);
    if (rc)
        return rc;
    u->store_len++; /* keep the NUL */
    u->v[u->n++] = (nf_unit){(uint32_t)off, tok, flags, sentence, 0, (uint8_t)punct};
    return NF_OK;
}

static int ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Emit the marks of the gap TEXT[G0..G1) that are in MARKS.  DIGITS says
 * the gap sits between two digits, where ",", "." and dashes are part of
 * a number or a range rather than punctuation. */
static int scan_gap(nf_units *u, const char *text, size_t g0, size_t g1, uint32_t next_tok,
                    uint32_t sentence, int digits, const nf_punct_set *marks)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t i = g0;
    int space_before = 0;
    uint32_t line = 0;         /* a line break seen so far in the gap */
    int number_gap = digits && g1 - g0 <= 3;
    while (i < g1) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = 1;
        if (p[i] < 0x80)
            c = p[i];       /* ASCII needs no decoding */
        else
            k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(g1 - i), &c);
        if (k <= 0) {
            i++;
            space_before = 0;
            continue;
        }
        size_t at = i;
        i += (size_t)k;
        if (is_space(c)) {
            space_before = 1;
            if (c == '\n' || c == 0x2028 || c == 0x2029)
                line = NF_TOK_NEWLINE_BEFORE;
            continue;
        }
        if (c == '-') {
            size_t run = 1;
            while (i < g1 && text[i] == '-') {
                i++;
                run++;
            }
            int space_after = 0;
            if (i < g1) {
                utf8proc_int32_t d;
                if (utf8proc_iterate(p + i, (utf8proc_ssize_t)(g1 - i), &d) > 0)
                    space_after = is_space(d);
            }
            if ((run >= 2 || space_before || space_after) && !number_gap &&
                nf_punct_set_has(marks, DASH)) {
                int rc = push_unit(u, DASH, 3, next_tok, line, sentence, 1);
                if (rc)
                    return rc;
                line = 0;
            }
            space_before = 0;
            continue;
        }
        space_before = 0;
        if (is_alnum(c))
            continue;
        if (number_gap && (c == ',' || c == '.' || is_dash(c)))
            continue;
        char mark[8];
        if (is_dash(c))
            memcpy(mark, DASH, 4);
        else if (is_apostrophe(c))
            memcpy(mark, "'", 2);
        else {
            memcpy(mark, text + at, (size_t)k);
            mark[k] = '\0';
        }
        size_t mlen = strlen(mark);
        if (nf_punct_set_has(marks, mark)) {
            /* only the first unit after a line break starts the line */
            int rc = push_unit(u, mark, mlen, next_tok, line, sentence, 1);
            if (rc)
                return rc;
            line = 0;
        }
    }
    return NF_OK;
}

int nf_units_build(nf_units *u, const nf_tokens *t, size_t tok_first, size_t tok_end,
                   size_t byte_start, size_t byte_end, const nf_punct_set *marks)
{
    u->n = 0;
    u->store_len = 0;
    u->wt = NULL;
    if (tok_end > t->n)
        tok_end = t->n;
    size_t prev_end = byte_start;
    for (size_t i = tok_first; i < tok_end; i++) {
        const nf_token *tk = &t->v[i];
        int digits = i > tok_first && tk->start > 0 && ascii_digit(t->text[prev_end - 1]) &&
                     ascii_digit(t->text[tk->start]);
        if (tk->start > prev_end) {
            int rc = scan_gap(u, t->text, prev_end, tk->start, (uint32_t)i,
                              i > tok_first ? t->v[i - 1].sentence : tk->sentence,
                              digits, marks);
            if (rc)
                return rc;
        }
        const char *term = nf_token_term(t, i);
        int rc = push_unit(u, term, tk->term_len, (uint32_t)i, tk->flags, tk->sentence, 0);
        if (rc)
            return rc;
        prev_end = tk->end;
    }
    if (byte_end > t->text_len)
        byte_end = t->text_len;
    if (byte_end > prev_end && tok_end > tok_first) {
        int rc = scan_gap(u, t->text, prev_end, byte_end, (uint32_t)tok_end,
                          t->v[tok_end - 1].sentence, 0, marks);
        if (rc)
            return rc;
    }
    return NF_OK;
}

void nf_units_free(nf_units *u)
{
    free(u->v);
    free(u->store);
    memset(u, 0, sizeof *u);
}

void nf_units_intern(nf_units *u, const nf_wordtab *wt)
{
    for (size_t i = 0; i < u->n; i++)
        u->v[i].word = nf_wordtab_find_str(wt, nf_unit_text(u, i));
    u->wt = wt;
}

size_t nf_units_find_token(const nf_units *u, uint32_t tok)
{
    size_t lo = 0, hi = u->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u->v[mid].tok < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo < u->n && u->v[lo].punct)
        lo++;
    return lo;
}
