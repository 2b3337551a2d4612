"""``evaluate(policy, facts)``: pure, no I/O, standard library only (it runs in Pyodide too).

``policy`` is a compiled policy (see ``calculators.compile``): plain JSON-able data with
the facts it uses embedded. ``facts`` maps fact ids to typed values (int, bool, choice
string); an absent fact is "not answered yet" and makes dependent results "unknown".

For each benefit the result says:
    status      "eligible" | "not_eligible" | "unknown"
    amount      {"lo", "hi"} in 元 per payment (exact when lo == hi; "up to" when lo == 0), or None
    total       {"lo", "hi"} over the whole schedule, or None (open-ended or no amount)
    caps        the caps that were checked, and whether each one cut the amount
    missing     facts that still need an answer
    trace       steps ({"zh", "en", "ok"}), each tied to the benefit's clause
    superseded_by   set when a non-duplication rule pays another benefit instead
"""

from __future__ import annotations

from . import amounts, conditions, words


class _Context:
    def __init__(self, policy, facts, results):
        self.facts = facts
        self.facts_meta = policy["facts"]
        self.results = results
        self.trace = []
        self.caps = []
        self._missing = []

    def step(self, text, ok=None):
        """A check of a condition: ok is True (met), False (not met) or None (not answered)."""
        self.trace.append({"zh": text["zh"], "en": text["en"], "ok": ok, "kind": "check"})

    def calc(self, text):
        """A step of arithmetic on the amount."""
        self.trace.append({"zh": text["zh"], "en": text["en"], "ok": None, "kind": "calc"})

    def missing(self, fact_id):
        if fact_id not in self._missing:
            self._missing.append(fact_id)


def evaluate(policy: dict, facts: dict) -> dict:
    facts = {k: v for k, v in facts.items() if v is not None and k in policy["facts"]}
    by_id = {b["id"]: b for b in policy["benefits"]}
    results: dict = {}

    def run(benefit_id):
        if benefit_id not in results:
            for dep in _dependencies(by_id[benefit_id]):
                run(dep)
            results[benefit_id] = _benefit(by_id[benefit_id], policy, facts, results)
        return results[benefit_id]

    ordered = [run(b["id"]) for b in policy["benefits"]]
    for group in policy.get("groups", []):
        _apply_group(group, results, policy)
    return {
        "policy": policy["id"],
        "benefits": ordered,
        "totals": _totals(ordered),
        "missing": _union(r["missing"] for r in ordered),
    }


def _dependencies(benefit):
    stack = list(benefit.get("conditions", []))
    while stack:
        c = stack.pop()
        if "eligible_for" in c:
            yield c["eligible_for"]
        stack.extend(c.get("all", []) + c.get("any", []) + ([c["not"]] if "not" in c else []))


def _benefit(benefit, policy, facts, results):
    ctx = _Context(policy, facts, results)
    ok = _recipient(benefit, ctx)
    for cond in benefit.get("conditions", []):
        r = conditions.evaluate(cond, ctx)
        ok = False if (ok is False or r is False) else (None if (ok is None or r is None) else True)
    amount = None
    node = benefit.get("amount")
    if node is not None and ok is not False:
        amount = amounts.evaluate(node, ctx)
        if amount is not None and amount[1] == 0:
            ctx.step({"zh": "按您的回答，本项可得金额为0", "en": "with your answers this provision pays nothing"}, False)
            ok = False
    if ok is False:
        status = "not_eligible"
    elif ok is None or (node is not None and amount is None):
        status = "unknown"
    else:
        status = "eligible"
    per = {"lo": amount[0], "hi": amount[1]} if amount and status != "not_eligible" else None
    total = _total(per, benefit["schedule"]) if per else None
    return {
        "id": benefit["id"],
        "title": benefit["title"],
        "clause": benefit["clause"],
        "status": status,
        "form": benefit["form"],
        "amount": per,
        "total": total,
        "schedule": benefit.get("schedule"),
        "text": _wording(benefit, per, total),
        "also": benefit.get("also", []),
        "notes": benefit.get("notes", []),
        "caps": ctx.caps,
        "missing": ctx._missing if status == "unknown" else [],
        "trace": [dict(step, clause=benefit["clause"]) for step in ctx.trace],
        "superseded_by": None,
    }


def _wording(benefit, per, total):
    """The result in words, so that the browser never formats money itself."""
    return {
        "amount": words.interval(per["lo"], per["hi"], upto=True) if per else None,
        "total": words.interval(total["lo"], total["hi"], upto=True) if total else None,
        "schedule": words.schedule(benefit["schedule"]) if "schedule" in benefit else None,
        "unstated": benefit.get("amount_unstated"),
    }


def _recipient(benefit, ctx):
    applicant = ctx.facts.get("applicant")
    allowed = benefit["recipients"]
    meta = ctx.facts_meta["applicant"]
    names = [words.fact_value(meta, r) for r in allowed]
    text = {"zh": "发放对象：" + "、".join(n["zh"] for n in names),
            "en": "Paid or granted to: " + ", ".join(n["en"] for n in names)}
    if applicant is None:
        ctx.missing("applicant")
        ctx.step(text, None)
        return None
    ok = applicant in allowed
    ctx.step(text, ok)
    return ok


def periods(schedule: dict):
    """How many payments a schedule makes at most, or None when open-ended or a single sum."""
    every = schedule["every"]
    limit = schedule.get("for_at_most")
    if every in ("once", "instalments") or not limit:
        return None
    if every == "month":
        return limit.get("months") or limit["years"] * 12
    return limit.get("years") or limit["months"] // 12


def _total(per, schedule):
    if schedule["every"] in ("once", "instalments"):
        return dict(per)
    n = periods(schedule)
    return None if n is None else {"lo": per["lo"] * n, "hi": per["hi"] * n}


def _apply_group(group, results, policy):
    """Non-duplication ("不重复享受", "按上限资助"): of the members payable, only the highest is paid."""
    payable = [results[m] for m in group["benefits"] if results[m]["status"] == "eligible"]
    if len(payable) < 2:
        return
    best = max(payable, key=lambda r: ((r["total"] or r["amount"] or {"hi": 0})["hi"],
                                       (r["total"] or r["amount"] or {"lo": 0})["lo"]))
    title = best["title"]
    for r in payable:
        if r is best:
            continue
        r.update(status="not_eligible", amount=None, total=None, superseded_by=best["id"],
                 text=dict(r["text"], amount=None, total=None))
        r["trace"].append({"zh": f"不重复享受：只发放其中金额最高的一项（“{title['zh']}”）",
                           "en": f"Not cumulative: only the highest of these is paid (“{title['en']}”)",
                           "ok": False, "kind": "check", "clause": group["clause"]})


def _totals(results):
    lo = hi = 0
    open_ended = []
    for r in results:
        # Only cash adds up: a credit line, a tax credit or training in kind is not money paid.
        if r["status"] != "eligible" or r["amount"] is None or r["form"] != "cash":
            continue
        if r["total"] is None:
            open_ended.append(r["id"])
            continue
        lo += r["total"]["lo"]
        hi += r["total"]["hi"]
    return {"lo": lo, "hi": hi, "text": words.interval(lo, hi, upto=True), "open_ended": open_ended,
            "eligible": [r["id"] for r in results if r["status"] == "eligible"]}


def _union(lists):
    out = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out
