/* Words -> dense ids (see nf_wordtab.h). */
#include "nf_wordtab.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

static uint32_t hash_word(const char *s, size_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

uint32_t nf_wordtab_find(const nf_wordtab *t, const char *word, size_t len)
{
    if (!t || !t->nslots)
        return 0;
    size_t mask = t->nslots - 1;
    for (size_t i = hash_word(word, len) & mask;; i = (i + 1) & mask) {
        uint32_t id = t->slots[i];
        if (!id)
            return 0;
        const char *w = t->words[id - 1];
        /* strncmp, not memcmp: W may be shorter than LEN, and memcmp may
         * read all LEN bytes of it (ASan reports a heap overflow). */
        if (strncmp(w, word, len) == 0 && w[len] == '\0')
            return id;
    }
}

uint32_t nf_wordtab_find_str(const nf_wordtab *t, const char *word)
{
    return nf_wordtab_find(t, word, strlen(word));
}

static int rehash(nf_wordtab *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return nf_set_error(NF_ENOMEM, "out of memory growing a word table");
    for (size_t k = 0; k < t->n; k++) {
        size_t i = hash_word(t->words[k], strlen(t->words[k])) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)k + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return NF_OK;
}

int nf_wordtab_intern_n(uint32_t *out, nf_wordtab *t, const char *word, size_t len)
{
    *out = 0;
    uint32_t id = nf_wordtab_find(t, word, len);
    if (id) {
        *out = id;
        return NF_OK;
    }
    /* keep the load factor under one half */
    if ((t->n + 1) * 2 > t->nslots) {
        int rc = rehash(t, t->nslots ? t->nslots * 2 : 64);
        if (rc)
            return rc;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **v = realloc(t->words, cap * sizeof *v);
        if (!v)
            return nf_set_error(NF_ENOMEM, "out of memory growing a word table");
        t->words = v;
        t->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return nf_set_error(NF_ENOMEM, "out of memory growing a word table");
    memcpy(copy, word, len);
    copy[len] = '\0';
    t->words[t->n++] = copy;
    size_t mask = t->nslots - 1;
    size_t i = hash_word(word, len) & mask;
    while (t->slots[i])
        i = (i + 1) & mask;
    t->slots[i] = (uint32_t)t->n;
    *out = (uint32_t)t->n;
    return NF_OK;
}

int nf_wordtab_intern(uint32_t *out, nf_wordtab *t, const char *word)
{
    return nf_wordtab_intern_n(out, t, word, strlen(word));
}

void nf_wordtab_free(nf_wordtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->words[i]);
    free(t->words);
    free(t->slots);
    memset(t, 0, sizeof *t);
}
