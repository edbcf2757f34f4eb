"""Hostile inputs in one run with good articles (tests/bad-input/ plus big
ones written here: a 50 MB article, a line of 1,000,000 tokens, 10,000
nested <div>s): each is indexed or named on stderr with its reason, every
good article is indexed, and peak memory stays under a fixed bound."""
import os
import random
import resource
import shutil
import subprocess

import nfgen
from relcheck import NEWSFACET, SOURCE_ROOT, expect, finish, tempdir

import xapian

RSS_BOUND_MB = 400

work = tempdir()
inputs = os.path.join(work, "in")
shutil.copytree(os.path.join(SOURCE_ROOT, "tests", "bad-input"), inputs,
                ignore=shutil.ignore_patterns("README.md"))
good_ids = nfgen.write_archive(os.path.join(inputs, "good.jsonl"), 50, seed=11)
rng = random.Random(5)
words = ["cloud", "Microsoft", "chips", "revenue", "growth", "OpenAI", "the", "deal", "Azure", "said"]
with open(os.path.join(inputs, "million-tokens.txt"), "w") as f:
    f.write("A line of a million tokens\n" + " ".join(rng.choice(words) for _ in range(1000000)) + "\n")
with open(os.path.join(inputs, "nested.html"), "w") as f:
    f.write("<html><head><title>Deep nesting at Nvidia</title></head><body>" + "<div>" * 10000
            + "<p>Nvidia said it sold chips to CoreWeave.</p>" + "</div>" * 10000 + "</body></html>")
with open(os.path.join(inputs, "huge-50mb.txt"), "w") as f:
    f.write("Fifty megabytes of Azure\n")
    chunk = "Microsoft said Azure revenue grew. " * 1000 + "\n"
    while f.tell() < 50 * 1024 * 1024:
        f.write(chunk)

db = os.path.join(work, "db")
before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
p = subprocess.run([NEWSFACET, "index", "--db", db, "--quiet", inputs],
                   capture_output=True, text=True, timeout=240)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
err = p.stderr
print(f"exit {p.returncode}, peak RSS {peak_mb:.0f} MB (before: {before / 1024:.0f} MB)\n{err}")
expect(p.returncode == 1, f"exit status 1: some inputs were rejected (got {p.returncode})")
expect(peak_mb < RSS_BOUND_MB, f"peak RSS {peak_mb:.0f} MB under {RSS_BOUND_MB} MB")
huge_line = [line for line in err.splitlines() if "huge-50mb.txt" in line]
expect(huge_line and "larger than the limit" in huge_line[0], f"the 50 MB article is rejected naming the limit {huge_line}")
for n in (1, 2, 3, 4, 5, 6, 8, 9, 10):
    expect(f"wrong-types.jsonl:{n}:" in err, f"wrong-types.jsonl record {n} named with its reason")
expect(all(inputs in line for line in err.splitlines()),
       "every error line names its input")

d = xapian.Database(db)
ids = {t.term.decode()[1:] for t in d.allterms("Q")}
missing = [i for i in good_ids if i not in ids]
expect(not missing, f"all {len(good_ids)} good articles indexed (missing {missing[:5]})")
for name in ("invalid-utf8.txt", "nul-bytes.txt", "weird-unicode.txt", "nested.html",
             "million-tokens.txt"):
    expect(any(i.endswith(name) for i in ids), f"{name} is indexed")
expect("types-good" in ids, "the well-typed record among bad ones is indexed")
expect(not any(i.endswith("huge-50mb.txt") for i in ids), "the 50 MB article is not indexed")
expect(d.get_termfreq("XCOanthropic") >= 1 and d.get_termfreq("XCOnvidia") >= 1,
       "entities are found next to emoji, ZWJ sequences and NUL bytes")
expect(d.get_doccount() == len(good_ids) + 6, f"doccount {d.get_doccount()} == {len(good_ids) + 6}")
finish([work])
