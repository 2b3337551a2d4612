// Build step (run by hooks/runtime.py, under Node, with the pinned Pyodide in node_modules):
// the standard library trimmed to what the calculator imports, and the engine, both compiled to
// .pyc by Pyodide's own Python, so that the browser runs bytecode instead of compiling ~140
// modules from source on every visit.
//
//   node hooks/precompile.mjs <python_stdlib.zip> <calculators.zip> <out dir> <imports.json>
//
// The modules kept are those the worker's start-up really imports (Pyodide's boot, then the
// engine imported from its zip on sys.path), plus what formatting a Python error imports, plus
// every module in <imports.json>: the stdlib modules the engine's source names in an import
// statement, also inside functions (found by hooks/runtime.py). Writes to <out dir>:
//   python_stdlib.zip  (.pyc only, unchecked-hash pycs: no source, no timestamps to check)
//   calculators.zip    (.pyc only)
//   modules.json       (the stdlib modules kept, sorted)
//   lock.json          (the lock file the worker passes inline: the pinned lock's info, no packages)
// Both zips are byte-identical between runs (sorted entries, fixed timestamps).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const indexURL = join(root, "node_modules", "pyodide") + "/";
const [stdlibZip, engineZip, outDir, importsFile] = process.argv.slice(2);
const { loadPyodide } = await import(join(indexURL, "pyodide.mjs"));
// The calculator loads no package: its lock file is the pinned lock's "info" (which Pyodide checks
// against its ABI) with no packages, given inline so that no lock file is fetched.
const lock = { info: JSON.parse(readFileSync(join(indexURL, "pyodide-lock.json"), "utf8")).info, packages: {} };
const py = await loadPyodide({ indexURL, stdLibURL: stdlibZip, lockFileContents: lock });

// What the worker does (hooks/assets/worker.js), so that the same modules get imported.
const engineZipPath = "/home/pyodide/calculators.zip"; // imported from the zip itself (zipimport), as in the worker
py.FS.writeFile(engineZipPath, new Uint8Array(readFileSync(engineZip)));
py.pyimport("sys").path.insert(0, engineZipPath);
py.pyimport("calculators.runtime.browser");
try {
  py.runPython("raise ValueError('an error, formatted as the worker would report it')");
} catch {
  // expected: formatting the traceback imports what an error in the worker needs
}

// What was imported so far, and the engine's imports, is what is kept: taken before the
// compiling below imports anything of its own.
const kept = py.runPython(`
import importlib, sys
for name in ${JSON.stringify(JSON.parse(readFileSync(importsFile, "utf8")))}:
    importlib.import_module(name)
sorted({m.__file__.removeprefix("/lib/python314.zip/") for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith("/lib/python314.zip/")})
`).toJs();
py.globals.set("kept", kept);

py.FS.writeFile("/tmp/engine.zip", new Uint8Array(readFileSync(engineZip)));
py.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(readFileSync(stdlibZip)));
const modules = py.runPython(`
import importlib.util, io, json, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STDLIB = "/lib/python314.zip/"
kept = sorted(kept)

def pyc(source, filename, optimize=0):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)

def write(target, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    open(target, "wb").write(buffer.getvalue())

source = zipfile.ZipFile("/tmp/stdlib.zip")
# The standard library without docstrings and asserts (as under python -OO): 15% fewer bytes on
# the wire. Pyodide's own modules keep theirs (it builds its JavaScript API's help from them), and
# the engine is compiled as it is tested, asserts included.
def level(name):
    return 0 if name.split("/")[0].removesuffix(".py") in ("_pyodide", "pyodide") else 2

write("/tmp/out-stdlib.zip", [(name[:-3] + ".pyc", pyc(source.read(name), STDLIB + name, level(name))) for name in kept])
engine = zipfile.ZipFile("/tmp/engine.zip")
write("/tmp/out-engine.zip", [(name[:-3] + ".pyc", pyc(engine.read(name), "${engineZipPath}/" + name))
                              for name in engine.namelist() if name.endswith(".py")])
json.dumps([name[:-3].removesuffix("/__init__").replace("/", ".") for name in kept])
`);

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "python_stdlib.zip"), py.FS.readFile("/tmp/out-stdlib.zip"));
writeFileSync(join(outDir, "calculators.zip"), py.FS.readFile("/tmp/out-engine.zip"));
writeFileSync(join(outDir, "modules.json"), modules + "\n");
writeFileSync(join(outDir, "lock.json"), JSON.stringify(lock) + "\n");
