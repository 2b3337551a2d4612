"""The worked examples of every policy, run inside Pyodide (Node), give what CPython gives."""

import json
import sys
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
