/* Benchmark: does entity tagging stay fast when the gazetteer grows?
 *
 * Generates a 20,000-entry company gazetteer (made-up names built from
 * common English words and invented stems, with aliases) into a copy of the
 * default schema, then times analysis (tokenise + entities) over the seed
 * articles with the default schema and with the big one: median of several
 * runs (process CPU time, so other load on the machine matters less),
 * and the slowdown.  Target: under 20%.
 *
 *   build/bench/gazetteer_size [--entries N] [--runs R] [--schema DIR] [FILE...]
 *
 * Without FILEs the articles of $NF_SEEDS (or the shared seed corpus) are
 * used. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyse/nf_analysis.h"
#include "analyse/nf_entities.h"
#include "analyse/nf_gazetteer.h"
#include "analyse/nf_tokenise.h"
#include "core/nf_error.h"

#ifndef NF_BENCH_SOURCE_ROOT
#define NF_BENCH_SOURCE_ROOT "."
#endif

/* Name parts.  Common words make the realistic hard case: many text words
 * start some alias, so the matcher has to look further. */
static const char *const common[] = {
    "Blue", "River", "North", "Summit", "Bright", "Silver", "Green", "Open", "Deep", "Red",
    "First", "New", "Global", "United", "Pacific", "Atlantic", "Golden", "Clear", "Smart",
    "Rapid", "Prime", "Next", "True", "Data", "Cloud", "Quantum", "Neural", "Vector",
    "Signal", "Matrix", "Harbor", "Stone", "Iron", "Cedar", "Maple", "Oak", "Pine", "Star",
    "Sun", "Moon", "Sky", "Ocean", "Lake", "Valley", "Peak", "Bridge", "Tower", "Market",
    "Capital", "Point", "Line", "Path", "Field", "Wave", "Light", "Spark", "Core", "Edge"};
static const char *const stems[] = {
    "Nor", "Vex", "Qua", "Lum", "Zen", "Kai", "Tor", "Vel", "Ora", "Syn", "Axi", "Cor",
    "Del", "Fen", "Gal", "Hel", "Ix", "Jun", "Kal", "Lyr", "Mar", "Nex", "Oph", "Pra",
    "Riv", "Sol", "Tav", "Ul", "Vor", "Wyn", "Xan", "Yor", "Zer", "Bri", "Cal", "Dra"};
static const char *const ends[] = {
    "a", "ix", "on", "era", "ium", "ora", "us", "ent", "ica", "ara", "eon", "ly", "o", "is"};
static const char *const suffixes[] = {
    "Systems", "Labs", "Analytics", "Robotics", "Networks", "Technologies", "AI",
    "Computing", "Dynamics", "Semiconductor", "Software", "Health", "Energy", "Capital",
    "Bio", "Security", "Devices", "Cloud", "Data", "Logic"};

#define N(a) (sizeof a / sizeof *a)

static int write_gazetteer(const char *path, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "list: company\nentries:\n");
    unsigned long x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        char stem[32];
        snprintf(stem, sizeof stem, "%s%s%s", stems[(x >> 20) % N(stems)],
                 stems[(x >> 28) % N(stems)], ends[(x >> 36) % N(ends)]);
        stem[1] = (char)(stem[1] | 0x20);   /* "NorVex" -> "Norvex" */
        for (char *p = stem + 1; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        char name[128];
        const char *suffix = suffixes[(x >> 44) % N(suffixes)];
        /* Half the names start with a common word ("Blue Harbor Labs"),
         * half with an invented one ("Norvexa Systems"); the index keeps
         * them unique. */
        if (i % 2)
            snprintf(name, sizeof name, "%s %s %s %zu", common[(x >> 12) % N(common)],
                     common[(x >> 52) % N(common)], suffix, i);
        else
            snprintf(name, sizeof name, "%s %s %zu", stem, suffix, i);
        fprintf(f, "  - id: gen-%zu\n    name: %s\n    aliases: [\"%s Inc\", \"%s %zu\"",
                i, name, name, stem, i);
        if (i % 3 == 0)
            fprintf(f, ", {text: \"%c%c%c%zu\", case: exact}", stem[0], suffix[0],
                    common[(x >> 12) % N(common)][0], i);
        fprintf(f, "]\n");
        if (i % 10 == 0)
            fprintf(f, "    veto: {after: [pie, river]}\n");
    }
    return fclose(f);
}

typedef struct text {
    char *data;
    size_t len;
} text;

static int read_file(text *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    t->data = malloc((size_t)n + 1);
    t->len = t->data ? fread(t->data, 1, (size_t)n, f) : 0;
    fclose(f);
    if (!t->data)
        return -1;
    t->data[t->len] = '\0';
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run: tokenise and tag every text REPEAT times; returns seconds and
 * adds the mentions found to *MENTIONS. */
static double run(const struct nf_gazetteer *g, const text *texts, size_t ntexts, int repeat,
                  size_t *mentions)
{
    double t0 = now();
    for (int r = 0; r < repeat; r++)
        for (size_t i = 0; i < ntexts; i++) {
            nf_analysis a;
            memset(&a, 0, sizeof a);
            if (nf_tokenise(&a.tokens, texts[i].data, texts[i].len, NULL) ||
                nf_entities_find_with(&a, g)) {
                fprintf(stderr, "gazetteer_size: %s\n", nf_errmsg());
                exit(1);
            }
            *mentions += a.nmentions;
            free(a.mentions);
            nf_tokens_free(&a.tokens);
        }
    return now() - t0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    size_t entries = 20000;
    int runs = 9;
    const char *schema = NF_BENCH_SOURCE_ROOT "/schema";
    text texts[256];
    size_t ntexts = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--entries") && i + 1 < argc)
            entries = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--schema") && i + 1 < argc)
            schema = argv[++i];
        else if (ntexts < N(texts) && read_file(&texts[ntexts], argv[i]) == 0)
            ntexts++;
        else {
            fprintf(stderr, "gazetteer_size: cannot read %s\n", argv[i]);
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    if (!ntexts) {
        const char *seeds = getenv("NF_SEEDS");
        char dflt[4096];
        snprintf(dflt, sizeof dflt, "%s/../shared/corpus/seeds", NF_BENCH_SOURCE_ROOT);
        if (!seeds)
            seeds = dflt;
        DIR *d = opendir(seeds);
        for (struct dirent *e; d && (e = readdir(d)) && ntexts < N(texts);) {
            if (e->d_name[0] == '.')
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", seeds, e->d_name);
            if (read_file(&texts[ntexts], path) == 0)
                ntexts++;
        }
        if (d)
            closedir(d);
        if (!ntexts) {
            fprintf(stderr, "gazetteer_size: no articles (give files or set NF_SEEDS)\n");
            return 2;
        }
    }
    size_t bytes = 0;
    for (size_t i = 0; i < ntexts; i++)
        bytes += texts[i].len;
    /* Enough repeats for about 2 MB of text per run. */
    int repeat = (int)(2000000 / (bytes ? bytes : 1)) + 1;

    char big[] = "/tmp/nf-bench-schema-XXXXXX";
    if (!mkdtemp(big)) {
        perror("mkdtemp");
        return 1;
    }
    char cmd[8192], path[8192];
    snprintf(cmd, sizeof cmd, "cp -R '%s'/. '%s'/", schema, big);
    snprintf(path, sizeof path, "%s/gazetteers/generated.yaml", big);
    if (system(cmd) != 0 || write_gazetteer(path, entries) != 0) {
        fprintf(stderr, "gazetteer_size: cannot build the schema in %s\n", big);
        return 1;
    }

    struct nf_gazetteer *small_g, *big_g;
    double t0 = now();
    if (nf_gazetteer_load(&small_g, schema)) {
        fprintf(stderr, "gazetteer_size: %s\n", nf_errmsg());
        return 1;
    }
    double t1 = now();
    if (nf_gazetteer_load(&big_g, big)) {
        fprintf(stderr, "gazetteer_size: %s\n", nf_errmsg());
        return 1;
    }
    double t2 = now();
    printf("articles: %zu (%zu bytes), %d passes per run, %d runs\n", ntexts, bytes, repeat, runs);
    printf("load: default %.1f ms (%zu company entries), big %.1f ms (%zu company entries)\n",
           (t1 - t0) * 1e3, nf_gazetteer_list_size(small_g, "company"), (t2 - t1) * 1e3,
           nf_gazetteer_list_size(big_g, "company"));

    double *ts = calloc((size_t)runs, sizeof *ts), *tb = calloc((size_t)runs, sizeof *tb);
    size_t ms = 0, mb = 0;
    run(small_g, texts, ntexts, 1, &ms);    /* warm caches */
    run(big_g, texts, ntexts, 1, &mb);
    ms = mb = 0;
    /* Interleaved so that machine load affects both alike. */
    for (int r = 0; r < runs; r++) {
        ts[r] = run(small_g, texts, ntexts, repeat, &ms);
        tb[r] = run(big_g, texts, ntexts, repeat, &mb);
    }
    double mts = median(ts, runs), mtb = median(tb, runs);
    double mbytes = (double)bytes * repeat / 1e6;
    double slowdown = (mtb / mts - 1) * 100;
    printf("default schema: %.2f MB/s (median %.1f ms per run, %zu mentions per pass)\n",
           mbytes / mts, mts * 1e3, ms / ((size_t)runs * (size_t)repeat));
    printf("%zu-entry schema: %.2f MB/s (median %.1f ms per run, %zu mentions per pass)\n",
           entries, mbytes / mtb, mtb * 1e3, mb / ((size_t)runs * (size_t)repeat));
    printf("ratio big/default: %.3f (slowdown %.1f%%, target < 20%%: %s)\n", mtb / mts,
           slowdown, slowdown < 20 ? "met" : "MISSED");

    nf_gazetteer_free(small_g);
    nf_gazetteer_free(big_g);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", big);
    if (system(cmd) != 0)
        fprintf(stderr, "gazetteer_size: could not remove %s\n", big);
    for (size_t i = 0; i < ntexts; i++)
        free(texts[i].data);
    free(ts);
    free(tb);
    return 0;
}
