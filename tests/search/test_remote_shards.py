"""An archive split over two stock xapian-tcpsrv servers plus a local shard,
searched through one stub file, gives the same hits, totals and facet
counts as the same archive indexed as one database."""
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from nftest import FIXTURES, SEEDS, expect, finish, run, search_json, tempdir  # noqa: E402

work = tempdir()
inputs = [SEEDS] + ([FIXTURES] if os.path.isdir(FIXTURES) else [])
single = os.path.join(work, "single")
sharded = os.path.join(work, "sharded")
run("index", "--db", single, *inputs)
p = run("index", "--db", sharded, "--shards", "3", *inputs)
expect(all(os.path.isdir(os.path.join(sharded, f"shard{i}")) for i in range(3)),
       "--shards 3 writes three shard databases")
with open(os.path.join(sharded, "XAPIANDB")) as f:
    expect(f.read().split() == ["auto", "shard0", "auto", "shard1", "auto", "shard2"],
           "and a stub file listing them")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


servers = []
ports = []
for i in range(2):
    port = free_port()
    srv = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port),
                            "--quiet", os.path.join(sharded, f"shard{i}")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           # On SIGTERM xapian-tcpsrv signals its whole process
                           # group; keep this test out of it.
                           start_new_session=True)
    servers.append(srv)
    ports.append(port)
for port in ports:
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)

stub = os.path.join(work, "remote.stub")
with open(stub, "w") as f:
    f.write(f"remote 127.0.0.1:{ports[0]}\nremote 127.0.0.1:{ports[1]}\n")
    f.write(f"auto {os.path.join(sharded, 'shard2')}\n")

try:
    cases = [
        ("", []), ("openai", []), ("microsoft openai exclusive", []), ('"revenue share"', []),
        ("cloud OR azure", []), ("openai", ["company:microsoft"]),
        ("", ["company:microsoft", "company:openai"]), ("", ["claim:exclusivity-ended"]),
        ("money:1b..100b", []), ("", ["source:reuters", "company:nvidia"]),
        ("partnership", ["published:2025-01-01..2025-12-31"]),
        ("microsoft", ["company:openai", "company:amazon", "cloud:azure", "money:1b.."]),
    ]
    for query, filters in cases:
        args = ["--top", "0", "--limit", "50"]
        for flt in filters:
            args += ["--filter", flt]
        a = search_json(single, *args, query=query)
        b = search_json(stub, *args, query=query)
        label = f"{query!r} {filters}"
        expect(a["total"] == b["total"], f"{label}: total {a['total']} == {b['total']}")
        expect([h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]],
               f"{label}: same hits in the same order")
        expect(all(abs(x["score"] - y["score"]) < 1e-9 for x, y in zip(a["hits"], b["hits"])),
               f"{label}: same scores")
        expect(a["facets"] == b["facets"], f"{label}: every facet count equal")
        # Local shards are counted from in-memory facet columns, remote ones
        # by the stock match spy: both must agree with the single database.
        c = search_json(sharded, *args, query=query)
        expect(a["total"] == c["total"] and a["facets"] == c["facets"]
               and [h["id"] for h in a["hits"]] == [h["id"] for h in c["hits"]],
               f"{label}: local shards give the same hits, total and counts")
    whole = search_json(stub, query="")
    expect(whole["total"] == search_json(single, query="")["total"] and whole["total"] > 0,
           "the remote archive holds every article")
finally:
    for srv in servers:
        srv.terminate()
        srv.wait(timeout=10)

finish([work])
