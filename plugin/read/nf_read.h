/* Internal: reading articles from files, directories and memory.
 *
 * Inputs are plain text, HTML pages and JSON Lines collections.  Every
 * article read is handed to ON_ARTICLE; every input that cannot be read (a
 * binary or empty file, a malformed JSON Lines record, a file over the size
 * limit) is reported to ON_ERROR with the file, the line (JSON Lines; else
 * 0), a status and the reason, and reading goes on with the next one. */
#ifndef NF_READ_H
#define NF_READ_H

#include <stddef.h>

#include "read/nf_article.h"

struct nf_reader_conf;

/* Takes ownership of A (free it with nf_article_free).  A non-zero return
 * stops the run; a negative one is also returned by the nf_read_* call. */
typedef int (*nf_article_cb)(void *ctx, nf_article *a);
/* PATH is the file (or the NAME given to nf_read_memory); LINE is 1-based
 * for JSON Lines records and 0 for whole files. */
typedef void (*nf_input_error_cb)(void *ctx, const char *path,
                                  unsigned long line, int status,
                                  const char *message);

typedef struct nf_read_opts {
    int version;                        /* NF_READ_OPTS_VERSION */
    size_t max_article_bytes;           /* 0: default, 32 MiB */
    const struct nf_reader_conf *conf;  /* boilerplate hints; may be NULL */
} nf_read_opts;

#define NF_READ_OPTS_VERSION 1
#define NF_READ_OPTS_INIT {NF_READ_OPTS_VERSION, 0, NULL}
#define NF_READ_DEFAULT_MAX_ARTICLE_BYTES ((size_t)32 << 20)

/* Read a file or, recursively, a directory (entries in byte order of their
 * names, hidden entries skipped, so runs are deterministic).  OPTS may be
 * NULL.  The format comes from the extension; unknown extensions are
 * sniffed.  Returns NF_OK once the inputs were gone through, whatever
 * ON_ERROR was told; NF_ENOTFOUND or NF_EIO when PATH itself cannot be
 * read; NF_ENOMEM; or the negative value ON_ARTICLE stopped the run with. */
int nf_read_path(const char *path, const nf_read_opts *opts,
                 nf_article_cb on_article, nf_input_error_cb on_error,
                 void *ctx);

/* Read one input held in memory (for plugin hosts and fuzzers).  FORMAT
 * may be NF_FORMAT_AUTO; NAME (may be NULL: "<memory>") stands for the
 * path in articles and messages.  Returns as nf_read_path. */
int nf_read_memory(const char *data, size_t len, nf_format format,
                   const char *name, const nf_read_opts *opts,
                   nf_article_cb on_article, nf_input_error_cb on_error,
                   void *ctx);

/* The reader's admin-editable data: SCHEMA_DIR/reader.yaml.  A schema
 * without the file loads as *OUT = NULL (structural rules only); a
 * malformed one is NF_ESCHEMA naming the file and line. */
int nf_reader_conf_load(struct nf_reader_conf **out, const char *schema_dir);
void nf_reader_conf_free(struct nf_reader_conf *conf);

#endif
