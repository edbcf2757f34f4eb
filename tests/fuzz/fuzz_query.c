/* libFuzzer target: the query language front end.  Once per process the
 * seed articles (NF_SEEDS, else ../shared/corpus/seeds) are indexed with the
 * default schema into a temporary database; each input is then parsed as
 * end-user query text (nf_query_parse) and as a facet selection
 * (nf_query_filter), and every query it gives must describe itself. */
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "index/nf_indexer.h"
#include "read/nf_read.h"
#include "search/nf_query.h"

static char tmpdir[] = "/tmp/nf-fuzz-query-XXXXXX";
static nf_query_lang *ql;
static nf_xdb *db;

static void cleanup(void)
{
    nf_query_lang_free(ql);
    nf_xdb_free(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_query: could not remove %s\n", tmpdir);
}

static int add_article(void *ctx, nf_article *a)
{
    return nf_indexer_add(ctx, a);
}

static void setup(void)
{
    const nf_schema *schema = nf_fuzz_default_schema();
    if (!mkdtemp(tmpdir))
        abort();
    atexit(cleanup);
    char seeds[4096];
    const char *env = getenv("NF_SEEDS");
    if (env && env[0])
        snprintf(seeds, sizeof seeds, "%s", env);
    else
        snprintf(seeds, sizeof seeds, "%s/../shared/corpus/seeds", nf_fuzz_source_root());
    nf_index_opts opts = {NF_INDEX_OPTS_VERSION, 0, 1, 1, NULL, NULL};
    nf_indexer *ix = NULL;
    if (nf_indexer_open(&ix, tmpdir, schema, &opts) != 0)
        abort();
    nf_read_opts ropts = NF_READ_OPTS_INIT;
    ropts.conf = schema->reader;
    /* Missing seeds leave an empty database: still a valid set-up. */
    nf_read_path(seeds, &ropts, add_article, NULL, ix);
    if (nf_indexer_close(ix) != 0 || nf_xdb_open(&db, tmpdir) != 0 ||
        nf_query_lang_new(&ql, schema, db) != 0)
        abort();
}

static void check(nf_xquery *q)
{
    if (!q)
        return;
    char *d = NULL;
    if (nf_xquery_describe(&d, q) != 0 || !d)
        abort();
    free(d);
    nf_xquery_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ql)
        setup();
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    nf_xquery *q = NULL;
    if (nf_query_parse(&q, ql, text) == 0)
        check(q);
    q = NULL;
    int facet = -1;
    if (nf_query_filter(&q, &facet, ql, text) == 0)
        check(q);
    free(text);
    return 0;
}
