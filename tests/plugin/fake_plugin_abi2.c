/* A plugin from the future (ABI major 2): hosts built for ABI 1 must
 * refuse it with a clear message instead of calling into it. */
#include <newsfacet/nf_plugin.h>

static const nf_plugin_descriptor future = {
    .abi_major = 2,
    .abi_minor = 0,
    .struct_size = sizeof(nf_plugin_descriptor),
    .name = "newsfacet",
    .version = "2.0.0",
    .api = NULL,
};

__attribute__((visibility("default"))) const nf_plugin_descriptor *newsfacet_plugin_entry(void)
{
    return &future;
}
