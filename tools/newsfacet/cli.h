/* The newsfacet command: shared helpers of the subcommands. */
#ifndef NF_CLI_H
#define NF_CLI_H

#include <stdio.h>
#include "schema/nf_schema.h"

/* Exit statuses of every subcommand. */
enum { NF_EXIT_OK = 0, NF_EXIT_PARTIAL = 1, NF_EXIT_USAGE = 2 };

typedef int (*nf_cmd_fn)(int argc, char **argv);

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);   /* tools/serve/ */

/* The schema directory: --schema, else $NEWSFACET_SCHEMA, else the one
 * this build ships. */
const char *cli_schema_dir(const char *option);

/* Load a schema, printing the library's message on failure. */
nf_schema *cli_load_schema(const char *dir);

/* Reader options with the schema's boilerplate hints (reader.yaml). */
#include "read/nf_read.h"
nf_read_opts cli_read_opts(const nf_schema *schema);

/* "newsfacet: PATH[:LINE]: message" on stderr, for an input that failed. */
void cli_input_error(const char *path, unsigned long line, const char *message);

/* Read every article of INPUTS[0..N) with the schema's reader settings,
 * analyse it with SCHEMA and hand the analysis to FN (which must not keep
 * it).  Inputs and articles that fail are named on stderr.  Returns how
 * many failed. */
struct nf_analysis;
typedef void (*cli_analysis_fn)(void *ctx, const struct nf_analysis *a);
long cli_each_analysis(const nf_schema *schema, char **inputs, int n,
                       cli_analysis_fn fn, void *ctx);

/* "newsfacet: message" on stderr. */
void cli_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Print the usage error and return NF_EXIT_USAGE. */
int cli_usage(const char *usage, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

double cli_now(void);

#endif
