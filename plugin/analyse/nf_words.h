/* Internal: word units, the pieces entity matching compares.
 *
 * A word unit is a run of letters, digits and combining marks (Unicode
 * categories L, N, M).  Gazetteer aliases and article text are both cut
 * into units by the same function, so "GPT-4o", "GPT 4o" and "GPT‑4o"
 * (non-breaking hyphen) all become the units gpt, 4o, and "OpenAI's" or
 * "OpenAI’s" (curly apostrophe) becomes openai: a lone "s" glued to the
 * previous unit by an apostrophe is a possessive and is dropped. */
#ifndef NF_WORDS_H
#define NF_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/nf_buf.h"

/* Called for each unit [start, end) of the text; a non-zero return stops
 * the walk and is passed back. */
typedef int (*nf_word_fn)(void *ctx, size_t start, size_t end);

/* Walk the units of TEXT[from, to). */
int nf_words_each(const char *text, size_t from, size_t to, nf_word_fn fn, void *ctx);

/* Append the lower-cased form of TEXT[start, end) to OUT. */
int nf_word_lower(nf_buf *out, const char *text, size_t start, size_t end);

/* Does the unit TEXT[start, end) begin with an upper-case letter or a
 * digit (what "capitalised" means for a name)? */
int nf_word_capitalised(const char *text, size_t start, size_t end);

/* Does the unit begin with an upper-case letter? */
int nf_word_upper_initial(const char *text, size_t start, size_t end);

/* Append only the letters and digits of TEXT[start, end), as written: the
 * form exact-case aliases are compared in ("MAI-1" -> "MAI1"). */
int nf_word_exact(nf_buf *out, const char *text, size_t start, size_t end);

/* What separates two units, judged from the bytes between them. */
typedef enum nf_gap {
    NF_GAP_TIGHT = 0,     /* spaces, hyphens, dots inside a name ("Vast.ai"),
                             apostrophes, slashes: the units may form one name */
    NF_GAP_HYPHEN_BREAK,  /* a hyphen then a line break: "Micro-\nsoft" */
    NF_GAP_LOOSE,         /* several symbols: not one name, still context */
    NF_GAP_BREAK          /* punctuation that ends a phrase: , ; : ( ) quotes,
                             ". " or a blank line: no name and no context across */
} nf_gap;

nf_gap nf_words_gap(const char *text, size_t from, size_t to);

#endif
