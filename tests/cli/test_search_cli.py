"""The query language and facet counts, checked against what `newsfacet
analyze` says each article holds (counted here independently)."""
import os
from collections import Counter

from nftest import FIXTURES, SEEDS, analyze, expect, finish, run, search_json, tempdir

work = tempdir()
db = os.path.join(work, "db")
inputs = [SEEDS] + ([FIXTURES] if os.path.isdir(FIXTURES) else [])
run("index", "--db", db, *inputs)          # some fixtures are broken on purpose
docs = {a["id"]: a for a in analyze(*inputs)}
N = len(docs)
expect(N >= 5, f"{N} articles analysed")

TERM_FACETS = ["company", "cloud", "model", "claim", "stance", "source", "cites"]


def docs_with(facet, value):
    return {i for i, a in docs.items() if value in a["facets"].get(facet, [])}


def total(query="", *filters):
    args = ["--limit", "1000"]
    for f in filters:
        args += ["--filter", f]
    return search_json(db, *args, query=query)


# Everything, and exact facet counts for every facet.
res = total("", )
expect(res["total"] == N and res["exact"] is True, f"empty query matches all {N}")
everything = search_json(db, "--top", "0", query="")
for facet in TERM_FACETS:
    want = Counter(v for a in docs.values() for v in a["facets"].get(facet, []))
    got = {e["value"]: e["count"] for e in everything["facets"].get(facet, [])}
    expect(got == dict(want), f"{facet} counts exact and multi-valued: {got} == {dict(want)}")

# A prefix for every facet, as a query and as a filter.
for facet in TERM_FACETS:
    values = Counter(v for a in docs.values() for v in a["facets"].get(facet, []))
    if not values:
        expect(False, f"the archive has {facet} values to test with")
        continue
    value, count = values.most_common(1)[0]
    got = search_json(db, "--limit", "1000", query=f"{facet}:{value}")
    expect(got["total"] == count, f"query {facet}:{value} matches {count} (got {got['total']})")
    got_ids = {h["id"] for h in got["hits"]}
    expect(got_ids == docs_with(facet, value), f"query {facet}:{value} matches the right articles")
    got = total("", f"{facet}:{value}")
    expect(got["total"] == count, f"filter {facet}:{value} matches {count}")

# Unknown values give no hits, not an error.
got = search_json(db, query="company:no-such-company")
expect(got["total"] == 0, "an unknown facet value gives zero hits")

# Free text with a facet and boolean operators.
got = search_json(db, "--limit", "1000", query="openai AND NOT company:microsoft")
expect(all("microsoft" not in docs[h["id"]]["facets"]["company"] for h in got["hits"]),
       "NOT company:microsoft excludes microsoft articles")
got = search_json(db, "--limit", "1000", query='title:openai')
expect(got["total"] >= 1, "title: prefix finds headlines")

# Money ranges with units: any amount in the range.
def money_docs(lo, hi):
    return {i for i, a in docs.items()
            if any(lo <= m.get("usd", m["value"]) <= hi for m in a["money"])}

for q, lo, hi in [("money:1b..10b", 1e9, 1e10), ("money:..500m", 0, 5e8),
                  ("money:250m..", 2.5e8, float("inf")), ("money:$13bn..13bn", 13e9, 13e9)]:
    got = search_json(db, "--limit", "1000", query=q)
    want = money_docs(lo, hi)
    expect({h["id"] for h in got["hits"]} == want, f"{q} matches every article with an amount in range ({len(want)})")

def pct_docs(lo, hi):
    return {i for i, a in docs.items() if any(lo <= p["value"] <= hi for p in a["percent"])}
got = search_json(db, "--limit", "1000", query="percent:10..50")
expect({h["id"] for h in got["hits"]} == pct_docs(10, 50), "percent:10..50 matches by any percentage")

# Dates.
def date_docs(lo, hi):
    return {i for i, a in docs.items() if a.get("published", "")[:10] and lo <= a["published"][:10] <= hi}
got = search_json(db, "--limit", "1000", query="published:2025-01-01..2025-12-31")
expect({h["id"] for h in got["hits"]} == date_docs("2025-01-01", "2025-12-31"),
       f"published: date range ({len(date_docs('2025-01-01', '2025-12-31'))} articles)")

# Malformed queries: a clear error that says where.
for bad, word in [("money:abc..5b", "abc"), ("money:5zz..", "zz"), ("published:2025-13x..", "2025-13x"),
                  ("openai AND", "AND")]:
    p = run("search", "--db", db, bad)
    expect(p.returncode == 1 and word in p.stderr, f"malformed {bad!r} is an error naming {word!r}: {p.stderr.strip()[:160]!r}")
p = run("search", "--db", db, "--filter", "nosuchfacet:x", "openai")
expect(p.returncode == 1 and "nosuchfacet" in p.stderr, "an unknown facet in a filter is an error naming it")

# Multi-select: a facet's own selection is left out when it is counted.
companies = Counter(v for a in docs.values() for v in a["facets"]["company"])
(c1, _), (c2, _) = companies.most_common(2)
sel = search_json(db, "--top", "0", "--filter", f"company:{c1}", query="")
expect(sel["total"] == len(docs_with("company", c1)), f"filter company:{c1} total")
got = {e["value"]: e["count"] for e in sel["facets"]["company"]}
expect(got == dict(companies), "company counts ignore the company selection (multi-select)")
cloud_want = Counter(v for i in docs_with("company", c1) for v in docs[i]["facets"]["cloud"])
got = {e["value"]: e["count"] for e in sel["facets"]["cloud"]}
expect(got == dict(cloud_want), "other facets are counted within the selection")
both = search_json(db, "--filter", f"company:{c1}", "--filter", f"company:{c2}", query="")
expect(both["total"] == len(docs_with("company", c1) | docs_with("company", c2)),
       "two values of one facet OR together")

finish([work])
