/* Word units and the gaps between them (see nf_words.h).  Everything here
 * works on UTF-8 through utf8proc so that names written with curly
 * apostrophes, non-breaking spaces or accented letters compare like their
 * plain ASCII spellings. */
#include "nf_words.h"
#include "core/nf_error.h"

#include <string.h>
#include <utf8proc.h>

/* Decode one code point at TEXT[i] (never past TO); invalid bytes count as
 * one U+FFFD so a walk always advances. */
static size_t decode(const char *text, size_t i, size_t to, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                          (utf8proc_ssize_t)(to - i), cp);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)n;
}

static int is_word_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_apostrophe(utf8proc_int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2018;
}

int nf_words_each(const char *text, size_t from, size_t to, nf_word_fn fn, void *ctx)
{
    size_t i = from;
    size_t prev_end = (size_t)-1;    /* end of the previous unit */
    while (i < to) {
        utf8proc_int32_t cp;
        size_t n = decode(text, i, to, &cp);
        if (!is_word_cp(cp)) {
            i += n;
            continue;
        }
        size_t start = i;
        while (i < to) {
            n = decode(text, i, to, &cp);
            if (!is_word_cp(cp))
                break;
            i += n;
        }
        /* A lone s right after "unit'" is a possessive or "it's": drop it. */
        if (i - start == 1 && (text[start] == 's' || text[start] == 'S') &&
            prev_end != (size_t)-1 && start > prev_end) {
            utf8proc_int32_t gap_cp;
            size_t g = decode(text, prev_end, start, &gap_cp);
            if (prev_end + g == start && is_apostrophe(gap_cp))
                continue;
        }
        int rc = fn(ctx, start, i);
        if (rc)
            return rc;
        prev_end = i;
    }
    return 0;
}

int nf_word_lower(nf_buf *out, const char *text, size_t start, size_t end)
{
    size_t i = start;
    while (i < end) {
        utf8proc_int32_t cp;
        size_t n = decode(text, i, end, &cp);
        if (cp < 0x80) {
            char c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (nf_buf_putc(out, c))
                return NF_ENOMEM;
        } else {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
            if (nf_buf_append(out, (const char *)enc, (size_t)m))
                return NF_ENOMEM;
        }
        i += n;
    }
    return NF_OK;
}

int nf_word_upper_initial(const char *text, size_t start, size_t end)
{
    if (start >= end)
        return 0;
    utf8proc_int32_t cp;
    decode(text, start, end, &cp);
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int nf_word_capitalised(const char *text, size_t start, size_t end)
{
    if (start >= end)
        return 0;
    utf8proc_int32_t cp;
    decode(text, start, end, &cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_ND;
}

int nf_word_exact(nf_buf *out, const char *text, size_t start, size_t end)
{
    size_t i = start;
    while (i < end) {
        utf8proc_int32_t cp;
        size_t n = decode(text, i, end, &cp);
        if (is_word_cp(cp) && nf_buf_append(out, text + i, n))
            return NF_ENOMEM;
        i += n;
    }
    return NF_OK;
}

static int is_space_cp(utf8proc_int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' ||
           cp == '\v' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Punctuation that ends a phrase: nothing on either side of it belongs to
 * one name or gives context to the other. */
static int is_break_cp(utf8proc_int32_t cp)
{
    switch (cp) {
    case ',': case ';': case ':': case '!': case '?': case '(': case ')':
    case '[': case ']': case '{': case '}': case '"': case '|': case '<': case '>':
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
    case 0x2013: case 0x2014: case 0x2026: case 0x2022:
        return 1;
    default:
        return 0;
    }
}

static int is_hyphen_cp(utf8proc_int32_t cp)
{
    return cp == '-' || cp == 0x00AD || cp == 0x2010 || cp == 0x2011;
}

nf_gap nf_words_gap(const char *text, size_t from, size_t to)
{
    int newlines = 0, hyphen = 0, blank = 0;
    size_t others = 0;
    size_t i = from;
    while (i < to) {
        utf8proc_int32_t cp;
        size_t n = decode(text, i, to, &cp);
        if (is_break_cp(cp))
            return NF_GAP_BREAK;
        if (cp == '.' && i + n < to) {
            /* "Vast.ai" keeps going; ". " ends a sentence. */
            utf8proc_int32_t next;
            decode(text, i + n, to, &next);
            if (is_space_cp(next))
                return NF_GAP_BREAK;
        }
        if (cp == '\n') {
            if (newlines && blank)
                return NF_GAP_BREAK;    /* a blank line: new paragraph */
            newlines++;
            blank = 1;           /* until something visible shows up */
        } else if (is_space_cp(cp)) {
            /* spaces keep a line blank */
        } else {
            blank = 0;
            others++;
        }
        if (is_hyphen_cp(cp))
            hyphen = 1;
        i += n;
    }
    if (hyphen && newlines)
        return NF_GAP_HYPHEN_BREAK;
    /* Runs of spaces (justified or re-wrapped text) still join a name;
     * several visible symbols ("Google / / Cloud") do not. */
    if (others > 3)
        return NF_GAP_LOOSE;
    return NF_GAP_TIGHT;
}
