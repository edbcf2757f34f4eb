#!/usr/bin/python3
"""Print bench/run.sh's results as one Markdown table with the targets.

    /usr/bin/python3 bench/report.py RESULTS.jsonl [DISAGREEMENTS.txt]

Indexing figures are medians over the rounds; analysis figures the best
(least CPU) pass of each program, median over its runs.  Rates are given
per wall-clock second (what a user waits) and, because the benchmark
machines are shared and loaded, per CPU second too (what the work costs).
"""
import json
import os
import statistics
import sys


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt(x, d=1):
    if x != x:  # NaN
        return "n/a"
    return "{:,.{}f}".format(x, d)


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    disagreements = ""
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
        disagreements = open(sys.argv[2]).read().strip()
    archive = next(r for r in rows if r["kind"] == "archive")
    n, mb = archive["articles"], archive["text_bytes"] / 1e6

    idx = {}
    for r in rows:
        if r["kind"] == "index":
            idx.setdefault(r["name"], []).append(r)

    def med(name, key):
        return median([r[key] for r in idx.get(name, [])])

    names = ["newsfacet", "newsfacet-shards2", "termgenerator"]
    wall = {k: med(k, "wall") for k in names}
    cpu = {k: med(k, "cpu") for k in names}
    rss = {k: med(k, "rss_kb") / 1024 for k in names}
    size = {k: med(k, "bytes") / 1e6 for k in names}
    aps = {k: n / wall[k] for k in names}
    apc = {k: n / cpu[k] for k in names}
    loads = [r["load"] for rs in idx.values() for r in rs]
    tg = "termgenerator"

    ana = {}
    for r in rows:
        if r["kind"] == "analyse":
            ana.setdefault(r["name"], []).append(r["result"])
    a_cpu = {k: median([x["cpu_seconds"] for x in v]) for k, v in ana.items()}
    a_mb = {k: median([x["bytes"] for x in v]) / 1e6 for k, v in ana.items()}
    a_rate = {k: a_mb[k] / a_cpu[k] for k in a_cpu}

    q = next((r["result"] for r in rows if r["kind"] == "query"), None)
    pg = next((r for r in rows if r["kind"] == "pg_load"), None)

    def ok(b):
        return "yes" if b else "**NO**"

    out = []
    out.append("Archive: %s articles, %s MB of text (title + body), %s MB of JSON Lines; "
               "%d indexing rounds, load average during indexing %s-%s."
               % (fmt(n, 0), fmt(mb), fmt(archive["file_bytes"] / 1e6),
                  len(idx.get(tg, [])), fmt(min(loads)) if loads else "?",
                  fmt(max(loads)) if loads else "?"))
    out.append("")
    out.append("| measure | newsfacet | newsfacet --shards 2 | TermGenerator baseline | ratios | target | met |")
    out.append("|---|---|---|---|---|---|---|")
    r1, r2 = aps["newsfacet"] / aps[tg], aps["newsfacet-shards2"] / aps[tg]
    out.append("| indexing, articles/s (wall, median) | %s | %s | %s | %.2fx / %.2fx | 1 db >= 1x, 2 shards >= 1.6x | %s / %s |"
               % (fmt(aps["newsfacet"]), fmt(aps["newsfacet-shards2"]), fmt(aps[tg]), r1, r2,
                  ok(r1 >= 1.0), ok(r2 >= 1.6)))
    out.append("| indexing, MB/s (wall) | %s | %s | %s | | | |"
               % (fmt(mb / wall["newsfacet"], 2), fmt(mb / wall["newsfacet-shards2"], 2), fmt(mb / wall[tg], 2)))
    out.append("| indexing, articles per CPU-second | %s | %s | %s | %.2fx / %.2fx | (cost, for a loaded machine) | |"
               % (fmt(apc["newsfacet"]), fmt(apc["newsfacet-shards2"]), fmt(apc[tg]),
                  apc["newsfacet"] / apc[tg], apc["newsfacet-shards2"] / apc[tg]))
    out.append("| indexing, 2 shards vs 1 db (wall) | | %.2fx | | | | |" % (aps["newsfacet-shards2"] / aps["newsfacet"]))
    out.append("| indexer peak memory, MB (max RSS) | %s | %s | %s | | < 300 MB | %s / %s |"
               % (fmt(rss["newsfacet"]), fmt(rss["newsfacet-shards2"]), fmt(rss[tg]),
                  ok(rss["newsfacet"] < 300), ok(rss["newsfacet-shards2"] < 300)))
    out.append("| index size, MB (du) | %s | %s | %s | %.2fx / %.2fx | | |"
               % (fmt(size["newsfacet"]), fmt(size["newsfacet-shards2"]), fmt(size[tg]),
                  size["newsfacet"] / size[tg], size["newsfacet-shards2"] / size[tg]))
    if "nf" in a_rate and "tg" in a_rate:
        ra = a_rate["nf"] / a_rate["tg"]
        out.append("| analysis alone, MB per CPU-second (no database) | %s | | %s | %.2fx | >= 1x | %s |"
                   % (fmt(a_rate["nf"], 2), fmt(a_rate["tg"], 2), ra, ok(ra >= 1.0)))
    if q:
        nfm, pgm = q["newsfacet_ms"], q["postgres_ms"]
        exact = q["disagreeing_queries"] == 0
        out.append("| faceted query p50 / p95 / p99, ms (newsfacet vs PostgreSQL 15) | %s / %s / %s | | %s / %s / %s (PostgreSQL) | p50 %.1fx lower | p95 < 50 ms, exact | %s |"
                   % (fmt(nfm["p50"], 2), fmt(nfm["p95"], 2), fmt(nfm["p99"], 2),
                      fmt(pgm["p50"], 2), fmt(pgm["p95"], 2), fmt(pgm["p99"], 2),
                      pgm["p50"] / nfm["p50"], ok(nfm["p95"] < 50 and exact)))
        out.append("| newsfacet p50 vs PostgreSQL p50 | | | | %.1fx | >= 5x lower | %s |"
                   % (pgm["p50"] / nfm["p50"], ok(pgm["p50"] >= 5 * nfm["p50"])))
        out.append("| queries whose total and facet counts agree | %d of %d | | | | all | %s |"
                   % (q["queries"] - q["disagreeing_queries"], q["queries"], ok(exact)))
        if "first_search_ms" in q:
            out.append("| first search after opening (reads the facet columns once), ms | %s | | | | (once per database revision) | |"
                       % fmt(q["first_search_ms"], 1))
    if pg:
        out.append("| PostgreSQL load + GIN indexes: s, MB | | | %s s, %s MB | | | |"
                   % (fmt(pg["seconds"]), fmt(pg["bytes"] / 1e6)))
    print("\n".join(out))
    if disagreements:
        print("\nDisagreements (newsfacet vs PostgreSQL):\n```\n%s\n```" % disagreements)


if __name__ == "__main__":
    main()
