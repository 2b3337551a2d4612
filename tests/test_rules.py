"""The whole rule corpus: valid, every worked example right, every amount of the text encoded."""

import re

import pytest

from calculators import compile as rules
from calculators import run_examples

POLICIES, _ = rules.load_all_or_raise()
EXAMPLES = [(p, ex) for p in POLICIES for ex in p["examples"]]


def test_every_rule_file_is_valid():
    policies, _, problems = rules.load_all()
    assert problems == []
    assert [p["id"] for p in policies] == sorted(p.stem for p in rules.RULES.glob("*.yml") if p.name != "facts.yml")


@pytest.mark.parametrize("policy,example", EXAMPLES, ids=[f"{p['id']}:{e['id']}" for p, e in EXAMPLES])
def test_worked_example(policy, example):
    one = dict(policy, examples=[example])
    (record,) = run_examples(one)
    assert record["mismatches"] == []


@pytest.mark.parametrize("policy", POLICIES, ids=[p["id"] for p in POLICIES])
def test_every_benefit_has_an_eligible_example_and_the_policy_a_refusal(policy):
    eligible, refused = set(), set()
    for ex in policy["examples"]:
        for bid, want in ex["expect"].items():
            (eligible if want["status"] == "eligible" else refused).add(bid)
    missing = [b["id"] for b in policy["benefits"] if b["id"] not in eligible]
    assert missing == [], "benefits without an example where they are granted"
    assert refused, "a policy needs at least one example where something is refused"


_MONEY = re.compile(r"\d+(?:\.\d+)?(?:\s*[-—–]\s*\d+(?:\.\d+)?)?\s*万?元")


@pytest.mark.parametrize("policy", POLICIES, ids=[p["id"] for p in POLICIES])
def test_every_amount_in_the_text_is_quoted_by_a_benefit(policy):
    """Each sum of money the text states lies inside the quote of some benefit of its clause."""
    quotes = {}
    for item in policy["benefits"] + policy.get("groups", []):
        quotes.setdefault(item["clause"], []).append(item["quote"])
    uncovered = []
    for unit in policy["text"]:
        spans = [(m.start(), m.end()) for q in quotes.get(unit["id"], [])
                 for m in re.finditer(re.escape(q), unit["zh"])]
        for m in _MONEY.finditer(unit["zh"]):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                uncovered.append(f"{unit['id']}: {m.group(0)}")
    assert uncovered == []


def test_shangyu_states_about_forty_amounts():
    """The issue counts ~40 amounts in the Shangyu text; all of them are found by the check above."""
    policy = next(p for p in POLICIES if p["id"] == "shangyu-2023")
    found = sum(len(_MONEY.findall(u["zh"])) for u in policy["text"])
    assert found >= 40
