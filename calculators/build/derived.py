"""What the site derives from each policy with the engine: made once per build, kept by content.

Both languages' pages use, for every policy (``Derived``):
  json    the policy as the calculator loads it (``compile.to_json(for_browser(policy))``);
  reads   the facts it reads (``interview.reads``);
  asks    applicant -> the questions it shows when only "who is asking" is answered
          (what ``places.first_asks`` computes);
  terms   benefit id -> what a recurring benefit adds up to over its term (``term``),
          from the engine's results with only the benefit's first recipient answered.

None of it depends on the language, and each policy's part depends on that policy alone (its
JSON) and on the engine's code. ``of`` makes it once per build (``hooks.build`` calls it before
the two languages are built, and both share it), evaluating only the policies the cache does not
hold, in a process per core: a thousand policies take about 10,000 evaluations. Each policy's
part is kept in the cache under the hash of its JSON and of the code, so that a rebuild evaluates
only what changed. Entries are JSON (never pickle).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TypedDict

from ..runtime import engine, interview
from . import compile as rules

VERSION = b"derived 1"  # change it when what an entry holds changes


class Derived(TypedDict):
    json: str
    reads: tuple[list[str], list[str]]
    asks: dict[str, list[str]]
    terms: dict[str, list]


def term(benefit, result) -> tuple[str | None, dict | None]:
    """What a recurring payment adds up to over its term, from the engine's result as the rule
    alone fixes it: ("total", text), ("depends", None) on answers, or ("open", None) when the
    payments have no end. A one-off payment or a sum in instalments is its own total: (None, None)."""
    schedule = benefit.get("schedule")
    if schedule is None or schedule["every"] in ("once", "instalments"):
        return None, None
    total = result["total"]
    if total is not None and total["hi"]:
        return "total", result["text"]["total"]
    return ("depends" if "for_at_most" in schedule else "open"), None


def derive(browser: dict, applicants: list[str]) -> dict:
    """One policy's ``Derived`` without its JSON, from its ``for_browser`` form."""
    reads = interview.reads(browser)
    return {"reads": [list(x) for x in reads], "asks": asks(browser, applicants, reads), "terms": terms(browser)}


def asks(browser: dict, applicants: list[str], reads=None) -> dict[str, list[str]]:
    """Applicant -> the questions one policy shows when only "who is asking" is answered."""
    ordered = interview.merge([reads or interview.reads(browser)])
    return {a: interview.run([browser], {"applicant": a}, ordered, explain=False)["questions"] for a in applicants}


def terms(browser: dict) -> dict[str, list]:
    """Benefit id -> ``[term, total]`` (``term``) of each of a policy's benefits."""
    alone = dict(browser, groups=[])  # a non-duplication choice depends on the person
    results: dict = {}  # first recipient -> the engine's results with no answer but who is asking
    out = {}
    for b in browser["benefits"]:
        first = b["recipients"][0]
        if first not in results:
            results[first] = {r["id"]: r for r in engine.evaluate(alone, {"applicant": first}, explain=False)["benefits"]}
        out[b["id"]] = list(term(b, results[first][b["id"]]))
    return out


_MADE: dict = {}  # {"for": the loaded policies, "applicants", "cache", "made": {policy id: Derived}}: one build's, shared with the forked languages
_JOB: dict = {}  # what the forked workers of ``prepare`` read: {"browser": [...], "applicants": [...]}


def _work(index: int) -> dict:
    return derive(_JOB["browser"][index], _JOB["applicants"])


def of(policies, dictionary, cache: Path | None = rules.CACHE) -> dict[str, Derived]:
    """Policy id -> its ``Derived``, for these loaded policies; made once per build (see ``prepare``)."""
    applicants = list(dictionary["applicant"]["choices"])
    if _MADE.get("for") is not policies or (_MADE["applicants"], _MADE["cache"]) != (applicants, cache):  # (held: an identity, never a reused id)
        _MADE.update({"for": policies, "applicants": applicants, "cache": cache, "made": _make(policies, applicants, cache)})
    return _MADE["made"]


def _make(policies, applicants, cache: Path | None) -> dict[str, Derived]:
    browser = [rules.for_browser(p) for p in policies]
    texts = [rules.to_json(b) for b in browser]
    common = VERSION + rules.code_digest() + json.dumps(applicants).encode()
    files = [None if cache is None else cache / f"derived-{hashlib.sha256(common + t.encode()).hexdigest()}.json" for t in texts]
    made: list = []
    for f in files:
        try:
            made.append(json.loads(f.read_text(encoding="utf-8")) if f else None)
            if f:
                rules.used(f)  # kept by ``compile.prune``
        except (OSError, ValueError):
            made.append(None)
    todo = [i for i, m in enumerate(made) if m is None]
    for i, m in zip(todo, _derive_many(browser, applicants, todo)):
        made[i] = m
        if files[i] is not None:
            rules.write_entry(files[i], m)
    return {b["id"]: Derived(json=t, reads=tuple(m["reads"]), asks=m["asks"], terms=m["terms"])
            for b, t, m in zip(browser, texts, made)}


def _derive_many(browser, applicants, todo) -> list[dict]:
    _JOB.update(browser=browser, applicants=applicants)  # inherited by the forked workers
    try:
        return rules.forked_map(_work, todo, chunksize=16)
    finally:
        _JOB.clear()


def rules_version(made: dict[str, Derived]) -> str:
    """``compile.rules_version`` of these policies, from their JSON made already."""
    return rules.version_of({pid: m["json"] for pid, m in made.items()})
