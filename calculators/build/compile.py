"""Rule files (YAML) -> validated, compiled policies (plain JSON-able dicts) for the engine.

This is the only part of ``calculators`` that reads files or YAML; it runs on CPython at
build and test time. The browser receives the compiled JSON (``export``), never YAML.
"""

from __future__ import annotations

import calendar
import concurrent.futures
import datetime
import functools
import hashlib
import io
import json
import multiprocessing
import os
import time
import zipfile
from pathlib import Path

from . import checks, clauses, schema, yamlload
from .problems import Problem, RuleError, format_path

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = ROOT / "rules"
SOURCES = ROOT / "sources"
DICTIONARY = "facts.yml"
# compiled policies by content (``_Cache``); safe to delete. NAVIGATOR_RULES_CACHE: another folder (bench/scale.py)
CACHE = Path(os.environ.get("NAVIGATOR_RULES_CACHE") or ROOT / "build" / "rules")


def _read(path: Path, spec, root: Path):
    """Parse and shape-check one YAML file: ``(data, positions, problems)``."""
    name = _display(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, None, [Problem(name, 1, 1, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except FileNotFoundError:
        return None, None, [Problem(name, 1, 1, "", "no such file")]
    data, positions, problems = yamlload.load(text, name)
    if data is None:
        return None, positions, problems
    found = []
    spec.check(data, (), lambda p, m: found.append((p, m)))
    problems += [Problem(name, *positions.at(p), format_path(p), m) for p, m in found]
    return data, positions, problems


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve().parent))
    except ValueError:
        return str(path)


def load_dictionary(rules_dir: Path = RULES):
    path = rules_dir / DICTIONARY
    data, positions, problems = _read(path, schema.FACTS, rules_dir)
    name = _display(path, rules_dir)
    for fact_id, fact in (data or {}).items():
        if not isinstance(fact, dict):
            continue
        where = positions.at((fact_id,))
        if fact.get("type") == "choice" and not fact.get("choices"):
            problems.append(Problem(name, *where, fact_id, "a choice fact needs 'choices'"))
        if fact.get("type") in ("integer", "money") and "max" not in fact:
            problems.append(Problem(name, *where, fact_id, "a number fact needs a 'max' (the largest sensible answer)"))
        if fact.get("type") == "integer" and "unit" not in fact:
            problems.append(Problem(name, *where, fact_id, "an integer fact needs a 'unit'"))
        for other in fact.get("differs_from") or {}:
            if other not in data or other == fact_id:
                problems.append(Problem(name, *positions.at((fact_id, "differs_from", other)), f"{fact_id}.differs_from.{other}",
                                        f"'{other}' is not another fact of the dictionary"))
    if data is not None and "applicant" not in data:
        problems.append(Problem(name, 1, 1, "", "the dictionary must define 'applicant' (who is asking)"))
    return (data or {}), problems


def load_policy(path: Path, dictionary: dict, sources_dir: Path = SOURCES, rules_dir: Path | None = None):
    """Return ``(compiled policy or None, problems)``."""
    rules_dir = rules_dir or path.parent
    data, positions, problems = _read(path, schema.POLICY, rules_dir)
    if data is None or problems:
        return None, problems
    name = _display(path, rules_dir)
    found = []
    checks.policy(data, path.stem, dictionary, sources_dir, lambda p, m: found.append((p, m)))
    problems += [Problem(name, *positions.at(p), format_path(p), m) for p, m in found]
    if problems:
        return None, problems
    return compile_policy(data, dictionary), []


def as_of(policy: dict, today: datetime.date) -> dict:
    """The policy as a given day sees it: in force past its expiry date means expired.

    (The weekly scheduled rebuild keeps the site current.) A partial date expires at the end
    of its year or month: "2025" is in force through 31 December 2025."""
    expires = policy["dates"]["expires"]["date"]
    if policy["status"] != "in_force" or not expires:
        return policy
    y, m, d = (list(map(int, expires.split("-"))) + [None, None])[:3]
    last = datetime.date(y, m or 12, d or calendar.monthrange(y, m or 12)[1])
    return dict(policy, status="expired") if today > last else policy


def today() -> datetime.date:
    """The build's date; NAVIGATOR_TODAY fixes it (tests)."""
    return datetime.date.fromisoformat(os.environ.get("NAVIGATOR_TODAY") or datetime.date.today().isoformat())


def compile_policy(data: dict, dictionary: dict) -> dict:
    used = ["applicant"]
    for b in data["benefits"]:
        used += [f for f in checks.facts_of(b) if f not in used]
    for ex in data["examples"]:
        used += [f for f in ex["facts"] if f not in used]
    # each benefit carries the departments its clause names as responsible (责任单位), if any
    responsible = {u["id"]: [data["departments"][d] for d in u["responsible"]] for u in data["text"] if u.get("responsible")}
    benefits = [dict(b, departments=responsible[b["clause"]]) if b["clause"] in responsible else b for b in data["benefits"]]
    return dict(data, benefits=benefits, facts={f: dictionary[f] for f in used}, labels=clauses.labels(data["text"]))


def _count_corrections(policy: dict, sources_dir: Path) -> dict:
    """How often each correction applies in the received text (shown on the overview)."""
    src = policy["source"]
    if not src.get("corrections"):
        return policy
    raw = (sources_dir / src["file"]).read_text(encoding="utf-8")
    fixed = [dict(c, count=raw.count(c["find"])) for c in src["corrections"]]
    return dict(policy, source=dict(src, corrections=fixed))


def load_all(rules_dir: Path = RULES, sources_dir: Path = SOURCES, *, cache: Path | None = CACHE):
    """Every policy in ``rules_dir``, sorted by id: ``(policies, dictionary, problems)``.

    Each policy file is read and checked once per content (``_Cache`` in ``cache``; None: no
    cache); those not cached are read in parallel when there are many (a process per core)."""
    dictionary, problems = load_dictionary(rules_dir)
    paths = [p for p in sorted(rules_dir.glob("*.yml")) if p.name != DICTIONARY]
    store = _Cache(cache, dictionary, sources_dir)
    loaded = {p: store.get(p) for p in paths}
    todo = [p for p, hit in loaded.items() if hit is None]
    prune(cache)
    for path, (policy, found) in zip(todo, _load_many(todo, dictionary, sources_dir, rules_dir)):
        loaded[path] = (policy, found)
        if policy is not None:
            store.put(path, policy)
    policies = []
    for policy, found in loaded.values():
        problems += found
        if policy is not None:
            policies.append(as_of(_count_corrections(_share_facts(policy, dictionary), sources_dir), today()))
    if not problems:
        from .compare import load_personas  # the personas use the dictionary; compare uses this module
        problems += load_personas(rules_dir, dictionary)[1]
    return policies, dictionary, sorted(problems)


def _share_facts(policy: dict, dictionary: dict) -> dict:
    """The policy with its facts' definitions the dictionary's own objects (a policy read from the
    cache or from another process has copies): a thousand policies hold one copy, not a thousand."""
    facts = policy["facts"]
    for f, meta in facts.items():
        if dictionary.get(f) == meta:
            facts[f] = dictionary[f]
    return policy


PARALLEL_FROM = 24  # items (files, policies); below this, starting processes costs more than it saves


def forked_map(job, items: list, chunksize: int = 8) -> list:
    """``[job(x) for x in items]``, in one forked process per core when there are many items
    (``job`` and what it reads are inherited, not pickled; results come back pickled)."""
    workers = min(os.cpu_count() or 1, len(items) // (PARALLEL_FROM // 2))
    if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [job(x) for x in items]
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(job, items, chunksize=chunksize))


def _load_many(paths, dictionary, sources_dir, rules_dir):
    """``load_policy`` of each path, in order: in one process per core when there are many."""
    return forked_map(functools.partial(load_policy, dictionary=dictionary, sources_dir=sources_dir, rules_dir=rules_dir), paths)


class _Cache:
    """Compiled policies by content: a file is read and checked again only when it, the
    dictionary, a source document or the code that checks and compiles it has changed. The key
    is a sha256 of all of these; an entry is the compiled policy as JSON (never code: no pickle).
    Only policies without problems are kept, so problems are always reported afresh."""

    def __init__(self, folder: Path | None, dictionary: dict, sources_dir: Path):
        self.folder = folder
        digest = hashlib.sha256(json.dumps(dictionary, sort_keys=True, ensure_ascii=False).encode())
        for f in sorted(sources_dir.glob("*")):
            digest.update(f"{f.relative_to(f.parent.parent)}\0".encode() + f.read_bytes())
        self.common = digest.digest() + code_digest()

    def _file(self, path: Path) -> Path:
        digest = hashlib.sha256(self.common + path.name.encode() + b"\0" + path.read_bytes())
        return self.folder / f"{digest.hexdigest()}.json"

    def get(self, path: Path):
        if self.folder is None:
            return None
        try:
            entry = self._file(path)
            found = json.loads(entry.read_text(encoding="utf-8")), []
        except (OSError, ValueError):
            return None
        used(entry)
        return found

    def put(self, path: Path, policy: dict):
        if self.folder is None:
            return
        write_entry(self._file(path), policy)


def code_digest() -> bytes:
    """The sha256 of the code of calculators/: part of every cache key."""
    digest = hashlib.sha256()
    for f in sorted((ROOT / "calculators").rglob("*.py")):
        digest.update(f"{f.relative_to(ROOT)}\0".encode() + f.read_bytes())
    return digest.digest()


def write_entry(target: Path, data) -> None:
    """Write a cache entry as JSON, whole or not at all (another process may be reading it)."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass  # a read-only checkout still works, only without the cache


KEEP_DAYS = 30  # a cache entry not used for this long is deleted (``prune``)


def used(entry: Path) -> None:
    """Mark a cache entry as used now (its modification time): ``prune`` keeps it."""
    try:
        os.utime(entry)
    except OSError:
        pass


def prune(folder: Path | None, days: float = KEEP_DAYS) -> int:
    """Delete the cache entries (compiled policies, and what ``derived`` keeps) not used for
    ``days``: edits would otherwise pile up forever. Returns how many were deleted."""
    if folder is None or not folder.is_dir():
        return 0
    cutoff, gone = time.time() - days * 86400, 0
    for entry in folder.glob("*.json"):
        try:
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
                gone += 1
        except OSError:
            pass
    return gone


_LOADED: dict = {}


def site_rules() -> Path:
    """The rule files the site is built from: rules/, or NAVIGATOR_RULES (``hooks.build --rules``)."""
    return Path(os.environ.get("NAVIGATOR_RULES") or RULES)


def site_sources() -> Path:
    """The source documents the site is built from: sources/, or NAVIGATOR_SOURCES (``hooks.build --sources``)."""
    return Path(os.environ.get("NAVIGATOR_SOURCES") or SOURCES)


def load_all_once(rules_dir: Path | None = None, sources_dir: Path | None = None):
    """``load_all`` of the site's rules, once per content of the rule and source files (a build
    renders both languages from one load; ``serve`` reloads when a file changes). Treat the
    result as read-only."""
    rules_dir, sources_dir = rules_dir or site_rules(), sources_dir or site_sources()
    files = sorted(rules_dir.glob("*.yml")) + sorted(sources_dir.glob("*"))
    key = (str(rules_dir), str(sources_dir), today(), tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = load_all(rules_dir, sources_dir)
    return _LOADED[key]


def load_all_or_raise(rules_dir: Path = RULES, sources_dir: Path = SOURCES):
    policies, dictionary, problems = load_all(rules_dir, sources_dir)
    if problems:
        raise RuleError(problems)
    return policies, dictionary


# What the browser's engine and the calculator page read of a compiled policy; the full text,
# the examples, the source and the review metadata stay on the pages that show them.
_BENEFIT_KEYS = ("id", "clause", "title", "recipients", "form", "conditions", "amount", "amount_unstated",
                 "schedule", "also", "notes", "departments")


def for_browser(policy: dict) -> dict:
    """The compiled policy as the calculator loads it: only what evaluation and the results use."""
    benefits = [{k: b[k] for k in _BENEFIT_KEYS if k in b} for b in policy["benefits"]]
    clauses = {b["clause"] for b in benefits} | {g["clause"] for g in policy.get("groups", [])}
    out = {"id": policy["id"], "status": policy["status"], "short_title": policy["short_title"], "place": policy["place"],
           "facts": policy["facts"], "benefits": benefits,
           "groups": [{"benefits": g["benefits"], "clause": g["clause"]} for g in policy.get("groups", [])],
           "labels": {c: policy["labels"][c] for c in sorted(clauses)}}
    if policy.get("also"):
        out["also"] = [{"zh": a["zh"], "en": a["en"]} for a in policy["also"]]
    return out


def rules_version(browser_policies) -> str:
    """A short hash of everything the calculators compute from (each policy's ``for_browser``):
    a shared link carries it, and a page opened with a link made under other rules says so."""
    return version_of({p["id"]: to_json(p) for p in browser_policies})


def version_of(texts: dict[str, str]) -> str:
    """``rules_version`` from each policy's ``to_json``, by policy id."""
    digest = hashlib.sha256()
    for pid in sorted(texts):
        digest.update(texts[pid].encode())
    return digest.hexdigest()[:10]


def to_json(policy: dict) -> str:
    """The compiled policy as the browser loads it."""
    return json.dumps(policy, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export(policies, out_dir: Path) -> list[Path]:
    """Write one JSON file per policy (what the browser and the Pyodide tests load)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for p in policies:
        target = out_dir / f"{p['id']}.json"
        target.write_text(to_json(p), encoding="utf-8")
        written.append(target)
    return written


def browser_files() -> list[Path]:
    """The package's top module and the whole runtime subpackage: what the browser and the
    Pyodide tests load (standard library only; a test checks the imports)."""
    package = ROOT / "calculators"
    return [package / "__init__.py"] + sorted((package / "runtime").glob("*.py"))


def engine_zip() -> bytes:
    """The runtime as a zip with fixed timestamps (byte-identical between builds)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in browser_files():
            info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
    return buffer.getvalue()


def bundle(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(engine_zip())
    return target
