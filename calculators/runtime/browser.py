"""The one entry point the Web Worker calls: raw form values in, a JSON answer out.

Standard library only. The worker loads the engine zip, then calls ``load(policy_json)`` once
and the returned function on every change of the form (data only; no Python source is sent).
"""

from __future__ import annotations

import json

from .engine import evaluate
from .inputs import parse


def load(policy_json: str):
    policy = json.loads(policy_json)

    def calculate(raw_json: str) -> str:
        raw = json.loads(raw_json)
        facts, errors = parse(policy["facts"], raw)
        if errors:  # never a result from bad input
            return json.dumps({"errors": errors, "result": None}, ensure_ascii=False)
        return json.dumps({"errors": {}, "result": evaluate(policy, facts)}, ensure_ascii=False)

    return calculate
