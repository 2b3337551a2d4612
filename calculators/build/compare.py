"""Comparisons across places: the same kind of benefit side by side, and the same person
(a persona: a common situation stated as answers) evaluated against every policy.

Every figure here comes from the engine (``runtime.engine.evaluate``) or from the vocabulary's
own wording of a rule (``describe``, ``schedules.describe``); nothing is computed beside them.
Runs at build time (CPython); the pages are static.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from ..runtime import conditions, describe, engine, schedules, words
from ..runtime.forms import split
from . import checks, derived, places, schema
from . import compile as rules
from .kinds import KINDS
from .problems import Problem

PERSONAS = "personas.yaml"

PERSONA = schema.Map({"id": schema.Str(schema.ID, expected="a persona id"), "title": schema.TITLE,
                      "summary": schema.BILINGUAL, "facts": schema.MapOf(schema.Scalar(), key=schema.FACT_ID)})
PERSONA_FILE = schema.ListOf(PERSONA, 1)

LEVEL_NAMES = ("province", "city", "district")


def load_personas(rules_dir: Path, dictionary: dict):
    """``(personas, problems)`` from ``rules/personas.yaml`` (none if the file is absent). Each
    answer must be a fact of the dictionary and one of its values, as in a worked example."""
    path = rules_dir / PERSONAS
    if not path.exists():
        return [], []
    data, positions, problems = rules._read(path, PERSONA_FILE, rules_dir)
    if data is None or problems:
        return [], problems
    name = rules._display(path, rules_dir)
    found = []
    seen = set()
    for i, persona in enumerate(data):
        if persona["id"] in seen:
            found.append(((i, "id"), f"duplicate persona id '{persona['id']}'"))
        seen.add(persona["id"])
        if "applicant" not in persona["facts"]:
            found.append(((i, "facts"), "a persona must say who is asking (applicant)"))
        for fact_id, value in persona["facts"].items():
            here = (i, "facts", fact_id)
            if fact_id not in dictionary:
                found.append((here, f"unknown fact '{fact_id}'" + schema._suggest(fact_id, dictionary)))
            else:
                checks._value(dictionary[fact_id], fact_id, value, here, lambda p, m: found.append((p, m)))
    problems += [Problem(name, *positions.at(p), ".".join(map(str, p)), m) for p, m in found]
    return (data if not problems else []), problems


# ---------------------------------------------------------------- a place and a policy in words

def place_name(policy) -> dict:
    """The policy's place, from the province down: "江苏省 · 苏州市 · 昆山市"."""
    parts = [policy["place"][k] for k in LEVEL_NAMES if k in policy["place"]]
    return {lang: " · ".join(p[lang] for p in parts) for lang in ("zh", "en")}


def by_place(policies):
    """Province by province; within one, the province's own policy first, then the most local."""
    return sorted(policies, key=lambda p: (places.chain(p)[0], places.level(p), places.chain(p), p["id"]))


def condition_words(cond, policy) -> dict:
    """A condition in words, in both languages (the forms' own wording, joined)."""
    form, value = split(conditions.FORMS, cond)
    if form.key in ("all", "any"):
        parts = [condition_words(c, policy) for c in value]
        if form.key == "all":
            return {"zh": "；".join(p["zh"] for p in parts), "en": "; ".join(p["en"] for p in parts)}
        return {"zh": "以下之一：" + "／".join(p["zh"] for p in parts), "en": "one of: " + " / ".join(p["en"] for p in parts)}
    if form.key == "not":
        inner = condition_words(value, policy)
        return {"zh": f"并非（{inner['zh']}）", "en": f"not ({inner['en']})"}
    if form.key == "eligible_for":  # the trace's own wording of this step
        title = next(b["title"] for b in policy["benefits"] if b["id"] == value)
        return form.explain({"title": title}, policy["facts"])
    return form.describe(cond, policy["facts"])


# ---------------------------------------------------------------- one page per kind of benefit

def kind_rows(policies, terms=None) -> dict[str, list[dict]]:
    """kind -> one row per benefit of that kind, place by place. ``terms``: policy id ->
    ``derived.terms`` of it, if the caller has made them already."""
    rows: dict = {k: [] for k in KINDS}
    for p in by_place(policies):
        choices = p["facts"]["applicant"]["choices"]
        made = terms[p["id"]] if terms is not None else derived.terms(rules.for_browser(p))
        for b in p["benefits"]:
            term, total = made[b["id"]]
            rows[b["kind"]].append({
                "policy": p, "benefit": b, "place": place_name(p), "level": places.level(p),
                "recipients": [choices[r] for r in b["recipients"]],
                "amount": describe.benefit_amount(b, p["facts"]),
                "schedule": schedules.describe(b["schedule"], p["facts"]) if "schedule" in b else None,
                "term": term, "total": total,
                "conditions": [condition_words(c, p) for c in b.get("conditions", [])],
            })
    return rows


def answers(facts: dict, dictionary: dict, within=None) -> list[tuple]:
    """(the fact, the answer in words) for each answer of a persona; ``within``: only the facts a
    policy reads, leaving out who is asking."""
    return [(dictionary[k], words.fact_value(dictionary[k], v)) for k, v in facts.items()
            if within is None or (k in within and k != "applicant")]


# ---------------------------------------------------------------- personas against every policy

def persona_table(persona, policies, dictionary) -> list[dict]:
    """For each policy, place by place: what the persona's answers give, benefit by benefit.

    A benefit ruled out is left out; one the answers do not decide is kept with the facts it
    still needs and the range it could pay. The total is the engine's: eligible cash only."""
    out = []
    for p in by_place(policies):
        facts = {k: v for k, v in persona["facts"].items() if k in p["facts"]}
        result = engine.evaluate(p, facts)
        used = answers(persona["facts"], dictionary, within=p["facts"])
        rows = []
        for r in result["benefits"]:
            if r["status"] == "not_eligible":
                continue
            rows.append({"result": r, "missing": [p["facts"][f]["label"] for f in r["missing"]]})
        out.append({"policy": p, "place": place_name(p), "level": places.level(p), "rows": rows,
                    "totals": result["totals"], "used": used,
                    "cash": any(r["status"] == "eligible" and r["form"] == "cash" and r["amount"] for r in result["benefits"])})
    return out


# ---------------------------------------------------------------- a static bar chart

def bar_chart(table, lang: str, title: str, labels: dict) -> str:
    """An SVG bar chart of each policy's total (eligible cash, from the engine): each place's name
    and figure on a line, its bar beneath, solid to the sure amount and lighter to the top of a
    band. Drafts are hatched and labelled. Narrow enough to stay legible on a phone. One chart per
    page (the hatching pattern's id is fixed); colours come from the style sheet; every text is
    escaped. The page shows the same figures as a table."""
    top = max([t["totals"]["hi"] for t in table if t["cash"]] + [1])
    width, row, bar_h = 360, 46, 14
    height = len(table) * row + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="persona-chart" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{labels["id"]}-title {labels["id"]}-desc">',
           f'<title id="{labels["id"]}-title">{escape(title)}</title>',
           f'<desc id="{labels["id"]}-desc">{escape(labels["desc"])}</desc>',
           '<defs><pattern id="chart-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
           '<rect width="6" height="6" class="chart-draft-bg"/><line x1="0" y1="0" x2="0" y2="6" class="chart-draft-line"/></pattern></defs>']
    for i, t in enumerate(table):
        y = i * row + 2
        tot = t["totals"] if t["cash"] else {"lo": 0, "hi": 0}
        draft = t["policy"]["status"] == "draft"
        name = own_place(t["policy"])[lang] + ((f" ({labels['draft']})" if lang == "en" else f"（{labels['draft']}）") if draft else "")
        out.append(f'<text x="0" y="{y + 14}" class="chart-label">{escape(name)}{"：" if lang == "zh" else ": "}'
                   f'<tspan class="chart-value">{escape(chart_value(t, lang, labels))}</tspan></text>')
        sure, band = tot["lo"] * (width - 2) / top, (tot["hi"] - tot["lo"]) * (width - 2) / top
        out.append(f'<rect x="1" y="{y + 21}" width="{max(sure, 1):.1f}" height="{bar_h}" class="{"chart-draft" if draft else "chart-bar"}"/>')
        if band > 0:
            out.append(f'<rect x="{1 + sure:.1f}" y="{y + 21}" width="{band:.1f}" height="{bar_h}" class="chart-band"/>')
    out.append("</svg>")
    return "".join(out)


def own_place(policy) -> dict:
    """The policy's own place: the district, else the city, else the province."""
    return next(policy["place"][k] for k in reversed(LEVEL_NAMES) if k in policy["place"])


def chart_value(t, lang: str, labels: dict) -> str:
    """A bar's label: the engine's total of eligible cash, and how many recurring payments with no
    end date it leaves out (their yearly or monthly amount is in the policy's table)."""
    if not t["cash"]:
        return labels["none"]
    tot = t["totals"]
    text = words.interval(tot["lo"], tot["hi"], upto=True)[lang]
    n = len(tot.get("open_ended", []))
    return text + (labels["open"].replace("{n}", str(n)) if n else "")

