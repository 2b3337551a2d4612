"""The reference tables of docs/rule-format.md, written from the vocabulary's declarations.

``python -m calculators reference --write`` rewrites the tables between their markers; a test
fails while the document and the declarations disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..runtime import amounts, conditions, forms, schedules
from .kinds import KINDS

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "rule-format.md"
VOCABULARIES = {"amounts": amounts.FORMS, "conditions": conditions.FORMS, "schedules": schedules.FORMS, "kinds": KINDS}
_TYPES = {
    forms.MONEY: "whole 元", forms.COUNT: "a whole number ≥ 1", forms.PERCENT: "a percentage",
    forms.THRESHOLD: "a whole number", forms.BAND: "[low, high] 元", forms.MONEY_OR_AMOUNT: "元 or an amount",
    forms.AMOUNT: "an amount", forms.AMOUNTS: "two or more amounts", forms.CASES: "{choice: amount}",
    forms.ANSWER: "an answer of the fact", forms.ANSWERS: "answers of the fact", forms.CONDITION: "a condition",
    forms.CONDITIONS: "conditions", forms.ALTERNATIVES: "two or more conditions", forms.BENEFIT: "a benefit id",
    forms.PERIOD: "year, month, claim or person", forms.EVERY: "once, month, year or instalments",
}


def _type(kind) -> str:
    if isinstance(kind, dict):
        return "{" + ", ".join(f"{n}: {_type(k)}" for n, k in kind.items()) + "}"
    kinds = forms.fact_kinds(kind)
    if kinds:
        words = " or ".join(kinds)
        return f"{'an' if words[0] in 'aeiou' else 'a'} {words} fact"
    return _TYPES[kind]


def _fields(form) -> str:
    if form.arg is not None:
        return _type(form.arg)
    return "; ".join(f"`{n}` {_type(k)}" for n, k in form.fields.items())


def table(name: str) -> str:
    if name == "kinds":
        rows = ["| kind | 中文 | English | what it covers |", "| --- | --- | --- | --- |"]
        return "\n".join(rows + [f"| `{k}` | {v['label']['zh']} | {v['label']['en']} | {v['help']['en']} |" for k, v in KINDS.items()])
    rows = ["| form | fields (`?` optional) | what it encodes |", "| --- | --- | --- |"]
    for form in VOCABULARIES[name].values():
        rows.append(f"| `{form.example}` | {_fields(form)} | {form.meaning} |")
    return "\n".join(rows)


def _marker(name):
    # the lines between a table's two markers, never past its own end marker
    return re.compile(rf"(<!-- vocabulary:{name} -->\n)(?:(?!<!-- /vocabulary -->).*\n)*(<!-- /vocabulary -->)")


def render(text: str) -> str:
    """The document with every marked table rewritten from the declarations."""
    for name in VOCABULARIES:
        text = _marker(name).sub(lambda m, n=name: m.group(1) + table(n) + "\n" + m.group(2), text)
    return text


def missing_markers(text: str) -> list[str]:
    return [name for name in VOCABULARIES if not _marker(name).search(text)]
