/* Internal: a table of words -> dense ids (1, 2, ...; 0 = a word not in
 * the table).  The words and marks that patterns and word lists name are
 * interned once when a schema loads; a stretch of text is then looked up
 * once per unit (nf_units_intern) and matching compares integers instead
 * of strings. */
#ifndef NF_WORDTAB_H
#define NF_WORDTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct nf_wordtab {
    char **words;        /* by id - 1 */
    size_t n, cap;
    uint32_t *slots;     /* open addressing: id, 0 = empty */
    size_t nslots;       /* a power of two */
} nf_wordtab;

/* The id of WORD, adding it when new (*OUT >= 1). */
int nf_wordtab_intern(uint32_t *out, nf_wordtab *t, const char *word);
/* Same for the LEN bytes at WORD (no NUL needed; the table keeps a copy). */
int nf_wordtab_intern_n(uint32_t *out, nf_wordtab *t, const char *word, size_t len);
/* The id of the LEN bytes at WORD, or 0 when absent. */
uint32_t nf_wordtab_find(const nf_wordtab *t, const char *word, size_t len);
/* Same for a NUL-terminated word. */
uint32_t nf_wordtab_find_str(const nf_wordtab *t, const char *word);
void nf_wordtab_free(nf_wordtab *t);

#endif
