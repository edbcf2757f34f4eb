/* See schema_helper.h. */
#include "schema_helper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what, const char *path)
{
    fprintf(stderr, "schema_helper: %s %s failed\n", what, path);
    exit(2);
}

char *helper_temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char buf[4096];
    snprintf(buf, sizeof buf, "%s/nf-schema-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(buf))
        die("mkdtemp", buf);
    return strdup(buf);
}

/* Shell commands keep these helpers short; paths come from mkdtemp and
 * the source tree, never from test input. */
static void run(const char *cmd)
{
    if (system(cmd) != 0)
        die("command", cmd);
}

char *helper_copy_schema(const char *src)
{
    char *dir = helper_temp_dir();
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp -R '%s'/. '%s'/", src, dir);
    run(cmd);
    return dir;
}

static void put(const char *dir, const char *rel, const char *text, const char *mode)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    run(cmd);
    *slash = '/';
    FILE *f = fopen(path, mode);
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        die("writing", path);
}

void helper_write(const char *dir, const char *rel, const char *text)
{
    put(dir, rel, text, "w");
}

void helper_append(const char *dir, const char *rel, const char *text)
{
    put(dir, rel, text, "a");
}

void helper_remove_dir(char *dir)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    run(cmd);
    free(dir);
}
