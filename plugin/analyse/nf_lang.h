/* Internal: language data for the tokeniser, from the schema's
 * language.yaml (abbreviations that do not end a sentence, and so on).
 * Loaded once; immutable afterwards and safe to share between threads. */
#ifndef NF_LANG_H
#define NF_LANG_H

#include <stddef.h>

struct nf_lang;

/* Load SCHEMA_DIR/language.yaml.  Errors (NF_ENOTFOUND, NF_ESCHEMA) name
 * the file and line. */
int nf_lang_load(struct nf_lang **out, const char *schema_dir);
/* The same from a file path (tests, tools). */
int nf_lang_load_file(struct nf_lang **out, const char *path);
void nf_lang_free(struct nf_lang *lang);

typedef enum nf_abbrev_kind {
    NF_ABBREV_NONE = 0,
    NF_ABBREV_NEVER_FINAL = 1,  /* "Mr.", "e.g.": never ends a sentence */
    NF_ABBREV_MAY_END = 2       /* "Inc.", "U.S.": ends one only before a
                                   sentence starter ("The", "It", ...) */
} nf_abbrev_kind;

/* Classify WORD (N bytes, the text from the last blank up to and including
 * its final '.', e.g. "U.S.").  A capitalised word also matches a
 * lower-case entry ("E.g." matches "e.g.").  LANG may be NULL. */
nf_abbrev_kind nf_lang_abbrev(const struct nf_lang *lang, const char *word,
                              size_t n);

/* Whether WORD (N bytes) is listed as a word that typically starts a
 * sentence.  LANG may be NULL (then nothing is). */
int nf_lang_is_starter(const struct nf_lang *lang, const char *word, size_t n);

#endif
