"""The worked examples of every policy, run inside Pyodide (Node), give what CPython gives."""

import json
import sys
import zipfile
from pathlib import Path

from conftest import run_in_pyodide

SCRIPT = Path(__file__).resolve().parent / "pyodide" / "examples.py"


def test_examples_identical_in_cpython_and_pyodide(export_dir, corpus):
    inside = run_in_pyodide(export_dir, SCRIPT)
    namespace = {}
    exec(compile(SCRIPT.read_text(), str(SCRIPT), "exec"), namespace)
    policies = [json.loads(p.read_text()) for p in sorted(export_dir.glob("*.json"))]
    outside = json.loads(namespace["main"](json.dumps(policies)))
    assert inside["python"][0] == 3 and inside["python"] != list(sys.version_info[:2])  # really another interpreter
    assert inside["records"] == outside["records"]
    assert len(inside["records"]) == sum(len(p["examples"]) for p in corpus[0])
    assert all(r["mismatches"] == [] for r in inside["records"])


def test_every_module_the_engine_imports_is_in_the_trimmed_stdlib(export_dir, tmp_path):
    """The site ships a standard library trimmed to what the runtime imports: a module the engine
    names but the zip lacks must fail here, not in a user's browser."""
    from hooks import runtime
    imports = runtime.engine_imports()
    assert {"json", "re"} <= set(imports)  # really the engine's imports
    script = tmp_path / "stdlib.py"
    script.write_text((SCRIPT.parent / "stdlib.py").read_text().replace("IMPORTS = []", f"IMPORTS = {imports!r}"))
    inside = run_in_pyodide(export_dir, script)
    assert inside["missing"] == []
    # each from the shipped zip (or built into the interpreter), and that zip is the trimmed, compiled one
    assert all(f is None or f.startswith("/lib/python314.zip/") for f in inside["found"].values()), inside["found"]
    members = zipfile.ZipFile(export_dir / "runtime" / "python_stdlib.zip").namelist()  # (what the run above loaded)
    assert members and all(m.endswith(".pyc") for m in members)
    assert "json/__init__.pyc" in members and "decimal.pyc" not in members and "unittest/__init__.pyc" not in members
    assert "/lib/python314.zip" in inside["path"]


def test_the_engine_imports_are_found_inside_functions_too(tmp_path):
    from hooks import runtime
    source = tmp_path / "lazy.py"
    source.write_text("import json\nfrom . import words\n\ndef f():\n    import decimal\n    from calculators.runtime import engine\n")
    assert runtime.engine_imports([source]) == ["decimal", "json"]
