"""The numbers a Chinese quote states, so that every structured number can be traced to it.

``numbers_in("给予每人次500-800元的奖励，每年奖励不超过10万元")`` gives
{500, 800, 10, 100000}: Arabic numerals (full-width too), decimals with 万/亿 applied
("0.5—1万元" -> 5000 and 10000: the unit after a range applies to both ends), and
Chinese numerals ("三年" -> 3, "两年" -> 2, "十五" -> 15).
"""

from __future__ import annotations

import re
from decimal import Decimal

_WIDE = str.maketrans("０１２３４５６７８９．：％", "0123456789.:%")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 10,000 is one number
_ARABIC = re.compile(rf"({_NUM})(?:\s*[-—–~～至到]\s*({_NUM}))?\s*(万|亿)?")
_CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千]+)(万|亿)?")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALE = {"万": 10_000, "亿": 100_000_000}


def numbers_in(text: str) -> set[int]:
    text = text.translate(_WIDE)
    found: set[int] = set()
    for m in _ARABIC.finditer(text):
        scale = _SCALE.get(m.group(3), 1)
        for part in (m.group(1), m.group(2)):
            if part is None:
                continue
            value = Decimal(part.replace(",", ""))
            for v in (value, value * scale):
                if v == v.to_integral_value():
                    found.add(int(v))
    for m in _CHINESE.finditer(text):
        value = chinese_to_int(m.group(1))
        if value is not None:
            found.add(value)
            if m.group(2):  # 三万元 states 30000
                found.add(value * _SCALE[m.group(2)])
    return found


def chinese_to_int(s: str) -> int | None:
    """"三" -> 3, "十五" -> 15, "二十" -> 20, "一百二十" -> 120; None if it is not a plain numeral."""
    if not s or any(ch not in _DIGITS and ch not in _UNITS for ch in s):
        return None
    total, digit, last_unit = 0, None, 10 ** 9
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch] if digit is None else digit * 10 + _DIGITS[ch]
        else:
            if _UNITS[ch] >= last_unit:  # 十十, 百千: units must fall
                return None
            last_unit = _UNITS[ch]
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)
