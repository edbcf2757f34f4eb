/* newsfacet export: articles in scriptindex's input format, so that the
 * stock `scriptindex DB schema/omega/newsfacet.index FILE` builds the same
 * database `newsfacet index` does.
 *
 * Each article is analysed and its Xapian document built exactly as the
 * indexer builds it; the record is then read back from that document
 * (boolean terms, value slots, data lines), so the export can never drift
 * from the index layout.  Only the free text is exported raw (headline,
 * analysed text, author): scriptindex's own TermGenerator indexes it. */
#include "cli.h"
#include "analyse/nf_analysis.h"
#include "analyse/nf_stem.h"
#include "core/nf_error.h"
#include "index/nf_document.h"

#include <getopt.h>
#include <newsfacet/nf_status.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: newsfacet export [--format scriptindex] [--schema DIR] INPUT...\n"
    "       newsfacet export --script [--schema DIR]\n"
    "\n"
    "Print articles (files or directories, as `newsfacet index` reads them) as\n"
    "scriptindex input: one record per article, field=value lines, records\n"
    "separated by a blank line, multi-line values continued with '=' lines.\n"
    "The fields carry what newsfacet computed (unique id, facet terms, number\n"
    "range terms, value slots, document data) and the free text (headline,\n"
    "text, byline).  Then\n"
    "\n"
    "    scriptindex DB schema/omega/newsfacet.index EXPORT\n"
    "\n"
    "builds a database equivalent to `newsfacet index --db DB INPUT...`.\n"
    "\n"
    "  --format F     scriptindex (the only format)\n"
    "  --script       print the index script for the schema instead\n"
    "                 (schema/omega/newsfacet.index is the default schema's)\n"
    "  --schema DIR   the schema (default: $NEWSFACET_SCHEMA or the bundled one)\n"
    "\n"
    "Exit status: 0 all exported, 1 some inputs failed, 2 usage error.\n";

typedef struct run {
    const nf_schema *schema;
    nf_stemmer *stemmer;
    unsigned long failed;
} run;

/* One field; newlines inside VALUE become scriptindex continuation lines
 * ("\n=").  A CR would be stripped by scriptindex's line reader (and a
 * line holding only a CR would end the record), so CRLF becomes LF and a
 * lone CR a newline: whitespace either way to the tokeniser. */
static void put_field(const char *name, const char *value, size_t len)
{
    fputs(name, stdout);
    putchar('=');
    for (size_t i = 0; i < len; i++) {
        char c = value[i];
        if (c == '\r' && i + 1 < len && value[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r')
            fputs("\n=", stdout);
        else if (c == '\0')
            putchar(' ');
        else
            putchar(c);
    }
    putchar('\n');
}

static void put_str(const char *name, const char *value)
{
    if (value && value[0])
        put_field(name, value, strlen(value));
}

/* The facet whose prefix (or prefix + '#', for number range terms) starts
 * TERM; the longest prefix wins.  *trie is set for range terms. */
static const nf_facet_def *facet_of(const nf_schema *s, const char *term, int *trie)
{
    const nf_facet_def *best = NULL;
    size_t best_len = 0;
    *trie = 0;
    for (size_t i = 0; i < s->nfacets; i++) {
        const nf_facet_def *f = &s->facets[i];
        size_t n = strlen(f->prefix);
        if (strncmp(term, f->prefix, n) != 0)
            continue;
        int is_trie = f->kind == NF_FACET_NUMBER && term[n] == '#';
        if (n + (size_t)is_trie > best_len) {
            best = f;
            best_len = n + (size_t)is_trie;
            *trie = is_trie;
        }
    }
    return best;
}

typedef struct term_ctx {
    const nf_schema *schema;
    const char *id;
    int bad;
} term_ctx;

/* Boolean terms (wdf 0) to fields; free-text terms are scriptindex's job. */
static int on_term(void *ctx, const char *term, size_t len, unsigned wdf,
                   const nf_termpos *positions, size_t npos)
{
    term_ctx *t = ctx;
    (void)positions;
    if (wdf != 0 || npos != 0 || len == 0)
        return 0;
    int trie = 0;
    const nf_facet_def *f = NULL;
    char field[256];
    switch (term[0]) {
    case 'Q': case 'M': case 'Y':
        return 0;  /* from qid and date */
    case 'D': put_str("date", term + 1); return 0;
    case 'U': put_str("urlterm", term + 1); return 0;
    case 'H': put_str("host", term + 1); return 0;
    case 'T': put_str("mimetype", term + 1); return 0;
    default: break;
    }
    f = facet_of(t->schema, term, &trie);
    if (!f) {
        fprintf(stderr, "newsfacet: %s: term '%s' has no export field (index layout changed?)\n",
                t->id, term);
        t->bad = 1;
        return 0;
    }
    snprintf(field, sizeof field, "%s_%s", trie ? "range" : "facet", f->name);
    put_str(field, term + strlen(f->prefix) + (size_t)trie);
    return 0;
}

static int put_value(nf_xdoc *doc, const char *field, nf_valueno slot)
{
    const char *v = NULL;
    size_t n = 0;
    int rc = nf_xdoc_get_value(&v, &n, doc, slot);
    if (!rc && n)
        put_field(field, v, n);
    return rc;
}

/* The document data: "name=value" lines, each exported as a field of that
 * name (the index script stores them back with `field`). */
static void put_data(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        const char *eq = memchr(p, '=', (size_t)(line_end - p));
        if (eq && eq > p && eq + 1 < line_end) {
            char name[64];
            size_t n = (size_t)(eq - p);
            if (n < sizeof name) {
                memcpy(name, p, n);
                name[n] = '\0';
                put_field(name, eq + 1, (size_t)(line_end - eq - 1));
            }
        }
        p = line_end + 1;
    }
}

static int export_document(run *r, const nf_article *art, nf_xdoc *doc)
{
    char *idterm = NULL;
    int rc = nf_document_id_term(&idterm, art->id);
    if (rc)
        return rc;
    /* Order matters for term positions: headline, then text, then byline,
     * as nf_document_fill() indexes them. */
    put_str("qid", idterm + 1);
    put_str("headline", art->title);
    put_field("text", art->text, art->text_len);
    put_str("byline", art->author);
    free(idterm);
    term_ctx t = {r->schema, art->id, 0};
    rc = nf_xdoc_terms(doc, on_term, &t);
    if (!rc)
        rc = put_value(doc, "contenthash", NF_SLOT_HASH);
    for (size_t i = 0; !rc && i < r->schema->nfacets; i++) {
        const nf_facet_def *f = &r->schema->facets[i];
        char field[256];
        if (f->slot < 0)
            continue;
        snprintf(field, sizeof field, "slot_%s", f->name);
        rc = put_value(doc, field, (nf_valueno)f->slot);
    }
    const char *data = NULL;
    size_t dlen = 0;
    if (!rc)
        rc = nf_xdoc_get_data(&data, &dlen, doc);
    if (!rc)
        put_data(data, dlen);
    putchar('\n');
    if (!rc && t.bad)
        rc = nf_set_error(NF_EINVAL, "%s: some terms could not be exported", art->id);
    return rc;
}

/* Build the document as the indexer does, then print its record. */
static void on_analysis(void *ctx, const nf_analysis *a)
{
    run *r = ctx;
    nf_xdoc *doc = NULL;
    int rc = nf_document_build(&doc, a, r->stemmer);
    if (!rc)
        rc = export_document(r, a->article, doc);
    if (rc) {
        cli_input_error(a->article->path, a->article->line, nf_errmsg());
        r->failed++;
    }
    nf_xdoc_free(doc);
}

/* The index script matching what export_document() prints for SCHEMA. */
static void print_script(const nf_schema *s)
{
    printf("# scriptindex index script for `newsfacet export` output (schema '%s').\n"
           "# Generated by `newsfacet export --script`; see README.md, \"Building with\n"
           "# scriptindex\", and docs/index-layout.md.  Use: scriptindex -s %s DB THIS EXPORT\n"
           "\n"
           "# The unique id: Q term, and slot 2 (ties in relevance order).\n"
           "qid : boolean=Q unique=Q value=2\n"
           "# Free text, positions as newsfacet writes them: headline, gap, text, gap, byline.\n"
           "headline : index=S\n"
           "text : gap index\n"
           "byline : gap index=A\n"
           "# Omega's date terms (D, M, Y) and slot 0; URL, host and MIME type terms.\n"
           "date : date=yyyymmdd value=0\n"
           "urlterm : boolean=U\n"
           "host : boolean=H\n"
           "mimetype : boolean=T\n"
           "contenthash : value=%d\n"
           "# Facets: one field line per value, and the slot with the values joined by '|'.\n",
           s->name ? s->name : "", s->language ? s->language : "english", NF_SLOT_HASH);
    for (size_t i = 0; i < s->nfacets; i++) {
        const nf_facet_def *f = &s->facets[i];
        printf("facet_%s : boolean=%s\n", f->name, f->prefix);
        if (f->kind == NF_FACET_NUMBER)
            printf("range_%s : boolean=%s#\n", f->name, f->prefix);
        if (f->slot >= 0)
            printf("slot_%s : value=%d\n", f->name, f->slot);
    }
    printf("# The document data (Omega's field=value lines).\n"
           "url caption sample type size modtime id source published author file evidence : field\n");
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"script", no_argument, NULL, 'S'},
        {"schema", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema_opt = NULL;
    int script = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "scriptindex") != 0)
                return cli_usage(usage, "unknown format '%s' (only scriptindex)", optarg);
            break;
        case 'S': script = 1; break;
        case 's': schema_opt = optarg; break;
        case 'h': fputs(usage, stdout); return NF_EXIT_OK;
        default: return cli_usage(usage, "bad option");
        }
    }
    if (!script && optind >= argc)
        return cli_usage(usage, "no INPUT given");
    if (script && optind < argc)
        return cli_usage(usage, "--script takes no INPUT");
    nf_schema *schema = cli_load_schema(cli_schema_dir(schema_opt));
    if (!schema)
        return NF_EXIT_PARTIAL;
    if (script) {
        print_script(schema);
        nf_schema_free(schema);
        return NF_EXIT_OK;
    }
    run r = {schema, NULL, 0};
    if (nf_stemmer_new(&r.stemmer, schema->language) != NF_OK) {
        cli_error("%s", nf_errmsg());
        nf_schema_free(schema);
        return NF_EXIT_PARTIAL;
    }
    long failed = cli_each_analysis(schema, argv + optind, argc - optind, on_analysis, &r);
    fflush(stdout);
    nf_stemmer_free(r.stemmer);
    nf_schema_free(schema);
    r.failed += (unsigned long)failed;
    return r.failed ? NF_EXIT_PARTIAL : NF_EXIT_OK;
}
