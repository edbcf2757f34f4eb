/* newsfacet serve: load the plugin through its ABI, open the schema and the
 * database, answer HTTP until SIGINT or SIGTERM. */
#include "cli.h"
#include "serve_http.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int cmd_serve(int argc, char **argv)
{
    serve_config cfg;
    int rc = serve_config_parse(&cfg, argc, argv);
    if (rc)
        return rc == 1 ? NF_EXIT_OK : NF_EXIT_USAGE;
    serve_plugin plugin;
    serve_app app = {.config = &cfg, .plugin = &plugin};
    char why[1024];
    int status = NF_EXIT_PARTIAL;
    if (serve_plugin_load(&plugin, cfg.plugin_path, why, sizeof why)) {
        cli_error("%s", why);
        serve_config_free(&cfg);
        return status;
    }
    if (serve_pool_open(&app.pool, plugin.api, cfg.schema_dir, cfg.db, why, sizeof why)) {
        cli_error("%s", why);
        goto unload;
    }
    /* Worker threads inherit this mask, so only sigwait() below sees the
     * stop signals. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned port = 0;
    struct MHD_Daemon *d = serve_http_start(&app, &port, why, sizeof why);
    if (!d) {
        cli_error("%s", why);
        goto close_pool;
    }
    int ipv6 = cfg.bind[0] != '\0' && strchr(cfg.bind, ':') != NULL;
    printf("newsfacet serve: listening on http://%s%s%s:%u/ (%u threads, plugin %s %s, ABI %u.%u)\n",
           ipv6 ? "[" : "", cfg.bind, ipv6 ? "]" : "", port, cfg.threads,
           plugin.descriptor->name, plugin.descriptor->version,
           (unsigned)plugin.descriptor->abi_major, (unsigned)plugin.descriptor->abi_minor);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "newsfacet serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    status = NF_EXIT_OK;
close_pool:
    serve_pool_close(app.pool);
unload:
    serve_plugin_unload(&plugin);
    serve_config_free(&cfg);
    return status;
}
