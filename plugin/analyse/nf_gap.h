/* Internal to the tokeniser: what the text between two tokens says about
 * them (line breaks, hyphens) and whether a sentence ends there. */
#ifndef NF_GAP_H
#define NF_GAP_H

#include <stddef.h>
#include <stdint.h>

struct nf_lang;

typedef struct nf_gap {
    unsigned flags;        /* NF_TOK_NEWLINE_BEFORE, _PARA_BEFORE and
                              _JOINED_BEFORE for the token after the gap */
    int brk;               /* a sentence ends in the gap */
    uint32_t brk_end;      /* if so, the end of the sentence that ends */
    uint32_t next_start;   /* and the start of the next one */
} nf_gap;

/* Look at S[A..B): A is the end of the previous token's surface form, B
 * the start of the next token (B < LEN).  LANG may be NULL. */
void nf_gap_scan(nf_gap *g, const unsigned char *s, size_t len, size_t a,
                 size_t b, const struct nf_lang *lang);

/* Where a sentence starting with the token at TOK starts: TOK moved back
 * over adjacent opening quotes, brackets and currency signs, not before
 * LO. */
size_t nf_gap_sentence_start(const unsigned char *s, size_t lo, size_t tok);

/* Where the text's last sentence ends, given the end A of its last token:
 * the last non-blank character before the next line break or the end. */
size_t nf_gap_text_end(const unsigned char *s, size_t len, size_t a);

#endif
