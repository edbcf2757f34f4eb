/* Article metadata of an HTML page: Open Graph and article: properties,
 * <meta name=author>, <link rel=canonical>, <title>, the first <h1>, and
 * schema.org JSON-LD.  Each value is collected from where it is found,
 * then the precedence rules below decide. */
#include "read/nf_html_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "core/nf_error.h"
#include "read/nf_date.h"

typedef struct page_tags {
    char *og_title, *title, *h1;
    char *og_site_name;
    char *canonical, *og_url;
    char *published_time, *itemprop_published;
    char *meta_author, *article_author;
    nf_meta jsonld;
    nf_buf *jsonld_body;
    int rc;
} page_tags;

static void offer_xml(page_tags *t, char **field, xmlChar *value)
{
    if (value && t->rc == NF_OK)
        t->rc = nf_meta_offer(field, (const char *)value, strlen((const char *)value));
    xmlFree(value);
}

static void offer_content(page_tags *t, char **field, xmlNode *n)
{
    if (!*field)
        offer_xml(t, field, xmlNodeGetContent(n));
}

static void on_meta(page_tags *t, xmlNode *n)
{
    xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
    if (!key)
        key = xmlGetProp(n, (const xmlChar *)"name");
    if (!key)
        return;
    static const struct {
        const char *key;
        size_t field;
    } keys[] = {
        {"og:title", offsetof(page_tags, og_title)},
        {"og:site_name", offsetof(page_tags, og_site_name)},
        {"og:url", offsetof(page_tags, og_url)},
        {"article:published_time", offsetof(page_tags, published_time)},
        {"article:author", offsetof(page_tags, article_author)},
        {"author", offsetof(page_tags, meta_author)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcasecmp((const char *)key, keys[i].key) == 0) {
            char **field = (char **)((char *)t + keys[i].field);
            if (!*field)
                offer_xml(t, field, xmlGetProp(n, (const xmlChar *)"content"));
            break;
        }
    }
    xmlFree(key);
}

static int collect(xmlNode *n, void *ud)
{
    page_tags *t = ud;
    if (n->type != XML_ELEMENT_NODE || t->rc)
        return 0;
    if (!t->itemprop_published && nf_html_attr_has(n, "itemprop", "datePublished")) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)"content");
        offer_xml(t, &t->itemprop_published,
                  v ? v : xmlGetProp(n, (const xmlChar *)"datetime"));
    }
    if (nf_html_is(n, "meta")) {
        on_meta(t, n);
    } else if (nf_html_is(n, "link")) {
        if (!t->canonical && nf_html_attr_has(n, "rel", "canonical"))
            offer_xml(t, &t->canonical, xmlGetProp(n, (const xmlChar *)"href"));
    } else if (nf_html_is(n, "title")) {
        offer_content(t, &t->title, n);
    } else if (nf_html_is(n, "h1")) {
        offer_content(t, &t->h1, n);
    } else if (nf_html_is(n, "script")) {
        if (nf_html_attr_has(n, "type", "application/ld+json")) {
            xmlChar *json = xmlNodeGetContent(n);
            if (json)
                t->rc = nf_jsonld_scan(&t->jsonld, t->jsonld_body, (const char *)json,
                                       strlen((const char *)json));
            xmlFree(json);
        }
        return 0;
    } else if (nf_html_is(n, "style") || nf_html_is(n, "svg")) {
        return 0; /* an SVG <title> is no page title */
    }
    return 1;
}

/* "Headline | Site", "Headline - Site" ... -> "Headline", when Site is the
 * page's own site name. */
static void strip_site_suffix(char *title, const char *site)
{
    static const char *const seps[] = {
        " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ",
        " :: ", " \xe2\x80\xa2 ",
    };
    if (!title || !site)
        return;
    size_t tl = strlen(title), sl = strlen(site);
    if (tl <= sl || strcasecmp(title + tl - sl, site) != 0)
        return;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        size_t pl = strlen(seps[i]);
        if (tl > sl + pl && memcmp(title + tl - sl - pl, seps[i], pl) == 0) {
            title[tl - sl - pl] = '\0';
            return;
        }
    }
}

static int take_first(char **dst, char **a, char **b, char **c)
{
    char **order[] = {a, b, c};
    for (size_t i = 0; i < 3; i++) {
        if (order[i] && *order[i]) {
            *dst = *order[i];
            *order[i] = NULL;
            return 1;
        }
    }
    return 0;
}

/* The first candidate that reads as a date, normalised (a page may carry
 * a broken article:published_time and a good JSON-LD datePublished). */
static char *pick_date(char *const cands[], size_t n)
{
    char *date = NULL;
    for (size_t i = 0; i < n && !date; i++)
        date = nf_date_normalise(cands[i]);
    return date;
}

/* A relative canonical link ("/tech/a.html") is made absolute against
 * og:url when the page gives one. */
static int resolve_canonical(page_tags *t)
{
    if (!t->canonical || strstr(t->canonical, "://") || !t->og_url)
        return NF_OK;
    xmlChar *abs = xmlBuildURI((const xmlChar *)t->canonical,
                               (const xmlChar *)t->og_url);
    if (abs) {
        free(t->canonical);
        t->canonical = strdup((const char *)abs);
        xmlFree(abs);
        if (!t->canonical)
            return nf_set_error(NF_ENOMEM, "out of memory");
    }
    return NF_OK;
}

static void free_tags(page_tags *t)
{
    char *fields[] = {t->og_title, t->title, t->h1, t->og_site_name,
                      t->canonical, t->og_url, t->published_time,
                      t->itemprop_published, t->meta_author, t->article_author};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(fields[i]);
    nf_meta_free(&t->jsonld);
}

int nf_html_metadata(nf_meta *out, nf_buf *jsonld_body, xmlDoc *doc)
{
    /* OUT starts empty (nf_html_extract's own). */
    page_tags t;
    memset(&t, 0, sizeof t);
    t.jsonld_body = jsonld_body;
    nf_html_walk(xmlDocGetRootElement(doc), collect, NULL, &t);
    if (t.rc == NF_OK)
        t.rc = resolve_canonical(&t);
    if (t.rc) {
        free_tags(&t);
        return t.rc;
    }
    /* An article:author that is a profile URL names nobody. */
    if (t.article_author && strstr(t.article_author, "://")) {
        free(t.article_author);
        t.article_author = NULL;
    }
    take_first(&out->source, &t.og_site_name, &t.jsonld.source, NULL);
    if (!take_first(&out->title, &t.og_title, &t.jsonld.title, &t.title))
        take_first(&out->title, &t.h1, NULL, NULL);
    strip_site_suffix(out->title, out->source);
    take_first(&out->url, &t.canonical, &t.og_url, &t.jsonld.url);
    take_first(&out->author, &t.meta_author, &t.jsonld.author, &t.article_author);
    char *const dates[] = {t.published_time, t.jsonld.published, t.itemprop_published};
    out->published = pick_date(dates, sizeof dates / sizeof dates[0]);
    free_tags(&t);
    return NF_OK;
}
