"""Shared helpers for tests that need the built site: build once, serve on a free local port."""

import functools
import http.server
import threading

from hooks import build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


def bind(site=build.SITE):
    """A server for a site on 127.0.0.1 (a free port), not serving yet: its address is known before
    the site is built, so that the site can be built for it (instant navigation follows only
    links to the site_url the sitemap names)."""
    handler = functools.partial(_Quiet, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)


def url_of(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def serve_site(site=build.SITE, server=None):
    """Serve a built site (site/ by default) on 127.0.0.1 (a free port); return (base URL, server)."""
    server = server or bind(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url_of(server), server
