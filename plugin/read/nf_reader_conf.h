/* Internal: the reader's admin-editable data (schema/reader.yaml). */
#ifndef NF_READER_CONF_H
#define NF_READER_CONF_H

#include <stddef.h>

#include "core/nf_buf.h"
#include "read/nf_read.h"

struct nf_reader_conf {
    char **boilerplate_hints;  /* lower-case words, see reader.yaml */
    size_t n_boilerplate_hints;
};

/* Non-zero when a hint of CONF (may be NULL: never) begins a word of
 * VALUE, a class or id attribute: "cookie" matches "cookie-banner",
 * "site-cookies" and "CookieNotice", not "fortunecookie". */
int nf_reader_conf_is_boilerplate(const struct nf_reader_conf *conf,
                                  const char *value);

/* One line for `newsfacet schema check`: how many hints CONF holds. */
int nf_reader_conf_summary(nf_buf *out, const struct nf_reader_conf *conf);

#endif
