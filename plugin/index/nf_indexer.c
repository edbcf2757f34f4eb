#include "nf_indexer.h"
#include "nf_document.h"
#include "analyse/nf_analysis.h"
#include "analyse/nf_stem.h"
#include "core/nf_buf.h"
#include "core/nf_error.h"

#include <dirent.h>
#include <errno.h>
#include <newsfacet/nf_version.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QUEUE_CAP 64          /* articles waiting for analysis: bounds memory */
#define SHARD_QUEUE_CAP 16    /* built documents waiting per writer (each holds
                                 its terms and positions: ~150 kB) */
#define MAX_SHARDS 256

/* ---- a bounded blocking queue -------------------------------------------- */

typedef struct job {
    nf_article *art;
    char *idterm;
    nf_xdoc *doc;
    int exists;
    struct job *next;
} job;

typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    job *head, *tail;
    size_t len, cap;
    int closed;
} queue;

static void queue_init(queue *q, size_t cap)
{
    q->cap = cap;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    q->head = q->tail = NULL;
    q->len = 0;
    q->closed = 0;
}

static void queue_destroy(queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
}

static void queue_push(queue *q, job *j)
{
    pthread_mutex_lock(&q->mu);
    while (q->len >= q->cap)
        pthread_cond_wait(&q->not_full, &q->mu);
    j->next = NULL;
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
    q->len++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* NULL once the queue is closed and drained. */
static job *queue_pop(queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (!q->head && !q->closed)
        pthread_cond_wait(&q->not_empty, &q->mu);
    job *j = q->head;
    if (j) {
        q->head = j->next;
        if (!q->head)
            q->tail = NULL;
        q->len--;
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->mu);
    return j;
}

static void queue_close(queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* ---- the indexer ---------------------------------------------------------- */

typedef struct shard {
    struct nf_indexer *ix;
    char *path;
    nf_xdb *db;
    queue q;
    pthread_t thread;
    int started;
    unsigned pending;         /* documents written since the last commit */
    int in_txn;               /* a batch transaction is open */
    job *written, *written_tail; /* their jobs, reported once committed */
    int failed;               /* the shard can no longer be written */
    int status;
    char *error;
} shard;

struct nf_indexer {
    const nf_schema *schema;
    char *path;
    unsigned nshards;
    shard *shards;
    queue work;
    pthread_t *workers;
    unsigned nworkers, started_workers;
    unsigned batch_size;
    nf_index_report_cb report;
    void *report_ctx;
    pthread_mutex_t report_mu;
    char *previous_schema;
};

unsigned nf_index_shard_of(const char *id, unsigned shards)
{
    /* FNV-1a: stable across versions and machines, which routing needs. */
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return shards > 1 ? (unsigned)(h % shards) : 0;
}

int nf_index_write_metadata(nf_xdb *db, const nf_schema *s)
{
    int rc = nf_xdb_set_metadata(db, "newsfacet.version", NF_VERSION_STRING);
    if (!rc)
        rc = nf_xdb_set_metadata(db, "newsfacet.layout", NF_LAYOUT_VERSION);
    if (!rc)
        rc = nf_xdb_set_metadata(db, "newsfacet.stemmer", s->language);
    if (!rc)
        rc = nf_xdb_set_metadata(db, "newsfacet.schema", s->id);
    if (!rc)
        rc = nf_xdb_set_metadata(db, "newsfacet.schema_name", s->name ? s->name : "");
    return rc;
}

static void report(nf_indexer *ix, const nf_article *art, nf_index_outcome o,
                   const char *message)
{
    if (!ix->report)
        return;
    pthread_mutex_lock(&ix->report_mu);
    ix->report(ix->report_ctx, art, o, message);
    pthread_mutex_unlock(&ix->report_mu);
}

static void job_free(job *j)
{
    if (!j)
        return;
    nf_article_free(j->art);
    free(j->idterm);
    nf_xdoc_free(j->doc);
    free(j);
}

/* Keep only what reporting needs (id, path, line) of a written article:
 * a batch of 1000 must not hold 1000 texts. */
static void job_strip(job *j)
{
    nf_article *a = j->art;
    free(a->title);
    free(a->url);
    free(a->source);
    free(a->published);
    free(a->author);
    free(a->text);
    a->title = a->url = a->source = a->published = a->author = a->text = NULL;
    a->text_len = 0;
    free(j->idterm);
    j->idterm = NULL;
    nf_xdoc_free(j->doc);
    j->doc = NULL;
}

/* Report the jobs written since the last commit as OUTCOME (their own
 * add/replace outcome when OUTCOME is NF_INDEXED_ADDED) and free them. */
static void report_written(shard *sh, nf_index_outcome outcome)
{
    job *j = sh->written;
    while (j) {
        job *next = j->next;
        nf_index_outcome o = outcome;
        if (o == NF_INDEXED_ADDED && j->exists)
            o = NF_INDEXED_REPLACED;
        report(sh->ix, j->art, o, NULL);
        job_free(j);
        j = next;
    }
    sh->written = sh->written_tail = NULL;
    sh->pending = 0;
}

/* Each batch is one transaction: its documents and the metadata become
 * visible together, or (crash, disk full) not at all.  A transaction also
 * keeps Xapian from committing a failed batch when the handle is freed. */
static int shard_begin(shard *sh)
{
    int rc = nf_xdb_begin_transaction(sh->db, 1);
    if (rc)
        return nf_wrap_error(rc, "starting a batch in %s", sh->path);
    sh->in_txn = 1;
    return NF_OK;
}

static int shard_commit(shard *sh)
{
    int rc = nf_index_write_metadata(sh->db, sh->ix->schema);
    if (!rc)
        rc = sh->in_txn ? nf_xdb_commit_transaction(sh->db) : nf_xdb_commit(sh->db);
    sh->in_txn = 0;
    if (rc)
        return nf_wrap_error(rc, "committing to %s", sh->path);
    report_written(sh, NF_INDEXED_ADDED);
    return NF_OK;
}

/* The shard can no longer be written: remember why (the message names the
 * database), drop the open batch and report its articles as lost. */
static void shard_fail(shard *sh, int status)
{
    sh->failed = 1;
    sh->status = status;
    free(sh->error);
    sh->error = strdup(nf_errmsg());
    if (sh->in_txn)
        (void)nf_xdb_cancel_transaction(sh->db);
    sh->in_txn = 0;
    report_written(sh, NF_INDEXED_LOST);
}

static void *writer_main(void *arg)
{
    shard *sh = arg;
    nf_indexer *ix = sh->ix;
    job *j;
    while ((j = queue_pop(&sh->q))) {
        if (sh->failed) {
            report(ix, j->art, NF_INDEXED_LOST, NULL);
            job_free(j);
            continue;
        }
        nf_docid did;
        int rc = sh->in_txn ? NF_OK : shard_begin(sh);
        if (!rc) {
            rc = nf_xdb_replace_document(&did, sh->db, j->idterm, j->doc);
            /* Losing one document to a bad term is that article's
             * problem; an I/O failure is the database's. */
            if (rc == NF_ETOOLONG || rc == NF_EINVAL) {
                nf_wrap_error(rc, "%s", j->art->id);
                report(ix, j->art, NF_INDEXED_FAILED, nf_errmsg());
                job_free(j);
                continue;
            }
            if (rc)
                nf_wrap_error(rc, "writing %s to %s", j->art->id, sh->path);
        }
        if (!rc) {
            job_strip(j);
            j->next = NULL;
            if (sh->written_tail)
                sh->written_tail->next = j;
            else
                sh->written = j;
            sh->written_tail = j;
            j = NULL;
            if (++sh->pending >= ix->batch_size)
                rc = shard_commit(sh);
        }
        if (rc) {
            if (j)
                report(ix, j->art, NF_INDEXED_LOST, NULL);
            shard_fail(sh, rc);
        }
        job_free(j);
    }
    return NULL;
}

/* A worker's read-only view of the shards, to skip unchanged articles
 * without asking the writer threads. */
typedef struct worker_state {
    nf_indexer *ix;
    nf_stemmer *stemmer;
    nf_xdb **readers;
} worker_state;

static int lookup(int *same, int *exists, worker_state *w, unsigned s, job *j)
{
    *same = *exists = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        int rc = NF_OK;
        if (!w->readers[s])
            rc = nf_xdb_open(&w->readers[s], w->ix->shards[s].path);
        else if (attempt)
            rc = nf_xdb_reopen(w->readers[s], NULL);
        if (rc)
            return rc;
        nf_docid did;
        rc = nf_xdb_find_document(&did, w->readers[s], j->idterm);
        if (rc == NF_ENOTFOUND)
            return NF_OK;
        nf_xdoc *doc = NULL;
        if (!rc)
            rc = nf_xdb_get_document(&doc, w->readers[s], did);
        const char *have = NULL;
        size_t have_len = 0;
        char *want = NULL;
        if (!rc)
            rc = nf_xdoc_get_value(&have, &have_len, doc, NF_SLOT_HASH);
        if (!rc)
            rc = nf_document_hash_value(&want, j->art, w->ix->schema);
        if (!rc) {
            *exists = 1;
            *same = have_len == strlen(want) && memcmp(have, want, have_len) == 0;
        }
        free(want);
        nf_xdoc_free(doc);
        if (rc != NF_EDB_MODIFIED)
            return rc;
    }
    return NF_EDB_MODIFIED;
}

static void *worker_main(void *arg)
{
    worker_state *w = arg;
    nf_indexer *ix = w->ix;
    job *j;
    while ((j = queue_pop(&ix->work))) {
        unsigned s = nf_index_shard_of(j->art->id, ix->nshards);
        int same = 0;
        nf_analysis *a = NULL;
        int rc = nf_document_id_term(&j->idterm, j->art->id);
        if (!rc)
            rc = lookup(&same, &j->exists, w, s, j);
        if (!rc && same) {
            report(ix, j->art, NF_INDEXED_UNCHANGED, NULL);
            job_free(j);
            continue;
        }
        if (!rc)
            rc = nf_analyse(&a, ix->schema, j->art);
        if (!rc)
            rc = nf_document_build(&j->doc, a, w->stemmer);
        nf_analysis_free(a);
        if (rc) {
            report(ix, j->art, NF_INDEXED_FAILED, nf_errmsg());
            job_free(j);
            continue;
        }
        queue_push(&ix->shards[s].q, j);
    }
    for (unsigned s = 0; s < ix->nshards; s++)
        nf_xdb_free(w->readers[s]);
    free(w->readers);
    nf_stemmer_free(w->stemmer);
    free(w);
    return NULL;
}

/* ---- layout on disk: one database, or shards and a stub file --------------- */

static int path_join(char **out, const char *dir, const char *name)
{
    nf_buf b = NF_BUF_INIT;
    int rc = nf_buf_printf(&b, "%s/%s", dir, name);
    if (rc) {
        nf_buf_free(&b);
        return rc;
    }
    *out = nf_buf_detach(&b);
    return NF_OK;
}

/* Shards already listed in DIR/XAPIANDB (0 if there is no stub). */
static unsigned existing_shards(const char *dir)
{
    char *stub = NULL;
    if (path_join(&stub, dir, "XAPIANDB"))
        return 0;
    FILE *f = fopen(stub, "r");
    free(stub);
    if (!f)
        return 0;
    unsigned n = 0;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "auto shard", 10) == 0)
            n++;
    fclose(f);
    return n;
}

static int write_stub(const char *dir, unsigned n)
{
    char *stub = NULL, *tmp = NULL;
    int rc = path_join(&stub, dir, "XAPIANDB");
    if (!rc)
        rc = path_join(&tmp, dir, "XAPIANDB.tmp");
    FILE *f = rc ? NULL : fopen(tmp, "w");
    if (!rc && !f)
        rc = nf_set_error(NF_EIO, "cannot write %s: %s", tmp, strerror(errno));
    for (unsigned i = 0; f && i < n; i++)
        fprintf(f, "auto shard%u\n", i);
    if (f && fclose(f) != 0)
        rc = nf_set_error(NF_EIO, "cannot write %s: %s", tmp, strerror(errno));
    /* Atomic replace: a reader never sees half a stub. */
    if (!rc && rename(tmp, stub) != 0)
        rc = nf_set_error(NF_EIO, "cannot write %s: %s", stub, strerror(errno));
    free(stub);
    free(tmp);
    return rc;
}

/* Remove DIR made by create_atomically: glass files, and for shards one
 * level of shard directories.  Never follows symbolic links. */
static void remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = NULL;
        if (path_join(&p, dir, e->d_name))
            break;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (depth > 0)
                remove_tree(p, depth - 1);
        } else {
            unlink(p);
        }
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

static int create_empty(const char *path)
{
    nf_xdb *db = NULL;
    int rc = nf_xdb_open_writable(&db, path, NF_XDB_CREATE);
    if (!rc)
        rc = nf_xdb_commit(db);
    nf_xdb_free(db);
    return rc;
}

/* A new database is built empty beside PATH (PATH.nf-creating) and renamed
 * into place, so an indexer killed while creating it leaves no database or
 * a complete empty one, never a directory that no reader can open.  If
 * PATH is a directory with files in it already, the caller creates the
 * database in place as before. */
static int create_atomically(const char *path, unsigned nshards)
{
    nf_buf b = NF_BUF_INIT;
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    int rc = nf_buf_printf(&b, "%.*s.nf-creating", (int)len, path);
    if (rc) {
        nf_buf_free(&b);
        return rc;
    }
    char *tmp = nf_buf_detach(&b);
    remove_tree(tmp, 1);            /* left by a creation that was killed */
    if (nshards == 1) {
        rc = create_empty(tmp);
    } else if (mkdir(tmp, 0777) != 0) {
        rc = nf_set_error(NF_EIO, "cannot create %s: %s", tmp, strerror(errno));
    } else {
        for (unsigned i = 0; !rc && i < nshards; i++) {
            char name[32], *sp = NULL;
            snprintf(name, sizeof name, "shard%u", i);
            rc = path_join(&sp, tmp, name);
            if (!rc)
                rc = create_empty(sp);
            free(sp);
        }
        if (!rc)
            rc = write_stub(tmp, nshards);
    }
    if (!rc && rename(tmp, path) != 0) {
        if (errno != ENOTEMPTY && errno != EEXIST)
            rc = nf_set_error(NF_EIO, "cannot create %s: %s", path, strerror(errno));
        remove_tree(tmp, 1);
    } else if (rc) {
        remove_tree(tmp, 1);
    }
    free(tmp);
    return rc;
}

static int plan_layout(nf_indexer *ix, const char *path, unsigned want)
{
    unsigned have = existing_shards(path);
    char *glass = NULL;
    struct stat st;
    int rc = path_join(&glass, path, "iamglass");
    int single_exists = !rc && stat(glass, &st) == 0;
    free(glass);
    if (rc)
        return rc;
    if (want > MAX_SHARDS)
        return nf_set_error(NF_EINVAL, "%u shards is more than %u", want, MAX_SHARDS);
    if (have && want && want != have)
        return nf_set_error(NF_EINVAL, "%s holds %u shards, not %u", path, have, want);
    if (single_exists && want > 1)
        return nf_set_error(NF_EINVAL, "%s is a single database; index into a new "
                            "directory to use %u shards", path, want);
    ix->nshards = have ? have : want > 1 ? want : 1;
    ix->shards = calloc(ix->nshards, sizeof *ix->shards);
    if (!ix->shards)
        return nf_set_error(NF_ENOMEM, "out of memory");
    if (!(ix->nshards > 1 ? have != 0 : single_exists) &&
        (rc = create_atomically(path, ix->nshards)))
        return rc;
    if (ix->nshards > 1 && mkdir(path, 0777) != 0 && errno != EEXIST)
        return nf_set_error(NF_EIO, "cannot create %s: %s", path, strerror(errno));
    for (unsigned i = 0; i < ix->nshards; i++) {
        shard *sh = &ix->shards[i];
        sh->ix = ix;
        queue_init(&sh->q, SHARD_QUEUE_CAP);
        if (ix->nshards == 1) {
            if (!(sh->path = strdup(path)))
                return nf_set_error(NF_ENOMEM, "out of memory");
        } else {
            char name[32];
            snprintf(name, sizeof name, "shard%u", i);
            if ((rc = path_join(&sh->path, path, name)))
                return rc;
        }
        if ((rc = nf_xdb_open_writable(&sh->db, sh->path, NF_XDB_CREATE_OR_OPEN)))
            return rc;
        /* Readers need a revision to open, even of an empty database. */
        if ((rc = nf_xdb_commit(sh->db)))
            return rc;
    }
    return ix->nshards > 1 ? write_stub(path, ix->nshards) : NF_OK;
}

static void teardown(nf_indexer *ix)
{
    for (unsigned i = 0; ix->shards && i < ix->nshards; i++) {
        shard *sh = &ix->shards[i];
        report_written(sh, NF_INDEXED_LOST);   /* none unless opening failed */
        nf_xdb_free(sh->db);
        queue_destroy(&sh->q);
        free(sh->path);
        free(sh->error);
    }
    free(ix->shards);
    queue_destroy(&ix->work);
    pthread_mutex_destroy(&ix->report_mu);
    free(ix->workers);
    free(ix->previous_schema);
    free(ix->path);
    free(ix);
}

static int start_threads(nf_indexer *ix, unsigned threads)
{
    for (unsigned i = 0; i < ix->nshards; i++) {
        if (pthread_create(&ix->shards[i].thread, NULL, writer_main, &ix->shards[i]))
            return nf_set_error(NF_ERROR, "cannot start a writer thread");
        ix->shards[i].started = 1;
    }
    ix->workers = calloc(threads, sizeof *ix->workers);
    if (!ix->workers)
        return nf_set_error(NF_ENOMEM, "out of memory");
    for (unsigned i = 0; i < threads; i++) {
        worker_state *w = calloc(1, sizeof *w);
        if (!w || !(w->readers = calloc(ix->nshards, sizeof *w->readers))) {
            free(w);
            return nf_set_error(NF_ENOMEM, "out of memory");
        }
        w->ix = ix;
        int rc = nf_stemmer_new(&w->stemmer, ix->schema->language);
        if (rc || pthread_create(&ix->workers[i], NULL, worker_main, w)) {
            nf_stemmer_free(w->stemmer);
            free(w->readers);
            free(w);
            return rc ? rc : nf_set_error(NF_ERROR, "cannot start a worker thread");
        }
        ix->started_workers++;
    }
    return NF_OK;
}

/* Drain the workers, then the writers. */
static void stop_threads(nf_indexer *ix)
{
    queue_close(&ix->work);
    for (unsigned i = 0; i < ix->started_workers; i++)
        pthread_join(ix->workers[i], NULL);
    ix->started_workers = 0;
    for (unsigned i = 0; i < ix->nshards; i++) {
        queue_close(&ix->shards[i].q);
        if (ix->shards[i].started)
            pthread_join(ix->shards[i].thread, NULL);
        ix->shards[i].started = 0;
    }
}

int nf_indexer_open(nf_indexer **out, const char *path, const nf_schema *schema,
                    const nf_index_opts *opts)
{
    *out = NULL;
    if (!opts || opts->version != NF_INDEX_OPTS_VERSION)
        return nf_set_error(NF_EINVAL, "nf_index_opts version %d is not %d",
                            opts ? opts->version : -1, NF_INDEX_OPTS_VERSION);
    nf_indexer *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->path = strdup(path))) {
        free(ix);
        return nf_set_error(NF_ENOMEM, "out of memory opening %s", path);
    }
    ix->schema = schema;
    ix->batch_size = opts->batch_size ? opts->batch_size : 1000;
    ix->report = opts->report;
    ix->report_ctx = opts->report_ctx;
    queue_init(&ix->work, QUEUE_CAP);
    pthread_mutex_init(&ix->report_mu, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = opts->threads ? opts->threads : cores > 0 ? (unsigned)cores : 1;
    if (threads > 64)
        threads = 64;

    int rc = plan_layout(ix, path, opts->shards);
    char *prev = NULL;
    if (!rc)
        rc = nf_xdb_get_metadata(&prev, ix->shards[0].db, "newsfacet.schema");
    if (!rc && prev[0] && strcmp(prev, schema->id) != 0)
        ix->previous_schema = prev;
    else
        free(prev);
    if (!rc)
        rc = start_threads(ix, threads);
    if (rc) {
        stop_threads(ix);
        teardown(ix);
        return rc;
    }
    *out = ix;
    return NF_OK;
}

int nf_indexer_schema_changed(const nf_indexer *ix, const char **previous)
{
    if (previous)
        *previous = ix->previous_schema;
    return ix->previous_schema != NULL;
}

int nf_indexer_add(nf_indexer *ix, nf_article *article)
{
    for (unsigned i = 0; i < ix->nshards; i++) {
        if (ix->shards[i].failed) {
            nf_article_free(article);
            return nf_set_error(ix->shards[i].status, "%s", ix->shards[i].error);
        }
    }
    job *j = calloc(1, sizeof *j);
    if (!j) {
        nf_article_free(article);
        return nf_set_error(NF_ENOMEM, "out of memory queueing an article");
    }
    j->art = article;
    queue_push(&ix->work, j);
    return NF_OK;
}

int nf_indexer_close(nf_indexer *ix)
{
    if (!ix)
        return NF_OK;
    stop_threads(ix);
    int rc = NF_OK;
    for (unsigned i = 0; i < ix->nshards; i++) {
        shard *sh = &ix->shards[i];
        if (sh->failed) {
            if (!rc)
                rc = nf_set_error(sh->status, "%s", sh->error);
            continue;
        }
        int crc = shard_commit(sh);
        if (crc) {
            shard_fail(sh, crc);
            if (!rc)
                rc = crc;
        }
    }
    teardown(ix);
    return rc;
}
