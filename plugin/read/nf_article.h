/* Internal: an article as the readers hand it to analysis and indexing.
 *
 * text is the analysed text: valid UTF-8 (invalid bytes were replaced by
 * U+FFFD), headline first.  For plain-text files it is the file itself; for
 * HTML and JSON Lines it is the title, a blank line, then the body text.
 * Every byte offset newsfacet reports (tokens, mentions, amounts, claim
 * evidence) is an offset into text. */
#ifndef NF_ARTICLE_H
#define NF_ARTICLE_H

#include <stddef.h>

typedef enum nf_format {
    NF_FORMAT_TEXT = 0,
    NF_FORMAT_HTML = 1,
    NF_FORMAT_JSONL = 2,
    NF_FORMAT_AUTO = -1     /* nf_read_memory: sniff the content */
} nf_format;

/* The format for a file name's extension (.txt .text .md, .html .htm,
 * .jsonl .ndjson, case-insensitive), or NF_FORMAT_AUTO when unknown. */
nf_format nf_format_from_path(const char *path);
/* The MIME type of a format, as Omega's T term uses it: "text/plain",
 * "text/html", "application/x-ndjson". */
const char *nf_format_mime(nf_format format);

typedef struct nf_article {
    char *id;            /* unique id: record id, else canonical URL, else path */
    char *path;          /* the input file */
    unsigned long line;  /* JSON Lines: 1-based line of the record; else 0 */
    nf_format format;
    char *title;         /* headline ("" if none) */
    char *url;           /* canonical URL or NULL */
    char *source;        /* publisher name as given by metadata (JSON Lines
                            "source", og:site_name, JSON-LD publisher) or NULL */
    char *published;     /* publication date as given, ISO 8601 if known, or NULL */
    char *author;        /* or NULL */
    char *text;          /* analysed text, see above */
    size_t text_len;
    char hash[33];       /* hex digest of the raw content: skip unchanged */
} nf_article;

void nf_article_free(nf_article *a);

#endif
