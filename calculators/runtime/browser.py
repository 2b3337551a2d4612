"""The one entry point the Web Worker calls: raw form values in, a JSON answer out.

Standard library only. The worker loads the engine zip, then calls ``load(policies_json)``
with the policies that apply (a JSON list: one on a policy's calculator, every policy that
covers the place on "What can I claim?"), and the returned function on every change of the
form (data only; no Python source is sent). The answer is ``interview.run``'s:
``{errors, results (one per policy), questions (the ones to show now)}``.
"""

from __future__ import annotations

import json

from . import interview


def load(policies_json: str):
    policies = json.loads(policies_json)
    ordered = interview.order(policies)

    def calculate(raw_json: str) -> str:
        return json.dumps(interview.run(policies, json.loads(raw_json), ordered), ensure_ascii=False)

    return calculate
