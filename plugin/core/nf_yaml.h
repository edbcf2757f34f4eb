/* Internal: schema files read through libyaml's document API, with the
 * file name and line of every node at hand for error messages. */
#ifndef NF_YAML_H
#define NF_YAML_H

#include <stddef.h>
#include <yaml.h>

typedef struct nf_yaml {
    char *path;              /* file name used in messages */
    yaml_document_t doc;
    int loaded;
} nf_yaml;

/* Load PATH; on a syntax error returns NF_ESCHEMA with "PATH:LINE: ...". */
int nf_yaml_load(nf_yaml **out, const char *path);
/* Load the optional schema file DIR/NAME: a missing file is no error and
 * gives *OUT = NULL (the loader then keeps its defaults). */
int nf_yaml_load_optional(nf_yaml **out, const char *dir, const char *name);
void nf_yaml_free(nf_yaml *y);

yaml_node_t *nf_yaml_root(nf_yaml *y);
/* 1-based line of a node. */
unsigned nf_yaml_line(const yaml_node_t *node);

/* A scalar's text, or NULL when NODE is not a scalar. */
const char *nf_yaml_scalar(const yaml_node_t *node);
/* The value under KEY in mapping MAP, or NULL (also when MAP is no map). */
yaml_node_t *nf_yaml_get(nf_yaml *y, yaml_node_t *map, const char *key);
/* Items of a sequence: count, and the i-th one. */
size_t nf_yaml_seq_len(const yaml_node_t *seq);
yaml_node_t *nf_yaml_seq_at(nf_yaml *y, yaml_node_t *seq, size_t i);
/* Pairs of a mapping. */
size_t nf_yaml_map_len(const yaml_node_t *map);
yaml_node_t *nf_yaml_map_key(nf_yaml *y, yaml_node_t *map, size_t i);
yaml_node_t *nf_yaml_map_value(nf_yaml *y, yaml_node_t *map, size_t i);

/* Record an NF_ESCHEMA error "PATH:LINE: message" for NODE; returns
 * NF_ESCHEMA. */
int nf_yaml_error(const nf_yaml *y, const yaml_node_t *node,
                  const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Every key of mapping MAP must be one of ALLOWED (NULL-terminated); else an
 * NF_ESCHEMA error "PATH:LINE: unknown key 'k' in WHAT (known: ...)". */
int nf_yaml_check_keys(nf_yaml *y, yaml_node_t *map, const char *what,
                       const char *const *allowed);

/* Schema ids: lower-case ASCII letters and digits joined by single '-'
 * ("mistral-ai"), as the spec writes facet values. */
int nf_is_kebab_id(const char *s);

/* Typed getters that record a schema error naming the line when the value
 * has the wrong type.  A missing key leaves *out as it was and returns
 * NF_OK unless REQUIRED. */
int nf_yaml_get_string(const char **out, nf_yaml *y, yaml_node_t *map,
                       const char *key, int required);
int nf_yaml_get_int(long *out, nf_yaml *y, yaml_node_t *map,
                    const char *key, int required);
int nf_yaml_get_double(double *out, nf_yaml *y, yaml_node_t *map,
                       const char *key, int required);
int nf_yaml_get_bool(int *out, nf_yaml *y, yaml_node_t *map,
                     const char *key, int required);

#endif
