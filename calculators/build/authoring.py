"""Tools for authors, so that a policy can be added without writing Python.

* ``new``: a rule-file skeleton from a source text: the text split into units in the
  document's own numbering, conversion artefacts listed as corrections, every sum of money
  listed as a TODO;
* ``stamp``: after a reviewer has checked a translation, re-stamp each stale ``en_from``,
  editing only that value so that the rest of the file stays byte for byte as written;
* ``schema``: a JSON Schema for editors, generated from the checker's own declarations;
* ``stale_reviews``: the warning ``check`` prints for a review more than a year old.

The CLI calls ``register(subparsers)``; each command returns an exit code.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import json
import re
import sys
from pathlib import Path

from ..runtime import forms
from . import checks, compile as rules, schema as shapes, yamlload
from .numerals import chinese_to_int

SCHEMA_FILE = "build/rule.schema.json"  # where the docs suggest writing the schema


def register(sub) -> None:
    """Add ``new``, ``stamp`` and ``schema`` to the CLI's subparsers (``args.func(args)`` runs one)."""
    p = sub.add_parser("new", help="write a rule-file skeleton for a source text")
    p.add_argument("--source", type=Path, required=True, help="the source text (a file in sources/)")
    p.add_argument("--id", required=True, dest="policy_id", help="the policy id, e.g. shangyu-2023")
    p.add_argument("--out", type=Path, help="where to write it (default: rules/<id>.yml; never overwrites)")
    p.set_defaults(func=lambda a: new(a.source, a.policy_id, a.out, a.rules, a.sources))
    p = sub.add_parser("stamp", help="re-stamp en_from of each unit whose Chinese changed (after review)")
    p.add_argument("--policy", help="only this policy")
    p.set_defaults(func=lambda a: stamp(a.rules, a.policy))
    p = sub.add_parser("schema", help="write the JSON Schema of rule files (for editors)")
    p.add_argument("--out", type=Path, help="write it to this file instead of standard output")
    p.set_defaults(func=lambda a: schema(a.out))


# ---------------------------------------------------------------- new: the skeleton

# The document's own numbering, outermost first. The prefix names the unit ids (part-1, sec-2).
_NUMERAL = "[一二三四五六七八九十百零〇]+"
NUMBERING = {
    "chapter": re.compile(rf"第({_NUMERAL})章"),
    "art": re.compile(rf"第({_NUMERAL})条"),
    "part": re.compile(rf"({_NUMERAL})、"),
    "sec": re.compile(rf"[（(]({_NUMERAL})[）)]"),
    "item": re.compile(r"(\d+)\s*[.．、](?!\d)"),  # not 1.5万元
    "sub": re.compile(r"[（(](\d+)[）)]"),
}
_RANK = {style: i for i, style in enumerate(NUMBERING)}

_DOCNO = re.compile(r"\S{1,12}〔\d{4}〕\d+号\Z")
_DOCNO_LIKE = re.compile(r"[^\s，。（(]{1,12}[〔\[]\d{4}")   # a damaged one: 苏政办发〔202437
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\Z")
_BARE_DATE = re.compile(r"\d{8}\Z")                          # 20241220: lost 年, 月 and 日
_INDENTED = re.compile(r"(\t|[ \u3000\xa0]{2,})\S")           # signatures are pushed to the right
_SENTENCE = re.compile(r"[。；：:，,]")
_SHORT = 40

# Artefacts of conversion and republication, as the received sources show them.
_BOOKMARKS = re.compile(r"(?:\[bookmark:[^\]\n]*\]|(?<![A-Za-z0-9_])(?:_Toc|_Hlk|_Ref|OLE_LINK)\d+|(?<![A-Za-z0-9])_GoBack)+")
_CHROME = re.compile(r"欢迎访问|当前位置|所在位置|点击次数|浏览次数|阅读次数|访问次数|【打印|【关闭|打印此页|打印本页|"
                     r"关闭窗口|版权所有|Copyright|网站地图|上一篇|下一篇")
_BOOKMARK_REASON = {"zh": "删除文档转换遗留的书签标记", "en": "Removed a bookmark marker left by document conversion"}
_CHROME_REASON = {"zh": "删除转载网站的导航栏等页面元素", "en": "Removed the republishing website’s navigation and other page elements"}


def numbering(zh: str) -> tuple[str, int] | None:
    """``(style, number)`` of a line that starts with a number of the document's own: 一、 -> ("part", 1)."""
    for style, pattern in NUMBERING.items():
        m = pattern.match(zh)
        if m:
            n = m.group(1)
            return style, int(n) if n.isdigit() else chinese_to_int(n)
    return None


def artefacts(text: str) -> list[dict]:
    """Corrections that remove conversion artefacts, in the order the checker applies them."""
    found = []
    chrome = _chrome(text)
    for block in chrome:
        found.append({"find": block, "replace": "", "reason": _CHROME_REASON})
        text = text.replace(block, "")
    marks = list(dict.fromkeys(m.group(0) for m in _BOOKMARKS.finditer(text)))
    # A run inside a longer run would break the longer one if removed first: put it last.
    marks.sort(key=lambda m: any(m in other and m != other for other in marks))
    return found + [{"find": m, "replace": "", "reason": _BOOKMARK_REASON} for m in marks]


def _chrome(text: str) -> list[str]:
    """A republishing website's header and footer: the lines around the body that name page chrome.

    The header runs to the last chrome line before the first long (body) line; the footer from
    the first chrome line after the last long line. Everything between stays the document's."""
    lines = text.splitlines(keepends=True)
    long = [i for i, line in enumerate(lines) if len(line.strip()) > 60]
    if not long:
        return []
    blocks = []
    head = [i for i in range(long[0]) if _CHROME.search(lines[i])]
    if head:
        blocks.append("".join(lines[:head[-1] + 1]))
    tail = [i for i in range(long[-1] + 1, len(lines)) if _CHROME.search(lines[i])]
    if tail:
        blocks.append("".join(lines[tail[0]:]))
    return blocks


def units_of(text: str) -> tuple[list[dict], list[tuple[str, str]]]:
    """The text units of a corrected source, one per non-empty line, and ``(unit id, note)``
    for lines a human should look at (a damaged document number, a date without 年月日)."""
    lines = [(raw, raw.strip()) for raw in text.splitlines() if raw.strip()]
    numbers = [numbering(zh) for _, zh in lines]
    seen_numbers = {}
    for style, n in filter(None, numbers):
        seen_numbers.setdefault(style, []).append(n)
    # A style numbered straight through gets short ids (item-12); one numbered afresh under each
    # heading (1. 2. under （一）, again under （二）) is named after its heading (sec-2-1).
    restarts = {s for s, ns in seen_numbers.items() if len(set(ns)) < len(ns)}
    units, notes, stack, paragraphs, ids = [], [], [], {}, set()
    for (raw, zh), num in zip(lines, numbers):
        if num:
            style, n = num
            while stack and _RANK[stack[-1][0]] >= _RANK[style]:
                stack.pop()
            base = f"{stack[-1][2]}-{n}" if style in restarts and stack else f"{style}-{n}"
            kind = "heading" if len(zh) <= _SHORT and "。" not in zh.rstrip("。") else "paragraph"
            uid = _unique(base, ids)
            stack.append((style, n, uid))
            level = min(len(stack), 4)
        else:
            kind = _kind(raw, zh, before_body=not stack)
            base = kind if kind != "paragraph" else "preamble"
            if kind == "paragraph" and stack:
                parent = stack[-1][2]
                paragraphs[parent] = paragraphs.get(parent, 0) + 1
                base = f"{parent}-p{paragraphs[parent]}"
            uid = _unique(base, ids)
            level = min(len(stack), 4) if kind == "paragraph" else 0
            if kind == "docno" and not _DOCNO.match(zh):
                notes.append((uid, "looks like a damaged document number: add a correction that restores it"))
            if _BARE_DATE.match(zh):
                notes.append((uid, "looks like a date that lost 年, 月 and 日: add a correction that restores them"))
        units.append({"id": uid, "kind": kind, "level": level, "zh": zh, "en": "TODO", "en_from": checks.text_hash(zh)})
    return units, notes


def _kind(raw: str, zh: str, before_body: bool) -> str:
    if _DOCNO.match(zh) or (len(zh) <= 20 and _DOCNO_LIKE.match(zh)):
        return "docno"
    if _DATE.match(zh) or _BARE_DATE.match(zh) or (_INDENTED.match(raw) and len(zh) <= 50 and "。" not in zh):
        return "signature"
    if before_body and len(zh) <= _SHORT and not _SENTENCE.search(zh):
        return "title"
    return "paragraph"


def _unique(base: str, ids: set) -> str:
    uid, k = base, 1
    while uid in ids:
        k += 1
        uid = f"{base}-{k}"
    ids.add(uid)
    return uid


def skeleton(raw: bytes, file_name: str, policy_id: str) -> str:
    """The YAML text of a new rule file for a received source document."""
    text = raw.decode("utf-8")
    corrections = artefacts(text)
    for c in corrections:
        text = text.replace(c["find"], c["replace"])
    units, notes = units_of(text)
    docno = next((u["zh"] for u in units if u["kind"] == "docno" and _DOCNO.match(u["zh"])), None)
    todo = lambda: {"zh": "TODO", "en": "TODO"}  # noqa: E731
    date = "{date: \"TODO\", note: {zh: TODO, en: TODO}}"
    out = [
        f"# yaml-language-server: $schema=../{SCHEMA_FILE}",
        f"# Skeleton written by `python -m calculators new` from sources/{file_name}.",
        "# Fill in every TODO (docs/rule-format.md), then run `python -m calculators check`.",
        f"id: {policy_id}",
        f"title: {_flow(todo())}",
        f"short_title: {_flow(todo())}",
        f"document_number: {_q(docno)}   # found in the text: check it" if docno else
        "document_number: \"TODO\"   # the 文号 verbatim, or null with document_number_note",
        "issuers:",
        f"  - {_flow(todo())}",
        "place:   # each with its GB/T 2260 code; city and district are optional",
        "  province: {zh: TODO, en: TODO, code: \"TODO\"}",
        "dates:   # \"YYYY[-MM[-DD]]\", or null when the text gives none: never guess a date",
        f"  issued: {date}",
        f"  effective: {date}",
        f"  expires: {date}",
        "status: TODO   # in_force | draft | repealed | superseded | expired",
        f"summary: {_flow(todo())}",
        "source:",
        f"  file: {_q(file_name)}",
        f"  sha256: {_q(hashlib.sha256(raw).hexdigest())}",
    ]
    if corrections:
        out.append("  corrections:   # conversion artefacts found in the received text: check each")
        for c in corrections:
            out += [f"    - find: {_q(c['find'])}", f"      replace: {_q(c['replace'])}", f"      reason: {_flow(c['reason'])}"]
    out += ["reviewed_on: \"TODO\"   # the day you check this file against the source: \"YYYY-MM-DD\"", ""]
    if notes:
        out.append("# TODO: lines to check against the original document:")
        out += [f"#   {uid}: {note}" for uid, note in notes]
    out.append("text:")
    for u in units:
        out += [f"  - id: {u['id']}", f"    kind: {u['kind']}", f"    level: {u['level']}", f"    zh: {_q(u['zh'])}",
                f"    en: {_q(u['en'])}", f"    en_from: {_q(u['en_from'])}"]
    out += ["", *money_todo(units), "benefits: []", "not_claimable: []", "examples: []   # TODO: at least one per benefit", ""]
    return "\n".join(out)


MONEY_TODO = "# TODO: every sum of money below must lie inside the quote of a benefit (or group) of its unit,"


def money_todo(units: list[dict]) -> list[str]:
    """The comment lines listing each sum of money the checker will ask to be accounted for."""
    sums = [(units[i]["id"], amount) for i, amount in checks.uncovered_amounts({"text": units})]
    if not sums:
        return ["# No sums of money found in the text."]
    return [MONEY_TODO, "# or be listed under not_claimable with the reason nobody can claim it:",
            *(f"#   - {uid}: {amount}" for uid, amount in sums)]


def _q(s: str) -> str:
    """A YAML double-quoted scalar, with invisible characters (non-breaking spaces) escaped so a reader sees them."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
                   for c in json.dumps(s, ensure_ascii=False))


def _flow(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {v if v == 'TODO' else _q(v)}" for k, v in d.items()) + "}"


def new(source: Path, policy_id: str, out: Path | None, rules_dir: Path, sources_dir: Path) -> int:
    if not shapes.ID.match(policy_id):
        print(f"not a policy id: {policy_id!r} (lower-case letters, digits and hyphens, e.g. shangyu-2023)", file=sys.stderr)
        return 2
    path = source if source.is_file() else sources_dir / source
    if not path.is_file():
        print(f"no such source text: {source}", file=sys.stderr)
        return 2
    out = out or rules_dir / f"{policy_id}.yml"
    if out.exists():
        print(f"{out} exists already: not overwritten (choose another --out, or remove it first)", file=sys.stderr)
        return 1
    try:
        text = skeleton(path.read_bytes(), path.name, policy_id)
    except UnicodeDecodeError as exc:
        print(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return 2
    data = yamlload.load(text, str(out))[0]
    if not data["text"]:
        print(f"{path}: no text found", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if path.resolve().parent != sources_dir.resolve():
        print(f"note: copy {path.name} into {sources_dir}: the checker reads the source from there", file=sys.stderr)
    sums = sum(line.startswith("#   - ") for line in money_todo(data["text"]))
    print(f"wrote {out}: {len(data['text'])} text units, {len(data['source'].get('corrections', []))} correction(s), "
          f"{sums} sum(s) of money to account for. Fill in every TODO, then run `python -m calculators check`.")
    return 0


# ---------------------------------------------------------------- stamp: en_from after review

# Where PyYAML starts a new line (its marks count lines this way, not as str.splitlines does).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_PLAIN = re.compile(r"[^\s,\]}#]+")


def stamp(rules_dir: Path, policy_id: str | None) -> int:
    if policy_id:
        paths = [rules_dir / f"{policy_id}.yml"]
        if not paths[0].is_file():
            known = sorted(p.stem for p in rules_dir.glob("*.yml") if p.name != rules.DICTIONARY)
            print(f"unknown policy {policy_id!r}; known: {', '.join(known)}", file=sys.stderr)
            return 2
    else:
        paths = sorted(p for p in rules_dir.glob("*.yml") if p.name != rules.DICTIONARY)
    stamped = failed = 0
    for path in paths:
        done, problems = _stamp_file(path, f"{rules_dir.name}/{path.name}")
        stamped += len(done)
        failed += len(problems)
        for line in done:
            print(line)
        for line in problems:
            print(line, file=sys.stderr)
    if not stamped and not failed:
        print("nothing to stamp: every en_from matches its zh")
    return 1 if failed else 0


def _stamp_file(path: Path, name: str) -> tuple[list[str], list[str]]:
    """Rewrite each stale en_from value in place: ``(lines stamped, problems)``."""
    text = path.read_bytes().decode("utf-8")  # bytes, so that line endings are kept as they are
    data, positions, problems = yamlload.load(text, name)
    if data is None:
        return [], [str(p) for p in problems]
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    edits, done, trouble = [], [], []
    units = data.get("text") if isinstance(data, dict) else None
    for i, u in enumerate(units if isinstance(units, list) else []):
        if not isinstance(u, dict) or not isinstance(u.get("zh"), str):
            continue
        want, old = checks.text_hash(u["zh"]), u.get("en_from")
        if old == want:
            continue
        line, col = positions.get(("text", i, "en_from"), (0, 0))
        start = starts[line - 1] + col - 1 if line else 0
        end = _scalar_end(text, start) if line else 0
        if not line or old is None or str(old) not in text[start:end]:
            trouble.append(f"{name}: unit {u.get('id')!r} has no en_from value to stamp: write en_from: \"{want}\"")
            continue
        quote = text[start] if text[start] in "\"'" else ('"' if want.isdigit() else "")  # 12345678 would read as a number
        edits.append((start, end, f"{quote}{want}{quote}"))
        done.append(f"{name}: stamped {u.get('id')} (en_from {old} -> {want})")
    for start, end, value in sorted(edits, reverse=True):  # from the end, so earlier offsets stay valid
        text = text[:start] + value + text[end:]
    if edits:
        path.write_bytes(text.encode("utf-8"))
    return done, trouble


def _scalar_end(text: str, i: int) -> int:
    """The end of the scalar that starts at ``i``: quoted ("…" with \\ escapes, '…' with '') or plain."""
    q = text[i]
    if q == '"':
        j = i + 1
        while text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        return j + 1
    if q == "'":
        j = i + 1
        while text[j] != "'" or text[j + 1:j + 2] == "'":
            j += 2 if text[j] == "'" else 1
        return j + 1
    m = _PLAIN.match(text, i)
    return m.end() if m else i


# ---------------------------------------------------------------- schema: JSON Schema for editors

def schema(out: Path | None) -> int:
    text = json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) of a rule file, converted from ``schema.POLICY``.

    It describes the shape only, for an editor's completion and hints; the checker stays the
    authority. Where ``schema.py`` checks a value with its own code (a private ``Spec``), the
    JSON Schema accepts anything and says what is expected, so that it never refuses a file the
    checker accepts."""
    defs: dict = {}
    body = _js(shapes.POLICY, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "A rule file of the Skilled-Talent Policy Navigator",
            "description": "Generated by `python -m calculators schema` from calculators/build/schema.py. Shape only: "
                           "quotes, numbers, facts, hashes and the source text are checked by `python -m calculators check`.",
            **body, "$defs": defs}


def _pattern(regex: re.Pattern) -> str:
    """A Python pattern used with ``match`` as an anchored ECMA-262 one (\\Z is Python's)."""
    p = regex.pattern
    return "^" + (p[:-2] + "$" if p.endswith("\\Z") else p)


def _str(s, defs):
    out = {"type": "string", "pattern": _pattern(s.pattern) if s.pattern else "\\S", "description": s.expected}
    if s.plain:  # the same characters Str refuses ('\"' is not a valid escape in an ECMA-262 unicode pattern)
        out["not"] = {"pattern": shapes._UNSAFE.pattern.replace('\\"', '"')}
    return out


_CONVERT = {
    shapes.Str: _str,
    shapes.AnyText: lambda s, d: {"type": "string"},
    shapes.Date: lambda s, d: {"type": "string", "pattern": "^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$",
                               "description": s.expected},
    shapes.Url: lambda s, d: {"type": "string", "pattern": "^https://[^\\s<>\"]+$", "description": s.expected},
    shapes.Int: lambda s, d: {"type": "integer", "description": s.expected,
                              **({"minimum": s.min} if s.min is not None else {}),
                              **({"maximum": s.max} if s.max is not None else {})},
    shapes.Bool: lambda s, d: {"type": "boolean"},
    shapes.Enum: lambda s, d: {"enum": list(s.values)},
    shapes.Nullable: lambda s, d: {"anyOf": [_js(s.inner, d), {"type": "null"}]},
    shapes.Scalar: lambda s, d: {"type": ["string", "integer", "boolean"]},
    shapes.ListOf: lambda s, d: {"type": "array", "items": _js(s.item, d), **({"minItems": s.min_items} if s.min_items else {})},
    shapes.Map: lambda s, d: {"type": "object", "properties": {k: _js(v, d) for k, v in {**s.required, **s.optional}.items()},
                              "required": list(s.required), "additionalProperties": False},
    shapes.MapOf: lambda s, d: {"type": "object", "propertyNames": _js(s.key, d), "additionalProperties": _js(s.value, d)},
}


def _js(spec, defs: dict) -> dict:
    if isinstance(spec, shapes.OneOf):  # recursive (an amount holds amounts): one definition, referred to
        name = spec.what.split()[-1]
        if name not in defs:
            defs[name] = {}
            defs[name] = {"description": spec.expected, "oneOf": [_form(f, defs) for f in spec.vocabulary.values()]}
        return {"$ref": f"#/$defs/{name}"}
    convert = _CONVERT.get(type(spec))
    return convert(spec, defs) if convert else {"description": f"{spec.expected} (checked by `python -m calculators check`)"}


def _form(form, defs) -> dict:
    """One word of the vocabulary, from its declared fields (``runtime/forms.py``)."""
    value = _field(form.arg, defs) if form.arg is not None else _fields(form.fields, defs)
    if form.whole:  # a condition on a fact: its fields sit beside its key
        return value
    return {"type": "object", "properties": {form.key: value}, "required": [form.key], "additionalProperties": False}


def _fields(fields: dict, defs) -> dict:
    return {"type": "object", "properties": {n.rstrip("?"): _field(k, defs) for n, k in fields.items()},
            "required": [n for n in fields if not n.endswith("?")], "additionalProperties": False}


def _field(kind, defs) -> dict:
    # The two field types schema.py checks with code of its own, written out here.
    if isinstance(kind, dict):
        return _fields(kind, defs)
    if kind == forms.MONEY_OR_AMOUNT:
        return {"anyOf": [_js(shapes.MONEY, defs), _js(shapes.AMOUNT, defs)]}
    if kind == forms.BAND:
        return {"type": "array", "items": _js(shapes.MONEY, defs), "minItems": 2, "maxItems": 2}
    return _js(shapes.field_spec(kind), defs)


# ---------------------------------------------------------------- stale reviews

def stale_reviews(policies, today: datetime.date) -> list[str]:
    """A warning line for each policy whose ``reviewed_on`` is more than a year before ``today``.

    A partial date ("2025-06") counts as its last day: warn only when the review is surely old."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    lines = []
    for p in policies:
        reviewed = _last_day(p.get("reviewed_on"))
        if reviewed and reviewed < year_ago:
            lines.append(f"warning: {p['id']}: reviewed_on {p['reviewed_on']} is more than a year ago "
                         f"({(today - reviewed).days} days): check the file against its source again, then update reviewed_on")
    return lines


def _last_day(value) -> datetime.date | None:
    if not isinstance(value, str) or not re.match(r"\d{4}(-\d{2}(-\d{2})?)?\Z", value):
        return None
    y, m, d = (list(map(int, value.split("-"))) + [None, None])[:3]
    try:
        return datetime.date(y, m or 12, d or calendar.monthrange(y, m or 12)[1])
    except ValueError:
        return None
