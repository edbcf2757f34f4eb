/* Writing tokens as TermGenerator terms: see nf_termgen.h. */
#include "index/nf_termgen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/nf_uchar.h"
#include "analyse/nf_utf8.h"
#include "core/nf_error.h"

/* Longest stem kept: Snowball stemmers shorten words or add a letter. */
#define STEM_MAX (2 * NF_TERM_MAX_BYTES)

/* Xapian's should_stem(): the (lower-cased) term starts with a letter of
 * category Ll, Lt, Lm or Lo. */
static int should_stem(const char *term, size_t len)
{
    unsigned l;
    uint32_t c = nf_utf8_decode((const unsigned char *)term,
                                (const unsigned char *)term + len, &l);
    return (nf_uc_class(c) & NF_UC_STEM) != 0;
}

/* One distinct term of a call: its stem is computed once and added once
 * with the summed wdf, where TermGenerator stems and adds every
 * occurrence (same document: Xapian sums the wdf either way). */
typedef struct seen_term {
    uint32_t hash;
    uint32_t term;            /* offset of the term in the tokens' terms[] */
    uint32_t len;
    uint32_t wdf;             /* occurrences; 0: not stemmed (digit first) */
} seen_term;

static uint32_t term_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;      /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Add 'Z'+PREFIX+stem with wdf SEEN->wdf; BUF holds 'Z'+PREFIX. */
static int add_stem(nf_xdoc *doc, const nf_tokens *t, const seen_term *seen,
                    char *buf, size_t plen, nf_stemmer *st)
{
    const char *term = t->terms + seen->term;
    const char *stem;
    size_t slen;
    int rc = nf_stemmer_stem(st, term, seen->len, &stem, &slen);
    if (rc || slen == 0)
        return rc;
    if (slen > STEM_MAX)
        return nf_set_error(NF_ETOOLONG, "the stem of '%.*s' is %zu bytes long",
                            (int)seen->len, term, slen);
    memcpy(buf + 1 + plen, stem, slen);
    return nf_xdoc_add_term(doc, buf, 1 + plen + slen, seen->wdf);
}

int nf_termgen_index(nf_xdoc *doc, const nf_tokens *t, const char *prefix,
                     nf_stemmer *st, nf_termpos *termpos)
{
    if (!prefix)
        prefix = "";
    size_t plen = strlen(prefix);
    if (plen > NF_TERMGEN_PREFIX_MAX)
        return nf_set_error(NF_EINVAL, "term prefix '%.20s...' is over %d bytes",
                            prefix, NF_TERMGEN_PREFIX_MAX);
    /* buf = 'Z' prefix term-or-stem */
    char buf[1 + NF_TERMGEN_PREFIX_MAX + STEM_MAX];
    buf[0] = 'Z';
    memcpy(buf + 1, prefix, plen);
    char *const tail = buf + 1 + plen;
    /* Distinct terms (open addressing, at most half full). */
    size_t cap = 16;
    while (cap < 2 * t->n)
        cap *= 2;
    seen_term *seen = st ? malloc(t->n * sizeof *seen) : NULL;
    uint32_t *slots = st ? malloc(cap * sizeof *slots) : NULL;
    if (st && t->n && (!seen || !slots)) {
        free(seen);
        free(slots);
        return nf_set_error(NF_ENOMEM, "out of memory indexing %zu words", t->n);
    }
    if (slots)
        memset(slots, 0xff, cap * sizeof *slots);
    size_t nseen = 0;
    int rc = NF_OK;
    for (size_t i = 0; i < t->n && !rc; i++) {
        size_t len = t->v[i].term_len;
        if (len > NF_TERM_MAX_BYTES || len == 0)
            continue;
        const char *term = nf_token_term(t, i);
        memcpy(tail, term, len);
        rc = nf_xdoc_add_posting(doc, buf + 1, plen + len, ++*termpos, 1);
        if (rc || !st)
            continue;
        uint32_t h = term_hash(term, len);
        size_t k = h & (cap - 1);
        for (; slots[k] != UINT32_MAX; k = (k + 1) & (cap - 1)) {
            seen_term *e = &seen[slots[k]];
            if (e->hash == h && e->len == len &&
                memcmp(t->terms + e->term, term, len) == 0)
                break;
        }
        if (slots[k] != UINT32_MAX) {
            if (seen[slots[k]].wdf)
                seen[slots[k]].wdf++;
            continue;
        }
        slots[k] = (uint32_t)nseen;
        seen[nseen].hash = h;
        seen[nseen].term = t->v[i].term;
        seen[nseen].len = (uint32_t)len;
        seen[nseen].wdf = should_stem(term, len) ? 1 : 0;
        nseen++;
    }
    for (size_t i = 0; i < nseen && !rc; i++)
        if (seen[i].wdf)
            rc = add_stem(doc, t, &seen[i], buf, plen, st);
    free(seen);
    free(slots);
    return rc;
}
