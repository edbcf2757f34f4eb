/* Writing tokens as TermGenerator terms: see nf_termgen.h. */
#include "index/nf_termgen.h"

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
    for (size_t i = 0; i < t->n; i++) {
        size_t len = t->v[i].term_len;
        if (len > NF_TERM_MAX_BYTES || len == 0)
            continue;
        const char *term = nf_token_term(t, i);
        memcpy(tail, term, len);
        int rc = nf_xdoc_add_posting(doc, buf + 1, plen + len, ++*termpos, 1);
        if (rc)
            return rc;
        if (!st || !should_stem(term, len))
            continue;
        const char *stem;
        size_t slen;
        if ((rc = nf_stemmer_stem(st, term, len, &stem, &slen)))
            return rc;
        if (slen == 0)
            continue;
        if (slen > STEM_MAX)
            return nf_set_error(NF_ETOOLONG, "the stem of '%s' is %zu bytes long",
                                term, slen);
        memcpy(tail, stem, slen);
        if ((rc = nf_xdoc_add_term(doc, buf, 1 + plen + slen, 1)))
            return rc;
    }
    return NF_OK;
}
