"""Each text unit's name in the document's own numbering: "三（四）21" / "Part III (4) item 21".

Readers cite a clause the way the document numbers it, never by our internal unit id. A unit
that starts with its own number (一、 （一） (1) 1.) is named by the numbers of the headings
above it plus its own; an unnumbered paragraph takes its heading's name, with "第N段" /
"paragraph N" when that heading has several paragraphs.
"""

from __future__ import annotations

import re

from .numerals import chinese_to_int

_MARKS = (
    ("part", re.compile(r"\s*([一二三四五六七八九十]+)、")),
    ("section", re.compile(r"\s*[（(]([一二三四五六七八九十]+|\d+)[）)]")),
    ("item", re.compile(r"\s*(\d+)\s*[.．、]")),
)
_KINDS = {"docno": {"zh": "文号", "en": "document number"}, "title": {"zh": "标题", "en": "title"},
          "signature": {"zh": "落款", "en": "signature"}}
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
          "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def _mark(zh: str):
    for kind, pattern in _MARKS:
        m = pattern.match(zh)
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else chinese_to_int(raw)
            return kind, raw, n
    return None


def _name(marks) -> dict:
    zh, en = "", []
    for kind, raw, n in marks:
        if kind == "part":
            zh += raw
            en.append(f"Part {_ROMAN[n] if n < len(_ROMAN) else n}")
        elif kind == "section":
            zh += f"（{raw}）"
            en.append(f"({n})")
        else:
            zh += ("、" if zh and zh[-1] not in "）" else "") + str(n)  # 三、3 but 三（四）21
            en.append(f"item {n}")
    if len(marks) == 1 and marks[0][0] == "part":
        zh = f"第{marks[0][1]}部分"
    elif marks and marks[0][0] == "item":
        zh = f"第{marks[0][2]}条"
        en = [f"Item {marks[0][2]}"]
    return {"zh": zh, "en": " ".join(en)}


def labels(units: list) -> dict:
    """``{unit id: {zh, en}}`` for every unit of a text."""
    stack: dict[int, tuple] = {}
    named, context = {}, {}
    for u in units:
        level = u.get("level", 0)
        mark = _mark(u["zh"]) if u["kind"] in ("heading", "paragraph") else None
        if mark:
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = mark
            named[u["id"]] = _name([stack[k] for k in sorted(stack)])
        elif u["kind"] in _KINDS:
            named[u["id"]] = dict(_KINDS[u["kind"]])
        else:
            context[u["id"]] = tuple(stack[k] for k in sorted(stack) if k <= level)
    groups: dict[tuple, list] = {}
    for unit_id, ctx in context.items():
        groups.setdefault(ctx, []).append(unit_id)
    for ctx, ids in groups.items():
        for i, unit_id in enumerate(ids, 1):
            if not ctx:
                named[unit_id] = {"zh": f"正文第{i}段", "en": f"paragraph {i}"}
                continue
            base = _name(list(ctx))
            if len(ids) == 1:
                named[unit_id] = base
            else:
                named[unit_id] = {"zh": f"{base['zh']}第{i}段", "en": f"{base['en']}, paragraph {i}"}
    return {u["id"]: named[u["id"]] for u in units}
