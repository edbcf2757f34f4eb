/* libstemmer behind a direct-mapped cache.  News text repeats its words
 * (the, said, OpenAI, ...), and a cache probe is a hash and a memcmp where
 * a Snowball stem walks several suffix tables. */
#include "analyse/nf_stem.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/nf_error.h"

#define CACHE_SLOTS 65536         /* a power of two */
#define CACHE_TERM_MAX 64         /* longer terms are stemmed every time */
#define CACHE_STEM_MAX 80

typedef struct slot {
    unsigned char tlen;           /* 0: empty */
    unsigned char slen;
    char term[CACHE_TERM_MAX];
    char stem[CACHE_STEM_MAX];
} slot;

struct nf_stemmer {
    struct sb_stemmer *sb;
    slot *cache;
};

int nf_stemmer_new(nf_stemmer **out, const char *language)
{
    *out = NULL;
    if (!language || !*language || strcmp(language, "none") == 0)
        return NF_OK;
    nf_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return nf_set_error(NF_ENOMEM, "stemmer '%s': out of memory", language);
    st->sb = sb_stemmer_new(language, "UTF_8");
    if (!st->sb) {
        free(st);
        return nf_set_error(NF_EINVAL, "stemmer: unknown language '%s' (a Snowball "
                            "algorithm name such as 'english', or 'none')", language);
    }
    st->cache = calloc(CACHE_SLOTS, sizeof *st->cache);
    if (!st->cache) {
        nf_stemmer_free(st);
        return nf_set_error(NF_ENOMEM, "stemmer '%s': out of memory", language);
    }
    *out = st;
    return NF_OK;
}

void nf_stemmer_free(nf_stemmer *st)
{
    if (!st)
        return;
    if (st->sb)
        sb_stemmer_delete(st->sb);
    free(st->cache);
    free(st);
}

static inline uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;      /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

int nf_stemmer_stem(nf_stemmer *st, const char *term, size_t len,
                    const char **out, size_t *outlen)
{
    slot *c = NULL;
    if (len > 0 && len <= CACHE_TERM_MAX) {
        c = &st->cache[hash(term, len) & (CACHE_SLOTS - 1)];
        if (c->tlen == len && memcmp(c->term, term, len) == 0) {
            *out = c->stem;
            *outlen = c->slen;
            return NF_OK;
        }
    }
    if (len > INT32_MAX)
        return nf_set_error(NF_EINVAL, "stemmer: a term of %zu bytes", len);
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)term, (int)len);
    if (!r)
        return nf_set_error(NF_ENOMEM, "stemmer: out of memory stemming a %zu-byte term",
                            len);
    size_t n = (size_t)sb_stemmer_length(st->sb);
    if (c && n <= CACHE_STEM_MAX) {
        c->tlen = (unsigned char)len;
        c->slen = (unsigned char)n;
        memcpy(c->term, term, len);
        memcpy(c->stem, r, n);
        *out = c->stem;
    } else {
        *out = (const char *)r;
    }
    *outlen = n;
    return NF_OK;
}
