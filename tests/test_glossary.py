"""The English follows rules/glossary.yaml: one English term for each Chinese term.

For every glossary entry and every file in its scope, each bilingual pair ({zh, en}: text units,
titles, notes, also, group notes, example titles, fact labels, help and choices) whose zh contains
the term must have the required English term in its en, and none of the avoided terms.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

RULES = Path(os.environ.get("GLOSSARY_RULES_DIR") or Path(__file__).resolve().parents[1] / "rules")
GLOSSARY = RULES / "glossary.yaml"
FACTS = "facts.yml"

ENTRIES = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def _policy_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(RULES.glob("*.yml")) if p.name != FACTS}


def _files(scope: list[str]) -> list[tuple[str, Path]]:
    """The files an entry's scope names, as (name, path)."""
    policies = _policy_files()
    chosen: dict[str, Path] = {}
    for item in scope:
        if item == "all":
            chosen.update(policies)
        elif item == "facts":
            chosen[FACTS] = RULES / FACTS
        else:
            chosen[item] = policies[item]
    return sorted(chosen.items())


def pairs(data, path: str = ""):
    """Every {zh, en} mapping in a loaded YAML document, with a readable path such as
    ``benefits[high-skill-talent-allowance].notes[0]`` or ``kunshan_skill_talent_title.choices.key``."""
    if isinstance(data, dict):
        if isinstance(data.get("zh"), str) and isinstance(data.get("en"), str):
            yield path or "(top)", data["zh"], data["en"]
        for key, value in data.items():
            if key not in ("zh", "en"):
                yield from pairs(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            tag = value["id"] if isinstance(value, dict) and "id" in value else i
            yield from pairs(value, f"{path}[{tag}]")


_LOADED: dict[Path, list] = {}


def _pairs_of(path: Path) -> list:
    if path not in _LOADED:
        _LOADED[path] = list(pairs(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return _LOADED[path]


def _matches(entry: dict) -> list[str]:
    return entry.get("match") or [entry["zh"]]


def _in_scope(entry: dict, name: str) -> bool:
    scope = entry["scope"]
    return ("all" in scope and name != FACTS) or name in scope


def term(english: str) -> re.Pattern:
    """A whole-word, case-insensitive pattern for an English term; its last word may be plural
    ("post subsidy" also matches "post subsidies", "key" matches "keys")."""
    words = english.split()
    last = re.escape(words[-1])
    last = last[:-1] + "(?:y|ies)" if re.search(r"[^aeiou]y$", words[-1], re.I) else last + "(?:e?s)?"
    body = r"\s+".join([re.escape(w) for w in words[:-1]] + [last])
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])", re.I)


def _excerpt(text: str, at: int | None = None, width: int = 90) -> str:
    if at is None:
        return text if len(text) <= 2 * width else text[: 2 * width] + "…"
    lo, hi = max(0, at - width), at + width
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def violations(entry: dict) -> list[str]:
    """Every breach of one glossary entry in the files of its scope, as readable lines."""
    found = []
    required = term(entry["en"])
    anchor = re.compile(re.escape(max(entry["en"].split(), key=len)[:6]), re.I)  # to show the nearest English
    for name, path in _files(entry["scope"]):
        for where, zh, en in _pairs_of(path):
            hit = next((m for m in _matches(entry) if m in zh), None)
            if hit is None:
                continue
            context_zh = _excerpt(zh, zh.index(hit), 20)
            if not required.search(en):
                near = anchor.search(en)
                found.append(f"{name}: {where}: zh has 「{hit}」 but en lacks {entry['en']!r}\n"
                             f"    zh: {context_zh}\n    en: {_excerpt(en, near.start() if near else None)}")
            # An avoided term is allowed where another entry that matches the same zh requires it.
            required_here = [term(other["en"]) for other in ENTRIES if other is not entry
                             and _in_scope(other, name) and any(m in zh for m in _matches(other))]
            for bad in entry.get("avoid", []):
                for m in term(bad).finditer(en):
                    if not any(r.fullmatch(m.group(0)) for r in required_here):
                        found.append(f"{name}: {where}: zh has 「{hit}」 and en has avoided {bad!r}\n"
                                     f"    zh: {context_zh}\n    en: {_excerpt(en, m.start())}")
                        break
    return found


def test_glossary_entries_are_well_formed():
    known = set(_policy_files()) | {"all", "facts"}
    ids = [e.get("id") for e in ENTRIES]
    assert len(ids) == len(set(ids)), "duplicate glossary ids"
    for e in ENTRIES:
        assert set(e) <= {"id", "zh", "match", "en", "avoid", "scope", "note"}, e
        assert e["id"] and e["zh"] and e["en"] and e["note"], e
        assert e["scope"] and set(e["scope"]) <= known, f"{e['id']}: unknown scope {set(e['scope']) - known}"
        for m in _matches(e):
            assert e["zh"] in m, f"{e['id']}: match {m!r} does not contain the term {e['zh']!r}"
        for bad in e.get("avoid", []):
            assert not term(e["en"]).search(bad), f"{e['id']}: avoided {bad!r} contains the required term"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry_is_used(entry):
    """An entry whose Chinese never occurs in its scope is mis-scoped or dead."""
    assert any(any(m in zh for m in _matches(entry))
               for _, path in _files(entry["scope"]) for _, zh, _ in _pairs_of(path)), \
        f"{entry['id']}: none of {_matches(entry)} occurs in {entry['scope']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_english_follows_glossary(entry):
    found = violations(entry)
    if found:
        pytest.fail(f"{entry['id']}: {entry['zh']} must be {entry['en']!r}, never {entry.get('avoid', [])};"
                    f" {len(found)} problem(s):\n" + "\n".join(found), pytrace=False)
