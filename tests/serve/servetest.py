"""Start `newsfacet serve` on a free loopback port and talk to it with
urllib (no proxy: the server is local)."""
import http.client
import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from nftest import NEWSFACET  # noqa: E402

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Server:
    """`newsfacet serve ARGS --port 0`; the port is read from its first line."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([NEWSFACET, "serve", "--bind", "127.0.0.1", "--port", "0",
                                      "--threads", "2", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on http://127.0.0.1:" not in line:
            self.proc.kill()
            raise AssertionError(f"the server did not start: {line!r} {self.proc.stderr.read()[-2000:]}")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
        self.base = f"http://127.0.0.1:{self.port}"
        self.banner = line

    def get(self, path, params=None, method="GET", headers=None):
        """(status, parsed JSON or text, headers)"""
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        req = urllib.request.Request(url, method=method, headers=headers or {})
        try:
            with _opener.open(req, timeout=30) as r:
                status, body, hdrs = r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            status, body, hdrs = e.code, e.read(), e.headers
        text = body.decode("utf-8")
        if hdrs.get("Content-Type", "").startswith("application/json") and text:
            return status, json.loads(text), hdrs
        return status, text, hdrs

    def raw(self, path, method="GET"):
        """A request with PATH sent byte for byte (no normalisation)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.putrequest(method, path, skip_accept_encoding=True)
        c.endheaders()
        r = c.getresponse()
        out = (r.status, r.read().decode("utf-8", "replace"))
        c.close()
        return out

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode
