/* Internal: amounts of money and percentages in article text.
 *
 * What counts as an amount is data, not code: schema/money.yaml lists the
 * currency markers ("$", "US$", "EUR", "dollars" ...) with their ISO 4217
 * codes, scale words ("billion", "bn", "crore"), written numbers, percent
 * words, qualifiers ("more than"), vague phrases that are not values
 * ("tens of billions", "billion-dollar"), range connectors, and a dated
 * table of USD rates.  nf_money_conf_load() reads it once per schema.
 *
 * The scanner is a single left-to-right pass: it only stops at bytes that
 * can start an amount (digits, the first bytes of currency markers and of
 * number words) and looks a bounded distance ahead, so it is linear in the
 * text length.
 *
 * Spans: each amount's [start, end) covers its own surface form: the
 * currency marker, the number, scale words, a trailing currency word or the
 * percent word ("US$1.5 trillion", "1.2 billion dollars", "20 per cent").
 * Qualifiers ("more than") are reported in nf_amount.qualifier but are not
 * part of the span.  A range gives two amounts with their own spans, even
 * when a unit is written only once: "$10 to 13 billion" gives "$10" (read
 * as 10e9 USD) and "13 billion" (13e9 USD); "20-25%" gives "20" (20%) and
 * "25%" (25%).  nf_amounts_find() keeps every occurrence; identical values
 * are merged later, when facet values are assembled.
 */
#ifndef NF_MONEY_H
#define NF_MONEY_H

#include <stddef.h>

#include "nf_analysis.h"

struct nf_money_conf;

/* Load SCHEMA_DIR/money.yaml.  A malformed file gives NF_ESCHEMA with
 * "PATH:LINE: what is wrong"; a missing one NF_ENOTFOUND. */
int nf_money_conf_load(struct nf_money_conf **out, const char *schema_dir);
/* The same from an explicit file path (tests, tools). */
int nf_money_conf_load_file(struct nf_money_conf **out, const char *path);
void nf_money_conf_free(struct nf_money_conf *conf);

/* The schema loader's call: load S->dir/money.yaml.  The file is required
 * when a facet is fed from money or percent; otherwise a missing file
 * leaves *OUT NULL (no amounts are looked for). */
int nf_money_schema_load(struct nf_money_conf **out, const nf_schema *s);

/* One line for `newsfacet schema check`: what money.yaml holds. */
struct nf_buf;
int nf_money_summary(struct nf_buf *b, const struct nf_money_conf *conf);

/* The rate date the conversion uses: money.yaml's rate_date, or the newest
 * row of the rate table ("YYYY-MM-DD"). */
const char *nf_money_rate_date(const struct nf_money_conf *conf);

/* USD per one unit of CURRENCY (ISO code) from the newest table row dated
 * on or before DATE ("YYYY-MM-DD"; NULL = the configured rate date) that
 * lists the currency.  USD is always 1.  NF_ENOTFOUND when no such row. */
int nf_money_usd_rate(double *out, const struct nf_money_conf *conf,
                      const char *currency, const char *date);

/* Every amount and percentage in TEXT[0, LEN) (UTF-8, need not be
 * NUL-terminated), in text order.  *OUT is malloc'ed (NULL when *N is 0)
 * and the caller frees it.  Pure: no state besides CONF. */
int nf_amounts_scan(nf_amount **out, size_t *n, const struct nf_money_conf *conf,
                    const char *text, size_t len);

/* Pipeline stage: append the amounts of a->article->text to a->amounts,
 * using a->schema->money.  A schema without money.yaml finds nothing. */
int nf_amounts_find(nf_analysis *a);

/* "more_than", "about" ... as written in money.yaml ("" for none). */
const char *nf_qualifier_name(nf_qualifier q);

#endif
