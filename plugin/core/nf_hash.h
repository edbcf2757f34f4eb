/* Internal: content digests (article hashes, schema ids). */
#ifndef NF_HASH_H
#define NF_HASH_H

#include <stddef.h>

/* OUT receives 32 lower-case hex digits and a NUL: the canonical
 * (big-endian) form of XXH3's 128-bit hash of DATA.  Not cryptographic: it
 * tells changed content apart, it does not resist forgery. */
void nf_hash128_hex(char out[33], const void *data, size_t len);

#endif
