/* The one place where a C++ exception becomes an nf_status and a message.
 *
 * Messages say what was being done and to which database, then what Xapian
 * said (with the system error, if any), so that a user reading only the
 * message knows which path to look at.  Nothing here allocates: the message
 * is formatted straight into the thread's error buffer, so this also works
 * when the failure was std::bad_alloc. */
#include "xapian/nf_xapian_internal.h"

#include "core/nf_error.h"

#include <cstring>

namespace {

/* Which status a Xapian exception means.  Xapian::Error has no virtual
 * functions (so no dynamic_cast); get_type() names the most derived class,
 * which is what is matched here. */
int status_of(const Xapian::Error &e)
{
    const char *type = e.get_type();
    const std::string &msg = e.get_msg();
    auto is = [type](const char *name) { return std::strcmp(type, name) == 0; };

    if (is("DatabaseLockError"))
        return NF_EDB_LOCKED;
    if (is("DatabaseNotFoundError") || is("DocNotFoundError"))
        return NF_ENOTFOUND;
    if (is("DatabaseVersionError"))
        return NF_EDB_VERSION;
    if (is("DatabaseOpeningError")) {
        /* A stub database file with a line Xapian cannot read is reported
         * as "FILE:LINE: Bad line"; the file is corrupt, not missing. */
        if (msg.find(": Bad line") != std::string::npos)
            return NF_EDB_CORRUPT;
        return NF_EDB_OPENING;
    }
    if (is("DatabaseCreateError"))
        return NF_EDB_OPENING;
    if (is("DatabaseCorruptError"))
        return NF_EDB_CORRUPT;
    if (is("DatabaseModifiedError"))
        return NF_EDB_MODIFIED;
    if (is("DatabaseClosedError"))
        return NF_EINVAL;
    if (is("DatabaseError"))
        /* Block reads and writes that failed: disk full, permissions. */
        return e.get_error_string() ? NF_EIO : NF_ERROR;
    if (is("QueryParserError") || is("WildcardError"))
        return NF_EQUERY;
    if (is("NetworkError") || is("NetworkTimeoutError"))
        return NF_ENETWORK;
    if (is("InvalidArgumentError")) {
        /* "Term too long (> 245): ..." (glass, from add_document) and "Key
         * too long: ..." (metadata keys). */
        if (msg.compare(0, 13, "Term too long") == 0 ||
            msg.compare(0, 12, "Key too long") == 0)
            return NF_ETOOLONG;
        return NF_EINVAL;
    }
    if (is("InvalidOperationError") || is("RangeError"))
        return NF_EINVAL;
    /* AssertionError, UnimplementedError, FeatureUnavailableError,
     * InternalError, SerialisationError and any future class. */
    return NF_ERROR;
}

/* What the user should understand, placed before Xapian's own words. */
const char *gloss_of(int status, const std::string &msg)
{
    switch (status) {
    case NF_ENOTFOUND: return "not found: ";
    case NF_EDB_VERSION: return "unsupported database format: ";
    case NF_EDB_CORRUPT:
        return msg.find(": Bad line") != std::string::npos
            ? "not a database, nor a valid stub database file: "
            : "corrupt: ";
    case NF_EDB_MODIFIED:
        return "it changed while being read (reopen it and retry): ";
    case NF_ENETWORK: return "remote database unreachable: ";
    case NF_EIO: return "I/O error: ";
    default: return "";
    }
}

/* "cannot WHAT database DB" or "cannot WHAT". */
const char *db_word(const char *db)
{
    return db && *db ? " database " : "";
}

/* How much of WHAT to print: callers write "read a value of a document
 * of" expecting a database name; without one the last word goes. */
int what_len(const char *what, const char *db)
{
    size_t n = std::strlen(what);
    if (db && *db)
        return static_cast<int>(n);
    const char *sp = std::strrchr(what, ' ');
    if (sp) {
        const char *w = sp + 1;
        if (!std::strcmp(w, "of") || !std::strcmp(w, "from") ||
            !std::strcmp(w, "to") || !std::strcmp(w, "in"))
            n = static_cast<size_t>(sp - what);
    }
    return static_cast<int>(n);
}


}  // namespace

int nf_xapian_error(const Xapian::Error &e, const char *what, const char *db)
{
    int status = status_of(e);
    const char *sys = e.get_error_string();
    const char *msg = e.get_msg().c_str();
    /* Xapian's messages for term-length errors repeat the whole term. */
    int msglen = status == NF_ETOOLONG ? 80 : 900;

    if (status == NF_EDB_LOCKED)
        return nf_set_error(status,
            "database %s is locked by another indexer (another newsfacet "
            "index or Xapian writer holds it): %.*s", db && *db ? db : "(unnamed)",
            msglen, msg);
    if (status == NF_ERROR || status == NF_EINVAL || status == NF_EDB_OPENING)
        /* The class name carries the meaning here: say it. */
        return nf_set_error(status, "cannot %.*s%s%s: %s: %.*s%s%s%s",
            what_len(what ? what : "", db), what ? what : "", db_word(db), db && *db ? db : "",
            e.get_type(), msglen, msg,
            sys ? " (" : "", sys ? sys : "", sys ? ")" : "");
    return nf_set_error(status, "cannot %.*s%s%s: %s%.*s%s%s%s",
        what_len(what ? what : "", db), what ? what : "", db_word(db), db && *db ? db : "",
        gloss_of(status, e.get_msg()), msglen, msg,
        sys ? " (" : "", sys ? sys : "", sys ? ")" : "");
}

int nf_xapian_nomem(const char *what, const char *db)
{
    return nf_set_error(NF_ENOMEM, "cannot %.*s%s%s: out of memory",
        what_len(what ? what : "", db), what ? what : "", db_word(db), db && *db ? db : "");
}

int nf_xapian_other(const std::exception *e, const char *what, const char *db)
{
    return nf_set_error(NF_ERROR, "cannot %.*s%s%s: unexpected C++ exception%s%s",
        what_len(what ? what : "", db), what ? what : "", db_word(db), db && *db ? db : "",
        e ? ": " : "", e ? e->what() : "");
}

int nf_xapian_null_arg(const char *func, const char *arg)
{
    return nf_set_error(NF_EINVAL, "%s: %s must not be NULL", func, arg);
}
