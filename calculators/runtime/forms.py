"""The words of the rule language, and what every word has in common.

A *form* is one word: an amount node (``{percent: {rate: 60, of: ...}}``), a condition
(``{fact: F, at_least: 10}``) or the schedule. Each form is declared once, as a subclass of
``Form`` in ``amounts``, ``conditions`` or ``schedules``:

* ``fields``: its fields and their types (below). From these the build side derives the
  schema (``build/schema.py``), the checks (every number stated in the quote, every fact of
  the right type, every choice real), the facts a rule reads, and the reference table in
  ``docs/rule-format.md``;
* ``evaluate``: how it computes, for the engine;
* ``describe`` and ``explain``: how it reads in zh and en, before any answer (the benefit
  tables) and as a step of the trace.

A new word is a new class in one of those modules, plus its tests and an example in the
format document. Standard library only: this runs in the browser (Pyodide) too.
"""

from __future__ import annotations

# ---------------------------------------------------------------- field types
# A field type is a short string; a name ending in "?" is optional. A dict is a nested mapping.

MONEY = "money"                # whole 元, stated in the quote
COUNT = "count"                # a whole number of at least 1, stated in the quote
PERCENT = "percent"            # a whole percentage, stated in the quote
THRESHOLD = "threshold"        # a whole number a fact is compared with, stated in the quote
BAND = "band"                  # [low, high] of 元, both stated, low < high
MONEY_OR_AMOUNT = "money|amount"
AMOUNT = "amount"              # another amount node
AMOUNTS = "amounts"            # a list of two or more amount nodes
CASES = "cases"                # {a choice of this form's fact: amount node}
ANSWER = "answer"              # a value of this form's fact (true/false, or one of its choices)
ANSWERS = "answers"            # a list of such values
CONDITION = "condition"
CONDITIONS = "conditions"      # a list of one or more conditions
ALTERNATIVES = "alternatives"  # a list of two or more conditions
BENEFIT = "benefit"            # the id of another benefit of the same policy
PERIOD = "period"              # year | month | claim | person (the scope of a cap)
EVERY = "every"                # once | month | year | instalments

NUMBER_TYPES = (MONEY, COUNT, PERCENT, THRESHOLD)


def fact(*kinds: str) -> str:
    """A fact id whose type is one of ``kinds`` (choice, boolean, integer, money)."""
    return "fact:" + "|".join(kinds)


def fact_kinds(field_type) -> tuple | None:
    if isinstance(field_type, str) and field_type.startswith("fact:"):
        return tuple(field_type[5:].split("|"))
    return None


class Form:
    """One word of the rule language. Subclasses set the class attributes and methods."""
    key = ""          # the YAML key that names it
    fields: dict = {}  # name -> type; for a form whose value is not a mapping, use `arg`
    arg = None        # the type of the value itself ({yuan: 500}, {sum: [...]})
    whole = False     # a condition on a fact: the fields sit beside the key ({fact: F, at_least: 3})
    example = ""      # YAML, for the reference table
    meaning = ""      # the wording in the texts that it encodes

    def evaluate(self, arg, ctx):  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self, arg, facts: dict) -> dict:  # pragma: no cover - interface
        raise NotImplementedError

    def explain(self, step: dict, facts: dict) -> dict:  # pragma: no cover - interface
        raise NotImplementedError


def register(*forms_) -> dict:
    """``{key: instance}`` in declaration order, from form classes or instances (a family of forms)."""
    made = [f() if isinstance(f, type) else f for f in forms_]
    return {f.key: f for f in made}


def parts(form: Form, value):
    """``(path, type, item)`` for each field present in a node's value, nested mappings flattened."""
    if form.arg is not None:
        yield (), form.arg, value
        return
    yield from _fields(form.fields, value, ())


def _fields(fields: dict, value, path):
    if not isinstance(value, dict):
        return
    for name, kind in fields.items():
        key = name.rstrip("?")
        if key in value:
            if isinstance(kind, dict):
                yield from _fields(kind, value[key], path + (key,))
            else:
                yield path + (key,), kind, value[key]


def walk(vocabulary: dict, node, path=()):
    """Every ``(path, form, value)`` in a tree of nodes of one vocabulary, parents first.

    Children are the fields typed AMOUNT, AMOUNTS, MONEY_OR_AMOUNT (as a node), CASES,
    CONDITION, CONDITIONS and ALTERNATIVES. ``path`` points at the node's value."""
    form, value = split(vocabulary, node)
    if form is None:
        return
    here = path if form.whole else path + (form.key,)
    yield here, form, value
    for sub, kind, item in parts(form, value):
        for child_path, child in _children(kind, item, here + sub):
            yield from walk(vocabulary, child, child_path)


def _children(kind, item, path):
    if kind in (AMOUNT, CONDITION) or (kind == MONEY_OR_AMOUNT and isinstance(item, dict)):
        yield path, item
    elif kind in (AMOUNTS, CONDITIONS, ALTERNATIVES) and isinstance(item, list):
        for i, n in enumerate(item):
            yield path + (i,), n
    elif kind == CASES and isinstance(item, dict):
        for choice, n in item.items():
            yield path + (choice,), n


def split(vocabulary: dict, node):
    """``(form, value)`` of one node, or ``(None, None)`` when it names no known form."""
    if not isinstance(node, dict):
        return None, None
    keys = [k for k in node if k in vocabulary]
    if len(keys) != 1:
        return None, None
    form = vocabulary[keys[0]]
    return form, (node if form.whole else node[keys[0]])


def numbers(vocabulary: dict, node, path=()):
    """``(path, n)`` for every number written in a tree: each must be stated in the quote."""
    for here, form, value in walk(vocabulary, node, path):
        for sub, kind, item in parts(form, value):
            if kind in NUMBER_TYPES or (kind == MONEY_OR_AMOUNT and not isinstance(item, dict)):
                if isinstance(item, int) and not isinstance(item, bool):
                    yield here + sub, item
            elif kind == BAND and isinstance(item, list):
                yield from ((here + sub + (i,), n) for i, n in enumerate(item) if isinstance(n, int))


def facts(vocabulary: dict, node, path=()):
    """``(path, fact id, allowed kinds)`` for every fact a tree reads, in order."""
    for here, form, value in walk(vocabulary, node, path):
        for sub, kind, item in parts(form, value):
            kinds = fact_kinds(kind)
            if kinds:
                yield here + sub, item, kinds


def fact_ids(vocabulary: dict, node):
    for _, fact_id, _ in facts(vocabulary, node):
        yield fact_id
