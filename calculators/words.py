"""Bilingual wording for traces and results: every string is a {zh, en} pair.

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations


def yuan(n: int) -> dict:
    return {"zh": f"{n:,}元", "en": f"RMB {n:,}"}


def interval(lo: int, hi: int, upto: bool = False) -> dict:
    """An amount: exact, a band, or "up to" (lo == 0 coming from 最高/不超过)."""
    if lo == hi:
        return yuan(lo)
    if lo == 0 and upto:
        return {"zh": f"最高{hi:,}元", "en": f"up to RMB {hi:,}"}
    return {"zh": f"{lo:,}–{hi:,}元", "en": f"RMB {lo:,}–{hi:,}"}


def join(*parts: dict, sep: dict | None = None) -> dict:
    sep = sep or {"zh": "", "en": " "}
    return {lang: sep[lang].join(p[lang] for p in parts if p[lang]) for lang in ("zh", "en")}


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


OPERATORS = {
    "at_least": {"zh": "不少于", "en": "at least"},
    "more_than": {"zh": "多于", "en": "more than"},
    "at_most": {"zh": "不超过", "en": "at most"},
    "less_than": {"zh": "少于", "en": "less than"},
}

PERIOD = {
    "month": {"zh": "月", "en": "month"},
    "year": {"zh": "年", "en": "year"},
}

OUTCOME = {
    True: {"zh": "符合", "en": "met"},
    False: {"zh": "不符合", "en": "not met"},
    None: {"zh": "尚未回答", "en": "not answered yet"},
}


def schedule(s: dict) -> dict:
    """Human wording of a payout schedule."""
    every = s["every"]
    if every == "once":
        return {"zh": "一次性", "en": "one-off"}
    if every == "instalments":
        n = s["years"]
        return {"zh": f"分{n}年发放", "en": f"paid in instalments over {n} years"}
    unit = PERIOD[every]
    limit = s.get("for_at_most")
    if not limit:
        return {"zh": f"按{unit['zh']}发放", "en": f"paid every {unit['en']}"}
    y = limit.get("years")
    m = limit.get("months")
    span = {"zh": f"{y}年", "en": f"{y} year{'s' if y != 1 else ''}"} if y else \
        {"zh": f"{m}个月", "en": f"{m} month{'s' if m != 1 else ''}"}
    return {"zh": f"按{unit['zh']}发放，最长{span['zh']}", "en": f"paid every {unit['en']} for up to {span['en']}"}
