"""A tiny deterministic archive of realistic short news articles (JSON Lines)
for the reliability tests: companies, clouds, models, amounts, outlets and
claim wording of the default schema, so every facet gets values."""
import json
import random

COMPANIES = ["Microsoft", "OpenAI", "Anthropic", "Google", "Amazon", "Nvidia", "Oracle",
             "Meta", "CoreWeave", "SoftBank", "Mistral AI", "xAI"]
CLOUDS = ["Azure", "AWS", "Google Cloud", "Oracle Cloud", "CoreWeave"]
MODELS = ["GPT-4o", "GPT-5", "Claude", "Gemini", "Llama", "Grok", "Copilot"]
OUTLETS = ["Reuters", "Bloomberg", "CNBC", "The Information", "Financial Times"]
SENTENCES = [
    "{c1} said it would spend {m} on data centers for {cl} this year.",
    "{c1} and {c2} signed a deal worth {m}, {o} reported.",
    "Revenue at {cl} grew {p} in the quarter, according to {o}.",
    "{c1} is training {mo} on capacity rented from {cl}.",
    "Microsoft is no longer OpenAI's exclusive cloud provider, {o} reported.",
    "Analysts expect {c1} to raise {m} from investors including {c2}.",
    "The company denied that {c1} would invest {m} in {c2}.",
    "{c2} may shift some {mo} workloads to {cl}, people familiar with the matter said.",
]


def article(i, rng):
    c1, c2 = rng.sample(COMPANIES, 2)
    fill = dict(c1=c1, c2=c2, cl=rng.choice(CLOUDS), mo=rng.choice(MODELS),
                o=rng.choice(OUTLETS), m=f"${rng.randint(1, 900)} {rng.choice(['million', 'billion'])}",
                p=f"{rng.randint(1, 80)}%")
    body = " ".join(rng.choice(SENTENCES).format(**fill) for _ in range(rng.randint(3, 8)))
    return {"id": f"art-{i:05d}", "url": f"https://news.example.com/{i}",
            "title": f"{c1} and {c2}: update {i}", "source": fill["o"],
            "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "author": "Jane Doe", "text": body}


def write_archive(path, n, seed=7):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i, rng)) + "\n")
    return [f"art-{i:05d}" for i in range(n)]
