/* What claim rules cost: analysis throughput with no claim rules, with the
 * default claims, and with the default claims plus 200 generated rules.
 *
 *     claim_rules [SCHEMA_DIR [ARTICLES...]] [--runs N] [--copies N] [--keep]
 *
 * Defaults: the source tree's schema/, the seed articles and fixtures/
 * articles, 7 runs, each over 20 copies of the articles.  One run analyses
 * every article with nf_analyse (tokenise -> entities -> amounts -> source
 * -> attribution -> claims -> facet values) and is timed in CPU seconds;
 * the median run of each configuration is compared with the run without
 * rules.
 *
 * The 200 generated rules are built from words of the articles themselves
 * (so that they trigger and get evaluated, the expensive case) mixed with
 * entity classes, amounts and proximity windows, written as a claims file
 * next to a copy of the default one and compiled like an admin's.  --keep
 * leaves that claims folder in place (its path is printed) to compare
 * analyses with those rules before and after a change. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyse/nf_analysis.h"
#include "analyse/nf_claims.h"
#include "analyse/nf_stance.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_read.h"
#include "schema/nf_schema.h"

#ifndef NF_BENCH_SOURCE_ROOT
#define NF_BENCH_SOURCE_ROOT "."
#endif

typedef struct corpus {
    nf_article **v;
    size_t n, cap;
} corpus;

static int keep_article(void *ctx, nf_article *a)
{
    corpus *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        nf_article **v = realloc(c->v, c->cap * sizeof *v);
        if (!v)
            return NF_ENOMEM;
        c->v = v;
    }
    c->v[c->n++] = a;
    return 0;
}

static void skip_input(void *ctx, const char *path, unsigned long line, int status,
                       const char *message)
{
    (void)ctx;
    (void)line;
    (void)status;
    fprintf(stderr, "claim_rules: skipping %s: %s\n", path, message);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds spent deciding stances again for every claim found (on its
 * whole sentence), measured apart: how much of the claims stage is the
 * stance decision rather than rule matching. */
static double stance_seconds;

/* The whole pipeline (nf_analyse) with RULES as the schema's claim rules
 * (NULL: none), on a shallow copy of the schema.  Adds the number of
 * claims found to *NCLAIMS. */
static int analyse_one(const nf_schema *s, const struct nf_claim_rules *rules,
                       const nf_article *art, size_t *nclaims, int measure_stance)
{
    nf_schema with = *s;
    with.claims = (struct nf_claim_rules *)rules;
    nf_analysis *a = NULL;
    int rc = nf_analyse(&a, &with, art);
    if (rc)
        return rc;
    *nclaims += a->nclaims;
    if (measure_stance) {
        double t0 = cpu_now();
        for (size_t i = 0; i < a->nclaims && !rc; i++) {
            const nf_sentence *se = &a->tokens.sentences[a->claims[i].sentence];
            nf_stance st;
            const char *cue;
            rc = nf_stance_decide(&st, &cue, a, se->tok_first,
                                  se->tok_first + se->tok_count - 1, 0);
        }
        stance_seconds += cpu_now() - t0;
    }
    nf_analysis_free(a);
    return rc;
}

static int run_once(double *cpu, size_t *nclaims, const nf_schema *s,
                    const struct nf_claim_rules *rules, const corpus *c, int copies,
                    int measure_stance)
{
    *nclaims = 0;
    double t0 = cpu_now();
    for (int k = 0; k < copies; k++)
        for (size_t i = 0; i < c->n; i++) {
            int rc = analyse_one(s, rules, c->v[i], nclaims, measure_stance);
            if (rc)
                return rc;
        }
    *cpu = cpu_now() - t0;
    return NF_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Words of the corpus usable in rules: lower-case letters only, 7+ bytes;
 * every 37th such token, so the choice is spread and deterministic. */
static int pick_words(char ***out, size_t *n, const nf_schema *s, const corpus *c)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0, seen = 0;
    for (size_t i = 0; i < c->n && *n < 400; i++) {
        nf_tokens t;
        memset(&t, 0, sizeof t);
        if (nf_tokenise(&t, c->v[i]->text, c->v[i]->text_len, s->lang))
            return NF_ENOMEM;
        for (size_t k = 0; k < t.n && *n < 400; k++) {
            const char *w = nf_token_term(&t, k);
            size_t len = strlen(w), ok = len >= 7;
            for (size_t j = 0; j < len && ok; j++)
                ok = w[j] >= 'a' && w[j] <= 'z';
            if (!ok || seen++ % 37)
                continue;
            if (*n == cap) {
                cap = cap ? cap * 2 : 64;
                char **v = realloc(*out, cap * sizeof *v);
                if (!v)
                    return NF_ENOMEM;
                *out = v;
            }
            (*out)[(*n)++] = strdup(w);
        }
        nf_tokens_free(&t);
    }
    return *n >= 10 ? NF_OK : nf_set_error(NF_EINVAL, "too few words in the corpus");
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        return nf_set_error(NF_EIO, "cannot copy %s to %s: %s", from, to, strerror(errno));
    }
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, got, out);
    fclose(in);
    return fclose(out) ? nf_set_error(NF_EIO, "cannot write %s", to) : NF_OK;
}

/* A claims folder with the default claims and 200 generated rules. */
static int write_big_rules(char *dir, const char *schema_dir, char **words, size_t nwords)
{
    char path[1024], src[1024];
    snprintf(path, sizeof path, "%s/claims", dir);
    if (mkdir(path, 0700))
        return nf_set_error(NF_EIO, "cannot create %s", path);
    snprintf(src, sizeof src, "%s/claims/default.yaml", schema_dir);
    snprintf(path, sizeof path, "%s/claims/default.yaml", dir);
    int rc = copy_file(src, path);
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/claims/generated.yaml", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return nf_set_error(NF_EIO, "cannot write %s", path);
    static const char *const extras[] = {"\"company:*\"", "\"cloud:*\"", "\"<money>\"",
                                         "\"<percent>\"", "\"company:microsoft\"",
                                         "\"company:openai\"", "\"<year>\""};
    fputs("claims:\n", f);
    unsigned seed = 12345;
    for (int i = 0; i < 200; i++) {
        fprintf(f, "  - id: generated-%d\n    rules:\n      - id: generated-%d/r\n", i, i);
        seed = seed * 1103515245u + 12345u;
        const char *a = words[seed % nwords];
        seed = seed * 1103515245u + 12345u;
        const char *b = words[seed % nwords];
        seed = seed * 1103515245u + 12345u;
        const char *b2 = words[seed % nwords];
        seed = seed * 1103515245u + 12345u;
        const char *x = extras[seed % (sizeof extras / sizeof *extras)];
        switch (i % 4) {
        case 0:
            fprintf(f, "        require: [%s, [%s, %s], %s]\n", a, b, b2, x);
            break;
        case 1:
            fprintf(f, "        within: 12\n        require: [%s, %s]\n", a, x);
            break;
        case 2:
            fprintf(f, "        scope: clause\n        require:\n          - all: [%s, %s]\n"
                       "            within: 6\n          - %s\n", a, b, x);
            break;
        default:
            fprintf(f, "        ordered: true\n        require: [%s, {any: [%s], "
                       "capture: thing}]\n        forbid: [%s]\n", x, a, b);
            break;
        }
    }
    return fclose(f) ? nf_set_error(NF_EIO, "cannot write %s", path) : NF_OK;
}

int main(int argc, char **argv)
{
    const char *schema_dir = NF_BENCH_SOURCE_ROOT "/schema";
    int runs = 7, copies = 20, keep = 0;
    const char *inputs[64];
    size_t ninputs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--copies") && i + 1 < argc)
            copies = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--keep"))
            keep = 1;
        else if (i == 1)
            schema_dir = argv[i];
        else if (ninputs < 64)
            inputs[ninputs++] = argv[i];
    }
    if (!ninputs) {
        inputs[ninputs++] = NF_BENCH_SOURCE_ROOT "/../shared/corpus/seeds";
        inputs[ninputs++] = NF_BENCH_SOURCE_ROOT "/fixtures/articles";
    }
    if (runs < 1)
        runs = 1;
    nf_schema *s = NULL;
    if (nf_schema_load(&s, schema_dir)) {
        fprintf(stderr, "claim_rules: %s\n", nf_errmsg());
        return 1;
    }
    corpus c = {0};
    for (size_t i = 0; i < ninputs; i++)
        nf_read_path(inputs[i], NULL, keep_article, skip_input, &c);
    size_t bytes = 0;
    for (size_t i = 0; i < c.n; i++)
        bytes += c.v[i]->text_len;
    char **words = NULL;
    size_t nwords = 0;
    char tmpl[] = "/tmp/nf-bench-claims-XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct nf_claim_rules *big = NULL;
    int rc = c.n ? NF_OK : nf_set_error(NF_ENOTFOUND, "no articles to analyse");
    if (!rc)
        rc = pick_words(&words, &nwords, s, &c);
    if (!rc)
        rc = dir ? write_big_rules(dir, schema_dir, words, nwords)
                 : nf_set_error(NF_EIO, "cannot create a temporary folder");
    if (!rc)
        rc = nf_claim_rules_load(&big, s, dir);
    if (rc) {
        fprintf(stderr, "claim_rules: %s\n", nf_errmsg());
        return 1;
    }
    printf("claim_rules: %zu articles (%zu bytes) x %d copies, %d runs; rules: default %zu, "
           "default+generated %zu\n", c.n, bytes, copies, runs,
           nf_claim_rules_nrules(s->claims), nf_claim_rules_nrules(big));
    const struct nf_claim_rules *configs[3] = {NULL, s->claims, big};
    const char *names[3] = {"no claim rules", "default claims", "default + 200 generated"};
    double median[3];
    size_t found[3];
    double *times = calloc((size_t)runs, sizeof *times);
    /* interleave the configurations run by run so drifting machine load
     * hits them alike */
    double *all = calloc((size_t)runs * 3, sizeof *all);
    for (int r = 0; r < runs && !rc; r++)
        for (int k = 0; k < 3 && !rc; k++)
            rc = run_once(&all[k * runs + r], &found[k], s, configs[k], &c, copies, 0);
    if (rc) {
        fprintf(stderr, "claim_rules: %s\n", nf_errmsg());
        return 1;
    }
    for (int k = 0; k < 3; k++) {
        memcpy(times, &all[k * runs], (size_t)runs * sizeof *times);
        qsort(times, (size_t)runs, sizeof *times, cmp_double);
        median[k] = times[runs / 2];
    }
    for (int k = 0; k < 3; k++) {
        double mb = (double)bytes * copies / 1e6 / median[k];
        printf("  %-24s median %.3f s CPU  %7.2f MB/s  %zu claims per run", names[k],
               median[k], mb, found[k]);
        if (k)
            printf("  cost %+.1f%% of the time without rules", 100.0 * (median[k] - median[0]) /
                                                               median[0]);
        printf("\n");
    }
    /* one more pass per rule set, timing the stance decisions apart */
    for (int k = 1; k < 3 && !rc; k++) {
        double ignored;
        stance_seconds = 0;
        rc = run_once(&ignored, &found[k], s, configs[k], &c, copies, 1);
        printf("  %-24s of which stance decisions about %.3f s (%.1f%% of the time without "
               "rules); rule matching about %+.1f%%\n", names[k], stance_seconds,
               100.0 * stance_seconds / median[0],
               100.0 * (median[k] - median[0] - stance_seconds) / median[0]);
    }
    double cost = 100.0 * (median[2] - median[0]) / median[0];
    printf("claim rules cost: %.1f%% (target < 30%%): %s\n", cost, cost < 30 ? "OK" : "OVER");
    free(times);
    free(all);
    nf_claim_rules_free(big);
    for (size_t i = 0; i < nwords; i++)
        free(words[i]);
    free(words);
    char path[1024];
    if (keep) {
        printf("claims folder kept: %s/claims\n", dir);
    } else {
        snprintf(path, sizeof path, "%s/claims/default.yaml", dir);
        unlink(path);
        snprintf(path, sizeof path, "%s/claims/generated.yaml", dir);
        unlink(path);
        snprintf(path, sizeof path, "%s/claims", dir);
        rmdir(path);
        rmdir(dir);
    }
    for (size_t i = 0; i < c.n; i++)
        nf_article_free(c.v[i]);
    free(c.v);
    nf_schema_free(s);
    return 0;
}
