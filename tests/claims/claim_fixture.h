/* Test support: an nf_analysis built from a short text without the entity
 * and money stages, so the claims module can be tested on its own.  Tokens
 * and sentences come from nf_tokenise; mentions from a table of surface
 * words given by the test; "$N [billion|million|trillion]" is money and
 * "N%" / "N percent" a percentage. */
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
