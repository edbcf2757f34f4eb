"""Running out of disk: indexing into a 2 MB file system fails with a clear
error naming the database, exit status 1, and leaves the database as of its
last commit.  Needs root to mount a tmpfs (or a loop file system); exits 77
(skipped) when neither can be mounted."""
import os
import subprocess
import sys

import nfgen
from relcheck import (NEWSFACET, committed_state_problems, expect, finish,
                      reference_images, tempdir)

BATCH = 100
N = 2000

work = tempdir()
archive = os.path.join(work, "archive.jsonl")
nfgen.write_archive(archive, N)
mnt = os.path.join(work, "small")
os.makedirs(mnt)


def mount_small():
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt],
                      capture_output=True).returncode == 0:
        return "tmpfs"
    img = os.path.join(work, "small.img")
    with open(img, "wb") as f:
        f.truncate(2 * 1024 * 1024)
    if (subprocess.run(["mkfs.ext4", "-q", "-F", img], capture_output=True).returncode == 0
            and subprocess.run(["mount", "-o", "loop", img, mnt],
                               capture_output=True).returncode == 0):
        return "ext4 loop"
    return None


kind = mount_small()
if not kind:
    print("SKIP: cannot mount a tmpfs or a loop file system here (not root?)")
    subprocess.run(["rm", "-rf", work])
    sys.exit(77)
try:
    ref_db = os.path.join(work, "ref")
    r = subprocess.run([NEWSFACET, "index", "--db", ref_db, "--batch", str(BATCH), "--quiet",
                        archive], capture_output=True, text=True)
    expect(r.returncode == 0, "the reference indexes on a roomy disk")
    reference = reference_images(ref_db)

    db = os.path.join(mnt, "db")
    p = subprocess.run([NEWSFACET, "index", "--db", db, "--batch", str(BATCH), "--quiet",
                        archive], capture_output=True, text=True, timeout=120)
    err = p.stderr
    print(f"{kind}: exit {p.returncode}; stderr (first lines):\n" + "\n".join(err.splitlines()[:5]))
    expect(p.returncode == 1, f"exit status 1 when the disk fills (got {p.returncode})")
    expect("No space left on device" in err, "the error says the disk is full")
    expect(db in err, "the error names the database")
    expect(len(err.splitlines()) < 50, f"a clear error, not one line per article "
           f"({len(err.splitlines())} lines)")
    pr, n = committed_state_problems(db, reference, BATCH, complete_ok=False)
    expect(not pr, f"the database opens and holds its last commit ({n} documents) {pr[:3]}")
    expect(0 < n < N, f"some batches were committed before the disk filled ({n})")
finally:
    subprocess.run(["umount", mnt])
finish([work])
