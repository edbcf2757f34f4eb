#include "nf_hash.h"

#include <xxhash.h>

void nf_hash128_hex(char out[33], const void *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    XXH128_canonical_t canon;
    /* The canonical form fixes the byte order, so digests stored in one
     * database compare equal across machines. */
    XXH128_canonicalFromHash(&canon, XXH3_128bits(len ? data : "", len));
    for (size_t i = 0; i < sizeof canon.digest; i++) {
        out[2 * i] = hex[canon.digest[i] >> 4];
        out[2 * i + 1] = hex[canon.digest[i] & 15];
    }
    out[32] = '\0';
}
