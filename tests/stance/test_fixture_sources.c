/* Source and cites on the project's fixture archive and the shared seeds,
 * scored against their expected files (fixtures/expected/): read each
 * article with the readers, tokenise, tag, find cites and source.  Prints
 * every miss; fails below the project's targets (F1 0.95 for source, 0.9
 * for cites) -- the schema's patterns and gazetteers must carry them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "analyse/nf_attribution.h"
#include "analyse/nf_entities.h"
#include "analyse/nf_gazetteer.h"
#include "analyse/nf_source.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_error.h"
#include "read/nf_read.h"

typedef struct score {
    unsigned tp, fp, fn;
} score;

typedef struct ctx {
    nf_schema *schema;
    const char *expected_dir;
    score source, cites;
    unsigned articles;
} ctx;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Compare GOT (NULL-terminated ids) with the JSON array WANT. */
static void compare(score *sc, const char *what, const char *article, const char **got,
                    size_t ngot, json_t *want)
{
    size_t nwant = json_array_size(want);
    for (size_t i = 0; i < ngot; i++) {
        int found = 0;
        for (size_t j = 0; j < nwant; j++)
            found |= strcmp(got[i], json_string_value(json_array_get(want, j))) == 0;
        if (found) {
            sc->tp++;
        } else {
            sc->fp++;
            fprintf(stderr, "%s: %s: unexpected %s\n", article, what, got[i]);
        }
    }
    for (size_t j = 0; j < nwant; j++) {
        const char *w = json_string_value(json_array_get(want, j));
        int found = 0;
        for (size_t i = 0; i < ngot; i++)
            found |= strcmp(got[i], w) == 0;
        if (!found) {
            sc->fn++;
            fprintf(stderr, "%s: %s: missing %s\n", article, what, w);
        }
    }
}

static int on_article(void *vctx, nf_article *art)
{
    ctx *c = vctx;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", c->expected_dir, base_name(art->path));
    json_error_t err;
    json_t *exp = json_load_file(path, 0, &err);
    if (!exp) {
        nf_article_free(art); /* not scored: no expected file */
        return 0;
    }
    json_t *rec = exp;
    json_t *records = json_object_get(exp, "records");
    if (records)
        rec = json_object_get(records, art->id);
    json_t *facets = json_object_get(rec, "facets");
    if (facets) {
        nf_analysis a;
        memset(&a, 0, sizeof a);
        a.schema = c->schema;
        a.article = art;
        assert_int_equal(nf_tokenise(&a.tokens, art->text, art->text_len, NULL), NF_OK);
        assert_int_equal(nf_entities_find_with(&a, c->schema->gazetteer), NF_OK);
        assert_int_equal(nf_source_find(&a), NF_OK);
        assert_int_equal(nf_attribution_find(&a), NF_OK);
        char name[512];
        snprintf(name, sizeof name, "%s%s%s", base_name(art->path), records ? "#" : "",
                 records ? art->id : "");
        const char *src[1] = {a.source};
        compare(&c->source, "source", name, src, a.source ? 1 : 0,
                json_object_get(facets, "source"));
        compare(&c->cites, "cites", name, (const char **)a.cites.v, a.cites.n,
                json_object_get(facets, "cites"));
        c->articles++;
        for (size_t i = 0; i < a.tokens.nsentences; i++)
            nf_strset_free(&a.sentence_cites[i]);
        free(a.sentence_cites);
        nf_strset_free(&a.cites);
        free(a.mentions);
        free(a.source);
        nf_tokens_free(&a.tokens);
    }
    json_decref(exp);
    nf_article_free(art);
    return 0;
}

static void on_error(void *vctx, const char *path, unsigned long line, int status,
                     const char *message)
{
    (void)vctx;
    fprintf(stderr, "%s:%lu: %s: %s\n", path, line, nf_status_name(status), message);
}

static double f1(const score *s)
{
    unsigned d = 2 * s->tp + s->fp + s->fn;
    return d ? 2.0 * s->tp / d : 1.0;
}

static void fixtures_and_seeds_meet_targets(void **state)
{
    (void)state;
    const char *root = getenv("NF_SOURCE_ROOT");
    const char *seeds = getenv("NF_SEEDS");
    assert_non_null(root);
    char dir[4096], articles[4096], expected[4096], seed_expected[4096];
    snprintf(dir, sizeof dir, "%s/schema", root);
    snprintf(articles, sizeof articles, "%s/fixtures/articles", root);
    snprintf(expected, sizeof expected, "%s/fixtures/expected/articles", root);
    snprintf(seed_expected, sizeof seed_expected, "%s/fixtures/expected/seeds", root);
    nf_schema schema;
    memset(&schema, 0, sizeof schema);
    assert_int_equal(nf_gazetteer_load(&schema.gazetteer, dir), NF_OK);
    assert_int_equal(nf_attribution_load(&schema.attribution, dir), NF_OK);
    struct nf_reader_conf *conf = NULL;
    assert_int_equal(nf_reader_conf_load(&conf, dir), NF_OK);
    nf_read_opts opts = NF_READ_OPTS_INIT;
    opts.conf = conf;
    ctx c;
    memset(&c, 0, sizeof c);
    c.schema = &schema;
    c.expected_dir = expected;
    assert_int_equal(nf_read_path(articles, &opts, on_article, on_error, &c), NF_OK);
    unsigned fixtures = c.articles;
    if (seeds) {
        c.expected_dir = seed_expected;
        assert_int_equal(nf_read_path(seeds, &opts, on_article, on_error, &c), NF_OK);
    }
    fprintf(stderr, "%u articles (%u fixtures): source F1 %.3f (tp %u fp %u fn %u), "
            "cites F1 %.3f (tp %u fp %u fn %u)\n", c.articles, fixtures,
            f1(&c.source), c.source.tp, c.source.fp, c.source.fn,
            f1(&c.cites), c.cites.tp, c.cites.fp, c.cites.fn);
    assert_true(fixtures >= 15);
    assert_true(f1(&c.source) >= 0.95);
    assert_true(f1(&c.cites) >= 0.9);
    nf_reader_conf_free(conf);
    nf_gazetteer_free(schema.gazetteer);
    nf_attribution_free(schema.attribution);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixtures_and_seeds_meet_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
