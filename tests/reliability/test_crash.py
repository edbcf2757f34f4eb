"""Crash safety: `newsfacet index --batch 100` killed with SIGKILL at random
moments (seeded) leaves a database that opens and holds exactly the
documents of its last commit; re-running finishes the job, each article
indexed exactly once."""
import os
import random
import shutil
import signal
import subprocess
import time

import nfgen
from relcheck import (NEWSFACET, committed_state_problems, expect, facet_problems,
                      finish, reference_images, tempdir)

import xapian

BATCH = 100
N = 2000
WANT_KILLS = 20
# Rounds, not seconds, bound the loop: on a slow or busy machine (or under
# a sanitizer) it takes longer but still does the same work.  A round
# kills unless the run finished before its random delay.
MAX_ROUNDS = 3 * WANT_KILLS

work = tempdir()
archive = os.path.join(work, "archive.jsonl")
ids = nfgen.write_archive(archive, N)


def index(db):
    return subprocess.Popen([NEWSFACET, "index", "--db", db, "--batch", str(BATCH), "--quiet",
                             archive], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


# The reference: one uninterrupted run, which also says how long a run takes.
ref_db = os.path.join(work, "ref")
t0 = time.monotonic()
p = index(ref_db)
out, err = p.communicate()
full_s = time.monotonic() - t0
expect(p.returncode == 0, f"uninterrupted run succeeds (rc {p.returncode}, {err[-300:]!r})")
reference = reference_images(ref_db)
expect(sorted(reference) == ids, f"reference holds every article once ({len(reference)})")
rd = xapian.Database(ref_db)
bad = [f"{did}: {pr}" for did, pr in
       ((post.docid, facet_problems(rd.get_document(post.docid))) for post in rd.postlist("")) if pr]
expect(not bad, f"facet slots match facet terms in every document {bad[:3]}")
print(f"uninterrupted run: {full_s:.2f} s")

rng = random.Random(20261123)
kills = rounds = fresh = 0
problems = []
db = None
last_count = 0
start = time.monotonic()
while kills < WANT_KILLS and rounds < MAX_ROUNDS:
    if db is None:
        db = os.path.join(work, f"db{fresh}")
        fresh += 1
        last_count = 0
    rounds += 1
    # Kill within the first half of a full run: later rounds resume a
    # partly indexed database, and a busy machine slows the reference run.
    delay = rng.uniform(0.0, full_s * 0.5)
    p = index(db)
    time.sleep(delay)
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        kills += 1
    p.communicate()
    pr, n = committed_state_problems(db, reference, BATCH)
    if pr:
        problems.append(f"after round {rounds} (kill at {delay:.2f} s): {pr}")
    if n < last_count:
        problems.append(f"round {rounds}: doccount fell from {last_count} to {n}")
    last_count = n
    if p.returncode == 0 or n == N:
        db = None   # finished: start over on a fresh database to keep killing
elapsed = time.monotonic() - start
print(f"{kills} kills in {rounds} rounds on {fresh} databases, {elapsed:.1f} s")
expect(kills >= WANT_KILLS, f"at least {WANT_KILLS} runs killed mid-way (got {kills})")
expect(not problems, "after every kill the database is exactly a committed state"
       + ("".join("\n  " + x for x in problems[:5])))

# Finish the last database: every article exactly once.
final_db = db or os.path.join(work, f"db{fresh - 1}")
p = index(final_db)
out, err = p.communicate()
expect(p.returncode == 0, f"the re-run after the kills succeeds (rc {p.returncode})")
pr, n = committed_state_problems(final_db, reference, BATCH)
expect(n == N and not pr, f"the re-run ends with all {N} articles, each once ({n}, {pr[:3]})")

expect(not os.path.exists(final_db + ".nf-creating"), "no half-created database is left")

# Kills while the database is being created: a new database is built beside
# its path and renamed into place, so there is no database or an empty one.
creation_kills = 0
trouble = []
for i in range(10):
    db = os.path.join(work, f"new{i}")
    p = index(db)
    deadline = time.monotonic() + 10
    while (not os.path.exists(db) and not os.path.exists(db + ".nf-creating")
           and p.poll() is None and time.monotonic() < deadline):
        time.sleep(0.0005)
    time.sleep(rng.uniform(0.0, 0.004))
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        creation_kills += 1
    p.communicate()
    pr, n = committed_state_problems(db, reference, BATCH)
    if pr:
        trouble.append(f"creation kill {i}: {pr}")
print(f"{creation_kills} kills while creating a database")
expect(creation_kills >= 5, f"several runs killed while creating the database ({creation_kills})")
expect(not trouble, "a database killed while being created is absent or opens"
       + "".join("\n  " + t for t in trouble[:5]))
p = index(db)
p.communicate()
pr, n = committed_state_problems(db, reference, BATCH)
expect(p.returncode == 0 and n == N and not pr, "indexing again after such a kill completes")

finish([work])
