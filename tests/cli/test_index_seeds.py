"""newsfacet index on the seed articles: stock quest and the Python bindings
find them, the Omega fields are there, and re-indexing replaces instead of
duplicating."""
import os
import re
import shutil
import subprocess

import xapian

from nftest import SEEDS, expect, finish, run, tempdir

work = tempdir()
db = os.path.join(work, "db")
seeds = sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt"))

p = run("index", "--db", db, SEEDS, check=0)
expect(f"{len(seeds)} added, 0 replaced, 0 unchanged, 0 failed" in p.stderr,
       f"summary counts {len(seeds)} added: {p.stderr.strip()!r}")

# Stock quest, unchanged.
q = subprocess.run(["quest", "-d", db, "exclusive partnership"], capture_output=True, text=True)
expect(q.returncode == 0, "quest runs on the index")
matches = [line for line in q.stdout.splitlines() if line.startswith("MSet:")]
expect("Parsed Query: Query((Zexclus@1 OR Zpartnership@2))" in q.stdout,
       "quest parses 'exclusive partnership' into stemmed Z terms")
hits = [line for line in q.stdout.splitlines() if re.match(r"^\d+: \[", line)]
expect(len(hits) >= 3, f"quest finds seed articles ({len(hits)} hits)")

# The Python bindings with a stock QueryParser.
d = xapian.Database(db)
expect(d.get_doccount() == len(seeds), f"doccount {d.get_doccount()} == {len(seeds)}")
qp = xapian.QueryParser()
qp.set_stemmer(xapian.Stem("english"))
qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
qp.set_database(d)
qp.add_prefix("title", "S")
enq = xapian.Enquire(d)
enq.set_query(qp.parse_query("exclusive partnership"))
mset = enq.get_mset(0, 10)
expect(mset.size() >= 3, f"python3-xapian finds seed articles ({mset.size()})")
enq.set_query(qp.parse_query("title:openai"))
headlines = 0
for s in seeds:
    with open(os.path.join(SEEDS, s), encoding="utf-8") as f:
        first = next(line for line in f if line.strip())
    headlines += bool(re.search(r"\bopenai\b", first, re.I))
expect(headlines >= 1 and enq.get_mset(0, 10).size() == headlines,
       f"title: searches the S-prefixed headline terms ({headlines} headlines say OpenAI)")

# Omega's fields.
doc = d.get_document(mset[0].docid)
terms = [t.term.decode() for t in doc.termlist()]
data = doc.get_data().decode()
expect(any(t.startswith("Q") for t in terms), "a Q unique-id term")
expect(any(t.startswith("S") for t in terms), "S title terms")
expect(any(t.startswith("ZS") for t in terms), "ZS title stems")
expect("Ttext/plain" in terms, "T mime-type term")
expect(data.startswith("caption=") or data.startswith("url="), "data is Omega field=value lines")
for field in ("caption=", "sample=", "id=", "evidence="):
    expect(field in data, f"data has {field}")
expect(d.get_metadata("newsfacet.schema") != b"", "metadata records the schema id")
expect(d.get_metadata("newsfacet.stemmer") == b"english", "metadata records the stemmer")
expect(d.get_metadata("newsfacet.version") != b"", "metadata records the version")
d.close()

# Again: everything unchanged, nothing duplicated.
p = run("index", "--db", db, SEEDS, check=0)
expect(f"0 added, 0 replaced, {len(seeds)} unchanged" in p.stderr, f"re-run skips unchanged: {p.stderr.strip()!r}")

# A changed copy of one article under the same id (its path) replaces it.
copy_dir = os.path.join(work, "copy")
os.mkdir(copy_dir)
shutil.copy(os.path.join(SEEDS, seeds[0]), copy_dir)
target = os.path.join(copy_dir, seeds[0])
run("index", "--db", db, target, check=0)
with open(target, "a", encoding="utf-8") as f:
    f.write("\nAn added closing line.\n")
p = run("index", "--db", db, target, check=0)
expect("0 added, 1 replaced" in p.stderr, f"a changed article is replaced: {p.stderr.strip()!r}")
d = xapian.Database(db)
expect(d.get_doccount() == len(seeds) + 1, "replacing kept one document per id")

# Searching with another schema warns.
other = os.path.join(work, "schema")
shutil.copytree(os.environ.get("NF_SOURCE_ROOT", ".") + "/schema", other)
with open(os.path.join(other, "schema.yaml"), "a", encoding="utf-8") as f:
    f.write("\n# an edit changes the schema id\n")
p = run("search", "--db", db, "--schema", other, "openai")
expect(p.returncode == 0 and "warning" in p.stderr and "schema" in p.stderr,
       f"searching with a different schema warns: {p.stderr.strip()[:200]!r}")

# An index of another layout (as one written before layout 2 looks) warns
# that it needs indexing again, naming the layouts.
w = xapian.WritableDatabase(db, xapian.DB_OPEN)
w.set_metadata("newsfacet.layout", "1")
w.commit()
w.close()
p = run("search", "--db", db, "openai")
expect(p.returncode == 0 and "layout 1" in p.stderr and "newsfacet index" in p.stderr,
       f"searching an index of an older layout warns: {p.stderr.strip()[:300]!r}")

finish([work])
