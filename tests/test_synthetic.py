"""The synthetic corpus of bench/synthetic.py (issue 17) is valid: measurements run on rules that pass check."""

import sys
from pathlib import Path

from calculators.build import compile as rules
from calculators.build import places

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synthetic  # noqa: E402


def test_the_generators_policies_pass_check_at_every_level(tmp_path):
    rules_dir = synthetic.generate(30, tmp_path)
    policies, _, problems = rules.load_all(rules_dir, tmp_path / "sources")
    assert problems == []
    assert len(policies) == 30 and len({p["id"] for p in policies}) == 30
    assert {places.level(p) for p in policies} == {0, 1, 2}
    assert len({places.chain(p)[-1] for p in policies}) == 30  # every one at its own place
    assert {p["status"] for p in policies} >= {"in_force", "draft"}
    assert not any(p.name.startswith("synthetic-") for p in rules.RULES.iterdir())  # never in rules/
