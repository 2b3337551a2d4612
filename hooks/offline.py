"""MkDocs hook: the service worker that keeps the calculator working offline (``sw.js``).

One per language, at the language's root (its scope): ``hooks/offline.js`` with the list of
files to cache and a version, the sha256 of all of them. Any change in a build, rules included,
changes the version, so the browser installs the new worker and it replaces the old cache.
Runs after ``runtime.py`` has copied the Pyodide runtime (listed before it in ``hooks:``).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from hooks import runtime

TEMPLATE = Path(__file__).resolve().parent / "offline.js"
# A file a page loads: href or src, up to any query or fragment; not a folder (a link to a page, which
# ends in "/"), so that the hundreds of links between pages cost nothing. Bytes: no decoding.
_REF = re.compile(rb"""\b(?:href|src)="([^"#?]*[^"#?/])[?#"]""")


def precache(site: Path) -> list[str]:
    """The files to cache, relative to the language's root: the runtime and the engine, every
    place, the claim page, and every file it and a calculator page load."""
    folder = runtime.precompiled()
    pyodide = f"../pyodide/{runtime.pyodide_version()}/"
    files = {pyodide + n for n in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", runtime.stdlib_name(folder))}
    files |= {"assets/worker.js", "assets/calculators.zip", "sitemap.xml"}  # instant navigation reads the sitemap
    files |= {p.relative_to(site).as_posix() for p in (site / "assets" / "places").glob("*.json")}
    # the claim page, and the files the calculator pages load (the same for all: one of them is read);
    # not the calculator pages and the policies' JSON, which grow with the rules: kept as they are used
    pages = sorted(site.glob("policies/*/calculator/index.html"))[:1] + [site / "claim" / "index.html"]
    files.add("claim/")
    for page in pages:
        here = page.parent.relative_to(site).as_posix()
        for ref in {r.decode("utf-8") for r in _REF.findall(page.read_bytes())}:
            if "://" in ref or ref.startswith(("data:", "javascript:")):
                continue
            path = posixpath.normpath(posixpath.join(here, ref))
            if not path.startswith("..") and (site / path).is_file():
                files.add(path)
    return sorted(files)


def on_post_build(config):
    site = Path(config["site_dir"])
    files = precache(site)
    digest = hashlib.sha256()
    # the version: what is cached at once, and what can be kept as it is used (any change replaces the cache)
    kept = sorted(site.glob("policies/*/calculator/index.html")) + sorted((site / "assets" / "policies").glob("*.json"))
    for path in files + [p.relative_to(site).as_posix() for p in kept]:
        file = site / path / "index.html" if path.endswith("/") else site / path
        digest.update(path.encode() + b"\0" + file.read_bytes())
    script = (TEMPLATE.read_text(encoding="utf-8").replace("__VERSION__", digest.hexdigest()[:16])
              .replace("__PRECACHE__", json.dumps(files)).replace("__LANG__", config["extra"]["lang"]))
    (site / "sw.js").write_text(script, encoding="utf-8")
