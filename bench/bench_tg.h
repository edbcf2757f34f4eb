/* What the stock-TermGenerator baseline puts in a document for one record:
 * the same free text newsfacet indexes (docs/index-layout.md), with none of
 * its analysis -- the title under S, a position gap of 100, then the title
 * and body unprefixed (headline first, as newsfacet's text is), stems by
 * STEM_SOME, english. */
#ifndef BENCH_TG_H
#define BENCH_TG_H

#include <newsfacet/nf_xapian.h>

#include "bench_records.h"

/* Index R's text into DOC with TG (set_document included). */
int bench_tg_text(nf_xtermgen *tg, nf_xdoc *doc, const bench_record *r);

/* The text, the unique term Q<id> and Omega-style document data. */
int bench_tg_document(nf_xtermgen *tg, nf_xdoc *doc, const bench_record *r);

/* Bytes of text a record gives (title + body), for MB/s. */
size_t bench_tg_text_bytes(const bench_record *r);

#endif
