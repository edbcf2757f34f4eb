"""newsfacet serve: the JSON API against the CLI over fixtures/articles:
totals, hits and facet counts equal `newsfacet search --json`; bad
parameters 400, unknown routes 404, other methods 405, no path traversal,
admin actions only with the token; new commits are picked up while the
server runs."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from nftest import FIXTURES, expect, finish, run, search_json, tempdir  # noqa: E402
from servetest import Server  # noqa: E402

work = tempdir()
db = os.path.join(work, "db")
first, later = os.path.join(work, "first"), os.path.join(work, "later")
os.makedirs(first)
os.makedirs(later)
# The JSON Lines file is indexed while the server runs (reopen check).
for name in sorted(os.listdir(FIXTURES)):
    shutil.copy(os.path.join(FIXTURES, name), later if name.endswith(".jsonl") else first)
run("index", "--db", db, "--quiet", first, check=0)

srv = Server("--db", db)
try:
    expect("ABI 1." in srv.banner, f"the banner names the plugin's ABI: {srv.banner.strip()}")
    status, health, _ = srv.get("/health")
    cli_all = search_json(db, "--top", "0")
    expect(status == 200 and health["status"] == "ok", f"/health answers ok: {health}")
    expect(health["documents"] == cli_all["total"],
           f"/health counts the database's articles: {health['documents']} == {cli_all['total']}")

    # Facet values to select, taken from the data (no hard-coded counts).
    top = {f: [v["value"] for v in vals] for f, vals in cli_all["facets"].items()}
    claim1, claim2 = top["claim"][0], top["claim"][1]
    co1, co2 = top["company"][0], top["company"][1]
    cases = [
        ("", [], None),
        ("microsoft", [], None),
        ("openai partnership", [f"claim:{claim1}"], None),
        ("", [f"claim:{claim1}", f"claim:{claim2}"], None),          # one facet: OR
        ("", [f"company:{co1}", f"company:{co2}", f"claim:{claim1}"], None),  # multi-select
        ("cloud", [], "company,claim,stance"),
        ("", ["money:1b..100b"], "money,company"),
    ]
    for q, filters, facets in cases:
        params = {"q": q, "filter": filters, "top": "10"}
        cli_args = ["--top", "10"]
        for f in filters:
            cli_args += ["--filter", f]
        if facets:
            params["facets"] = facets
            cli_args += ["--facets", facets]
        status, api, _ = srv.get("/api/search", params)
        cli = search_json(db, *cli_args, query=q)
        label = f"q={q!r} filters={filters} facets={facets}"
        expect(status == 200, f"{label}: 200 ({status})")
        if status != 200:
            continue
        expect(api["total"] == cli["total"], f"{label}: total {api['total']} == CLI {cli['total']}")
        expect(api["facets"] == cli["facets"], f"{label}: facet counts equal the CLI's")
        expect([h["id"] for h in api["hits"]] == [h["id"] for h in cli["hits"]],
               f"{label}: the same hits in the same order")
        expect(api["page"] == 1 and api["pages"] == (cli["total"] + 9) // 10,
               f"{label}: page info {api['page']}/{api['pages']}")
        # the CLI's whole answer (snippets, claims...), paging appended last
        expect(list(api)[-3:] == ["page", "size", "pages"] and api["size"] == 10,
               f"{label}: page, size, pages come last ({list(api)[-3:]})")
        rest = {k: v for k, v in api.items() if k not in ("took_ms", "page", "size", "pages")}
        expect(rest == {k: v for k, v in cli.items() if k != "took_ms"},
               f"{label}: otherwise the CLI's answer, member for member")

    # Multi-select: selecting a claim leaves the claim facet's own counts as without it.
    _, sel, _ = srv.get("/api/search", {"filter": f"claim:{claim1}", "facets": "claim,company"})
    _, nosel, _ = srv.get("/api/search", {"facets": "claim,company"})
    expect(sel["facets"]["claim"] == nosel["facets"]["claim"],
           "a facet's own selection is left out of its counts")
    expect(sel["total"] == dict((v["value"], v["count"]) for v in nosel["facets"]["claim"])[claim1],
           f"selecting claim {claim1} gives its count as the total ({sel['total']})")

    # Paging and date sort equal the CLI's offset/limit.
    status, p2, _ = srv.get("/api/search", {"q": "", "page": "2", "size": "4", "sort": "date"})
    cli_p2 = search_json(db, "--offset", "4", "--limit", "4", "--sort", "date")
    expect(status == 200 and [h["id"] for h in p2["hits"]] == [h["id"] for h in cli_p2["hits"]],
           "page 2 of 4 sorted by date equals the CLI's --offset 4 --limit 4 --sort date")

    # /api/facets: every facet, every value.
    status, fac, _ = srv.get("/api/facets")
    expect(status == 200 and fac["facets"] == cli_all["facets"] and "hits" not in fac,
           "/api/facets gives all facet counts, as `search --top 0`")

    # /api/doc/ID: the article's facets and evidence.
    _, hit, _ = srv.get("/api/search", {"filter": f"claim:{claim1}", "size": "1"})
    doc_id = hit["hits"][0]["id"]
    status, doc, _ = srv.get("/api/doc/" + __import__("urllib.parse").parse.quote(doc_id, safe=""))
    expect(status == 200 and doc["id"] == doc_id, f"/api/doc/ID finds {doc_id}")
    expect(claim1 in doc.get("facets", {}).get("claim", []),
           f"the article's claim facet holds the selected {claim1}: {doc.get('facets', {}).get('claim')}")
    expect(doc.get("claims") == hit["hits"][0]["claims"],
           "the article's claim evidence equals the hit's")
    status, _, _ = srv.get("/api/doc/no-such-article-id")
    expect(status == 404, f"an unknown article id is 404 ({status})")

    # Bad parameters: 400 with a message.
    bad = [{"page": "0"}, {"page": "x"}, {"size": "1000"}, {"sort": "random"}, {"top": "-1"},
           {"bogus": "1"}, {"facets": "nosuchfacet"}, {"facets": "Bad Name"},
           {"filter": "nosuchfacet:x"}, {"filter": "nocolon"}, {"q": "x" * 5000},
           {"q": ["a", "b"]}, {"filter": [f"claim:{claim1}"] * 70}]
    for params in bad:
        status, body, _ = srv.get("/api/search", params)
        shown = {k: (v if len(str(v)) < 40 else str(v)[:20] + "...") for k, v in params.items()}
        expect(status == 400 and isinstance(body, dict) and body.get("error"),
               f"{shown}: 400 with an error ({status}, {str(body)[:100]})")

    # Routes and methods.
    for path in ("/api/nothing", "/api", "/nothing.html", "/no/such/file.js"):
        status, _, _ = srv.get(path)
        expect(status == 404, f"GET {path}: 404 ({status})")
    for method in ("PUT", "DELETE", "POST", "PATCH"):
        status, body, _ = srv.get("/api/search", method=method)
        expect(status == 405, f"{method} /api/search: 405 ({status})")
    status, _, _ = srv.get("/api/admin/reload-schema")
    expect(status == 405, f"GET on an admin action: 405 ({status})")
    status, body, _ = srv.get("/api/search", {"q": "microsoft"}, method="HEAD")
    expect(status == 200 and body == "", f"HEAD /api/search: 200 without a body ({status})")

    # Static files: the page, and nothing outside the web directory.
    status, page, hdrs = srv.get("/")
    expect(status == 200 and "<html" in page.lower() and hdrs["Content-Type"].startswith("text/html"),
           "/ serves the search page")
    expect("script-src 'self'" in hdrs.get("Content-Security-Policy", ""),
           "the page is served with a Content-Security-Policy")
    for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                 "/..%2f..%2f..%2fetc%2fpasswd", "/%2E%2E%2F%2E%2E%2Fetc/passwd",
                 "/web/../index.html", "/.%2e/index.html", "/%252e%252e/etc/passwd",
                 "/..\\..\\etc\\passwd"):
        status, body = srv.raw(path)
        expect(status in (400, 404) and "root:" not in body, f"GET {path}: refused ({status})")

    # Admin: disabled without a token.
    status, body, _ = srv.get("/api/admin/reload-schema", method="POST")
    expect(status == 403 and "disabled" in body["error"], f"admin without a token: 403 ({status})")

    # Reopen: index more into the same database while the server runs.
    before = srv.get("/health")[1]["documents"]
    run("index", "--db", db, "--quiet", later, check=0)
    cli_after = search_json(db, "--top", "10")
    status, after, _ = srv.get("/api/search", {"top": "10"})
    expect(after["total"] == cli_after["total"] and after["total"] > before,
           f"after indexing more, the server sees the new articles: {before} -> {after['total']}")
    expect(after["facets"] == cli_after["facets"], "and its counts equal the CLI's again")
finally:
    code = srv.stop()
expect(code == 0, f"the server stops cleanly on SIGTERM (exit {code})")

# Admin with a token.
token_file = os.path.join(work, "token")
with open(token_file, "w") as f:
    f.write("s3cret-token-for-tests\n")
srv = Server("--db", db, "--admin-token-file", token_file)
try:
    status, _, _ = srv.get("/api/admin/reload-schema", method="POST")
    expect(status == 401, f"admin without Authorization: 401 ({status})")
    status, _, _ = srv.get("/api/admin/reload-schema", method="POST",
                           headers={"Authorization": "Bearer wrong-token-xx"})
    expect(status == 401, f"admin with a wrong token: 401 ({status})")
    status, body, _ = srv.get("/api/admin/reload-schema", method="POST",
                              headers={"Authorization": "Bearer s3cret-token-for-tests"})
    expect(status == 200 and body.get("status") == "reloaded", f"admin with the token reloads: {body}")
    status, res, _ = srv.get("/api/search", {"q": "microsoft"})
    expect(status == 200 and res["total"] == search_json(db, query="microsoft")["total"],
           "searches work after a schema reload")
finally:
    srv.stop()

# A plugin of another ABI is refused with the reason.
fake = os.environ.get("NF_FAKE_PLUGIN")
if fake:
    p = run("serve", "--db", db, "--port", "0", "--plugin", fake)
    expect(p.returncode == 1 and "ABI" in p.stderr, f"a plugin of another ABI is refused: {p.stderr.strip()}")
p = run("serve", "--port", "0")
expect(p.returncode == 2, "serve without --db is a usage error")
finish([work])
