#!/usr/bin/python3
"""Score `newsfacet analyze --json` against hand-written expected results.

For every input article that has an expected file (<expected dir>/<file name>.json,
see fixtures/README.md) the analyser's output object is matched by "file" (and
"id" for JSON Lines records), and every facet is compared as a set.  Prints
per-facet precision, recall and F1, micro-averaged over documents (true and
false positives and negatives summed over all documents, then the ratios).

Exit status: 0 all requested minimums and exact matches hold; 1 one does not;
2 usage error, malformed expected file or analyser failure; 77 the newsfacet
binary does not exist (meson counts 77 as a skipped test).

Standard library only; run it with /usr/bin/python3.
"""

import argparse
import json
import os
import subprocess
import sys

SET_FACETS = ["company", "cloud", "model", "claim", "stance", "source", "cites"]
FACETS = ["company", "cloud", "model", "money", "percent", "claim", "stance", "source", "cites"]
IDENT = ["title", "id"]            # exact-string checks, reported as accuracy
ARTICLE_EXTS = (".txt", ".html", ".htm", ".jsonl")
MONEY_TOLERANCE = 0.005            # relative: 0.5%
PERCENT_TOLERANCE = 1e-6           # absolute
EXIT_SKIP = 77

SOURCE_ROOT = os.environ.get("NF_SOURCE_ROOT") or \
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ExpectedError(Exception):
    """A malformed expected file: names the file and what is wrong."""


# ---------------------------------------------------------------- expected files

def _check_sorted_set(values, where):
    if not isinstance(values, list):
        raise ExpectedError("%s: must be a list" % where)
    if len(set(map(json.dumps, values))) != len(values):
        raise ExpectedError("%s: duplicate values %r" % (where, values))
    if values != sorted(values):
        raise ExpectedError("%s: not sorted: %r" % (where, values))


def validate_doc(doc, where):
    """Checks one expected document object; raises ExpectedError."""
    facets = doc.get("facets")
    if not isinstance(facets, dict):
        raise ExpectedError("%s: missing \"facets\" object" % where)
    for name in SET_FACETS:
        if name not in facets:
            raise ExpectedError("%s: facets.%s missing" % (where, name))
        _check_sorted_set(facets[name], "%s: facets.%s" % (where, name))
        for v in facets[name]:
            if not isinstance(v, str) or v != v.lower() or " " in v:
                raise ExpectedError("%s: facets.%s value %r is not a lower-case id" % (where, name, v))
    unknown = sorted(set(facets) - set(SET_FACETS))
    if unknown:
        raise ExpectedError("%s: unknown facets %s" % (where, unknown))
    claims = set(facets["claim"])
    for st in facets["stance"]:
        claim, _, stance = st.partition(":")
        if stance not in ("asserted", "hedged", "denied"):
            raise ExpectedError("%s: stance %r is not claim:asserted|hedged|denied" % (where, st))
        if claim not in claims:
            raise ExpectedError("%s: stance %r for a claim not in facets.claim" % (where, st))
    for claim in claims:
        if not any(st.startswith(claim + ":") for st in facets["stance"]):
            raise ExpectedError("%s: claim %r has no stance" % (where, claim))
    money = doc.get("money")
    if not isinstance(money, list):
        raise ExpectedError("%s: \"money\" must be a list" % where)
    keys = []
    for m in money:
        if not isinstance(m, dict) or not isinstance(m.get("value"), (int, float)) \
                or not isinstance(m.get("currency"), str) or len(m["currency"]) != 3:
            raise ExpectedError("%s: money entry %r needs a number value and a 3-letter currency" % (where, m))
        keys.append((m["value"], m["currency"]))
    if keys != sorted(set(keys)):
        raise ExpectedError("%s: money not a sorted set (by value, then currency)" % where)
    percent = doc.get("percent")
    if not isinstance(percent, list) or not all(isinstance(p, (int, float)) for p in percent):
        raise ExpectedError("%s: \"percent\" must be a list of numbers" % where)
    _check_sorted_set(percent, "%s: percent" % where)
    optional = doc.get("optional", {})
    if not isinstance(optional, dict):
        raise ExpectedError("%s: \"optional\" must be an object of facet lists" % where)
    for name, values in optional.items():
        if name not in SET_FACETS:
            raise ExpectedError("%s: optional.%s: only %s may have optional values" % (where, name, ", ".join(SET_FACETS)))
        _check_sorted_set(values, "%s: optional.%s" % (where, name))
        both = set(values) & set(facets[name])
        if both:
            raise ExpectedError("%s: optional.%s repeats required values %s" % (where, name, sorted(both)))


def load_expected(path):
    """Returns (file name, {record id or None: expected doc}) for one expected file."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise ExpectedError("%s: %s" % (path, e))
    name = data.get("file")
    if not isinstance(name, str):
        raise ExpectedError("%s: missing \"file\"" % path)
    if os.path.basename(path) != name + ".json":
        raise ExpectedError("%s: \"file\" is %r, expected file name %r" % (path, name, name + ".json"))
    if "records" in data:
        records = data["records"]
        if not isinstance(records, dict) or not records:
            raise ExpectedError("%s: \"records\" must be a non-empty object" % path)
        docs = {}
        for rid, doc in records.items():
            where = "%s: record %s" % (path, rid)
            if doc.get("id", rid) != rid:
                raise ExpectedError("%s: \"id\" differs from its key" % where)
            validate_doc(doc, where)
            docs[rid] = doc
        return name, docs
    validate_doc(data, path)
    return name, {None: data}


def find_expected(name, dirs):
    for d in dirs:
        p = os.path.join(d, name + ".json")
        if os.path.isfile(p):
            return p
    return None


# ---------------------------------------------------------------- comparison

def greedy_match(expected, found, same):
    """One-to-one matching of expected to found values under the predicate same(e, f);
    returns (tp, missing, extra)."""
    left = list(found)
    missing = []
    for e in expected:
        hit = next((i for i, f in enumerate(left) if same(e, f)), None)
        if hit is None:
            missing.append(e)
        else:
            left.pop(hit)
    return len(expected) - len(missing), missing, left


def same_money(e, f):
    return e[1] == f[1] and abs(f[0] - e[0]) <= MONEY_TOLERANCE * abs(e[0])


def same_percent(e, f):
    return abs(f - e) <= PERCENT_TOLERANCE


def output_values(out):
    """The analyser object's values per facet as sets (money/percent de-duplicated)."""
    facets = out.get("facets") or {}
    vals = {name: set(facets.get(name) or []) for name in SET_FACETS}
    money = set()
    for m in out.get("money") or []:
        try:
            money.add((float(m["value"]), str(m["currency"])))
        except (KeyError, TypeError, ValueError):
            pass
    vals["money"] = sorted(money)
    percent = set()
    for p in out.get("percent") or []:
        v = p.get("value") if isinstance(p, dict) else p
        if isinstance(v, (int, float)):
            percent.add(float(v))
    vals["percent"] = sorted(percent)
    return vals


def expected_values(doc):
    vals = {name: set(doc["facets"][name]) for name in SET_FACETS}
    vals["money"] = [(float(m["value"]), m["currency"]) for m in doc["money"]]
    vals["percent"] = [float(p) for p in doc["percent"]]
    return vals


def compare(exp, got, optional=None):
    """Per facet: (tp, missing list, extra list).  Values the expected file lists
    as optional (judgement calls, see fixtures/expected/NOTES.md) are neither
    required nor counted as extra."""
    res = {}
    for name in SET_FACETS:
        e, g = exp[name], got[name] - set((optional or {}).get(name, ()))
        res[name] = (len(e & g), sorted(e - g), sorted(g - e))
    res["money"] = greedy_match(exp["money"], got["money"], same_money)
    res["percent"] = greedy_match(exp["percent"], got["percent"], same_percent)
    return res


def fmt_value(name, v):
    if name == "money":
        value, cur = v
        return "%s %s" % (("%.2f" % value).rstrip("0").rstrip("."), cur)
    if name == "percent":
        return ("%.4f" % v).rstrip("0").rstrip(".")
    return v


# ---------------------------------------------------------------- running the analyser

def find_binary(args):
    if args.bin:
        return args.bin
    build = args.build or os.environ.get("NF_BUILD_ROOT")
    if not build:
        build = os.path.join(SOURCE_ROOT, "build")
    return os.path.join(build, "tools", "newsfacet", "newsfacet")


def display_path(path):
    """The path as it is given to newsfacet: relative to the repository root when inside it,
    so ids of plain-text articles read "fixtures/articles/<name>"."""
    a = os.path.abspath(path)
    root = os.path.abspath(SOURCE_ROOT)
    if a.startswith(root + os.sep):
        return os.path.relpath(a, root)
    return a


def run_analyzer(binary, extra_args, paths):
    """Runs newsfacet once over all paths, or file by file if the batch run fails.
    Returns (objects, error messages)."""
    def run(batch):
        cmd = [binary, "analyze", "--json"] + extra_args + batch
        p = subprocess.run(cmd, cwd=SOURCE_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        objs, bad = [], []
        for n, line in enumerate(p.stdout.decode("utf-8", "replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                bad.append("output line %d is not JSON: %s" % (n, e))
                continue
            if isinstance(obj, dict):
                objs.append(obj)
        return p.returncode, objs, bad, p.stderr.decode("utf-8", "replace").strip()

    rc, objs, bad, err = run(paths)
    if rc == 0:
        return objs, bad
    errors = ["newsfacet exited %d over the whole batch: %s" % (rc, err[-500:])]
    objs = []
    for path in paths:
        rc, o, b, err = run([path])
        objs.extend(o)
        errors.extend(b)
        if rc != 0:
            errors.append("%s: newsfacet exited %d: %s" % (path, rc, err[-300:]))
    return objs, errors


# ---------------------------------------------------------------- main

def parse_thresholds(items, parser):
    mins = {}
    for item in items or []:
        for part in item.split(","):
            name, sep, val = part.partition("=")
            name = name.strip()
            if not sep or (name not in FACETS and name not in IDENT):
                parser.error("--min expects FACET=VALUE with FACET in %s, got %r" % (", ".join(FACETS + IDENT), part))
            try:
                mins[name] = float(val)
            except ValueError:
                parser.error("--min %s: %r is not a number" % (name, val))
    return mins


def parse_exact(items, parser):
    names = []
    for item in items or []:
        for name in item.split(","):
            name = name.strip()
            if name not in FACETS and name not in IDENT:
                parser.error("--exact: unknown facet %r" % name)
            names.append(name)
    return names


def collect_inputs(inputs, dirs):
    """Expands directories; keeps the articles that have an expected file.
    Returns ([(path, expected path)], [skipped explicit files])."""
    chosen, skipped = [], []
    for item in inputs:
        if os.path.isdir(item):
            for name in sorted(os.listdir(item)):
                p = os.path.join(item, name)
                if os.path.isfile(p) and name.endswith(ARTICLE_EXTS):
                    e = find_expected(name, dirs)
                    if e:
                        chosen.append((p, e))
        else:
            e = find_expected(os.path.basename(item), dirs)
            if e:
                chosen.append((item, e))
            else:
                skipped.append(item)
    return chosen, skipped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Facets: " + ", ".join(FACETS) + " (and title, id as exact-match accuracy).")
    ap.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or directories of articles")
    ap.add_argument("--bin", help="the newsfacet binary (default: $NF_BUILD_ROOT/tools/newsfacet/newsfacet)")
    ap.add_argument("--build", help="the build directory (instead of $NF_BUILD_ROOT)")
    ap.add_argument("--expected", action="append", metavar="DIR",
                    help="directory of expected files (repeatable; default: fixtures/expected/articles, "
                         "fixtures/expected/seeds, eval/expected)")
    ap.add_argument("--arg", action="append", default=[], metavar="ARG",
                    help="extra argument for `newsfacet analyze` (repeatable), e.g. --arg=--schema --arg=DIR")
    ap.add_argument("--diff", action="store_true", help="print every missing and extra value per document")
    ap.add_argument("--min", action="append", metavar="FACET=F1", help="fail if the facet's F1 is below (repeatable, or comma-separated)")
    ap.add_argument("--exact", action="append", metavar="FACETS", help="fail unless these facets (comma-separated) match exactly on every document")
    ap.add_argument("--check", action="store_true", help="only validate the expected files; do not run newsfacet")
    args = ap.parse_args(argv)

    mins = parse_thresholds(args.min, ap)
    exact = parse_exact(args.exact, ap)
    dirs = args.expected or [os.path.join(SOURCE_ROOT, d) for d in
                             ("fixtures/expected/articles", "fixtures/expected/seeds", "eval/expected")]

    if args.check:
        count = 0
        try:
            for d in dirs:
                for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
                    if name.endswith(".json"):
                        count += len(load_expected(os.path.join(d, name))[1])
        except ExpectedError as e:
            print("score.py: %s" % e, file=sys.stderr)
            return 2
        print("%d expected documents valid" % count)
        return 0

    if not args.inputs:
        ap.error("no INPUT given")
    absent = [i for i in args.inputs if not os.path.exists(i)]
    if absent and len(absent) == len(args.inputs):
        # The seeds live outside the repository (../shared): a checkout without them skips.
        print("SKIP: no input exists: %s" % ", ".join(absent))
        return EXIT_SKIP
    if absent:
        print("score.py: no such input: %s" % ", ".join(absent), file=sys.stderr)
        return 2
    chosen, skipped = collect_inputs(args.inputs, dirs)
    for s in skipped:
        print("note: %s has no expected file; not scored" % s, file=sys.stderr)
    if not chosen:
        print("score.py: no input has an expected file in %s" % ", ".join(dirs), file=sys.stderr)
        return 2

    expected = {}          # (file, record id or None) -> doc
    jsonl_files = set()
    try:
        for path, epath in chosen:
            name, docs = load_expected(epath)
            if name != os.path.basename(path):
                raise ExpectedError("%s: \"file\" %r does not name %s" % (epath, name, path))
            for rid, doc in docs.items():
                expected[(name, rid)] = doc
                if rid is not None:
                    jsonl_files.add(name)
    except ExpectedError as e:
        print("score.py: %s" % e, file=sys.stderr)
        return 2

    binary = os.path.abspath(find_binary(args))     # newsfacet runs in the repository root
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print("SKIP: newsfacet binary %s does not exist yet" % binary)
        return EXIT_SKIP

    objs, errors = run_analyzer(binary, args.arg, [display_path(p) for p, _ in chosen])
    for e in errors:
        print("error: %s" % e, file=sys.stderr)

    got = {}
    for obj in objs:
        name = os.path.basename(str(obj.get("file", "")))
        key = (name, str(obj.get("id"))) if name in jsonl_files else (name, None)
        if key in got:
            print("warning: two output objects for %s%s" % (name, " record " + key[1] if key[1] else ""), file=sys.stderr)
        got[key] = obj

    totals = {f: [0, 0, 0] for f in FACETS}        # tp, fp, fn
    ident = {f: [0, 0] for f in IDENT}             # right, checked
    not_exact = {f: 0 for f in exact}
    missing_docs = 0
    diff_lines = []
    for key in sorted(expected, key=lambda k: (k[0], k[1] or "")):
        doc = expected[key]
        label = key[0] + (" [" + key[1] + "]" if key[1] else "")
        out = got.get(key)
        exp_vals = expected_values(doc)
        if out is None:
            missing_docs += 1
            diff_lines.append("%s: NO OUTPUT OBJECT" % label)
            out_vals = {f: (set() if f in SET_FACETS else []) for f in FACETS}
        else:
            out_vals = output_values(out)
        res = compare(exp_vals, out_vals, doc.get("optional"))
        lines = []
        for f in FACETS:
            tp, miss, extra = res[f]
            totals[f][0] += tp
            totals[f][1] += len(extra)
            totals[f][2] += len(miss)
            if f in not_exact and (miss or extra or out is None):
                not_exact[f] += 1
            for v in miss:
                lines.append("  %-8s - %s" % (f, fmt_value(f, v)))
            for v in extra:
                lines.append("  %-8s + %s" % (f, fmt_value(f, v)))
        for f in IDENT:
            if f in doc:
                ident[f][1] += 1
                have = out.get(f) if out else None
                if have == doc[f]:
                    ident[f][0] += 1
                else:
                    if f in not_exact:
                        not_exact[f] += 1
                    lines.append("  %-8s - %s\n  %-8s + %s" % (f, doc[f], f, have))
        if lines and out is not None:
            diff_lines.append(label + ":")
            diff_lines.extend(lines)

    if args.diff and diff_lines:
        print("Differences (- expected but missing, + found but not expected):")
        print("\n".join(diff_lines))
        print()

    ndocs = len(expected)
    print("%d documents scored (%d without output)" % (ndocs, missing_docs))
    print("%-8s %9s %9s %9s %6s %6s %6s" % ("facet", "precision", "recall", "F1", "tp", "fp", "fn"))
    failed = []
    for f in FACETS:
        tp, fp, fn = totals[f]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        mark = ""
        if f in mins and f1 < mins[f] - 1e-12:
            mark = "  < min %.2f" % mins[f]
            failed.append("%s F1 %.3f < %.2f" % (f, f1, mins[f]))
        print("%-8s %9.3f %9.3f %9.3f %6d %6d %6d%s" % (f, p, r, f1, tp, fp, fn, mark))
    for f in IDENT:
        right, checked = ident[f]
        acc = right / checked if checked else 1.0
        mark = ""
        if f in mins and acc < mins[f] - 1e-12:
            mark = "  < min %.2f" % mins[f]
            failed.append("%s accuracy %.3f < %.2f" % (f, acc, mins[f]))
        print("%-8s %d/%d exact%s" % (f, right, checked, mark))
    for f in exact:
        if not_exact[f]:
            failed.append("%s differs on %d document(s)" % (f, not_exact[f]))
    if exact:
        print("exact    %s: %s" % (",".join(exact), "all documents match" if not any(not_exact.values())
                                   else "; ".join("%s on %d" % (f, n) for f, n in not_exact.items() if n)))
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    if errors:
        print("FAIL: newsfacet reported errors (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
