/* Internal: gazetteers, the schema's lists of named things (company, cloud,
 * model, outlet, or any list an admin adds) with their spellings and the
 * rules that tell a name from a common word.  Loaded from
 * SCHEMA/gazetteers/ *.yaml; the format is documented in schema/README.md.
 *
 * Ids and list names returned here point into the gazetteer and live as
 * long as it does. */
#ifndef NF_GAZETTEER_H
#define NF_GAZETTEER_H

#include <stddef.h>

#include "core/nf_buf.h"

struct nf_gazetteer;

/* Load every gazetteers/ *.yaml file of SCHEMA_DIR (sorted by name).  A
 * schema without a gazetteers/ folder gets an empty gazetteer.  Errors are
 * NF_ESCHEMA "file:line: what is wrong". */
int nf_gazetteer_load(struct nf_gazetteer **out, const char *schema_dir);
void nf_gazetteer_free(struct nf_gazetteer *g);

/* Lists: how many, the I-th name (sorted), whether LIST exists. */
size_t nf_gazetteer_nlists(const struct nf_gazetteer *g);
const char *nf_gazetteer_list_name(const struct nf_gazetteer *g, size_t i);
int nf_gazetteer_has_list(const struct nf_gazetteer *g, const char *list);
/* Entries in LIST (0 for an unknown list). */
size_t nf_gazetteer_list_size(const struct nf_gazetteer *g, const char *list);

/* The id of the entry of LIST whose name or one of whose aliases is NAME
 * (compared as word units, case-insensitively, without context rules:
 * "The Information", "the information" and "The-Information" are one), or
 * NULL. */
const char *nf_gazetteer_find_by_name(const struct nf_gazetteer *g, const char *list,
                                      const char *name);

/* The id of the entry of LIST owning the web domain of HOST
 * ("www.reuters.com", "uk.reuters.com" -> the entry with domain
 * reuters.com), or NULL. */
const char *nf_gazetteer_find_by_domain(const struct nf_gazetteer *g, const char *list,
                                        const char *host);

/* The display name of LIST:ID, or NULL. */
const char *nf_gazetteer_display_name(const struct nf_gazetteer *g, const char *list,
                                      const char *id);

/* Append a human-readable report: entries and aliases per list, then
 * duplicate aliases and aliases shared by two entries of one list. */
int nf_gazetteer_summary(nf_buf *out, const struct nf_gazetteer *g);

/* How many conflicting aliases (one alias, two ids of one list) there are. */
size_t nf_gazetteer_nconflicts(const struct nf_gazetteer *g);

#endif
