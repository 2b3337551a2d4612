"""Skilled-talent policy rules: load and check rule files, and evaluate them for a person's facts.

Public API (the evaluation part is standard library only, so it runs unchanged in Pyodide):

    evaluate(policy, facts)      -> per-benefit status, amount, schedule, caps, missing facts, trace
    parse_inputs(facts, raw)     -> typed facts and bilingual messages for bad entries
    run_examples(policy)         -> a policy's worked examples, compared with the engine

Loading rule files needs PyYAML and lives in ``calculators.compile`` (CPython only).
"""

from .engine import evaluate
from .examples import run as run_examples
from .inputs import parse as parse_inputs

__all__ = ["evaluate", "parse_inputs", "run_examples"]
