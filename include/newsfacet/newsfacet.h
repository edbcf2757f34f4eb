/* newsfacet: umbrella header for the public C API. */
#ifndef NEWSFACET_H
#define NEWSFACET_H

#include <newsfacet/nf_version.h>
#include <newsfacet/nf_status.h>
#include <newsfacet/nf_xapian.h>

#endif
