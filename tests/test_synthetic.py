"""The synthetic corpus of bench/synthetic.py (issue 17) is valid: measurements run on rules that pass check."""

import re
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


def test_a_policy_is_read_once_per_content_and_in_parallel_as_in_series(tmp_path, monkeypatch):
    rules_dir = synthetic.generate(30, tmp_path)
    cache = tmp_path / "cache"
    parallel, _, problems = rules.load_all(rules_dir, tmp_path / "sources", cache=cache)  # 30 files: one process per core
    assert problems == [] and len(list(cache.glob("*.json"))) == 30
    monkeypatch.setattr(rules, "PARALLEL_FROM", 10_000)
    series, _, _ = rules.load_all(rules_dir, tmp_path / "sources", cache=None)
    assert parallel == series

    # unchanged files come from the cache: nothing is read again
    def no_reading(*args, **kwargs):
        raise AssertionError("read again")
    with monkeypatch.context() as m:
        m.setattr(rules, "load_policy", no_reading)
        assert rules.load_all(rules_dir, tmp_path / "sources", cache=cache)[0] == series

    # a changed file is read and checked again, and its problems are reported, not the cached copy
    path = sorted(rules_dir.glob("synthetic-*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^status: ", "status: not_a_status_", text, count=1, flags=re.M), encoding="utf-8")
    _, _, problems = rules.load_all(rules_dir, tmp_path / "sources", cache=cache)
    assert [p.path for p in problems] == ["status"] and problems[0].file.endswith(path.name)
