#include "nf_document.h"
#include "nf_number_terms.h"
#include "nf_termgen.h"
#include "analyse/nf_tokenise.h"
#include "analyse/nf_utf8.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_hash.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_BYTES 300

int nf_document_id_term(char **out, const char *id)
{
    nf_buf b = NF_BUF_INIT;
    size_t n = strlen(id);
    int rc = nf_buf_putc(&b, 'Q');
    if (n <= NF_ID_TERM_MAX) {
        if (!rc)
            rc = nf_buf_append(&b, id, n);
    } else {
        /* Xapian terms are limited to 245 bytes: keep a readable head and
         * make it unique with a digest of the whole id. */
        char hex[33];
        nf_hash128_hex(hex, id, n);
        size_t cut = nf_utf8_cut(id, NF_ID_TERM_MAX);
        if (!rc)
            rc = nf_buf_append(&b, id, cut);
        if (!rc)
            rc = nf_buf_printf(&b, "#%.16s", hex);
    }
    if (rc) {
        nf_buf_free(&b);
        return rc;
    }
    *out = nf_buf_detach(&b);
    return NF_OK;
}

int nf_document_hash_value(char **out, const nf_article *article, const nf_schema *schema)
{
    nf_buf b = NF_BUF_INIT;
    /* The layout too: a database written by an older layout has every
     * article written again, never a mix of both. */
    int rc = nf_buf_printf(&b, "%s:%s:" NF_LAYOUT_VERSION, article->hash, schema->id);
    if (rc) {
        nf_buf_free(&b);
        return rc;
    }
    *out = nf_buf_detach(&b);
    return NF_OK;
}

static int add_bool(nf_xdoc *doc, const char *prefix, const char *value)
{
    nf_buf b = NF_BUF_INIT;
    int rc = nf_buf_puts(&b, prefix);
    if (!rc)
        rc = nf_buf_puts(&b, value);
    /* An over-long value (a wild outlet name) is cut rather than losing the
     * whole document. */
    if (!rc && b.len > NF_XAPIAN_MAX_TERM_BYTES)
        b.len = nf_utf8_cut(b.data, NF_XAPIAN_MAX_TERM_BYTES);
    if (!rc)
        rc = nf_xdoc_add_boolean_term(doc, b.data, b.len);
    nf_buf_free(&b);
    return rc;
}

/* Free text through the TermGenerator-compatible writer. */
static int index_text(nf_xdoc *doc, const char *text, size_t len, const char *prefix,
                      const nf_schema *s, nf_stemmer *st, nf_termpos *pos)
{
    nf_tokens t = {0};
    int rc = nf_tokenise(&t, text, len, s->lang);
    if (!rc)
        rc = nf_termgen_index(doc, &t, prefix, st, pos);
    nf_tokens_free(&t);
    return rc;
}

/* "YYYY-MM-DD..." -> "YYYYMMDD", or "" when the date is not in that form. */
static void date_key(char out[9], const char *published)
{
    out[0] = '\0';
    if (!published || strlen(published) < 10)
        return;
    const char *p = published;
    for (int i = 0; i < 10; i++) {
        int want_dash = (i == 4 || i == 7);
        if (want_dash ? p[i] != '-' : !isdigit((unsigned char)p[i]))
            return;
    }
    memcpy(out, p, 4);
    memcpy(out + 4, p + 5, 2);
    memcpy(out + 6, p + 8, 2);
    out[8] = '\0';
}

static int add_date_terms(nf_xdoc *doc, const char *key)
{
    char term[16];
    int rc = NF_OK;
    if (!key[0])
        return NF_OK;
    snprintf(term, sizeof term, "D%.8s", key);
    rc = nf_xdoc_add_boolean_term(doc, term, strlen(term));
    snprintf(term, sizeof term, "M%.6s", key);
    if (!rc)
        rc = nf_xdoc_add_boolean_term(doc, term, strlen(term));
    snprintf(term, sizeof term, "Y%.4s", key);
    if (!rc)
        rc = nf_xdoc_add_boolean_term(doc, term, strlen(term));
    if (!rc)
        rc = nf_xdoc_set_value(doc, NF_SLOT_DATE, key, 8);
    return rc;
}

/* Host of "scheme://host[:port]/path", lower-cased, into OUT. */
static void url_host(char *out, size_t cap, const char *url)
{
    out[0] = '\0';
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return;
    p += 3;
    const char *at = p + strcspn(p, "/?#");
    const char *cred = memchr(p, '@', (size_t)(at - p));
    if (cred)
        p = cred + 1;
    size_t n = strcspn(p, ":/?#");
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)p[i]);
    out[n] = '\0';
}

static int add_url_terms(nf_xdoc *doc, const char *url)
{
    if (!url || !url[0])
        return NF_OK;
    char *uterm = NULL;
    /* Reuse the id-term shortening so long URLs stay under the limit. */
    int rc = nf_document_id_term(&uterm, url);
    if (!rc) {
        uterm[0] = 'U';
        rc = nf_xdoc_add_boolean_term(doc, uterm, strlen(uterm));
    }
    free(uterm);
    char host[200];
    url_host(host, sizeof host, url);
    if (!rc && host[0])
        rc = add_bool(doc, "H", host);
    return rc;
}

static int add_facets(nf_xdoc *doc, const nf_analysis *a)
{
    const nf_schema *s = a->schema;
    int rc = NF_OK;
    for (size_t i = 0; i < s->nfacets && !rc; i++) {
        const nf_facet_def *f = &s->facets[i];
        const nf_strset *set = &a->facet_values[i];
        nf_buf joined = NF_BUF_INIT;
        for (size_t k = 0; k < set->n && !rc; k++) {
            rc = add_bool(doc, f->prefix, set->v[k]);
            if (!rc && k)
                rc = nf_buf_putc(&joined, '|');
            if (!rc)
                rc = nf_buf_puts(&joined, set->v[k]);
        }
        if (!rc && f->slot >= 0 && set->n)
            rc = nf_xdoc_set_value(doc, (nf_valueno)f->slot, joined.data, joined.len);
        nf_buf_free(&joined);
        if (rc || f->kind != NF_FACET_NUMBER)
            continue;
        /* Every amount, not only the largest, is searchable by range. */
        int money = f->from && strcmp(f->from, "money") == 0;
        nf_amount_kind kind = money ? NF_AMOUNT_MONEY : NF_AMOUNT_PERCENT;
        double scale = nf_number_scale(f);
        char trie_prefix[64];
        snprintf(trie_prefix, sizeof trie_prefix, "%s#", f->prefix);
        for (size_t k = 0; k < a->namounts && !rc; k++)
            if (a->amounts[k].kind == kind)
                rc = nf_number_terms_add(doc, trie_prefix,
                                         nf_number_key(a->amounts[k].usd, scale));
    }
    return rc;
}

/* One line of JSON with each claim occurrence's evidence, so a search
 * result can show why the document carries a claim. */
static char *evidence_json(const nf_analysis *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->nclaims; i++) {
        const nf_claim_hit *c = &a->claims[i];
        json_t *o = json_object();
        json_t *cites = json_array();
        for (size_t k = 0; k < c->cites.n; k++)
            json_array_append_new(cites, json_string(c->cites.v[k]));
        json_object_set_new(o, "claim", json_string(c->claim));
        json_object_set_new(o, "stance", json_string(nf_stance_name(c->stance)));
        json_object_set_new(o, "rule", json_string(c->rule));
        if (c->cue)
            json_object_set_new(o, "cue", json_string(c->cue));
        json_object_set_new(o, "start", json_integer(c->start));
        json_object_set_new(o, "end", json_integer(c->end));
        if (c->end <= a->article->text_len && c->start <= c->end)
            json_object_set_new(o, "sentence",
                                json_stringn(a->article->text + c->start, c->end - c->start));
        json_object_set_new(o, "cites", cites);
        if (c->nargs) {
            json_t *args = json_object();
            for (size_t k = 0; k < c->nargs; k++)
                json_object_set_new(args, c->args[k].name, json_string(c->args[k].value));
            json_object_set_new(o, "args", args);
        }
        json_array_append_new(arr, o);
    }
    char *s = arr ? json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(arr);
    return s;
}

/* "key=value\n" with the value on one line (Omega's data format). */
static int data_line(nf_buf *b, const char *key, const char *value, size_t max)
{
    if (!value)
        return NF_OK;
    int rc = nf_buf_printf(b, "%s=", key);
    size_t n = strlen(value);
    if (n > max)
        n = nf_utf8_cut(value, max);
    for (size_t i = 0; i < n && !rc; i++) {
        char c = value[i];
        rc = nf_buf_putc(b, (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
    }
    return rc ? rc : nf_buf_putc(b, '\n');
}

static const char *mime_type(nf_format f)
{
    return f == NF_FORMAT_HTML ? "text/html"
         : f == NF_FORMAT_JSONL ? "application/x-ndjson" : "text/plain";
}

/* The body without the headline the analysed text starts with. */
static const char *body_text(const nf_article *art)
{
    const char *t = art->text;
    size_t tl = art->title ? strlen(art->title) : 0;
    while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
        t++;
    if (tl && strncmp(t, art->title, tl) == 0)
        t += tl;
    while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
        t++;
    return t;
}

static int build_data(nf_xdoc *doc, const nf_analysis *a)
{
    const nf_article *art = a->article;
    nf_buf b = NF_BUF_INIT;
    char size[32];
    snprintf(size, sizeof size, "%zu", art->text_len);
    char *evidence = evidence_json(a);
    int rc = data_line(&b, "url", art->url, 4096);
    if (!rc) rc = data_line(&b, "caption", art->title, 1024);
    if (!rc) rc = data_line(&b, "sample", body_text(art), SAMPLE_BYTES);
    if (!rc) rc = data_line(&b, "type", mime_type(art->format), 64);
    if (!rc) rc = data_line(&b, "size", size, 32);
    if (!rc) rc = data_line(&b, "id", art->id, 4096);
    if (!rc) rc = data_line(&b, "source", a->source, 256);
    if (!rc) rc = data_line(&b, "published", art->published, 64);
    if (!rc) rc = data_line(&b, "author", art->author, 512);
    if (!rc) rc = data_line(&b, "file", art->path, 4096);
    if (!rc) rc = data_line(&b, "evidence", evidence ? evidence : "[]", (size_t)-1);
    if (!rc)
        rc = nf_xdoc_set_data(doc, b.data, b.len);
    free(evidence);
    nf_buf_free(&b);
    return rc;
}

int nf_document_build(nf_xdoc **out, const nf_analysis *a, nf_stemmer *stemmer)
{
    *out = NULL;
    nf_xdoc *doc = NULL;
    int rc = nf_xdoc_new(&doc);
    if (!rc)
        rc = nf_document_fill(doc, a, stemmer);
    if (rc) {
        nf_xdoc_free(doc);
        return rc;
    }
    *out = doc;
    return NF_OK;
}

int nf_document_fill(nf_xdoc *doc, const nf_analysis *a, nf_stemmer *stemmer)
{
    const nf_article *art = a->article;
    const nf_schema *s = a->schema;
    char *idterm = NULL, *hash = NULL;
    char date[9];
    nf_termpos pos = 0;
    int rc = NF_OK;

    if (art->title && art->title[0])
        rc = index_text(doc, art->title, strlen(art->title), "S", s, stemmer, &pos);
    if (!rc) {
        pos += 100;  /* TermGenerator::increase_termpos() */
        rc = nf_termgen_index(doc, &a->tokens, "", stemmer, &pos);
    }
    if (!rc && art->author && art->author[0]) {
        pos += 100;
        rc = index_text(doc, art->author, strlen(art->author), "A", s, stemmer, &pos);
    }
    if (!rc)
        rc = nf_document_id_term(&idterm, art->id);
    if (!rc)
        rc = nf_xdoc_add_boolean_term(doc, idterm, strlen(idterm));
    if (!rc)
        rc = nf_xdoc_set_value(doc, NF_SLOT_ID, idterm + 1, strlen(idterm + 1));
    date_key(date, art->published);
    if (!rc)
        rc = add_date_terms(doc, date);
    if (!rc)
        rc = add_url_terms(doc, art->url);
    if (!rc)
        rc = add_bool(doc, "T", mime_type(art->format));
    if (!rc)
        rc = add_facets(doc, a);
    if (!rc)
        rc = nf_document_hash_value(&hash, art, s);
    if (!rc)
        rc = nf_xdoc_set_value(doc, NF_SLOT_HASH, hash, strlen(hash));
    if (!rc)
        rc = build_data(doc, a);
    free(idterm);
    free(hash);
    if (rc)
        return nf_wrap_error(rc, "building the document for %s", art->id);
    return NF_OK;
}
