/* Building, describing and freeing articles. */
#include "read/nf_article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "core/nf_hash.h"
#include "read/nf_date.h"
#include "read/nf_read_internal.h"

void nf_article_free(nf_article *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->path);
    free(a->title);
    free(a->url);
    free(a->source);
    free(a->published);
    free(a->author);
    free(a->text);
    free(a);
}

nf_format nf_format_from_path(const char *path)
{
    static const struct {
        const char *ext;
        nf_format format;
    } exts[] = {
        {".txt", NF_FORMAT_TEXT}, {".text", NF_FORMAT_TEXT},
        {".md", NF_FORMAT_TEXT}, {".html", NF_FORMAT_HTML},
        {".htm", NF_FORMAT_HTML}, {".jsonl", NF_FORMAT_JSONL},
        {".ndjson", NF_FORMAT_JSONL},
    };
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
            if (strcasecmp(dot, exts[i].ext) == 0)
                return exts[i].format;
    return NF_FORMAT_AUTO;
}

const char *nf_format_mime(nf_format format)
{
    switch (format) {
    case NF_FORMAT_TEXT: return "text/plain";
    case NF_FORMAT_HTML: return "text/html";
    case NF_FORMAT_JSONL: return "application/x-ndjson";
    case NF_FORMAT_AUTO: break;
    }
    return "application/octet-stream";
}

/* The length of BODY's first line when it is TITLE itself (leading blank
 * lines skipped), else 0. */
static size_t repeated_title_len(const char *title, const char *body,
                                 size_t body_len)
{
    size_t t = strlen(title), i = 0;
    while (i < body_len && (body[i] == '\n' || body[i] == ' '))
        i++;
    if (t == 0 || body_len - i < t || memcmp(body + i, title, t) != 0)
        return 0;
    i += t;
    while (i < body_len && body[i] == ' ')
        i++;
    return i == body_len || body[i] == '\n' ? i : 0;
}

static int analysed_text(nf_buf *out, const char *title, const char *body,
                         size_t body_len)
{
    size_t skip = repeated_title_len(title, body, body_len);
    while (skip < body_len && (body[skip] == '\n' || body[skip] == ' '))
        skip++;
    int rc = nf_buf_puts(out, title);
    if (rc == NF_OK && title[0] && skip < body_len)
        rc = nf_buf_append(out, "\n\n", 2);
    if (rc == NF_OK)
        rc = nf_buf_append(out, body + skip, body_len - skip);
    return rc;
}

int nf_read_emit(nf_read_run *run, const char *path, unsigned long line,
                 nf_format format, const char *id, nf_meta *meta,
                 const char *body, size_t body_len, const char *raw,
                 size_t raw_len)
{
    nf_article *a = calloc(1, sizeof *a);
    nf_buf text = NF_BUF_INIT;
    if (!a)
        goto oom;
    a->line = line;
    a->format = format;
    a->path = strdup(path);
    a->title = meta->title ? meta->title : strdup("");
    meta->title = NULL;
    a->url = meta->url;
    a->source = meta->source;
    a->author = meta->author;
    meta->url = meta->source = meta->author = NULL;
    a->published = nf_date_normalise(meta->published);
    nf_meta_free(meta);
    if (id)
        a->id = strdup(id);
    else if (a->url)
        a->id = strdup(a->url);
    else if (line) {
        nf_buf b = NF_BUF_INIT;
        if (nf_buf_printf(&b, "%s:%lu", path, line) == NF_OK)
            a->id = nf_buf_detach(&b);
    } else
        a->id = strdup(path);
    if (!a->path || !a->title || !a->id)
        goto oom;
    if (format == NF_FORMAT_TEXT ? nf_buf_append(&text, body, body_len)
                                 : analysed_text(&text, a->title, body, body_len))
        goto oom;
    a->text_len = text.len;
    a->text = nf_buf_detach(&text);
    if (!a->text)
        goto oom;
    nf_hash128_hex(a->hash, raw, raw_len);
    return nf_read_deliver(run, a);
oom:
    nf_buf_free(&text);
    nf_meta_free(meta);
    nf_article_free(a);
    return nf_set_error(NF_ENOMEM, "%s: out of memory building an article", path);
}
