"""Amounts as intervals of whole 元: exact (lo == hi), a band (lo < hi), or "up to" (lo == 0).

Every node is a mapping with exactly one key (the closed vocabulary):

    {yuan: 500}                                   a fixed amount
    {band: [500, 800]}                            "500-800元": the department sets the figure within the band
    {up_to: 10000}  or  {up_to: NODE}             "最高" / "不超过" / "不高于": anything from 0 to the figure
    {value_of: FACT}                              a sum of money the user enters (a cost, another award)
    {per: {count: FACT, each: NODE}}              per person (or per item) × a count
    {blocks: {count: FACT, size: 50, each: NODE}} per *full* block of `size` ("每50人1万元"): floor(count / size)
    {percent: {rate: 60, of: NODE}}               a percentage, rounded down to whole 元
    {ratio: {num: 1, den: 1, of: NODE}}           "1:1 配套" matching
    {by: {fact: FACT, cases: {VALUE: NODE}}}      a table keyed by a choice (skill level, title, ...)
    {sum: [NODE, ...]}
    {cap: {max: 100000, of: NODE, per: year}}     "每年最高不超过10万元": the result never exceeds max

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

from . import words


def evaluate(node: dict, ctx):
    """Return ``(lo, hi)`` in 元, or None when a fact it needs is not answered yet."""
    (kind, arg), = node.items()
    return _KINDS[kind](arg, ctx)


def _yuan(n, ctx):
    return n, n


def _band(arg, ctx):
    return arg[0], arg[1]


def _up_to(arg, ctx):
    if isinstance(arg, int):
        return 0, arg
    inner = evaluate(arg, ctx)
    return None if inner is None else (0, inner[1])


def _value_of(fact_id, ctx):
    v = _fact(fact_id, ctx)
    return None if v is None else (v, v)


def _per(arg, ctx):
    n = _fact(arg["count"], ctx)
    each = evaluate(arg["each"], ctx)
    if n is None or each is None:
        return None
    result = each[0] * n, each[1] * n
    unit = ctx.facts_meta[arg["count"]].get("unit") or {"zh": "", "en": ""}
    e, r = words.interval(*each, upto=True), words.interval(*result, upto=True)
    ctx.calc({"zh": f"{e['zh']} × {n:,}{unit['zh']} = {r['zh']}", "en": f"{e['en']} × {n:,} {unit['en']} = {r['en']}"})
    return result


def _blocks(arg, ctx):
    n = _fact(arg["count"], ctx)
    each = evaluate(arg["each"], ctx)
    if n is None or each is None:
        return None
    size = arg["size"]
    full = n // size
    result = each[0] * full, each[1] * full
    e, r = words.interval(*each, upto=True), words.interval(*result, upto=True)
    ctx.calc({"zh": f"{n:,}人中满{size}人的整组有{full}组：{e['zh']} × {full} = {r['zh']}",
              "en": f"{n:,} people make {full} full block(s) of {size}: {e['en']} × {full} = {r['en']}"})
    return result


def _percent(arg, ctx):
    base = evaluate(arg["of"], ctx)
    if base is None:
        return None
    rate = arg["rate"]
    result = base[0] * rate // 100, base[1] * rate // 100
    b, r = words.interval(*base, upto=True), words.interval(*result, upto=True)
    ctx.calc({"zh": f"{b['zh']} × {rate}% = {r['zh']}", "en": f"{rate}% of {b['en']} = {r['en']}"})
    return result


def _ratio(arg, ctx):
    base = evaluate(arg["of"], ctx)
    if base is None:
        return None
    num, den = arg["num"], arg["den"]
    result = base[0] * num // den, base[1] * num // den
    b, r = words.interval(*base, upto=True), words.interval(*result, upto=True)
    ctx.calc({"zh": f"按{num}:{den}配套：{b['zh']} → {r['zh']}", "en": f"matched {num}:{den}: {b['en']} → {r['en']}"})
    return result


def _by(arg, ctx):
    fact_id = arg["fact"]
    value = _fact(fact_id, ctx)
    if value is None:
        return None
    fact = ctx.facts_meta[fact_id]
    shown = words.fact_value(fact, value)
    if value not in arg["cases"]:
        ctx.step({"zh": f"本条未规定“{shown['zh']}”的金额", "en": f"this provision sets no amount for “{shown['en']}”"}, False)
        return 0, 0
    result = evaluate(arg["cases"][value], ctx)
    if result is not None:
        r = words.interval(*result, upto=True)
        label = fact["label"]
        ctx.calc({"zh": f"{label['zh']}为{shown['zh']}：{r['zh']}", "en": f"{label['en']} is {shown['en']}: {r['en']}"})
    return result


def _sum(nodes, ctx):
    parts = [evaluate(n, ctx) for n in nodes]
    if any(p is None for p in parts):
        return None
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def _cap(arg, ctx):
    inner = evaluate(arg["of"], ctx)
    if inner is None:
        return None
    cap = arg["max"]
    applied = inner[1] > cap
    per = words.PERIOD.get(arg.get("per"))
    scope = {"zh": f"每{per['zh']}", "en": f" a {per['en']}"} if per else {"zh": "", "en": ""}
    c = words.yuan(cap)
    ctx.caps.append({"max": cap, "per": arg.get("per"), "applied": applied,
                     "text": {"zh": f"{scope['zh']}最高{c['zh']}", "en": f"at most {c['en']}{scope['en']}"}})
    if applied:
        ctx.calc({"zh": f"{scope['zh']}最高{c['zh']}：按上限计", "en": f"capped at {c['en']}{scope['en']}"})
    else:
        ctx.calc({"zh": f"{scope['zh']}最高{c['zh']}：未超过上限", "en": f"below the cap of {c['en']}{scope['en']}"})
    return min(inner[0], cap), min(inner[1], cap)


def _fact(fact_id, ctx):
    value = ctx.facts.get(fact_id)
    if value is None:
        ctx.missing(fact_id)
    return value


_KINDS = {
    "yuan": _yuan, "band": _band, "up_to": _up_to, "value_of": _value_of, "per": _per,
    "blocks": _blocks, "percent": _percent, "ratio": _ratio, "by": _by, "sum": _sum, "cap": _cap,
}
KINDS = tuple(_KINDS)


def facts_used(node: dict):
    """Every fact id an amount reads."""
    (kind, arg), = node.items()
    if kind == "value_of":
        yield arg
    elif kind in ("per", "blocks"):
        yield arg["count"]
        yield from facts_used(arg["each"])
    elif kind in ("percent", "ratio", "cap"):
        yield from facts_used(arg["of"])
    elif kind == "up_to" and isinstance(arg, dict):
        yield from facts_used(arg)
    elif kind == "by":
        yield arg["fact"]
        for case in arg["cases"].values():
            yield from facts_used(case)
    elif kind == "sum":
        for n in arg:
            yield from facts_used(n)

