"""Conditions: three-valued (True met, False not met, None can't tell yet), each form declared once.

A false part of ``all`` (or a true part of ``any``) decides the whole: the facts the other
parts read are then no longer needed, so they are not asked (``ctx.release``).

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

import operator

from . import words
from .forms import ALTERNATIVES, ANSWER, ANSWERS, BENEFIT, CONDITION, CONDITIONS, THRESHOLD, Form, fact, register, split


def evaluate(cond: dict, ctx) -> bool | None:
    form, value = split(FORMS, cond)
    return form.evaluate(value, ctx)


class _OnFact(Form):
    """{fact: F, <key>: expected}: one step in the trace, with the answer given."""
    whole = True

    def test(self, value, expected) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def want(self, meta, expected) -> dict:  # pragma: no cover - interface
        raise NotImplementedError

    def evaluate(self, cond, ctx):
        fact_id, expected = cond["fact"], cond[self.key]
        value = ctx.fact(fact_id)
        ok = None if value is None else self.test(value, expected)
        ctx.check(self.key, fact=fact_id, expected=expected, answer=value, ok=ok)
        return ok

    def explain(self, s, facts):
        meta = facts[s["fact"]]
        want, label = self.want(meta, s["expected"]), meta["label"]
        asks = label["en"].endswith("?")
        text = {"zh": f"{label['zh']}{'' if asks else '：'}要求{want['zh']}",
                "en": f"{label['en']}{' ' if asks else ': '}Required: {want['en']}."}
        if s["answer"] is not None:
            given = words.fact_value(meta, s["answer"])
            text = {"zh": f"{text['zh']}；您的回答：{given['zh']}", "en": f"{text['en']} Your answer: {given['en']}."}
        return text

    def describe(self, cond, facts):
        meta = facts[cond["fact"]]
        want, label = self.want(meta, cond[self.key]), meta["label"]
        asks = label["en"].endswith("?")  # a question is followed by its answer, without a colon
        return {"zh": f"{label['zh']}{'' if asks else '：'}{want['zh']}", "en": f"{label['en']}{' ' if asks else ': '}{want['en']}"}


class Is(_OnFact):
    key = "is"
    fields = {"fact": fact("boolean", "choice"), "is": ANSWER}
    example, meaning = "{fact: F, is: V}", "a yes/no answer or a choice equals V"

    def test(self, value, expected):
        return value == expected

    def want(self, meta, expected):
        return words.fact_value(meta, expected)


class In(_OnFact):
    key = "in"
    fields = {"fact": fact("choice"), "in": ANSWERS}
    example, meaning = "{fact: F, in: [V, W]}", "one of several choices"

    def test(self, value, expected):
        return value in expected

    def want(self, meta, expected):
        options = [words.fact_value(meta, v) for v in expected]
        return {"zh": "或".join(o["zh"] for o in options), "en": " or ".join(o["en"] for o in options)}


class _Compare(_OnFact):
    """{fact: F, at_least: 10} and its three siblings: one class, one row each in COMPARISONS."""

    def __init__(self, key, test, zh, en, n, meaning):
        self.key, self.test, self.word = key, test, {"zh": zh, "en": en}
        self.fields = {"fact": fact("integer", "money"), key: THRESHOLD}
        self.example, self.meaning = f"{{fact: F, {key}: {n}}}", meaning

    def want(self, meta, n):
        limit = words.threshold(meta, n)
        return {"zh": self.word["zh"] + limit["zh"], "en": f"{self.word['en']} {limit['en']}"}


COMPARISONS = (
    _Compare("at_least", operator.ge, "不少于", "at least", 10, "“10人及以上”, “不少于”"),
    _Compare("more_than", operator.gt, "多于", "more than", 10, "“超过”, “多于”"),
    _Compare("at_most", operator.le, "不超过", "at most", 35, "“35周岁及以下”, “不超过”"),
    _Compare("less_than", operator.lt, "少于", "less than", 3, "“不满”, “少于”"),
)


class _Join(Form):
    """all / any: one part equal to ``decides`` decides the whole, and the other parts' questions are released."""
    decides = False

    def evaluate(self, conds, ctx):
        mark = ctx.mark()
        results = [evaluate(c, ctx) for c in conds]
        if self.decides in results:
            ctx.release(mark)
            return self.decides
        return None if None in results else not self.decides


class All(_Join):
    key, arg = "all", CONDITIONS
    example, meaning = "{all: [C, C]}", "every one holds"
    decides = False


class Any(_Join):
    key, arg = "any", ALTERNATIVES
    example, meaning = "{any: [C, C]}", "at least one holds (alternatives in the text: “或”, “、”)"
    decides = True


class Not(Form):
    key, arg = "not", CONDITION
    example, meaning = "{not: C}", "the condition does not hold (“未享受过”)"

    def evaluate(self, cond, ctx):
        inner = evaluate(cond, ctx)
        return None if inner is None else not inner


class EligibleFor(Form):
    key, arg = "eligible_for", BENEFIT
    example, meaning = "{eligible_for: BENEFIT}", "another benefit of the same policy is payable (“再…”: in addition)"

    def evaluate(self, benefit_id, ctx):
        other = ctx.result(benefit_id)
        ok = {"eligible": True, "not_eligible": False}.get(other["status"])
        if ok is None:
            ctx.needs(other["missing"])
        ctx.check(self.key, benefit=benefit_id, title=other["title"], ok=ok)
        return ok

    def explain(self, s, facts):
        title = s["title"]
        return {"zh": f"须同时符合“{title['zh']}”", "en": f"requires eligibility for “{title['en']}”"}


FORMS = register(Is, In, *COMPARISONS, All, Any, Not, EligibleFor)

