# Runs inside Pyodide (and in CPython, by the test): the worked examples of every policy.
import json
import sys

import calculators


def main(policies_json):
    policies = json.loads(policies_json)
    out = {"python": sys.version_info[:2], "records": [r for p in policies for r in calculators.run_examples(p)]}
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
