/* newsfacet serve: the search page's files, from the web directory only.
 * Paths are checked after libmicrohttpd has decoded them, so "%2e%2e"
 * arrives as ".." and is refused like the plain form. */
#include "serve_http.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *content_type(const char *path)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(dot, types[i][0]))
            return types[i][1];
    return NULL;
}

/* Letters, digits, '-', '_', '/' and single dots inside names: no "..",
 * no hidden files, no backslashes, no percent signs left undecoded. */
static int safe_path(const char *p)
{
    if (p[0] != '/' || strlen(p) > 200)
        return 0;
    for (const char *c = p; *c; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '/' ||
                 *c == '.';
        if (!ok)
            return 0;
        if (*c == '.' && (c[-1] == '/' || c[1] == '.'))
            return 0;
    }
    return 1;
}

enum MHD_Result serve_static(serve_app *app, struct MHD_Connection *c, const char *path)
{
    if (!strcmp(path, "/"))
        path = "/index.html";
    const char *type = content_type(path);
    if (!safe_path(path) || !type)
        return serve_reply_error(c, MHD_HTTP_NOT_FOUND, "not found");
    char file[4096];
    if (snprintf(file, sizeof file, "%s%s", app->config->web_dir, path) >= (int)sizeof file)
        return serve_reply_error(c, MHD_HTTP_NOT_FOUND, "not found");
    int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return serve_reply_error(c, MHD_HTTP_NOT_FOUND, "not found");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    /* The page needs nothing from elsewhere: no CDN, no inline script. */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; "
                            "style-src 'self'; script-src 'self'; "
                            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}
