"""Schemas with one mistake each (a copy of schema/ with one edit):
`newsfacet schema check` exits 1 naming the file and the line."""
import os
import shutil

from relcheck import SCHEMA, expect, finish, run, tempdir

# (file, text replaced, replacement, what is wrong); the line checked is
# the line of the replacement's last line.
CASES = [
    ("schema.yaml", "  - name: cloud\n", "  - name: cloud: [\n", "broken YAML"),
    ("schema.yaml", "    label: Cloud\n", "    label: Cloud\n    colour: blue\n", "unknown key"),
    ("schema.yaml", "    slot: 11\n", "    slot: [eleven]\n", "wrong type"),
    ("gazetteers/companies.yaml", "  - id: google\n", "  - id: microsoft\n", "duplicate id"),
    ("claims/default.yaml", '          - "@actors"\n          - all: ["@end-exclusive"',
     '          - "@no-such-list"\n          - all: ["@end-exclusive"', "bad claim rule"),
    ("money.yaml", "usd_per: {EUR: 1.104,", "usd_per: {EUR: cheap,", "bad money rate"),
]

work = tempdir()
for i, (name, old, new, what) in enumerate(CASES):
    d = os.path.join(work, f"schema{i}")
    shutil.copytree(SCHEMA, d)
    path = os.path.join(d, name)
    text = open(path, encoding="utf-8").read()
    if old not in text:
        expect(False, f"{what}: '{old.strip()}' is no longer in {name}; update the case")
        continue
    at = text.index(old)
    line = text[:at].count("\n") + 1 + (1 if what == "unknown key" else 0)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    p = run("schema", "check", d)
    expect(p.returncode == 1, f"{what}: schema check exits 1 (got {p.returncode})")
    expect(f"{path}:{line}:" in p.stderr, f"{what}: the error names {name}:{line}: {p.stderr.strip()[:160]!r}")
finish([work])
