/* Internal: exact facet counts from Xapian's ValueCountMatchSpy.  Each
 * facet's slot holds a document's values joined by '|' (so the stock
 * xapian-tcpsrv, which only knows built-in spies, can count them); the
 * spy counts those joined strings and this module splits and sums them. */
#ifndef NF_FACET_COUNTS_H
#define NF_FACET_COUNTS_H

#include <stddef.h>
#include <stdint.h>
#include <newsfacet/nf_xapian.h>

typedef struct nf_value_count {
    char *value;
    unsigned count;
} nf_value_count;

typedef struct nf_facet_counts {
    nf_value_count *v;
    size_t n, cap;
} nf_facet_counts;

/* Add every value of the spy's joined strings.  MONTHS: the slot holds
 * YYYYMMDD dates, counted per "YYYY-MM". */
int nf_facet_counts_from_spy(nf_facet_counts *fc, nf_xspy *spy, int months);

/* Add VALUES[id] with COUNTS[id] for every id under N counted at least
 * once (the values of one facet column, see nf_facet_columns.h). */
int nf_facet_counts_from_ids(nf_facet_counts *fc, const char *const *values,
                             const uint32_t *counts, uint32_t n);

/* Order by count (descending) then value, then keep those counted at least
 * MIN_COUNT times, at most TOP_K of them (0: all). */
void nf_facet_counts_finish(nf_facet_counts *fc, unsigned top_k, unsigned min_count,
                            int by_value);

void nf_facet_counts_free(nf_facet_counts *fc);

#endif
