"""One run over good articles mixed with bad inputs: every good article is
indexed, each bad one is named on stderr with its reason, exit status 1."""
import json
import os
import shutil

import xapian

from nftest import SEEDS, expect, finish, run, tempdir

work = tempdir()
inputs = os.path.join(work, "in")
os.makedirs(os.path.join(inputs, "sub"))
seeds = sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt"))[:3]
for s in seeds:
    shutil.copy(os.path.join(SEEDS, s), os.path.join(inputs, "sub", s))

with open(os.path.join(inputs, "invalid-utf8.txt"), "wb") as f:
    f.write(b"Nvidia results beat estimates\nNvidia said revenue rose \xff\xfe to a record \xc3( quarter.\n")
open(os.path.join(inputs, "empty.txt"), "wb").close()
with open(os.path.join(inputs, "binary.txt"), "wb") as f:
    f.write(bytes(range(256)) * 64)
# A 20 MB article: varied sentences so it is real text.
with open(os.path.join(inputs, "huge.txt"), "w", encoding="utf-8") as f:
    f.write("A very long report on cloud capacity\n")
    i = 0
    while f.tell() < 20 * 1024 * 1024:
        f.write(f"Paragraph {i}: Microsoft and OpenAI discussed capacity number {i % 977} "
                f"with Oracle and CoreWeave, while analysts watched Azure growth.\n")
        i += 1
records = [
    {"id": "rec-1", "title": "AWS expands Anthropic deal", "source": "Reuters",
     "published": "2025-03-01", "text": "Amazon said it would invest more in Anthropic."},
    {"id": "rec-2", "title": "Google Cloud adds Gemini", "text": "Google Cloud customers get Gemini."},
]
with open(os.path.join(inputs, "feed.jsonl"), "w", encoding="utf-8") as f:
    f.write(json.dumps(records[0]) + "\n")
    f.write('{"id": "rec-broken", "title": "Truncated rec\n')
    f.write(json.dumps(records[1]) + "\n")

db = os.path.join(work, "db")
p = run("index", "--db", db, inputs)
err = p.stderr
expect(p.returncode == 1, f"exit status 1 when some inputs failed (got {p.returncode})")
expect("empty.txt" in err and "empty" in err.split("empty.txt", 1)[1].splitlines()[0],
       "the empty file is named with its reason")
expect("binary.txt" in err and "binary" in err.split("binary.txt", 1)[1].splitlines()[0],
       "the binary file is named with its reason")
expect("feed.jsonl:2" in err, "the truncated JSON Lines record is named with its line")

d = xapian.Database(db)
ids = set()
for t in d.allterms("Q"):
    ids.add(t.term.decode()[1:])
for s in seeds:
    expect(any(i.endswith(s) for i in ids), f"good article {s} indexed")
expect("rec-1" in ids and "rec-2" in ids, "both good JSON Lines records indexed")
expect("rec-broken" not in ids, "the broken record is not indexed")
expect(any(i.endswith("huge.txt") for i in ids), "the 20 MB article is indexed")
expect(any(i.endswith("invalid-utf8.txt") for i in ids),
       "the article with invalid UTF-8 is indexed with the bad bytes replaced")
expect(not any(i.endswith("empty.txt") or i.endswith("binary.txt") for i in ids),
       "empty and binary files are not indexed")
expect(d.get_doccount() == len(seeds) + 4, f"doccount {d.get_doccount()} == {len(seeds) + 4}")
expect(d.get_termfreq("record") >= 1, "text after the invalid bytes is searchable")

finish([work])
