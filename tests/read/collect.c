#include "collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *event(char kind, const char *what, unsigned long line)
{
    char buf[4200];
    if (kind == 'A')
        snprintf(buf, sizeof buf, "A %s", what);
    else
        snprintf(buf, sizeof buf, "E %s:%lu", what, line);
    return strdup(buf);
}

int collect_article(void *ctx, nf_article *a)
{
    collect *c = ctx;
    if (c->n_articles == COLLECT_MAX) {
        nf_article_free(a);
        return -1;
    }
    c->articles[c->n_articles++] = a;
    c->events[c->n_events++] = event('A', a->id, 0);
    return c->stop_after && (int)c->n_articles >= c->stop_after;
}

void collect_error(void *ctx, const char *path, unsigned long line,
                   int status, const char *message)
{
    collect *c = ctx;
    if (c->n_errors == COLLECT_MAX)
        return;
    collected_error *e = &c->errors[c->n_errors++];
    e->path = strdup(path);
    e->line = line;
    e->status = status;
    e->message = strdup(message);
    c->events[c->n_events++] = event('E', path, line);
}

void collect_free(collect *c)
{
    for (size_t i = 0; i < c->n_articles; i++)
        nf_article_free(c->articles[i]);
    for (size_t i = 0; i < c->n_errors; i++) {
        free(c->errors[i].path);
        free(c->errors[i].message);
    }
    for (size_t i = 0; i < c->n_events; i++)
        free(c->events[i]);
    memset(c, 0, sizeof *c);
}

const char *data_path(const char *name)
{
    static char buf[4096];
    const char *root = getenv("NF_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/tests/read/data/%s", root ? root : ".", name);
    return buf;
}

char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s) {
        s[n] = '\0';
        *len = (size_t)n;
    }
    return s;
}

struct nf_reader_conf *shipped_conf(void)
{
    char dir[4096];
    const char *root = getenv("NF_SOURCE_ROOT");
    snprintf(dir, sizeof dir, "%s/schema", root ? root : ".");
    struct nf_reader_conf *conf = NULL;
    return nf_reader_conf_load(&conf, dir) == 0 ? conf : NULL;
}
