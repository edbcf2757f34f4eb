/* Test helpers: temporary schema folders.  Every helper aborts the test
 * program on failure (there is nothing sensible to test without them). */
#ifndef SCHEMA_HELPER_H
#define SCHEMA_HELPER_H

/* A new empty folder under $TMPDIR (or /tmp); the caller frees the name. */
char *helper_temp_dir(void);
/* A temporary copy of the schema folder SRC. */
char *helper_copy_schema(const char *src);
/* Write / append TEXT to DIR/REL, creating folders as needed. */
void helper_write(const char *dir, const char *rel, const char *text);
void helper_append(const char *dir, const char *rel, const char *text);
/* Remove DIR and everything in it, and free the name. */
void helper_remove_dir(char *dir);

#endif
