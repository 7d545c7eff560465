#!/usr/bin/env python3
"""A feed server that answers every request after a fixed delay, like a distant government site.

Serves one small RSS feed at any path, with an ETag, and answers If-None-Match with 304 (after the same delay).
It listens on all addresses, so each of 127.0.0.1 ... 127.0.0.254 can stand for a different host.

Usage: slow_server.py PORT [DELAY_SECONDS=0.2]
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
ITEMS = "".join(
    f"<item><title>Statement {i}</title><link>https://gov.example/news/{i}</link>"
    f"<guid>gov-{i}</guid><pubDate>Sun, 04 Feb 2024 1{i}:00:00 +0000</pubDate>"
    f"<description>&lt;p&gt;The ministry said &amp;laquo;{i}&amp;raquo;.&lt;/p&gt;</description></item>"
    for i in range(5))
BODY = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow ministry</title>'
        f'<link>https://gov.example/</link><description>News</description>{ITEMS}</channel></rss>').encode()
ETAG = '"slow-1"'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        time.sleep(DELAY)
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


Server(("0.0.0.0", PORT), Handler).serve_forever()
