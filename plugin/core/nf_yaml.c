#include "nf_yaml.h"
#include "nf_buf.h"
#include "nf_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int nf_yaml_load(nf_yaml **out, const char *path)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return nf_set_error(errno == ENOENT ? NF_ENOTFOUND : NF_EIO,
                            "%s: cannot open: %s", path, strerror(errno));
    nf_yaml *y = calloc(1, sizeof *y);
    if (!y || !(y->path = strdup(path))) {
        free(y);
        fclose(f);
        return nf_set_error(NF_ENOMEM, "%s: out of memory", path);
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int ok = yaml_parser_load(&parser, &y->doc);
    int rc = NF_OK;
    if (!ok) {
        rc = nf_set_error(NF_ESCHEMA, "%s:%zu: YAML error: %s%s%s", path,
                          parser.problem_mark.line + 1,
                          parser.problem ? parser.problem : "malformed",
                          parser.context ? " " : "",
                          parser.context ? parser.context : "");
    } else {
        y->loaded = 1;
        if (!yaml_document_get_root_node(&y->doc))
            rc = nf_set_error(NF_ESCHEMA, "%s:1: the file is empty", path);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    if (rc) {
        nf_yaml_free(y);
        return rc;
    }
    *out = y;
    return NF_OK;
}

int nf_yaml_load_optional(nf_yaml **out, const char *dir, const char *name)
{
    *out = NULL;
    nf_buf path = NF_BUF_INIT;
    int rc = nf_buf_printf(&path, "%s/%s", dir, name);
    if (!rc && access(path.data, F_OK) == 0)
        rc = nf_yaml_load(out, path.data);
    nf_buf_free(&path);
    return rc;
}

void nf_yaml_free(nf_yaml *y)
{
    if (!y)
        return;
    if (y->loaded)
        yaml_document_delete(&y->doc);
    free(y->path);
    free(y);
}

yaml_node_t *nf_yaml_root(nf_yaml *y)
{
    return yaml_document_get_root_node(&y->doc);
}

unsigned nf_yaml_line(const yaml_node_t *node)
{
    return node ? (unsigned)node->start_mark.line + 1 : 0;
}

const char *nf_yaml_scalar(const yaml_node_t *node)
{
    if (!node || node->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)node->data.scalar.value;
}

yaml_node_t *nf_yaml_get(nf_yaml *y, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        const char *k = nf_yaml_scalar(yaml_document_get_node(&y->doc, p->key));
        if (k && strcmp(k, key) == 0)
            return yaml_document_get_node(&y->doc, p->value);
    }
    return NULL;
}

size_t nf_yaml_seq_len(const yaml_node_t *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE)
        return 0;
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *nf_yaml_seq_at(nf_yaml *y, yaml_node_t *seq, size_t i)
{
    if (i >= nf_yaml_seq_len(seq))
        return NULL;
    return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}

size_t nf_yaml_map_len(const yaml_node_t *map)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return 0;
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

yaml_node_t *nf_yaml_map_key(nf_yaml *y, yaml_node_t *map, size_t i)
{
    if (i >= nf_yaml_map_len(map))
        return NULL;
    return yaml_document_get_node(&y->doc, map->data.mapping.pairs.start[i].key);
}

yaml_node_t *nf_yaml_map_value(nf_yaml *y, yaml_node_t *map, size_t i)
{
    if (i >= nf_yaml_map_len(map))
        return NULL;
    return yaml_document_get_node(&y->doc, map->data.mapping.pairs.start[i].value);
}

int nf_yaml_error(const nf_yaml *y, const yaml_node_t *node,
                  const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nf_set_error(NF_ESCHEMA, "%s:%u: %s", y->path, nf_yaml_line(node), msg);
}

int nf_yaml_check_keys(nf_yaml *y, yaml_node_t *map, const char *what,
                       const char *const *allowed)
{
    for (size_t i = 0; i < nf_yaml_map_len(map); i++) {
        yaml_node_t *k = nf_yaml_map_key(y, map, i);
        const char *key = nf_yaml_scalar(k);
        int ok = 0;
        for (const char *const *a = allowed; key && *a && !ok; a++)
            ok = strcmp(key, *a) == 0;
        if (!ok) {
            nf_buf b = NF_BUF_INIT;
            for (const char *const *a = allowed; *a; a++)
                nf_buf_printf(&b, "%s%s", a == allowed ? "" : ", ", *a);
            int rc = nf_yaml_error(y, k, "unknown key '%s' in %s (known: %s)",
                                   key ? key : "?", what, b.data ? b.data : "");
            nf_buf_free(&b);
            return rc;
        }
    }
    return NF_OK;
}

int nf_is_kebab_id(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              (*p == '-' && p[1] && p[1] != '-')))
            return 0;
    return 1;
}

/* Shared front half of the typed getters: find KEY and insist on a scalar. */
static int get_scalar(const char **text, yaml_node_t **node, nf_yaml *y,
                      yaml_node_t *map, const char *key, int required)
{
    *text = NULL;
    *node = nf_yaml_get(y, map, key);
    if (!*node) {
        if (required)
            return nf_yaml_error(y, map, "missing required key '%s'", key);
        return NF_OK;
    }
    *text = nf_yaml_scalar(*node);
    if (!*text)
        return nf_yaml_error(y, *node, "'%s' must be a single value, not a list or map", key);
    return NF_OK;
}

int nf_yaml_get_string(const char **out, nf_yaml *y, yaml_node_t *map,
                       const char *key, int required)
{
    const char *text;
    yaml_node_t *node;
    int rc = get_scalar(&text, &node, y, map, key, required);
    if (rc == NF_OK && text)
        *out = text;
    return rc;
}

int nf_yaml_get_int(long *out, nf_yaml *y, yaml_node_t *map,
                    const char *key, int required)
{
    const char *text;
    yaml_node_t *node;
    int rc = get_scalar(&text, &node, y, map, key, required);
    if (rc || !text)
        return rc;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end)
        return nf_yaml_error(y, node, "'%s' must be a whole number, got '%s'", key, text);
    *out = v;
    return NF_OK;
}

int nf_yaml_get_double(double *out, nf_yaml *y, yaml_node_t *map,
                       const char *key, int required)
{
    const char *text;
    yaml_node_t *node;
    int rc = get_scalar(&text, &node, y, map, key, required);
    if (rc || !text)
        return rc;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end)
        return nf_yaml_error(y, node, "'%s' must be a number, got '%s'", key, text);
    *out = v;
    return NF_OK;
}

int nf_yaml_get_bool(int *out, nf_yaml *y, yaml_node_t *map,
                     const char *key, int required)
{
    const char *text;
    yaml_node_t *node;
    int rc = get_scalar(&text, &node, y, map, key, required);
    if (rc || !text)
        return rc;
    if (!strcasecmp(text, "true") || !strcasecmp(text, "yes"))
        *out = 1;
    else if (!strcasecmp(text, "false") || !strcasecmp(text, "no"))
        *out = 0;
    else
        return nf_yaml_error(y, node, "'%s' must be true or false, got '%s'", key, text);
    return NF_OK;
}
