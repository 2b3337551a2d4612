"""The shape of a rule file and of the fact dictionary: a closed set of keys and types.

A tiny declarative checker rather than JSON Schema: it reports every problem with the path
and a suggestion for a misspelt key, and the whole format is readable on one screen below.
Semantic checks (quotes, numbers, clause references, hashes) live in ``checks.py``.
"""

from __future__ import annotations

import datetime
import difflib
import re

from ..runtime import amounts, conditions, forms, schedules
from .kinds import KINDS

ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
FACT = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*\Z")
_UNSAFE = re.compile(r"[<>&\"\x00-\x1f\x7f]")


class Spec:
    expected = "a value"

    def check(self, value, path, report):  # pragma: no cover - interface
        raise NotImplementedError


class Str(Spec):
    def __init__(self, pattern=None, plain=False, expected="text", multiline=True):
        self.pattern, self.plain, self.expected, self.multiline = pattern, plain, expected, multiline

    def check(self, value, path, report):
        if not isinstance(value, str):
            report(path, f"expected {self.expected}, got {_show(value)}")
        elif not value.strip():
            report(path, f"expected {self.expected}, got empty text")
        elif self.pattern and not self.pattern.match(value):
            report(path, f"expected {self.expected}, got {_show(value)}")
        elif self.plain and _UNSAFE.search(value):
            report(path, "must be plain text: no <, >, &, straight double quotes or control characters "
                         f"(got {_show(value)})")
        elif "<" in value and re.search(r"<\s*/?\s*[a-zA-Z]", value):
            report(path, f"raw HTML is not allowed in rule data (got {_show(value)})")


class AnyText(Spec):
    """Text that may be empty (a correction that deletes)."""
    expected = "text (may be empty)"

    def check(self, value, path, report):
        if not isinstance(value, str):
            report(path, f"expected {self.expected}, got {_show(value)}")


class Date(Spec):
    expected = "a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""

    def check(self, value, path, report):
        if not isinstance(value, str) or not re.match(r"\d{4}(-\d{2}(-\d{2})?)?\Z", value):
            report(path, f"expected {self.expected}, got {_show(value)}")
            return
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            datetime.date(parts[0], parts[1], parts[2])
        except ValueError:
            report(path, f"{value!r} is not a real date")


class Url(Spec):
    expected = "an https:// address"

    def check(self, value, path, report):
        if not isinstance(value, str) or not re.match(r"https://[^\s<>\"]+\Z", value):
            report(path, f"expected {self.expected}, got {_show(value)}")


class Int(Spec):
    def __init__(self, min=None, max=None, expected="a whole number"):
        self.min, self.max, self.expected = min, max, expected

    def check(self, value, path, report):
        if isinstance(value, bool) or not isinstance(value, int):
            report(path, f"expected {self.expected}, got {_show(value)}")
        elif self.min is not None and value < self.min:
            report(path, f"expected {self.expected} of at least {self.min}, got {value}")
        elif self.max is not None and value > self.max:
            report(path, f"expected {self.expected} of at most {self.max}, got {value}")


class Bool(Spec):
    expected = "true or false"

    def check(self, value, path, report):
        if not isinstance(value, bool):
            report(path, f"expected true or false, got {_show(value)}")


class Enum(Spec):
    def __init__(self, *values):
        self.values = values
        self.expected = "one of " + ", ".join(map(str, values))

    def check(self, value, path, report):
        if value not in self.values:
            report(path, f"expected {self.expected}, got {_show(value)}" + _suggest(value, self.values))


class Nullable(Spec):
    def __init__(self, inner):
        self.inner = inner
        self.expected = f"{inner.expected} or null"

    def check(self, value, path, report):
        if value is not None:
            self.inner.check(value, path, report)


class Scalar(Spec):
    """Any plain value: text, whole number or true/false (a fact's answer in an example)."""
    expected = "text, a whole number or true/false"

    def check(self, value, path, report):
        if not isinstance(value, (str, int, bool)) or isinstance(value, float):
            report(path, f"expected {self.expected}, got {_show(value)}")


class ListOf(Spec):
    def __init__(self, item, min_items=0):
        self.item, self.min_items = item, min_items
        self.expected = "a list"

    def check(self, value, path, report):
        if not isinstance(value, list):
            report(path, f"expected a list, got {_show(value)}")
            return
        if len(value) < self.min_items:
            report(path, f"expected at least {self.min_items} item(s), got {len(value)}")
        for i, v in enumerate(value):
            self.item.check(v, path + (i,), report)


class Map(Spec):
    expected = "a mapping"

    def __init__(self, required=None, optional=None):
        self.required, self.optional = required or {}, optional or {}

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, f"expected a mapping with keys {', '.join(self.required)}, got {_show(value)}")
            return
        known = {**self.required, **self.optional}
        for key in self.required:
            if key not in value:
                report(path, f"missing required key '{key}'")
        for key, v in value.items():
            if key not in known:
                report(path + (key,), f"unknown key '{key}'" + _suggest(key, known))
            else:
                known[key].check(v, path + (key,), report)


class MapOf(Spec):
    expected = "a mapping"

    def __init__(self, value, key=None):
        self.value, self.key = value, key or Str(ID, expected="an id (lower-case letters, digits, hyphens)")

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, f"expected a mapping, got {_show(value)}")
            return
        for k, v in value.items():
            self.key.check(k, path + (k,), report)
            self.value.check(v, path + (k,), report)


class OneOf(Spec):
    """A node of the rule language: a mapping naming exactly one form of a vocabulary.

    The specs are built from the forms' declared fields (``calculators.runtime.forms``). A
    form with ``whole`` set (a condition on a fact) keeps its fields beside its key."""

    def __init__(self, what, vocabulary):
        self.what, self.vocabulary, self.specs = what, vocabulary, {}

    @property
    def expected(self):
        return f"{self.what}: one of " + ", ".join(self.vocabulary)

    def check(self, value, path, report):
        if not isinstance(value, dict) or not value:
            report(path, f"expected {self.expected}, got {_show(value)}")
            return
        keys = [k for k in value if k in self.vocabulary]
        if len(keys) != 1:
            odd = [k for k in value if k not in self.vocabulary and not self._beside(k)]
            if len(keys) > 1 and all(self.vocabulary[k].whole for k in keys):
                report(path, f"a fact condition takes exactly one of {', '.join(keys)}, got {len(keys)}")
                return
            hint = _suggest(odd[0], self.vocabulary) if odd else ""
            report(path, f"expected {self.expected}" + (f"; unknown key '{odd[0]}'" if odd else "") + hint)
            return
        form = self.vocabulary[keys[0]]
        if form.whole:
            self.specs[form.key].check(value, path, report)
            return
        for extra in (k for k in value if k != keys[0]):
            report(path + (extra,), f"unknown key '{extra}' beside '{keys[0]}'")
        self.specs[form.key].check(value[keys[0]], path + (keys[0],), report)

    def _beside(self, key):
        return any(f.whole and key in (n.rstrip("?") for n in f.fields) for f in self.vocabulary.values())


def _show(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _suggest(word, options) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# ---------------------------------------------------------------- the format itself

TEXT = Str()
PLAIN = Str(plain=True)
BILINGUAL = Map({"zh": TEXT, "en": TEXT})
TITLE = Map({"zh": PLAIN, "en": PLAIN})
MONEY = Int(0, 10**10, expected="an integer of 元")
COUNT = Int(1, 10**6)
FACT_ID = Str(FACT, expected="a fact id (snake_case)")
BENEFIT_ID = Str(ID, expected="a benefit id")
RECIPIENTS = ("individual", "enterprise", "school", "training_institution", "hr_agency", "other_org")

AMOUNT = OneOf("an amount", amounts.FORMS)
CONDITION = OneOf("a condition", conditions.FORMS)


class _UpTo(Spec):
    expected = "an integer of 元 or an amount"

    def check(self, value, path, report):
        (MONEY if not isinstance(value, dict) else AMOUNT).check(value, path, report)


class _Band(Spec):
    expected = "[low, high] in 元"

    def check(self, value, path, report):
        ListOf(MONEY, 2).check(value, path, report)
        if isinstance(value, list) and len(value) != 2:
            report(path, "expected exactly [low, high]")


def field_spec(kind) -> Spec:
    """The spec of one declared field type (see ``calculators.runtime.forms``)."""
    if isinstance(kind, dict):
        return _fields_spec(kind)
    if forms.fact_kinds(kind):
        return FACT_ID
    return {
        forms.MONEY: MONEY, forms.COUNT: COUNT, forms.PERCENT: Int(1, 1000, expected="a percentage"),
        forms.THRESHOLD: Int(0), forms.BAND: _Band(), forms.MONEY_OR_AMOUNT: _UpTo(),
        forms.AMOUNT: AMOUNT, forms.AMOUNTS: ListOf(AMOUNT, 2),
        forms.CASES: MapOf(AMOUNT, key=Str(expected="a choice")),
        forms.ANSWER: Scalar(), forms.ANSWERS: ListOf(Scalar(), 1),
        forms.CONDITION: CONDITION, forms.CONDITIONS: ListOf(CONDITION, 1), forms.ALTERNATIVES: ListOf(CONDITION, 2),
        forms.BENEFIT: BENEFIT_ID, forms.PERIOD: Enum("year", "month", "claim", "person"),
        forms.EVERY: Enum("once", "month", "year", "instalments"),
    }[kind]


def _fields_spec(fields: dict) -> Map:
    required = {n: field_spec(k) for n, k in fields.items() if not n.endswith("?")}
    optional = {n[:-1]: field_spec(k) for n, k in fields.items() if n.endswith("?")}
    return Map(required, optional)


def form_spec(form) -> Spec:
    return field_spec(form.arg) if form.arg is not None else _fields_spec(form.fields)


for _node in (AMOUNT, CONDITION):
    _node.specs.update({key: form_spec(f) for key, f in _node.vocabulary.items()})

SCHEDULE = form_spec(schedules.SCHEDULE)

BENEFIT = Map(
    {"id": BENEFIT_ID, "clause": Str(ID, expected="a text unit id"), "kind": Enum(*KINDS), "quote": TEXT, "title": TITLE,
     "recipients": ListOf(Enum(*RECIPIENTS), 1),
     "form": Enum("cash", "tax_credit", "credit_line", "in_kind", "entitlement")},
    {"conditions": ListOf(CONDITION), "amount": AMOUNT, "amount_unstated": BILINGUAL,
     "schedule": SCHEDULE, "also": ListOf(BILINGUAL), "notes": ListOf(BILINGUAL)},
)

class _Option(Spec):
    """A member of a non-duplication group: a benefit id, or a list of benefits paid together."""
    expected = "a benefit id, or a list of benefit ids paid together"

    def check(self, value, path, report):
        (ListOf(BENEFIT_ID, 2) if isinstance(value, list) else BENEFIT_ID).check(value, path, report)


GROUP = Map({"id": Str(ID, expected="a group id"), "rule": Enum("highest_only"),
             "clause": Str(ID, expected="a text unit id"), "quote": TEXT,
             "benefits": ListOf(_Option(), 2), "note": BILINGUAL})

# An amount the text states that nobody can claim (the government's own spending, a target):
# listed so that every sum in the text is accounted for, with the reason it is not a benefit.
NOT_CLAIMABLE = Map({"clause": Str(ID, expected="a text unit id"), "quote": TEXT, "why": BILINGUAL})

# A condition the text puts on every payment of the policy: a "you must also" on each benefit.
POLICY_ALSO = Map({"zh": TEXT, "en": TEXT, "clause": Str(ID, expected="a text unit id"), "quote": TEXT})

EXPECT = Map({"status": Enum("eligible", "not_eligible", "unknown")},
             {"superseded_by": BENEFIT_ID})
class _Expected(Spec):
    """An expected amount: exact, [low, high], or [low, null] ("at least low" while answers are missing)."""
    expected = "an integer of 元 or [low, high]"

    def check(self, value, path, report):
        if isinstance(value, list):
            if len(value) != 2:
                report(path, "expected exactly [low, high]")
            else:
                MONEY.check(value[0], path + (0,), report)
                Nullable(MONEY).check(value[1], path + (1,), report)
        elif value is not None:
            MONEY.check(value, path, report)


EXPECT.optional.update(amount=_Expected(), total=_Expected())

EXAMPLE = Map({"id": Str(ID, expected="an example id"), "title": TITLE,
               "facts": MapOf(Scalar(), key=FACT_ID), "expect": MapOf(EXPECT, key=BENEFIT_ID)})

UNIT = Map({"id": Str(ID, expected="a text unit id"), "kind": Enum("docno", "title", "heading", "paragraph", "signature"),
            "zh": TEXT, "en": TEXT, "en_from": Str(re.compile(r"[0-9a-f]{8}\Z"), expected="8 hex digits")},
           {"level": Int(0, 4), "responsible": ListOf(Str(ID, expected="a department id"), 1)})

# A target the policy sets for a place (not something anyone can claim): shown on its page.
TARGET = Map({"id": Str(ID, expected="a target id"), "clause": Str(ID, expected="a text unit id"), "quote": TEXT,
              "title": TITLE, "by": TITLE}, {"at_least_percent": Int(0, 100)})

DATE = Map({"date": Nullable(Date())}, {"note": BILINGUAL})
PLACE_PART = Map({"zh": PLAIN, "en": PLAIN, "code": Str(re.compile(r"\d{6}\Z"), expected="a 6-digit GB/T 2260 code")})
DOC_REF = Map({"title": TITLE}, {"document_number": Nullable(PLAIN), "policy": Str(ID, expected="a policy id"),
                                 "note": BILINGUAL})

POLICY = Map(
    {"id": Str(ID, expected="a policy id"), "title": TITLE, "short_title": TITLE,
     "document_number": Nullable(PLAIN), "issuers": ListOf(TITLE, 1),
     "place": Map({"province": PLACE_PART}, {"city": PLACE_PART, "district": PLACE_PART}),
     "dates": Map({"issued": DATE, "effective": DATE, "expires": DATE}),
     "status": Enum("in_force", "draft", "repealed", "superseded", "expired"),
     "summary": BILINGUAL,
     "source": Map({"file": Str(expected="a file name in sources/"), "sha256": Str(re.compile(r"[0-9a-f]{64}\Z"), expected="a sha256")},
                   {"url": Url(), "corrections": ListOf(Map({"find": TEXT, "replace": AnyText(), "reason": BILINGUAL}))}),
     "reviewed_on": Date(),
     "text": ListOf(UNIT, 1), "benefits": ListOf(BENEFIT), "examples": ListOf(EXAMPLE, 1)},
    {"document_number_note": BILINGUAL, "status_note": BILINGUAL, "also": ListOf(POLICY_ALSO), "repeals": ListOf(DOC_REF),
     "superseded_by": DOC_REF, "groups": ListOf(GROUP), "implements": ListOf(DOC_REF),
     "not_claimable": ListOf(NOT_CLAIMABLE), "targets": ListOf(TARGET),
     "departments": MapOf(TITLE, key=Str(ID, expected="a department id"))},
)

FACT_SPEC = Map({"type": Enum("choice", "boolean", "integer", "money"), "label": TITLE},
           {"help": BILINGUAL, "unit": TITLE, "min": Int(0), "max": Int(1), "choices": MapOf(TITLE, key=Str(FACT, expected="a choice id (snake_case)")),
            # A fact that only looks like another one: how it differs (both must exist).
            "differs_from": MapOf(BILINGUAL, key=FACT_ID)})

FACTS = MapOf(FACT_SPEC, key=FACT_ID)
