/* The money and percent scanner.
 *
 * One pass over the text.  At each byte the trigger table says whether an
 * amount could start here (a digit, the first byte of a currency marker, of
 * a number word or of a vague phrase); everywhere else the loop just moves
 * on.  At a trigger the scanner reads one "expression":
 *
 *     [marker] number [scale [scale]] [currency word | percent word]
 *
 * with a bounded lookahead, then tries a range ("-", "to", "between X and
 * Y") with a second expression, and decides from what it saw whether it has
 * money, a percentage, or nothing.  The position then moves past what was
 * read, so every byte is looked at a bounded number of times.
 *
 * Why a number without a unit is never a value: years, versions, model
 * names, counts and phone numbers are all plain numbers; only a currency or
 * a percent word makes one an amount.  Scale abbreviations ("405B") need a
 * currency for the same reason.
 */
#include "nf_money_conf.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Bounds that keep the lookahead constant. */
enum { MAX_NUMBER_WORDS = 12, MAX_DIGITS = 40, MAX_SPACE_BYTES = 12 };

typedef struct expr {
    size_t start, end;        /* the surface form */
    size_t num_start;         /* where the digits begin */
    double number;
    int written;              /* the number is in words */
    int year_like;            /* 4 digits 1800..2199, no separators */
    int needs_unit;           /* "a", "half a": needs a scale or percent word */
    double scale;             /* product of scale words; 1 without */
    int has_scale;
    int currency;             /* index into conf->currencies, -1 none */
    int cur_prefix;           /* the currency marker came before the number */
    int cur_needs_scale;
    double cur_factor;        /* "cents": 0.01 */
    int percent;
    double pct_factor;        /* "basis points": 0.01 */
    int points;
    int negative;             /* "-5%" */
} expr;

typedef struct out_vec {
    nf_amount *v;
    size_t n, cap;
} out_vec;

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }

/* The code point ending just before POS, or -1. */
static utf8proc_int32_t prev_codepoint(const unsigned char *t, size_t pos, size_t *bytes)
{
    size_t i = pos, k = 0;
    while (i > 0 && k < 4 && (t[i - 1] & 0xC0) == 0x80) {
        i--;
        k++;
    }
    if (i == 0)
        return -1;
    i--;
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate(t + i, (utf8proc_ssize_t)(pos - i), &cp);
    if (r <= 0 || (size_t)r != pos - i)
        return -1;
    if (bytes)
        *bytes = pos - i;
    return cp;
}

/* Letters, marks, digits and currency signs glue to what follows. */
static int is_wordish(utf8proc_int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 128)
        return is_alnum((unsigned char)cp);
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) ||
           cat == UTF8PROC_CATEGORY_SC;
}

/* Nothing word-like right before POS. */
static int at_boundary(const unsigned char *t, size_t pos)
{
    if (pos == 0)
        return 1;
    if (t[pos - 1] < 128)
        return !is_alnum(t[pos - 1]);
    return !is_wordish(prev_codepoint(t, pos, NULL));
}

/* May a bare number start at POS (a digit)?  Sets *negative and moves
 * *start back over a sign that belongs to it ("-5%"). */
static int digit_start_ok(const unsigned char *t, size_t pos, int *negative, size_t *start)
{
    *negative = 0;
    *start = pos;
    if (pos == 0)
        return 1;
    unsigned char p = t[pos - 1];
    size_t sign_len = 0;
    if (p == '-' || p == '+')
        sign_len = 1;
    else if (pos >= 3 && t[pos - 3] == 0xE2 && t[pos - 2] == 0x88 && p == 0x92)
        sign_len = 3;                                   /* U+2212 minus */
    if (sign_len) {
        /* "GPT-4", "2024-25": a hyphen inside a word is no sign. */
        if (!at_boundary(t, pos - sign_len))
            return 0;
        size_t before = pos - sign_len;
        if (before > 0 && (t[before - 1] == '.' || t[before - 1] == ',' || t[before - 1] == '/'))
            return 0;
        *negative = p != '+';
        *start = before;
        return 1;
    }
    if (p == '/' && pos >= 2 && t[pos - 2] == '%')
        return 1;                                       /* "5%/6%" */
    switch (p) {
    case '.': case '/': case '\\': case '_': case '=': case '&': case '#':
    case '@': case '?': case '^': case '$': case '%': case '|':
        return 0;
    case ',': case ':':
        return !(pos >= 2 && is_digit(t[pos - 2]));
    default:
        break;
    }
    return at_boundary(t, pos);
}

/* Whitespace run at POS (at most one line break, bounded); returns its end. */
static size_t skip_space(const char *text, size_t len, size_t pos)
{
    size_t i = pos, k, newlines = 0;
    while (i - pos < MAX_SPACE_BYTES && (k = nf_money_space_at(text, len, i)) > 0) {
        if (text[i] == '\n' && ++newlines > 1)
            return pos;
        i += k;
    }
    return i;
}

/* Between a number and its unit: spaces, or one hyphen.  *hyphen says which. */
static size_t skip_sep(const char *text, size_t len, size_t pos, int *hyphen)
{
    const unsigned char *t = (const unsigned char *)text;
    *hyphen = 0;
    if (pos < len && t[pos] == '-') {
        *hyphen = 1;
        return pos + 1;
    }
    if (pos + 2 < len && t[pos] == 0xE2 && t[pos + 1] == 0x80 &&
        (t[pos + 2] == 0x90 || t[pos + 2] == 0x91)) {
        *hyphen = 1;
        return pos + 3;
    }
    return skip_space(text, len, pos);
}

/* Digits with optional thousands groups ("1,000,000", Indian "1,00,000")
 * and decimals.  Fails on versions ("1.2.3"), decimal commas ("1,5") and
 * fractions or dates ("5/10"). */
static int parse_digits(const char *text, size_t len, size_t pos, double *value,
                        size_t *end, int *year_like)
{
    const unsigned char *t = (const unsigned char *)text;
    char buf[MAX_DIGITS + 2];
    size_t nb = 0, i = pos;
    while (i < len && is_digit(t[i])) {
        if (nb >= MAX_DIGITS)
            return 0;
        buf[nb++] = (char)t[i++];
    }
    size_t first = i - pos, groups = 0, twos = 0, last_group = 0;
    /* Comma groups: remember how they look, then validate. */
    size_t j = i, nb_groups = nb;
    while (j + 1 < len && t[j] == ',' && is_digit(t[j + 1])) {
        size_t k = j + 1;
        while (k < len && is_digit(t[k]))
            k++;
        size_t g = k - j - 1;
        if (g != 2 && g != 3)
            break;
        if (nb_groups + g > MAX_DIGITS)
            return 0;
        memcpy(buf + nb_groups, t + j + 1, g);
        nb_groups += g;
        groups++;
        twos += g == 2;
        last_group = g;
        j = k;
    }
    if (groups) {
        int western = first <= 3 && twos == 0;
        int indian = first <= 2 && last_group == 3 && twos == groups - 1;
        if (western || indian) {
            nb = nb_groups;
            i = j;
        }
    }
    /* A comma still followed by a digit: a decimal comma or a list: not ours. */
    if (i + 1 < len && t[i] == ',' && is_digit(t[i + 1]) && !groups)
        return 0;
    if (i + 1 < len && t[i] == ',' && is_digit(t[i + 1]) && groups && i != j)
        return 0;
    int decimals = 0;
    if (i + 1 < len && t[i] == '.' && is_digit(t[i + 1])) {
        buf[nb++] = '.';
        i++;
        while (i < len && is_digit(t[i])) {
            if (nb >= MAX_DIGITS)
                return 0;
            buf[nb++] = (char)t[i++];
        }
        decimals = 1;
        if (i + 1 < len && (t[i] == '.' || t[i] == ',') && is_digit(t[i + 1]))
            return 0;                                   /* 1.2.3, 1.234,56 */
    }
    if (i + 1 < len && t[i] == '/' && is_digit(t[i + 1]))
        return 0;
    buf[nb] = '\0';
    *value = strtod(buf, NULL);
    *end = i;
    *year_like = !decimals && !groups && first == 4 && *value >= 1800 && *value < 2200;
    return 1;
}

typedef struct nwtok {
    int kind;
    double v;
    size_t end;
} nwtok;

/* Can number word W come after token PREV at all?  Stops the lookahead
 * early on runs like "a a a" or "one one one". */
static int may_follow(const nwtok *prev, const nf_money_phrase *w)
{
    switch (w->ref) {
    case NF_NW_ARTICLE:
        return prev->kind == NF_NW_FRACTION || prev->kind == NF_NW_LINK ||
               prev->kind == NF_NW_JOINER;
    case NF_NW_CARDINAL:
        return prev->kind == NF_NW_MULTIPLIER || prev->kind == NF_NW_JOINER ||
               (prev->kind == NF_NW_CARDINAL && prev->v >= 20 && w->factor < 10);
    case NF_NW_MULTIPLIER:
        return prev->kind == NF_NW_CARDINAL || prev->kind == NF_NW_ARTICLE;
    case NF_NW_FRACTION:
        return prev->kind == NF_NW_ARTICLE;
    case NF_NW_JOINER:
        return prev->kind == NF_NW_CARDINAL || prev->kind == NF_NW_MULTIPLIER;
    case NF_NW_LINK:
        return prev->kind == NF_NW_FRACTION;
    default:
        return 0;
    }
}

/* A number in words ("twenty-five", "two hundred and fifty", "a billion",
 * "half a", "two and a half", "a quarter of a").  *NEEDS_UNIT is set for
 * the forms that mean nothing without a following scale or percent word. */
static int parse_written(const struct nf_money_conf *c, const char *text, size_t len,
                         size_t pos, double *value, size_t *end, int *needs_unit)
{
    nwtok tk[MAX_NUMBER_WORDS];
    size_t n = 0, p = pos, which;
    while (n < MAX_NUMBER_WORDS) {
        size_t e = nf_phrase_list_match(&c->numbers, text, len, p, &which);
        if (!e || (n && !may_follow(&tk[n - 1], &c->numbers.v[which])))
            break;
        tk[n].kind = c->numbers.v[which].ref;
        tk[n].v = c->numbers.v[which].factor;
        tk[n].end = e;
        n++;
        int hyphen;
        size_t q = skip_sep(text, len, e, &hyphen);
        if (q == e || q >= len || !is_alpha((unsigned char)text[q]))
            break;
        p = q;
    }
    if (!n)
        return 0;
    *needs_unit = 0;
    size_t i = 0;
    double v = 0;
    int last = 0;                   /* 0 none, 1 unit, 2 teen, 3 tens, 4 multiplier */
    if (tk[0].kind == NF_NW_ARTICLE) {
        if (n > 1 && tk[1].kind == NF_NW_FRACTION) {          /* a half, a quarter of a */
            i = 2;
            if (i + 1 < n && tk[i].kind == NF_NW_LINK && tk[i + 1].kind == NF_NW_ARTICLE)
                i += 2;
            *value = tk[1].v;
            *end = tk[i - 1].end;
            *needs_unit = 1;
            return 1;
        }
        if (n > 1 && tk[1].kind == NF_NW_MULTIPLIER) {        /* a hundred, a dozen */
            v = tk[1].v;
            last = 4;
            i = 2;
        } else {                                              /* a billion */
            *value = 1;
            *end = tk[0].end;
            *needs_unit = 1;
            return 1;
        }
    } else if (tk[0].kind == NF_NW_FRACTION) {                /* half a, quarter of a */
        i = 1;
        if (i < n && tk[i].kind == NF_NW_LINK)
            i++;
        if (i >= n || tk[i].kind != NF_NW_ARTICLE)
            return 0;
        *value = tk[0].v;
        *end = tk[i].end;
        *needs_unit = 1;
        return 1;
    } else if (tk[0].kind != NF_NW_CARDINAL) {
        return 0;
    }
    size_t used = i;
    while (i < n) {
        if (tk[i].kind == NF_NW_CARDINAL) {
            int cls = tk[i].v < 10 ? 1 : tk[i].v < 20 ? 2 : 3;
            if (!(last == 0 || last == 4 || (last == 3 && cls == 1)))
                break;
            v += tk[i].v;
            last = cls;
            used = ++i;
        } else if (tk[i].kind == NF_NW_MULTIPLIER) {
            if (last == 0 || last == 4)
                break;
            v *= tk[i].v;
            last = 4;
            used = ++i;
        } else if (tk[i].kind == NF_NW_JOINER) {
            if (i + 1 < n && tk[i + 1].kind == NF_NW_CARDINAL && last == 4) {
                i++;                                          /* hundred and fifty */
                continue;
            }
            if (last && i + 2 < n && tk[i + 1].kind == NF_NW_ARTICLE &&
                tk[i + 2].kind == NF_NW_FRACTION) {           /* two and a half */
                v += tk[i + 2].v;
                used = i + 3;
            }
            break;
        } else {
            break;
        }
    }
    if (!used || last == 0)
        return 0;
    *value = v;
    *end = tk[used - 1].end;
    return 1;
}

static int is_hit(const expr *e)
{
    if (e->needs_unit && !e->has_scale && !e->percent)
        return 0;
    if (e->percent)
        return !e->has_scale && e->currency < 0;
    if (e->currency >= 0) {
        /* "in 2024 dollars" is a price level, not an amount. */
        if (!e->cur_prefix && e->year_like && !e->has_scale)
            return 0;
        return !e->cur_needs_scale || e->has_scale;
    }
    return 0;
}

/* Read one expression at POS.  AFTER_CONNECTOR: POS follows a range
 * connector, so the usual "nothing glued before" check is skipped.
 * Returns 1 when a number was read (with or without a unit). */
static int parse_expr(const struct nf_money_conf *c, const char *text, size_t len,
                      size_t pos, int after_connector, expr *e)
{
    const unsigned char *t = (const unsigned char *)text;
    memset(e, 0, sizeof *e);
    e->start = pos;
    e->currency = -1;
    e->scale = 1;
    e->cur_factor = 1;
    e->pct_factor = 1;
    size_t p = pos, which;

    if (!is_digit(t[pos])) {
        int boundary = after_connector || at_boundary(t, pos);
        size_t m = boundary ? nf_phrase_list_match(&c->before, text, len, pos, &which) : 0;
        if (m) {
            size_t q = skip_space(text, len, m);
            if (q >= len || !is_digit(t[q]))
                return 0;
            e->currency = c->before.v[which].ref;
            e->cur_prefix = 1;
            p = q;
        } else if (boundary && is_alpha(t[pos])) {
            size_t wend;
            if (!parse_written(c, text, len, pos, &e->number, &wend, &e->needs_unit))
                return 0;
            e->written = 1;
            p = wend;
        } else {
            return 0;
        }
    }
    if (!e->written) {
        size_t start = p;
        if (!e->cur_prefix && !after_connector &&
            !digit_start_ok(t, p, &e->negative, &start))
            return 0;
        if (!e->cur_prefix)
            e->start = start;
        e->num_start = p;
        if (!parse_digits(text, len, p, &e->number, &p, &e->year_like))
            return 0;
    }

    /* Letters glued to the digits must be a unit ("5bn", "5pc"), else the
     * number is part of a word: "10x", "4o", "405Bn", "5G", "3rd". */
    int glued_letter = !e->written && p < len && is_alpha(t[p]);
    size_t digits_end = p;

    int hyphen;
    size_t q;
    if (e->written) {
        q = skip_sep(text, len, p, &hyphen);
        if (nf_phrase_list_match(&c->vague, text, len, q, NULL))
            return 0;                                   /* "a billion-dollar deal" */
    }
    for (int k = 0; k < 2; k++) {
        size_t m = 0;
        if (k == 0 && !e->written)
            m = nf_phrase_list_match(&c->scales, text, len, p, &which);    /* glued */
        if (!m) {
            q = skip_sep(text, len, p, &hyphen);
            if (q == p)
                break;
            m = nf_phrase_list_match(&c->scales, text, len, q, &which);
            if (m && (c->scales.v[which].flags & NF_MP_SHORT) && c->scales.v[which].len < 2)
                m = 0;                                  /* "$5 m": too loose spaced */
        }
        if (!m)
            break;
        e->scale *= c->scales.v[which].factor;
        e->has_scale = 1;
        p = m;
    }

    /* A currency word after the number or scale. */
    {
        size_t m = 0;
        if (p < len && !is_alnum(t[p]))
            m = nf_phrase_list_match(&c->after, text, len, p, &which);
        if (!m) {
            q = skip_sep(text, len, p, &hyphen);
            if (q != p) {
                m = nf_phrase_list_match(&c->after, text, len, q, &which);
                if (m && hyphen && !is_alpha((unsigned char)c->after.v[which].text[0]))
                    m = 0;                              /* "€5bn-€10bn" is a range */
            }
        }
        if (m && (e->currency < 0 || e->currency == c->after.v[which].ref)) {
            if (e->currency < 0) {
                e->currency = c->after.v[which].ref;
                e->cur_factor = c->after.v[which].factor;
                e->cur_needs_scale = !!(c->after.v[which].flags & NF_MP_NEEDS_SCALE);
            }
            p = m;
        }
    }

    /* A percent word. */
    if (e->currency < 0 && !e->has_scale) {
        size_t m = nf_phrase_list_match(&c->percent, text, len, p, &which);     /* glued */
        if (!m) {
            q = skip_sep(text, len, p, &hyphen);
            if (q != p) {
                m = nf_phrase_list_match(&c->percent, text, len, q, &which);
                if (m && (c->percent.v[which].flags & NF_MP_GLUED))
                    m = 0;
            }
        }
        if (m) {
            e->percent = 1;
            e->pct_factor = c->percent.v[which].factor;
            e->points = !!(c->percent.v[which].flags & NF_MP_POINTS);
            p = m;
        }
    }
    if (glued_letter && p == digits_end)
        return 0;
    if (e->needs_unit && !e->has_scale && !e->percent)
        return 0;                                       /* "a", "half a" alone */
    e->end = p;
    return 1;
}

/* Match any phrase of L ending at END (spaces before END skipped); returns
 * the phrase's start, or (size_t)-1.  LO bounds the look back. */
static size_t match_back(const nf_phrase_list *l, const char *text, size_t lo,
                         size_t end, size_t *which)
{
    const unsigned char *t = (const unsigned char *)text;
    /* Spaces between the phrase and the amount. */
    size_t e = end;
    for (;;) {
        if (e > lo && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n' || t[e - 1] == '\r'))
            e--;
        else if (e >= lo + 2 && t[e - 2] == 0xC2 && t[e - 1] == 0xA0)
            e -= 2;
        else if (e >= lo + 3 && t[e - 3] == 0xE2 && t[e - 2] == 0x80 &&
                 ((t[e - 1] >= 0x80 && t[e - 1] <= 0x8A) || t[e - 1] == 0xAF))
            e -= 3;
        else
            break;
        if (end - e > MAX_SPACE_BYTES)
            return (size_t)-1;
    }
    for (size_t k = 0; k < l->n; k++) {
        const nf_money_phrase *ph = &l->v[k];
        if (ph->len > e - lo)
            continue;
        /* The phrase as written (single spaces) must end exactly at E. */
        size_t s = e - ph->len;
        size_t got = nf_money_match(text, e, s, ph->text, ph->len, l->how);
        int bounded = !is_alnum((unsigned char)ph->text[0]) || at_boundary(t, s);
        if (got == e && bounded) {
            if (which)
                *which = k;
            return s;
        }
    }
    return (size_t)-1;
}

static int emit(out_vec *o, const struct nf_money_conf *c, const expr *e,
                nf_qualifier q, int range_end)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        nf_amount *v = realloc(o->v, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "money: out of memory");
        o->v = v;
        o->cap = cap;
    }
    nf_amount *a = &o->v[o->n++];
    memset(a, 0, sizeof *a);
    if (e->percent) {
        a->kind = NF_AMOUNT_PERCENT;
        a->value = e->number * e->pct_factor * (e->negative ? -1 : 1);
        a->usd = a->value;
        a->points = e->points;
        a->start = (uint32_t)e->start;
    } else {
        a->kind = NF_AMOUNT_MONEY;
        a->value = e->number * e->scale * e->cur_factor;
        memcpy(a->currency, c->currencies[e->currency].code, 4);
        a->usd = a->value * c->currencies[e->currency].usd_per;
        /* A sign is not part of money: start at the marker or digits. */
        a->start = (uint32_t)(e->negative ? e->num_start : e->start);
    }
    a->end = (uint32_t)e->end;
    a->qualifier = q;
    a->range_end = range_end;
    return NF_OK;
}

/* Carry units across a range; 1 when E1 and E2 make a range. */
static int combine(expr *e1, expr *e2, int change)
{
    int h1 = is_hit(e1), h2 = is_hit(e2);
    int ordered = change || e1->number <= e2->number;
    if (h1 && h2) {
        if (e1->percent != e2->percent)
            return 0;
        if (e1->percent)
            return 1;
        if (e1->currency != e2->currency)
            return 0;
        if (!e1->has_scale && e2->has_scale && ordered) {   /* $5 to $10 billion */
            e1->scale = e2->scale;
            e1->has_scale = 1;
        }
        return 1;
    }
    if (!h1 && h2) {                                        /* 20-25%, 10 to 15 billion dollars */
        if (e1->currency >= 0 || e1->percent || e1->year_like || !ordered)
            return 0;
        if (e2->percent) {
            if (e1->has_scale)
                return 0;
            e1->percent = 1;
            e1->pct_factor = e2->pct_factor;
            e1->points = e2->points;
            return is_hit(e1);
        }
        if (e2->cur_prefix)                                 /* "2024 to $5bn" */
            return 0;
        e1->currency = e2->currency;
        e1->cur_factor = e2->cur_factor;
        if (!e1->has_scale) {
            e1->scale = e2->scale;
            e1->has_scale = e2->has_scale;
        }
        return is_hit(e1);
    }
    if (h1 && !h2) {                                        /* $10 to 13 billion, $10-15 */
        if (e1->percent || e2->currency >= 0 || e2->percent || e2->year_like)
            return 0;
        if (e1->has_scale && !e2->has_scale)
            return 0;
        if (!e1->has_scale && e2->has_scale) {
            if (!ordered)
                return 0;
            e1->scale = e2->scale;
            e1->has_scale = 1;
        }
        e2->currency = e1->currency;
        e2->cur_factor = e1->cur_factor;
        return is_hit(e2);
    }
    return 0;
}

/* Everything that starts at POS; *NEXT is where scanning resumes.
 * Returns 1 when something was consumed (amounts or a vague phrase). */
static int scan_at(out_vec *o, const struct nf_money_conf *c, const char *text,
                   size_t len, size_t pos, size_t *next, int *rc)
{
    const unsigned char *t = (const unsigned char *)text;
    *rc = NF_OK;
    size_t m = nf_phrase_list_match(&c->vague, text, len, pos, NULL);
    if (m && at_boundary(t, pos)) {
        *next = m;
        return 1;
    }
    expr e1, e2;
    if (!parse_expr(c, text, len, pos, 0, &e1))
        return 0;

    /* A range?  "between" is looked for only when "and" follows. */
    size_t lo = e1.start > 64 ? e1.start - 64 : 0, which;
    size_t between = (size_t)-1;
    size_t q = skip_space(text, len, e1.end);
    size_t cm = nf_phrase_list_match(&c->connectors, text, len, q, NULL);
    if (!cm && (cm = nf_phrase_list_match(&c->between_join, text, len, q, NULL))) {
        between = match_back(&c->between, text, lo, e1.start, NULL);
        if (between == (size_t)-1)
            cm = 0;
    }
    int have2 = 0, change = 0;
    if (cm) {
        size_t r = skip_space(text, len, cm);
        if (r < len && parse_expr(c, text, len, r, 1, &e2)) {
            change = match_back(&c->change_from, text, lo, e1.start, NULL) != (size_t)-1;
            have2 = combine(&e1, &e2, change);
        }
    }
    if (!have2 && !is_hit(&e1))
        return 0;

    /* The qualifier stands before the amount, or before "between". */
    size_t qual_end = between != (size_t)-1 ? between : e1.start;
    size_t qs = match_back(&c->qualifiers, text, qual_end > 64 ? qual_end - 64 : 0,
                           qual_end, &which);
    nf_qualifier qual = qs != (size_t)-1 ? (nf_qualifier)c->qualifiers.v[which].ref
                                         : NF_QUAL_NONE;
    if (have2) {
        if ((*rc = emit(o, c, &e1, qual, change ? 0 : 1)) ||
            (*rc = emit(o, c, &e2, qual, change ? 0 : 2)))
            return 1;
        *next = e2.end;
        return 1;
    }
    if ((*rc = emit(o, c, &e1, qual, 0)))
        return 1;
    *next = e1.end;
    return 1;
}

int nf_amounts_scan(nf_amount **out, size_t *n, const struct nf_money_conf *conf,
                    const char *text, size_t len)
{
    *out = NULL;
    *n = 0;
    if (!conf || (!text && len))
        return nf_set_error(NF_EINVAL, "nf_amounts_scan: no configuration or no text");
    if (len > UINT32_MAX)
        return nf_set_error(NF_EINVAL, "nf_amounts_scan: text longer than 4 GiB");
    const unsigned char *t = (const unsigned char *)text;
    out_vec o = {NULL, 0, 0};
    size_t i = 0;
    while (i < len) {
        unsigned char b = t[i];
        if (!conf->trigger[b]) {
            i++;
            continue;
        }
        if (is_alpha(b) && i > 0 && is_alnum(t[i - 1])) {
            while (i < len && is_alnum(t[i]))       /* inside a word */
                i++;
            continue;
        }
        size_t next = i;
        int rc;
        if (scan_at(&o, conf, text, len, i, &next, &rc)) {
            if (rc) {
                free(o.v);
                return rc;
            }
            i = next > i ? next : i + 1;
            continue;
        }
        if (is_alnum(b))
            while (i < len && is_alnum(t[i]))
                i++;
        else
            i++;
    }
    *out = o.v;
    *n = o.n;
    return NF_OK;
}
