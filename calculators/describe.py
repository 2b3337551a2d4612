"""Describe a benefit's amount in words, before any facts are known: the benefit tables.

Standard library only.
"""

from __future__ import annotations

from . import words

_ONE = {"people": "person", "person-times": "person", "students": "student", "graduates": "graduate",
        "trades": "trade", "years": "year", "months": "month", "times": "time"}


def amount(node: dict, facts: dict) -> dict:
    (kind, arg), = node.items()
    if kind == "yuan":
        return words.yuan(arg)
    if kind == "band":
        return words.interval(arg[0], arg[1])
    if kind == "up_to":
        if isinstance(arg, int):
            return words.interval(0, arg, upto=True)
        inner = amount(arg, facts)
        return {"zh": f"最高为{inner['zh']}", "en": f"up to {inner['en']}"}
    if kind == "value_of":
        label = facts[arg]["label"]
        return {"zh": f"〔{label['zh']}〕", "en": f"[{label['en']}]"}
    if kind in ("per", "blocks"):
        each = amount(arg["each"], facts)
        unit = facts[arg["count"]].get("unit") or {"zh": "", "en": ""}
        one = _ONE.get(unit["en"], unit["en"])
        if kind == "per":
            return {"zh": f"每{unit['zh']}{each['zh']}", "en": f"{each['en']} per {one}"}
        return {"zh": f"每满{arg['size']}{unit['zh']}{each['zh']}", "en": f"{each['en']} per full {arg['size']} {unit['en']}"}
    if kind == "percent":
        of = amount(arg["of"], facts)
        return {"zh": f"{of['zh']}的{arg['rate']}%", "en": f"{arg['rate']}% of {of['en']}"}
    if kind == "ratio":
        of = amount(arg["of"], facts)
        return {"zh": f"按{of['zh']}{arg['num']}:{arg['den']}配套", "en": f"{arg['num']}:{arg['den']} match of {of['en']}"}
    if kind == "by":
        fact = facts[arg["fact"]]
        parts = [(words.fact_value(fact, v), amount(n, facts)) for v, n in arg["cases"].items()]
        return {"zh": "；".join(f"{c['zh']}：{a['zh']}" for c, a in parts),
                "en": "; ".join(f"{c['en']}: {a['en']}" for c, a in parts)}
    if kind == "sum":
        parts = [amount(n, facts) for n in arg]
        return {"zh": " + ".join(p["zh"] for p in parts), "en": " + ".join(p["en"] for p in parts)}
    if kind == "cap":
        of, cap = amount(arg["of"], facts), words.yuan(arg["max"])
        per = words.PERIOD.get(arg.get("per"))
        if per:
            return {"zh": f"{of['zh']}，每{per['zh']}最高{cap['zh']}", "en": f"{of['en']}, at most {cap['en']} a {per['en']}"}
        return {"zh": f"{of['zh']}，最高{cap['zh']}", "en": f"{of['en']}, at most {cap['en']}"}
    raise ValueError(kind)


FORMS = {
    "cash": {"zh": "现金补贴或奖励", "en": "Cash subsidy or award"},
    "tax_credit": {"zh": "税费抵免", "en": "Tax or surcharge credit"},
    "credit_line": {"zh": "银行授信额度", "en": "Bank credit line"},
    "in_kind": {"zh": "实物或服务（如培训）", "en": "In kind (such as training)"},
    "entitlement": {"zh": "待遇或资格（非现金）", "en": "Entitlement (not cash)"},
}


def benefit_amount(benefit: dict, facts: dict) -> dict:
    """What the table says in the amount column."""
    if "amount" in benefit:
        return amount(benefit["amount"], facts)
    if "amount_unstated" in benefit:
        return {"zh": "金额未写明：" + benefit["amount_unstated"]["zh"], "en": "Amount not stated: " + benefit["amount_unstated"]["en"]}
    return FORMS[benefit["form"]]
