"""Helpers shared by the CLI integration tests (standard library + xapian)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE_ROOT = os.environ.get("NF_SOURCE_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD_ROOT = os.environ.get("NF_BUILD_ROOT", os.path.join(SOURCE_ROOT, "build"))
SEEDS = os.environ.get("NF_SEEDS", os.path.join(SOURCE_ROOT, "..", "shared", "corpus", "seeds"))
NEWSFACET = os.path.join(BUILD_ROOT, "tools", "newsfacet", "newsfacet")
SCHEMA = os.path.join(SOURCE_ROOT, "schema")
FIXTURES = os.path.join(SOURCE_ROOT, "fixtures", "articles")

failures = []


def run(*args, check=None, **kw):
    """Run newsfacet with ARGS; returns CompletedProcess (text)."""
    p = subprocess.run([NEWSFACET, *args], capture_output=True, text=True, **kw)
    if check is not None and p.returncode != check:
        raise AssertionError(f"newsfacet {' '.join(args)} exited {p.returncode}, wanted {check}\n"
                             f"stdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-2000:]}")
    return p


def search_json(db, *args, query=""):
    p = run("search", "--db", db, "--json", *args, query, check=0)
    return json.loads(p.stdout)


def analyze(*inputs):
    p = run("analyze", "--json", *inputs)
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def expect(cond, message):
    if not cond:
        failures.append(message)
        print("FAIL:", message)
    else:
        print("ok:", message)


def tempdir():
    d = tempfile.mkdtemp(prefix="nftest-")
    return d


def finish(cleanup=()):
    for d in cleanup:
        shutil.rmtree(d, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)
