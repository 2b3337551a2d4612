"""Shared helpers for tests that need the built site: build once, serve on a free local port."""

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

from hooks import build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def shared_workers(page) -> list[str]:
    """The URLs of the shared workers running in the page's browser (Playwright reports dedicated
    workers only; the DevTools protocol lists every target)."""
    cdp = page.context.new_cdp_session(page)
    try:
        return [t["url"] for t in cdp.send("Target.getTargets")["targetInfos"] if t["type"] == "shared_worker"]
    finally:
        cdp.detach()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


# What a static host (GitHub Pages) compresses: text, scripts, JSON, wasm; not zips or images.
GZIP = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".xml", ".svg", ".txt", ".map"}


class StaticHost(_Quiet):
    """Serves like a static host: gzip where it would compress (those responses carry no validators
    and no freshness, the case where a browser may not reuse them without asking)."""
    _cache: dict = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in GZIP or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        key = (path, path.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), 6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
