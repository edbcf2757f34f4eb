#!/usr/bin/python3
"""Speed of newsfacet's tokeniser and term writer against Xapian's
TermGenerator, on the same article texts.

    bench/termgen_speed.py BUILD_DIR [--repeat N] [PATH...]

PATH defaults to $NF_SEEDS or ../shared/corpus/seeds.  termdump --repeat
times, per article and in one process: nf_tokenise alone; nf_tokenise +
nf_termgen_index (english stems) into a fresh document; stock Xapian's
TermGenerator (english, STEM_SOME) into a fresh document through the
wrapper.  Run it on an idle machine.
"""
import json
import os
import re
import subprocess
import sys


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
    recs = [json.loads(line) for line in run.stdout.decode().splitlines()]
    texts = [r["text"] for r in recs if "text" in r]
    m = re.search(r"([\d.]+) MB/s; with nf_termgen_index \(stems\) into a document: "
                  r"([\d.]+) MB/s; Xapian TermGenerator \(stems\) into a document: "
                  r"([\d.]+) MB/s", run.stderr.decode())
    if not m or not texts:
        print("termgen_speed: termdump gave no figures", file=sys.stderr)
        return 1
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} articles, {mb:.2f} MB, each indexed {repeat} times")
    print(f"nf_tokenise alone                        {float(m.group(1)):8.1f} MB/s")
    print(f"nf_tokenise + nf_termgen_index (stems)   {float(m.group(2)):8.1f} MB/s")
    print(f"Xapian TermGenerator (english STEM_SOME) {float(m.group(3)):8.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
