/* libFuzzer target for the readers (meson setup -Dfuzzing=true, CC=clang):
 * the first byte picks the format (text, HTML, JSON Lines, sniffed), the
 * rest is the input.  Every article must come out as valid, NUL-free
 * UTF-8 of the length it claims.  Run: build/tests/read/fuzz_read
 * tests/read/data fixtures/articles */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "read/nf_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_article(void *ctx, nf_article *a)
{
    (void)ctx;
    if (!a->id || !a->title || !a->text || strlen(a->text) != a->text_len)
        abort();
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a->text;
    for (size_t i = 0; i < a->text_len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(a->text_len - i), &cp);
        if (n <= 0)
            abort();
        i += (size_t)n;
    }
    nf_article_free(a);
    return 0;
}

static void ignore_error(void *ctx, const char *path, unsigned long line,
                         int status, const char *message)
{
    (void)ctx;
    (void)path;
    (void)line;
    (void)status;
    if (!message || !message[0])
        abort(); /* every rejection says why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct nf_reader_conf *conf;
    static int loaded;
    if (!loaded) {
        const char *root = getenv("NF_SOURCE_ROOT");
        char dir[4096];
        strcpy(dir, root && strlen(root) < sizeof dir - 8 ? root : ".");
        strcat(dir, "/schema");
        nf_reader_conf_load(&conf, dir); /* NULL conf is fine too */
        loaded = 1;
    }
    if (size == 0)
        return 0;
    static const nf_format formats[] = {NF_FORMAT_TEXT, NF_FORMAT_HTML,
                                        NF_FORMAT_JSONL, NF_FORMAT_AUTO};
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = conf;
    opts.max_article_bytes = 1 << 20;
    nf_read_memory((const char *)data + 1, size - 1, formats[data[0] % 4], "fuzz",
                   &opts, check_article, ignore_error, NULL);
    return 0;
}
