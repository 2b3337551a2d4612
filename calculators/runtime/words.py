"""Bilingual wording shared by the forms: every string is a {zh, en} pair.

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations


def yuan(n: int) -> dict:
    return {"zh": f"{n:,}元", "en": f"RMB {n:,}"}


def interval(lo: int, hi: int | None, upto: bool = False) -> dict:
    """An amount: exact, a band, "up to" (lo == 0 coming from 最高/不超过), or "at least" (hi unknown)."""
    if hi is None:
        return {"zh": f"至少{lo:,}元", "en": f"at least RMB {lo:,}"}
    if lo == hi:
        return yuan(lo)
    if lo == 0 and upto:
        return {"zh": f"最高{hi:,}元", "en": f"up to RMB {hi:,}"}
    return {"zh": f"{lo:,}–{hi:,}元", "en": f"RMB {lo:,}–{hi:,}"}


def fact_value(fact: dict, value) -> dict:
    """How a user's answer reads back to them."""
    kind = fact["type"]
    if kind == "boolean":
        return {"zh": "是", "en": "yes"} if value else {"zh": "否", "en": "no"}
    if kind == "choice":
        return dict(fact["choices"][value])
    if kind == "money":
        return yuan(value)
    unit = fact.get("unit") or {"zh": "", "en": ""}
    return {"zh": f"{value:,}{unit['zh']}", "en": f"{value:,} {unit['en']}".strip()}


def threshold(fact: dict, n: int) -> dict:
    return fact_value(dict(fact, type="money" if fact["type"] == "money" else "integer"), n)


_ONE = {"people": "person", "person-times": "person", "students": "student", "graduates": "graduate",
        "trades": "trade", "years": "year", "months": "month", "times": "time", "bases": "base",
        "carriers": "carrier", "courses": "course", "trainees": "trainee"}


def singular(unit: str) -> str:
    return _ONE.get(unit, unit)


PERIOD = {
    "month": {"zh": "月", "en": "month"},
    "year": {"zh": "年", "en": "year"},
}
