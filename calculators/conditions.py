"""Three-valued conditions over facts: True (met), False (not met), None (can't tell yet).

The vocabulary is closed and small; each leaf becomes one readable trace step.

    {fact: F, is: V}            equality (boolean or choice)
    {fact: F, in: [V, ...]}     one of several choices
    {fact: F, at_least: N}      also more_than / at_most / less_than, for integers and money
    {all: [...]}, {any: [...]}, {not: C}
    {eligible_for: BENEFIT}     another benefit of the same policy is payable ("再…", "in addition")

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

from . import words

COMPARISONS = {
    "at_least": lambda v, n: v >= n,
    "more_than": lambda v, n: v > n,
    "at_most": lambda v, n: v <= n,
    "less_than": lambda v, n: v < n,
}


def evaluate(cond: dict, ctx) -> bool | None:
    """Evaluate ``cond``; append a trace step for each leaf to ``ctx.trace``."""
    if "all" in cond:
        results = [evaluate(c, ctx) for c in cond["all"]]
        if False in results:
            return False
        return None if None in results else True
    if "any" in cond:
        results = [evaluate(c, ctx) for c in cond["any"]]
        if True in results:
            return True
        return None if None in results else False
    if "not" in cond:
        inner = evaluate(cond["not"], ctx)
        return None if inner is None else not inner
    if "eligible_for" in cond:
        other = ctx.results[cond["eligible_for"]]
        ok = {"eligible": True, "not_eligible": False}.get(other["status"])
        title = other["title"]
        ctx.step({"zh": f"须同时符合“{title['zh']}”", "en": f"requires eligibility for “{title['en']}”"}, ok)
        return ok
    return _leaf(cond, ctx)


def _leaf(cond: dict, ctx) -> bool | None:
    fact_id = cond["fact"]
    fact = ctx.facts_meta[fact_id]
    value = ctx.facts.get(fact_id)
    label = fact["label"]
    if "is" in cond:
        want = words.fact_value(fact, cond["is"])
        ok = None if value is None else value == cond["is"]
    elif "in" in cond:
        options = [words.fact_value(fact, v) for v in cond["in"]]
        want = {"zh": "或".join(o["zh"] for o in options), "en": " or ".join(o["en"] for o in options)}
        ok = None if value is None else value in cond["in"]
    else:
        (op, n), = ((k, v) for k, v in cond.items() if k in COMPARISONS)
        limit, word = words.threshold(fact, n), words.OPERATORS[op]
        want = {"zh": word["zh"] + limit["zh"], "en": f"{word['en']} {limit['en']}"}
        ok = None if value is None else COMPARISONS[op](value, n)
    asks = label["en"].endswith("?")
    text = {"zh": f"{label['zh']}{'' if asks else '：'}要求{want['zh']}",
            "en": f"{label['en']}{' ' if asks else ': '}Required: {want['en']}."}
    if value is None:
        ctx.missing(fact_id)
    else:
        given = words.fact_value(fact, value)
        text = {"zh": f"{text['zh']}；您的回答：{given['zh']}", "en": f"{text['en']} Your answer: {given['en']}."}
    ctx.step(text, ok)
    return ok


def facts_used(cond: dict):
    """Every fact id a condition reads, in order."""
    if "all" in cond or "any" in cond:
        for c in cond.get("all") or cond.get("any"):
            yield from facts_used(c)
    elif "not" in cond:
        yield from facts_used(cond["not"])
    elif "fact" in cond:
        yield cond["fact"]
