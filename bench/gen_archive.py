#!/usr/bin/python3
"""Generate a synthetic news archive for the benchmark (JSON Lines).

    /usr/bin/python3 bench/gen_archive.py N OUT.jsonl [--seed S]

One record per line: {id, url, title, source, published, author, text}.
Deterministic for a given N, seed and set of input files (the schema's
gazetteers, the seed and fixture articles that rank the vocabulary, and the
word list of Debian's `wamerican`, which supplies the long tail).

What makes it realistic enough to time an indexer and a faceted search:
  - text lengths are lognormal with a median of ~600 words;
  - filler words follow Zipf's law over real English words: the most
    frequent ranks come from real news text (the seed and fixture articles),
    the tail from a dictionary, so the index has a realistic vocabulary;
  - sentences mention the default schema's companies, clouds and models
    (names and aliases read from schema/gazetteers/*.yaml when present),
    amounts of money and percentages in the spellings the spec lists,
    the 13 default claims phrased as asserted, hedged or denied, and
    attributions to outlets ("Bloomberg reported", "according to Reuters");
  - the publishing outlet is in "source"; dates spread over 2023-2026.
Only the standard library is required; PyYAML (Debian python3-yaml) is used
to read the gazetteers when it is installed, else a built-in list serves.
"""
import argparse
import datetime
import glob
import json
import math
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# ---- entities and outlets ------------------------------------------------

# Used when the gazetteers are not there (or PyYAML is missing): a few names
# per facet so the archive still exercises the taggers.
FALLBACK = {
    "company": ["Microsoft", "OpenAI", "Anthropic", "Google", "Amazon", "Meta", "Oracle",
                "Nvidia", "AMD", "IBM", "DeepSeek", "Mistral AI", "xAI", "SoftBank", "Apple",
                "Broadcom", "GitHub", "Hugging Face", "Intel", "Salesforce"],
    "cloud": ["Azure", "AWS", "Amazon Web Services", "Google Cloud", "Oracle Cloud", "CoreWeave",
              "Vast.ai", "Lambda", "Crusoe", "IBM Cloud", "Alibaba Cloud"],
    "model": ["GPT-4", "GPT-4o", "GPT-5", "ChatGPT", "o1", "o3", "Claude", "Llama", "Phi-4",
              "MAI-1", "Mistral Large", "Gemini", "Grok", "DeepSeek-R1", "DeepSeek-V3",
              "Copilot", "GitHub Copilot"],
}
FALLBACK_OUTLETS = [("Reuters", "reuters.com"), ("Bloomberg", "bloomberg.com"),
                    ("The Wall Street Journal", "wsj.com"), ("Financial Times", "ft.com"),
                    ("CNBC", "cnbc.com"), ("Associated Press", "apnews.com"),
                    ("The New York Times", "nytimes.com"), ("The Information", "theinformation.com"),
                    ("Semafor", "semafor.com"), ("TechCrunch", "techcrunch.com"),
                    ("The Verge", "theverge.com"), ("Axios", "axios.com")]


def load_yaml(path):
    try:
        import yaml
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def entry_names(entry):
    """The name and the aliases of a gazetteer entry, as written in text.
    Exact-case ticker symbols are kept: they are real spellings too."""
    names = []
    if isinstance(entry.get("name"), str):
        names.append(entry["name"])
    for a in entry.get("aliases") or []:
        text = a.get("text") if isinstance(a, dict) else a
        if isinstance(text, str) and text:
            names.append(text)
    return names


def load_entities():
    """facet -> list of (canonical name, [spellings]) in gazetteer order."""
    out = {}
    for facet, fname in (("company", "companies"), ("cloud", "clouds"), ("model", "models")):
        doc = None
        path = os.path.join(ROOT, "schema", "gazetteers", fname + ".yaml")
        if os.path.exists(path):
            doc = load_yaml(path)
        entries = []
        if doc and isinstance(doc.get("entries"), list):
            for e in doc["entries"]:
                if isinstance(e, dict):
                    names = entry_names(e)
                    if names:
                        entries.append((names[0], names))
        if not entries:
            entries = [(n, [n]) for n in FALLBACK[facet]]
        out[facet] = entries
    return out


def load_outlets():
    """[(name, domain)] of news outlets."""
    path = os.path.join(ROOT, "schema", "gazetteers", "outlets.yaml")
    outlets = []
    if os.path.exists(path):
        doc = load_yaml(path)
        for e in (doc or {}).get("entries") or []:
            if isinstance(e, dict) and isinstance(e.get("name"), str):
                domains = e.get("domains") or []
                dom = domains[0] if domains else re.sub(r"[^a-z0-9]+", "", e["name"].lower()) + ".com"
                outlets.append((e["name"], dom))
    return outlets or FALLBACK_OUTLETS


# ---- vocabulary -----------------------------------------------------------

WORD_RE = re.compile(r"[a-z]+")


def load_vocabulary(rng, exclude):
    """Words in Zipf rank order: real news text first (by frequency), then
    the dictionary's words in a seeded random order.  Words in EXCLUDE (the
    lower-cased names of entities and outlets) are left out, so that filler
    text does not mention entities by accident ("openai", "azure")."""
    counts = {}
    files = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "corpus", "seeds", "*")) +
                   glob.glob(os.path.join(ROOT, "fixtures", "articles", "*.txt")))
    for path in files:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read().lower()
        except OSError:
            continue
        for w in WORD_RE.findall(text):
            if (1 < len(w) < 16 or w in ("a", "i")) and w not in exclude:
                counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    seen = set(ranked)
    tail = []
    dict_path = "/usr/share/dict/american-english"
    if os.path.exists(dict_path):
        with open(dict_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = line.strip()
                if (w.isascii() and w.isalpha() and w.islower() and 2 < len(w) < 16
                        and w not in seen and w not in exclude):
                    tail.append(w)
                    seen.add(w)
        tail.sort()
        rng.shuffle(tail)
    if len(ranked) + len(tail) < 1000:
        sys.exit("gen_archive: too few words (no seed articles and no /usr/share/dict/american-english;"
                 " run bench/setup.sh)")
    return ranked + tail


def zipf_cum_weights(n, s=1.07):
    acc, cw = 0.0, []
    for r in range(1, n + 1):
        acc += 1.0 / (r ** s)
        cw.append(acc)
    return cw


# ---- sentences ------------------------------------------------------------

FIRST = ["Sarah", "James", "Priya", "Wei", "Carlos", "Fatima", "John", "Emma", "Kenji", "Olga",
         "David", "Amara", "Lucas", "Mei", "Tom", "Aisha", "Daniel", "Sofia", "Ravi", "Laura"]
LAST = ["Chen", "Smith", "Patel", "Garcia", "Nakamura", "Okafor", "Müller", "Rossi", "Kim",
        "Johnson", "Dubois", "Novak", "Silva", "O'Brien", "Haddad", "Larsen", "Nguyen", "Brown"]

AMOUNTS = [  # (text, kind) -- the spellings of the spec and a few vague ones
    "${n} billion", "${n}bn", "US${d} trillion", "€{d} billion", "{d} billion dollars", "${n}B",
    "£{n}m", "${n} million", "${n}0 million", "${n}B-${m}B", "${n} to {m} billion",
    "more than ${n} billion", "nearly ${n}00 million", "up to €{n} billion", "¥{n} trillion",
    "{n} billion euros", "${d}bn", "roughly ${n}0bn", "billions", "tens of billions",
    "trillion-dollar",
]
PERCENTS = ["{p}%", "{p} per cent", "{p} percent", "{p}-{q}%", "{d} percentage points",
            "about {p}%"]

MONEY_SENT = [
    "{E} said it would spend {A} on data centers next year.",
    "The deal, worth {A}, gives {E} access to more compute.",
    "Analysts expect {E} to report revenue of {A} for the quarter.",
    "{E} raised {A} in its latest funding round.",
    "The market for AI chips could reach {A} by 2030, a report said.",
    "{E} booked a loss of {A} on the project.",
    "Shares of {E} rose {P} after it announced a {A} buyback.",
    "{E}'s cloud revenue grew {P} from a year earlier to {A}.",
    "Capital spending at {E} will rise by {P}, to {A}.",
]
ENTITY_SENT = [
    "{E} and {F} announced a partnership on {W}.",
    "Customers of {E} can now run {M} on {C}.",
    "{E} said {M} would be available through {C} later this year.",
    "A spokesperson for {E} declined to comment on {W}.",
    "{E} is competing with {F} for {W} customers.",
    "The new version of {M} runs on {C}, {E} said.",
    "Engineers at {E} compared {M} with rival systems from {F}.",
    "{E} chief executive told investors that demand for {C} capacity remains strong.",
]

# The 13 default claims: (asserted, hedged, denied) phrasings, several each.
CLAIMS = {
    "exclusivity-ended": (
        ["Microsoft is no longer OpenAI's exclusive cloud provider.",
         "The exclusivity of the Microsoft-OpenAI partnership has ended, the companies said.",
         "Microsoft agreed to give up its exclusive right to host OpenAI's workloads on Azure."],
        ["OpenAI could end its exclusive cloud arrangement with Microsoft.",
         "Microsoft's exclusivity over OpenAI may loosen under the new terms."],
        ["Microsoft said its exclusivity with OpenAI has not ended.",
         "The exclusive partnership between Microsoft and OpenAI did not end, the companies said."]),
    "revenue-share-changed": (
        ["Microsoft and OpenAI restructured their revenue sharing arrangement.",
         "The revenue share OpenAI pays Microsoft will end in 2030."],
        ["The revenue share Microsoft receives from OpenAI may be reduced.",
         "OpenAI could cut the revenue share it pays Microsoft, people familiar said."],
        ["The revenue sharing agreement between Microsoft and OpenAI will not change."]),
    "openai-multicloud": (
        ["OpenAI will use {C} capacity alongside Azure under the new deal.",
         "OpenAI signed a {A} contract to rent servers from {C}."],
        ["OpenAI reportedly plans to rent servers from {C}.",
         "OpenAI might turn to {C} for more compute."],
        ["OpenAI will not use {C} to train its models, a spokesperson said."]),
    "azure-remains-primary": (
        ["Azure remains OpenAI's primary cloud provider.",
         "Microsoft retains a {P} stake in OpenAI and stays its largest shareholder."],
        ["Azure is expected to remain OpenAI's main cloud, though that could change."],
        ["Azure is not OpenAI's primary cloud anymore, according to the filing."]),
    "microsoft-investment": (
        ["Microsoft has invested {A} in OpenAI since 2019.",
         "Microsoft poured billions into OpenAI."],
        ["Microsoft might invest another {A} in OpenAI."],
        ["Microsoft did not invest in OpenAI's latest funding round."]),
    "openai-valuation": (
        ["The deal values OpenAI at {A}.",
         "OpenAI is now valued at {A}, making it one of the most valuable startups."],
        ["OpenAI could be valued at {A} in a future listing."],
        ["OpenAI is not valued at {A}, the company said."]),
    "revenue-share-terms": (
        ["Microsoft receives {P} of OpenAI's revenue until an expert panel verifies AGI.",
         "Microsoft is entitled to 49% of OpenAI's profits up to a cap."],
        ["Microsoft may get {P} of OpenAI's revenue, according to people familiar."],
        ["Microsoft does not receive {P} of OpenAI's revenue, the company said."]),
    "ip-rights-term": (
        ["Microsoft's rights to OpenAI's models and IP extend through {Y}.",
         "Microsoft keeps access to OpenAI's intellectual property until {Y}."],
        ["Microsoft's IP rights to OpenAI's models could run through {Y}."],
        ["Microsoft's rights to OpenAI's IP do not extend beyond {Y}."]),
    "agi-clause": (
        ["The agreement's AGI clause lets OpenAI's board declare artificial general intelligence.",
         "The AGI clause in the Microsoft-OpenAI contract now requires an expert panel."],
        ["The AGI clause could be invoked sooner than expected, some investors suspect."],
        ["The AGI clause was not triggered, Microsoft said."]),
    "openai-for-profit": (
        ["OpenAI completed its transition to a for-profit public benefit corporation.",
         "OpenAI restructured into a for-profit company controlled by its nonprofit."],
        ["OpenAI may convert into a for-profit company next year."],
        ["OpenAI will not become a for-profit company, the board insisted."]),
    "microsoft-anthropic": (
        ["Microsoft will integrate Anthropic's Claude models into Microsoft 365 Copilot.",
         "Microsoft invested {A} in Anthropic."],
        ["Microsoft is reportedly in talks to invest in Anthropic."],
        ["Microsoft has not invested in Anthropic, a spokesperson said."]),
    "microsoft-own-models": (
        ["Microsoft is building its own AI models, including MAI-1 and Phi-4.",
         "Microsoft released its own in-house model, MAI-1, to reduce its reliance on OpenAI."],
        ["Microsoft could develop its own frontier models to rival OpenAI."],
        ["Microsoft is not building its own frontier models, Nadella said."]),
    "openai-losses": (
        ["OpenAI lost {A} last year.",
         "OpenAI posted a net loss of {A} in the first half."],
        ["OpenAI may lose as much as {A} in 2026."],
        ["OpenAI did not lose money on its enterprise business, the company said."]),
}
CLAIM_IDS = list(CLAIMS)

ATTRIB = ["{O} reported that {s}", "According to {O}, {s}", "{s_nop}, {O} reported.",
          "{s_nop}, according to {O}.", "People familiar with the matter told {O} that {s}",
          "{s_nop}, {O} first reported."]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.entities = load_entities()
        self.outlets = load_outlets()
        names = [n for v in self.entities.values() for _, ns in v for n in ns]
        names += [o[0] for o in self.outlets]
        exclude = {w for n in names for w in WORD_RE.findall(n.lower())
                   if len(n.split()) == 1 or w in ("openai", "azure", "aws", "gpt", "chatgpt")}
        self.vocab = load_vocabulary(self.rng, exclude)
        self.cw = zipf_cum_weights(len(self.vocab))
        # entity popularity: Zipf over gazetteer order (the big names first)
        self.ecw = {f: zipf_cum_weights(len(v), 1.0) for f, v in self.entities.items()}
        self.ocw = zipf_cum_weights(len(self.outlets), 0.8)

    # -- pieces --
    def words(self, k):
        return self.rng.choices(self.vocab, cum_weights=self.cw, k=k)

    def filler(self):
        w = self.words(self.rng.randint(8, 28))
        w[0] = w[0].capitalize()
        if len(w) > 12 and self.rng.random() < 0.5:
            w[len(w) // 2] += ","
        return " ".join(w) + "."

    def pick(self, facet):
        names = self.rng.choices(self.entities[facet], cum_weights=self.ecw[facet])[0][1]
        # mostly the main name, sometimes an alias
        return names[0] if len(names) == 1 or self.rng.random() < 0.75 else self.rng.choice(names[1:])

    def outlet(self):
        return self.rng.choices(self.outlets, cum_weights=self.ocw)[0]

    def amount(self):
        r = self.rng
        n = r.randint(1, 99)
        return r.choice(AMOUNTS).format(n=n, m=n + r.randint(1, 20),
                                        d="%d.%d" % (r.randint(1, 9), r.randint(1, 9)))

    def percent(self):
        r = self.rng
        p = r.randint(1, 60)
        return r.choice(PERCENTS).format(p=p, q=p + r.randint(1, 15),
                                         d="%d.%d" % (r.randint(0, 3), r.randint(1, 9)))

    def fill(self, template, focus):
        r = self.rng
        return template.format(
            E=r.choice(focus) if focus and r.random() < 0.7 else self.pick("company"),
            F=self.pick("company"), C=self.pick("cloud"), M=self.pick("model"),
            A=self.amount(), P=self.percent(), Y=r.randint(2028, 2036),
            W=" ".join(self.words(r.randint(1, 3))))

    def claim_sentence(self, cid):
        r = self.rng
        stance = r.choices((0, 1, 2), weights=(6, 3, 1))[0]
        s = self.fill(r.choice(CLAIMS[cid][stance]), None)
        if r.random() < 0.35:
            name = self.outlet()[0]
            s_low = s[0].lower() + s[1:] if not s.startswith(("OpenAI", "Microsoft", "Azure", "The AGI")) else s
            s = r.choice(ATTRIB).format(O=name, s=s_low, s_nop=s.rstrip("."))
            s = s[0].upper() + s[1:]
        return s

    def sentence(self, focus, story):
        x = self.rng.random()
        if story and x < 0.06:
            return self.claim_sentence(self.rng.choice(CLAIM_IDS))
        if x < 0.14:
            return self.fill(self.rng.choice(ENTITY_SENT), focus)
        if x < 0.20:
            return self.fill(self.rng.choice(MONEY_SENT), focus)
        if x < 0.22:
            name = self.outlet()[0]
            return self.rng.choice(["{O} reported the news earlier on {W}.",
                                    "The figures were first reported by {O}.",
                                    "{E} confirmed the plans to {O}."]).format(
                O=name, E=self.rng.choice(focus), W=self.rng.choice(["Monday", "Tuesday", "Friday"]))
        return self.filler()

    def article(self, i):
        r = self.rng
        nwords = int(min(6000, max(60, r.lognormvariate(math.log(600), 0.6))))
        focus = [self.pick("company") for _ in range(r.randint(1, 3))]
        story = r.random() < 0.35          # about the Microsoft-OpenAI story
        paras, para, count = [], [], 0
        if story:                          # a story article states its claims early
            for cid in r.sample(CLAIM_IDS, r.randint(1, 4)):
                para.append(self.claim_sentence(cid))
        while count < nwords:
            s = self.sentence(focus, story)
            para.append(s)
            count += s.count(" ") + 1
            if len(para) >= r.randint(3, 7):
                paras.append(" ".join(para))
                para = []
        if para:
            paras.append(" ".join(para))
        title_words = self.words(r.randint(3, 8))
        title = " ".join([focus[0]] + title_words + [r.choice(["deal", "cloud", "AI", "profit",
                                                                "shares", "model", "chips"])])
        title = title[0].upper() + title[1:]
        oname, odomain = self.outlet()
        start = datetime.datetime(2023, 1, 1)
        when = start + datetime.timedelta(seconds=r.randrange(4 * 365 * 86400))
        slug = "-".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", title)[:8])
        aid = "a%07d" % i
        return {"id": aid,
                "url": "https://www.%s/%s/%s-%s" % (odomain, when.strftime("%Y/%m"), slug, aid),
                "title": title, "source": oname,
                "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "author": "%s %s" % (r.choice(FIRST), r.choice(LAST)),
                "text": "\n\n".join(paras)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20260101)
    a = ap.parse_args()
    g = Gen(a.seed)
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for i in range(a.n):
            f.write(json.dumps(g.article(i), ensure_ascii=False))
            f.write("\n")
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
