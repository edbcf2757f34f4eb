/* Parsing HTML with libxml2, and walking the tree it gives. */
#include "read/nf_html_internal.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

static void drop_structured(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

static void drop_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void init_libxml(void)
{
    xmlInitParser();
}

static xmlDoc *parse_silently(const char *data, size_t len,
                              const char *encoding, int options)
{
    if (len > INT_MAX)
        return NULL;
    /* libxml2 2.9 must be initialised once before threads parse at the
     * same time (indexing reads articles on several threads). */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_libxml);
    /* Real pages are full of errors libxml2 would print to stderr even
     * with NOERROR (encoding and I/O messages take the generic path).  The
     * handlers are per thread in libxml2, so swapping them here is safe
     * and they are put back for the host. */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, drop_generic);
    xmlSetStructuredErrorFunc(NULL, drop_structured);
    xmlDoc *doc = htmlReadMemory(data, (int)len, NULL, encoding,
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
        HTML_PARSE_NONET | HTML_PARSE_COMPACT | options);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return doc;
}

xmlDoc *nf_html_parse(const char *utf8, size_t len)
{
    /* The bytes were made valid UTF-8 before: a <meta charset> naming
     * another encoding must not make libxml2 decode them again. */
    return parse_silently(utf8, len, "UTF-8", HTML_PARSE_IGNORE_ENC);
}

xmlDoc *nf_html_parse_declared(const char *raw, size_t len)
{
    xmlDoc *doc = parse_silently(raw, len, NULL, 0);
    const char *enc = doc ? (const char *)doc->encoding : NULL;
    if (enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0)
        return doc;
    xmlFreeDoc(doc);
    return NULL;
}

void nf_html_walk(xmlNode *root, int (*enter)(xmlNode *n, void *ud),
                  void (*leave)(xmlNode *n, void *ud), void *ud)
{
    xmlNode *n = root;
    if (!n)
        return;
    for (;;) {
        if (enter(n, ud) && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (leave)
                leave(n, ud);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

int nf_html_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const char *nf_html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcasecmp((const char *)a->name, name) != 0)
            continue;
        /* The HTML parser gives a value one text node; anything else
         * (no value at all, as in <div hidden>) reads as "". */
        const xmlNode *v = a->children;
        return v && v->type == XML_TEXT_NODE && !v->next && v->content
            ? (const char *)v->content : "";
    }
    return NULL;
}

int nf_html_attr_has(const xmlNode *n, const char *name, const char *token)
{
    const char *p = nf_html_attr(n, name);
    size_t t = strlen(token);
    while (p && *p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if ((size_t)(p - start) == t && strncasecmp(start, token, t) == 0)
            return 1;
    }
    return 0;
}
