#!/usr/bin/python3
"""Speed of newsfacet's tokeniser and term writer against Xapian's
TermGenerator, on the same article texts.

    bench/termgen_speed.py BUILD_DIR [--repeat N] [PATH...]

PATH defaults to $NF_SEEDS or ../shared/corpus/seeds.  newsfacet's side is
measured by termdump --repeat (C, per article: nf_tokenise alone, and
nf_tokenise + nf_termgen_index with the english stemmer into a fresh
document); Xapian's side by xapian.TermGenerator.index_text on each article
text into a fresh document (english, STEM_SOME, and without a stemmer).
The Python call overhead is a few microseconds per article, negligible
next to indexing kilobytes of text.  Run it on an idle machine.
"""
import json
import os
import re
import subprocess
import sys
import time

os.environ.pop("XAPIAN_CJK_NGRAM", None)
import xapian  # noqa: E402


def xapian_speed(texts, repeat, stem):
    data = [t.encode("utf-8") for t in texts]
    nbytes = sum(len(d) for d in data) * repeat
    stemmer = xapian.Stem("english") if stem else None
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in data:
            doc = xapian.Document()
            tg = xapian.TermGenerator()
            if stemmer:
                tg.set_stemmer(stemmer)
                tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
            tg.set_document(doc)
            tg.index_text(d)
    return nbytes / (time.perf_counter() - t0) / 1e6


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    build = args.pop(0)
    repeat = 50
    if args[:1] == ["--repeat"]:
        repeat = int(args[1])
        args = args[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    paths = args or [os.environ.get("NF_SEEDS",
                                    os.path.join(here, "..", "..", "shared", "corpus", "seeds"))]
    termdump = os.path.join(build, "tests", "tokenise", "termdump")
    run = subprocess.run([termdump, "--schema", os.path.join(here, "..", "schema"),
                          "--repeat", str(repeat)] + paths,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    texts = [json.loads(l)["text"] for l in run.stdout.decode().splitlines()
             if '"error"' not in l[:12]]
    m = re.search(r"([\d.]+) MB/s; with nf_termgen_index \(stems\) into a document: "
                  r"([\d.]+) MB/s", run.stderr.decode())
    if not m or not texts:
        print("termgen_speed: termdump gave no figures", file=sys.stderr)
        return 1
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} articles, {mb:.2f} MB, each indexed {repeat} times")
    print(f"nf_tokenise alone                       {float(m.group(1)):8.1f} MB/s")
    print(f"nf_tokenise + nf_termgen_index (stems)  {float(m.group(2)):8.1f} MB/s")
    print(f"Xapian TermGenerator, english STEM_SOME {xapian_speed(texts, repeat, True):8.1f} MB/s")
    print(f"Xapian TermGenerator, no stemmer        {xapian_speed(texts, repeat, False):8.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
