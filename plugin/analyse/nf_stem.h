/* Internal: a Snowball stemmer (libstemmer) with a small cache.
 *
 * One stemmer per thread: an instance is not thread-safe (libstemmer keeps
 * its working state in it, and so does the cache). */
#ifndef NF_STEM_H
#define NF_STEM_H

#include <stddef.h>

typedef struct nf_stemmer nf_stemmer;

/* LANGUAGE is a Snowball algorithm name as Xapian::Stem takes it
 * ("english", "en", "french", ...).  "none" or "" give *OUT = NULL and
 * NF_OK: a NULL stemmer means "do not stem" to the term writer.  An unknown
 * language is NF_EINVAL naming it. */
int nf_stemmer_new(nf_stemmer **out, const char *language);
void nf_stemmer_free(nf_stemmer *st);

/* Stem TERM (LEN bytes of lower-cased UTF-8).  *OUT points into ST and
 * stays valid until the next call on ST; it is not NUL-terminated.
 * Fails only on out-of-memory. */
int nf_stemmer_stem(nf_stemmer *st, const char *term, size_t len,
                    const char **out, size_t *outlen);

#endif
