"""The stock omega CGI (xapian-omega) searches an index built by
`newsfacet index`, with the shipped template schema/omega/newsfacet: its
match counts and hits agree with `newsfacet search --json` for plain
queries, the prefixes the template adds (title: author: company: cloud:
model: claim: stance: source: cites:) and B= filters; drill-down links
carry the right B= filters and lead to as many matches as they promise.

One difference that is right: Omega's default operator between query words
is AND (since Omega 1.3), `newsfacet search`'s is Xapian's QueryParser
default, OR.  The comparisons pass DEFAULTOP=or; a separate check shows
omega's own default matching "A AND B" in newsfacet."""
import html
import os
import re
import subprocess
import urllib.parse

from omegatest import (FIXTURES, SOURCE_ROOT, expect, finish, run, search_json,
                       tempdir)

OMEGA = "/usr/lib/cgi-bin/omega/omega"
TEMPLATES = os.path.join(SOURCE_ROOT, "schema", "omega")

tmp = tempdir()
dbs = os.path.join(tmp, "dbs")
os.makedirs(dbs)
db = os.path.join(dbs, "fixtures")
run("index", "--db", db, "--quiet", FIXTURES, check=0, cwd=SOURCE_ROOT)
conf = os.path.join(tmp, "omega.conf")
with open(conf, "w") as f:
    f.write(f"database_dir {dbs}\ntemplate_dir {TEMPLATES}\nlog_dir {tmp}\n")


def omega(params):
    """Run omega as a CGI with PARAMS (list of (name, value)); the page."""
    env = dict(os.environ, OMEGA_CONFIG_FILE=conf, REQUEST_METHOD="GET",
               GATEWAY_INTERFACE="CGI/1.1", SCRIPT_NAME="/cgi-bin/omega",
               QUERY_STRING=urllib.parse.urlencode(params))
    p = subprocess.run([OMEGA], capture_output=True, text=True, env=env, cwd=tmp)
    assert p.returncode == 0, f"omega exited {p.returncode}: {p.stderr}"
    return p.stdout


def page(query="", filters=(), extra=(("DEFAULTOP", "or"),)):
    params = [("DB", "fixtures"), ("FMT", "newsfacet"), ("HITSPERPAGE", "100"),
              ("MINHITS", "1000"), ("P", query)] + [("B", b) for b in filters] + list(extra)
    out = omega(params)
    m = re.search(r'<p class="count" data-matches="(\d+)" data-exact="([^"]*)"', out)
    assert m, f"no count in omega's page for {params}:\n{out[:2000]}"
    ids = [html.unescape(i) for i in re.findall(r'<li class="hit" data-id="([^"]*)"', out)]
    return int(m.group(1)), m.group(2) == "true", ids, out


# (query, omega B filters, newsfacet --filter options)
CASES = [
    ("openai", [], []),
    ("exclusive partnership", [], []),
    ('"cloud provider"', [], []),
    ("openai claim:exclusivity-ended", [], []),
    ("claim:exclusivity-ended stance:exclusivity-ended:denied", [], []),
    ("source:reuters", [], []),
    ("cites:bloomberg OR cites:reuters", [], []),
    ("company:microsoft cloud:azure", [], []),
    ("model:claude", [], []),
    ("title:openai", [], []),
    ("author:raman", [], []),
    ("microsoft -azure", [], []),
    ("", ["XCLAIMexclusivity-ended"], ["claim:exclusivity-ended"]),
    ("", ["XSOURCEreuters"], ["source:reuters"]),
    ("microsoft", ["XCOopenai", "XCOoracle"], ["company:openai", "company:oracle"]),
    ("cloud", ["XCOopenai", "XCLOUDazure"], ["company:openai", "cloud:azure"]),
    ("", ["XSTANCEexclusivity-ended:hedged"], ["stance:exclusivity-ended:hedged"]),
    ("revenue", ["XCITESbloomberg", "XCITEScnbc"], ["cites:bloomberg", "cites:cnbc"]),
]

nonzero = 0
for query, bfilters, nffilters in CASES:
    n, exact, ids, _ = page(query, bfilters)
    args = ["--limit", "1000"]
    for f in nffilters:
        args += ["--filter", f]
    nf = search_json(db, *args, query=query)
    nf_ids = sorted(h["id"] for h in nf["hits"])
    label = f"P={query!r} B={bfilters}"
    expect(exact and n == nf["total"], f"{label}: omega {n} (exact {exact}), newsfacet {nf['total']}")
    expect(sorted(ids) == nf_ids, f"{label}: the same {len(ids)} articles")
    nonzero += n > 0
expect(nonzero >= len(CASES) - 2, f"the cases match something ({nonzero} of {len(CASES)})")

# Omega's default operator is AND: as newsfacet's explicit AND.
for words in ["exclusive partnership", "openai microsoft azure"]:
    n = page(words, extra=())[0]
    nf_and = search_json(db, query=" AND ".join(words.split()))["total"]
    nf_or = search_json(db, query=words)["total"]
    expect(n == nf_and, f"omega's default {words!r}: {n}, newsfacet with AND {nf_and} (OR: {nf_or})")

# A template prefix is a real filter: claim: narrows, an unknown claim matches nothing.
n_all = page("openai")[0]
n_claim = page("openai claim:exclusivity-ended")[0]
expect(0 < n_claim < n_all, f"claim: narrows openai ({n_claim} of {n_all})")
expect(page("claim:no-such-claim")[0] == 0, "an unknown claim matches nothing")

# Drill-down: with every hit on the page, each facet value's link adds its
# B= filter and the page it leads to has as many matches as it shows.
n, _, _, out = page("openai")
links = re.findall(r'<li><a href="([^"]*)" data-term="([^"]*)">[^<]*</a> <span class="n">(\d+)</span>', out)
expect(len(links) > 20, f"drill-down links on the page ({len(links)})")
checked = 0
for href, term, count in links[::4]:
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(html.unescape(href)).query)
    term = html.unescape(term)
    if term not in q.get("B", []):
        continue
    m, exact, _, _ = page(q["P"][0], q["B"])
    expect(m == int(count), f"drill-down B={term}: {m} matches, the link said {count}")
    checked += 1
expect(checked >= 5, f"drill-down links checked ({checked})")

# Selected filters are shown and each can be removed.
_, _, _, out = page("microsoft", ["XCOopenai", "XCLOUDazure"])
removes = re.findall(r'<a href="([^"]*)" title="remove" data-filter="([^"]*)"', out)
expect(sorted(html.unescape(t) for _, t in removes) == ["XCLOUDazure", "XCOopenai"],
       f"both filters are listed with a remove link ({[t for _, t in removes]})")
for href, term in removes:
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(html.unescape(href)).query)
    expect(html.unescape(term) not in q.get("B", []) and len(q.get("B", [])) == 1,
           f"removing {html.unescape(term)} keeps the other filter")

# Hits show caption, source, date and the claim evidence from the data.
_, _, _, out = page("", ["XSTANCEexclusivity-ended:denied"])
expect('data-claim="exclusivity-ended"' in out and "<i>denied</i>" in out,
       "denied exclusivity evidence is shown for B=XSTANCEexclusivity-ended:denied")
expect(re.search(r'<div class="meta"><a href="[^"]*B=XSOURCE[^"]*">[^<]+</a> &middot; \d{4}-\d\d-\d\d', out)
       is not None, "hits show a source link and the publication date")

finish([tmp])
