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


# ---------------------------------------------------------------- partial answers

TWO_COUNTS = {"cap": {"max": 200000, "per": "year", "of": {"sum": [
    {"blocks": {"count": "people", "size": 50, "each": {"yuan": 10000}}},
    {"blocks": {"count": "trainees", "size": 50, "each": {"yuan": 20000}}}]}}}
FACTS["trainees"] = {"type": "integer", "label": {"zh": "高级工人数", "en": "Senior trainees"},
                     "unit": {"zh": "人", "en": "people"}, "max": 10**6}


def test_a_reached_cap_is_exact_before_the_other_count_is_answered():
    """Shangyu item 13: 600 senior trainees reach the 200,000 cap; the junior count no longer matters."""
    (r,) = one(policy({"amount": TWO_COUNTS}), {"trainees": 600})
    assert r["status"] == "eligible" and r["amount"] == {"lo": 200000, "hi": 200000}
    assert r["missing"] == []


def test_a_partial_sum_is_at_least_what_is_answered():
    (r,) = one(policy({"amount": TWO_COUNTS}), {"trainees": 100})
    assert r["status"] == "unknown" and r["missing"] == ["people"]
    assert r["amount"] == {"lo": 40000, "hi": 200000}  # at least the answered part, at most the cap
    (r,) = one(policy({"amount": {"sum": [{"per": {"count": "people", "each": {"yuan": 100}}}, {"yuan": 500}]}}), {})
    assert r["status"] == "unknown" and r["amount"] == {"lo": 500, "hi": None}
    assert r["text"]["amount"] == {"zh": "至少500元", "en": "at least RMB 500"}


def test_nothing_known_shows_no_amount():
    (r,) = one(policy({"amount": {"value_of": "cost"}}), {})
    assert r["status"] == "unknown" and r["amount"] == {"lo": 0, "hi": None} and r["text"]["amount"] is None


def test_a_false_condition_stops_asking_the_rest():
    p = policy({"conditions": [{"all": [{"fact": "flag", "is": True}, {"fact": "people", "at_least": 10}]}],
                "amount": {"per": {"count": "people", "each": {"yuan": 100}}}})
    (r,) = one(p, {})
    assert r["missing"] == ["flag", "people"]
    (r,) = one(p, {"flag": False})
    assert r["status"] == "not_eligible" and r["missing"] == []


def test_a_true_alternative_stops_asking_the_other():
    p = policy({"conditions": [{"any": [{"fact": "flag", "is": True}, {"fact": "people", "at_least": 10}]}],
                "amount": {"yuan": 100}})
    (r,) = one(p, {"flag": True})
    assert r["status"] == "eligible" and r["missing"] == []


def test_a_table_waits_for_its_choice_before_the_counts_inside_it():
    p = policy({"amount": {"by": {"fact": "level", "cases": {"a": {"per": {"count": "people", "each": {"yuan": 100}}},
                                                              "b": {"yuan": 300}}}}})
    (r,) = one(p, {})
    assert r["missing"] == ["level"] and r["amount"] == {"lo": 0, "hi": None}
    (r,) = one(p, {"level": "a"})
    assert r["missing"] == ["people"]


# ---------------------------------------------------------------- the forms added through the vocabulary

@pytest.mark.parametrize("cost,expected", [(None, [3000, None]), (1000, [3000, 3000]), (5000, [3000, 5000])])
def test_greater_of_the_standard_and_the_cost(cost, expected):
    """Kunshan: "成本超过补贴标准的，可按培训合理成本": at least the standard, up to the cost where higher."""
    p = policy({"amount": {"greater_of": [{"yuan": 3000}, {"up_to": {"value_of": "cost"}}]}})
    (r,) = one(p, {} if cost is None else {"cost": cost})
    assert r["amount"] == {"lo": expected[0], "hi": expected[1]}
    assert r["status"] == ("unknown" if cost is None else "eligible")


@pytest.mark.parametrize("received,total", [(0, 3000), (2, 1000), (3, None)])
def test_years_already_received_count_towards_the_limit(received, total):
    """Kunshan: "上述各类补贴每人累计不超过三年": someone who has had 2 years gets at most 1 more."""
    p = policy({"amount": {"yuan": 1000}, "schedule": {"every": "year", "for_at_most": {"years": 3, "received": "people"}}})
    (r,) = one(p, {"people": received})
    if total is None:
        assert r["status"] == "not_eligible" and r["trace"][-1]["form"] == "nothing"
    else:
        assert r["status"] == "eligible" and r["total"] == {"lo": total, "hi": total}
        assert r["trace"][-1] == dict(r["trace"][-1], kind="calc", form="every", limit=3, received=received,
                                      payments=3 - received, clause="c1")


def test_a_monthly_allowance_stops_with_a_shorter_contract():
    p = policy({"amount": {"yuan": 100}, "schedule": {"every": "month", "for_at_most": {"years": 3, "within": "people"}}})
    (r,) = one(p, {"people": 1})
    assert r["total"] == {"lo": 1200, "hi": 1200}
    (r,) = one(p, {})
    assert r["status"] == "unknown" and r["missing"] == ["people"] and r["total"] == {"lo": 0, "hi": 3600}


# ---------------------------------------------------------------- the trace as data

def test_each_step_records_what_it_tested_and_computed():
    p = policy({"conditions": [{"fact": "people", "at_least": 10}],
                "amount": {"cap": {"max": 1500, "of": {"per": {"count": "people", "each": {"yuan": 100}}}}}})
    (r,) = one(p, {"people": 20})
    steps = [{k: v for k, v in s.items() if k not in ("zh", "en")} for s in r["trace"]]
    assert steps == [
        {"kind": "check", "form": "recipient", "expected": ["individual"], "answer": "individual", "ok": True, "clause": "c1"},
        {"kind": "check", "form": "at_least", "fact": "people", "expected": 10, "answer": 20, "ok": True, "clause": "c1"},
        {"kind": "calc", "form": "per", "each": (100, 100), "count": 20, "fact": "people", "result": (2000, 2000), "ok": None, "clause": "c1"},
        {"kind": "cap", "form": "cap", "max": 1500, "per": None, "applied": True, "ok": None, "clause": "c1"},
    ]
    assert all(s["zh"] and s["en"] for s in r["trace"])


@pytest.mark.parametrize("pay,paid", [(8000, {"living", "housing"}), (12000, {"pay"})])
def test_a_bundle_of_benefits_is_weighed_together_against_the_other_option(pay, paid):
    """Yeji: 10,000 + 20,000 (one sentence, one side) against 20% of pay for 3 years: the higher side is paid."""
    p = policy({"id": "living", "amount": {"yuan": 10000}}, {"id": "housing", "amount": {"yuan": 20000}},
               {"id": "pay", "amount": {"value_of": "cost"}, "schedule": {"every": "year", "for_at_most": {"years": 3}}},
               groups=[{"id": "g", "clause": "c1", "rule": "highest_only", "benefits": [["living", "housing"], "pay"]}])
    results = one(p, {"cost": pay})
    assert {r["id"] for r in results if r["status"] == "eligible"} == paid
