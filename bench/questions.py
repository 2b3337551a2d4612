"""How many questions a person sees before each benefit's result is final (run by hand; a test
runs it too): python bench/questions.py

Over every worked example, a simulated person answers the questions on the page in the order
shown, one at a time, with the example's answers (a question the example leaves open is left
blank). For each benefit the example's applicant could receive and its answers decide, we count the distinct questions
the page had shown (who is asking included) when that benefit's status, amount and total first
equal their final values.

  before  every question about the chosen applicant is shown at once (the page until 2026-12)
  after   ``interview.questions``: only what a benefit not yet ruled out asks now
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators.build import compile as rules  # noqa: E402
from calculators.runtime import interview  # noqa: E402
from calculators.runtime.engine import evaluate  # noqa: E402


def _state(result):
    return {b["id"]: (b["status"], b["amount"], b["total"]) for b in result["benefits"]}


def after(policy, facts) -> dict:
    """Benefit id -> questions shown before its result was final, answering as the page asks."""
    final = _state(evaluate(policy, facts))
    answered, seen, counts = {}, set(), {}
    while True:
        out = interview.run([policy], answered)
        seen.update(out["questions"])
        for b, state in _state(out["results"][0]).items():
            if b not in counts and state == final[b]:
                counts[b] = len(seen)
        todo = [f for f in out["questions"] if f not in answered and f in facts]
        if not todo:
            return {b: counts.get(b, len(seen)) for b in final}
        answered[todo[0]] = facts[todo[0]]


def before(policy, facts) -> dict:
    shown = 1 + len(interview.concerns([policy], facts["applicant"]))
    return {b["id"]: shown for b in policy["benefits"]}


def measure(policy) -> dict:
    """``{"before": [...], "after": [...]}``: one count per example and benefit for its applicant
    that the example's answers decide (a benefit still open at the end has no "final")."""
    out = {"before": [], "after": []}
    for ex in policy["examples"]:
        facts = ex["facts"]
        if "applicant" not in facts:
            continue
        decided = {b["id"] for b in evaluate(policy, facts)["benefits"] if b["status"] != "unknown"}
        mine = [b["id"] for b in policy["benefits"] if facts["applicant"] in b["recipients"] and b["id"] in decided]
        b4, af = before(policy, facts), after(policy, facts)
        out["before"] += [b4[b] for b in mine]
        out["after"] += [af[b] for b in mine]
    return out


def main():
    policies, _, _ = rules.load_all()
    print("| policy | benefit results | before: median | before: max | after: median | after: max |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for p in policies:
        m = measure(rules.for_browser(p) | {"examples": p["examples"]})
        print(f"| {p['id']} | {len(m['after'])} | {statistics.median(m['before']):g} | {max(m['before'])} "
              f"| {statistics.median(m['after']):g} | {max(m['after'])} |")


if __name__ == "__main__":
    main()
