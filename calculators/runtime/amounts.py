"""Amounts: each form of the closed vocabulary, declared once (see ``forms``).

An amount evaluates to an interval of whole 元, ``(lo, hi)``: exact (lo == hi), a band
(lo < hi), or "up to" (lo == 0). While a fact it needs is unanswered, the interval holds
every result the answer could still give: ``hi`` is None when nothing bounds it yet ("at
least lo"). Once a cap is reached the amount is exact, and the facts beneath the cap are
no longer needed.

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

from . import words
from .forms import (AMOUNT, AMOUNTS, BAND, CASES, COUNT, MONEY, MONEY_OR_AMOUNT, PERCENT, PERIOD,
                    Form, fact, register, split)


def evaluate(node: dict, ctx) -> tuple:
    """``(lo, hi)`` in 元; ``hi`` is None while an unanswered fact leaves it unbounded."""
    form, value = split(FORMS, node)
    return form.evaluate(value, ctx)


def describe(node: dict, facts: dict) -> dict:
    """The amount in words, before any answer (the benefit tables)."""
    form, value = split(FORMS, node)
    return form.describe(value, facts)


def _times(interval, n: int):
    lo, hi = interval
    return lo * n, None if hi is None else hi * n


def _scale(interval, num: int, den: int):
    lo, hi = interval
    return lo * num // den, None if hi is None else hi * num // den


def _known(*intervals) -> bool:
    return all(i[1] is not None for i in intervals)


def _unit(facts: dict, fact_id: str) -> dict:
    return facts[fact_id].get("unit") or {"zh": "", "en": ""}


class Yuan(Form):
    key, arg = "yuan", MONEY
    example, meaning = "{yuan: 500}", "a fixed amount"

    def evaluate(self, n, ctx):
        return n, n

    def describe(self, n, facts):
        return words.yuan(n)


class Band(Form):
    key, arg = "band", BAND
    example, meaning = "{band: [500, 800]}", "“500-800元”: the department sets the figure within the band"

    def evaluate(self, band, ctx):
        return band[0], band[1]

    def describe(self, band, facts):
        return words.interval(band[0], band[1])


class UpTo(Form):
    key, arg = "up_to", MONEY_OR_AMOUNT
    example, meaning = "{up_to: 10000} or {up_to: NODE}", "“最高”, “不超过”, “不高于”: anything from 0 to the figure"

    def evaluate(self, arg, ctx):
        if isinstance(arg, int):
            return 0, arg
        return 0, evaluate(arg, ctx)[1]

    def describe(self, arg, facts):
        if isinstance(arg, int):
            return words.interval(0, arg, upto=True)
        inner = describe(arg, facts)
        return {"zh": f"最高为{inner['zh']}", "en": f"up to {inner['en']}"}


class ValueOf(Form):
    key, arg = "value_of", fact("money")
    example, meaning = "{value_of: FACT}", "a sum of money the user enters (a cost, a wage, another award)"

    def evaluate(self, fact_id, ctx):
        v = ctx.fact(fact_id)
        return (ctx.meta(fact_id).get("min", 0), None) if v is None else (v, v)

    def describe(self, fact_id, facts):
        label = facts[fact_id]["label"]
        return {"zh": f"〔{label['zh']}〕", "en": f"[{label['en']}]"}


class Per(Form):
    key = "per"
    fields = {"count": fact("integer"), "each": AMOUNT}
    example, meaning = "{per: {count: FACT, each: NODE}}", "per person (or per item) × a count"

    def evaluate(self, arg, ctx):
        n = ctx.fact(arg["count"])
        each = evaluate(arg["each"], ctx)
        if n is None:
            return _times(each, ctx.meta(arg["count"]).get("min", 0))[0], None
        result = _times(each, n)
        if _known(each):
            ctx.calc(self.key, each=each, count=n, fact=arg["count"], result=result)
        return result

    def explain(self, s, facts):
        unit = _unit(facts, s["fact"])
        e, r = words.interval(*s["each"], upto=True), words.interval(*s["result"], upto=True)
        n = s["count"]
        return {"zh": f"{e['zh']} × {n:,}{unit['zh']} = {r['zh']}", "en": f"{e['en']} × {n:,} {unit['en']} = {r['en']}"}

    def describe(self, arg, facts):
        each, unit = describe(arg["each"], facts), _unit(facts, arg["count"])
        return {"zh": f"每{unit['zh']}{each['zh']}", "en": f"{each['en']} per {words.singular(unit['en'])}"}


class Blocks(Form):
    key = "blocks"
    fields = {"count": fact("integer"), "size": COUNT, "each": AMOUNT}
    example, meaning = "{blocks: {count: FACT, size: 50, each: NODE}}", "per *full* block (“每50人1万元”: 99 people make 1 block)"

    def evaluate(self, arg, ctx):
        n = ctx.fact(arg["count"])
        each = evaluate(arg["each"], ctx)
        size = arg["size"]
        if n is None:
            return _times(each, ctx.meta(arg["count"]).get("min", 0) // size)[0], None
        full = n // size
        result = _times(each, full)
        if _known(each):
            ctx.calc(self.key, each=each, count=n, size=size, full=full, result=result)
        return result

    def explain(self, s, facts):
        e, r = words.interval(*s["each"], upto=True), words.interval(*s["result"], upto=True)
        n, size, full = s["count"], s["size"], s["full"]
        return {"zh": f"{n:,}人中满{size}人的整组有{full}组：{e['zh']} × {full} = {r['zh']}",
                "en": f"{n:,} people make {full} full block(s) of {size}: {e['en']} × {full} = {r['en']}"}

    def describe(self, arg, facts):
        each, unit = describe(arg["each"], facts), _unit(facts, arg["count"])
        return {"zh": f"每满{arg['size']}{unit['zh']}{each['zh']}", "en": f"{each['en']} per full {arg['size']} {unit['en']}"}


class Percent(Form):
    key = "percent"
    fields = {"rate": PERCENT, "of": AMOUNT}
    example, meaning = "{percent: {rate: 60, of: NODE}}", "a percentage, rounded down to whole 元"

    def evaluate(self, arg, ctx):
        base = evaluate(arg["of"], ctx)
        result = _scale(base, arg["rate"], 100)
        if _known(base):
            ctx.calc(self.key, base=base, rate=arg["rate"], result=result)
        return result

    def explain(self, s, facts):
        b, r = words.interval(*s["base"], upto=True), words.interval(*s["result"], upto=True)
        return {"zh": f"{b['zh']} × {s['rate']}% = {r['zh']}", "en": f"{s['rate']}% of {b['en']} = {r['en']}"}

    def describe(self, arg, facts):
        of = describe(arg["of"], facts)
        return {"zh": f"{of['zh']}的{arg['rate']}%", "en": f"{arg['rate']}% of {of['en']}"}


class Ratio(Form):
    key = "ratio"
    fields = {"num": COUNT, "den": COUNT, "of": AMOUNT}
    example, meaning = "{ratio: {num: 1, den: 1, of: NODE}}", "“1:1 配套” matching"

    def evaluate(self, arg, ctx):
        base = evaluate(arg["of"], ctx)
        result = _scale(base, arg["num"], arg["den"])
        if _known(base):
            ctx.calc(self.key, base=base, num=arg["num"], den=arg["den"], result=result)
        return result

    def explain(self, s, facts):
        b, r = words.interval(*s["base"], upto=True), words.interval(*s["result"], upto=True)
        return {"zh": f"按{s['num']}:{s['den']}配套：{b['zh']} → {r['zh']}",
                "en": f"matched {s['num']}:{s['den']}: {b['en']} → {r['en']}"}

    def describe(self, arg, facts):
        of = describe(arg["of"], facts)
        return {"zh": f"按{of['zh']}{arg['num']}:{arg['den']}配套", "en": f"{arg['num']}:{arg['den']} match of {of['en']}"}


class By(Form):
    key = "by"
    fields = {"fact": fact("choice"), "cases": CASES}
    example, meaning = "{by: {fact: F, cases: {V: NODE}}}", "a table keyed by a choice (skill level, title); a choice with no case pays nothing"

    def evaluate(self, arg, ctx):
        fact_id = arg["fact"]
        value = ctx.fact(fact_id)
        if value is None:
            mark = ctx.mark()  # the facts inside the cases are not asked before the choice
            options = [evaluate(n, ctx) for n in arg["cases"].values()]
            ctx.release(mark)
            uncovered = len(arg["cases"]) < len(ctx.meta(fact_id)["choices"])
            lo = 0 if uncovered else min(o[0] for o in options)
            his = [o[1] for o in options]
            return lo, None if None in his else max(his)
        if value not in arg["cases"]:
            ctx.check(self.key, fact=fact_id, answer=value, ok=False)
            return 0, 0
        result = evaluate(arg["cases"][value], ctx)
        if _known(result):
            ctx.calc(self.key, fact=fact_id, answer=value, result=result)
        return result

    def explain(self, s, facts):
        meta = facts[s["fact"]]
        shown = words.fact_value(meta, s["answer"])
        if s["kind"] == "check":
            return {"zh": f"本条未规定“{shown['zh']}”的金额", "en": f"this provision sets no amount for “{shown['en']}”"}
        r, label = words.interval(*s["result"], upto=True), meta["label"]
        return {"zh": f"{label['zh']}为{shown['zh']}：{r['zh']}", "en": f"{label['en']} is {shown['en']}: {r['en']}"}

    def describe(self, arg, facts):
        meta = facts[arg["fact"]]
        parts = [(words.fact_value(meta, v), describe(n, facts)) for v, n in arg["cases"].items()]
        return {"zh": "；".join(f"{c['zh']}：{a['zh']}" for c, a in parts),
                "en": "; ".join(f"{c['en']}: {a['en']}" for c, a in parts)}


class Sum(Form):
    key, arg = "sum", AMOUNTS
    example, meaning = "{sum: [NODE, NODE]}", "several parts added up"

    def evaluate(self, nodes, ctx):
        parts = [evaluate(n, ctx) for n in nodes]
        his = [p[1] for p in parts]
        return sum(p[0] for p in parts), None if None in his else sum(his)

    def describe(self, nodes, facts):
        parts = [describe(n, facts) for n in nodes]
        return {"zh": " + ".join(p["zh"] for p in parts), "en": " + ".join(p["en"] for p in parts)}


class GreaterOf(Form):
    key, arg = "greater_of", AMOUNTS
    example = "{greater_of: [{yuan: 3000}, {up_to: {value_of: FACT}}]}"
    meaning = "“成本超过补贴标准的，可按培训合理成本”: the standard, or the other figure where it is higher"

    def evaluate(self, nodes, ctx):
        parts = [evaluate(n, ctx) for n in nodes]
        his = [p[1] for p in parts]
        result = max(p[0] for p in parts), None if None in his else max(his)
        if None not in his:
            ctx.calc(self.key, parts=parts, result=result)
        return result

    def explain(self, s, facts):
        shown = [words.interval(*p, upto=True) for p in s["parts"]]
        r = words.interval(*s["result"], upto=True)
        return {"zh": "取较高者：" + "、".join(p["zh"] for p in shown) + f" → {r['zh']}",
                "en": "the greater of " + " and ".join(p["en"] for p in shown) + f": {r['en']}"}

    def describe(self, nodes, facts):
        parts = [describe(n, facts) for n in nodes]
        return {"zh": "取较高者：" + "；".join(p["zh"] for p in parts),
                "en": "the greater of " + " and ".join(p["en"] for p in parts)}


class Cap(Form):
    key = "cap"
    fields = {"max": MONEY, "of": AMOUNT, "per?": PERIOD}
    example, meaning = "{cap: {max: 100000, per: year, of: NODE}}", "“每年最高不超过10万元”: the result never exceeds max"

    def evaluate(self, arg, ctx):
        mark = ctx.mark()
        inner = evaluate(arg["of"], ctx)
        cap = arg["max"]
        if inner[0] >= cap:
            ctx.release(mark)  # the cap is reached whatever the other answers are
        applied = inner[1] is None or inner[1] > cap
        if inner[0] >= cap or inner[1] is not None:
            ctx.cap(self.key, max=cap, per=arg.get("per"), applied=applied)
        return min(inner[0], cap), cap if inner[1] is None else min(inner[1], cap)

    def wording(self, cap, per):
        scope = words.PERIOD.get(per)
        c = words.yuan(cap)
        if scope:
            return {"zh": f"每{scope['zh']}最高{c['zh']}", "en": f"at most {c['en']} a {scope['en']}"}
        return {"zh": f"最高{c['zh']}", "en": f"at most {c['en']}"}

    def explain(self, s, facts):
        w = self.wording(s["max"], s["per"])
        if s["applied"]:
            return {"zh": f"{w['zh']}：按上限计", "en": f"capped: {w['en']}"}
        return {"zh": f"{w['zh']}：未超过上限", "en": f"below the cap: {w['en']}"}

    def describe(self, arg, facts):
        of, w = describe(arg["of"], facts), self.wording(arg["max"], arg.get("per"))
        return {"zh": f"{of['zh']}，{w['zh']}", "en": f"{of['en']}, {w['en']}"}


FORMS = register(Yuan, Band, UpTo, ValueOf, Per, Blocks, Percent, Ratio, By, Sum, GreaterOf, Cap)

