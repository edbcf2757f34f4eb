/* newsfacet serve: dlopen the plugin and refuse one built for another ABI.
 * The server uses nothing but the descriptor's function table. */
#include "serve_plugin.h"

#include <dlfcn.h>
#include <string.h>

int serve_plugin_load(serve_plugin *p, const char *path, char *why, size_t n)
{
    memset(p, 0, sizeof *p);
    p->so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!p->so) {
        snprintf(why, n, "cannot load the plugin: %s", dlerror());
        return -1;
    }
    /* POSIX allows converting dlsym's object pointer to a function pointer;
     * going through a union keeps -Wpedantic quiet. */
    union {
        void *object;
        nf_plugin_entry_fn fn;
    } entry = {dlsym(p->so, NF_PLUGIN_ENTRY_SYMBOL)};
    if (!entry.object) {
        snprintf(why, n, "%s has no %s: not a newsfacet plugin", path, NF_PLUGIN_ENTRY_SYMBOL);
        serve_plugin_unload(p);
        return -1;
    }
    const nf_plugin_descriptor *d = entry.fn();
    char reason[256];
    if (nf_plugin_check(d, reason, sizeof reason) != 0) {
        snprintf(why, n, "%s: %s", path, reason);
        serve_plugin_unload(p);
        return -1;
    }
    p->descriptor = d;
    p->api = d->api;
    return 0;
}

void serve_plugin_unload(serve_plugin *p)
{
    if (p->so)
        dlclose(p->so);
    memset(p, 0, sizeof *p);
}
