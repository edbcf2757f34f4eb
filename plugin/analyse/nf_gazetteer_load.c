/* Reading gazetteers/ *.yaml into the tables of nf_gazetteer.c.  The format
 * (documented for admins in schema/README.md):
 *
 *   list: company              # the list of every entry in the file
 *   case: capitalised          # default case rule of the file's entries
 *   entries:
 *     - id: apple              # lower-case kebab id, unique in its list
 *       name: Apple            # display name, also an alias
 *       aliases: [Apple Inc, {text: AAPL, case: exact}]
 *       case: capitalised      # any | capitalised | exact
 *       implies: [company:x]   # other list:id pairs every mention also gives
 *       veto: {before: [...], after: [...], next_capitalised: true, allow_after: [...]}
 *       confirm: {before: [...], after: [...], near: [...]}
 *       domains: [apple.com]   # web domains (outlets: the source from a URL)
 *
 * Every mistake is reported as "file:line: what is wrong". */
#include "nf_gazetteer_impl.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int parse_case(nf_case_mode *out, nf_yaml *y, yaml_node_t *map)
{
    const char *s = NULL;
    int rc = nf_yaml_get_string(&s, y, map, "case", 0);
    if (rc || !s)
        return rc;
    if (strcmp(s, "any") == 0)
        *out = NF_CASE_ANY;
    else if (strcmp(s, "capitalised") == 0 || strcmp(s, "capitalized") == 0)
        *out = NF_CASE_CAPITALISED;
    else if (strcmp(s, "exact") == 0)
        *out = NF_CASE_EXACT;
    else
        return nf_yaml_error(y, nf_yaml_get(y, map, "case"),
                             "'case' must be any, capitalised or exact, got '%s'", s);
    return NF_OK;
}

/* A list of strings, or one string. */
static int string_items(nf_yaml *y, yaml_node_t *node, const char *what,
                        size_t *n, yaml_node_t ***items)
{
    *n = 0;
    *items = NULL;
    if (!node)
        return NF_OK;
    if (node->type == YAML_SCALAR_NODE) {
        *items = malloc(sizeof **items);
        if (!*items)
            return nf_set_error(NF_ENOMEM, "out of memory");
        (*items)[0] = node;
        *n = 1;
        return NF_OK;
    }
    if (node->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, node, "'%s' must be a list of words or phrases", what);
    size_t len = nf_yaml_seq_len(node);
    *items = calloc(len ? len : 1, sizeof **items);
    if (!*items)
        return nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *it = nf_yaml_seq_at(y, node, i);
        if (!nf_yaml_scalar(it)) {
            free(*items);
            *items = NULL;
            return nf_yaml_error(y, it, "'%s' items must be text, not lists or maps", what);
        }
        (*items)[i] = it;
    }
    *n = len;
    return NF_OK;
}

static int parse_phrases(nf_phrases *out, nf_yaml *y, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = nf_yaml_get(y, map, key);
    if (!node)
        return NF_OK;
    size_t n;
    yaml_node_t **items;
    int rc = string_items(y, node, key, &n, &items);
    if (rc)
        return rc;
    /* Replaces what an entry-level rule said (an alias overrides). */
    for (size_t i = 0; i < out->n; i++) {
        for (size_t j = 0; j < out->v[i].n; j++)
            free(out->v[i].words[j]);
        free(out->v[i].words);
    }
    free(out->v);
    out->v = calloc(n ? n : 1, sizeof *out->v);
    out->n = 0;
    nf_buf key_buf = NF_BUF_INIT;
    if (!out->v)
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && !rc; i++) {
        const char *text = nf_yaml_scalar(items[i]);
        size_t nunits;
        if ((rc = nf_gaz_key(&key_buf, &nunits, text)))
            break;
        if (!nunits) {
            rc = nf_yaml_error(y, items[i], "'%s' phrase '%s' has no letters or digits",
                               key, text);
            break;
        }
        nf_phrase *p = &out->v[out->n++];
        p->words = calloc(nunits, sizeof *p->words);
        if (!p->words) {
            rc = nf_set_error(NF_ENOMEM, "out of memory");
            break;
        }
        char *save = NULL;
        for (char *w = strtok_r(key_buf.data, " ", &save); w; w = strtok_r(NULL, " ", &save))
            if (!(p->words[p->n++] = strdup(w))) {
                rc = nf_set_error(NF_ENOMEM, "out of memory");
                break;
            }
    }
    nf_buf_free(&key_buf);
    free(items);
    return rc;
}

static const char *const veto_keys[] = {"before", "after", "next_capitalised",
                                        "allow_after", NULL};
static const char *const confirm_keys[] = {"before", "after", "near", NULL};

/* Apply the case/veto/confirm keys of MAP (an entry or an alias) to R. */
static int apply_rules(nf_gaz_rules *r, nf_yaml *y, yaml_node_t *map)
{
    int rc = parse_case(&r->case_mode, y, map);
    if (rc)
        return rc;
    yaml_node_t *veto = nf_yaml_get(y, map, "veto");
    if (veto) {
        if (veto->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, veto, "'veto' must be a map with before, after, "
                                          "next_capitalised or allow_after");
        if ((rc = nf_yaml_check_keys(y, veto, "veto", veto_keys)) ||
            (rc = parse_phrases(&r->veto_before, y, veto, "before")) ||
            (rc = parse_phrases(&r->veto_after, y, veto, "after")) ||
            (rc = parse_phrases(&r->allow_after, y, veto, "allow_after")) ||
            (rc = nf_yaml_get_bool(&r->veto_next_capitalised, y, veto, "next_capitalised", 0)))
            return rc;
    }
    yaml_node_t *confirm = nf_yaml_get(y, map, "confirm");
    if (confirm) {
        if (confirm->type != YAML_MAPPING_NODE)
            return nf_yaml_error(y, confirm, "'confirm' must be a map with before, after or near");
        if ((rc = nf_yaml_check_keys(y, confirm, "confirm", confirm_keys)) ||
            (rc = parse_phrases(&r->confirm_before, y, confirm, "before")) ||
            (rc = parse_phrases(&r->confirm_after, y, confirm, "after")) ||
            (rc = parse_phrases(&r->confirm_near, y, confirm, "near")))
            return rc;
        r->has_confirm = r->confirm_before.n + r->confirm_after.n + r->confirm_near.n > 0;
    }
    return NF_OK;
}

/* New rules from the file default, the entry's keys, then ALIAS's keys. */
static int make_rules(uint32_t *out, struct nf_gazetteer *g, nf_yaml *y,
                      nf_case_mode file_case, yaml_node_t *entry, yaml_node_t *alias)
{
    nf_gaz_rules *r = calloc(1, sizeof *r);
    if (!r)
        return nf_set_error(NF_ENOMEM, "out of memory");
    r->case_mode = file_case;
    int rc = apply_rules(r, y, entry);
    if (!rc && alias)
        rc = apply_rules(r, y, alias);
    if (!rc && g->nrules == g->rules_cap) {
        size_t cap = g->rules_cap ? g->rules_cap * 2 : 256;
        nf_gaz_rules **v = realloc(g->rules, cap * sizeof *v);
        if (!v)
            rc = nf_set_error(NF_ENOMEM, "out of memory");
        else {
            g->rules = v;
            g->rules_cap = cap;
        }
    }
    if (rc) {
        nf_gaz_rules_free(r);
        return rc;
    }
    g->rules[g->nrules] = r;
    *out = (uint32_t)g->nrules++;
    return NF_OK;
}

static const char *const entry_keys[] = {"id", "name", "list", "aliases", "case",
                                         "implies", "veto", "confirm", "domains",
                                         "note", NULL};
static const char *const alias_keys[] = {"text", "case", "veto", "confirm", NULL};
static const char *const file_keys[] = {"list", "case", "entries", "description", NULL};

static int copy_strings(char ***out, unsigned **lines, size_t *n, nf_yaml *y,
                        yaml_node_t *node, const char *what)
{
    yaml_node_t **items;
    int rc = string_items(y, node, what, n, &items);
    if (rc || !*n) {
        free(items);
        return rc;
    }
    *out = calloc(*n, sizeof **out);
    if (lines)
        *lines = calloc(*n, sizeof **lines);
    if (!*out || (lines && !*lines))
        rc = nf_set_error(NF_ENOMEM, "out of memory");
    for (size_t i = 0; i < *n && !rc; i++) {
        if (!((*out)[i] = strdup(nf_yaml_scalar(items[i]))))
            rc = nf_set_error(NF_ENOMEM, "out of memory");
        if (lines)
            (*lines)[i] = nf_yaml_line(items[i]);
    }
    free(items);
    return rc;
}

static int load_entry(struct nf_gazetteer *g, nf_yaml *y, yaml_node_t *node,
                      const char *file_list, nf_case_mode file_case, const char *file)
{
    if (node->type != YAML_MAPPING_NODE)
        return nf_yaml_error(y, node, "an entry must be a map with id, name, aliases...");
    int rc = nf_yaml_check_keys(y, node, "an entry", entry_keys);
    const char *id = NULL, *name = NULL, *list = file_list;
    if (rc || (rc = nf_yaml_get_string(&id, y, node, "id", 1)) ||
        (rc = nf_yaml_get_string(&name, y, node, "name", 1)) ||
        (rc = nf_yaml_get_string(&list, y, node, "list", 0)))
        return rc;
    if (!nf_is_kebab_id(id))
        return nf_yaml_error(y, nf_yaml_get(y, node, "id"),
                             "id '%s' must be lower-case letters and digits joined by '-'", id);
    if (!list)
        return nf_yaml_error(y, node, "entry '%s' has no list (give 'list' in the file or the entry)", id);
    if (!nf_is_kebab_id(list))
        return nf_yaml_error(y, nf_yaml_get(y, node, "list"),
                             "list name '%s' must be lower-case letters and digits joined by '-'", list);
    const char *ilist = nf_gaz_intern_list(g, list);
    if (!ilist)
        return NF_ENOMEM;
    if (g->nentries == g->entries_cap) {
        size_t cap = g->entries_cap ? g->entries_cap * 2 : 256;
        nf_gaz_entry *v = realloc(g->entries, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory");
        g->entries = v;
        g->entries_cap = cap;
    }
    uint32_t ei = (uint32_t)g->nentries;
    nf_gaz_entry *e = &g->entries[ei];
    memset(e, 0, sizeof *e);
    e->list = ilist;
    e->file = file;
    e->line = nf_yaml_line(node);
    e->id = strdup(id);
    e->name = strdup(name);
    g->nentries++;
    if (!e->id || !e->name)
        return nf_set_error(NF_ENOMEM, "out of memory");
    uint32_t prev;
    if ((rc = nf_gaz_register_id(g, ei, &prev)))
        return rc;
    if (prev != NF_GAZ_NONE)
        return nf_yaml_error(y, nf_yaml_get(y, node, "id"),
                             "duplicate id '%s' in list '%s' (first defined at %s:%u)",
                             id, list, g->entries[prev].file, g->entries[prev].line);

    yaml_node_t *implies = nf_yaml_get(y, node, "implies");
    if ((rc = copy_strings(&e->implies_text, &e->implies_line, &e->nimplies, y,
                           implies, "implies")))
        return rc;
    if ((rc = copy_strings(&e->domains, NULL, &e->ndomains, y,
                           nf_yaml_get(y, node, "domains"), "domains")))
        return rc;

    uint32_t rules;
    if ((rc = make_rules(&rules, g, y, file_case, node, NULL)))
        return rc;
    if ((rc = nf_gaz_add_alias(g, ei, rules, name, nf_yaml_line(nf_yaml_get(y, node, "name")))))
        return rc;
    yaml_node_t *aliases = nf_yaml_get(y, node, "aliases");
    if (aliases && aliases->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, aliases, "'aliases' must be a list");
    for (size_t i = 0; i < nf_yaml_seq_len(aliases); i++) {
        yaml_node_t *a = nf_yaml_seq_at(y, aliases, i);
        const char *text = nf_yaml_scalar(a);
        uint32_t arules = rules;
        if (!text) {
            if (a->type != YAML_MAPPING_NODE)
                return nf_yaml_error(y, a, "an alias must be text or a map with 'text'");
            if ((rc = nf_yaml_check_keys(y, a, "an alias", alias_keys)) ||
                (rc = nf_yaml_get_string(&text, y, a, "text", 1)) ||
                (rc = make_rules(&arules, g, y, file_case, node, a)))
                return rc;
        }
        if ((rc = nf_gaz_add_alias(g, ei, arules, text, nf_yaml_line(a))))
            return rc;
    }
    return NF_OK;
}

static int load_file(struct nf_gazetteer *g, const char *path)
{
    nf_yaml *y;
    int rc = nf_yaml_load(&y, path);
    if (rc)
        return rc;
    const char *file = nf_gaz_intern_file(g, path);
    yaml_node_t *root = nf_yaml_root(y);
    const char *list = NULL;
    nf_case_mode file_case = NF_CASE_CAPITALISED;
    yaml_node_t *entries = NULL;
    if (!file)
        rc = NF_ENOMEM;
    else if (root->type != YAML_MAPPING_NODE)
        rc = nf_yaml_error(y, root, "a gazetteer file must be a map with 'list' and 'entries'");
    else if (!(rc = nf_yaml_check_keys(y, root, "a gazetteer file", file_keys)) &&
             !(rc = nf_yaml_get_string(&list, y, root, "list", 0)) &&
             !(rc = parse_case(&file_case, y, root))) {
        entries = nf_yaml_get(y, root, "entries");
        if (!entries)
            rc = nf_yaml_error(y, root, "missing required key 'entries'");
        else if (entries->type != YAML_SEQUENCE_NODE)
            rc = nf_yaml_error(y, entries, "'entries' must be a list of entries");
        else if (list && !nf_is_kebab_id(list))
            rc = nf_yaml_error(y, nf_yaml_get(y, root, "list"),
                               "list name '%s' must be lower-case letters and digits joined by '-'",
                               list);
        else if (list && !nf_gaz_intern_list(g, list))
            rc = NF_ENOMEM;   /* an empty list still exists */
    }
    for (size_t i = 0; !rc && i < nf_yaml_seq_len(entries); i++)
        rc = load_entry(g, y, nf_yaml_seq_at(y, entries, i), list, file_case, file);
    nf_yaml_free(y);
    return rc;
}

/* Implications name entries that may be in later files: resolve at the end. */
static int resolve_implies(struct nf_gazetteer *g)
{
    for (size_t i = 0; i < g->nentries; i++) {
        nf_gaz_entry *e = &g->entries[i];
        if (!e->nimplies)
            continue;
        e->implies = calloc(e->nimplies, sizeof *e->implies);
        if (!e->implies)
            return nf_set_error(NF_ENOMEM, "out of memory");
        for (size_t j = 0; j < e->nimplies; j++) {
            const char *t = e->implies_text[j];
            const char *colon = strchr(t, ':');
            if (!colon || colon == t || !colon[1])
                return nf_set_error(NF_ESCHEMA, "%s:%u: implies '%s' of '%s' must be list:id",
                                    e->file, e->implies_line[j], t, e->id);
            char list[128];
            size_t ln = (size_t)(colon - t);
            if (ln >= sizeof list)
                ln = sizeof list - 1;
            memcpy(list, t, ln);
            list[ln] = '\0';
            uint32_t target = nf_gaz_find_entry(g, list, colon + 1);
            if (target == NF_GAZ_NONE)
                return nf_set_error(NF_ESCHEMA, "%s:%u: implies '%s' of '%s': %s",
                                    e->file, e->implies_line[j], t, e->id,
                                    nf_gazetteer_has_list(g, list)
                                        ? "no entry with that id in the list"
                                        : "no such gazetteer list");
            e->implies[j].list = g->entries[target].list;
            e->implies[j].id = g->entries[target].id;
        }
    }
    return NF_OK;
}

static int yaml_name(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' &&
           ((n > 5 && strcmp(d->d_name + n - 5, ".yaml") == 0) ||
            (n > 4 && strcmp(d->d_name + n - 4, ".yml") == 0));
}

int nf_gazetteer_load(struct nf_gazetteer **out, const char *schema_dir)
{
    *out = NULL;
    struct nf_gazetteer *g = nf_gaz_new();
    if (!g)
        return NF_ENOMEM;
    nf_buf dir = NF_BUF_INIT, path = NF_BUF_INIT;
    struct dirent **names = NULL;
    int n = 0, rc = nf_buf_printf(&dir, "%s/gazetteers", schema_dir);
    if (!rc) {
        n = scandir(dir.data, &names, yaml_name, alphasort);
        if (n < 0) {
            n = 0;
            if (errno != ENOENT)
                rc = nf_set_error(NF_EIO, "%s: cannot read the folder: %s", dir.data,
                                  strerror(errno));
        }
    }
    for (int i = 0; i < n && !rc; i++) {
        nf_buf_clear(&path);
        if (!(rc = nf_buf_printf(&path, "%s/%s", dir.data, names[i]->d_name)))
            rc = load_file(g, path.data);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    nf_buf_free(&dir);
    nf_buf_free(&path);
    if (!rc)
        rc = resolve_implies(g);
    if (!rc)
        rc = nf_gaz_finish(g);
    if (rc) {
        nf_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return NF_OK;
}
