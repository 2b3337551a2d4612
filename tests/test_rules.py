"""The whole rule corpus: valid, every worked example right, every amount of the text encoded."""

import pytest

from calculators.build import compile as rules
from calculators import run_examples
from calculators.build import checks
from calculators.build.kinds import KINDS
from calculators.runtime.examples import coverage

POLICIES, _ = rules.load_all_or_raise()
EXAMPLES = [(p, ex) for p in POLICIES for ex in p["examples"]]


def test_every_rule_file_is_valid():
    policies, _, problems = rules.load_all()
    assert problems == []
    assert [p["id"] for p in policies] == sorted(p.stem for p in rules.RULES.glob("*.yml") if p.name != "facts.yml")


def test_every_kind_of_benefit_is_used_and_described_in_both_languages():
    used = {b["kind"] for p in POLICIES for b in p["benefits"]}
    assert [k for k in KINDS if k not in used] == []
    assert all(v["label"]["zh"] and v["label"]["en"] and v["help"]["zh"] and v["help"]["en"] for v in KINDS.values())


@pytest.mark.parametrize("policy,example", EXAMPLES, ids=[f"{p['id']}:{e['id']}" for p, e in EXAMPLES])
def test_worked_example(policy, example):
    one = dict(policy, examples=[example])
    (record,) = run_examples(one)
    assert record["mismatches"] == []


@pytest.mark.parametrize("policy", POLICIES, ids=[p["id"] for p in POLICIES])
def test_every_benefit_has_an_eligible_example_and_the_policy_a_refusal(policy):
    assert coverage(policy) == []


def test_shangyu_states_about_forty_amounts():
    """The issue counts ~40 amounts in the Shangyu text; all of them are found by the check above."""
    policy = next(p for p in POLICIES if p["id"] == "shangyu-2023")
    found = sum(len(checks._MONEY.findall(u["zh"])) for u in policy["text"])
    assert found >= 40


def test_every_unit_of_a_count_reads_in_the_singular_after_per():
    # "RMB 100,000 per bases" was on the pages until every unit had its singular
    from calculators.runtime import words
    dictionary, _ = rules.load_dictionary()
    units = {f["unit"]["en"] for f in dictionary.values() if "unit" in f}
    assert sorted(u for u in units if words.singular(u) == u and u.endswith("s")) == []
