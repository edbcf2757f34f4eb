/* See bench_records.h. */
#include "bench_records.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static char *field(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    size_t n = json_is_string(v) ? json_string_length(v) : 0;
    char *copy = malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    if (len)
        *len = n;
    return copy;
}

int bench_record_parse(bench_record *out, const char *line, size_t len,
                       size_t lineno)
{
    json_error_t err;
    memset(out, 0, sizeof *out);
    json_t *obj = json_loadb(line, len, 0, &err);
    if (!json_is_object(obj)) {
        fprintf(stderr, "line %zu: not a JSON object: %s\n", lineno, err.text);
        json_decref(obj);
        return -1;
    }
    out->id = field(obj, "id", NULL);
    out->url = field(obj, "url", NULL);
    out->title = field(obj, "title", &out->title_len);
    out->source = field(obj, "source", NULL);
    out->published = field(obj, "published", NULL);
    out->author = field(obj, "author", NULL);
    out->text = field(obj, "text", &out->text_len);
    json_decref(obj);
    if (!out->id || !out->url || !out->title || !out->source ||
        !out->published || !out->author || !out->text) {
        fprintf(stderr, "line %zu: out of memory\n", lineno);
        bench_record_clear(out);
        return -1;
    }
    return 0;
}

void bench_record_clear(bench_record *r)
{
    free(r->id);
    free(r->url);
    free(r->title);
    free(r->source);
    free(r->published);
    free(r->author);
    free(r->text);
    memset(r, 0, sizeof *r);
}

int bench_record_next(bench_record *out, FILE *f, size_t *lineno)
{
    static char *line;           /* reused between calls: one reader */
    static size_t cap;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        ++*lineno;
        if (n == 1 && line[0] == '\n')
            continue;
        return bench_record_parse(out, line, (size_t)n, *lineno) ? -1 : 1;
    }
    return 0;
}

int bench_records_load(bench_record **out, size_t *n, const char *path)
{
    FILE *f = fopen(path, "r");
    *out = NULL;
    *n = 0;
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 0, lineno = 0;
    bench_record r, *recs = NULL;
    int rc;
    while ((rc = bench_record_next(&r, f, &lineno)) == 1) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            bench_record *grown = realloc(recs, cap * sizeof *recs);
            if (!grown) {
                bench_record_clear(&r);
                rc = -1;
                break;
            }
            recs = grown;
        }
        recs[(*n)++] = r;
    }
    fclose(f);
    if (rc < 0) {
        bench_records_free(recs, *n);
        *n = 0;
        return -1;
    }
    *out = recs;
    return 0;
}

void bench_records_free(bench_record *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        bench_record_clear(&recs[i]);
    free(recs);
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}
