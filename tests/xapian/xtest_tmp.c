/* Scratch directories for the Xapian tests (see xtest_tmp.h). */
/* nftw() is an XSI interface. */
#define _XOPEN_SOURCE 700
#include "xtest_tmp.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[64];

const char *xtest_mkdtemp(void)
{
    strcpy(tmpdir, "/tmp/nf-xapian-XXXXXX");
    return mkdtemp(tmpdir);
}

static int remove_one(const char *path, const struct stat *sb, int flag,
                      struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int xtest_rmtree(const char *dir)
{
    /* Depth first, without following symlinks. */
    return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *xtest_path(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
    return out;
}

int xtest_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    size_t len = strlen(text);
    int bad = fwrite(text, 1, len, f) != len;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}
