/* Internal: facet assembly, the last analysis stage. */
#ifndef NF_FACET_VALUES_H
#define NF_FACET_VALUES_H

#include "nf_analysis.h"

/* Fill a->facet_values (one set per schema facet) from mentions, amounts,
 * claims, source and cites. */
int nf_facet_values_assemble(nf_analysis *a);

#endif
