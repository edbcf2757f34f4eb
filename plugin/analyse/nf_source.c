/* The article's publisher, from metadata first, then credit lines. */
#include "nf_source.h"
#include "nf_attribution.h"
#include "nf_gazetteer.h"
#include "nf_outlet_id.h"
#include "core/nf_error.h"

#include <stdlib.h>
#include <string.h>

/* "reuters.com", "www.ft.com": a metadata name that is really a host. */
static int looks_like_host(const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot || !dot[1] || strchr(s, ' '))
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-'))
            return 0;
    return 1;
}

static int set_copy(nf_analysis *a, const char *id)
{
    if (!(a->source = strdup(id)))
        return nf_set_error(NF_ENOMEM, "out of memory setting the source");
    return NF_OK;
}

/* Metadata names often carry more than the name: "Reuters | Breaking
 * International News", "TechCrunch - Startup and Technology News".  Try the
 * whole name, then its part before a separator. */
static int from_metadata_name(nf_analysis *a, const struct nf_gazetteer *g, const char *list,
                              const char *name)
{
    const char *known = g ? nf_gazetteer_find_by_name(g, list, name) : NULL;
    if (!known && g && looks_like_host(name)) {
        char *host = strdup(name);
        if (!host)
            return nf_set_error(NF_ENOMEM, "out of memory reading the source");
        for (char *c = host; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        known = nf_outlet_by_host(g, list, host);
        if (!known) {
            int rc = nf_host_site_name(&a->source, host);
            free(host);
            return rc;
        }
        free(host);
    }
    if (known)
        return set_copy(a, known);
    /* "Technology News | Reuters": a part the gazetteer knows, else the
     * first part. */
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ": ",
                                       " \xc2\xb7 "};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        const char *first_sep = strstr(name, seps[i]);
        if (!first_sep || first_sep == name)
            continue;
        size_t seplen = strlen(seps[i]);
        for (const char *part = name; part;) {
            const char *e = strstr(part, seps[i]);
            char *piece = strndup(part, e ? (size_t)(e - part) : strlen(part));
            if (!piece)
                return nf_set_error(NF_ENOMEM, "out of memory reading the source");
            const char *id = g ? nf_gazetteer_find_by_name(g, list, piece) : NULL;
            free(piece);
            if (id)
                return set_copy(a, id);
            part = e ? e + seplen : NULL;
        }
        char *head = strndup(name, (size_t)(first_sep - name));
        if (!head)
            return nf_set_error(NF_ENOMEM, "out of memory reading the source");
        int rc = nf_outlet_id(&a->source, g, list, head);
        free(head);
        return rc;
    }
    return nf_outlet_id(&a->source, g, list, name);
}

int nf_source_find(nf_analysis *a)
{
    if (!a)
        return nf_set_error(NF_EINVAL, "source: no analysis");
    free(a->source);
    a->source = NULL;
    const nf_schema *schema = a->schema;
    const struct nf_gazetteer *g = schema ? schema->gazetteer : NULL;
    const char *list = nf_attribution_outlet_list(schema ? schema->attribution : NULL);
    const nf_article *art = a->article;

    if (art && art->source) {
        const char *name = art->source;
        while (*name == ' ' || *name == '\t')
            name++;
        if (*name) {
            int rc = from_metadata_name(a, g, list, name);
            if (rc || a->source)
                return rc;
        }
    }
    char *host = NULL;
    int rc = nf_url_host(&host, art ? art->url : NULL);
    if (rc)
        return rc;
    const char *known = nf_outlet_by_host(g, list, host);
    if (known) {
        rc = set_copy(a, known);
        free(host);
        return rc;
    }
    rc = nf_attribution_credit(&a->source, a);
    if (!rc && !a->source && host)
        rc = nf_host_site_name(&a->source, host);
    free(host);
    return rc;
}
