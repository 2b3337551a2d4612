"""What a person types: parsed in Python, refused with a message in both languages."""

import pytest

from calculators import parse_inputs

META = {
    "people": {"type": "integer", "label": {"zh": "人数", "en": "People"}, "unit": {"zh": "人", "en": "people"}, "max": 1000},
    "cost": {"type": "money", "label": {"zh": "费用", "en": "Cost"}, "max": 10**8},
    "level": {"type": "choice", "label": {"zh": "等级", "en": "Level"}, "choices": {"a": {"zh": "甲", "en": "A"}}},
    "flag": {"type": "boolean", "label": {"zh": "是否", "en": "Flag"}},
}


@pytest.mark.parametrize("raw,value", [("12", 12), (" 12 ", 12), ("１２", 12), ("1,000", 1000), (7, 7), ("0", 0)])
def test_good_numbers(raw, value):
    facts, errors = parse_inputs(META, {"people": raw})
    assert errors == {} and facts == {"people": value}


@pytest.mark.parametrize("raw,fragment", [
    ("abc", "whole number"), ("2.5", "whole number"), ("-3", "negative"), ("1001", "at most 1,000"),
    ("99999999999999999999", "at most 1,000"), ("1e3", "whole number"), ("12人", "whole number"), (True, "whole number"),
])
def test_bad_numbers(raw, fragment):
    facts, errors = parse_inputs(META, {"people": raw})
    assert facts == {} and fragment in errors["people"]["en"] and errors["people"]["zh"]


def test_money_written_with_wan_is_refused_with_advice():
    _, errors = parse_inputs(META, {"cost": "5万"})
    assert "5万" in errors["cost"]["en"] and "元" in errors["cost"]["zh"]


def test_empty_is_unanswered_not_an_error():
    assert parse_inputs(META, {"people": "  ", "level": ""}) == ({}, {})


def test_choices_and_booleans():
    assert parse_inputs(META, {"level": "a", "flag": "false"}) == ({"level": "a", "flag": False}, {})
    _, errors = parse_inputs(META, {"level": "z", "flag": "maybe", "other": "1"})
    assert set(errors) == {"level", "flag", "other"}
