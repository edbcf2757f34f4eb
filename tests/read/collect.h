/* Test helper: gather what a reading run hands out, in order. */
#ifndef NF_TEST_COLLECT_H
#define NF_TEST_COLLECT_H

#include <stddef.h>

#include "read/nf_read.h"

#define COLLECT_MAX 64

typedef struct collected_error {
    char *path;
    unsigned long line;
    int status;
    char *message;
} collected_error;

typedef struct collect {
    nf_article *articles[COLLECT_MAX];
    size_t n_articles;
    collected_error errors[COLLECT_MAX];
    size_t n_errors;
    /* Every event in order: "A <id>" or "E <path>:<line>". */
    char *events[2 * COLLECT_MAX];
    size_t n_events;
    int stop_after;  /* 0: never stop; else return 1 after this many */
} collect;

int collect_article(void *ctx, nf_article *a);
void collect_error(void *ctx, const char *path, unsigned long line,
                   int status, const char *message);
void collect_free(collect *c);

/* NF_SOURCE_ROOT/tests/read/data/NAME, in a static buffer. */
const char *data_path(const char *name);
/* The whole of a data file (malloc'ed, NUL-terminated), or NULL. */
char *slurp(const char *path, size_t *len);
/* The reader configuration of the shipped schema/. */
struct nf_reader_conf *shipped_conf(void);

#endif
