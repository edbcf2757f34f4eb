#!/usr/bin/python3
"""Tests of the scorer (score.py) against a stand-in analyser with known errors."""
import io
import os
import contextlib
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("NF_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import score  # noqa: E402

ARTICLES = os.path.join(ROOT, "fixtures", "articles")
EXPECTED = os.path.join(ROOT, "fixtures", "expected", "articles")
FAKE = os.path.join(HERE, "fake_newsfacet.py")


def run(mode, *extra):
    os.environ["FAKE_NF_MODE"] = mode
    os.environ["FAKE_NF_EXPECTED"] = EXPECTED
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = score.main(["--bin", FAKE, "--expected", EXPECTED] + list(extra) + [ARTICLES])
    return rc, out.getvalue(), err.getvalue()


def row(text, facet):
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == facet and len(parts) >= 7:
            return [float(x) for x in parts[1:4]] + [int(x) for x in parts[4:7]]
    raise AssertionError("no row for %s in:\n%s" % (facet, text))


def expected_docs():
    docs = []
    for name in sorted(os.listdir(EXPECTED)):
        docs.extend(score.load_expected(os.path.join(EXPECTED, name))[1].values())
    return docs


class ScoreTest(unittest.TestCase):
    def test_perfect_output_is_exact(self):
        rc, out, _ = run("perfect", "--exact", "company,cloud,model,money,percent,claim,stance,source,cites,title,id",
                         "--min", "company=1,money=1")
        self.assertEqual(rc, 0, out)
        for f in score.FACETS:
            self.assertEqual(row(out, f)[2], 1.0, f)
            self.assertEqual(row(out, f)[4], 0, f)   # no false positives
            self.assertEqual(row(out, f)[5], 0, f)   # no false negatives

    def test_perturbed_counts(self):
        docs = expected_docs()
        companies = sum(len(d["facets"]["company"]) for d in docs)
        dropped = sum(1 for d in docs if d["facets"]["company"])
        models = sum(len(d["facets"]["model"]) for d in docs)
        money = sum(len(d["money"]) for d in docs)
        moved_out = sum(1 for d in docs if len(d["money"]) > 1)
        optional = sum(len(d.get("optional", {}).get("company", [])) for d in docs)
        self.assertGreater(optional, 0)          # the archive has optional companies to ignore
        rc, out, _ = run("perturb", "--diff")
        self.assertEqual(rc, 0)
        # the stand-in outputs every optional company: none may count as extra
        self.assertEqual(row(out, "company")[3:], [companies - dropped, 0, dropped])
        self.assertEqual(row(out, "model")[3:], [models, len(docs), 0])
        # +0.3% is inside the tolerance, +1% is not: one fp and one fn per moved value.
        self.assertEqual(row(out, "money")[3:], [money - moved_out, moved_out, moved_out])
        self.assertIn("+ bogus-model", out)
        self.assertRegex(out, r"\ntitle +0/%d exact" % len(docs))

    def test_thresholds_and_exact_fail(self):
        rc, out, _ = run("perturb", "--min", "company=0.99")
        self.assertEqual(rc, 1)
        self.assertIn("company F1", out)
        rc, out, _ = run("perturb", "--exact", "cloud,percent")
        self.assertEqual(rc, 0, out)
        rc, out, _ = run("perturb", "--exact", "model")
        self.assertEqual(rc, 1)

    def test_crash_is_failure(self):
        rc, out, err = run("crash")
        self.assertEqual(rc, 1)
        self.assertIn("NO OUTPUT", run("crash", "--diff")[1])

    def test_missing_binary_skips(self):
        with contextlib.redirect_stdout(io.StringIO()):
            rc = score.main(["--bin", "/nonexistent/newsfacet", ARTICLES])
        self.assertEqual(rc, score.EXIT_SKIP)

    def test_absent_inputs(self):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(score.main(["--bin", FAKE, "/nonexistent/seeds"]), score.EXIT_SKIP)
            self.assertEqual(score.main(["--bin", FAKE, ARTICLES, "/nonexistent/x.txt"]), 2)

    def test_malformed_expected_rejected(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "a.txt.json"), "w") as f:
                f.write('{"file": "a.txt", "facets": {"company": ["openai", "microsoft"], "cloud": [], "model": [],'
                        ' "claim": [], "stance": [], "source": [], "cites": []}, "money": [], "percent": []}')
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
                rc = score.main(["--check", "--expected", d])
            self.assertEqual(rc, 2)
            self.assertIn("not sorted", err.getvalue())

    def test_optional_overlapping_required_rejected(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "a.txt.json"), "w") as f:
                f.write('{"file": "a.txt", "facets": {"company": ["openai"], "cloud": [], "model": [],'
                        ' "claim": [], "stance": [], "source": [], "cites": []}, "money": [], "percent": [],'
                        ' "optional": {"company": ["openai"]}}')
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
                rc = score.main(["--check", "--expected", d])
            self.assertEqual(rc, 2)
            self.assertIn("repeats required", err.getvalue())

    def test_archive_expected_files_valid(self):
        with contextlib.redirect_stdout(io.StringIO()):
            self.assertEqual(score.main(["--check"]), 0)


if __name__ == "__main__":
    unittest.main()
