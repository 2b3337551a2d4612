"""Describe a benefit's amount in words, before any facts are known: the benefit tables.

Standard library only.
"""

from __future__ import annotations

from . import amounts

BENEFIT_FORMS = {
    "cash": {"zh": "现金补贴或奖励", "en": "Cash subsidy or award"},
    "tax_credit": {"zh": "税费抵免", "en": "Tax or surcharge credit"},
    "credit_line": {"zh": "银行授信额度", "en": "Bank credit line"},
    "in_kind": {"zh": "实物或服务（如培训）", "en": "In kind (such as training)"},
    "entitlement": {"zh": "待遇或资格（非现金）", "en": "Entitlement (not cash)"},
}


def benefit_amount(benefit: dict, facts: dict) -> dict:
    """What the table says in the amount column."""
    if "amount" in benefit:
        return amounts.describe(benefit["amount"], facts)
    if "amount_unstated" in benefit:
        return {"zh": "金额未写明：" + benefit["amount_unstated"]["zh"], "en": "Amount not stated: " + benefit["amount_unstated"]["en"]}
    return BENEFIT_FORMS[benefit["form"]]
