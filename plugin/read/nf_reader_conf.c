#include "read/nf_reader_conf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_yaml.h"

void nf_reader_conf_free(struct nf_reader_conf *conf)
{
    if (!conf)
        return;
    for (size_t i = 0; i < conf->n_boilerplate_hints; i++)
        free(conf->boilerplate_hints[i]);
    free(conf->boilerplate_hints);
    free(conf);
}

static int load_hints(struct nf_reader_conf *conf, nf_yaml *y,
                      yaml_node_t *seq)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return nf_yaml_error(y, seq, "boilerplate_hints must be a list of words");
    size_t n = nf_yaml_seq_len(seq);
    conf->boilerplate_hints = calloc(n ? n : 1, sizeof *conf->boilerplate_hints);
    if (!conf->boilerplate_hints)
        return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = nf_yaml_seq_at(y, seq, i);
        const char *word = nf_yaml_scalar(item);
        if (!word || !word[0])
            return nf_yaml_error(y, item, "a boilerplate hint must be a non-empty word");
        char *lower = strdup(word);
        if (!lower)
            return nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
        conf->boilerplate_hints[conf->n_boilerplate_hints++] = lower;
        for (char *p = lower; *p; p++) {
            if (isspace((unsigned char)*p))
                return nf_yaml_error(y, item,
                    "boilerplate hint \"%s\" holds white space: class and id "
                    "values are matched one word at a time", word);
            *p = (char)tolower((unsigned char)*p);
        }
    }
    return NF_OK;
}

int nf_reader_conf_load(struct nf_reader_conf **out, const char *schema_dir)
{
    *out = NULL;
    nf_yaml *y;
    int rc = nf_yaml_load_optional(&y, schema_dir, "reader.yaml");
    if (rc || !y)
        return rc; /* no reader.yaml: no hints, structural rules only */
    struct nf_reader_conf *conf = calloc(1, sizeof *conf);
    yaml_node_t *root = nf_yaml_root(y);
    if (!conf) {
        rc = nf_set_error(NF_ENOMEM, "%s: out of memory", y->path);
    } else if (root->type != YAML_MAPPING_NODE) {
        rc = nf_yaml_error(y, root, "expected a mapping with boilerplate_hints");
    } else {
        for (size_t i = 0; rc == NF_OK && i < nf_yaml_map_len(root); i++) {
            yaml_node_t *key = nf_yaml_map_key(y, root, i);
            const char *name = nf_yaml_scalar(key);
            if (name && strcmp(name, "boilerplate_hints") == 0)
                rc = load_hints(conf, y, nf_yaml_map_value(y, root, i));
            else
                rc = nf_yaml_error(y, key, "unknown key \"%s\" (known: boilerplate_hints)",
                                   name ? name : "?");
        }
    }
    nf_yaml_free(y);
    if (rc) {
        nf_reader_conf_free(conf);
        return rc;
    }
    *out = conf;
    return NF_OK;
}

int nf_reader_conf_is_boilerplate(const struct nf_reader_conf *conf,
                                  const char *value)
{
    if (!conf || !value)
        return 0;
    for (size_t i = 0; value[i]; i++) {
        /* Only where a word starts: after a separator, or at a lower-to-
         * upper case change (camelCase class names). */
        unsigned char c = (unsigned char)value[i];
        if (!isalnum(c))
            continue;
        if (i > 0) {
            unsigned char p = (unsigned char)value[i - 1];
            if (isalnum(p) && !(islower(p) && isupper(c)))
                continue;
        }
        for (size_t h = 0; h < conf->n_boilerplate_hints; h++) {
            const char *hint = conf->boilerplate_hints[h];
            size_t k = 0;
            while (hint[k] && value[i + k] &&
                   tolower((unsigned char)value[i + k]) == (unsigned char)hint[k])
                k++;
            if (!hint[k])
                return 1;
        }
    }
    return 0;
}

int nf_reader_conf_summary(nf_buf *out, const struct nf_reader_conf *conf)
{
    return nf_buf_printf(out, "reader: %zu boilerplate hints%s\n",
                         conf ? conf->n_boilerplate_hints : 0,
                         conf ? "" : " (no reader.yaml)");
}
