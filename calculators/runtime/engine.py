"""``evaluate(policy, facts)``: pure, no I/O, standard library only (it runs in Pyodide too).

``policy`` is a compiled policy (see ``calculators.build.compile``): plain JSON-able data with
the facts it uses embedded. ``facts`` maps fact ids to typed values (int, bool, choice
string); an absent fact is "not answered yet".

For each benefit the result says:
    status      "eligible" | "not_eligible" | "unknown" (the answers so far do not decide it)
    amount      {"lo", "hi"} in 元 per payment, or None. Exact when lo == hi, "up to" when lo == 0;
                while answers are missing, "hi": None means "at least lo"
    total       {"lo", "hi"} over the whole schedule, or None (open-ended or no amount)
    caps        the caps that were checked, and whether each one cut the amount
    missing     the facts whose answer could still change this result, in the order to ask them
    ask         the part of ``missing`` to ask now: who is asking; else the first unanswered fact
                of the first undecided condition; else the amount's (``interview`` shows these)
    trace       steps as data (kind, form, fact, expected, answer, ok, computed values, clause),
                each with its wording in zh and en (``steps.render``; with ``explain=False``,
                the steps as data only: the build needs no wording for what it derives)
    superseded_by   set when a non-duplication rule pays another benefit instead
    departments the departments the benefit's clause names as responsible (责任单位), if any
"""

from __future__ import annotations

from . import amounts, conditions, schedules, steps, words


class _Context:
    def __init__(self, policy, facts, result, clause):
        self.facts = facts
        self.facts_meta = policy["facts"]
        self.result = result  # another benefit's result, evaluated on first use ("再…")
        self.clause = clause
        self.trace = []
        self.caps = []
        self.missing = []

    def fact(self, fact_id):
        value = self.facts.get(fact_id)
        if value is None:
            self.needs([fact_id])
        return value

    def meta(self, fact_id):
        return self.facts_meta[fact_id]

    def needs(self, fact_ids):
        self.missing.extend(f for f in fact_ids if f not in self.missing)

    def mark(self) -> int:
        return len(self.missing)

    def release(self, mark: int):
        """The facts asked for since ``mark`` can no longer change the result."""
        del self.missing[mark:]

    def check(self, form, ok, **values):
        """A condition tested: ok is True (met), False (not met) or None (not answered)."""
        self.trace.append(dict(values, kind="check", form=form, ok=ok, clause=self.clause))

    def calc(self, form, **values):
        """A step of arithmetic on the amount or the schedule."""
        self.trace.append(dict(values, kind="calc", form=form, ok=None, clause=self.clause))

    def cap(self, form, **values):
        step = dict(values, kind="cap", form=form, ok=None, clause=self.clause)
        self.trace.append(step)
        self.caps.append({"max": values["max"], "per": values["per"], "applied": values["applied"],
                          "text": amounts.FORMS["cap"].wording(values["max"], values["per"])})


def evaluate(policy: dict, facts: dict, explain: bool = True) -> dict:
    facts = {k: v for k, v in facts.items() if v is not None and k in policy["facts"]}
    by_id = {b["id"]: b for b in policy["benefits"]}
    also = [{"zh": a["zh"], "en": a["en"]} for a in policy.get("also", [])]  # on every benefit
    results: dict = {}

    def run(benefit_id):  # the checker refuses cycles of eligible_for, so this terminates
        if benefit_id not in results:
            results[benefit_id] = _benefit(by_id[benefit_id], policy, facts, run, also)
        return results[benefit_id]

    ordered = [run(b["id"]) for b in policy["benefits"]]
    for group in policy.get("groups", []):
        _apply_group(group, results)
    for r in ordered if explain else ():
        r["trace"] = [steps.render(s, policy["facts"]) for s in r["trace"]]
    return {
        "policy": policy["id"],
        "policy_status": policy.get("status"),
        "benefits": ordered,
        "totals": _totals(ordered),
        "missing": _union(r["missing"] for r in ordered),
    }


def _benefit(benefit, policy, facts, result, also):
    ctx = _Context(policy, facts, result, benefit["clause"])
    ok = _recipient(benefit, ctx)
    ask = list(ctx.missing) if ok is None else None
    for cond in benefit.get("conditions", []):
        mark = ctx.mark()
        r = conditions.evaluate(cond, ctx)
        if r is None and ask is None:
            ask = ctx.missing[mark:][:1]
        ok = False if (ok is False or r is False) else (None if (ok is None or r is None) else True)
    if ok is False:
        ctx.missing.clear()  # nothing can change a refusal
    amount = total = None
    node, schedule = benefit.get("amount"), benefit.get("schedule")
    if node is not None and ok is not False:
        amount = amounts.evaluate(node, ctx)
        payments = schedules.payments(schedule, ctx)
        if payments is not None:
            total = (amount[0] * payments[0], None if amount[1] is None else amount[1] * payments[1])
        if amount[1] == 0 or (total is not None and total[1] == 0):
            ctx.check("nothing", ok=False)
            ok = False
            ctx.missing.clear()
    if ok is False:
        status = "not_eligible"
    elif ok is None or ctx.missing:
        status = "unknown"
    else:
        status = "eligible"
    per = _pair(amount) if status != "not_eligible" else None
    total = _pair(total) if status != "not_eligible" else None
    return {
        "id": benefit["id"],
        "title": benefit["title"],
        "clause": benefit["clause"],
        "clause_label": policy.get("labels", {}).get(benefit["clause"]),
        "status": status,
        "form": benefit["form"],
        "amount": per,
        "total": total,
        "schedule": schedule,
        "text": _wording(benefit, per, total, policy["facts"]),
        "also": benefit.get("also", []) + also,
        "notes": benefit.get("notes", []),
        "departments": benefit.get("departments", []),  # responsible, as the clause names them
        "caps": ctx.caps,
        "missing": list(ctx.missing) if status == "unknown" else [],
        "ask": ([f for f in ask or () if f in ctx.missing] or list(ctx.missing)) if status == "unknown" else [],
        "trace": ctx.trace,
        "superseded_by": None,
    }


def _pair(interval):
    return None if interval is None else {"lo": interval[0], "hi": interval[1]}


def _wording(benefit, per, total, facts):
    """The result in words, so that the browser never formats money itself."""
    def shown(i):
        return None if i is None or (i["lo"] == 0 and i["hi"] is None) else words.interval(i["lo"], i["hi"], upto=True)
    return {
        "amount": shown(per),
        "total": shown(total),
        "schedule": schedules.describe(benefit["schedule"], facts) if "schedule" in benefit else None,
        "unstated": benefit.get("amount_unstated"),
    }


def _recipient(benefit, ctx):
    applicant = ctx.fact("applicant")
    ok = None if applicant is None else applicant in benefit["recipients"]
    ctx.check("recipient", expected=benefit["recipients"], answer=applicant, ok=ok)
    return ok


def _apply_group(group, results):
    """Non-duplication ("不重复享受", "按上限资助"): of the options payable, only the highest is paid.

    An option is one benefit, or a list of benefits paid together (a living subsidy and a
    housing subsidy granted in one sentence): it is worth the sum of its members."""
    options = [[m] if isinstance(m, str) else m for m in group["benefits"]]
    payable = [[results[b] for b in o if results[b]["status"] == "eligible"] for o in options]
    payable = [o for o in payable if o]
    if len(payable) < 2:
        return

    def worth(option):
        values = [r["total"] or r["amount"] or {"lo": 0, "hi": 0} for r in option]
        return sum(v["hi"] for v in values), sum(v["lo"] for v in values)
    best = max(payable, key=worth)
    for option in payable:
        if option is best:
            continue
        for r in option:
            r.update(status="not_eligible", amount=None, total=None, superseded_by=best[0]["id"], missing=[], ask=[],
                     text=dict(r["text"], amount=None, total=None))
            r["trace"].append({"kind": "check", "form": "highest_only", "ok": False, "clause": group["clause"],
                               "benefit": best[0]["id"], "title": best[0]["title"]})


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
    text = words.interval(lo, hi, upto=True)
    if open_ended:
        n = len(open_ended)
        text = {"zh": f"{text['zh']}，另有{n}项按期发放、未定期限的补贴未计入",
                "en": f"{text['en']}, plus {n} recurring payment{'s' if n != 1 else ''} with no end date, not counted"}
    return {"lo": lo, "hi": hi, "text": text, "open_ended": open_ended,
            "eligible": [r["id"] for r in results if r["status"] == "eligible"]}


def _union(lists):
    out = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out
