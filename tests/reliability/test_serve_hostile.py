"""`newsfacet serve` under hostile requests: a bounded loop (count and
time) of malformed and random requests on 127.0.0.1.  The server never
crashes and never answers 5xx; random bytes, random paths and huge headers
get a 4xx with a message (or the connection is closed); odd but parseable
queries (an unclosed phrase, invalid UTF-8 in q) may also be answered 200."""
import os
import random
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serve"))
from relcheck import SEEDS, expect, finish, run, tempdir  # noqa: E402
from servetest import Server  # noqa: E402

work = tempdir()
db = os.path.join(work, "db")
run("index", "--db", db, "--quiet", SEEDS)
srv = Server("--db", db, "--threads", "2")


def raw(request, timeout=10):
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)
    try:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        data = b""
        while len(data) < 1 << 20:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data
    finally:
        s.close()


rng = random.Random(4242)
fixed = [
    b"/api/search?q=%22unclosed+phrase&facets=company",
    b"/api/search?q=AND+OR+NOT+(((&facets=company",
    b"/api/search?q=x&facets=nosuchfacet",
    b"/api/search?q=x&filter=nosuchfacet:v",
    b"/api/search?q=x&size=-5",
    b"/api/search?q=x&page=99999999999999999999",
    b"/api/search?q=x&sort=sideways",
    b"/api/search?q=" + b"%ff%fe%c3%28" * 10,
    b"/api/search?q=" + b"a" * 200000,
    b"/api/doc/" + b"%ff" * 50,
    b"/api/doc/",
    b"/api/facets?filter=" + b"x" * 100000,
]
problems = []
count = 0
start = time.monotonic()
for i in range(300):
    if time.monotonic() - start > 40:
        break
    if i < len(fixed):
        req = b"GET " + fixed[i] + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    elif i % 3 == 0:
        path = bytes(rng.randrange(33, 256) for _ in range(rng.randrange(1, 300)))
        req = b"GET /x" + path.replace(b" ", b"") + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    elif i % 3 == 1:
        req = (b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nX-Big: " + b"h" * rng.randrange(100000, 300000)
               + b"\r\n\r\n")
    else:
        req = bytes(rng.randrange(0, 256) for _ in range(rng.randrange(1, 2000))) + b"\r\n\r\n"
    count += 1
    try:
        resp = raw(req)
    except OSError as e:
        resp = b""
        if srv.proc.poll() is not None:
            problems.append(f"request {i}: server died ({e})")
            break
    status = resp.split(b" ", 2)[1] if resp.startswith(b"HTTP/1.") else b""
    body = resp.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in resp else b""
    lenient = i < len(fixed) and status == b"200"
    if resp and not lenient and not (status.startswith(b"4") and body.strip()):
        problems.append(f"request {i} ({req[:60]!r}): {resp[:120]!r}")
    if srv.proc.poll() is not None:
        problems.append(f"request {i}: server exited with {srv.proc.returncode}")
        break
elapsed = time.monotonic() - start
print(f"{count} hostile requests in {elapsed:.1f} s")
expect(srv.proc.poll() is None, "the server survives every request")
ok = raw(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
expect(b" 200 " in ok.split(b"\r\n", 1)[0], "and still answers /health")
expect(not problems, f"each request answered with a 4xx and a message, never 5xx ({len(problems)} not)"
       + "".join("\n  " + p for p in problems[:8]))
srv.stop()
finish([work])
