# Runs inside Pyodide with the trimmed standard library the site ships: imports every module the
# engine names (IMPORTS, set by the test) and reports where each came from.
import importlib
import json
import sys

IMPORTS = []


def main(policies_json):
    found, missing = {}, []
    for name in IMPORTS:
        try:
            found[name] = getattr(importlib.import_module(name), "__file__", None)
        except ImportError as exc:
            missing.append(f"{name}: {exc}")
    return json.dumps({"found": found, "missing": missing, "path": sys.path})
