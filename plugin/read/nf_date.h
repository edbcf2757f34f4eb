/* Internal: publication dates to ISO 8601. */
#ifndef NF_DATE_H
#define NF_DATE_H

/* A newly allocated ISO 8601 form of TEXT: "YYYY-MM-DD" for a date alone,
 * "YYYY-MM-DDTHH:MM:SS" plus "Z" or "+HH:MM" when a time (and zone) is
 * given.  Understands ISO 8601 and RFC 3339 timestamps, "YYYY/MM/DD",
 * RFC 2822 ("Tue, 03 Jun 2025 14:00:00 GMT") and English written dates
 * ("June 3, 2025", "3 June 2025").  NULL when TEXT is none of these (or
 * when out of memory): an unknown date is no error. */
char *nf_date_normalise(const char *text);

#endif
