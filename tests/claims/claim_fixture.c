/* Test support: see claim_fixture.h. */
#include "claim_fixture.h"
#include "analyse/nf_tokenise.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const fixture_entity fixture_default_entities[] = {
    {"microsoft azure", "cloud", "azure"}, {"microsoft azure", "company", "microsoft"},
    {"microsoft", "company", "microsoft"}, {"msft", "company", "microsoft"},
    {"openai", "company", "openai"}, {"open ai", "company", "openai"},
    {"azure", "cloud", "azure"}, {"azure", "company", "microsoft"},
    {"aws", "cloud", "aws"}, {"aws", "company", "amazon"},
    {"amazon web services", "cloud", "aws"}, {"amazon web services", "company", "amazon"},
    {"amazon", "company", "amazon"}, {"google cloud", "cloud", "google-cloud"},
    {"google cloud", "company", "google"}, {"google", "company", "google"},
    {"oracle", "company", "oracle"}, {"coreweave", "company", "coreweave"},
    {"coreweave", "cloud", "coreweave"}, {"anthropic", "company", "anthropic"},
    {"claude", "model", "claude"}, {"claude", "company", "anthropic"},
    {"chatgpt", "model", "chatgpt"}, {"chatgpt", "company", "openai"},
    {"gpt-5", "model", "gpt-5"}, {"phi", "model", "phi"}, {"phi", "company", "microsoft"},
    {"mai", "model", "mai"}, {"mai", "company", "microsoft"},
    {"copilot", "model", "copilot"}, {"copilot", "company", "microsoft"},
    {"mistral ai", "company", "mistral-ai"}, {"meta", "company", "meta"},
    {"llama", "model", "llama"}, {"llama", "company", "meta"}, {"xai", "company", "xai"},
    {"nvidia", "company", "nvidia"}, {"softbank", "company", "softbank"},
    {"reuters", "outlet", "reuters"}, {"bloomberg", "outlet", "bloomberg"},
    {NULL, NULL, NULL}};

static void add_mention(nf_analysis *a, uint32_t first, uint32_t last, const fixture_entity *e)
{
    if (a->nmentions == a->mentions_cap) {
        a->mentions_cap = a->mentions_cap ? a->mentions_cap * 2 : 16;
        a->mentions = realloc(a->mentions, a->mentions_cap * sizeof *a->mentions);
    }
    nf_mention *m = &a->mentions[a->nmentions++];
    m->tok_first = first;
    m->tok_last = last;
    m->start = a->tokens.v[first].start;
    m->end = a->tokens.v[last].end;
    m->list = e->list;
    m->id = e->id;
}

/* How many tokens from T match the words of SURFACE (0: no match). */
static size_t match_surface(const nf_tokens *t, size_t at, const char *surface)
{
    size_t k = 0;
    const char *p = surface;
    while (*p) {
        const char *w = p;
        while (*p && *p != ' ' && *p != '-')
            p++;
        if (at + k >= t->n)
            return 0;
        const char *term = nf_token_term(t, at + k);
        size_t wl = (size_t)(p - w);
        /* a possessive "'s" on the last word still names the entity */
        if (strncmp(term, w, wl) != 0 || (term[wl] && strcmp(term + wl, "'s") != 0))
            return 0;
        k++;
        while (*p == ' ' || *p == '-')
            p++;
    }
    return k;
}

static void add_amount(nf_analysis *a, nf_amount_kind kind, uint32_t start, uint32_t end)
{
    if (a->namounts == a->amounts_cap) {
        a->amounts_cap = a->amounts_cap ? a->amounts_cap * 2 : 8;
        a->amounts = realloc(a->amounts, a->amounts_cap * sizeof *a->amounts);
    }
    nf_amount *m = &a->amounts[a->namounts++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    m->start = start;
    m->end = end;
    if (kind == NF_AMOUNT_MONEY)
        memcpy(m->currency, "USD", 4);
}

void fixture_build(nf_analysis *a, const char *text, const fixture_entity *ents)
{
    memset(a, 0, sizeof *a);
    if (nf_tokenise(&a->tokens, text, strlen(text), NULL))
        abort();
    const nf_tokens *t = &a->tokens;
    for (size_t i = 0; i < t->n;) {
        size_t best = 0;
        for (const fixture_entity *e = ents; e && e->surface; e++) {
            size_t k = match_surface(t, i, e->surface);
            if (k > best)
                best = k;
        }
        if (best) {
            for (const fixture_entity *e = ents; e->surface; e++)
                if (match_surface(t, i, e->surface) == best)
                    add_mention(a, (uint32_t)i, (uint32_t)(i + best - 1), e);
            i += best;
        } else {
            i++;
        }
    }
    for (size_t i = 0; i < t->n; i++) {
        const nf_token *tok = &t->v[i];
        if (tok->start > 0 && text[tok->start - 1] == '$') {
            uint32_t end = tok->end;
            if (i + 1 < t->n) {
                const char *next = nf_token_term(t, i + 1);
                if (!strcmp(next, "billion") || !strcmp(next, "million") ||
                    !strcmp(next, "trillion"))
                    end = t->v[i + 1].end;
            }
            add_amount(a, NF_AMOUNT_MONEY, tok->start - 1, end);
        } else if (text[tok->end] == '%') {
            add_amount(a, NF_AMOUNT_PERCENT, tok->start, tok->end + 1);
        } else if (i + 1 < t->n && !strcmp(nf_token_term(t, i + 1), "percent") &&
                   isdigit((unsigned char)text[tok->start])) {
            add_amount(a, NF_AMOUNT_PERCENT, tok->start, t->v[i + 1].end);
        }
    }
}

void fixture_free(nf_analysis *a)
{
    nf_tokens_free(&a->tokens);
    free(a->mentions);
    free(a->amounts);
    for (size_t i = 0; i < a->nclaims; i++) {
        nf_strset_free(&a->claims[i].cites);
        for (size_t j = 0; j < a->claims[i].nargs; j++)
            free(a->claims[i].args[j].value);
        free(a->claims[i].args);
    }
    free(a->claims);
    memset(a, 0, sizeof *a);
}
