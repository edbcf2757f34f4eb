/* Parsing HTML with libxml2, and walking the tree it gives. */
#include "read/nf_html_internal.h"

#include <ctype.h>
#include <limits.h>
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

xmlDoc *nf_html_parse(const char *utf8, size_t len)
{
    if (len > INT_MAX)
        return NULL;
    xmlInitParser();
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
    /* The bytes were made valid UTF-8 before: a <meta charset> naming
     * another encoding must not make libxml2 decode them again. */
    xmlDoc *doc = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
        HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return doc;
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

int nf_html_attr_has(const xmlNode *n, const char *name, const char *token)
{
    xmlChar *value = xmlGetProp(n, (const xmlChar *)name);
    if (!value)
        return 0;
    size_t t = strlen(token);
    int found = 0;
    for (const char *p = (const char *)value; *p && !found;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        found = (size_t)(p - start) == t && strncasecmp(start, token, t) == 0;
    }
    xmlFree(value);
    return found;
}
