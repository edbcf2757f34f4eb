/* termdump: the terms newsfacet writes for each article, as JSON lines,
 * for compat_termgen.py to compare with Xapian's own TermGenerator.
 *
 *   termdump [--schema DIR] [--repeat N] PATH...
 *
 * PATH is a file or a directory (searched recursively, in name order).
 * Each file is one article: title = its first non-empty line, text = the
 * whole file, with invalid UTF-8 bytes replaced by U+FFFD (the readers'
 * repair) so that both sides index the same string.  One line per article:
 *   {"file", "title", "text", "wordchars": [non-ASCII code points that are
 *    word characters for newsfacet], "stems": {term: stem},
 *    "terms": {term: {"wdf": N, "positions": [...]}}}
 * The layout is docs/index-layout.md's: title under S, termpos += 100,
 * text unprefixed.  --repeat N: tokenise each text N more times, alone
 * and followed by nf_termgen_index into a fresh document (what
 * TermGenerator::index_text does), and report the throughput on stderr
 * (the JSON is still printed). */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

typedef struct dump {
    struct nf_lang *lang;
    nf_stemmer *st;
    long repeat;
    double bytes, seconds;    /* --repeat statistics: nf_tokenise */
    double tg_seconds;        /* nf_tokenise + nf_termgen_index (stems) */
    int failed;
} dump;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Replace every invalid byte by U+FFFD. */
static int repair_utf8(nf_buf *out, const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    while (i < n) {
        unsigned l;
        uint32_t c = nf_utf8_decode(s + i, s + n, &l);
        int rc = (c == NF_UTF8_REPLACEMENT && l == 1)
                     ? nf_buf_append(out, "\xEF\xBF\xBD", 3)
                     : nf_buf_append(out, in + i, l);
        if (rc)
            return rc;
        i += l;
    }
    return nf_buf_reserve(out, 1);
}

/* The first line that has something other than blanks, without its line
 * break. */
static void first_line(const char *s, size_t n, size_t *start, size_t *len)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
            k++;
        if (k < e) {
            *start = i;
            *len = (e > i && s[e - 1] == '\r') ? e - 1 - i : e - i;
            return;
        }
        i = e + 1;
    }
    *start = *len = 0;
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

static int dump_text(dump *d, const char *path, const char *raw, size_t n)
{
    nf_buf text = NF_BUF_INIT;
    nf_tokens title_tok = {0}, text_tok = {0};
    nf_xdoc *doc = NULL;
    json_t *line = NULL;
    int rc = repair_utf8(&text, raw, n);
    size_t ts, tl;
    if (rc == NF_OK)
        first_line(text.data, text.len, &ts, &tl);
    if (rc == NF_OK)
        rc = nf_tokenise(&title_tok, text.data + ts, tl, d->lang);
    if (rc == NF_OK)
        rc = nf_tokenise(&text_tok, text.data, text.len, d->lang);
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
        json_object_set_new(line, "file", json_string(path));
        json_object_set_new(line, "title", json_stringn(text.data + ts, tl));
        json_object_set_new(line, "text", json_stringn(text.data, text.len));
        json_object_set_new(line, "wordchars", wordchars(&text_tok));
        json_object_set_new(line, "stems", stems);
        json_object_set_new(line, "terms", terms);
    }
    for (long r = 0; rc == NF_OK && r < d->repeat; r++) {
        double t0 = now();
        rc = nf_tokenise(&text_tok, text.data, text.len, d->lang);
        d->seconds += now() - t0;
        d->bytes += (double)text.len;
        /* The whole of TermGenerator's job: tokens into a new document. */
        nf_xdoc *bdoc = NULL;
        t0 = now();
        if (rc == NF_OK)
            rc = nf_tokenise(&text_tok, text.data, text.len, d->lang);
        if (rc == NF_OK)
            rc = nf_xdoc_new(&bdoc);
        nf_termpos bpos = 0;
        if (rc == NF_OK)
            rc = nf_termgen_index(bdoc, &text_tok, "", d->st, &bpos);
        nf_xdoc_free(bdoc);
        d->tg_seconds += now() - t0;
    }
    if (rc == NF_OK) {
        char *js = json_dumps(line, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
        if (js)
            puts(js);
        free(js);
    }
    json_decref(line);
    nf_xdoc_free(doc);
    nf_tokens_free(&title_tok);
    nf_tokens_free(&text_tok);
    nf_buf_free(&text);
    return rc;
}

static int dump_file(dump *d, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "termdump: %s: cannot open\n", path);
        return NF_EIO;
    }
    nf_buf raw = NF_BUF_INIT;
    char chunk[65536];
    size_t got;
    int rc = NF_OK;
    while (rc == NF_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = nf_buf_append(&raw, chunk, got);
    fclose(f);
    if (rc == NF_OK)
        rc = dump_text(d, path, raw.data ? raw.data : "", raw.len);
    if (rc)
        fprintf(stderr, "termdump: %s: %s\n", path, nf_errmsg());
    nf_buf_free(&raw);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dump_path(dump *d, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "termdump: %s: no such file or directory\n", path);
        d->failed = 1;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (dump_file(d, path))
            d->failed = 1;
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "termdump: %s: cannot read directory\n", path);
        d->failed = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        nf_buf p = NF_BUF_INIT;
        if (nf_buf_printf(&p, "%s/%s", path, e->d_name) == NF_OK)
            names[n++] = nf_buf_detach(&p);
        nf_buf_free(&p);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        dump_path(d, names[i]);
        free(names[i]);
    }
    free(names);
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
    if (schema && nf_lang_load(&d.lang, schema)) {
        fprintf(stderr, "termdump: %s\n", nf_errmsg());
        return 1;
    }
    if (nf_stemmer_new(&d.st, "english")) {
        fprintf(stderr, "termdump: %s\n", nf_errmsg());
        return 1;
    }
    for (; i < argc; i++)
        dump_path(&d, argv[i]);
    if (d.repeat > 0 && d.seconds > 0)
        fprintf(stderr, "nf_tokenise: %.1f MB in %.3f s: %.1f MB/s; with "
                "nf_termgen_index (stems) into a document: %.1f MB/s\n",
                d.bytes / 1e6, d.seconds, d.bytes / 1e6 / d.seconds,
                d.bytes / 1e6 / d.tg_seconds);
    nf_stemmer_free(d.st);
    nf_lang_free(d.lang);
    return d.failed;
}
