#!/usr/bin/python3
"""Compatibility test: newsfacet's terms against Xapian's TermGenerator.

Runs termdump over the articles (every file of $NF_SEEDS, fixtures/ and
eval/articles/, recursively, through the readers: text, HTML, JSON Lines), indexes the SAME title and text with xapian.TermGenerator
(english stemmer, STEM_SOME, index_text(title, 1, 'S'),
increase_termpos(100), index_text(text)) and compares every term, wdf and
position list.

Differences are allowed only in these categories, each checked, not
assumed:

  unicode-version  Xapian 1.4.22 classifies characters with its own Unicode
                   10 tables; newsfacet uses utf8proc's (Unicode 15).  A
                   character assigned since (new letters, digits, marks) is
                   a word character for newsfacet and not for Xapian, so
                   its words split differently.  Allowed only for articles
                   containing such a character, and verified: with each
                   of them replaced by an older character of the same
                   category, both sides must agree exactly.  (Characters
                   too new for Python's own Unicode database cannot be
                   mapped; such articles are reported as unverified.)
  stemmer-version  Debian's libstemmer (Snowball 2.2) and the Snowball
                   english stemmer compiled into Xapian 1.4.22 disagree on
                   a few words.  Allowed only when our Z terms are exactly
                   what Xapian's positional terms give with libstemmer's
                   stems (termdump reports them) and Xapian's Z terms are
                   what the same terms give with Xapian's stems.

Inputs the readers reject (fixtures/expected/*.json are expected results,
not articles) are listed as "rejected by the readers", one line per file;
they are the readers' business, not the term writer's.  Anything else
fails the test.  Exit status 0 = pass.
"""
import json
import os
import subprocess
import sys

os.environ.pop("XAPIAN_CJK_NGRAM", None)   # TermGenerator's CJK mode: off
import xapian  # noqa: E402


def xapian_terms(title, text):
    doc = xapian.Document()
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    tg.set_document(doc)
    tg.index_text(title, 1, "S")
    tg.increase_termpos(100)
    tg.index_text(text)
    out = {}
    for t in doc.termlist():
        term = t.term.decode("utf-8", "surrogateescape")
        out[term] = {"wdf": t.wdf, "positions": list(t.positer)}
    return out


_xapian_word = {}


def xapian_is_wordchar(c):
    """Xapian's Unicode::is_wordchar, observed through TermGenerator."""
    if c not in _xapian_word:
        doc = xapian.Document()
        tg = xapian.TermGenerator()
        tg.set_document(doc)
        tg.index_text(chr(c))
        _xapian_word[c] = doc.termlist_count() > 0
    return _xapian_word[c]


def diff(ours, theirs):
    """Human-readable differences between two term maps."""
    out = []
    for term in sorted(set(ours) | set(theirs)):
        a, b = ours.get(term), theirs.get(term)
        if a != b:
            out.append(f"  {term!r}: newsfacet {a} xapian {b}")
    return out


def unstemmed(terms):
    return {t: v for t, v in terms.items() if not t.startswith("Z")}


def stem_terms(positional, stem):
    """The Z terms TermGenerator (STEM_SOME) derives from positional terms,
    given a stemming function."""
    out = {}
    for term, v in positional.items():
        prefix = "S" if term.startswith("S") else ""
        word = term[len(prefix):]
        # should_stem: starts with a letter that is not upper case; the
        # positional terms are lower-cased, so a letter here qualifies.
        if not word or not word[0].isalpha() or word[0].isupper():
            continue
        s = stem(word)
        if not s:
            continue
        z = "Z" + prefix + s
        out[z] = out.get(z, 0) + v["wdf"]
    return out


def check_article(rec, report):
    """Returns the category of the article: 'same', an allowed difference
    category, or 'FAIL'."""
    ours = rec["terms"]
    theirs = xapian_terms(rec["title"], rec["text"])
    if ours == theirs:
        return "same"
    name = rec["file"]
    # unicode-version: characters newsfacet calls word characters and
    # Xapian does not (the converse never happens: see nf_uchar.h).
    newer = [c for c in rec["wordchars"] if not xapian_is_wordchar(c)]
    if newer:
        report.append(f"{name}: unicode-version: characters "
                      + " ".join(f"U+{c:04X}" for c in newer[:10])
                      + " are word characters in Unicode 15, not in Xapian's tables")
        return "unicode-version"
    # stemmer-version: positional terms identical, and each side's Z terms
    # follow from them with its own stemmer.
    if unstemmed(ours) == unstemmed(theirs):
        stemmer = xapian.Stem("english")
        ours_z = {t: v["wdf"] for t, v in ours.items() if t.startswith("Z")}
        theirs_z = {t: v["wdf"] for t, v in theirs.items() if t.startswith("Z")}
        libstem = rec["stems"]
        expect_ours = stem_terms(unstemmed(ours), lambda w: libstem.get(w, w))
        expect_theirs = stem_terms(unstemmed(theirs),
                                   lambda w: stemmer(w.encode()).decode())
        if ours_z == expect_ours and theirs_z == expect_theirs:
            words = sorted(w for w in libstem
                           if libstem[w] != stemmer(w.encode()).decode())
            report.append(f"{name}: stemmer-version: libstemmer and Xapian stem "
                          + ", ".join(f"{w!r} ({libstem[w]!r} vs "
                                      f"{stemmer(w.encode()).decode()!r})"
                                      for w in words[:10]) + " differently")
            return "stemmer-version"
    report.append(f"{name}: DIFFERENT")
    report.extend(diff(ours, theirs)[:40])
    return "FAIL"


# An older (Unicode 10) character of each word-character category, to
# stand in for characters Xapian's tables do not know yet.
OLDER = {"Lu": "\u00c0", "Ll": "\u00e0", "Lt": "\u01c5", "Lm": "\u02b0",
         "Lo": "\u00aa", "Mn": "\u0301", "Mc": "\u0903", "Me": "\u20dd",
         "Nd": "\u0663", "Nl": "\u216b", "No": "\u00b2", "Pc": "\u203f"}


def verify_unicode_version(termdump, schema, recs, report):
    """Rewrite each article with its newer characters replaced by older ones
    of the same category; both sides must then agree.  Returns the number
    of articles that still differ."""
    import tempfile
    import unicodedata
    failures = 0
    with tempfile.TemporaryDirectory(prefix="nf-unicode-") as tmp:
        todo = []
        for i, rec in enumerate(recs):
            newer = [c for c in rec["wordchars"] if not xapian_is_wordchar(c)]
            table = {c: OLDER.get(unicodedata.category(chr(c))) for c in newer}
            if None in table.values():
                report.append(f"{rec['file']}: unicode-version unverified: "
                              + " ".join(f"U+{c:04X}" for c, o in table.items() if o is None)
                              + f" unknown to Python's Unicode {unicodedata.unidata_version}")
                continue
            path = os.path.join(tmp, f"u{i:05d}.txt")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(rec["text"].translate(table))
            todo.append(rec["file"])
        if not todo:
            return 0
        run = subprocess.run([termdump, "--schema", schema, tmp],
                             stdout=subprocess.PIPE, check=True)
        for name, line in zip(todo, run.stdout.decode("utf-8").splitlines()):
            rec = json.loads(line)
            theirs = xapian_terms(rec["title"], rec["text"])
            if "error" in rec or rec["terms"] != theirs:
                failures += 1
                report.append(f"{name}: unicode-version NOT CONFIRMED: still different "
                              "with the newer characters replaced")
                report.extend(diff(rec.get("terms", {}), theirs)[:20])
            else:
                report.append(f"{name}: unicode-version confirmed: identical with the "
                              "newer characters replaced by older ones")
    return failures


# Pieces for generated torture texts: every rule of TermGenerator's word
# splitting (acronyms, infixes, digit separators, suffixes, zero-width
# characters, case mappings that change byte length, marks, scripts).
PIECES = [
    "a", "b", "Z", "x", "é", "É", "ß", "ẞ", "İ", "Ⱥ", "K", "Σ", "ς", "ǅ",
    "0", "1", "9", "٣", "²", "Ⅻ", "_", "‿",
    "U", "S", "A", "N", "X",
    ".", ",", ";", ":", "'", "’", "‛", "‘", "&", "·", "׳", "״", "‧",
    "-", "+", "#", "@", "/", "(", ")", "\"", "“", "”",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\u0301", "\u0308", "\u20dd", "\u0903",
    "Ω", "ж", "Ж", "ا", "ب", "ש", "中", "文", "日本", "한", "ไทย", "अ", "\u094d",
    "😀", "👍🏽", "€", "$", "%",
    " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000",
    "U.S.A.", "P.T.O", "AT&T", "M&S", "C++", "C#", "F#", "c++++", "fish+chips",
    "OpenAI's", "OpenAI’s", "1,000.5", "3;4", "1'2", "a'b'c", "Micro-\nsoft",
    "GPT-4o", "e.g.", "gogoai.xin", "http://x.com/a_b?c=1",
]
# Characters assigned after Unicode 10 (Xapian 1.4.22's tables): Ll, Lu
# (lower-cases to a Unicode 10 Lo), Lo, Mn, Lm, Nd, No.
NEWER_PIECES = ["\u0560", "\u1c90", "\u05ef", "\u07fd", "\u08c9",
                "\U00010d30", "\U00010a48"]


def torture_texts(n, seed=1234):
    import random
    rnd = random.Random(seed)
    for i in range(n):
        k = rnd.randint(1, 60)
        pieces = PIECES + NEWER_PIECES if i % 10 == 0 else PIECES
        yield "".join(rnd.choice(pieces) for _ in range(k))
    # A word of 64 bytes is indexed, 65 is not (and takes no position).
    yield "start " + "a" * 64 + " mid " + "b" * 65 + " é" * 3 + "c" * 63 + " end"


def main():
    if len(sys.argv) < 3:
        print("usage: compat_termgen.py TERMDUMP SCHEMA_DIR [--torture N] [PATH...]",
              file=sys.stderr)
        return 2
    termdump, schema = sys.argv[1], sys.argv[2]
    paths = sys.argv[3:]
    tmp = None
    if paths[:1] == ["--torture"]:
        import tempfile
        tmp = tempfile.TemporaryDirectory(prefix="nf-torture-")
        for i, text in enumerate(torture_texts(int(paths[1]))):
            with open(os.path.join(tmp.name, f"t{i:05d}.txt"), "w",
                      encoding="utf-8", newline="") as f:
                f.write(text)
        paths = [tmp.name] + paths[2:]
    if not paths:
        root = os.environ.get("NF_SOURCE_ROOT", ".")
        paths = [p for p in (os.environ.get("NF_SEEDS"),
                             os.path.join(root, "fixtures"),
                             os.path.join(root, "eval", "articles"))
                 if p and os.path.isdir(p)]
    if not paths:
        print("compat_termgen: no articles ($NF_SEEDS and fixtures/ are missing)",
              file=sys.stderr)
        return 1
    run = subprocess.run([termdump, "--schema", schema] + paths,
                         stdout=subprocess.PIPE, check=False)
    if run.returncode != 0:
        print(f"compat_termgen: termdump failed ({run.returncode})", file=sys.stderr)
        return 1
    counts = {}
    report = []
    rejected = {}
    newer = []
    for line in run.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        if "error" in rec:
            rejected.setdefault(rec["file"], rec["error"])
            continue
        cat = check_article(rec, report)
        counts[cat] = counts.get(cat, 0) + 1
        if cat == "unicode-version":
            newer.append(rec)
    if newer:
        bad = verify_unicode_version(termdump, schema, newer, report)
        if bad:
            counts["FAIL"] = counts.get("FAIL", 0) + bad
    total = sum(counts.values())
    for line in report:
        print(line)
    for name, err in sorted(rejected.items()):
        print(f"{name}: rejected by the readers (first error: {err})")
    print(f"compat_termgen: {total} articles: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + f"; {len(rejected)} files rejected by the readers")
    if total == 0:
        print("compat_termgen: no articles compared", file=sys.stderr)
        return 1
    return 1 if counts.get("FAIL") else 0


if __name__ == "__main__":
    sys.exit(main())
