#!/usr/bin/python3
"""Stand-in for `newsfacet analyze --json`, used only by test_score.py to test the
scorer itself: it prints the expected results of each input (found through
FAKE_NF_EXPECTED, a directory) in the analyser's output shape, altered as
FAKE_NF_MODE says:
  perfect  - exactly the expected values (money repeated once, as occurrences are)
  perturb  - per document: drops the first company, adds model "bogus-model"
             and every optional value of the expected file,
             moves the first money value by +0.3% (inside the tolerance) and the
             second by +1% (outside), and drops the title
  crash    - exits 3 without output
"""
import json
import os
import sys


def emit(name, rid, doc, mode):
    facets = {k: list(v) for k, v in doc["facets"].items()}
    money = [dict(m, text="x", start=0, end=1) for m in doc["money"]]
    money += money[:1]
    title = doc.get("title")
    if mode == "perturb":
        facets["company"] = facets["company"][1:]
        facets["model"] = facets["model"] + ["bogus-model"]
        for facet, values in doc.get("optional", {}).items():   # optional values are never extra
            facets[facet] = facets[facet] + values
        if len(doc["money"]) > 1:
            money[0]["value"] *= 1.003
            money[-1] = dict(money[0])
            money[1]["value"] *= 1.01
        title = None
    obj = {"file": name, "id": rid if rid is not None else doc.get("id"), "title": title,
           "facets": facets, "money": money,
           "percent": [{"value": p, "text": "%s%%" % p} for p in doc["percent"]], "claims": []}
    print(json.dumps(obj))


def main():
    args = sys.argv[1:]
    mode = os.environ.get("FAKE_NF_MODE", "perfect")
    if mode == "crash":
        return 3
    if args[:2] != ["analyze", "--json"]:
        print("fake newsfacet: expected `analyze --json`", file=sys.stderr)
        return 2
    for path in args[2:]:
        name = os.path.basename(path)
        with open(os.path.join(os.environ["FAKE_NF_EXPECTED"], name + ".json"), encoding="utf-8") as f:
            data = json.load(f)
        if "records" in data:
            for rid, doc in data["records"].items():
                emit(name, rid, doc, mode)
        else:
            emit(name, None, data, mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
