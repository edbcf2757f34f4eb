/* Outlet ids from names, hosts and URLs (see nf_outlet_id.h). */
#include "nf_outlet_id.h"
#include "nf_gazetteer.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

int nf_outlet_kebab(char **out, const char *name)
{
    *out = NULL;
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &folded,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                          UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (n < 0) {
        /* Invalid UTF-8: fall back to the ASCII letters and digits. */
        folded = (utf8proc_uint8_t *)strdup(name);
        if (!folded)
            return nf_set_error(NF_ENOMEM, "out of memory making an outlet id");
        n = (utf8proc_ssize_t)strlen(name);
    }
    char *id = malloc((size_t)n + 1);
    if (!id) {
        free(folded);
        return nf_set_error(NF_ENOMEM, "out of memory making an outlet id");
    }
    size_t len = 0;
    int sep = 0;
    utf8proc_ssize_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &c);
        if (k <= 0) {
            i++;
            continue;
        }
        i += k;
        if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC)
            continue; /* "Barron's" -> barrons */
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (sep && len)
                id[len++] = '-';
            sep = 0;
            id[len++] = (char)c;
        } else if (c >= 'A' && c <= 'Z') {
            if (sep && len)
                id[len++] = '-';
            sep = 0;
            id[len++] = (char)(c - 'A' + 'a');
        } else {
            sep = 1; /* spaces, punctuation and letters outside ASCII */
        }
    }
    id[len] = '\0';
    free(folded);
    if (!len) {
        free(id);
        return NF_OK;
    }
    *out = id;
    return NF_OK;
}

int nf_outlet_id(char **out, const struct nf_gazetteer *g, const char *list, const char *name)
{
    *out = NULL;
    const char *known = g ? nf_gazetteer_find_by_name(g, list, name) : NULL;
    if (known) {
        if (!(*out = strdup(known)))
            return nf_set_error(NF_ENOMEM, "out of memory copying an outlet id");
        return NF_OK;
    }
    return nf_outlet_kebab(out, name);
}

const char *nf_outlet_by_host(const struct nf_gazetteer *g, const char *list, const char *host)
{
    if (!g || !host || !*host)
        return NULL;
    /* The gazetteer matches sub-domains itself; walking up the labels here
     * as well keeps "edition.cnn.com" working whatever it does. */
    for (const char *h = host; h && *h; ) {
        const char *id = nf_gazetteer_find_by_domain(g, list, h);
        if (id)
            return id;
        const char *dot = strchr(h, '.');
        if (!dot || !strchr(dot + 1, '.'))
            break;
        h = dot + 1;
    }
    return NULL;
}

int nf_url_host(char **out, const char *url)
{
    *out = NULL;
    if (!url)
        return NF_OK;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : (url[0] == '/' && url[1] == '/' ? url + 2 : url);
    const char *at = NULL;
    const char *e = p;
    while (*e && *e != '/' && *e != '?' && *e != '#') {
        if (*e == '@')
            at = e;
        e++;
    }
    if (at)
        p = at + 1;
    const char *colon = memchr(p, ':', (size_t)(e - p));
    if (colon)
        e = colon;
    if (e == p || !memchr(p, '.', (size_t)(e - p)))
        return NF_OK;
    char *h = strndup(p, (size_t)(e - p));
    if (!h)
        return nf_set_error(NF_ENOMEM, "out of memory reading a URL host");
    for (char *c = h; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    size_t n = strlen(h);
    if (n && h[n - 1] == '.')
        h[n - 1] = '\0';
    *out = h;
    return NF_OK;
}

/* Second-level labels under which country domains register names
 * ("example.co.uk", "example.com.au"). */
static int generic_second_level(const char *s, size_t n)
{
    static const char *const v[] = {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or",
                                    "go"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i]) == n && strncmp(v[i], s, n) == 0)
            return 1;
    return 0;
}

int nf_host_site_name(char **out, const char *host)
{
    *out = NULL;
    if (!host)
        return NF_OK;
    /* Labels from the right: TLD, then the registered name (or a generic
     * second level such as "co" before it). */
    const char *labels[64];
    size_t lens[64], n = 0;
    const char *s = host;
    while (*s && n < 64) {
        const char *d = strchr(s, '.');
        size_t len = d ? (size_t)(d - s) : strlen(s);
        labels[n] = s;
        lens[n++] = len;
        if (!d)
            break;
        s = d + 1;
    }
    if (n < 2)
        return NF_OK;
    size_t pick = n - 2;
    if (n >= 3 && lens[n - 1] == 2 && generic_second_level(labels[n - 2], lens[n - 2]))
        pick = n - 3;
    char *name = strndup(labels[pick], lens[pick]);
    if (!name)
        return nf_set_error(NF_ENOMEM, "out of memory reading a host name");
    int rc = nf_outlet_kebab(out, name);
    free(name);
    return rc;
}
