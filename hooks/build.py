"""Build both languages into site/zh and site/en (and a language chooser at site/), or serve them.

    python -m hooks.build            build once (strict: any warning fails the build)
    python -m hooks.build --serve    build, serve http://127.0.0.1:8000/, rebuild on changes

Two MkDocs configurations rather than one i18n plugin: mkdocs-static-i18n cannot handle
generated pages (their source path is empty). Both use the same page paths.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from hooks import csp

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CONFIGS = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
WATCHED = ("rules", "docs", "hooks", "calculators", "mkdocs.yml", "mkdocs.en.yml")

CHOOSER = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>技能人才政策通 · Skilled-Talent Policy Navigator</title>
<link rel="stylesheet" href="zh/assets/extra.css">
</head>
<body class="chooser">
<main>
<h1>技能人才政策通 <span lang="en">· Skilled-Talent Policy Navigator</span></h1>
<p>高技能人才政策全文、补贴一览与补贴计算器。</p>
<p lang="en">High-skilled talent policies in full, every benefit, and a benefit calculator.</p>
<ul>
<li><a href="zh/">进入中文网站</a></li>
<li lang="en"><a href="en/">Enter the English site</a></li>
</ul>
</main>
</body>
</html>
"""


def base_url() -> str:
    """Where the site is served: the deploy workflow sets NAVIGATOR_BASE_URL; locally, ./dev serve's address.

    Only the 404 page, the sitemap and canonical links use it (all other links are relative):
    a 404 page is served at whatever path was missing, so its links must be absolute."""
    url = os.environ.get("NAVIGATOR_BASE_URL") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def build_all(site: Path = SITE) -> float:
    start = time.perf_counter()
    for lang, path in CONFIGS.items():
        config = load_config(str(path), site_url=base_url() + lang + "/")
        config["site_dir"] = str(site / lang)
        build(config)
    (site / "index.html").write_text(csp.with_policy(CHOOSER), encoding="utf-8")
    # GitHub Pages serves the root 404.html for any missing path: the Chinese one, with absolute links.
    shutil.copyfile(site / "zh" / "404.html", site / "404.html")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    return time.perf_counter() - start


def _snapshot():
    stamps = {}
    for name in WATCHED:
        path = ROOT / name
        for f in ([path] if path.is_file() else path.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                stamps[f] = f.stat().st_mtime
    return stamps


def serve(port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".mjs": "text/javascript", ".wasm": "application/wasm"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving http://127.0.0.1:{port}/zh/ and http://127.0.0.1:{port}/en/ (Ctrl-C to stop)")
    seen = _snapshot()
    try:
        while True:
            time.sleep(1)
            now = _snapshot()
            if now != seen:
                seen = now
                # A fresh process, so that an edit to calculators/ or hooks/ is the code that runs:
                # in this process those modules stay imported, and the engine zip would disagree with them.
                subprocess.run([sys.executable, "-m", "hooks.build"], cwd=ROOT, check=False)
    except KeyboardInterrupt:
        server.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.build", description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    import jieba  # the search index's Chinese segmenter logs its start-up at DEBUG level
    jieba.setLogLevel(logging.WARNING)
    try:
        seconds = build_all()
    except (Abort, ConfigurationError, PluginError) as exc:
        print(f"Build failed:\n{exc}", file=sys.stderr)
        return 1
    print(f"Built site/zh and site/en in {seconds:.1f} s")
    if args.serve:
        serve(args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
