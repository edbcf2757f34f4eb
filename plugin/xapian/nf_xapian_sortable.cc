/* Numbers in value slots, encoded so that byte order is numeric order
 * (Xapian::sortable_serialise), as NumberRangeProcessor expects. */
#include "xapian/nf_xapian_internal.h"

NF_API void nf_sortable_serialise(char out[18], size_t *len, double value)
{
    /* sortable_serialise_ writes at most 9 bytes into a caller's buffer and
     * is declared not to throw, so this cannot fail. */
    size_t n = Xapian::sortable_serialise_(value, out);
    if (len)
        *len = n;
}

NF_API double nf_sortable_unserialise(const char *in, size_t len)
{
    if (!in)
        return 0.0;
    try {
        /* Copying into a std::string may throw std::bad_alloc; Xapian's
         * decoding itself does not throw. */
        return Xapian::sortable_unserialise(std::string(in, len));
    } catch (...) {
        return 0.0;
    }
}
