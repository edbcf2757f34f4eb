/* Internal to the HTML reader: small helpers over libxml2's tree. */
#ifndef NF_HTML_INTERNAL_H
#define NF_HTML_INTERNAL_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/nf_buf.h"
#include "read/nf_meta.h"

struct nf_reader_conf;

/* Parse UTF-8 HTML leniently, offline and silently (libxml2's messages are
 * dropped, never printed).  NULL when nothing could be made of it. */
xmlDoc *nf_html_parse(const char *utf8, size_t len);

/* Parse RAW bytes (not valid UTF-8) in the encoding the page declares
 * (<meta charset="windows-1252">...), as nf_html_parse does otherwise.
 * NULL when the page declares none or declares UTF-8: then its invalid
 * bytes are errors, to be repaired before nf_html_parse. */
xmlDoc *nf_html_parse_declared(const char *raw, size_t len);

/* Visit the tree under ROOT in document order without recursion (page
 * nesting depth is the author's choice, the C stack's size is not).
 * ENTER returns non-zero to visit a node's children; LEAVE (may be NULL)
 * is called after them, also for nodes whose children were not visited. */
void nf_html_walk(xmlNode *root, int (*enter)(xmlNode *n, void *ud),
                  void (*leave)(xmlNode *n, void *ud), void *ud);

/* Non-zero when N is an element called NAME (libxml2's HTML parser gives
 * lower-case names). */
int nf_html_is(const xmlNode *n, const char *name);

/* The value of attribute NAME of N (ASCII case ignored), not copied: ""
 * for an attribute without a value, NULL when N has no such attribute. */
const char *nf_html_attr(const xmlNode *n, const char *name);

/* Non-zero when attribute NAME of N holds the white-space separated TOKEN
 * (ASCII case ignored), as in rel="canonical" or itemprop="articleBody". */
int nf_html_attr_has(const xmlNode *n, const char *name, const char *token);

/* Metadata from <title>, <meta>, <link rel=canonical>, JSON-LD and the
 * first <h1>, resolved by the precedence rules of nf_html_extract. */
int nf_html_metadata(nf_meta *out, nf_buf *jsonld_body, xmlDoc *doc);

/* Append the article's body text to OUT: one paragraph per line, white
 * space collapsed, boilerplate left out.  CONF may be NULL. */
int nf_html_body_text(nf_buf *out, xmlDoc *doc,
                      const struct nf_reader_conf *conf);

/* Fill the unset fields of OUT from the first JSON-LD article object in
 * JSON (a <script type="application/ld+json"> text), and BODY, when still
 * empty, from its articleBody.  Text that is not JSON or holds no article
 * is ignored. */
int nf_jsonld_scan(nf_meta *out, nf_buf *body, const char *json, size_t len);

/* The whole HTML reader: metadata into META and body text into BODY,
 * from a parsed page or from UTF-8 text. */
int nf_html_read_doc(nf_meta *meta, nf_buf *body, xmlDoc *doc,
                     const struct nf_reader_conf *conf);
int nf_html_extract(nf_meta *meta, nf_buf *body, const char *utf8,
                    size_t len, const struct nf_reader_conf *conf);

#endif
