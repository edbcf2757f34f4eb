/* The body text of an HTML page.
 *
 * Boilerplate is left out first: structural elements (script, style, nav,
 * header, footer, aside, form, ...), hidden ones, ARIA landmarks of page
 * chrome, and elements whose class or id carries a boilerplate hint from
 * reader.yaml (cookie banners, related-article teasers, share bars...).  A
 * hinted element that holds more than half of the page's text is kept all
 * the same: that is a wrapper with an unlucky class name ("has-share-bar"),
 * not a banner.
 *
 * The body is then the largest [itemprop=articleBody], else the largest
 * <article>, else the largest <main>; else (or when that holds less than
 * half of the text of the densest block) the densest block: the element
 * with the most paragraph text directly below it, paragraphs that are
 * mostly links (menus, teaser lists) not counted, widened to its parent
 * when that holds comparable paragraph text of its own.
 *
 * Every pass walks the tree once, so the cost is linear in the page. */
#include "read/nf_html_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/nf_error.h"
#include "read/nf_reader_conf.h"
#include "read/nf_utf8_clean.h"

typedef struct node_stat {
    size_t text;       /* non-space bytes of kept text below */
    size_t link;       /* of which inside <a> */
    size_t score;      /* paragraph text directly below */
    unsigned char skip;
    unsigned char chrome;  /* is_chrome(), kept for the second pass */
    unsigned char has_block;
} node_stat;

typedef struct body_scan {
    node_stat *st;
    size_t n, cap;
    const struct nf_reader_conf *conf; /* NULL: no hints applied */
    size_t page_text;                  /* text of the page, structural skips only */
    int first_pass;
    int rc;
} body_scan;

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* Page chrome by its element alone. */
static const char *const structural[] = {
    "head", "script", "style", "noscript", "template", "nav", "header",
    "footer", "aside", "form", "button", "select", "textarea", "input",
    "iframe", "svg", "canvas", "object", "embed", "video", "audio",
    "dialog", "menu", NULL};

/* Elements that start a new line. */
static const char *const blocks[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center",
    "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", NULL};

/* Blocks that hold text themselves rather than other blocks. */
static const char *const paragraphs[] = {
    "p", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "dl", "li", "figcaption", "address", NULL};

/* ARIA roles of page chrome. */
static const char *const chrome_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search",
    "dialog", "alertdialog", NULL};

static int is_block(const xmlNode *n)
{
    return in_list((const char *)n->name, blocks);
}

static int attr_in_list(const xmlNode *n, const char *attr,
                        const char *const *list)
{
    for (; *list; list++)
        if (nf_html_attr_has(n, attr, *list))
            return 1;
    return 0;
}

static int is_chrome(const xmlNode *n)
{
    if (in_list((const char *)n->name, structural))
        return 1;
    if (nf_html_attr(n, "hidden") ||
        nf_html_attr_has(n, "aria-hidden", "true"))
        return 1;
    return attr_in_list(n, "role", chrome_roles);
}

static int has_hint(const body_scan *s, const xmlNode *n)
{
    static const char *const exempt[] = {"html", "body", "main", "article", NULL};
    if (in_list((const char *)n->name, exempt) ||
        nf_html_attr_has(n, "itemprop", "articleBody"))
        return 0;
    return nf_reader_conf_is_boilerplate(s->conf, nf_html_attr(n, "class")) ||
           nf_reader_conf_is_boilerplate(s->conf, nf_html_attr(n, "id"));
}

static node_stat *stat_of(body_scan *s, const xmlNode *n)
{
    return &s->st[(uintptr_t)n->_private - 1];
}

static size_t visible_bytes(const xmlChar *text)
{
    size_t n = 0;
    for (const xmlChar *p = text; p && *p; p++)
        n += !nf_is_space(*p);
    return n;
}

static int measure_enter(xmlNode *n, void *ud)
{
    body_scan *s = ud;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->parent && n->parent->type == XML_ELEMENT_NODE) {
            size_t v = visible_bytes(n->content);
            node_stat *p = stat_of(s, n->parent);
            p->text += v;
            p->score += v;
        }
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE || s->rc)
        return 0;
    if (s->first_pass) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? 2 * s->cap : 256;
            node_stat *st = realloc(s->st, cap * sizeof *st);
            if (!st) {
                s->rc = nf_set_error(NF_ENOMEM, "out of memory reading an HTML page");
                return 0;
            }
            s->st = st;
            s->cap = cap;
        }
        n->_private = (void *)(uintptr_t)++s->n;
    }
    node_stat *st = stat_of(s, n);
    unsigned char chrome = s->first_pass ? (unsigned char)is_chrome(n) : st->chrome;
    memset(st, 0, sizeof *st);
    st->chrome = st->skip = chrome;
    return !chrome;
}

static void measure_leave(xmlNode *n, void *ud)
{
    body_scan *s = ud;
    if (n->type != XML_ELEMENT_NODE || s->rc)
        return;
    node_stat *st = stat_of(s, n);
    if (st->skip)
        return;
    if (nf_html_is(n, "a"))
        st->link = st->text;
    if (s->conf && st->text * 2 <= s->page_text && has_hint(s, n)) {
        st->skip = 1;
        return;
    }
    if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
        return;
    node_stat *p = stat_of(s, n->parent);
    p->text += st->text;
    p->link += st->link;
    int block = is_block(n);
    size_t own = st->text - st->link;
    if (!block && !st->has_block)
        p->score += own; /* inline: part of the parent's paragraph */
    else if (block && (!st->has_block || in_list((const char *)n->name, paragraphs)) &&
             st->link * 2 < st->text)
        p->score += own; /* a paragraph that is not mostly links */
    if (block || st->has_block)
        p->has_block = 1;
}

typedef struct body_pick {
    body_scan *s;
    xmlNode *article_body, *article, *main, *densest;
} body_pick;

static void keep_larger(body_pick *p, xmlNode **best, xmlNode *n)
{
    if (!*best || stat_of(p->s, n)->text > stat_of(p->s, *best)->text)
        *best = n;
}

static int pick_enter(xmlNode *n, void *ud)
{
    body_pick *p = ud;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    node_stat *st = stat_of(p->s, n);
    if (st->skip)
        return 0;
    if (st->text > 0) {
        if (nf_html_attr_has(n, "itemprop", "articleBody"))
            keep_larger(p, &p->article_body, n);
        else if (nf_html_is(n, "article"))
            keep_larger(p, &p->article, n);
        else if (nf_html_is(n, "main"))
            keep_larger(p, &p->main, n);
    }
    if (st->score > 0 && (!p->densest || st->score > stat_of(p->s, p->densest)->score))
        p->densest = n;
    return 1;
}

/* Writing text out: white space collapsed, one block per line. */
typedef struct body_out {
    body_scan *s;
    nf_buf *out;
    int space, newline;  /* pending separators */
    int pre;             /* depth inside <pre> */
    int rc;
} body_out;

static void put_text(body_out *o, const xmlChar *p)
{
    while (*p && o->rc == NF_OK) {
        if (nf_is_space(*p)) {
            if (o->pre && *p == '\n')
                o->newline = 1;
            else
                o->space = 1;
            p++;
            continue;
        }
        const xmlChar *start = p;
        while (*p && !nf_is_space(*p))
            p++;
        if (o->out->len && (o->newline || o->space))
            o->rc = nf_buf_putc(o->out, o->newline ? '\n' : ' ');
        o->newline = o->space = 0;
        if (o->rc == NF_OK)
            o->rc = nf_buf_append(o->out, (const char *)start, (size_t)(p - start));
    }
}

static int out_enter(xmlNode *n, void *ud)
{
    body_out *o = ud;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            put_text(o, n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE || stat_of(o->s, n)->skip || o->rc)
        return 0;
    if (nf_html_is(n, "br") || is_block(n))
        o->newline = 1;
    if (nf_html_is(n, "pre"))
        o->pre++;
    return 1;
}

static void out_leave(xmlNode *n, void *ud)
{
    body_out *o = ud;
    if (n->type != XML_ELEMENT_NODE || stat_of(o->s, n)->skip)
        return;
    if (is_block(n))
        o->newline = 1;
    if (nf_html_is(n, "pre"))
        o->pre--;
}

static int forget_enter(xmlNode *n, void *ud)
{
    (void)ud;
    n->_private = NULL; /* it belongs to whoever holds the tree next */
    return n->type == XML_ELEMENT_NODE;
}

/* The text may be split between the densest block and an ancestor
 * (paragraphs loose beside a wrapper, markup the parser had to repair):
 * go up to an ancestor that holds at least half as much paragraph text of
 * its own, looking through a few levels of wrappers without text (table
 * rows, layout divs). */
#define WIDEN_LEVELS 3

static xmlNode *widen(body_scan *s, xmlNode *n)
{
    xmlNode *up = n->parent;
    for (int level = 0; up && up->type == XML_ELEMENT_NODE && level < WIDEN_LEVELS;
         level++, up = up->parent) {
        if (stat_of(s, up)->score * 2 >= stat_of(s, n)->score) {
            n = up;
            level = -1; /* look on from the new block */
        }
    }
    return n;
}

int nf_html_body_text(nf_buf *out, xmlDoc *doc,
                      const struct nf_reader_conf *conf)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return NF_OK;
    body_scan s;
    memset(&s, 0, sizeof s);
    s.first_pass = 1;
    nf_html_walk(root, measure_enter, measure_leave, &s);
    if (s.rc == NF_OK && conf && conf->n_boilerplate_hints) {
        /* Again, now that the page's text is known, with the hints. */
        s.first_pass = 0;
        s.conf = conf;
        s.page_text = stat_of(&s, root)->text;
        nf_html_walk(root, measure_enter, measure_leave, &s);
    }
    int rc = s.rc;
    if (rc == NF_OK && !stat_of(&s, root)->skip) {
        body_pick p = {&s, NULL, NULL, NULL, NULL};
        nf_html_walk(root, pick_enter, NULL, &p);
        xmlNode *pick = p.article_body ? p.article_body
                      : p.article ? p.article : p.main;
        if (p.densest && (!pick ||
            stat_of(&s, pick)->text * 2 < stat_of(&s, p.densest)->score))
            pick = widen(&s, p.densest);
        if (pick) {
            body_out o = {&s, out, 0, 0, 0, NF_OK};
            nf_html_walk(pick, out_enter, out_leave, &o);
            rc = o.rc;
        }
    }
    nf_html_walk(root, forget_enter, NULL, NULL);
    free(s.st);
    return rc;
}
