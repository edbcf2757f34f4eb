/* Internal: turning an outlet's name into its id -- the gazetteer's id when
 * the name is a known outlet, else the kebab-case of the name, as the spec
 * says ("The Next Platform" -> the-next-platform). */
#ifndef NF_OUTLET_ID_H
#define NF_OUTLET_ID_H

struct nf_gazetteer;

/* The kebab-case of NAME: letters (accents stripped, lower case) and digits,
 * words joined by '-', apostrophes dropped ("Tom's Hardware" ->
 * toms-hardware).  *OUT is malloc'd, or NULL when NAME has no letter or
 * digit.  Fails only on out-of-memory. */
int nf_outlet_kebab(char **out, const char *name);

/* The id of outlet NAME: the entry of gazetteer list LIST called NAME (G
 * may be NULL), else its kebab-case.  *OUT is malloc'd or NULL. */
int nf_outlet_id(char **out, const struct nf_gazetteer *g, const char *list, const char *name);

/* The id of the outlet publishing on web host HOST ("www.reuters.com"):
 * the gazetteer entry owning the domain, or NULL. */
const char *nf_outlet_by_host(const struct nf_gazetteer *g, const char *list, const char *host);

/* The host of URL ("https://www.ft.com/content/x" -> "www.ft.com"),
 * lower-cased, malloc'd; NULL when URL has none. */
int nf_url_host(char **out, const char *url);

/* A site's name from its host, for outlets nobody listed: the label the
 * domain was registered under ("news.gogoai.xin" -> "gogoai",
 * "www.example.co.uk" -> "example").  Malloc'd or NULL. */
int nf_host_site_name(char **out, const char *host);

#endif
