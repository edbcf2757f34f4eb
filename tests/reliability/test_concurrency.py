"""Two indexers on one database: the second fails at once with a "locked"
error naming the database, exit 1.  Searches while indexing see committed
states only: totals are whole batches, never decrease, and no facet count
exceeds the total."""
import json
import os
import subprocess
import time

import nfgen
from relcheck import NEWSFACET, expect, finish, tempdir

# Enough articles and commits that several searches run while the indexer
# works, even when it is fast and the machine is busy.
BATCH = 50
N = 3000

work = tempdir()
archive = os.path.join(work, "archive.jsonl")
nfgen.write_archive(archive, N)
db = os.path.join(work, "db")

first = subprocess.Popen([NEWSFACET, "index", "--db", db, "--batch", str(BATCH), "--quiet",
                          archive], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
deadline = time.monotonic() + 30
while not os.path.exists(os.path.join(db, "iamglass")) and time.monotonic() < deadline:
    time.sleep(0.01)

second = subprocess.run([NEWSFACET, "index", "--db", db, "--quiet", archive],
                        capture_output=True, text=True, timeout=60)
first_running = first.poll() is None
expect(first_running, "the first indexer was still running when the second started")
expect(second.returncode == 1, f"the second indexer exits 1 (got {second.returncode})")
expect("locked" in second.stderr and db in second.stderr,
       f"the second indexer says the database is locked and names it: {second.stderr.strip()!r}")
expect(len(second.stderr.splitlines()) <= 3, "the lock error is said once")

searches = problems = 0
trouble = []
last_total = 0
while first.poll() is None or searches == 0:
    r = subprocess.run([NEWSFACET, "search", "--db", db, "--json", "--facets",
                        "claim,company,cloud", ""], capture_output=True, text=True)
    searches += 1
    if r.returncode != 0:
        trouble.append(f"search {searches} exited {r.returncode}: {r.stderr.strip()[:200]}")
        continue
    res = json.loads(r.stdout)
    total = res["total"]
    if total % BATCH and total != N:
        trouble.append(f"search {searches}: total {total} is not a committed state")
    if total < last_total:
        trouble.append(f"search {searches}: total fell from {last_total} to {total}")
    last_total = total
    for facet, values in res.get("facets", {}).items():
        for v in values:
            if not 0 < v["count"] <= total:
                trouble.append(f"search {searches}: {facet}={v['value']} count "
                               f"{v['count']} with total {total}")
out, err = first.communicate()
expect(first.returncode == 0, f"the first indexer finishes (rc {first.returncode}, {err[-300:]!r})")
print(f"{searches} searches while indexing; last total {last_total}")
expect(searches >= 3, f"several searches ran during indexing ({searches})")
expect(not trouble, "every search saw a committed state" + "".join("\n  " + t for t in trouble[:5]))
r = subprocess.run([NEWSFACET, "search", "--db", db, "--json", ""], capture_output=True, text=True)
expect(json.loads(r.stdout)["total"] == N, "after indexing every article is found")
finish([work])
