"""Clauses are named in each text's own numbering, never by our unit ids."""

import pytest

from calculators.build import compile as rules

POLICIES = {p["id"]: p for p in rules.load_all_or_raise()[0]}


@pytest.mark.parametrize("policy, unit, zh, en", [
    ("shangyu-2023", "item-21", "三（四）21", "Part III (4) item 21"),
    ("kunshan-2017", "sec-5-2", "二（五）2", "Part II (5) item 2"),
    ("kunshan-2017", "part-3-2", "三、2", "Part III item 2"),
    ("kunshan-2017", "sec-1-text", "一（一）", "Part I (1)"),       # a heading's only paragraph takes its name
    ("jiangsu-2024", "measure-12", "四（十二）", "Part IV (12)"),
    ("jiangmen-draft", "measure-15-text", "六（15）", "Part VI (15)"),
    ("yeji", "part-4-p2", "第四部分第2段", "Part IV, paragraph 2"),  # unnumbered paragraphs are counted
    ("yeji", "part-6-p1", "第六部分第1段", "Part VI, paragraph 1"),
    ("shangyu-2023", "doc-no", "文号", "document number"),
])
def test_a_clause_is_named_as_the_text_numbers_it(policy, unit, zh, en):
    assert POLICIES[policy]["labels"][unit] == {"zh": zh, "en": en}


def test_every_unit_has_a_distinct_name_where_it_carries_a_benefit():
    for p in POLICIES.values():
        clauses = {b["clause"] for b in p["benefits"]}
        names = [p["labels"][c]["zh"] for c in clauses]
        assert len(names) == len(set(names)), p["id"]
