/* Internal: the token stream every analysis stage works on.
 *
 * Tokens follow Xapian's TermGenerator word rules (so the terms written to
 * the index are the ones stock QueryParser expects); each keeps its byte
 * span in the analysed text and the sentence it belongs to.  Punctuation is
 * not a token, but stages may look at the raw text between tokens. */
#ifndef NF_TOKENS_H
#define NF_TOKENS_H

#include <stddef.h>
#include <stdint.h>

/* Xapian's TermGenerator skips words longer than this many bytes (its
 * default max_word_length): they stay tokens but get no term and no
 * position. */
#define NF_TERM_MAX_BYTES 64

enum {
    NF_TOK_UPPER_INITIAL = 1u << 0,  /* surface form starts with a capital */
    NF_TOK_ALL_UPPER = 1u << 1,      /* every letter is a capital (2+ letters) */
    NF_TOK_DIGIT_INITIAL = 1u << 2,  /* starts with a digit */
    NF_TOK_NEWLINE_BEFORE = 1u << 3, /* a line break between this and the previous token */
    NF_TOK_JOINED_BEFORE = 1u << 4,  /* joined to the previous token by a
                                        hyphen or a hyphenated line break */
    NF_TOK_PARA_BEFORE = 1u << 5     /* a blank line (paragraph) before */
};

typedef struct nf_token {
    uint32_t start, end;     /* byte span of the surface form in the text
                                (an acronym's last dot is punctuation:
                                "U.S." spans "U.S") */
    uint32_t term;           /* offset of the lower-cased term in terms[] */
    uint32_t term_len;
    uint32_t sentence;       /* index into sentences[] */
    uint32_t flags;          /* NF_TOK_* */
} nf_token;

/* A sentence (rules: analyse/nf_gap.c).  Its span starts at its first
 * token, or at the opening quotes, brackets or currency signs right before
 * it ("$5bn ...", "“Yes ..."); it ends after its final punctuation and
 * closing quotes, or at the last non-blank character of its line.  Every
 * sentence has at least one token; tokens are numbered through the text. */
typedef struct nf_sentence {
    uint32_t start, end;       /* byte span of the sentence */
    uint32_t tok_first;        /* its first token */
    uint32_t tok_count;        /* how many tokens */
} nf_sentence;

typedef struct nf_tokens {
    const char *text;          /* the analysed text (not owned) */
    size_t text_len;
    nf_token *v;
    size_t n, cap;
    char *terms;               /* NUL-separated lower-cased terms */
    size_t terms_len, terms_cap;
    nf_sentence *sentences;
    size_t nsentences, sentences_cap;
} nf_tokens;

/* The lower-cased term of token I (NUL-terminated). */
static inline const char *nf_token_term(const nf_tokens *t, size_t i)
{
    return t->terms + t->v[i].term;
}

#endif
