"""Skilled-talent policy rules: load and check rule files, and evaluate them for a person's facts.

    calculators.runtime   what runs in the browser too (standard library only): the words of the
                          rule language (amounts, conditions, schedules), the engine, input
                          parsing, wording and the trace
    calculators.build     what runs at build and test time (CPython, PyYAML): strict YAML, the
                          schema and checks derived from the vocabulary, compilation and export

Public API:

    evaluate(policy, facts)      -> per-benefit status, amount, schedule, caps, missing facts, trace
    parse_inputs(facts, raw)     -> typed facts and bilingual messages for bad entries
    run_examples(policy)         -> a policy's worked examples, compared with the engine
"""

from .runtime.engine import evaluate
from .runtime.examples import run as run_examples
from .runtime.inputs import parse as parse_inputs

__all__ = ["evaluate", "parse_inputs", "run_examples"]
