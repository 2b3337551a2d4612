"""MkDocs hook: self-host the Pyodide runtime, copied from the pinned npm package into the site.

The files go to ``<site root>/pyodide/<version>/``, shared by both languages, at a versioned
path so that browsers can cache the compiled wasm for good. Beside them goes the standard
library the calculator really loads: ``python_stdlib.<hash>.zip``, the modules it imports
compiled to ``.pyc`` by the pinned Pyodide itself (``precompile.mjs``, under Node), derived only
from the verified ``python_stdlib.zip``; the engine zip is compiled in the same run. The result
is cached in ``build/pyodide/<key>/``, keyed by everything it is made from.

Integrity, end to end: package-lock.json pins the package's version and the sha512 of its
tarball, which ``npm ci`` verifies on install; the package as installed must carry that same
integrity (node_modules/.package-lock.json); and each file copied into the site must have
the sha256 recorded beside the lock's integrity in hooks/pyodide.sha256. Otherwise no build.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from calculators.build import compile as rules

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "pyodide"
MANIFEST = Path(__file__).resolve().parent / "pyodide.sha256"
PRECOMPILE = Path(__file__).resolve().parent / "precompile.mjs"
CACHE = ROOT / "build" / "pyodide"


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


def engine_imports(files=None) -> list[str]:
    """The modules the engine's source names in an import statement, wherever it is (inside a
    function too), except its own: the standard library modules it may import."""
    names = set()
    for path in files or rules.browser_files():
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] != "calculators")


def precompiled() -> Path:
    """The folder holding python_stdlib.zip, calculators.zip (both .pyc only), modules.json and
    lock.json, made by precompile.mjs from the verified stdlib and the current engine; cached."""
    verify()
    engine = rules.engine_zip()
    imports = json.dumps(engine_imports())
    stdlib_digest = dict((name, digest) for digest, name in manifest_files())["python_stdlib.zip"]
    key = hashlib.sha256("\0".join([pyodide_version(), stdlib_digest, hashlib.sha256(engine).hexdigest(), imports,
                                      hashlib.sha256(PRECOMPILE.read_bytes()).hexdigest()]).encode()).hexdigest()[:16]
    target = CACHE / key
    if (target / "lock.json").is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp)
        (work / "calculators.src.zip").write_bytes(engine)
        (work / "imports.json").write_text(imports, encoding="utf-8")
        out = work / "out"
        done = subprocess.run(["node", str(PRECOMPILE), str(PACKAGE / "python_stdlib.zip"), str(work / "calculators.src.zip"),
                               str(out), str(work / "imports.json")], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise PluginError(f"precompiling the standard library failed:\n{done.stderr[-3000:]}")
        try:
            out.rename(target)
        except OSError:  # another build made it meanwhile (the same key is the same content)
            if not (target / "lock.json").is_file():
                raise
    return target


def stdlib_name(folder: Path) -> str:
    """The trimmed stdlib's file name in the site: named by its content, so a changed one is a new URL."""
    return f"python_stdlib.{hashlib.sha256((folder / 'python_stdlib.zip').read_bytes()).hexdigest()[:12]}.zip"


def runtime_id(folder: Path) -> str:
    """What a running calculator worker was started from: the precompiled runtime (its cache key
    covers Pyodide, the stdlib, the engine and the precompile script) and the worker's own script.
    Pages name their shared worker by it (with the rules version), so a page of a new build never
    talks to a worker an older build started."""
    worker = Path(__file__).resolve().parent / "assets" / "worker.js"
    return hashlib.sha256(folder.name.encode() + b"\0" + worker.read_bytes()).hexdigest()[:12]


def on_pre_build(config):
    verify()


def on_post_build(config):
    target = Path(config["site_dir"]).parent / "pyodide" / pyodide_version()
    target.mkdir(parents=True, exist_ok=True)
    folder = precompiled()
    copies = [(PACKAGE / name, target / name) for _, name in manifest_files()]
    copies.append((folder / "python_stdlib.zip", target / stdlib_name(folder)))
    for old in target.glob("python_stdlib.*.zip"):  # an earlier build's
        if old.name != stdlib_name(folder):
            old.unlink()
    for src, dst in copies:
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
