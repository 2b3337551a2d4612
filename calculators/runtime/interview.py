"""One situation, every policy that covers a place: which questions to ask, and the results.

Standard library only (it runs in Pyodide). The engine says, for each benefit, which facts
could still change it (``missing``) and which of them to ask now (``ask``: who is asking, then
the first undecided condition, then the amount). A question is shown while a benefit that is
not yet ruled out asks it, or once it is answered (so that it can be changed); always in one
stable order, the same for every visitor to the place.
"""

from __future__ import annotations

from . import amounts, conditions, forms, schedules
from .engine import evaluate
from .inputs import parse


def trees(benefit, path=()):
    """``(vocabulary, node, path)`` for each tree of the rule language in a benefit."""
    for i, c in enumerate(benefit.get("conditions", [])):
        yield conditions.FORMS, c, path + ("conditions", i)
    if "amount" in benefit:
        yield amounts.FORMS, benefit["amount"], path + ("amount",)
    if "schedule" in benefit:
        yield schedules.FORMS, benefit["schedule"], path + ("schedule",)


def facts_of(benefit):
    """Every fact a benefit reads (conditions, then amount, then schedule), in order."""
    for vocabulary, node, _ in trees(benefit):
        yield from forms.fact_ids(vocabulary, node)


def reads(policy) -> tuple[list[str], list[str]]:
    """The facts one policy reads: ``(in its conditions, in its amounts and schedules only)``,
    each in the document's order. ``order`` merges them; a caller that orders many sets of
    policies (one per place) can make each policy's once and pass them to ``merge``."""
    conditions_read, amounts_read = [], []
    for b in policy["benefits"]:
        for vocabulary, node, where in trees(b):
            into = conditions_read if where[0] == "conditions" else amounts_read
            for f in forms.fact_ids(vocabulary, node):
                if f not in into:
                    into.append(f)
    return conditions_read, [f for f in amounts_read if f not in conditions_read]


def merge(each: list[tuple[list[str], list[str]]]) -> list[str]:
    """``order`` of policies from their ``reads``, in the order given."""
    conditions_read = dict.fromkeys(["applicant"] + [f for c, _ in each for f in c])
    return list(conditions_read) + list(dict.fromkeys(f for _, a in each for f in a if f not in conditions_read))


def order(policies) -> list[str]:
    """Every question of these policies, in the order to show them: who is asking; the facts
    that conditions read; then those that only amounts and schedules read. Within each, the
    policies in the order given (the most local first) and each document's own order."""
    return merge([reads(p) for p in policies])


def concerns(policies, applicant) -> set[str]:
    """The facts any benefit for this applicant reads."""
    return {f for p in policies for b in p["benefits"] if applicant in b["recipients"] for f in facts_of(b)}


def questions(policies, results, facts, ordered=None) -> list[str]:
    """The questions to show: who is asking, what a benefit not yet ruled out asks now, and
    every answered question that still concerns the applicant."""
    shown = {"applicant"} | {f for r in results for b in r["benefits"] for f in b["ask"]}
    if "applicant" in facts:
        shown |= set(facts) & concerns(policies, facts["applicant"])
    return [f for f in (ordered or order(policies)) if f in shown]


def run(policies, raw: dict, ordered=None, explain=True) -> dict:
    """Raw answers (strings, as typed) -> ``{errors, results, questions}``. ``ordered``:
    ``order(policies)``, when the caller keeps it (the browser evaluates many times);
    ``explain``: as ``engine.evaluate``'s.

    With any bad entry there are no results (never a number from bad input) and no questions
    (the page keeps those it shows)."""
    meta = {f: m for p in policies for f, m in p["facts"].items()}
    facts, errors = parse(meta, raw)
    if errors:
        return {"errors": errors, "results": [], "questions": None}
    results = [evaluate(p, facts, explain) for p in policies]
    return {"errors": {}, "results": results, "questions": questions(policies, results, facts, ordered)}
