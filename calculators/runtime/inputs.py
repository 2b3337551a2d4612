"""Turn what a person typed into typed facts, or a message in both languages beside the field.

The browser sends the raw strings of the form; parsing happens here, in the same Python the
tests run, so that no wrong number can come from a lenient parse in JavaScript.
Standard library only (Pyodide).
"""

from __future__ import annotations

import re

# Full-width digits and separators typed with a Chinese input method.
_WIDE = str.maketrans("０１２３４５６７８９，　", "0123456789, ")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+\Z")

MESSAGES = {
    "whole": {"zh": "请输入不带小数的整数（阿拉伯数字），例如 12。", "en": "Enter a whole number (digits only), for example 12."},
    "money": {"zh": "请以“元”为单位输入整数，例如 50000（不要写“5万”）。", "en": "Enter a whole number of yuan, for example 50000 (not “5万”)."},
    "negative": {"zh": "不能为负数。", "en": "This cannot be negative."},
    "choice": {"zh": "请从列表中选择一项。", "en": "Choose one of the options in the list."},
    "boolean": {"zh": "请选择“是”或“否”。", "en": "Choose yes or no."},
    "unknown": {"zh": "本计算器不使用这一项。", "en": "This calculator does not use this question."},
}


def _too_large(limit: int) -> dict:
    return {"zh": f"数值过大：不能超过 {limit:,}。", "en": f"This is too large: it can be at most {limit:,}."}


def _too_small(limit: int) -> dict:
    return {"zh": f"不能小于 {limit:,}。", "en": f"This must be at least {limit:,}."}


def parse(facts_meta: dict, raw: dict):
    """Return ``(facts, errors)``: typed values, and ``{fact_id: {zh, en}}`` for each bad entry.

    An empty entry is simply not answered (results that need it say "can't tell yet").
    """
    facts, errors = {}, {}
    for fact_id, value in raw.items():
        meta = facts_meta.get(fact_id)
        if meta is None:
            errors[fact_id] = MESSAGES["unknown"]
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        parsed, error = _one(meta, value)
        if error:
            errors[fact_id] = error
        else:
            facts[fact_id] = parsed
    return facts, errors


def _one(meta, value):
    kind = meta["type"]
    if kind == "choice":  # the valid choices go with the message: the command line lists them
        return (value, None) if value in meta["choices"] else (None, dict(MESSAGES["choice"], choices=list(meta["choices"])))
    if kind == "boolean":
        if isinstance(value, bool):
            return value, None
        text = str(value).strip().lower()
        if text in ("true", "yes", "是"):
            return True, None
        if text in ("false", "no", "否"):
            return False, None
        return None, MESSAGES["boolean"]
    return _number(meta, value)


def _number(meta, value):
    if isinstance(value, bool):
        return None, MESSAGES["whole"]
    if isinstance(value, int):
        n = value
    else:
        text = str(value).translate(_WIDE).strip()
        if text.startswith("-") and text[1:].strip().replace(",", "").isdigit():
            return None, MESSAGES["negative"]
        if _GROUPED.match(text):
            text = text.replace(",", "")
        if not text.isascii() or not text.isdigit():
            return None, MESSAGES["money" if meta["type"] == "money" else "whole"]
        n = int(text)
    if n < 0:
        return None, MESSAGES["negative"]
    low = meta.get("min", 0)
    if n < low:
        return None, _too_small(low)
    if n > meta["max"]:
        return None, _too_large(meta["max"])
    return n, None
