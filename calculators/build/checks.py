"""Checks that need the whole policy: the letter of the text, and references between parts.

* every quote is found verbatim in the clause it points to;
* every number written in a structured amount, condition or schedule is stated in its quote;
* every English unit was translated from the Chinese it sits beside (hash);
* the text, after the listed corrections, is the received source document;
* facts exist and are used with the right types; references resolve; no cycles.

Each check calls ``report(path, message)``; nothing stops at the first problem.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..runtime import conditions, forms, interview
from .numerals import numbers_in
from .schema import _suggest


def text_hash(zh: str) -> str:
    return hashlib.sha256(zh.encode("utf-8")).hexdigest()[:8]


def policy(data: dict, stem: str, dictionary: dict, sources_dir: Path, report) -> None:
    if data.get("id") != stem:
        report(("id",), f"the id must equal the file name '{stem}', got {data.get('id')!r}")
    units = _text(data, report)
    _source(data, sources_dir, report)
    benefits = {}
    for i, b in enumerate(data.get("benefits", [])):
        path = ("benefits", i)
        if b["id"] in benefits:
            report(path + ("id",), f"duplicate benefit id '{b['id']}'")
        benefits[b["id"]] = b
        _benefit(b, path, units, dictionary, report)
    for i, b in enumerate(data.get("benefits", [])):
        _references(b, ("benefits", i), benefits, report)
    _cycles(benefits, report)
    for i, g in enumerate(data.get("groups", [])):
        _quote(g, ("groups", i), units, report)
        for j, option in enumerate(g["benefits"]):
            for k, m in enumerate([option] if isinstance(option, str) else option):
                where = ("groups", i, "benefits", j) + (() if isinstance(option, str) else (k,))
                if m not in benefits:
                    report(where, f"unknown benefit '{m}'" + _suggest(m, benefits))
    for i, item in enumerate(data.get("not_claimable", [])):
        _quote(item, ("not_claimable", i), units, report)
    for i, item in enumerate(data.get("also", [])):
        _quote(item, ("also", i), units, report)
    for i, t in enumerate(data.get("targets", [])):
        if _quote(t, ("targets", i), units, report) and "at_least_percent" in t \
                and t["at_least_percent"] not in numbers_in(t["quote"]):
            report(("targets", i, "at_least_percent"), f"the number {t['at_least_percent']} is not stated in the quote")
    _departments(data, report)
    for unit_index, amount in uncovered_amounts(data):
        report(("text", unit_index, "zh"), f"the sum {amount!r} is not inside the quote of any benefit or group of "
                                           "this clause: encode it, or list it under not_claimable with the reason")
    for i, ex in enumerate(data.get("examples", [])):
        _example(ex, ("examples", i), benefits, dictionary, report)
    _dates(data, report)


# A sum of money as the texts write it: 500元, 1.5万元, 10-30万元, 0.5—1万元, 2000元/人
_MONEY = re.compile(r"\d+(?:\.\d+)?(?:\s*[-—–~～至]\s*\d+(?:\.\d+)?)?\s*万?元")


def uncovered_amounts(data):
    """``(unit index, text)`` for each sum in the text outside every quote of its clause."""
    quotes = {}
    for item in data.get("benefits", []) + data.get("groups", []) + data.get("not_claimable", []):
        quotes.setdefault(item["clause"], []).append(item["quote"])
    for i, unit in enumerate(data.get("text", [])):
        if any(q not in unit["zh"] for q in quotes.get(unit["id"], [])):
            continue  # a quote that is not in its clause is reported already; don't pile on
        spans = [(m.start(), m.end()) for q in quotes.get(unit["id"], [])
                 for m in re.finditer(re.escape(q), unit["zh"])]
        for m in _MONEY.finditer(unit["zh"]):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                yield i, m.group(0)


def _departments(data, report):
    """Each unit's responsible departments are named in the policy and written in that unit."""
    known = data.get("departments", {})
    for i, u in enumerate(data.get("text", [])):
        for j, d in enumerate(u.get("responsible", [])):
            if d not in known:
                report(("text", i, "responsible", j), f"unknown department '{d}'" + _suggest(d, known))
            elif known[d]["zh"] not in u["zh"]:
                report(("text", i, "responsible", j), f"the department {known[d]['zh']!r} is not named in unit '{u['id']}'")


def _text(data, report):
    units = {}
    for i, u in enumerate(data.get("text", [])):
        if u["id"] in units:
            report(("text", i, "id"), f"duplicate text unit id '{u['id']}'")
        units[u["id"]] = u
        if u["en_from"] != text_hash(u["zh"]):
            report(("text", i, "en_from"),
                   f"stale English translation: the Chinese of '{u['id']}' changed since it was translated "
                   f"(Chinese now hashes to {text_hash(u['zh'])}, the English was made from {u['en_from']}); "
                   "update the English, then en_from")
    return units


_SPACE = re.compile(r"\s+")


def _source(data, sources_dir, report):
    src = data["source"]
    path = sources_dir / src["file"]
    if not path.is_file():
        report(("source", "file"), f"no such source document in {sources_dir.name}/: {src['file']!r}")
        return
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != src["sha256"]:
        report(("source", "sha256"), f"{src['file']} does not match the recorded sha256 (the received document changed?)")
        return
    text = raw.decode("utf-8")
    for i, c in enumerate(src.get("corrections", [])):
        if c["find"] not in text:
            report(("source", "corrections", i, "find"), f"correction text not found in the source: {c['find'][:40]!r}")
        text = text.replace(c["find"], c["replace"])
    joined = "".join(u["zh"] for u in data.get("text", []))
    want, got = _SPACE.sub("", text), _SPACE.sub("", joined)
    if want != got:
        at = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
        report(("text",), "the text units, joined, differ from the source after its corrections "
                          f"at character {at}: source has {want[at:at + 20]!r}, units have {got[at:at + 20]!r}")


def _quote(item, path, units, report):
    unit = units.get(item["clause"])
    if unit is None:
        report(path + ("clause",), f"no text unit '{item['clause']}'" + _suggest(item["clause"], units))
        return False
    if item["quote"] not in unit["zh"]:
        report(path + ("quote",), f"quote not found verbatim in clause '{item['clause']}': {item['quote'][:40]!r}")
        return False
    return True


def _benefit(b, path, units, dictionary, report):
    if _quote(b, path, units, report):
        stated = numbers_in(b["quote"])
        for where, n in _numbers(b, path):
            if n != 0 and n not in stated:
                report(where, f"the number {n} is not stated in the quote (numbers found there: "
                              f"{', '.join(map(str, sorted(stated))) or 'none'})")
    has_amount = "amount" in b
    if b["form"] in ("cash", "tax_credit", "credit_line"):
        if has_amount == ("amount_unstated" in b):
            report(path, "a benefit of money needs exactly one of 'amount' or 'amount_unstated' "
                         "(where the text leaves the amount to another rule)")
    elif has_amount and b["form"] == "entitlement":  # in_kind may state the value of what it provides
        report(path + ("amount",), "an entitlement has no amount (use form in_kind for training or services with a value)")
    if has_amount and "schedule" not in b:
        report(path, "a benefit with an amount needs a 'schedule' (once, month, year or instalments)")
    sched = b.get("schedule", {})
    if sched.get("every") == "instalments" and "years" not in sched:
        report(path + ("schedule",), "instalments need 'years'")
    if sched.get("every") in ("month", "year") and "years" in sched:
        report(path + ("schedule", "years"), "use 'for_at_most' with a recurring schedule")
    limit = sched.get("for_at_most", {})
    if limit and ("years" in limit) == ("months" in limit):
        report(path + ("schedule", "for_at_most"), "give exactly one of 'years' or 'months'")
    for vocabulary, node, where in interview.trees(b, path):
        for here, form, value in forms.walk(vocabulary, node, where):
            _node(form, value, here, dictionary, report)


def _numbers(b, path):
    """Every number written in a benefit's structure, with where it is written."""
    for vocabulary, node, where in interview.trees(b, path):
        yield from forms.numbers(vocabulary, node, where)


def _node(form, value, here, dictionary, report):
    """One node of the rule language: its facts exist with the right type, the answers and table
    cases it names are choices of its fact, and its bands run from low to high."""
    fact = fact_id = None
    for sub, kind, item in forms.parts(form, value):
        kinds = forms.fact_kinds(kind)
        if kinds:
            fact_id, fact = item, _fact(item, here + sub, dictionary, report, kinds)
    for sub, kind, item in forms.parts(form, value):
        where = here + sub
        if kind == forms.BAND and isinstance(item, list) and len(item) == 2 and item[0] >= item[1]:
            report(where, f"a band goes from low to high, got [{item[0]}, {item[1]}]")
        if fact is None:
            continue
        if kind == forms.ANSWER:
            _value(fact, fact_id, item, where, report)
        elif kind == forms.ANSWERS:
            for j, v in enumerate(item):
                _value(fact, fact_id, v, where + (j,), report)
        elif kind == forms.CASES:
            for choice in item:
                if choice not in fact.get("choices", {}):
                    report(where + (choice,), f"'{choice}' is not a choice of fact '{fact_id}'"
                           + _suggest(choice, fact.get("choices", {})))


def _fact(fact_id, path, dictionary, report, kinds=None):
    fact = dictionary.get(fact_id)
    if fact is None:
        report(path, f"unknown fact '{fact_id}'" + _suggest(fact_id, dictionary) + " (facts are defined in rules/facts.yml)")
        return None
    if kinds and fact["type"] not in kinds:
        report(path, f"fact '{fact_id}' is a {fact['type']}; expected a {' or '.join(kinds)} here")
        return None
    return fact


def _value(fact, fact_id, v, path, report):
    if fact["type"] == "boolean" and not isinstance(v, bool):
        report(path, f"fact '{fact_id}' is yes/no: expected true or false, got {v!r}")
    elif fact["type"] == "choice" and v not in fact["choices"]:
        report(path, f"'{v}' is not a choice of fact '{fact_id}'" + _suggest(v, fact["choices"]))
    elif fact["type"] in ("integer", "money"):
        if isinstance(v, bool) or not isinstance(v, int):
            report(path, f"fact '{fact_id}' is a whole number: got {v!r}")
        elif not fact.get("min", 0) <= v <= fact["max"]:
            report(path, f"fact '{fact_id}' must be between {fact.get('min', 0)} and {fact['max']}, got {v}")


def _eligible_for(b):
    """``(path within the conditions, benefit id)`` for every reference to another benefit."""
    for i, c in enumerate(b.get("conditions", [])):
        for here, form, value in forms.walk(conditions.FORMS, c, ("conditions", i)):
            if form.key == "eligible_for":
                yield here, value


def _references(b, path, benefits, report):
    for where, other in _eligible_for(b):
        if other not in benefits:
            report(path + where, f"unknown benefit '{other}'" + _suggest(other, benefits))
        elif other == b["id"]:
            report(path + where, "a benefit cannot depend on itself")


def _cycles(benefits, report):
    state = {}

    def visit(bid, trail):
        if state.get(bid) == "done":
            return
        if state.get(bid) == "open":
            report(("benefits",), "benefits depend on each other in a circle: " + " -> ".join(trail + [bid]))
            return
        state[bid] = "open"
        for _, d in _eligible_for(benefits[bid]):
            if d in benefits:
                visit(d, trail + [bid])
        state[bid] = "done"
    for bid in benefits:
        visit(bid, [])


def _example(ex, path, benefits, dictionary, report):
    for fact_id, v in ex["facts"].items():
        fact = _fact(fact_id, path + ("facts", fact_id), dictionary, report)
        if fact is not None:
            _value(fact, fact_id, v, path + ("facts", fact_id), report)
    for bid in ex["expect"]:
        if bid not in benefits:
            report(path + ("expect", bid), f"unknown benefit '{bid}'" + _suggest(bid, benefits))


def _dates(data, report):
    dates = data["dates"]
    issued, effective, expires = (dates[k]["date"] for k in ("issued", "effective", "expires"))
    for key in ("issued", "effective", "expires"):
        if dates[key]["date"] is None and "note" not in dates[key]:
            report(("dates", key), "a date the text does not give needs a 'note' saying so")
    if issued and expires and expires < issued:
        report(("dates", "expires"), f"expires ({expires}) before it was issued ({issued})")
    if effective and expires and expires < effective:
        report(("dates", "expires"), f"expires ({expires}) before it takes effect ({effective})")


facts_of = interview.facts_of  # the facts a benefit reads, as the browser sees them
