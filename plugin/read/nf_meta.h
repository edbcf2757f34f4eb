/* Internal: article metadata as a reader gathers it, before it becomes an
 * nf_article. */
#ifndef NF_META_H
#define NF_META_H

#include <stddef.h>

typedef struct nf_meta {
    char *title;
    char *url;
    char *source;
    char *published;   /* as found; normalised when the article is built */
    char *author;
} nf_meta;

#define NF_META_INIT {NULL, NULL, NULL, NULL, NULL}

/* Set *FIELD to VALUE (LEN bytes, or up to a NUL) with white space trimmed
 * and runs of it collapsed to one space, unless *FIELD is already set or
 * VALUE is blank: the first source that has a value wins.  Returns NF_OK
 * or NF_ENOMEM. */
int nf_meta_offer(char **field, const char *value, size_t len);

/* Fill the fields of DST that are unset with those of SRC, which gives
 * them up (SRC is left with the ones DST kept). */
void nf_meta_merge(nf_meta *dst, nf_meta *src);

void nf_meta_free(nf_meta *m);

#endif
