/* The gazetteer's tables: alias keys with their prefixes, entry ids and web
 * domains, plus the look-ups and the admin report.  Parsing the YAML files
 * is nf_gazetteer_load.c's job; matching text is nf_entities.c's. */
#include "nf_gazetteer_impl.h"
#include "nf_words.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct nf_gazetteer *nf_gaz_new(void)
{
    struct nf_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
    return g;
}

static void phrases_free(nf_phrases *p)
{
    for (size_t i = 0; i < p->n; i++) {
        for (size_t j = 0; j < p->v[i].n; j++)
            free(p->v[i].words[j]);
        free(p->v[i].words);
    }
    free(p->v);
}

void nf_gaz_rules_free(nf_gaz_rules *r)
{
    if (!r)
        return;
    phrases_free(&r->veto_before);
    phrases_free(&r->veto_after);
    phrases_free(&r->allow_after);
    phrases_free(&r->confirm_before);
    phrases_free(&r->confirm_after);
    phrases_free(&r->confirm_near);
    free(r);
}

static void slots_free(nf_gaz_slot *slots, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(slots[i].key);
    free(slots);
}

void nf_gazetteer_free(struct nf_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nlists; i++)
        free(g->lists[i]);
    free(g->lists);
    for (size_t i = 0; i < g->nfiles; i++)
        free(g->files[i]);
    free(g->files);
    for (size_t i = 0; i < g->nentries; i++) {
        nf_gaz_entry *e = &g->entries[i];
        free(e->id);
        free(e->name);
        free(e->implies);
        for (size_t j = 0; j < e->nimplies; j++)
            free(e->implies_text[j]);
        free(e->implies_text);
        free(e->implies_line);
        for (size_t j = 0; j < e->ndomains; j++)
            free(e->domains[j]);
        free(e->domains);
    }
    free(g->entries);
    for (size_t i = 0; i < g->naliases; i++) {
        free(g->aliases[i].text);
        free(g->aliases[i].exact);
        free(g->aliases[i].key);
    }
    free(g->aliases);
    for (size_t i = 0; i < g->nrules; i++)
        nf_gaz_rules_free(g->rules[i]);
    free(g->rules);
    slots_free(g->slots, g->nslots);
    slots_free(g->ids, g->nids);
    free(g->start_bits);
    for (size_t i = 0; i < g->ndomains; i++)
        free(g->domains[i].domain);
    free(g->domains);
    nf_buf_free(&g->report);
    free(g);
}

/* ---- interning ---------------------------------------------------------- */

static const char *intern(char ***v, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], s) == 0)
            return (*v)[i];
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return NULL;
    *v = nv;
    if (!(nv[*n] = strdup(s)))
        return NULL;
    return nv[(*n)++];
}

const char *nf_gaz_intern_list(struct nf_gazetteer *g, const char *list)
{
    const char *r = intern(&g->lists, &g->nlists, list);
    if (!r)
        nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
    return r;
}

const char *nf_gaz_intern_file(struct nf_gazetteer *g, const char *file)
{
    const char *r = intern(&g->files, &g->nfiles, file);
    if (!r)
        nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
    return r;
}

/* ---- hash tables of keys ------------------------------------------------ */

static nf_gaz_slot *table_find(nf_gaz_slot *slots, size_t nslots, const char *key,
                               size_t len, uint64_t h)
{
    if (!nslots)
        return NULL;
    size_t mask = nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        nf_gaz_slot *s = &slots[i];
        if (!s->key)
            return s;               /* the empty slot where KEY would go */
        if (s->hash == h && strncmp(s->key, key, len) == 0 && s->key[len] == '\0')
            return s;
    }
}

static int table_grow(nf_gaz_slot **slots, size_t *nslots, size_t used)
{
    if ((used + 1) * 4 < *nslots * 3)
        return NF_OK;
    size_t n = *nslots ? *nslots * 2 : 1024;
    nf_gaz_slot *ns = calloc(n, sizeof *ns);
    if (!ns)
        return nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
    for (size_t i = 0; i < *nslots; i++) {
        nf_gaz_slot *old = &(*slots)[i];
        if (!old->key)
            continue;
        nf_gaz_slot *to = table_find(ns, n, old->key, strlen(old->key), old->hash);
        *to = *old;
    }
    free(*slots);
    *slots = ns;
    *nslots = n;
    return NF_OK;
}

/* The slot for KEY, created empty (first = NONE, flags = 0) if new. */
static int table_get(nf_gaz_slot **out, nf_gaz_slot **slots, size_t *nslots,
                     size_t *used, const char *key, size_t len)
{
    int rc = table_grow(slots, nslots, *used);
    if (rc)
        return rc;
    uint64_t h = nf_gaz_hash(NF_GAZ_HASH_INIT, key, len);
    nf_gaz_slot *s = table_find(*slots, *nslots, key, len, h);
    if (!s->key) {
        if (!(s->key = strndup(key, len)))
            return nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
        s->hash = h;
        s->first = NF_GAZ_NONE;
        s->flags = 0;
        (*used)++;
    }
    *out = s;
    return NF_OK;
}

const nf_gaz_slot *nf_gaz_lookup(const struct nf_gazetteer *g, const char *key,
                                 size_t len, uint64_t h)
{
    const nf_gaz_slot *s = table_find(g->slots, g->nslots, key, len, h);
    return s && s->key ? s : NULL;
}

/* ---- keys --------------------------------------------------------------- */

typedef struct key_ctx {
    nf_buf *key;
    const char *text;
    size_t n;
    int rc;
} key_ctx;

static int key_unit(void *vctx, size_t start, size_t end)
{
    key_ctx *c = vctx;
    if (c->n && nf_buf_putc(c->key, ' '))
        return c->rc = NF_ENOMEM;
    if (nf_word_lower(c->key, c->text, start, end))
        return c->rc = NF_ENOMEM;
    c->n++;
    return 0;
}

int nf_gaz_key(nf_buf *key, size_t *nunits, const char *text)
{
    nf_buf_clear(key);
    if (nf_buf_reserve(key, strlen(text) + 1))
        return NF_ENOMEM;
    key_ctx c = {key, text, 0, NF_OK};
    nf_words_each(text, 0, strlen(text), key_unit, &c);
    *nunits = c.n;
    return c.rc;
}

/* ---- ids ---------------------------------------------------------------- */

static int id_key(nf_buf *b, const char *list, const char *id)
{
    nf_buf_clear(b);
    return nf_buf_printf(b, "%s\x1f%s", list, id);
}

uint32_t nf_gaz_find_entry(const struct nf_gazetteer *g, const char *list, const char *id)
{
    nf_buf b = NF_BUF_INIT;
    uint32_t r = NF_GAZ_NONE;
    if (id_key(&b, list, id) == NF_OK) {
        const nf_gaz_slot *s = table_find(g->ids, g->nids, b.data, b.len,
                                          nf_gaz_hash(NF_GAZ_HASH_INIT, b.data, b.len));
        if (s && s->key)
            r = s->first;
    }
    nf_buf_free(&b);
    return r;
}

int nf_gaz_register_id(struct nf_gazetteer *g, uint32_t e, uint32_t *previous)
{
    nf_buf b = NF_BUF_INIT;
    int rc = id_key(&b, g->entries[e].list, g->entries[e].id);
    nf_gaz_slot *s = NULL;
    if (!rc)
        rc = table_get(&s, &g->ids, &g->nids, &g->nids_used, b.data, b.len);
    nf_buf_free(&b);
    if (rc)
        return rc;
    *previous = s->first;
    if (s->first == NF_GAZ_NONE)
        s->first = e;
    return NF_OK;
}

/* ---- aliases ------------------------------------------------------------ */

int nf_gaz_add_alias(struct nf_gazetteer *g, uint32_t entry, uint32_t rules,
                     const char *text, unsigned line)
{
    nf_buf key = NF_BUF_INIT, exact = NF_BUF_INIT;
    size_t nunits;
    int rc = nf_gaz_key(&key, &nunits, text);
    if (!rc)
        rc = nf_word_exact(&exact, text, 0, strlen(text));
    if (rc)
        goto out;
    const nf_gaz_entry *en = &g->entries[entry];
    if (nunits == 0) {
        rc = nf_set_error(NF_ESCHEMA, "%s:%u: alias '%s' of '%s' has no letters or digits",
                          en->file, line, text, en->id);
        goto out;
    }
    if (nunits > NF_GAZ_MAX_UNITS) {
        rc = nf_set_error(NF_ESCHEMA, "%s:%u: alias '%s' of '%s' has more than %d words",
                          en->file, line, text, en->id, NF_GAZ_MAX_UNITS);
        goto out;
    }
    /* Every proper prefix is marked so the matcher knows to keep going;
     * every unit is vocabulary (for re-joining "Micro-\nsoft"). */
    for (size_t i = 0; i <= key.len; i++) {
        if (i < key.len && key.data[i] != ' ')
            continue;
        nf_gaz_slot *s;
        if ((rc = table_get(&s, &g->slots, &g->nslots, &g->nused, key.data, i)))
            goto out;
        if (i < key.len)
            s->flags |= NF_GAZ_PREFIX;
    }
    for (size_t i = 0, from = 0; i <= key.len; i++) {
        if (i < key.len && key.data[i] != ' ')
            continue;
        nf_gaz_slot *s;
        if ((rc = table_get(&s, &g->slots, &g->nslots, &g->nused, key.data + from, i - from)))
            goto out;
        s->flags |= NF_GAZ_VOCAB;
        from = i + 1;
    }
    nf_gaz_slot *slot;
    if ((rc = table_get(&slot, &g->slots, &g->nslots, &g->nused, key.data, key.len)))
        goto out;
    /* Same key again: the same entry (a harmless duplicate, skipped) or
     * another entry of the same list (a conflict the admin should see). */
    for (uint32_t a = slot->first; a != NF_GAZ_NONE; a = g->aliases[a].next) {
        if (g->aliases[a].entry != entry || g->aliases[a].rules != rules)
            continue;
        /* Repeating the display name among the aliases is normal. */
        if (strcmp(g->aliases[a].text, en->name) != 0) {
            g->nduplicates++;
            rc = nf_buf_printf(&g->report,
                               "duplicate alias '%s' of %s:%s (%s:%u; first '%s' at line %u)\n",
                               text, en->list, en->id, en->file, line,
                               g->aliases[a].text, g->aliases[a].line);
        }
        goto out;
    }
    for (uint32_t a = slot->first; a != NF_GAZ_NONE; a = g->aliases[a].next) {
        const nf_gaz_entry *other = &g->entries[g->aliases[a].entry];
        if (other->list != en->list || g->aliases[a].entry == entry)
            continue;
        g->nconflicts++;
        if ((rc = nf_buf_printf(&g->report,
                                "conflicting alias '%s': %s:%s (%s:%u) and %s:%s (%s:%u)\n",
                                text, other->list, other->id, other->file,
                                g->aliases[a].line, en->list, en->id, en->file, line)))
            goto out;
        break;     /* one report per new alias */
    }
    if (g->naliases == g->aliases_cap) {
        size_t cap = g->aliases_cap ? g->aliases_cap * 2 : 256;
        nf_gaz_alias *v = realloc(g->aliases, cap * sizeof *v);
        if (!v) {
            rc = nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
            goto out;
        }
        g->aliases = v;
        g->aliases_cap = cap;
    }
    nf_gaz_alias *al = &g->aliases[g->naliases];
    memset(al, 0, sizeof *al);
    al->entry = entry;
    al->rules = rules;
    al->nunits = (uint32_t)nunits;
    al->line = line;
    al->next = NF_GAZ_NONE;
    al->text = strdup(text);
    al->exact = nf_buf_detach(&exact);
    al->key = nf_buf_detach(&key);
    if (!al->text) {
        free(al->exact);
        free(al->key);
        rc = nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
        goto out;
    }
    /* Append at the end of the chain: file order decides ties. */
    uint32_t idx = (uint32_t)g->naliases++;
    if (slot->first == NF_GAZ_NONE) {
        slot->first = idx;
    } else {
        uint32_t a = slot->first;
        while (g->aliases[a].next != NF_GAZ_NONE)
            a = g->aliases[a].next;
        g->aliases[a].next = idx;
    }
    slot->flags |= NF_GAZ_FULL;
    if (nunits > g->max_units)
        g->max_units = nunits;
out:
    nf_buf_free(&key);
    nf_buf_free(&exact);
    return rc;
}

/* ---- finishing and look-ups ---------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_domain(const void *a, const void *b)
{
    return strcmp(((const nf_gaz_domain *)a)->domain, ((const nf_gaz_domain *)b)->domain);
}

/* The start filter: one bit per word that begins some alias, about 16 bits
 * per such word so that few other words share a bit. */
static int build_start_bits(struct nf_gazetteer *g)
{
    size_t starts = 0;
    for (size_t i = 0; i < g->nslots; i++) {
        const nf_gaz_slot *s = &g->slots[i];
        if (s->key && !strchr(s->key, ' ') && (s->flags & (NF_GAZ_FULL | NF_GAZ_PREFIX)))
            starts++;
    }
    size_t nbits = 4096;
    while (nbits < starts * 16)
        nbits *= 2;
    g->start_bits = calloc(nbits / 64, sizeof *g->start_bits);
    if (!g->start_bits)
        return nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
    g->start_mask = nbits - 1;
    for (size_t i = 0; i < g->nslots; i++) {
        const nf_gaz_slot *s = &g->slots[i];
        if (s->key && !strchr(s->key, ' ') && (s->flags & (NF_GAZ_FULL | NF_GAZ_PREFIX))) {
            size_t bit = (size_t)(s->hash >> 40) & g->start_mask;
            g->start_bits[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    }
    return NF_OK;
}

int nf_gaz_finish(struct nf_gazetteer *g)
{
    if (g->nlists > 1) /* qsort(NULL, 0, ...) is undefined: no lists, nothing to sort */
        qsort(g->lists, g->nlists, sizeof *g->lists, cmp_str);
    int rc = build_start_bits(g);
    if (rc)
        return rc;
    size_t n = 0;
    for (size_t i = 0; i < g->nentries; i++)
        n += g->entries[i].ndomains;
    if (n) {
        g->domains = calloc(n, sizeof *g->domains);
        if (!g->domains)
            return nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
        for (size_t i = 0; i < g->nentries; i++)
            for (size_t j = 0; j < g->entries[i].ndomains; j++) {
                nf_gaz_domain *d = &g->domains[g->ndomains];
                if (!(d->domain = strdup(g->entries[i].domains[j])))
                    return nf_set_error(NF_ENOMEM, "out of memory loading gazetteers");
                for (char *p = d->domain; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (char)(*p - 'A' + 'a');
                d->entry = (uint32_t)i;
                g->ndomains++;
            }
        qsort(g->domains, g->ndomains, sizeof *g->domains, cmp_domain);
    }
    return NF_OK;
}

size_t nf_gazetteer_nlists(const struct nf_gazetteer *g)
{
    return g ? g->nlists : 0;
}

const char *nf_gazetteer_list_name(const struct nf_gazetteer *g, size_t i)
{
    return g && i < g->nlists ? g->lists[i] : NULL;
}

int nf_gazetteer_has_list(const struct nf_gazetteer *g, const char *list)
{
    for (size_t i = 0; g && i < g->nlists; i++)
        if (strcmp(g->lists[i], list) == 0)
            return 1;
    return 0;
}

size_t nf_gazetteer_list_size(const struct nf_gazetteer *g, const char *list)
{
    size_t n = 0;
    for (size_t i = 0; g && i < g->nentries; i++)
        if (strcmp(g->entries[i].list, list) == 0)
            n++;
    return n;
}

size_t nf_gazetteer_nconflicts(const struct nf_gazetteer *g)
{
    return g ? g->nconflicts : 0;
}

const char *nf_gazetteer_find_by_name(const struct nf_gazetteer *g, const char *list,
                                      const char *name)
{
    if (!g || !name)
        return NULL;
    nf_buf key = NF_BUF_INIT;
    size_t nunits;
    const char *id = NULL;
    if (nf_gaz_key(&key, &nunits, name) == NF_OK && nunits) {
        const nf_gaz_slot *s = nf_gaz_lookup(g, key.data, key.len,
                                             nf_gaz_hash(NF_GAZ_HASH_INIT, key.data, key.len));
        for (uint32_t a = s ? s->first : NF_GAZ_NONE; a != NF_GAZ_NONE && !id;
             a = g->aliases[a].next) {
            const nf_gaz_entry *e = &g->entries[g->aliases[a].entry];
            if (strcmp(e->list, list) == 0)
                id = e->id;
        }
    }
    nf_buf_free(&key);
    return id;
}

const char *nf_gazetteer_find_by_domain(const struct nf_gazetteer *g, const char *list,
                                        const char *host)
{
    if (!g || !host || !g->ndomains)
        return NULL;
    char buf[256];
    size_t n = strlen(host);
    if (n >= sizeof buf)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (host[i] >= 'A' && host[i] <= 'Z') ? (char)(host[i] - 'A' + 'a') : host[i];
    if (n && buf[n - 1] == '.')
        buf[n - 1] = '\0';     /* a fully qualified "reuters.com." */
    /* Try the host, then each parent domain: uk.reuters.com, reuters.com. */
    for (const char *h = buf; h && *h;) {
        nf_gaz_domain probe = {(char *)h, 0};
        const nf_gaz_domain *d = bsearch(&probe, g->domains, g->ndomains,
                                         sizeof *g->domains, cmp_domain);
        /* Several entries may share a domain in different lists. */
        if (d) {
            while (d > g->domains && strcmp(d[-1].domain, h) == 0)
                d--;
            for (; d < g->domains + g->ndomains && strcmp(d->domain, h) == 0; d++)
                if (strcmp(g->entries[d->entry].list, list) == 0)
                    return g->entries[d->entry].id;
        }
        h = strchr(h, '.');
        if (h)
            h++;
        if (h && !strchr(h, '.'))
            break;             /* never match a bare top-level domain */
    }
    return NULL;
}

const char *nf_gazetteer_display_name(const struct nf_gazetteer *g, const char *list,
                                      const char *id)
{
    uint32_t e = g ? nf_gaz_find_entry(g, list, id) : NF_GAZ_NONE;
    return e == NF_GAZ_NONE ? NULL : g->entries[e].name;
}

int nf_gazetteer_summary(nf_buf *out, const struct nf_gazetteer *g)
{
    if (!g || !g->nlists)
        return nf_buf_puts(out, "gazetteers: none\n");
    int rc = nf_buf_printf(out, "gazetteers: %zu lists, %zu entries, %zu aliases\n",
                           g->nlists, g->nentries, g->naliases);
    for (size_t l = 0; l < g->nlists && !rc; l++) {
        size_t ne = 0, na = 0;
        for (size_t i = 0; i < g->nentries; i++)
            ne += g->entries[i].list == g->lists[l];
        for (size_t i = 0; i < g->naliases; i++)
            na += g->entries[g->aliases[i].entry].list == g->lists[l];
        rc = nf_buf_printf(out, "  list %s: %zu entries, %zu aliases\n", g->lists[l], ne, na);
    }
    if (!rc)
        rc = nf_buf_printf(out, "duplicate aliases: %zu, conflicting aliases: %zu\n",
                           g->nduplicates, g->nconflicts);
    if (!rc && g->report.len)
        rc = nf_buf_append(out, g->report.data, g->report.len);
    return rc;
}
