"""The schedule of a benefit: how often it pays, and for how long. Declared once (see ``forms``).

    {every: once}                                    one payment
    {every: instalments, years: 2}                   one sum paid in parts
    {every: month, for_at_most: {years: 3}}          at most 36 payments
    {every: year}                                    open-ended: no total
    {every: year, for_at_most: {years: 3, received: F}}   "每人累计不超过三年": years already received count
    {every: year, for_at_most: {years: 3, within: F}}     and no longer than F years (a contract)
    {every: year, for_at_most: {years: 3, in_year: F}}    "运行前3年内": F is the year it is in now (1 = the first)

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

from . import words
from .forms import COUNT, EVERY, Form, fact, register, split

_PER_YEAR = {"month": 12, "year": 1}


class Schedule(Form):
    key = "every"
    whole = True
    fields = {"every": EVERY, "years?": COUNT,
              "for_at_most?": {"years?": COUNT, "months?": COUNT, "received?": fact("integer"),
                               "within?": fact("integer"), "in_year?": fact("integer")}}
    example = "{every: year, for_at_most: {years: 3, received: FACT}}"
    meaning = ("“每人累计不超过三年”: the years already received (FACT) count towards the limit; `in_year: FACT` "
               "counts from the year it is in (“运行前3年内”); `within: FACT` stops it at FACT years (a contract)")

    def payments(self, s, ctx):
        """``(lo, hi)`` payments still to come, or None when open-ended; the amount is the total for a single sum."""
        every = s["every"]
        if every in ("once", "instalments"):
            return 1, 1
        limit = s.get("for_at_most")
        if not limit:
            return None
        k = _PER_YEAR[every]
        n = limit["years"] * k if "years" in limit else limit["months"] * k // 12
        lo, hi = n, n
        values = {}
        for key in ("received", "in_year", "within"):
            if key not in limit:
                continue
            fact_id = limit[key]
            v = ctx.fact(fact_id)
            meta = ctx.meta(fact_id)
            low, high = (meta.get("min", 0), meta["max"]) if v is None else (v, v)
            if key == "in_year":  # in its 3rd year, 2 years have gone by
                low, high = max(0, low - 1), max(0, high - 1)
            if key in ("received", "in_year"):
                lo, hi = max(0, lo - high * k), max(0, hi - low * k)
            else:
                lo, hi = min(lo, low * k), min(hi, high * k)
            values[key] = v
        if values and None not in values.values():
            ctx.calc(self.key, every=every, limit=n, payments=hi, **values)
        return lo, hi

    def explain(self, s, facts):
        unit = words.PERIOD[s["every"]]
        n, left = s["limit"], s["payments"]
        parts_zh, parts_en = [], []
        if "received" in s:
            r = s["received"]
            parts_zh.append(f"已享受{r}年，累计不超过{n // _PER_YEAR[s['every']]}年")
            parts_en.append(f"{r} year(s) already received, at most {n // _PER_YEAR[s['every']]} in all")
        if "in_year" in s:
            y = s["in_year"]
            parts_zh.append(f"现为第{y}年，前{n // _PER_YEAR[s['every']]}年内发放")
            parts_en.append(f"now in year {y} of the first {n // _PER_YEAR[s['every']]}")
        if "within" in s:
            w = s["within"]
            parts_zh.append(f"期限不超过{w}年")
            parts_en.append(f"no longer than {w} year(s)")
        return {"zh": "，".join(parts_zh) + f"：还可发放{left}{'个月' if s['every'] == 'month' else '年'}",
                "en": "; ".join(parts_en) + f": {left} more {unit['en']}{'s' if left != 1 else ''}"}

    def describe(self, s, facts):
        every = s["every"]
        if every == "once":
            return {"zh": "一次性", "en": "one-off"}
        if every == "instalments":
            n = s["years"]
            return {"zh": f"分{n}年发放", "en": f"paid in instalments over {n} years"}
        unit = words.PERIOD[every]
        limit = s.get("for_at_most")
        if not limit:
            return {"zh": f"按{unit['zh']}发放", "en": f"paid every {unit['en']}"}
        y, m = limit.get("years"), limit.get("months")
        span = {"zh": f"{y}年", "en": f"{y} year{'s' if y != 1 else ''}"} if y else \
            {"zh": f"{m}个月", "en": f"{m} month{'s' if m != 1 else ''}"}
        text = {"zh": f"按{unit['zh']}发放，最长{span['zh']}", "en": f"paid every {unit['en']} for up to {span['en']}"}
        if "received" in limit:
            text = {"zh": text["zh"] + "（已享受的年数计入）", "en": text["en"] + " (years already received count)"}
        if "in_year" in limit:
            text = {"zh": text["zh"] + "（自第1年起算）", "en": text["en"] + " (counted from the first year)"}
        if "within" in limit:
            label = facts[limit["within"]]["label"] if limit["within"] in facts else None
            text = {"zh": text["zh"] + (f"（并以“{label['zh']}”的年数为限）" if label else ""),
                    "en": text["en"] + (f" (and no longer than the years answered to “{label['en']}”)" if label else "")}
        return text


FORMS = register(Schedule)
SCHEDULE = FORMS["every"]


def payments(schedule: dict, ctx):
    form, value = split(FORMS, schedule)
    return form.payments(value, ctx)


def describe(schedule: dict, facts: dict | None = None) -> dict:
    form, value = split(FORMS, schedule)
    return form.describe(value, facts or {})
