/* libFuzzer target: the schema loader (nf_schema_load).  The default schema
 * is copied once into a temporary directory; each input's first byte picks
 * one of its files and the rest replaces that file's content, then the
 * directory is loaded (and summarised when it loads).  The original file is
 * put back afterwards, so every input is one mutation of a valid schema. */
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

static const char *const files[] = {
    "schema.yaml", "money.yaml", "cues.yaml", "language.yaml",
    "attribution.yaml", "reader.yaml", "claims/default.yaml",
    "gazetteers/companies.yaml",
};
#define NFILES (sizeof files / sizeof files[0])

static char tmpdir[] = "/tmp/nf-fuzz-schema-XXXXXX";
static char *original[NFILES];
static size_t original_len[NFILES];

static void remove_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_schema: could not remove %s\n", tmpdir);
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    return (fclose(f) != 0 || w != len) ? -1 : 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void setup(void)
{
    if (!mkdtemp(tmpdir))
        abort();
    atexit(remove_tmpdir);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp -R '%s/schema/.' '%s/'", nf_fuzz_source_root(), tmpdir);
    if (system(cmd) != 0)
        abort();
    for (size_t i = 0; i < NFILES; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        original[i] = read_file(path, &original_len[i]);
        if (!original[i]) {
            fprintf(stderr, "fuzz_schema: cannot read %s\n", path);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size == 0)
        return 0;
    size_t which = data[0] % NFILES;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", tmpdir, files[which]);
    if (write_file(path, data + 1, size - 1) != 0)
        abort();
    nf_schema *s = NULL;
    if (nf_schema_load(&s, tmpdir) == 0) {
        char *summary = NULL;
        if (nf_schema_summary(&summary, s) != 0 || !summary)
            abort();
        free(summary);
    }
    nf_schema_free(s);
    if (write_file(path, original[which], original_len[which]) != 0)
        abort();
    return 0;
}
