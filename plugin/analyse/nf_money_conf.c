/* Loading money.yaml: currencies, scales, written numbers, percent words,
 * qualifiers, vague phrases, range words and the dated USD rate table.
 * Every mistake is reported as "money.yaml:LINE: what is wrong". */
#include "nf_money_conf.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keys each kind of phrase entry may carry when written as a map. */
enum {
    KEY_FACTOR = 1u << 0,
    KEY_NEEDS_SCALE = 1u << 1,
    KEY_POINTS = 1u << 2,
    KEY_GLUED = 1u << 3
};

static const char *const qualifier_names[] = {
    "", "more_than", "less_than", "about", "nearly", "up_to", "at_least", "at_most"
};

const char *nf_qualifier_name(nf_qualifier q)
{
    if ((int)q < 0 || (size_t)q >= sizeof qualifier_names / sizeof *qualifier_names)
        return "";
    return qualifier_names[q];
}

static void list_free(nf_phrase_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    free(l->idx);
    memset(l, 0, sizeof *l);
}

void nf_money_conf_free(struct nf_money_conf *c)
{
    if (!c)
        return;
    nf_phrase_list *lists[] = {&c->before, &c->after, &c->scales, &c->percent,
                               &c->numbers, &c->qualifiers, &c->vague,
                               &c->connectors, &c->between, &c->between_join,
                               &c->change_from};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        list_free(lists[i]);
    for (size_t i = 0; i < c->nrates; i++) {
        free(c->rates[i].codes);
        free(c->rates[i].usd_per);
    }
    free(c->rates);
    free(c->currencies);
    free(c->path);
    free(c);
}

static int oom(const nf_yaml *y)
{
    return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
}

static int list_add(nf_phrase_list *l, nf_yaml *y, yaml_node_t *node,
                    const char *text, int ref, double factor, unsigned flags)
{
    size_t n = strlen(text);
    if (n == 0)
        return nf_yaml_error(y, node, "empty phrase");
    if (text[0] == ' ' || text[n - 1] == ' ' || strstr(text, "  "))
        return nf_yaml_error(y, node, "phrase '%s' has leading, trailing or double spaces", text);
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        nf_money_phrase *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return oom(y);
        l->v = v;
        l->cap = cap;
    }
    nf_money_phrase *p = &l->v[l->n];
    if (!(p->text = strdup(text)))
        return oom(y);
    p->len = n;
    p->ref = ref;
    p->factor = factor;
    p->flags = flags;
    p->line = nf_yaml_line(node);
    l->n++;
    return NF_OK;
}

static int by_length_desc(const void *a, const void *b)
{
    const nf_money_phrase *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    /* Keep file order among equal lengths (line, then text for a total order). */
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->text, y->text);
}

static void set_pair(nf_phrase_list *l, unsigned char b0, unsigned char c)
{
    unsigned k = (unsigned)b0 << 8 | c;
    l->pair[k >> 3] |= (uint8_t)(1u << (k & 7));
}

static unsigned char other_case(unsigned char b)
{
    return (unsigned char)(islower(b) ? toupper(b) : tolower(b));
}

/* Could text byte C follow the first byte of phrase P (see nf_money_match)? */
static int may_be_second(const nf_money_phrase *p, unsigned how, int c)
{
    unsigned char b0 = (unsigned char)p->text[0], b1 = (unsigned char)p->text[1];
    int letter = c < 128 && isalpha(c), digit = c < 128 && isdigit(c);
    if (b1 == '\0')            /* "a", "k": a word boundary follows */
        return !letter && !(digit && !((how & NF_MATCH_DIGIT_AFTER) && isalpha(b0)));
    if (b1 == ' ')              /* any whitespace, see nf_money_space_at */
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2 ||
               c == 0xE3;
    if (b1 == '-')              /* any hyphen */
        return c == '-' || c == 0xE2;
    return c == b1 || ((how & NF_MATCH_ICASE) && b1 < 128 && isalpha(b1) && c == other_case(b1));
}

/* The two-byte prefilter of nf_phrase_list_match(). */
static void build_pair_filter(nf_phrase_list *l)
{
    int icase = !!(l->how & NF_MATCH_ICASE);
    memset(l->pair, 0, sizeof l->pair);
    memset(l->any_second, 0, sizeof l->any_second);
    for (size_t i = 0; i < l->n; i++) {
        unsigned char b0 = (unsigned char)l->v[i].text[0];
        int fold = icase && b0 < 128 && isalpha(b0);
        if (l->v[i].text[1] == '\0' && !(b0 < 128 && isalnum(b0))) {
            l->any_second[b0] = 1;      /* "$", "%": anything may follow */
            continue;
        }
        for (int c = 0; c < 256; c++) {
            if (!may_be_second(&l->v[i], l->how, c))
                continue;
            set_pair(l, b0, (unsigned char)c);
            if (fold)
                set_pair(l, other_case(b0), (unsigned char)c);
        }
    }
}

/* Sort longest first and index by first byte. */
static int list_index(nf_phrase_list *l, unsigned how)
{
    l->how = how;
    int icase = !!(how & NF_MATCH_ICASE);
    /* Drop markers that lost an 'ambiguous' decision (ref -1). */
    size_t keep = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].ref < 0)
            free(l->v[i].text);
        else
            l->v[keep++] = l->v[i];
    }
    l->n = keep;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_length_desc);
    uint32_t count[256] = {0};
    for (size_t i = 0; i < l->n; i++) {
        unsigned char b = (unsigned char)l->v[i].text[0];
        count[b]++;
        if (icase && isalpha(b) && b < 128)
            count[islower(b) ? toupper(b) : tolower(b)]++;
    }
    uint32_t total = 0;
    for (int b = 0; b < 256; b++) {
        l->off[b] = total;
        total += count[b];
    }
    l->off[256] = total;
    free(l->idx);
    l->idx = malloc((total ? total : 1) * sizeof *l->idx);
    if (!l->idx)
        return nf_set_error(NF_ENOMEM, "money: out of memory");
    build_pair_filter(l);
    uint32_t fill[256];
    memcpy(fill, l->off, sizeof fill);
    for (size_t i = 0; i < l->n; i++) {
        unsigned char b = (unsigned char)l->v[i].text[0];
        l->idx[fill[b]++] = (uint32_t)i;
        if (icase && isalpha(b) && b < 128) {
            unsigned char o = (unsigned char)(islower(b) ? toupper(b) : tolower(b));
            l->idx[fill[o]++] = (uint32_t)i;
        }
    }
    return NF_OK;
}

static int parse_number(double *out, nf_yaml *y, yaml_node_t *node, const char *what)
{
    const char *s = nf_yaml_scalar(node);
    if (!s)
        return nf_yaml_error(y, node, "%s must be a number, not a list or map", what);
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v <= 0)
        return nf_yaml_error(y, node, "%s must be a positive number, got '%s'", what, s);
    *out = v;
    return NF_OK;
}

/* One phrase entry: a scalar, or a map {word: ..., factor: ..., ...} with
 * the keys ALLOWED permits. */
static int parse_entry(const char **text, double *factor, unsigned *flags,
                       nf_yaml *y, yaml_node_t *node, unsigned allowed)
{
    *text = nf_yaml_scalar(node);
    if (*text)
        return NF_OK;
    if (!node || node->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, node, "expected a phrase or a map with 'word'");
    const char *keys[6];
    size_t nkeys = 0;
    keys[nkeys++] = "word";
    if (allowed & KEY_FACTOR)
        keys[nkeys++] = "factor";
    if (allowed & KEY_NEEDS_SCALE)
        keys[nkeys++] = "needs_scale";
    if (allowed & KEY_POINTS)
        keys[nkeys++] = "points";
    if (allowed & KEY_GLUED)
        keys[nkeys++] = "glued";
    keys[nkeys] = NULL;
    int rc = nf_yaml_check_keys(y, node, "a phrase entry", keys);
    if (rc || (rc = nf_yaml_get_string(text, y, node, "word", 1)))
        return rc;
    yaml_node_t *f = nf_yaml_get(y, node, "factor");
    if (f && (rc = parse_number(factor, y, f, "'factor'")))
        return rc;
    int b = 0;
    if ((rc = nf_yaml_get_bool(&b, y, node, "needs_scale", 0)))
        return rc;
    if (b)
        *flags |= NF_MP_NEEDS_SCALE;
    b = 0;
    if ((rc = nf_yaml_get_bool(&b, y, node, "points", 0)))
        return rc;
    if (b)
        *flags |= NF_MP_POINTS;
    b = 0;
    if ((rc = nf_yaml_get_bool(&b, y, node, "glued", 0)))
        return rc;
    if (b)
        *flags |= NF_MP_GLUED;
    return NF_OK;
}

/* A sequence of phrase entries (NODE may be absent when !REQUIRED). */
static int load_seq(nf_phrase_list *l, nf_yaml *y, yaml_node_t *parent,
                    yaml_node_t *node, const char *key, int required,
                    int ref, double factor, unsigned flags, unsigned allowed)
{
    if (!node) {
        if (required)
            return nf_yaml_error(y, parent, "missing required key '%s'", key);
        return NF_OK;
    }
    if (node->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, node, "'%s' must be a list", key);
    for (size_t i = 0; i < nf_yaml_seq_len(node); i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, node, i);
        const char *text;
        double f = factor;
        unsigned fl = flags;
        int rc = parse_entry(&text, &f, &fl, y, item, allowed);
        if (rc || (rc = list_add(l, y, item, text, ref, f, fl)))
            return rc;
    }
    return NF_OK;
}

static int find_currency(const struct nf_money_conf *c, const char *code)
{
    for (size_t i = 0; i < c->ncurrencies; i++)
        if (!strcmp(c->currencies[i].code, code))
            return (int)i;
    return -1;
}

static int valid_code(const char *s)
{
    return s && strlen(s) == 3 && isupper((unsigned char)s[0]) &&
           isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]);
}

static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* A marker listed under two currencies must be settled by 'ambiguous'. */
static int resolve_ambiguous(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *amb,
                             nf_phrase_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t j = i + 1; j < l->n; j++) {
            nf_money_phrase *a = &l->v[i], *b = &l->v[j];
            if (strcmp(a->text, b->text) || a->ref == b->ref || a->ref < 0 || b->ref < 0)
                continue;
            yaml_node_t *pick = nf_yaml_get(y, amb, a->text);
            const char *code = nf_yaml_scalar(pick);
            if (!code) {
                char msg[160];
                snprintf(msg, sizeof msg, "'%s' is listed for both %s and %s: say which one "
                         "it means under 'ambiguous'", a->text,
                         c->currencies[a->ref].code, c->currencies[b->ref].code);
                return nf_set_error(NF_ESCHEMA, "%s:%u: %s", y->path, b->line, msg);
            }
            int want = find_currency(c, code);
            if (want != a->ref && want != b->ref)
                return nf_yaml_error(y, pick, "'%s' is not listed for currency '%s'",
                                     a->text, code);
            /* The loser is disabled (ref -1) and never matches. */
            if (a->ref == want)
                b->ref = -1;
            else
                a->ref = -1;
        }
    }
    return NF_OK;
}

static int load_currencies(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *seq = nf_yaml_get(y, root, "currencies");
    if (!seq)
        return nf_yaml_error(y, root, "missing required key 'currencies'");
    if (seq->type != YAML_SEQUENCE_NODE || nf_yaml_seq_len(seq) == 0)
        return nf_yaml_error(y, seq, "'currencies' must be a non-empty list");
    size_t n = nf_yaml_seq_len(seq);
    c->currencies = calloc(n, sizeof *c->currencies);
    if (!c->currencies)
        return oom(y);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        if (!item || item->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, item, "a currency must be a map with 'code', 'before', 'after'");
        static const char *const currency_keys[] = {"code", "before", "after", NULL};
        const char *code = NULL;
        int rc = nf_yaml_check_keys(y, item, "a currency", currency_keys);
        if (rc || (rc = nf_yaml_get_string(&code, y, item, "code", 1)))
            return rc;
        if (!valid_code(code))
            return nf_yaml_error(y, nf_yaml_get(y, item, "code"),
                                 "currency code '%s' is not three capital letters (ISO 4217)", code);
        if (find_currency(c, code) >= 0)
            return nf_yaml_error(y, item, "currency '%s' is listed twice", code);
        int ref = (int)c->ncurrencies;
        memcpy(c->currencies[ref].code, code, 4);
        c->currencies[ref].line = nf_yaml_line(item);
        c->ncurrencies++;
        if ((rc = load_seq(&c->before, y, item, nf_yaml_get(y, item, "before"), "before",
                           0, ref, 1.0, 0, 0)) ||
            (rc = load_seq(&c->after, y, item, nf_yaml_get(y, item, "after"), "after",
                           0, ref, 1.0, 0, KEY_FACTOR | KEY_NEEDS_SCALE)))
            return rc;
    }
    yaml_node_t *amb = nf_yaml_get(y, root, "ambiguous");
    if (amb && amb->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, amb, "'ambiguous' must be a map: marker: CODE");
    int rc = resolve_ambiguous(c, y, amb, &c->before);
    if (rc || (rc = resolve_ambiguous(c, y, amb, &c->after)))
        return rc;
    return NF_OK;
}

static int load_scales(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *seq = nf_yaml_get(y, root, "scales");
    if (!seq)
        return nf_yaml_error(y, root, "missing required key 'scales'");
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "'scales' must be a list");
    for (size_t i = 0; i < nf_yaml_seq_len(seq); i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        if (!item || item->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, item, "a scale must be a map with 'factor', 'words', 'short'");
        static const char *const scale_keys[] = {"factor", "words", "short", NULL};
        int rc = nf_yaml_check_keys(y, item, "a scale", scale_keys);
        if (rc)
            return rc;
        yaml_node_t *f = nf_yaml_get(y, item, "factor");
        if (!f)
            return nf_yaml_error(y, item, "missing required key 'factor'");
        double factor;
        if ((rc = parse_number(&factor, y, f, "'factor'")) ||
            (rc = load_seq(&c->scales, y, item, nf_yaml_get(y, item, "words"), "words",
                           0, 0, factor, 0, 0)) ||
            (rc = load_seq(&c->scales, y, item, nf_yaml_get(y, item, "short"), "short",
                           0, 0, factor, NF_MP_SHORT, 0)))
            return rc;
    }
    return NF_OK;
}

/* numbers: {cardinals: {one: 1}, multipliers: {...}, fractions: {...},
 * articles: [...], joiners: [...], links: [...]} */
static int load_numbers(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *map = nf_yaml_get(y, root, "numbers");
    if (!map)
        return NF_OK;   /* digits only */
    if (map->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, map, "'numbers' must be a map");
    /* number_keys[p] is parts[p]'s key */
    static const char *const number_keys[] = {"cardinals", "multipliers", "fractions",
                                              "articles", "joiners", "links", NULL};
    static const struct { int kind; int valued; } parts[] = {
        {NF_NW_CARDINAL, 1}, {NF_NW_MULTIPLIER, 1}, {NF_NW_FRACTION, 1},
        {NF_NW_ARTICLE, 0}, {NF_NW_JOINER, 0}, {NF_NW_LINK, 0},
    };
    int rc = nf_yaml_check_keys(y, map, "'numbers'", number_keys);
    if (rc)
        return rc;
    for (size_t k = 0; k < nf_yaml_map_len(map); k++) {
        const char *key = nf_yaml_scalar(nf_yaml_map_key(y, map, k));
        size_t p = 0;
        while (strcmp(key, number_keys[p]))
            p++;
        yaml_node_t *v = nf_yaml_map_value(y, map, k);
        if (!parts[p].valued) {
            rc = load_seq(&c->numbers, y, map, v, key, 1, parts[p].kind, 1.0, 0, 0);
            if (rc)
                return rc;
            continue;
        }
        if (!v || v->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, v, "'%s' must be a map: word: value", key);
        for (size_t i = 0; i < nf_yaml_map_len(v); i++) {
            yaml_node_t *wn = nf_yaml_map_key(y, v, i);
            const char *word = nf_yaml_scalar(wn);
            double val;
            if (!word)
                return nf_yaml_error(y, wn, "a number word must be a plain word");
            if ((rc = parse_number(&val, y, nf_yaml_map_value(y, v, i), "a number word's value")) ||
                (rc = list_add(&c->numbers, y, wn, word, parts[p].kind, val, 0)))
                return rc;
        }
    }
    return NF_OK;
}

static int load_qualifiers(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *map = nf_yaml_get(y, root, "qualifiers");
    if (!map)
        return NF_OK;
    if (map->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, map, "'qualifiers' must be a map: kind: [phrases]");
    for (size_t k = 0; k < nf_yaml_map_len(map); k++) {
        yaml_node_t *kn = nf_yaml_map_key(y, map, k);
        const char *key = nf_yaml_scalar(kn);
        int q = 0;
        for (int i = 1; i < (int)(sizeof qualifier_names / sizeof *qualifier_names); i++)
            if (key && !strcmp(key, qualifier_names[i]))
                q = i;
        if (!q)
            return nf_yaml_error(y, kn, "unknown qualifier '%s' (expected more_than, less_than, "
                                 "about, nearly, up_to, at_least, at_most)", key ? key : "?");
        int rc = load_seq(&c->qualifiers, y, map, nf_yaml_map_value(y, map, k), key, 1,
                          q, 1.0, 0, 0);
        if (rc)
            return rc;
    }
    return NF_OK;
}

static int load_ranges(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *map = nf_yaml_get(y, root, "ranges");
    if (!map)
        return NF_OK;
    if (map->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, map, "'ranges' must be a map");
    static const char *const range_keys[] = {"connectors", "between", "between_join",
                                             "change_from", NULL};
    int rc = nf_yaml_check_keys(y, map, "'ranges'", range_keys);
    for (size_t k = 0; !rc && k < nf_yaml_map_len(map); k++) {
        const char *key = nf_yaml_scalar(nf_yaml_map_key(y, map, k));
        nf_phrase_list *l = !strcmp(key, "connectors") ? &c->connectors
                          : !strcmp(key, "between") ? &c->between
                          : !strcmp(key, "between_join") ? &c->between_join
                          : &c->change_from;
        rc = load_seq(l, y, map, nf_yaml_map_value(y, map, k), key, 1, 0, 1.0, 0, 0);
    }
    return rc;
}

static int by_date(const void *a, const void *b)
{
    return strcmp(((const nf_rate_row *)a)->date, ((const nf_rate_row *)b)->date);
}

static int load_rates(struct nf_money_conf *c, nf_yaml *y, yaml_node_t *root)
{
    yaml_node_t *seq = nf_yaml_get(y, root, "rates");
    if (!seq)
        return nf_yaml_error(y, root, "missing required key 'rates' (the USD rate table)");
    if (seq->type != YAML_SEQUENCE_NODE || nf_yaml_seq_len(seq) == 0)
        return nf_yaml_error(y, seq, "'rates' must be a non-empty list of {date, usd_per}");
    size_t n = nf_yaml_seq_len(seq);
    c->rates = calloc(n, sizeof *c->rates);
    if (!c->rates)
        return oom(y);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        if (!item || item->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, item, "a rate row must be a map with 'date' and 'usd_per'");
        static const char *const rate_keys[] = {"date", "usd_per", NULL};
        nf_rate_row *row = &c->rates[c->nrates];
        row->line = nf_yaml_line(item);
        const char *date = NULL;
        int rc = nf_yaml_check_keys(y, item, "a rate row", rate_keys);
        if (rc || (rc = nf_yaml_get_string(&date, y, item, "date", 1)))
            return rc;
        if (!valid_date(date))
            return nf_yaml_error(y, nf_yaml_get(y, item, "date"),
                                 "rate date '%s' is not YYYY-MM-DD", date);
        for (size_t j = 0; j < c->nrates; j++)
            if (!strcmp(c->rates[j].date, date))
                return nf_yaml_error(y, item, "two rate rows for %s", date);
        memcpy(row->date, date, 11);
        c->nrates++;
        yaml_node_t *per = nf_yaml_get(y, item, "usd_per");
        if (!per || per->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, per ? per : item, "'usd_per' must be a map: CODE: rate");
        size_t m = nf_yaml_map_len(per);
        row->codes = calloc(m ? m : 1, sizeof *row->codes);
        row->usd_per = calloc(m ? m : 1, sizeof *row->usd_per);
        if (!row->codes || !row->usd_per)
            return oom(y);
        for (size_t k = 0; k < m; k++) {
            yaml_node_t *kn = nf_yaml_map_key(y, per, k);
            const char *code = nf_yaml_scalar(kn);
            if (!valid_code(code) || find_currency(c, code) < 0)
                return nf_yaml_error(y, kn, "rate for unknown currency '%s' (not under "
                                     "'currencies')", code ? code : "?");
            double v;
            if ((rc = parse_number(&v, y, nf_yaml_map_value(y, per, k), "a rate")))
                return rc;
            memcpy(row->codes[row->n], code, 4);
            row->usd_per[row->n++] = v;
        }
    }
    qsort(c->rates, c->nrates, sizeof *c->rates, by_date);

    const char *rd = NULL;
    int rc = nf_yaml_get_string(&rd, y, root, "rate_date", 0);
    if (rc)
        return rc;
    if (!rd || !strcmp(rd, "latest"))
        memcpy(c->rate_date, c->rates[c->nrates - 1].date, 11);
    else if (valid_date(rd))
        memcpy(c->rate_date, rd, 11);
    else
        return nf_yaml_error(y, nf_yaml_get(y, root, "rate_date"),
                             "rate_date '%s' is neither 'latest' nor YYYY-MM-DD", rd);

    for (size_t i = 0; i < c->ncurrencies; i++) {
        nf_money_currency *cur = &c->currencies[i];
        if ((rc = nf_money_usd_rate(&cur->usd_per, c, cur->code, NULL))) {
            char msg[128];
            snprintf(msg, sizeof msg, "currency %s has no USD rate dated on or before %s "
                     "under 'rates'", cur->code, c->rate_date);
            return nf_set_error(NF_ESCHEMA, "%s:%u: %s", y->path, cur->line, msg);
        }
    }
    return NF_OK;
}

int nf_money_usd_rate(double *out, const struct nf_money_conf *c,
                      const char *currency, const char *date)
{
    if (!strcmp(currency, "USD")) {
        *out = 1.0;
        return NF_OK;
    }
    if (!date)
        date = c->rate_date;
    for (size_t i = c->nrates; i-- > 0;) {
        const nf_rate_row *row = &c->rates[i];
        if (strcmp(row->date, date) > 0)
            continue;
        for (size_t k = 0; k < row->n; k++)
            if (!strcmp(row->codes[k], currency)) {
                *out = row->usd_per[k];
                return NF_OK;
            }
    }
    return nf_set_error(NF_ENOTFOUND, "money: no USD rate for %s on or before %s",
                        currency, date);
}

const char *nf_money_rate_date(const struct nf_money_conf *c)
{
    return c->rate_date;
}

static int check_top_keys(nf_yaml *y, yaml_node_t *root)
{
    static const char *const known[] = {
        "version", "currencies", "ambiguous", "scales", "numbers", "percent",
        "qualifiers", "vague", "ranges", "rate_date", "rates", NULL
    };
    return nf_yaml_check_keys(y, root, "money.yaml", known);
}

/* Bytes where the scanner must look: digits, and the first bytes of
 * currency markers, number words and vague phrases. */
static void build_triggers(struct nf_money_conf *c)
{
    for (int b = '0'; b <= '9'; b++)
        c->trigger[b] = 1;
    const nf_phrase_list *lists[] = {&c->before, &c->numbers, &c->vague};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        for (int b = 0; b < 256; b++)
            if (lists[i]->off[b + 1] > lists[i]->off[b])
                c->trigger[b] = 1;
}

static int load(struct nf_money_conf *c, nf_yaml *y)
{
    yaml_node_t *root = nf_yaml_root(y);
    if (!root || root->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, root, "money.yaml must be a map at the top level");
    int rc;
    if ((rc = check_top_keys(y, root)) ||
        (rc = load_currencies(c, y, root)) ||
        (rc = load_scales(c, y, root)) ||
        (rc = load_numbers(c, y, root)) ||
        (rc = load_seq(&c->percent, y, root, nf_yaml_get(y, root, "percent"), "percent", 0,
                       0, 1.0, 0, KEY_FACTOR | KEY_POINTS | KEY_GLUED)) ||
        (rc = load_qualifiers(c, y, root)) ||
        (rc = load_seq(&c->vague, y, root, nf_yaml_get(y, root, "vague"), "vague", 0,
                       0, 1.0, 0, 0)) ||
        (rc = load_ranges(c, y, root)) ||
        (rc = load_rates(c, y, root)))
        return rc;
    const unsigned ic = NF_MATCH_ICASE;
    if ((rc = list_index(&c->before, NF_MATCH_DIGIT_AFTER)) ||
        (rc = list_index(&c->after, ic)) || (rc = list_index(&c->scales, ic)) ||
        (rc = list_index(&c->percent, ic)) || (rc = list_index(&c->numbers, ic)) ||
        (rc = list_index(&c->qualifiers, ic)) || (rc = list_index(&c->vague, ic)) ||
        (rc = list_index(&c->connectors, ic)) || (rc = list_index(&c->between, ic)) ||
        (rc = list_index(&c->between_join, ic)) || (rc = list_index(&c->change_from, ic)))
        return rc;
    build_triggers(c);
    return NF_OK;
}

int nf_money_conf_load_file(struct nf_money_conf **out, const char *path)
{
    *out = NULL;
    nf_yaml *y;
    int rc = nf_yaml_load(&y, path);
    if (rc)
        return rc;
    struct nf_money_conf *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path))) {
        free(c);
        nf_yaml_free(y);
        return nf_set_error(NF_ENOMEM, "%s: out of memory", path);
    }
    rc = load(c, y);
    nf_yaml_free(y);
    if (rc) {
        nf_money_conf_free(c);
        return rc;
    }
    *out = c;
    return NF_OK;
}

int nf_money_conf_load(struct nf_money_conf **out, const char *schema_dir)
{
    *out = NULL;
    size_t n = strlen(schema_dir);
    char *path = malloc(n + sizeof "/money.yaml");
    if (!path)
        return nf_set_error(NF_ENOMEM, "%s: out of memory", schema_dir);
    memcpy(path, schema_dir, n);
    memcpy(path + n, "/money.yaml", sizeof "/money.yaml");
    int rc = nf_money_conf_load_file(out, path);
    free(path);
    return rc;
}
