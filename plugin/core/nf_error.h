/* Internal: recording the thread's last error (read with nf_errmsg()). */
#ifndef NF_ERROR_H
#define NF_ERROR_H

#include <newsfacet/nf_status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Record STATUS with a printf-style message; returns STATUS so callers can
 * write `return nf_set_error(NF_EINVAL, "...")`. */
int nf_set_error(int status, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prepend context to the current message: "CONTEXT: old message". */
int nf_wrap_error(int status, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void nf_clear_error(void);

#ifdef __cplusplus
}
#endif

#endif
