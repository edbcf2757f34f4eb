/* Shared by the libFuzzer targets in tests/fuzz: where the source tree is
 * (so a target finds the default schema when run by hand, outside meson
 * test) and the default schema, loaded once per process. */
#ifndef NF_FUZZ_COMMON_H
#define NF_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "schema/nf_schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* NF_SOURCE_ROOT from the environment, else the tree the target was built
 * from (NF_FUZZ_SOURCE_ROOT, set by tests/fuzz/meson.build). */
static inline const char *nf_fuzz_source_root(void)
{
    const char *root = getenv("NF_SOURCE_ROOT");
    return root && root[0] ? root : NF_FUZZ_SOURCE_ROOT;
}

/* The default schema (schema/ of the source tree); aborts if it does not
 * load, since then every input would be "interesting" for the wrong reason. */
static inline const nf_schema *nf_fuzz_default_schema(void)
{
    static nf_schema *schema;
    if (!schema) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/schema", nf_fuzz_source_root());
        if (nf_schema_load(&schema, dir) != 0) {
            fprintf(stderr, "fuzz: cannot load the default schema %s\n", dir);
            abort();
        }
    }
    return schema;
}

#endif
