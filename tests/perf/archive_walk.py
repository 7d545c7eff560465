#!/usr/bin/env python3
"""Complete filters and paging on a real archive, end to end through `feedproc`.

Serves 300 busy sources of 100 items each and one quiet Kazakh source whose 3 decrees are weeks old (loopback
HTTP), polls them all once with `feedproc poll --once`, serves the store with `feedproc run`, and then:
  - asks for `?source=quiet` and `?lang=kk`, which must return the 3 old decrees;
  - follows the RSS `atom:link rel="next"` links from `/api/feed?limit=500` and from `?lang=en`, counting every
    item's link: each article must be visited exactly once;
  - reports the time of each step and the serving process's peak memory.

Usage: tests/perf/archive_walk.py [FEEDPROC=src/FeedProcessor.Cli/bin/Release/net10.0/feedproc] [BUSY=300] [ITEMS=100]
(build first: dotnet build -c Release src/FeedProcessor.Cli). Exits non-zero when a check fails.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEEDPROC = sys.argv[1] if len(sys.argv) > 1 else "src/FeedProcessor.Cli/bin/Release/net10.0/feedproc"
BUSY = int(sys.argv[2]) if len(sys.argv) > 2 else 300
ITEMS = int(sys.argv[3]) if len(sys.argv) > 3 else 100
NOW = datetime.now(timezone.utc).replace(microsecond=0)
ATOM = "{http://www.w3.org/2005/Atom}"
QUIET = [f"https://quiet.gov.example/news/{n}" for n in range(3)]


def rss(source, items, language):
    body = "".join(
        f"<item><title>{title}</title><link>https://{source}.gov.example/news/{n}</link><guid>{source}-{n}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>{text}</description></item>"
        for n, title, when, text in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{source}</title>'
            f"<link>https://{source}.gov.example/</link><description>News</description><language>{language}</language>"
            f"{body}</channel></rss>").encode()


FEEDS = {}
for s in range(BUSY):
    source = f"busy-{s:03d}"
    # Interleaved in time, newest first: item n of source s is (n * BUSY + s) minutes old.
    FEEDS[f"/{source}.xml"] = rss(source, [
        (n, f"Ministry {s} statement {n} on the budget", NOW - timedelta(minutes=n * BUSY + s),
         f"The ministry number {s} published its statement number {n} about the regional budget and schools.")
        for n in range(ITEMS)], "en")
FEEDS["/quiet.xml"] = rss("quiet", [
    (n, f"Қаулы {n} туралы", NOW - timedelta(days=14 + 7 * n),
     f"Үкімет қаулысы нөмірі {n} бойынша министрліктер мен әкімдіктерге тапсырма берілді.")
    for n in range(3)], "kk")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = FEEDS.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/rss+xml"}), timeout=120) as r:
        return r.read()


def walk(url):
    """Follows rel=next from url; returns the items' links in order and the number of pages."""
    guids, pages = [], 0
    while url:
        channel = ET.fromstring(get(url)).find("channel")
        pages += 1
        guids += [item.findtext("link") for item in channel.findall("item")]
        url = next((link.get("href") for link in channel.findall(ATOM + "link") if link.get("rel") == "next"), None)
    return guids, pages


def check(name, ok, detail):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    return ok


def main():
    work = tempfile.mkdtemp(prefix="feedproc-walk-")
    feed_port, api_port = free_port(), free_port()
    server = ThreadingHTTPServer(("127.0.0.1", feed_port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sources = [{"id": path[1:-4], "title": path[1:-4], "url": f"http://127.0.0.1:{feed_port}{path}"} for path in FEEDS]
    with open(os.path.join(work, "sources.json"), "w") as f:
        json.dump({"sources": sources}, f)
    store = os.path.join(work, "store")
    common = ["--sources", os.path.join(work, "sources.json"), "--store", store, "--allow-private-network"]
    ok = True
    try:
        started = time.monotonic()
        poll = subprocess.run([FEEDPROC, "poll", "--once", "--concurrency", "32", *common], capture_output=True, text=True)
        total = BUSY * ITEMS + 3
        print(f"poll --once: {total} items from {len(sources)} sources in {time.monotonic() - started:.1f} s "
              f"(exit {poll.returncode}; {poll.stderr.strip().splitlines()[-1] if poll.stderr.strip() else ''})")
        run = subprocess.Popen([FEEDPROC, "run", "--port", str(api_port), "--interval", "24h", *common],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        base = f"http://127.0.0.1:{api_port}/api/feed"
        for _ in range(600):
            try:
                get(base + "?limit=1")
                break
            except OSError:
                time.sleep(0.2)
        quiet, _ = walk(base + "?source=quiet")
        ok &= check("?source=quiet", sorted(quiet) == QUIET, f"{len(quiet)} items {quiet}")
        kazakh, _ = walk(base + "?lang=kk")
        ok &= check("?lang=kk", sorted(kazakh) == QUIET, f"{len(kazakh)} items {kazakh}")
        for query, expected in (("?limit=500", total), ("?limit=500&lang=en", total - 3)):
            started = time.monotonic()
            guids, pages = walk(base + query)
            elapsed = time.monotonic() - started
            ok &= check(f"walk {query}", len(guids) == expected and len(set(guids)) == expected,
                        f"{len(guids)} items ({len(set(guids))} distinct, {expected} expected) on {pages} pages in {elapsed:.1f} s")
        with open(f"/proc/{run.pid}/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
        print(f"feedproc run peak memory: {int(peak) // 1024} MiB")
        run.terminate()
        run.wait(30)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
