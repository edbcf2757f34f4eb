/* JSON Lines collections: one article per line, read with jansson.  A bad
 * line is reported with its number and the reader goes on with the next. */
#include "read/nf_read_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_html_internal.h"
#include "read/nf_utf8_clean.h"

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "unknown";
}

/* The record's fields; null counts as absent. */
typedef struct record {
    json_t *obj;
    const char *id, *text, *html;
    size_t text_len, html_len;
    char id_number[32];
} record;

static const char *const string_fields[] = {
    "id", "url", "title", "source", "published", "author", "text", "html", NULL};

/* NULL when the fields have the right types, else what is wrong. */
static const char *check_types(record *r, char *why, size_t why_len)
{
    for (const char *const *key = string_fields; *key; key++) {
        json_t *v = json_object_get(r->obj, *key);
        if (!v || json_is_null(v) || json_is_string(v))
            continue;
        if (strcmp(*key, "id") == 0 && json_is_integer(v))
            continue; /* numeric ids are common and unambiguous */
        snprintf(why, why_len, "field \"%s\" is %s, expected a string%s", *key,
                 type_name(v), strcmp(*key, "id") == 0 ? " or an integer" : "");
        return why;
    }
    json_t *id = json_object_get(r->obj, "id");
    if (json_is_integer(id)) {
        snprintf(r->id_number, sizeof r->id_number, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        r->id = r->id_number;
    } else if (json_is_string(id) && json_string_length(id) > 0) {
        r->id = json_string_value(id);
    }
    json_t *text = json_object_get(r->obj, "text");
    json_t *html = json_object_get(r->obj, "html");
    if (json_is_string(text)) {
        r->text = json_string_value(text);
        r->text_len = json_string_length(text);
    }
    if (json_is_string(html)) {
        r->html = json_string_value(html);
        r->html_len = json_string_length(html);
    }
    if (!r->text && !r->html)
        return "the record has neither \"text\" nor \"html\"";
    return NULL;
}

static int offer(char **field, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v)
        ? nf_meta_offer(field, json_string_value(v), json_string_length(v))
        : NF_OK;
}

/* The record's metadata, then the body: its text as given (NULs
 * replaced), or the body text of its HTML, whose metadata fills the fields
 * the record leaves out. */
static int record_content(nf_meta *meta, nf_buf *body, record *r,
                          const struct nf_reader_conf *conf)
{
    int rc = offer(&meta->title, r->obj, "title");
    if (rc == NF_OK) rc = offer(&meta->url, r->obj, "url");
    if (rc == NF_OK) rc = offer(&meta->source, r->obj, "source");
    if (rc == NF_OK) rc = offer(&meta->published, r->obj, "published");
    if (rc == NF_OK) rc = offer(&meta->author, r->obj, "author");
    if (rc)
        return rc;
    if (r->text) {
        rc = nf_utf8_clean(body, r->text, r->text_len, NULL);
        if (rc == NF_OK && !meta->title)
            rc = nf_read_first_line_title(meta, body->data, body->len);
        return rc;
    }
    nf_buf clean = NF_BUF_INIT;
    nf_meta from_html = NF_META_INIT;
    rc = nf_utf8_clean(&clean, r->html, r->html_len, NULL);
    if (rc == NF_OK)
        rc = nf_html_extract(&from_html, body, clean.data ? clean.data : "",
                             clean.len, conf);
    nf_meta_merge(meta, &from_html);
    nf_meta_free(&from_html);
    nf_buf_free(&clean);
    return rc;
}

static int read_record(nf_read_run *run, const char *path,
                       unsigned long line, const char *raw, size_t len)
{
    if (len > run->max_bytes) {
        nf_read_reject(run, path, line, NF_EINPUT,
                       "record of %zu bytes, larger than the limit of %zu",
                       len, run->max_bytes);
        return NF_OK;
    }
    nf_buf clean = NF_BUF_INIT, body = NF_BUF_INIT;
    nf_meta meta = NF_META_INIT;
    int rc = nf_utf8_clean(&clean, raw, len, NULL);
    if (rc)
        return rc;
    json_error_t err;
    record r;
    memset(&r, 0, sizeof r);
    /* NULs written as \u0000 are allowed, then replaced like raw ones. */
    r.obj = json_loadb(clean.data, clean.len, JSON_ALLOW_NUL, &err);
    char why[200];
    const char *bad = NULL;
    if (!r.obj) {
        /* jansson stops at the end of the line when the record was cut
         * short (an interrupted export, a line split by a bad tool). */
        if ((size_t)err.position >= clean.len)
            snprintf(why, sizeof why, "truncated record: %s", err.text);
        else
            snprintf(why, sizeof why, "invalid JSON at column %d: %s",
                     err.column, err.text);
        bad = why;
    } else if (!json_is_object(r.obj)) {
        snprintf(why, sizeof why, "the record is %s, not a JSON object",
                 type_name(r.obj));
        bad = why;
    } else {
        bad = check_types(&r, why, sizeof why);
    }
    if (!bad) {
        rc = record_content(&meta, &body, &r, run->conf);
        if (rc == NF_OK && !meta.title && nf_utf8_is_blank(body.data ? body.data : "", body.len))
            bad = "the record's text is empty";
    }
    if (bad)
        nf_read_reject(run, path, line, NF_EINPUT, "%s", bad);
    else if (rc == NF_OK)
        rc = nf_read_emit(run, path, line, NF_FORMAT_JSONL, r.id, &meta,
                          body.len ? body.data : "", body.len, raw, len);
    json_decref(r.obj);
    nf_meta_free(&meta);
    nf_buf_free(&body);
    nf_buf_free(&clean);
    return rc;
}

/* Records already read are given back in steps of this many bytes. */
#define RELEASE_BYTES ((size_t)4 << 20)

int nf_read_jsonl(nf_read_run *run, const char *path, const char *data,
                  size_t len)
{
    unsigned long line = 0;
    size_t i = nf_utf8_bom_len(data, len);
    int rc = NF_OK;
    while (rc == NF_OK && i < len) {
        line++;
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t n = end - i;
        if (n && data[i + n - 1] == '\r')
            n--;
        if (!nf_utf8_is_blank(data + i, n))
            rc = read_record(run, path, line, data + i, n);
        i = end + 1;
        if (i - run->released >= RELEASE_BYTES)
            nf_read_release(run, data + i);
    }
    return rc;
}
