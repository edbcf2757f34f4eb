#!/usr/bin/python3
"""Turn the archive and `newsfacet analyze --json` output into a CSV file
for PostgreSQL's COPY, so that the peer holds the same text and exactly
the facet values newsfacet indexed.

    /usr/bin/python3 bench/pg_load.py ARCHIVE.jsonl ANALYZE.jsonl SCHEMA_DIR OUT.csv

Columns (see bench/pg_schema.sql): id, body (title, blank line, text: the
text newsfacet analyses and indexes), then one text[] per facet: the term
facets as analyze lists them, money and percent as the schema's bucket
names (newsfacet's rule: min <= value < max, money in US dollars), and
published as 'YYYY-MM' (the month facet newsfacet counts).
"""
import csv
import json
import math
import os
import sys

TERM_FACETS = ["company", "cloud", "model", "claim", "stance", "source", "cites"]


def load_buckets(schema_dir):
    import yaml  # Debian python3-yaml (bench/setup.sh)
    with open(os.path.join(schema_dir, "schema.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = {}
    for facet in doc.get("facets", []):
        if facet.get("kind") == "number":
            out[facet["name"]] = [(b["name"], float(b.get("min", -math.inf)),
                                   float(b.get("max", math.inf))) for b in facet.get("buckets", [])]
    return out


def bucket_names(values, buckets):
    names = set()
    for v in values:
        for name, lo, hi in buckets:
            if lo <= v < hi:
                names.add(name)
    return sorted(names)


def pg_array(values):
    """A text[] literal; every element quoted, quotes and backslashes escaped."""
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for v in values) + "}"


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    archive, analyzed, schema_dir, out = sys.argv[1:]
    buckets = load_buckets(schema_dir)
    facets = {}
    with open(analyzed, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            facets[a["id"]] = a
    n = 0
    with open(archive, encoding="utf-8") as f, open(out, "w", encoding="utf-8", newline="") as o:
        w = csv.writer(o)
        for line in f:
            rec = json.loads(line)
            a = facets.get(rec["id"])
            if a is None:
                sys.exit("pg_load: %s is in the archive but not in %s" % (rec["id"], analyzed))
            row = [rec["id"], rec.get("title", "") + "\n\n" + rec.get("text", "")]
            for name in TERM_FACETS:
                row.append(pg_array(a.get("facets", {}).get(name, [])))
            money = [m["usd"] for m in a.get("money", []) if m.get("usd") is not None]
            row.append(pg_array(bucket_names(money, buckets.get("money", []))))
            row.append(pg_array(bucket_names([p["value"] for p in a.get("percent", [])],
                                             buckets.get("percent", []))))
            pub = a.get("published") or rec.get("published") or ""
            row.append(pg_array([pub[:7]] if len(pub) >= 7 else []))
            w.writerow(row)
            n += 1
    print("pg_load: %d rows" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
