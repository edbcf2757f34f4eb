/* Compatibility test: a stub file with a "remote" line, served by stock
 * xapian-tcpsrv, read through the wrapper -- documents, search and a
 * ValueCountMatchSpy counted on the server side, as the search side does
 * with facets (docs/index-layout.md).  Skipped if xapian-tcpsrv is
 * missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <newsfacet/nf_xapian.h>

#include "xtest_tmp.h"

#define TCPSRV "/usr/bin/xapian-tcpsrv"

static const char *dir;
static char dbpath[256], localpath[256];
static pid_t server = -1;
static int port;

/* A port that was free a moment ago (the kernel's choice). */
static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int p = -1;
    if (bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(s, (struct sockaddr *)&a, &len) == 0)
        p = ntohs(a.sin_port);
    close(s);
    return p;
}

static int can_connect(int p)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return 0;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)p);
    int ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

/* DB with N documents; document i has host value HOSTS[i % 2]. */
static int make_db(const char *path, int n, const char *tag)
{
    static const char *hosts[2] = {"example.com", "other.org"};
    nf_xdb *w = NULL;
    if (nf_xdb_open_writable(&w, path, NF_XDB_CREATE | NF_XDB_NO_SYNC))
        return -1;
    for (int i = 0; i < n; i++) {
        nf_xdoc *doc = NULL;
        char q[32];
        int len = snprintf(q, sizeof q, "Q%s%d", tag, i);
        if (nf_xdoc_new(&doc) ||
            nf_xdoc_add_boolean_term(doc, q, (size_t)len) ||
            nf_xdoc_add_posting(doc, "news", 4, 1, 1) ||
            nf_xdoc_set_value(doc, 3, hosts[i % 2], strlen(hosts[i % 2])) ||
            nf_xdoc_set_data(doc, q, (size_t)len) ||
            nf_xdb_add_document(NULL, w, doc))
            return -1;
        nf_xdoc_free(doc);
    }
    int rc = nf_xdb_commit(w);
    nf_xdb_free(w);
    return rc;
}

static int group_teardown(void **state)
{
    (void)state;
    if (server > 0) {
        kill(server, SIGTERM);
        waitpid(server, NULL, 0);
        server = -1;
    }
    int rc = dir ? xtest_rmtree(dir) : 0;
    dir = NULL;
    return rc;
}

/* Build the databases and start the server; on failure, undo it all
 * (cmocka does not run the group teardown after a failed setup). */
static int group_setup(void **state)
{
    if (access(TCPSRV, X_OK) != 0)
        return 0;   /* each test skips */
    dir = xtest_mkdtemp();
    if (!dir)
        return -1;
    xtest_path(dbpath, sizeof dbpath, dir, "served");
    xtest_path(localpath, sizeof localpath, dir, "local");
    port = free_port();
    if (make_db(dbpath, 5, "r") || make_db(localpath, 2, "l") || port <= 0) {
        group_teardown(state);
        return -1;
    }
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    server = fork();
    if (server == 0) {
        /* Its own process group: on SIGTERM the server signals its whole
         * group (its connection children), which must not include us. */
        setpgid(0, 0);
        /* Quiet: it reports the probe connections dropped below. */
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(126);
        execl(TCPSRV, TCPSRV, "--quiet", "--interface", "127.0.0.1",
              "--port", portstr, dbpath, (char *)NULL);
        _exit(127);
    }
    /* Wait (up to 5 s) until it listens. */
    for (int i = 0; server > 0 && i < 250; i++) {
        if (can_connect(port))
            return 0;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    group_teardown(state);
    return -1;
}

struct counts {
    char value[4][32];
    unsigned count[4];
    size_t n;
};

static int collect_count(void *vctx, const char *value, size_t len,
                         unsigned count)
{
    struct counts *c = vctx;
    if (c->n == 4 || len >= 32)
        return -1;
    memcpy(c->value[c->n], value, len);
    c->value[c->n][len] = '\0';
    c->count[c->n++] = count;
    return 0;
}

static void remote_stub_searches_with_spy(void **state)
{
    (void)state;
    if (!dir)
        skip();
    char stub[256], text[600];
    xtest_path(stub, sizeof stub, dir, "remote.stub");
    /* The served database and a local one, in one stub. */
    snprintf(text, sizeof text, "remote 127.0.0.1:%d\nauto %s\n", port,
             localpath);
    assert_int_equal(xtest_write_file(stub, text), 0);

    nf_xdb *db = NULL;
    assert_int_equal(nf_xdb_open(&db, stub), NF_OK);
    unsigned n = 0;
    assert_int_equal(nf_xdb_doccount(db, &n), NF_OK);
    assert_int_equal(n, 7);
    /* Two shards, one of them remote: the searcher must count with spies. */
    int local = -1;
    unsigned shards = 0;
    assert_int_equal(nf_xdb_is_local(db, &local), NF_OK);
    assert_int_equal(local, 0);
    assert_int_equal(nf_xdb_shards(db, &shards), NF_OK);
    assert_int_equal(shards, 2);
    nf_docid did = 0;
    assert_int_equal(nf_xdb_find_document(&did, db, "Qr3"), NF_OK);
    nf_xdoc *doc = NULL;
    assert_int_equal(nf_xdb_get_document(&doc, db, did), NF_OK);
    const char *data = NULL;
    assert_int_equal(nf_xdoc_get_data(&data, NULL, doc), NF_OK);
    assert_string_equal(data, "Qr3");
    nf_xdoc_free(doc);

    nf_xquery *q = NULL;
    nf_xenquire *enq = NULL;
    nf_xspy *spy = NULL;
    nf_xmset *ms = NULL;
    assert_int_equal(nf_xquery_term(&q, "news"), NF_OK);
    assert_int_equal(nf_xenquire_new(&enq, db), NF_OK);
    assert_int_equal(nf_xenquire_set_query(enq, q), NF_OK);
    assert_int_equal(nf_xspy_new_valuecount(&spy, 3), NF_OK);
    assert_int_equal(nf_xenquire_add_spy(enq, spy), NF_OK);
    assert_int_equal(nf_xenquire_get_mset(&ms, enq, 0, 3, n), NF_OK);
    assert_int_equal(nf_xmset_size(ms), 3);
    unsigned total = 0;
    assert_int_equal(nf_xspy_total(spy, &total), NF_OK);
    assert_int_equal(total, 7);
    struct counts c = {0};
    assert_int_equal(nf_xspy_values(spy, collect_count, &c), NF_OK);
    assert_int_equal(c.n, 2);
    /* Served: r0 r2 r4 example.com, r1 r3 other.org; local: l0, l1. */
    assert_string_equal(c.value[0], "example.com");
    assert_int_equal(c.count[0], 4);
    assert_string_equal(c.value[1], "other.org");
    assert_int_equal(c.count[1], 3);
    nf_xmset_free(ms);
    nf_xspy_free(spy);
    nf_xenquire_free(enq);
    nf_xquery_free(q);
    nf_xdb_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(remote_stub_searches_with_spy),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
