/* newsfacet serve: the plugin, loaded through its ABI with dlopen. */
#ifndef SERVE_PLUGIN_H
#define SERVE_PLUGIN_H

#include <newsfacet/nf_plugin.h>

typedef struct serve_plugin {
    void *so;
    const nf_plugin_descriptor *descriptor;
    const nf_plugin_api *api;
} serve_plugin;

/* Load PATH and check its descriptor (nf_plugin_check); on failure
 * returns -1 with the reason in WHY. */
int serve_plugin_load(serve_plugin *p, const char *path, char *why, size_t n);
void serve_plugin_unload(serve_plugin *p);

#endif
