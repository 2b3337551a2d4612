"""Properties of the engine over generated profiles, for every policy (hypothesis), and a random
sample of profiles evaluated in Pyodide giving exactly what CPython gives."""

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.build import compile as rules
from calculators import evaluate
from conftest import run_in_pyodide

POLICIES, _ = rules.load_all_or_raise()
IDS = [p["id"] for p in POLICIES]
NUMERIC = ("integer", "money")


def _values(meta):
    if meta["type"] == "choice":
        return st.sampled_from(sorted(meta["choices"]))
    if meta["type"] == "boolean":
        return st.booleans()
    top = meta["max"]  # small numbers (near the thresholds) more often than large ones
    return st.one_of(st.integers(0, min(top, 100)), st.integers(0, min(top, 10**5)), st.integers(0, top))


def profiles(policy, optional=True):
    """Well-typed profiles: each fact the policy asks about answered or (optionally) left blank."""
    fields = {f: (st.none() | _values(meta)) if optional else _values(meta) for f, meta in policy["facts"].items()}
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not None})


def _tests(c, negated=False):
    """(fact, operator, under a 'not') for each fact test inside a condition."""
    if "fact" in c:
        yield c["fact"], next(k for k in c if k != "fact"), negated
    for inner in c.get("all", []) + c.get("any", []):
        yield from _tests(inner, negated)
    if "not" in c:
        yield from _tests(c["not"], not negated)


def growth_facts(policy):
    """Counts and costs where more can never mean less: used only in amounts and in 'at least' tests."""
    tests = [t for b in policy["benefits"] for c in b.get("conditions", []) for t in _tests(c)]
    shrinking = {f for f, op, negated in tests if negated or op not in ("at_least", "more_than")}
    return [f for f, meta in policy["facts"].items() if meta["type"] in NUMERIC and f not in shrinking]


def _top_caps(node):
    (kind, arg), = node.items()
    if kind == "cap":
        return [arg["max"]]
    if kind == "up_to" and isinstance(arg, int):
        return [arg]
    return []


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_well_typed_profiles_never_raise_and_amounts_are_sane(policy):
    benefits = {b["id"]: b for b in policy["benefits"]}

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profiles(policy))
    def check(facts):
        result = evaluate(policy, facts)
        assert [r["id"] for r in result["benefits"]] == list(benefits)
        for r in result["benefits"]:
            for key in ("amount", "total"):
                if r[key] is not None:  # "at least lo" (hi None) only while answers are missing
                    assert r[key]["hi"] is not None or r["status"] == "unknown", (r["id"], key, r[key])
                    assert 0 <= r[key]["lo"] <= (r[key]["hi"] if r[key]["hi"] is not None else r[key]["lo"]), (r["id"], key, r[key])
            if r["amount"] is not None and r["status"] == "eligible":
                for cap in _top_caps(benefits[r["id"]]["amount"]):
                    assert r["amount"]["hi"] <= cap, (r["id"], r["amount"], cap)
            if r["superseded_by"]:  # non-duplication: the other member is paid, this one not
                assert r["status"] == "not_eligible" and r["amount"] is None
                assert next(o for o in result["benefits"] if o["id"] == r["superseded_by"])["status"] == "eligible"
        totals = result["totals"]
        assert 0 <= totals["lo"] <= totals["hi"]

    check()


@pytest.mark.parametrize("policy", [p for p in POLICIES if growth_facts(p)], ids=[p["id"] for p in POLICIES if growth_facts(p)])
def test_more_people_or_a_larger_cost_never_pays_less(policy):
    grow = growth_facts(policy)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profiles(policy, optional=False), st.sampled_from(grow), st.integers(1, 10**4))
    def check(facts, fact, more):
        bigger = dict(facts, **{fact: min(facts[fact] + more, policy["facts"][fact]["max"])})
        before, after = evaluate(policy, facts), evaluate(policy, bigger)
        assert after["totals"]["lo"] >= before["totals"]["lo"] and after["totals"]["hi"] >= before["totals"]["hi"], fact
        for b, a in zip(before["benefits"], after["benefits"]):
            if b["status"] == "eligible" and not a["superseded_by"]:  # (a larger rival may now be paid instead)
                assert a["status"] == "eligible", (b["id"], fact)
                if b["amount"] is not None and a["amount"] is not None:
                    assert a["amount"]["hi"] >= b["amount"]["hi"], (b["id"], fact, b["amount"], a["amount"])

    check()


def _within(part, full):
    """A partial answer's interval holds the completed answer's interval."""
    if part is None or full is None:
        return True
    return part["lo"] <= full["lo"] and (part["hi"] is None or full["hi"] <= part["hi"])


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_a_partial_answer_holds_every_completion_of_it(policy):
    """What a partial answer shows is already known: "eligible" and "not eligible" are final,
    and an amount or total is an interval that every completion of the answers falls into."""
    grouped = {b for g in policy.get("groups", []) for m in g["benefits"] for b in ([m] if isinstance(m, str) else m)}

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profiles(policy, optional=False), st.data())
    def check(full, data):
        blank = data.draw(st.sets(st.sampled_from(sorted(full))))
        part = {k: v for k, v in full.items() if k not in blank}
        before, after = evaluate(policy, part), evaluate(policy, full)
        for p, f in zip(before["benefits"], after["benefits"]):
            if p["id"] in grouped:  # which member is highest may wait on another member's answers
                continue
            if p["status"] != "unknown":
                assert (f["status"], f["amount"], f["total"]) == (p["status"], p["amount"], p["total"]), p["id"]
            else:
                assert _within(p["amount"], f["amount"]) and _within(p["total"], f["total"]), (p["id"], p["amount"], f["amount"])

    check()


@pytest.mark.parametrize("policy", POLICIES, ids=IDS)
def test_only_the_missing_facts_can_change_a_status(policy):
    """Answering a question the engine does not list as missing never changes any outcome."""

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profiles(policy, optional=False), st.data())
    def check(full, data):
        blank = data.draw(st.sets(st.sampled_from(sorted(full))))
        part = {k: v for k, v in full.items() if k not in blank}
        before = evaluate(policy, part)
        more = dict(part, **{k: full[k] for k in blank if k not in before["missing"]})
        after = evaluate(policy, more)
        assert [b["status"] for b in before["benefits"]] == [a["status"] for a in after["benefits"]]

    check()


def test_every_policy_has_quantities_to_grow():
    assert {p["id"] for p in POLICIES if growth_facts(p)} >= {"shangyu-2023", "kunshan-2017", "yeji", "jiangmen-draft"}


SAMPLE_SCRIPT = '''
import json
import calculators

PROFILES = json.loads({profiles!r})


def main(policies_json):
    policies = {{p["id"]: p for p in json.loads(policies_json)}}
    return json.dumps([calculators.evaluate(policies[pid], facts) for pid, facts in PROFILES], sort_keys=True, ensure_ascii=False)
'''


def test_a_random_sample_of_profiles_gives_the_same_results_in_pyodide(export_dir, tmp_path):
    rng = random.Random(20261121)
    sample = []
    for policy in POLICIES:
        for _ in range(40):
            facts = {}
            for f, meta in policy["facts"].items():
                if rng.random() < 0.15:
                    continue
                if meta["type"] == "choice":
                    facts[f] = rng.choice(sorted(meta["choices"]))
                elif meta["type"] == "boolean":
                    facts[f] = rng.random() < 0.5
                else:
                    facts[f] = rng.choice([rng.randint(0, 60), rng.randint(0, meta["max"])])
            sample.append((policy["id"], facts))
    script = tmp_path / "sample.py"
    script.write_text(SAMPLE_SCRIPT.format(profiles=json.dumps(sample)))
    by_id = {p["id"]: p for p in POLICIES}
    inside = run_in_pyodide(export_dir, script)
    outside = json.loads(json.dumps([evaluate(by_id[pid], facts) for pid, facts in sample], sort_keys=True, ensure_ascii=False))
    assert len(inside) == len(sample) == 40 * len(POLICIES)
    assert inside == outside
