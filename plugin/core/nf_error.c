/* The thread's last error.  Thread-local rather than per-handle so that a
 * constructor that fails (and so returns no handle) can still explain why;
 * nothing here is shared between threads or between schemas. */
#include "nf_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NF_ERRMSG_MAX 1024

static _Thread_local char errmsg[NF_ERRMSG_MAX];
static _Thread_local int errcode;

int nf_set_error(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errmsg, sizeof errmsg, fmt, ap);
    va_end(ap);
    errcode = status;
    return status;
}

int nf_wrap_error(int status, const char *fmt, ...)
{
    char prefix[NF_ERRMSG_MAX], old[NF_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, errmsg, sizeof old);
    /* Built by hand: the two parts together may exceed the buffer, and the
     * end of the old message is what gets cut. */
    size_t n = strlen(prefix);
    memcpy(errmsg, prefix, n + 1);
    if (old[0] && n + 2 < sizeof errmsg) {
        memcpy(errmsg + n, ": ", 3);
        n += 2;
        size_t m = strlen(old);
        if (m > sizeof errmsg - 1 - n)
            m = sizeof errmsg - 1 - n;
        memcpy(errmsg + n, old, m);
        errmsg[n + m] = '\0';
    }
    errcode = status;
    return status;
}

void nf_clear_error(void)
{
    errmsg[0] = '\0';
    errcode = NF_OK;
}

NF_API const char *nf_errmsg(void)
{
    return errmsg;
}

NF_API int nf_errcode(void)
{
    return errcode;
}

NF_API const char *nf_status_name(int status)
{
    switch (status) {
    case NF_OK: return "NF_OK";
    case NF_ERROR: return "NF_ERROR";
    case NF_ENOMEM: return "NF_ENOMEM";
    case NF_EINVAL: return "NF_EINVAL";
    case NF_ENOTFOUND: return "NF_ENOTFOUND";
    case NF_EIO: return "NF_EIO";
    case NF_EINPUT: return "NF_EINPUT";
    case NF_ESCHEMA: return "NF_ESCHEMA";
    case NF_EQUERY: return "NF_EQUERY";
    case NF_EDB_OPENING: return "NF_EDB_OPENING";
    case NF_EDB_LOCKED: return "NF_EDB_LOCKED";
    case NF_EDB_CORRUPT: return "NF_EDB_CORRUPT";
    case NF_EDB_MODIFIED: return "NF_EDB_MODIFIED";
    case NF_EDB_VERSION: return "NF_EDB_VERSION";
    case NF_ETOOLONG: return "NF_ETOOLONG";
    case NF_ENETWORK: return "NF_ENETWORK";
    case NF_EABI: return "NF_EABI";
    }
    return "NF_UNKNOWN";
}
