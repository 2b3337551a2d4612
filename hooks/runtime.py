"""MkDocs hook: self-host the Pyodide runtime, copied from the pinned npm package into the site.

The files go to ``<site root>/pyodide/<version>/``, shared by both languages, at a versioned
path so that browsers can cache the compiled wasm for good. The package itself is pinned by
package-lock.json and installed with ``npm ci``, which checks the tarball's integrity.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "pyodide"
# What loadPyodide fetches with no extra packages: the module, the runtime, the stdlib, the lock.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def pyodide_version() -> str:
    try:
        return json.loads((PACKAGE / "package.json").read_text())["version"]
    except FileNotFoundError:
        from mkdocs.exceptions import PluginError
        raise PluginError("node_modules/pyodide is missing: run ./dev build (it runs npm ci)") from None


def on_post_build(config):
    target = Path(config["site_dir"]).parent / "pyodide" / pyodide_version()
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        src, dst = PACKAGE / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
