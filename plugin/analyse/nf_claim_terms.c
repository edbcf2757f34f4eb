/* The claims module's term table: every word stem, exact word and entity
 * that some rule mentions gets a dense id, so matching compares integers
 * and a token's stem is looked up once per analysis.  Each id also lists
 * the rules it triggers (the inverted index). */
#include "nf_claim_rules.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint32_t nf_claim_termtab_find(const nf_claim_termtab *t, const char *key, size_t len)
{
    if (!t->nslots)
        return NF_TERM_NONE;
    size_t mask = t->nslots - 1;
    for (size_t i = hash_key(key, len) & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slots[i];
        if (!s)
            return NF_TERM_NONE;
        const char *k = t->keys[s - 1];
        if (strncmp(k, key, len) == 0 && k[len] == '\0')
            return s - 1;
    }
}

static int rehash(nf_claim_termtab *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return nf_set_error(NF_ENOMEM, "out of memory growing the claim term table");
    for (size_t id = 0; id < t->n; id++) {
        size_t i = hash_key(t->keys[id], strlen(t->keys[id])) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return NF_OK;
}

int nf_claim_termtab_intern(uint32_t *out, nf_claim_termtab *t, const char *key)
{
    uint32_t id = nf_claim_termtab_find(t, key, strlen(key));
    if (id != NF_TERM_NONE) {
        *out = id;
        return NF_OK;
    }
    /* keep the load factor under one half */
    if ((t->n + 1) * 2 > t->nslots) {
        int rc = rehash(t, t->nslots ? t->nslots * 2 : 256);
        if (rc)
            return rc;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 128;
        char **keys = realloc(t->keys, cap * sizeof *keys);
        if (keys)
            t->keys = keys;
        uint32_t **trig = realloc(t->triggers, cap * sizeof *trig);
        if (trig)
            t->triggers = trig;
        uint32_t *ntrig = realloc(t->ntriggers, cap * sizeof *ntrig);
        if (ntrig)
            t->ntriggers = ntrig;
        if (!keys || !trig || !ntrig)
            return nf_set_error(NF_ENOMEM, "out of memory growing the claim term table");
        t->cap = cap;
    }
    char *copy = strdup(key);
    if (!copy)
        return nf_set_error(NF_ENOMEM, "out of memory growing the claim term table");
    id = (uint32_t)t->n++;
    t->keys[id] = copy;
    t->triggers[id] = NULL;
    t->ntriggers[id] = 0;
    size_t i = hash_key(key, strlen(key)) & (t->nslots - 1);
    while (t->slots[i])
        i = (i + 1) & (t->nslots - 1);
    t->slots[i] = id + 1;
    *out = id;
    return NF_OK;
}

int nf_claim_termtab_add_trigger(nf_claim_termtab *t, uint32_t id, uint32_t rule)
{
    uint32_t n = t->ntriggers[id];
    if (n && t->triggers[id][n - 1] == rule)
        return NF_OK;   /* a rule is added in one go, so duplicates are adjacent */
    /* grow in powers of two */
    if ((n & (n - 1)) == 0) {
        uint32_t *v = realloc(t->triggers[id], (n ? n * 2 : 1) * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory indexing claim rules");
        t->triggers[id] = v;
    }
    t->triggers[id][n] = rule;
    t->ntriggers[id] = n + 1;
    return NF_OK;
}

void nf_claim_termtab_free(nf_claim_termtab *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->keys[i]);
        free(t->triggers[i]);
    }
    free(t->keys);
    free(t->triggers);
    free(t->ntriggers);
    free(t->slots);
    memset(t, 0, sizeof *t);
}
