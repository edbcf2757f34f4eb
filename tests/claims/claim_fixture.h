/* Test support: an nf_analysis built by hand from a short text, so the
 * claims module can be tested on its own.  Words are cut at anything that
 * is not a letter, digit or inner apostrophe; sentences end at ". ", "! ",
 * "? " or a newline.  Mentions come from a table of surface words given by
 * the test; "$N [billion|million|bn|trillion]" is money and "N%" percent. */
#ifndef CLAIM_FIXTURE_H
#define CLAIM_FIXTURE_H

#include "analyse/nf_analysis.h"

typedef struct fixture_entity {
    const char *surface;   /* one or more words, case-insensitive */
    const char *list;
    const char *id;
} fixture_entity;

/* Fill A (zeroed first) from TEXT; ENTS ends with a {NULL} entry. */
void fixture_build(nf_analysis *a, const char *text, const fixture_entity *ents);
void fixture_free(nf_analysis *a);

/* The default test gazetteer: the companies, clouds and models the default
 * claims refer to. */
extern const fixture_entity fixture_default_entities[];

#endif
