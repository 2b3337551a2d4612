"""The trace as data, in words: one function turns a step into zh and en.

A step is a dict: ``kind`` (check, calc, cap), ``form`` (the word of the rule language that
made it), ``ok``, ``clause``, and the values it read or computed (``fact``, ``expected``,
``answer``, ``result``, ...). Each form says how its own steps read (``Form.explain``);
the steps the engine itself makes (who receives it, nothing to pay, not cumulative) read here.

Standard library only: this module runs in the browser (Pyodide) too.
"""

from __future__ import annotations

from . import amounts, conditions, schedules, words


def _recipients(s, facts):
    names = [words.fact_value(facts["applicant"], r) for r in s["expected"]]
    return {"zh": "发放对象：" + "、".join(n["zh"] for n in names),
            "en": "Paid or granted to: " + ", ".join(n["en"] for n in names)}


_ENGINE = {
    "recipient": _recipients,
    "nothing": lambda s, facts: {"zh": "按您的回答，本项可得金额为0", "en": "with your answers this provision pays nothing"},
    "highest_only": lambda s, facts: {"zh": f"不重复享受：只发放其中金额最高的一项（“{s['title']['zh']}”）",
                                      "en": f"Not cumulative: only the highest of these is paid (“{s['title']['en']}”)"},
}


_FORMS = {**amounts.FORMS, **conditions.FORMS, **schedules.FORMS}  # keys are unique across the three


def render(step: dict, facts: dict) -> dict:
    """The step with its wording added (``zh``, ``en``)."""
    if step["form"] in _ENGINE:
        text = _ENGINE[step["form"]](step, facts)
    else:
        text = _FORMS[step["form"]].explain(step, facts)
    return dict(step, zh=text["zh"], en=text["en"])
