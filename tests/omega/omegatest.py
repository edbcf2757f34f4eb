"""Helpers of the Omega interop tests: the CLI helpers plus term dumps."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from nftest import *  # noqa: F401,F403  (run, expect, finish, tempdir, paths)

import xapian


def documents_by_id(path):
    """{Q term: (terms {term: (wdf, positions)}, values {slot: bytes}, data)}."""
    db = xapian.Database(path)
    out = {}
    for post in db.postlist(""):
        doc = db.get_document(post.docid)
        terms = {}
        for t in doc.termlist():
            terms[t.term] = (t.wdf, list(db.positionlist(post.docid, t.term)))
        qterms = [t for t in terms if t.startswith(b"Q")]
        assert len(qterms) == 1, f"document {post.docid} has Q terms {qterms}"
        out[qterms[0]] = (terms, {v.num: v.value for v in doc.values()}, doc.get_data())
    return out
