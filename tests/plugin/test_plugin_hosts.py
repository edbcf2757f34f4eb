"""Hosts load the plugin: a C host (the plugin writes the database) and a
C++ host (it owns Xapian::Document and QueryParser) produce the same index
and the same search results as the newsfacet command."""
import json
import os
import shutil
import subprocess
import sys

import xapian

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from nftest import SCHEMA, SEEDS, expect, finish, run, search_json, tempdir  # noqa: E402

PLUGIN = os.environ["NF_PLUGIN"]
work = tempdir()
files = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
queries = ["openai", "microsoft exclusive partnership", "company:microsoft azure",
           '"revenue share"', "cloud:aws OR cloud:google-cloud", "claim:exclusivity-ended",
           "money:1b..100b", "title:openai NOT anthropic", ""]
qfile = os.path.join(work, "queries.txt")
with open(qfile, "w") as f:
    f.write("\n".join(queries) + "\n")

# Only the entry point is exported.
nm = subprocess.run(["nm", "-D", "--defined-only", PLUGIN], capture_output=True, text=True)
exported = sorted(line.split()[-1].split("@")[0] for line in nm.stdout.splitlines()
                  if line.split() and line.split()[-2] in ("T", "D", "B", "R", "W"))
expect(exported == ["newsfacet_plugin_entry"], f"the plugin exports only its entry point: {exported[:8]}")

db_cli, db_c, db_cpp = (os.path.join(work, n) for n in ("cli", "c", "cpp"))
run("index", "--db", db_cli, *files, check=0)
c = subprocess.run([os.environ["NF_HOST_C"], PLUGIN, SCHEMA, db_c, qfile, *files],
                   capture_output=True, text=True)
expect(c.returncode == 0, f"the C host runs: {c.stderr.strip()[-300:]}")
cpp = subprocess.run([os.environ["NF_HOST_CPP"], PLUGIN, SCHEMA, db_cpp, qfile, *files],
                     capture_output=True, text=True)
expect(cpp.returncode == 0, f"the C++ host runs: {cpp.stderr.strip()[-300:]}")


def documents(path):
    """{id term: (terms with wdf and positions, values, data)}"""
    d = xapian.Database(path)
    out = {}
    for pl in d.postlist(""):
        doc = d.get_document(pl.docid)
        terms = {t.term: (t.wdf, list(t.positer)) for t in doc.termlist()}
        qterm = [t for t in terms if t.startswith(b"Q")][0]
        values = {v.num: v.value for v in doc.values()}
        out[qterm] = (terms, values, doc.get_data())
    return out


ref = documents(db_cli)
expect(len(ref) == len(files), f"the CLI indexed {len(files)} articles")
for name, path in (("C host", db_c), ("C++ host", db_cpp)):
    got = documents(path)
    expect(set(got) == set(ref), f"{name}: same articles")
    same = all(got.get(k) == v for k, v in ref.items())
    expect(same, f"{name}: every document identical (terms, positions, wdf, values, data)")

c_lines = c.stdout.splitlines()
cpp_lines = cpp.stdout.splitlines()
expect(len(c_lines) == len(queries) and len(cpp_lines) == len(queries), "one answer per query")
for i, q in enumerate(queries):
    want = search_json(db_cli, "--limit", "20", "--top", "0", query=q)
    ids = [h["id"] for h in want["hits"]]
    if i < len(c_lines):
        got = json.loads(c_lines[i])
        expect(got["total"] == want["total"] and [h["id"] for h in got["hits"]] == ids
               and got["facets"] == want["facets"], f"C host: {q!r} same total, hits and facets")
    if i < len(cpp_lines):
        parts = cpp_lines[i].split(" ")
        expect(int(parts[0]) == want["total"] and parts[1:] == ids,
               f"C++ host with its own QueryParser: {q!r} same total and hits ({want['total']})")

# A host built for ABI 1 refuses a plugin of ABI 2, with a clear message.
fake = subprocess.run([os.environ["NF_HOST_C"], os.environ["NF_FAKE_PLUGIN"], SCHEMA, "-", qfile],
                      capture_output=True, text=True)
expect(fake.returncode == 3 and "ABI 2.0" in fake.stderr and "needs ABI 1" in fake.stderr,
       f"another ABI major is rejected: {fake.stderr.strip()!r}")

# Two schemas in one process, each with its own facets.
second = os.path.join(work, "schema2")
shutil.copytree(SCHEMA, second)
with open(os.path.join(second, "schema.yaml"), "a", encoding="utf-8") as f:
    f.write("  - name: firm\n    label: Firm\n    prefix: XFIRM\n    slot: 40\n"
            "    kind: terms\n    from: gazetteer:company\n")
two = subprocess.run([os.environ["NF_HOST_C"], PLUGIN, SCHEMA, db_c + "2", qfile, files[0]],
                     capture_output=True, text=True, env={**os.environ, "NF_SECOND_SCHEMA": second})
lines = two.stdout.splitlines()
expect(two.returncode == 0 and len(lines) == 2, f"two schemas load in one process: {two.stderr.strip()[-200:]}")
if len(lines) == 2:
    a, b = json.loads(lines[0]), json.loads(lines[1])
    expect("firm" not in a["facets"] and b["facets"].get("firm") == a["facets"]["company"],
           "each schema analyses with its own facets")

finish([work])
