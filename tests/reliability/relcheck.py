"""Shared by the reliability tests: the CLI helpers of tests/cli, a reference
database indexed without interruption, and the check that a database holds
exactly a committed state of it (complete documents, no partial ones)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import xapian  # noqa: E402

from nftest import NEWSFACET, SCHEMA, SEEDS, SOURCE_ROOT, expect, finish, run, tempdir  # noqa: E402,F401

# Term facets of the default schema: value slot -> term prefix.
TERM_FACETS = {10: b"XCO", 11: b"XCLOUD", 12: b"XMODEL", 13: b"XCLAIM", 14: b"XSTANCE",
               15: b"XSOURCE", 16: b"XCITES"}


def doc_image(doc):
    """Everything a document holds, comparable between databases."""
    terms = tuple(t.term for t in doc.termlist())
    values = tuple((v.num, v.value) for v in doc.values())
    return terms, values, doc.get_data()


def id_of(doc):
    for t in doc.termlist():
        if t.term.startswith(b"Q"):
            return t.term[1:].decode()
    return None


def reference_images(db):
    d = xapian.Database(db)
    out = {}
    for post in d.postlist(""):
        doc = d.get_document(post.docid)
        out[id_of(doc)] = doc_image(doc)
    return out


def facet_problems(doc):
    """A document's facet slots must list exactly its facet terms."""
    terms = [t.term for t in doc.termlist()]
    problems = []
    for slot, prefix in TERM_FACETS.items():
        want = sorted({t[len(prefix):] for t in terms
                       if t.startswith(prefix) and not any(
                           t.startswith(p) for p in TERM_FACETS.values()
                           if len(p) > len(prefix) and p.startswith(prefix))})
        have = doc.get_value(slot)
        have = sorted(have.split(b"|")) if have else []
        if want != have:
            problems.append(f"slot {slot} {have} vs terms {want}")
    return problems


def committed_state_problems(db, reference, batch, complete_ok=True):
    """Why DB is not a committed state of REFERENCE (empty list: it is).
    Every document must be one of the reference's, complete and identical,
    each id exactly once; the count must be a whole number of batches
    (every write in these runs is an add) or the whole archive."""
    if not os.path.exists(db):
        return [], 0            # killed before the database was created
    try:
        d = xapian.Database(db)
    except xapian.Error as e:
        return [f"{db} does not open: {e}"], 0
    problems = []
    n = d.get_doccount()
    qterms = [t.term for t in d.allterms("Q")]
    if len(qterms) != n:
        problems.append(f"doccount {n} but {len(qterms)} ids")
    for q in qterms:
        if d.get_termfreq(q) != 1:
            problems.append(f"id {q!r} on {d.get_termfreq(q)} documents")
    for post in d.postlist(""):
        doc = d.get_document(post.docid)
        i = id_of(doc)
        if i is None:
            problems.append(f"document {post.docid} has no id term")
        elif reference.get(i) != doc_image(doc):
            problems.append(f"document {i} differs from the complete one")
    if n % batch != 0 and not (complete_ok and n == len(reference)):
        problems.append(f"doccount {n} is not a committed state (batches of {batch})")
    if n and not d.get_metadata("newsfacet.schema"):
        problems.append("documents without newsfacet.schema metadata")
    return problems[:10], n
