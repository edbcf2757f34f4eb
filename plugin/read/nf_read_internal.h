/* Internal to plugin/read: one reading run and the per-format readers. */
#ifndef NF_READ_INTERNAL_H
#define NF_READ_INTERNAL_H

#include <stddef.h>

#include "read/nf_meta.h"
#include "read/nf_read.h"

typedef struct nf_read_run {
    size_t max_bytes;
    const struct nf_reader_conf *conf;
    nf_article_cb on_article;
    nf_input_error_cb on_error;
    void *ctx;
    const char *mapped;       /* the input file's mapping, or NULL */
    size_t mapped_len, released; /* bytes of it given back to the kernel */
} nf_read_run;

/* The mapped input before UPTO will not be read again: its pages leave the
 * process's resident set (they stay in the page cache).  Without it a JSON
 * Lines file of a million articles would count in full against the
 * indexer's memory.  Does nothing unless the input is a mapped file. */
void nf_read_release(nf_read_run *run, const char *upto);

/* Tell ON_ERROR that an input was skipped, and why. */
void nf_read_reject(nf_read_run *run, const char *path, unsigned long line,
                    int status, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Hand A to ON_ARTICLE.  Returns NF_OK to go on, or the non-zero value
 * that stops the run. */
int nf_read_deliver(nf_read_run *run, nf_article *a);

/* Build an article and hand it to ON_ARTICLE.  ID (may be NULL) is the
 * record's own id; else the URL of META, else PATH (with ":LINE" for a JSON
 * Lines record).  META's fields are taken over (META is left empty).  For
 * plain text BODY is the analysed text; for the other formats the analysed
 * text is the title, a blank line, then BODY (less a first line that
 * repeats the title).  RAW is what the content hash covers.  Returns as
 * nf_read_deliver, or NF_ENOMEM. */
int nf_read_emit(nf_read_run *run, const char *path, unsigned long line,
                 nf_format format, const char *id, nf_meta *meta,
                 const char *body, size_t body_len, const char *raw,
                 size_t raw_len);

/* Read one input (a whole file's bytes) in a known format (not AUTO).
 * Returns NF_OK, NF_ENOMEM or the value that stopped the run. */
int nf_read_input(nf_read_run *run, const char *path, const char *data,
                  size_t len, nf_format format);

/* The per-format readers.  RAW/RAW_LEN are the input's bytes, already
 * checked to be neither binary nor empty and (text, HTML) within the size
 * limit; TEXT/TEXT_LEN the same made valid UTF-8.  HAD_INVALID: RAW was
 * not valid UTF-8. */
int nf_read_text(nf_read_run *run, const char *path, const char *raw,
                 size_t raw_len, const char *text, size_t text_len);
int nf_read_html(nf_read_run *run, const char *path, const char *raw,
                 size_t raw_len, const char *text, size_t text_len,
                 int had_invalid);
/* JSON Lines records are repaired one by one: RAW only. */
int nf_read_jsonl(nf_read_run *run, const char *path, const char *raw,
                  size_t raw_len);

/* Offer META the first non-blank line of TEXT as the title (white space
 * trimmed, a Markdown heading's '#' marks dropped, at most
 * NF_TITLE_MAX_BYTES). */
#define NF_TITLE_MAX_BYTES 1000
int nf_read_first_line_title(nf_meta *meta, const char *text, size_t len);

#endif
