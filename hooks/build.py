"""Build both languages into site/zh and site/en (and a language chooser at site/), or serve them.

    python -m hooks.build            build once (strict: any warning fails the build)
    python -m hooks.build --serve    build, serve http://127.0.0.1:8000/, rebuild on changes
    python -m hooks.build --rules DIR --sources DIR --out DIR    another corpus (bench/synthetic.py)

Two MkDocs configurations rather than one i18n plugin: mkdocs-static-i18n cannot handle
generated pages (their source path is empty). Both use the same page paths. The rule files are
loaded once, then the two languages are built in two processes at once (a core each).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import gc
import http.server
import logging
import multiprocessing
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

from calculators.build import compile as rules
from calculators.build import derived
from hooks import csp, runtime, search

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


def _build_language(lang: str, site: Path):
    """Build one language; return None, or the message of a build that failed."""
    try:
        config = load_config(str(CONFIGS[lang]), site_url=base_url() + lang + "/")
        config["site_dir"] = str(site / lang)
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        return str(exc)
    return None


def build_all(site: Path = SITE) -> float:
    start = time.perf_counter()
    policies, dictionary, problems = rules.load_all_once()  # before the languages part: both processes inherit the loaded rules
    if not problems:  # (with problems, the pages' hook reports them)
        derived.of(policies, dictionary)  # and what the engine derives from them, for both languages
    runtime.precompiled()  # and the precompiled runtime, made once
    # The processes share the loaded rules with this one until they write to them: the garbage
    # collector, scanning them, would (its bookkeeping is in every object), so it leaves them be.
    gc.collect()
    gc.freeze()
    if "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1:
        with multiprocessing.get_context("fork").Pool(len(CONFIGS)) as pool:
            failures = pool.starmap(_build_language, [(lang, site) for lang in CONFIGS])
    else:
        failures = [_build_language(lang, site) for lang in CONFIGS]
    failures = [f for f in failures if f]
    if failures:
        raise Abort("\n".join(failures))
    # The search index, once the pages are written (hooks/search.py): the two languages at once,
    # each in shards of bounded memory, one shard after the other.
    with concurrent.futures.ThreadPoolExecutor(len(CONFIGS)) as pool:
        done = [pool.submit(search.index, site / lang, lang) for lang in CONFIGS]
    try:
        for future in done:
            future.result()
    except PluginError as exc:
        raise Abort(str(exc)) from exc
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


def serve(port: int, site: Path, argv: list[str]) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
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
                subprocess.run([sys.executable, "-m", "hooks.build", *argv], cwd=ROOT, check=False)
    except KeyboardInterrupt:
        server.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.build", description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rules", type=Path, help="folder of rule files (default: rules/)")
    parser.add_argument("--sources", type=Path, help="folder of source documents (default: sources/)")
    parser.add_argument("--out", type=Path, default=SITE, help="where to write the site (default: site/)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    if args.rules:
        os.environ["NAVIGATOR_RULES"] = str(args.rules.resolve())
    if args.sources:
        os.environ["NAVIGATOR_SOURCES"] = str(args.sources.resolve())
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        seconds = build_all(args.out)
    except (Abort, ConfigurationError, PluginError) as exc:
        print(f"Build failed:\n{exc}", file=sys.stderr)
        return 1
    print(f"Built {args.out}/zh and {args.out}/en in {seconds:.1f} s")
    if args.serve:
        serve(args.port, args.out, [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--serve"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
