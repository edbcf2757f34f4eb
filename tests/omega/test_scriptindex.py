"""`newsfacet export` + the stock scriptindex with schema/omega/newsfacet.index
build a database equivalent to `newsfacet index`: compared document by
document (matched by Q id), every term with its wdf and positions, every
value slot and the document data.

The one difference that is right: scriptindex writes the data lines sorted
by field name (it keeps them in a map), newsfacet in its own order; Omega's
$field does not care, so data is compared as a sorted list of lines."""
import os
import subprocess

import xapian

from omegatest import (FIXTURES, SEEDS, SOURCE_ROOT, documents_by_id, expect, finish,
                       run, tempdir)

SCRIPT = os.path.join(SOURCE_ROOT, "schema", "omega", "newsfacet.index")

tmp = tempdir()
nf_db = os.path.join(tmp, "nf-db")
si_db = os.path.join(tmp, "si-db")
export = os.path.join(tmp, "export.txt")

# The shipped script is what `export --script` generates for the schema.
p = run("export", "--script", check=0)
with open(SCRIPT) as f:
    expect(p.stdout == f.read(), "schema/omega/newsfacet.index is `newsfacet export --script` output")

run("index", "--db", nf_db, "--quiet", FIXTURES, check=0, cwd=SOURCE_ROOT)
p = run("export", "--format", "scriptindex", FIXTURES, check=0, cwd=SOURCE_ROOT)
with open(export, "w") as f:
    f.write(p.stdout)
records = [r for r in p.stdout.split("\n\n") if r.strip()]
expect(all(r.startswith("qid=") for r in records), f"every record starts with qid= ({len(records)} records)")
expect(any("\n=" in r for r in records), "multi-line values use '=' continuation lines")

si = subprocess.run(["scriptindex", si_db, SCRIPT, export], capture_output=True, text=True)
expect(si.returncode == 0 and si.stderr == "",
       f"scriptindex runs without warnings (rc {si.returncode}, stderr {si.stderr[:500]!r})")

def count_articles(folder):
    """Articles in the fixture folder: one per file, one per line of a JSON Lines file."""
    n = 0
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                n += sum(1 for line in f if line.strip())
        elif name.endswith((".txt", ".html", ".htm")):
            n += 1
    return n


N_FIXTURES = count_articles(FIXTURES)
a = documents_by_id(nf_db)
b = documents_by_id(si_db)
expect(len(a) == N_FIXTURES and len(a) == len(records), f"newsfacet indexed every fixture article ({len(a)})")
expect(sorted(a) == sorted(b), f"same Q ids ({len(a)} newsfacet, {len(b)} scriptindex)")

bad_terms, bad_values, bad_data = [], [], []
facet_terms = 0
for q in sorted(set(a) & set(b)):
    ta, va, da = a[q]
    tb, vb, db_ = b[q]
    facet_terms += sum(1 for t in ta if t.startswith(b"X"))
    if ta != tb:
        diff = sorted(set(ta) ^ set(tb)) + sorted(t for t in set(ta) & set(tb) if ta[t] != tb[t])
        bad_terms.append((q, diff[:8]))
    if va != vb:
        bad_values.append((q, va, vb))
    la, lb = da.splitlines(), db_.splitlines()
    # newsfacet may write an empty "name=" line; scriptindex's field action
    # skips empty values (Omega's $field reads both as empty).
    la = [line for line in la if not line.endswith(b"=")]
    if sorted(la) != sorted(lb):
        bad_data.append((q, set(la) ^ set(lb)))

expect(facet_terms > 300, f"the fixtures carry facet terms to compare ({facet_terms})")
expect(not bad_terms, f"every term, wdf and position is the same ({bad_terms[:3]})")
expect(not bad_values, f"every value slot is the same ({bad_values[:2]})")
expect(not bad_data, f"the document data has the same lines ({bad_data[:2]})")

# Boolean filters give the same counts in both databases.
dba, dbb = (xapian.Database(p) for p in (nf_db, si_db))
for term in [b"XCLAIMexclusivity-ended", b"XSOURCEreuters", b"XCOmicrosoft", b"Y2025", b"Ttext/html"]:
    expect(dba.get_termfreq(term) == dbb.get_termfreq(term),
           f"{term.decode()}: {dba.get_termfreq(term)} documents in both")

# More kinds of input: the seed articles, and the reader tests' odd files
# (CRLF, nested directories, JSON Lines with a broken record: export and
# index fail the same inputs and carry the same rest).
odd = os.path.join(tmp, "odd")
os.makedirs(odd)
with open(os.path.join(odd, "crlf.txt"), "wb") as f:
    f.write(b"OpenAI and Microsoft: a headline\r\n\r\n=starts with an equals sign\r\n"
            b"\r\nMicrosoft said on Monday.\rA lone CR; Azure exclusivity has ended, Reuters said.\n"
            b"a line\n\n\n\nafter blank lines and\ttabs\n")
for label, where, code in [("seeds", SEEDS, 0), ("CR, LF and '=' lines", odd, 0),
                           ("reader test data", os.path.join(SOURCE_ROOT, "tests", "read", "data"), 1)]:
    if not os.path.isdir(where):
        print(f"skip: {label}: no {where}")
        continue
    d1, d2 = os.path.join(tmp, label + "-nf"), os.path.join(tmp, label + "-si")
    run("index", "--db", d1, "--quiet", ".", check=code, cwd=where)
    p = run("export", ".", check=code, cwd=where)
    path = os.path.join(tmp, label + ".txt")
    with open(path, "w") as f:
        f.write(p.stdout)
    si = subprocess.run(["scriptindex", d2, SCRIPT, path], capture_output=True, text=True)
    expect(si.returncode == 0 and si.stderr == "", f"{label}: scriptindex runs ({si.stderr[:300]!r})")
    a, b = documents_by_id(d1), documents_by_id(d2)
    expect(len(a) > 0 and sorted(a) == sorted(b), f"{label}: same Q ids ({len(a)}, {len(b)})")
    same = all(a[q][0] == b[q][0] and a[q][1] == b[q][1]
               and sorted(x for x in a[q][2].splitlines() if not x.endswith(b"="))
               == sorted(b[q][2].splitlines()) for q in set(a) & set(b))
    expect(same, f"{label}: every document has the same terms, values and data")

# Re-running the export into the same database replaces (unique=Q), never duplicates.
si = subprocess.run(["scriptindex", si_db, SCRIPT, export], capture_output=True, text=True)
expect(f"(0, {N_FIXTURES}, 0, 0)" in si.stdout, f"a second scriptindex run replaces every record ({si.stdout.strip()})")
expect(xapian.Database(si_db).get_doccount() == N_FIXTURES, f"still {N_FIXTURES} documents")

finish([tmp])
