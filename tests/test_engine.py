"""The engine on small synthetic policies: one behaviour per test."""

import pytest

from calculators import evaluate

FACTS = {
    "applicant": {"type": "choice", "label": {"zh": "身份", "en": "Who"},
                  "choices": {"individual": {"zh": "个人", "en": "Individual"}, "enterprise": {"zh": "企业", "en": "Enterprise"}}},
    "people": {"type": "integer", "label": {"zh": "人数", "en": "People"}, "unit": {"zh": "人", "en": "people"}, "max": 10**6},
    "cost": {"type": "money", "label": {"zh": "费用", "en": "Cost"}, "max": 10**9},
    "level": {"type": "choice", "label": {"zh": "等级", "en": "Level"},
              "choices": {"a": {"zh": "甲", "en": "A"}, "b": {"zh": "乙", "en": "B"}, "c": {"zh": "丙", "en": "C"}}},
    "flag": {"type": "boolean", "label": {"zh": "是否", "en": "Flag"}},
}


def policy(*benefits, groups=()):
    full = []
    for i, b in enumerate(benefits):
        full.append({"id": b.get("id", f"b{i}"), "clause": "c1", "title": {"zh": f"项{i}", "en": f"Item {i}"},
                     "recipients": b.get("recipients", ["individual"]), "form": b.get("form", "cash"),
                     "schedule": b.get("schedule", {"every": "once"}), **{k: v for k, v in b.items() if k in ("conditions", "amount")}})
    return {"id": "t", "facts": FACTS, "benefits": full, "groups": list(groups)}


def one(p, facts):
    return evaluate(p, dict({"applicant": "individual"}, **facts))["benefits"]


def test_fixed_amount_once():
    (r,) = one(policy({"amount": {"yuan": 500}}), {})
    assert r["status"] == "eligible" and r["amount"] == {"lo": 500, "hi": 500} and r["total"] == r["amount"]


def test_band_times_count_then_yearly_cap():
    p = policy({"amount": {"cap": {"max": 100000, "per": "year", "of": {"per": {"count": "people", "each": {"band": [500, 800]}}}}},
                "schedule": {"every": "year"}})
    (r,) = one(p, {"people": 150})
    assert r["amount"] == {"lo": 75000, "hi": 100000}
    assert r["caps"] == [{"max": 100000, "per": "year", "applied": True,
                          "text": {"zh": "每年最高100,000元", "en": "at most RMB 100,000 a year"}}]
    assert r["total"] is None  # a yearly payment with no end date has no finite total


@pytest.mark.parametrize("people,expected", [(49, 0), (50, 10000), (99, 10000), (100, 20000)])
def test_blocks_count_only_full_blocks(people, expected):
    p = policy({"amount": {"blocks": {"count": "people", "size": 50, "each": {"yuan": 10000}}}})
    (r,) = one(p, {"people": people})
    if expected:
        assert r["amount"] == {"lo": expected, "hi": expected}
    else:
        assert r["status"] == "not_eligible" and r["amount"] is None


def test_percent_rounds_down_to_whole_yuan():
    (r,) = one(policy({"amount": {"percent": {"rate": 30, "of": {"value_of": "cost"}}}}), {"cost": 1001})
    assert r["amount"] == {"lo": 300, "hi": 300}


def test_ratio_match_and_up_to():
    p = policy({"amount": {"ratio": {"num": 1, "den": 1, "of": {"value_of": "cost"}}}},
               {"amount": {"up_to": {"percent": {"rate": 20, "of": {"yuan": 30000}}}}})
    a, b = one(p, {"cost": 4321})
    assert a["amount"] == {"lo": 4321, "hi": 4321}
    assert b["amount"] == {"lo": 0, "hi": 6000}


def test_table_by_choice_without_a_case_pays_nothing():
    p = policy({"amount": {"by": {"fact": "level", "cases": {"a": {"yuan": 300}, "b": {"yuan": 600}}}}})
    assert one(p, {"level": "b"})[0]["amount"] == {"lo": 600, "hi": 600}
    r = one(p, {"level": "c"})[0]
    assert r["status"] == "not_eligible"
    assert any(step["ok"] is False and "sets no amount" in step["en"] for step in r["trace"])


def test_monthly_schedule_total_over_the_limit():
    p = policy({"amount": {"yuan": 300}, "schedule": {"every": "month", "for_at_most": {"years": 3}}})
    assert one(p, {})[0]["total"] == {"lo": 10800, "hi": 10800}


def test_instalments_total_is_the_amount():
    p = policy({"amount": {"yuan": 72000}, "schedule": {"every": "instalments", "years": 3}})
    assert one(p, {})[0]["total"] == {"lo": 72000, "hi": 72000}


def test_unanswered_fact_gives_unknown_and_names_it():
    p = policy({"conditions": [{"fact": "people", "at_least": 10}], "amount": {"yuan": 1}})
    (r,) = one(p, {})
    assert r["status"] == "unknown" and r["missing"] == ["people"]


def test_a_false_condition_wins_over_an_unknown_one():
    p = policy({"conditions": [{"fact": "people", "at_least": 10}, {"fact": "flag", "is": True}], "amount": {"yuan": 1}})
    assert one(p, {"flag": False})[0]["status"] == "not_eligible"


@pytest.mark.parametrize("op,n,value,ok", [("at_least", 10, 10, True), ("at_least", 10, 9, False),
                                           ("more_than", 1, 1, False), ("at_most", 1, 1, True), ("less_than", 3, 3, False)])
def test_comparisons_at_their_boundary(op, n, value, ok):
    p = policy({"conditions": [{"fact": "people", op: n}], "amount": {"yuan": 1}})
    assert one(p, {"people": value})[0]["status"] == ("eligible" if ok else "not_eligible")


def test_any_all_not():
    cond = {"any": [{"fact": "flag", "is": True}, {"not": {"fact": "level", "in": ["a", "b"]}}]}
    p = policy({"conditions": [cond], "amount": {"yuan": 1}})
    assert one(p, {"flag": False, "level": "c"})[0]["status"] == "eligible"
    assert one(p, {"flag": False, "level": "a"})[0]["status"] == "not_eligible"
    assert one(p, {"level": "a"})[0]["status"] == "unknown"


def test_recipient_mismatch_is_not_eligible():
    p = policy({"amount": {"yuan": 1}, "recipients": ["enterprise"]})
    r = one(p, {})[0]
    assert r["status"] == "not_eligible" and r["trace"][0]["ok"] is False


def test_eligible_for_another_benefit():
    p = policy({"id": "main", "conditions": [{"fact": "flag", "is": True}], "amount": {"yuan": 500}},
               {"id": "extra", "conditions": [{"eligible_for": "main"}], "amount": {"yuan": 200}})
    assert [r["status"] for r in one(p, {"flag": True})] == ["eligible", "eligible"]
    assert [r["status"] for r in one(p, {"flag": False})] == ["not_eligible", "not_eligible"]


def test_non_duplication_pays_only_the_highest():
    group = {"id": "g", "rule": "highest_only", "clause": "c9", "benefits": ["low", "high"]}
    p = policy({"id": "low", "amount": {"yuan": 100000}}, {"id": "high", "amount": {"yuan": 150000}}, groups=[group])
    result = evaluate(p, {"applicant": "individual"})
    low, high = result["benefits"]
    assert high["status"] == "eligible"
    assert low["status"] == "not_eligible" and low["superseded_by"] == "high"
    assert low["trace"][-1]["clause"] == "c9" and "only the highest" in low["trace"][-1]["en"]
    assert result["totals"]["lo"] == result["totals"]["hi"] == 150000


def test_totals_count_cash_only():
    p = policy({"amount": {"yuan": 500}}, {"amount": {"up_to": 1500000}, "form": "credit_line"})
    totals = evaluate(p, {"applicant": "individual"})["totals"]
    assert (totals["lo"], totals["hi"]) == (500, 500)
    assert len(totals["eligible"]) == 2


def test_every_trace_step_names_its_clause_in_both_languages():
    p = policy({"conditions": [{"fact": "people", "at_least": 10}],
                "amount": {"per": {"count": "people", "each": {"yuan": 250}}}})
    (r,) = one(p, {"people": 12})
    assert r["amount"] == {"lo": 3000, "hi": 3000}
    assert all(step["clause"] == "c1" and step["zh"] and step["en"] for step in r["trace"])
    assert any("250 × 12 people = RMB 3,000" in step["en"] for step in r["trace"])


def test_unknown_facts_are_ignored():
    (r,) = one(policy({"amount": {"yuan": 1}}), {"not_a_fact": 3})
    assert r["status"] == "eligible"
