"""newsfacet serve: the search page in headless Chromium (Debian's chromium,
driven by playwright-core from npm).  Skips (77) only when chromium or node
are not installed and cannot be; says why."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from nftest import BUILD_ROOT, FIXTURES, expect, finish, run, tempdir  # noqa: E402
from servetest import Server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = "/usr/bin/chromium"
node, npm = shutil.which("node"), shutil.which("npm")
if not os.access(CHROMIUM, os.X_OK) or not node or not npm:
    print(f"SKIP: needs {CHROMIUM}, node and npm (bash scripts/setup.sh installs them): "
          f"chromium={os.access(CHROMIUM, os.X_OK)} node={node} npm={npm}")
    sys.exit(77)

# playwright-core from the lock file, installed next to a copy of the test
# in the build dir (the source tree stays clean).
work_js = os.path.join(BUILD_ROOT, "tests", "serve", "browser")
os.makedirs(work_js, exist_ok=True)
for f in ("package.json", "package-lock.json", "browser_test.mjs"):
    shutil.copy(os.path.join(HERE, f), work_js)
if not os.path.isdir(os.path.join(work_js, "node_modules", "playwright-core")):
    p = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=work_js, capture_output=True, text=True)
    if p.returncode != 0:
        print("FAIL: npm ci:", p.stderr[-2000:])
        sys.exit(1)

work = tempdir()
db = os.path.join(work, "db")
run("index", "--db", db, "--quiet", FIXTURES, check=0)
shot = os.path.join(BUILD_ROOT, "tests", "serve", "search-page.png")
srv = Server("--db", db)
try:
    env = dict(os.environ)
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(k, None)
    p = subprocess.run([node, "browser_test.mjs", srv.base, shot, os.path.join(work, "chromium-profile")],
                       cwd=work_js, capture_output=True, text=True, timeout=180, env=env)
    print(p.stdout)
    print(p.stderr[-3000:])
    expect(p.returncode == 0, "the page behaves in headless Chromium")
    expect(os.path.getsize(shot) > 10000 if os.path.exists(shot) else False, f"a screenshot was saved: {shot}")
finally:
    srv.stop()
finish([work])
