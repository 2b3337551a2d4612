import json
import subprocess
from pathlib import Path

import pytest

from calculators import compile as rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus():
    policies, dictionary = rules.load_all_or_raise()
    return policies, dictionary


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("export")
    rules.export(corpus[0], out)
    rules.bundle(out / "calculators.zip")
    return out


def run_in_pyodide(export_dir: Path, script: Path) -> dict:
    """Run ``script``'s ``main(policies_json)`` inside Pyodide (Node, pinned npm package)."""
    runner = ROOT / "tests" / "pyodide" / "run.mjs"
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.fail("node_modules/pyodide is missing: run the README's set-up (npm ci)")
    done = subprocess.run(["node", str(runner), str(export_dir), str(script)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
