/* Reading runs: files, directories, memory; formats and input checks. */
#include "read/nf_read_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_utf8_clean.h"

void nf_read_reject(nf_read_run *run, const char *path, unsigned long line,
                    int status, const char *fmt, ...)
{
    if (!run->on_error)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    run->on_error(run->ctx, path, line, status, msg);
}

void nf_read_release(nf_read_run *run, const char *upto)
{
    if (!run->mapped || upto < run->mapped || upto > run->mapped + run->mapped_len)
        return;
    long page = sysconf(_SC_PAGESIZE);
    size_t end = (size_t)(upto - run->mapped);
    if (page > 0)
        end -= end % (size_t)page;
    if (end <= run->released)
        return;
    /* A private read-only file mapping: dropped pages read back as the
     * file's bytes if touched again, so this cannot change what is read. */
    (void)madvise((void *)(run->mapped + run->released), end - run->released,
                  MADV_DONTNEED);
    run->released = end;
}

int nf_read_deliver(nf_read_run *run, nf_article *a)
{
    return run->on_article(run->ctx, a);
}

/* Unknown extension: '<' first is HTML, '{' is JSON Lines, else text. */
static nf_format sniff(const char *data, size_t len)
{
    size_t i = nf_utf8_bom_len(data, len);
    while (i < len && nf_is_space(data[i]))
        i++;
    if (i < len && data[i] == '<')
        return NF_FORMAT_HTML;
    if (i < len && data[i] == '{')
        return NF_FORMAT_JSONL;
    return NF_FORMAT_TEXT;
}

static void reject_too_large(nf_read_run *run, const char *path, size_t len)
{
    nf_read_reject(run, path, 0, NF_EINPUT,
                   "%zu bytes, larger than the limit of %zu", len, run->max_bytes);
}

/* Count a JSON Lines collection's bad bytes a few megabytes at a time,
 * giving each part's pages back once counted: a mapped file's pages count
 * towards the process's memory, and a 500 MB collection read whole for the
 * check made the indexer's peak the size of its input.  Parts end after a
 * newline, which no UTF-8 sequence contains, so the counts add up to those
 * of one pass. */
static int count_released(nf_read_run *run, const char *data, size_t len, nf_clean_stats *st)
{
    const size_t part = 4u << 20;
    size_t at = 0;
    while (at < len) {
        size_t end = len - at > part ? at + part : len;
        if (end < len) {
            const char *nl = memchr(data + end, '\n', len - end);
            end = nl ? (size_t)(nl - data) + 1 : len;
        }
        int rc = nf_utf8_clean(NULL, data + at, end - at, st);
        if (rc)
            return rc;
        nf_read_release(run, data + end);
        at = end;
    }
    return NF_OK;
}

int nf_read_input(nf_read_run *run, const char *path, const char *data,
                  size_t len, nf_format format)
{
    if (format == NF_FORMAT_AUTO)
        format = sniff(data, len);
    /* A JSON Lines file is a collection: its limit is per record. */
    if (format != NF_FORMAT_JSONL && len > run->max_bytes) {
        reject_too_large(run, path, len);
        return NF_OK;
    }
    if (nf_utf8_is_blank(data, len)) {
        nf_read_reject(run, path, 0, NF_EINPUT, "empty file");
        return NF_OK;
    }
    /* One pass both repairs and counts (JSON Lines: counts only). */
    nf_clean_stats st = {0, 0, 0, 0};
    nf_buf text = NF_BUF_INIT;
    int rc = format == NF_FORMAT_JSONL ? count_released(run, data, len, &st)
                                       : nf_utf8_clean(&text, data, len, &st);
    if (rc == NF_OK && nf_clean_is_binary(&st)) {
        nf_read_reject(run, path, 0, NF_EINPUT,
                       "binary file: %zu of its %zu bytes are NULs, control "
                       "bytes or invalid UTF-8", st.nul + st.control + st.invalid,
                       st.bytes);
    } else if (rc == NF_OK) {
        const char *t = text.data ? text.data : "";
        switch (format) {
        case NF_FORMAT_HTML:
            rc = nf_read_html(run, path, data, len, t, text.len, st.invalid > 0);
            break;
        case NF_FORMAT_JSONL:
            /* The check above went through the whole collection. */
            nf_read_release(run, data + len);
            run->released = 0;
            rc = nf_read_jsonl(run, path, data, len);
            break;
        case NF_FORMAT_TEXT:
        case NF_FORMAT_AUTO:
            rc = nf_read_text(run, path, data, len, t, text.len);
            break;
        }
    }
    nf_buf_free(&text);
    return rc;
}

/* PATH cannot be read (WHAT: "read", "list the directory").  TOP: the
 * caller named PATH, so that is the call's error; else PATH is one bad
 * input among many. */
static int unreadable(nf_read_run *run, const char *path, int top,
                      const char *what, int err)
{
    int status = err == ENOENT ? NF_ENOTFOUND : NF_EIO;
    if (top)
        return nf_set_error(status, "%s: cannot %s: %s", path, what, strerror(err));
    nf_read_reject(run, path, 0, status, "cannot %s: %s", what, strerror(err));
    return NF_OK;
}

static int read_file(nf_read_run *run, const char *path, int top)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        return unreadable(run, path, top, "read", err);
    }
    nf_format format = nf_format_from_path(path);
    size_t len = (size_t)sb.st_size;
    if (format != NF_FORMAT_JSONL && format != NF_FORMAT_AUTO && len > run->max_bytes) {
        close(fd); /* not worth reading */
        reject_too_large(run, path, len);
        return NF_OK;
    }
    /* Mapped, not copied: the readers go through the bytes once or twice
     * in order, and a large JSON Lines collection need not fit in memory
     * twice. */
    const char *data = "";
    void *map = NULL;
    if (len > 0) {
        map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            int err = errno;
            close(fd);
            return unreadable(run, path, top, "read", err);
        }
        data = map;
    }
    close(fd);
    run->mapped = map;
    run->mapped_len = len;
    run->released = 0;
    int rc = nf_read_input(run, path, data, len, format);
    run->mapped = NULL;
    if (map)
        munmap(map, len);
    return rc;
}

static int not_hidden(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Byte order, not the locale's collation: runs must not depend on it. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int read_dir(nf_read_run *run, const char *path, int top)
{
    struct dirent **list = NULL;
    int n = scandir(path, &list, not_hidden, by_name);
    if (n < 0)
        return unreadable(run, path, top, "list the directory", errno);
    int rc = NF_OK;
    size_t plen = strlen(path);
    int slash = plen > 0 && path[plen - 1] == '/';
    nf_buf child = NF_BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (rc == NF_OK) {
            nf_buf_clear(&child);
            rc = nf_buf_printf(&child, "%s%s%s", path, slash ? "" : "/",
                               list[i]->d_name);
        }
        struct stat sb;
        if (rc != NF_OK) {
            /* stopped: only the list is left to free */
        } else if (lstat(child.data, &sb) != 0) {
            rc = unreadable(run, child.data, 0, "read", errno);
        } else if (S_ISDIR(sb.st_mode)) {
            rc = read_dir(run, child.data, 0);
        } else if (S_ISLNK(sb.st_mode) && stat(child.data, &sb) == 0 &&
                   S_ISDIR(sb.st_mode)) {
            /* Links to directories are not followed: they can make cycles. */
        } else if (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)) {
            rc = read_file(run, child.data, 0);
        } else {
            nf_read_reject(run, child.data, 0, NF_EINPUT,
                           "not a regular file or directory");
        }
        free(list[i]);
    }
    free(list);
    nf_buf_free(&child);
    return rc;
}

static int start_run(nf_read_run *run, const nf_read_opts *opts,
                     nf_article_cb on_article, nf_input_error_cb on_error,
                     void *ctx)
{
    if (!on_article)
        return nf_set_error(NF_EINVAL, "reading articles: no article callback given");
    if (opts && opts->version != NF_READ_OPTS_VERSION)
        return nf_set_error(NF_EINVAL, "reading articles: nf_read_opts version %d, expected %d",
                            opts->version, NF_READ_OPTS_VERSION);
    run->max_bytes = opts && opts->max_article_bytes ? opts->max_article_bytes
                                                     : NF_READ_DEFAULT_MAX_ARTICLE_BYTES;
    run->conf = opts ? opts->conf : NULL;
    run->on_article = on_article;
    run->on_error = on_error;
    run->ctx = ctx;
    run->mapped = NULL;
    run->mapped_len = run->released = 0;
    return NF_OK;
}

/* Readers return non-zero to stop: a positive value from the article
 * callback is a plain stop, which is no failure. */
static int run_result(int rc)
{
    return rc > 0 ? NF_OK : rc;
}

int nf_read_path(const char *path, const nf_read_opts *opts,
                 nf_article_cb on_article, nf_input_error_cb on_error,
                 void *ctx)
{
    nf_read_run run;
    int rc = start_run(&run, opts, on_article, on_error, ctx);
    if (rc)
        return rc;
    if (!path || !path[0])
        return nf_set_error(NF_EINVAL, "reading articles: no path given");
    struct stat sb;
    if (stat(path, &sb) != 0)
        return unreadable(&run, path, 1, "read", errno);
    if (S_ISDIR(sb.st_mode))
        return run_result(read_dir(&run, path, 1));
    if (!S_ISREG(sb.st_mode))
        return nf_set_error(NF_EIO, "%s: not a regular file or directory", path);
    return run_result(read_file(&run, path, 1));
}

int nf_read_memory(const char *data, size_t len, nf_format format,
                   const char *name, const nf_read_opts *opts,
                   nf_article_cb on_article, nf_input_error_cb on_error,
                   void *ctx)
{
    nf_read_run run;
    int rc = start_run(&run, opts, on_article, on_error, ctx);
    if (rc)
        return rc;
    if (!data && len)
        return nf_set_error(NF_EINVAL, "reading articles: no data given");
    if (format != NF_FORMAT_TEXT && format != NF_FORMAT_HTML &&
        format != NF_FORMAT_JSONL && format != NF_FORMAT_AUTO)
        return nf_set_error(NF_EINVAL, "reading articles: unknown format %d", (int)format);
    return run_result(nf_read_input(&run, name ? name : "<memory>",
                                    data ? data : "", len, format));
}
