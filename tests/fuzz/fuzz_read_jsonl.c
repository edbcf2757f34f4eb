/* libFuzzer target: the JSONL reader (nf_read_memory with NF_FORMAT_JSONL)
 * with the default schema's reader.yaml.  Every article must be valid,
 * NUL-free UTF-8 of the length it claims; every rejection must say why. */
#include "fuzz_common.h"
#include "fuzz_read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return nf_fuzz_read(data, size, NF_FORMAT_JSONL);
}
