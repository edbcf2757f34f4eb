/* Internal: numbers as terms, so that a range query matches a document
 * when ANY of its numbers lies in the range (a value slot holds one number
 * per document, which cannot do that for multi-valued facets).
 *
 * A number becomes a non-negative integer key (money in US cents, percent
 * in thousandths) of D significant hex digits (D = 1 for 0).  The document
 * gets PREFIX + the class letter 'a' + D - 1 (all D-digit keys), and
 * PREFIX + that letter + the first L hex digits for every L in 1..D: a
 * trie with fan-out 16 per class, D + 1 terms (20% is "XPERCENT#d4e20"
 * and its 4 coarser blocks; layout 1 wrote 16 terms for every number,
 * mostly constant runs of leading zeros).  A range is tiled exactly by
 * whole classes and, in the classes at its ends, by at most 2 x 15 terms
 * per level.  Works through the stock
 * xapian-tcpsrv, since these are ordinary terms. */
#ifndef NF_NUMBER_TERMS_H
#define NF_NUMBER_TERMS_H

#include <stdint.h>
#include <newsfacet/nf_xapian.h>

#define NF_NUMBER_KEY_MAX ((uint64_t)1 << 60)

/* SCALE: 100 for money (cents), 1000 for percent.  Negative values and
 * NaN map to 0, huge ones to NF_NUMBER_KEY_MAX. */
uint64_t nf_number_key(double value, double scale);

/* The key scale of a number facet: 100 (cents) for money, 1000 for others. */
#include "schema/nf_schema.h"
double nf_number_scale(const nf_facet_def *facet);

/* Add the 16 trie terms of KEY under PREFIX. */
int nf_number_terms_add(nf_xdoc *doc, const char *prefix, uint64_t key);

/* A query (OR of trie terms) matching keys in [lo, hi]; *out is NULL-free.
 * An empty range (lo > hi) gives a query matching nothing. */
int nf_number_range_query(nf_xquery **out, const char *prefix,
                          uint64_t lo, uint64_t hi);

#endif
