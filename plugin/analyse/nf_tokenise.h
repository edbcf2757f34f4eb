/* Internal: splitting text into tokens and sentences.
 *
 * Words are exactly the terms Xapian 1.4's TermGenerator produces (same
 * word characters, lower-casing, acronyms "U.S.A." -> "usa", infixes
 * "AT&T", "OpenAI's", "1,000.5", suffixes "C++", "C#"), in the same order,
 * so the term writer (index/nf_termgen.h) can give token I the position
 * TermGenerator would.  Words longer than NF_TERM_MAX_BYTES stay tokens
 * (TermGenerator indexes nothing for them and gives them no position).
 * Sentence rules: see nf_gap.c. */
#ifndef NF_TOKENISE_H
#define NF_TOKENISE_H

#include <stddef.h>

#include "analyse/nf_tokens.h"

struct nf_lang;

/* Tokenise TEXT (LEN bytes, UTF-8; invalid bytes count as U+FFFD, i.e.
 * neither word nor sentence characters -- Xapian would read such a byte as
 * a Latin-1 character, but the readers repair texts before analysis, so
 * indexed text never holds one).  OUT must be zeroed before its
 * first use; it may then be reused for other texts (its buffers are kept)
 * until nf_tokens_free().  OUT->text points at TEXT, which must outlive
 * it.  LANG (abbreviations) may be NULL.  Fails only on out-of-memory or a
 * text of 4 GiB or more (offsets are 32-bit). */
int nf_tokenise(nf_tokens *out, const char *text, size_t len,
                const struct nf_lang *lang);

/* Release OUT's buffers and zero it (it may be reused afterwards). */
void nf_tokens_free(nf_tokens *t);

#endif
