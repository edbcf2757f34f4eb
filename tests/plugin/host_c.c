/* A search-server-like host in C: loads the plugin with dlopen, indexes
 * files into a database through the plugin, then runs searches and prints
 * the JSON of each, one line per query.
 *
 *   host_c PLUGIN.so SCHEMA_DIR DB QUERIES_FILE FILE...
 *
 * With DB "-", it only checks the descriptor (exit 3 on a mismatch). */
#include <newsfacet/nf_plugin.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: host_c PLUGIN.so SCHEMA_DIR DB QUERIES_FILE FILE...\n");
        return 2;
    }
    void *so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!so) {
        fprintf(stderr, "host_c: %s\n", dlerror());
        return 1;
    }
    nf_plugin_entry_fn entry;
    *(void **)&entry = dlsym(so, NF_PLUGIN_ENTRY_SYMBOL);
    if (!entry) {
        fprintf(stderr, "host_c: no %s in %s\n", NF_PLUGIN_ENTRY_SYMBOL, argv[1]);
        return 1;
    }
    const nf_plugin_descriptor *d = entry();
    char why[256];
    if (nf_plugin_check(d, why, sizeof why) != 0) {
        fprintf(stderr, "host_c: %s\n", why);
        return 3;
    }
    if (strcmp(argv[3], "-") == 0) {
        printf("%s %s ABI %u.%u\n", d->name, d->version, (unsigned)d->abi_major,
               (unsigned)d->abi_minor);
        return 0;
    }
    const nf_plugin_api *api = d->api;
    nf_schema *schema = NULL;
    nf_plugin_schema_opts so_opts = {NF_PLUGIN_SCHEMA_OPTS_VERSION, argv[2]};
    if (api->schema_open(&schema, &so_opts) != 0) {
        fprintf(stderr, "host_c: %s\n", api->errmsg());
        return 1;
    }
    /* A second schema in the same process: both analyse the first file,
     * each its own way (no global state in the plugin). */
    const char *second_dir = getenv("NF_SECOND_SCHEMA");
    if (second_dir && argc > 5) {
        nf_schema *second = NULL;
        nf_plugin_schema_opts o2 = {NF_PLUGIN_SCHEMA_OPTS_VERSION, second_dir};
        if (api->schema_open(&second, &o2) != 0) {
            fprintf(stderr, "host_c: %s\n", api->errmsg());
            return 1;
        }
        size_t len = 0;
        char *text = slurp(argv[5], &len);
        nf_plugin_article a = {.version = NF_PLUGIN_ARTICLE_VERSION, .id = argv[5],
                               .name = argv[5], .text = text, .text_len = len};
        char *j1 = NULL, *j2 = NULL;
        if (!text || api->analyse(&j1, schema, &a) != 0 || api->analyse(&j2, second, &a) != 0) {
            fprintf(stderr, "host_c: %s\n", api->errmsg());
            return 1;
        }
        fprintf(stderr, "schema1 %s\nschema2 %s\n", api->schema_id(schema), api->schema_id(second));
        printf("%s\n%s\n", j1, j2);
        api->free(j1);
        api->free(j2);
        free(text);
        api->schema_close(second);
        api->schema_close(schema);
        return 0;
    }
    nf_plugin_writer *w = NULL;
    if (api->writer_open(&w, schema, argv[3], 1) != 0) {
        fprintf(stderr, "host_c: %s\n", api->errmsg());
        return 1;
    }
    for (int i = 5; i < argc; i++) {
        size_t len = 0;
        char *text = slurp(argv[i], &len);
        if (!text) {
            fprintf(stderr, "host_c: cannot read %s\n", argv[i]);
            return 1;
        }
        nf_plugin_article a = {.version = NF_PLUGIN_ARTICLE_VERSION, .id = argv[i],
                               .name = argv[i], .text = text, .text_len = len};
        if (api->writer_add(w, &a) != 0)
            fprintf(stderr, "host_c: %s\n", api->errmsg());
        free(text);
    }
    unsigned long indexed = 0, failed = 0;
    if (api->writer_close(w, &indexed, &failed) != 0) {
        fprintf(stderr, "host_c: %s\n", api->errmsg());
        return 1;
    }
    fprintf(stderr, "host_c: indexed %lu, failed %lu\n", indexed, failed);

    nf_searcher *s = NULL;
    if (api->searcher_open(&s, schema, argv[3]) != 0) {
        fprintf(stderr, "host_c: %s\n", api->errmsg());
        return 1;
    }
    FILE *qf = fopen(argv[4], "r");
    char line[1024];
    int status = 0;
    while (qf && fgets(line, sizeof line, qf)) {
        line[strcspn(line, "\n")] = '\0';
        nf_search_request req = {.version = NF_SEARCH_REQUEST_VERSION, .query = line,
                                 .limit = 20};
        char *json = NULL;
        if (api->search(&json, s, &req) != 0) {
            fprintf(stderr, "host_c: %s\n", api->errmsg());
            status = 1;
            continue;
        }
        printf("%s\n", json);
        api->free(json);
    }
    if (qf)
        fclose(qf);
    api->searcher_close(s);
    api->schema_close(schema);
    dlclose(so);
    return status;
}
