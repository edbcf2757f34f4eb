/* termdump: the terms newsfacet writes for each article, as JSON lines,
 * for compat_termgen.py to compare with Xapian's own TermGenerator.
 *
 *   termdump [--schema DIR] [--repeat N] PATH...
 *
 * PATH is a file or a directory (recursive): whatever the readers
 * (read/nf_read.h) accept, plain text, HTML and JSON Lines.  One line per
 * article (per JSON Lines record):
 *   {"file", "line", "title", "text", "wordchars": [non-ASCII code points
 *    that are word characters for newsfacet], "stems": {term: stem},
 *    "terms": {term: {"wdf": N, "positions": [...]}}}
 * and one line {"file", "line", "error"} per input the readers reject.
 * The layout is docs/index-layout.md's: title under S, termpos += 100, the
 * article's text unprefixed.  --repeat N: tokenise each text N more times,
 * alone and followed by nf_termgen_index into a fresh document (what
 * TermGenerator::index_text does), and stock Xapian's TermGenerator doing
 * the same (english, STEM_SOME); the throughputs go to stderr (the JSON is
 * still printed). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <newsfacet/nf_xapian.h>

#include "analyse/nf_lang.h"
#include "analyse/nf_stem.h"
#include "analyse/nf_tokenise.h"
#include "analyse/nf_uchar.h"
#include "analyse/nf_utf8.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "index/nf_termgen.h"
#include "read/nf_read.h"

typedef struct dump {
    struct nf_lang *lang;
    nf_stemmer *st;
    struct nf_reader_conf *conf;
    long repeat;
    double bytes, seconds;    /* --repeat statistics: nf_tokenise */
    double tg_seconds;        /* nf_tokenise + nf_termgen_index (stems) */
    double x_seconds;         /* Xapian's TermGenerator (stems) */
    nf_xtermgen *xtg;
    int failed;
} dump;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int add_term_cb(void *ctx, const char *term, size_t len, unsigned wdf,
                       const nf_termpos *pos, size_t npos)
{
    json_t *terms = ctx, *o = json_object(), *p = json_array();
    for (size_t i = 0; i < npos; i++)
        json_array_append_new(p, json_integer(pos[i]));
    json_object_set_new(o, "wdf", json_integer(wdf));
    json_object_set_new(o, "positions", p);
    json_object_setn_new(terms, term, len, o);
    return 0;
}

/* Non-ASCII word characters of TEXT, each once. */
static json_t *wordchars(const nf_tokens *t)
{
    json_t *seen = json_object(), *out = json_array();
    const unsigned char *s = (const unsigned char *)t->text;
    for (size_t i = 0; i < t->text_len;) {
        unsigned l;
        uint32_t c = nf_utf8_decode(s + i, s + t->text_len, &l);
        if (c >= 0x80 && (nf_uc_class(c) & NF_UC_WORD)) {
            char key[16];
            snprintf(key, sizeof key, "%u", (unsigned)c);
            if (!json_object_get(seen, key)) {
                json_object_set_new(seen, key, json_true());
                json_array_append_new(out, json_integer(c));
            }
        }
        i += l;
    }
    json_decref(seen);
    return out;
}

static void add_stems(json_t *stems, const nf_tokens *t, nf_stemmer *st)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *term = nf_token_term(t, i), *stem;
        size_t slen;
        if (t->v[i].term_len > NF_TERM_MAX_BYTES ||
            nf_stemmer_stem(st, term, t->v[i].term_len, &stem, &slen))
            continue;
        json_object_set_new(stems, term, json_stringn(stem, slen));
    }
}

static int dump_article(dump *d, const nf_article *art)
{
    nf_tokens title_tok = {0}, text_tok = {0};
    nf_xdoc *doc = NULL;
    json_t *line = NULL;
    int rc = nf_tokenise(&title_tok, art->title, strlen(art->title), d->lang);
    if (rc == NF_OK)
        rc = nf_tokenise(&text_tok, art->text, art->text_len, d->lang);
    if (rc == NF_OK)
        rc = nf_xdoc_new(&doc);
    nf_termpos pos = 0;
    if (rc == NF_OK)
        rc = nf_termgen_index(doc, &title_tok, "S", d->st, &pos);
    nf_termgen_increase_termpos(&pos, 100);
    if (rc == NF_OK)
        rc = nf_termgen_index(doc, &text_tok, "", d->st, &pos);
    if (rc == NF_OK) {
        json_t *terms = json_object(), *stems = json_object();
        rc = nf_xdoc_terms(doc, add_term_cb, terms);
        add_stems(stems, &title_tok, d->st);
        add_stems(stems, &text_tok, d->st);
        line = json_object();
        json_object_set_new(line, "file", json_string(art->path));
        json_object_set_new(line, "line", json_integer((json_int_t)art->line));
        json_object_set_new(line, "title", json_string(art->title));
        json_object_set_new(line, "text", json_stringn(art->text, art->text_len));
        json_object_set_new(line, "wordchars", wordchars(&text_tok));
        json_object_set_new(line, "stems", stems);
        json_object_set_new(line, "terms", terms);
    }
    for (long r = 0; rc == NF_OK && r < d->repeat; r++) {
        double t0 = now();
        rc = nf_tokenise(&text_tok, art->text, art->text_len, d->lang);
        d->seconds += now() - t0;
        d->bytes += (double)art->text_len;
        /* The whole of TermGenerator's job: tokens into a new document. */
        nf_xdoc *bdoc = NULL;
        t0 = now();
        if (rc == NF_OK)
            rc = nf_tokenise(&text_tok, art->text, art->text_len, d->lang);
        if (rc == NF_OK)
            rc = nf_xdoc_new(&bdoc);
        nf_termpos bpos = 0;
        if (rc == NF_OK)
            rc = nf_termgen_index(bdoc, &text_tok, "", d->st, &bpos);
        nf_xdoc_free(bdoc);
        d->tg_seconds += now() - t0;
        /* Stock Xapian doing the same, through the wrapper. */
        bdoc = NULL;
        t0 = now();
        if (rc == NF_OK)
            rc = nf_xdoc_new(&bdoc);
        if (rc == NF_OK)
            rc = nf_xtermgen_set_document(d->xtg, bdoc);
        if (rc == NF_OK)
            rc = nf_xtermgen_index_text(d->xtg, art->text, art->text_len, 1, "");
        nf_xdoc_free(bdoc);
        d->x_seconds += now() - t0;
    }
    if (rc == NF_OK) {
        char *js = json_dumps(line, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
        if (js)
            puts(js);
        free(js);
    } else {
        fprintf(stderr, "termdump: %s: %s\n", art->path, nf_errmsg());
        d->failed = 1;
    }
    json_decref(line);
    nf_xdoc_free(doc);
    nf_tokens_free(&title_tok);
    nf_tokens_free(&text_tok);
    return rc;
}

static int on_article(void *ctx, nf_article *a)
{
    int rc = dump_article(ctx, a);
    nf_article_free(a);
    return rc;
}

static void on_error(void *ctx, const char *path, unsigned long line,
                     int status, const char *message)
{
    (void)ctx;
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(path));
    json_object_set_new(o, "line", json_integer((json_int_t)line));
    json_object_set_new(o, "error", json_sprintf("%s: %s", nf_status_name(status),
                                                 message));
    char *js = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (js)
        puts(js);
    free(js);
    json_decref(o);
}

int main(int argc, char **argv)
{
    dump d = {0};
    const char *schema = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--schema") == 0 && i + 1 < argc)
            schema = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            d.repeat = strtol(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: termdump [--schema DIR] [--repeat N] PATH...\n");
            return 2;
        }
    }
    if (schema && (nf_lang_load(&d.lang, schema) ||
                   nf_reader_conf_load(&d.conf, schema))) {
        fprintf(stderr, "termdump: %s\n", nf_errmsg());
        return 1;
    }
    if (nf_stemmer_new(&d.st, "english") || nf_xtermgen_new(&d.xtg) ||
        nf_xtermgen_set_stemmer(d.xtg, "english")) {
        fprintf(stderr, "termdump: %s\n", nf_errmsg());
        return 1;
    }
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = d.conf;
    for (; i < argc; i++) {
        int rc = nf_read_path(argv[i], &opts, on_article, on_error, &d);
        if (rc) {
            fprintf(stderr, "termdump: %s: %s\n", argv[i], nf_errmsg());
            d.failed = 1;
        }
    }
    if (d.repeat > 0 && d.seconds > 0)
        fprintf(stderr, "nf_tokenise: %.1f MB in %.3f s: %.1f MB/s; with "
                "nf_termgen_index (stems) into a document: %.1f MB/s; "
                "Xapian TermGenerator (stems) into a document: %.1f MB/s\n",
                d.bytes / 1e6, d.seconds, d.bytes / 1e6 / d.seconds,
                d.bytes / 1e6 / d.tg_seconds, d.bytes / 1e6 / d.x_seconds);
    nf_xtermgen_free(d.xtg);
    nf_stemmer_free(d.st);
    nf_lang_free(d.lang);
    nf_reader_conf_free(d.conf);
    return d.failed;
}
