/* Test helpers: a scratch directory under /tmp for real databases, removed
 * afterwards, and small file utilities. */
#ifndef XTEST_TMP_H
#define XTEST_TMP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Make a fresh directory /tmp/nf-xapian-XXXXXX; returns its path (static
 * storage) or NULL. */
const char *xtest_mkdtemp(void);
/* Remove DIR and everything below it; 0 on success. */
int xtest_rmtree(const char *dir);
/* "DIR/NAME" into OUT (size N). */
const char *xtest_path(char *out, size_t n, const char *dir, const char *name);
/* Write TEXT to PATH; 0 on success. */
int xtest_write_file(const char *path, const char *text);

#ifdef __cplusplus
}
#endif

#endif
