/* Loading a schema directory: schema.yaml (name, language, facets), the
 * schema id, then each part's own loader (see nf_schema.h for the parts).
 * Part owners add their loader call, free call and summary line below;
 * everything else about a part lives in its module. */
#include "nf_schema.h"
#include "analyse/nf_attribution.h"
#include "analyse/nf_claims.h"
#include "analyse/nf_gazetteer.h"
#include "analyse/nf_money.h"
#include "analyse/nf_stance.h"
#include "analyse/nf_lang.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_hash.h"
#include "core/nf_yaml.h"
#include "read/nf_reader_conf.h"

#include <errno.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- facets ------------------------------------------------------------- */

/* Xapian boolean prefixes are upper-case by convention; newsfacet's start
 * with X so they never clash with Omega's single-letter ones. */
static int is_prefix(const char *s)
{
    if (s[0] != 'X' || !s[1])
        return 0;
    for (const char *p = s; *p; p++)
        if (*p < 'A' || *p > 'Z')
            return 0;
    return 1;
}

static const char *const top_keys[] = {"name", "language", "description", "facets", NULL};
static const char *const facet_keys[] = {"name", "label", "prefix", "slot", "kind",
                                         "from", "buckets", NULL};
static const char *const bucket_keys[] = {"name", "min", "max", NULL};
/* Feeders other than gazetteer:LIST: the analysis stage each names. */
static const char *const feeders[] = {"claims", "stances", "source", "cites",
                                      "money", "percent", NULL};

static int dup_str(char **out, const char *s)
{
    if (!s) {
        *out = NULL;
        return NF_OK;
    }
    if (!(*out = strdup(s)))
        return nf_set_error(NF_ENOMEM, "out of memory loading the schema");
    return NF_OK;
}

static int load_buckets(nf_facet_def *f, nf_yaml *y, yaml_node_t *node)
{
    if (node->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, node, "'buckets' must be a list of {name, min, max}");
    size_t n = nf_yaml_seq_len(node);
    f->buckets = calloc(n ? n : 1, sizeof *f->buckets);
    if (!f->buckets)
        return nf_set_error(NF_ENOMEM, "out of memory loading the schema");
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *b = nf_yaml_seq_at(y, node, i);
        if (b->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, b, "a bucket must be a map {name, min, max}");
        const char *name = NULL;
        double lo = -INFINITY, hi = INFINITY;
        int rc;
        if ((rc = nf_yaml_check_keys(y, b, "a bucket", bucket_keys)) ||
            (rc = nf_yaml_get_string(&name, y, b, "name", 1)) ||
            (rc = nf_yaml_get_double(&lo, y, b, "min", 0)) ||
            (rc = nf_yaml_get_double(&hi, y, b, "max", 0)))
            return rc;
        if (!nf_is_kebab_id(name))
            return nf_yaml_error(y, b, "bucket name '%s' must be lower-case letters and digits joined by '-'", name);
        if (!(lo < hi))
            return nf_yaml_error(y, b, "bucket '%s': min must be below max", name);
        if (i && lo < f->buckets[i - 1].hi)
            return nf_yaml_error(y, b, "bucket '%s' overlaps or comes before bucket '%s'",
                                 name, f->buckets[i - 1].name);
        if ((rc = dup_str(&f->buckets[i].name, name)))
            return rc;
        f->buckets[i].lo = lo;
        f->buckets[i].hi = hi;
        f->nbuckets++;
    }
    return NF_OK;
}

static int load_facet(nf_schema *s, nf_yaml *y, yaml_node_t *node)
{
    if (node->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, node, "a facet must be a map with name, prefix, slot, from...");
    int rc = nf_yaml_check_keys(y, node, "a facet", facet_keys);
    const char *name = NULL, *label = NULL, *prefix = NULL, *kind = "terms", *from = NULL;
    long slot = -1;
    if (rc || (rc = nf_yaml_get_string(&name, y, node, "name", 1)) ||
        (rc = nf_yaml_get_string(&label, y, node, "label", 0)) ||
        (rc = nf_yaml_get_string(&prefix, y, node, "prefix", 1)) ||
        (rc = nf_yaml_get_int(&slot, y, node, "slot", 0)) ||
        (rc = nf_yaml_get_string(&kind, y, node, "kind", 0)) ||
        (rc = nf_yaml_get_string(&from, y, node, "from", 1)))
        return rc;
    if (!nf_is_kebab_id(name))
        return nf_yaml_error(y, nf_yaml_get(y, node, "name"),
                             "facet name '%s' must be lower-case letters and digits joined by '-'", name);
    if (!is_prefix(prefix))
        return nf_yaml_error(y, nf_yaml_get(y, node, "prefix"),
                             "facet '%s': prefix '%s' must be upper-case letters starting with X",
                             name, prefix);
    if (nf_yaml_get(y, node, "slot") && (slot < 2 || slot > 0xfffffffeL))
        return nf_yaml_error(y, nf_yaml_get(y, node, "slot"),
                             "facet '%s': slot %ld is not free (0 and 1 hold the date and "
                             "the content hash)", name, slot);
    nf_facet_kind k;
    if (strcmp(kind, "terms") == 0)
        k = NF_FACET_TERMS;
    else if (strcmp(kind, "number") == 0)
        k = NF_FACET_NUMBER;
    else
        return nf_yaml_error(y, nf_yaml_get(y, node, "kind"),
                             "facet '%s': kind must be terms or number, got '%s'", name, kind);
    int known = strncmp(from, "gazetteer:", 10) == 0 && from[10];
    for (const char *const *f = feeders; *f && !known; f++)
        known = strcmp(from, *f) == 0;
    if (!known)
        return nf_yaml_error(y, nf_yaml_get(y, node, "from"),
                             "facet '%s': unknown feeder '%s' (gazetteer:LIST, claims, stances, "
                             "source, cites, money or percent)", name, from);
    for (size_t i = 0; i < s->nfacets; i++) {
        const nf_facet_def *o = &s->facets[i];
        const char *what = strcmp(o->name, name) == 0 ? "name"
                         : strcmp(o->prefix, prefix) == 0 ? "prefix"
                         : (slot >= 0 && o->slot == slot) ? "slot" : NULL;
        if (what)
            return nf_yaml_error(y, node, "facet '%s' has the same %s as facet '%s'",
                                 name, what, o->name);
    }
    yaml_node_t *buckets = nf_yaml_get(y, node, "buckets");
    if (buckets && k != NF_FACET_NUMBER)
        return nf_yaml_error(y, buckets, "facet '%s': only number facets have buckets", name);

    nf_facet_def *f = &s->facets[s->nfacets];
    memset(f, 0, sizeof *f);
    s->nfacets++;
    f->slot = (int)slot;
    f->kind = k;
    if ((rc = dup_str(&f->name, name)) || (rc = dup_str(&f->label, label ? label : name)) ||
        (rc = dup_str(&f->prefix, prefix)) || (rc = dup_str(&f->from, from)))
        return rc;
    if (buckets)
        return load_buckets(f, y, buckets);
    return NF_OK;
}

static int load_main(nf_schema *s, nf_yaml *y)
{
    yaml_node_t *root = nf_yaml_root(y);
    if (root->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, root, "schema.yaml must be a map with name, language, facets");
    int rc = nf_yaml_check_keys(y, root, "schema.yaml", top_keys);
    const char *name = NULL, *language = "english";
    if (rc || (rc = nf_yaml_get_string(&name, y, root, "name", 1)) ||
        (rc = nf_yaml_get_string(&language, y, root, "language", 0)))
        return rc;
    if ((rc = dup_str(&s->name, name)) || (rc = dup_str(&s->language, language)))
        return rc;
    yaml_node_t *facets = nf_yaml_get(y, root, "facets");
    if (!facets)
        return nf_yaml_error(y, root, "missing required key 'facets'");
    if (facets->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, facets, "'facets' must be a list of facets");
    size_t n = nf_yaml_seq_len(facets);
    s->facets = calloc(n ? n : 1, sizeof *s->facets);
    if (!s->facets)
        return nf_set_error(NF_ENOMEM, "out of memory loading the schema");
    for (size_t i = 0; i < n && !rc; i++)
        rc = load_facet(s, y, nf_yaml_seq_at(y, facets, i));
    return rc;
}

/* Facets fed by a gazetteer list need that list (checked once the parts
 * are loaded). */
static int check_feeders(const nf_schema *s, nf_yaml *y)
{
    yaml_node_t *facets = nf_yaml_get(y, nf_yaml_root(y), "facets");
    for (size_t i = 0; i < s->nfacets; i++) {
        const char *from = s->facets[i].from;
        if (strncmp(from, "gazetteer:", 10) != 0)
            continue;
        if (!nf_gazetteer_has_list(s->gazetteer, from + 10)) {
            yaml_node_t *node = nf_yaml_seq_at(y, facets, i);
            return nf_yaml_error(y, nf_yaml_get(y, node, "from"),
                                 "facet '%s' is fed from gazetteer list '%s', but no file "
                                 "in %s/gazetteers defines that list",
                                 s->facets[i].name, from + 10, s->dir);
        }
    }
    return NF_OK;
}

/* ---- schema id: a digest of every schema file --------------------------- */

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* Collect the YAML files under ROOT/REL, as paths relative to ROOT. */
static int walk(path_list *p, const char *root, const char *rel)
{
    nf_buf dir = NF_BUF_INIT, sub = NF_BUF_INIT;
    int rc = nf_buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = rc ? NULL : opendir(dir.data);
    if (!rc && !d)
        rc = nf_set_error(NF_EIO, "%s: cannot list the schema files: %s", dir.data,
                          strerror(errno));
    for (struct dirent *e; !rc && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        nf_buf_clear(&sub);
        if ((rc = nf_buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name)))
            break;
        nf_buf_clear(&dir);
        if ((rc = nf_buf_printf(&dir, "%s/%s", root, sub.data)))
            break;
        struct stat st;
        if (stat(dir.data, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rc = walk(p, root, sub.data);
        } else if (S_ISREG(st.st_mode) && is_yaml(e->d_name)) {
            if (p->n == p->cap) {
                size_t cap = p->cap ? p->cap * 2 : 32;
                char **v = realloc(p->v, cap * sizeof *v);
                if (!v) {
                    rc = nf_set_error(NF_ENOMEM, "out of memory loading the schema");
                    break;
                }
                p->v = v;
                p->cap = cap;
            }
            p->v[p->n++] = nf_buf_detach(&sub);
        }
    }
    if (d)
        closedir(d);
    nf_buf_free(&dir);
    nf_buf_free(&sub);
    return rc;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A digest (nf_hash128_hex, first 16 hex digits) over each YAML file's path
 * (relative to the schema folder) and bytes, in sorted path order:
 * renaming, adding or editing any schema file changes the id; README edits
 * do not. */
static int compute_id(nf_schema *s)
{
    path_list p = {NULL, 0, 0};
    int rc = walk(&p, s->dir, "");
    if (!rc)
        qsort(p.v, p.n, sizeof *p.v, cmp_path);
    nf_buf all = NF_BUF_INIT, path = NF_BUF_INIT;
    char chunk[8192];
    for (size_t i = 0; i < p.n && !rc; i++) {
        if ((rc = nf_buf_append(&all, p.v[i], strlen(p.v[i]) + 1)))
            break;
        nf_buf_clear(&path);
        if ((rc = nf_buf_printf(&path, "%s/%s", s->dir, p.v[i])))
            break;
        FILE *f = fopen(path.data, "rb");
        if (!f) {
            rc = nf_set_error(NF_EIO, "%s: cannot read: %s", path.data, strerror(errno));
            break;
        }
        size_t got;
        while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
            rc = nf_buf_append(&all, chunk, got);
        fclose(f);
    }
    if (!rc) {
        char hex[33];
        nf_hash128_hex(hex, all.data ? all.data : "", all.len);
        memcpy(s->id, hex, sizeof s->id - 1);
        s->id[sizeof s->id - 1] = '\0';
    }
    nf_buf_free(&all);
    nf_buf_free(&path);
    for (size_t i = 0; i < p.n; i++)
        free(p.v[i]);
    free(p.v);
    return rc;
}

/* ---- load, free, look up ------------------------------------------------ */

int nf_schema_load(nf_schema **out, const char *dir)
{
    *out = NULL;
    nf_schema *s = calloc(1, sizeof *s);
    if (!s)
        return nf_set_error(NF_ENOMEM, "out of memory loading the schema");
    nf_yaml *y = NULL;
    nf_buf path = NF_BUF_INIT;
    int rc = dup_str(&s->dir, dir);
    if (!rc)
        rc = nf_buf_printf(&path, "%s/schema.yaml", dir);
    if (!rc)
        rc = nf_yaml_load(&y, path.data);
    if (!rc)
        rc = load_main(s, y);
    if (!rc)
        rc = compute_id(s);
    /* The parts, each from its own files.  Owners: add your loader here. */
    if (!rc)
        rc = nf_gazetteer_load(&s->gazetteer, dir);
    if (!rc && (rc = nf_lang_load(&s->lang, dir)) == NF_ENOTFOUND)
        rc = NF_OK;   /* language.yaml is optional: no abbreviations */
    if (!rc)
        rc = nf_money_schema_load(&s->money, s);
    if (!rc)
        rc = nf_cues_load(&s->cues, dir);
    if (!rc)
        rc = nf_attribution_load(&s->attribution, dir);
    if (!rc)
        rc = nf_reader_conf_load(&s->reader, dir);
    if (!rc)
        rc = check_feeders(s, y);
    /* claims check their entity references against the gazetteer */
    if (!rc)
        rc = nf_claim_rules_load(&s->claims, s, dir);
    nf_yaml_free(y);
    nf_buf_free(&path);
    if (rc) {
        nf_schema_free(s);
        return rc;
    }
    *out = s;
    return NF_OK;
}

void nf_schema_free(nf_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfacets; i++) {
        nf_facet_def *f = &s->facets[i];
        free(f->name);
        free(f->label);
        free(f->prefix);
        free(f->from);
        for (size_t j = 0; j < f->nbuckets; j++)
            free(f->buckets[j].name);
        free(f->buckets);
    }
    free(s->facets);
    /* Owners: free your part here. */
    nf_claim_rules_free(s->claims);
    nf_gazetteer_free(s->gazetteer);
    nf_money_conf_free(s->money);
    nf_cues_free(s->cues);
    nf_attribution_free(s->attribution);
    nf_lang_free(s->lang);
    nf_reader_conf_free(s->reader);
    free(s->dir);
    free(s->name);
    free(s->language);
    free(s);
}

const nf_facet_def *nf_schema_facet(const nf_schema *s, const char *name)
{
    for (size_t i = 0; s && i < s->nfacets; i++)
        if (strcmp(s->facets[i].name, name) == 0)
            return &s->facets[i];
    return NULL;
}

static int print_number(nf_buf *b, double v)
{
    if (isinf(v))
        return nf_buf_puts(b, v < 0 ? "-inf" : "inf");
    return nf_buf_printf(b, "%g", v);
}

int nf_schema_summary(char **out, const nf_schema *s)
{
    *out = NULL;
    nf_buf b = NF_BUF_INIT;
    int rc = nf_buf_printf(&b, "schema %s (id %s) in %s, language %s\nfacets: %zu\n",
                           s->name, s->id, s->dir, s->language, s->nfacets);
    for (size_t i = 0; i < s->nfacets && !rc; i++) {
        const nf_facet_def *f = &s->facets[i];
        rc = nf_buf_printf(&b, "  %s (%s): prefix %s, slot %d, %s, from %s", f->name,
                           f->label, f->prefix, f->slot,
                           f->kind == NF_FACET_NUMBER ? "number" : "terms", f->from);
        for (size_t j = 0; j < f->nbuckets && !rc; j++) {
            rc = nf_buf_printf(&b, "%s%s [", j ? ", " : "; buckets ", f->buckets[j].name);
            if (!rc)
                rc = print_number(&b, f->buckets[j].lo);
            if (!rc)
                rc = nf_buf_puts(&b, ", ");
            if (!rc)
                rc = print_number(&b, f->buckets[j].hi);
            if (!rc)
                rc = nf_buf_puts(&b, ")");
        }
        if (!rc)
            rc = nf_buf_putc(&b, '\n');
    }
    /* Each part reports its own counts.  Owners: add your line here. */
    if (!rc)
        rc = nf_gazetteer_summary(&b, s->gazetteer);
    if (!rc)
        rc = nf_money_summary(&b, s->money);
    if (!rc)
        rc = nf_cues_summary(&b, s->cues);
    if (!rc)
        rc = nf_attribution_summary(&b, s->attribution);
    if (!rc)
        rc = nf_reader_conf_summary(&b, s->reader);
    if (rc) {
        nf_buf_free(&b);
        return rc;
    }
    *out = nf_buf_detach(&b);
    return NF_OK;
}
