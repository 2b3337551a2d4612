// Run Python in Pyodide under Node, from the pinned npm package, with the same engine zip,
// trimmed standard library and inline lock file the site ships (in the export dir's runtime/).
// Usage: node run.mjs <export dir> <python function source file>
// The Python file must define `main(policies_json: str) -> str`; its result is printed.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const [exportDir, scriptFile] = process.argv.slice(2);

const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") + "/", stdLibURL: join(exportDir, "runtime", "python_stdlib.zip"),
  lockFileContents: JSON.parse(readFileSync(join(exportDir, "runtime", "lock.json"), "utf8")) });
// the engine is imported from its zip, as in the worker (hooks/assets/worker.js)
pyodide.FS.writeFile("/home/pyodide/calculators.zip", new Uint8Array(readFileSync(join(exportDir, "runtime", "calculators.zip"))));
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calculators.zip')");
const policies = readdirSync(exportDir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(join(exportDir, f), "utf8")));
pyodide.runPython(readFileSync(scriptFile, "utf8"));
const main = pyodide.globals.get("main");
process.stdout.write(main(JSON.stringify(policies)));
