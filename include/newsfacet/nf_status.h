/* newsfacet: status codes and the library's error message.
 *
 * Every fallible function returns an int status (NF_OK on success) and
 * writes its results through out-parameters.  When a call fails, the
 * library keeps a human-readable message for the calling thread, owned by
 * the library, until the next failing call on that thread: read it with
 * nf_errmsg().  Messages name the file, line, record or database concerned.
 */
#ifndef NF_STATUS_H
#define NF_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NF_BUILDING_LIBRARY) && defined(__GNUC__)
#define NF_API __attribute__((visibility("default")))
#else
#define NF_API
#endif

typedef enum nf_status {
    NF_OK = 0,
    NF_ERROR = -1,          /* unclassified failure */
    NF_ENOMEM = -2,         /* out of memory */
    NF_EINVAL = -3,         /* bad argument from the caller */
    NF_ENOTFOUND = -4,      /* no such file, database, document or key */
    NF_EIO = -5,            /* read or write failed (disk full, permissions) */
    NF_EINPUT = -6,         /* an input article or record is malformed */
    NF_ESCHEMA = -7,        /* a schema file is malformed */
    NF_EQUERY = -8,         /* a search query is malformed */
    NF_EDB_OPENING = -9,    /* a database could not be opened */
    NF_EDB_LOCKED = -10,    /* another writer holds the database lock */
    NF_EDB_CORRUPT = -11,   /* the database or stub file is corrupt */
    NF_EDB_MODIFIED = -12,  /* the database changed under a reader: reopen */
    NF_EDB_VERSION = -13,   /* database format or schema version mismatch */
    NF_ETOOLONG = -14,      /* a term or key exceeds Xapian's limit */
    NF_ENETWORK = -15,      /* a remote database could not be reached */
    NF_EABI = -16           /* plugin ABI mismatch */
} nf_status;

/* The message of the last failed call on this thread ("" if none). */
NF_API const char *nf_errmsg(void);

/* The status of the last failed call on this thread (NF_OK if none). */
NF_API int nf_errcode(void);

/* A short constant name for a status code, such as "NF_EDB_LOCKED". */
NF_API const char *nf_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif
