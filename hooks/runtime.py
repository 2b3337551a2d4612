"""MkDocs hook: self-host the Pyodide runtime, copied from the pinned npm package into the site.

The files go to ``<site root>/pyodide/<version>/``, shared by both languages, at a versioned
path so that browsers can cache the compiled wasm for good.

Integrity, end to end: package-lock.json pins the package's version and the sha512 of its
tarball, which ``npm ci`` verifies on install; the package as installed must carry that same
integrity (node_modules/.package-lock.json); and each file copied into the site must have
the sha256 recorded beside the lock's integrity in hooks/pyodide.sha256. Otherwise no build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "pyodide"
MANIFEST = Path(__file__).resolve().parent / "pyodide.sha256"


def pyodide_version() -> str:
    try:
        return json.loads((PACKAGE / "package.json").read_text())["version"]
    except FileNotFoundError:
        raise PluginError("node_modules/pyodide is missing: run ./dev build (it runs npm ci)") from None


def manifest_files(manifest: Path = MANIFEST) -> list[tuple[str, str]]:
    """(sha256, file name) of each runtime file: what loadPyodide fetches with no extra packages."""
    return [tuple(line.split()) for line in manifest.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def verify(package: Path = PACKAGE, root: Path = ROOT, manifest: Path = MANIFEST) -> None:
    """Raise PluginError unless the installed runtime is exactly the one the lock pins."""
    lines = manifest.read_text(encoding="utf-8").splitlines()
    pinned = next(line.split()[2:] for line in lines if line.startswith("#   version "))
    locked = json.loads((root / "package-lock.json").read_text())["packages"]["node_modules/pyodide"]
    installed = json.loads((root / "node_modules" / ".package-lock.json").read_text())["packages"]["node_modules/pyodide"]
    if [locked["version"], locked["integrity"]] != pinned:
        raise PluginError(f"{manifest.name} records {pinned}, package-lock.json pins "
                          f"{[locked['version'], locked['integrity']]}: update the manifest with the lock")
    if installed.get("integrity") != locked["integrity"]:
        raise PluginError("node_modules/pyodide was not installed from the locked tarball: run npm ci")
    for digest, name in manifest_files(manifest):
        if hashlib.sha256((package / name).read_bytes()).hexdigest() != digest:
            raise PluginError(f"node_modules/pyodide/{name} does not match its sha256 in {manifest.name}")


def on_pre_build(config):
    verify()


def on_post_build(config):
    target = Path(config["site_dir"]).parent / "pyodide" / pyodide_version()
    target.mkdir(parents=True, exist_ok=True)
    for _, name in manifest_files():
        src, dst = PACKAGE / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
