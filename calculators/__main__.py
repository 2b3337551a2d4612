"""Command line: check | evaluate | examples | facts | export | reference | new | stamp | schema. Run ``python -m calculators --help``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .build import authoring, reference
from .build import compile as rules
from .build import summary
from .runtime.engine import evaluate
from .runtime.examples import coverage, run as run_examples
from .runtime.inputs import parse


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators", description=__doc__)
    parser.add_argument("--rules", type=Path, default=rules.RULES, help="folder of rule files (default: rules/)")
    parser.add_argument("--sources", type=Path, default=rules.SOURCES, help="folder of source documents")
    parser.add_argument("--no-cache", action="store_true",
                        help="read and check every rule file again (by default one unchanged since the last run is taken from build/rules/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every rule file; list all problems")
    ev = sub.add_parser("evaluate", help="evaluate one policy for the facts in a JSON file")
    ev.add_argument("--policy", required=True)
    ev.add_argument("--facts", required=True, help="JSON file of facts, or - for standard input")
    ev.add_argument("--summary", action="store_true", help="a short table (benefit, status, amount, total, missing) instead of JSON")
    ev.add_argument("--lang", choices=("zh", "en"), default="en", help="the language of --summary (default: en)")
    exs = sub.add_parser("examples", help="run the worked examples; list every mismatch and untested benefit")
    exs.add_argument("--policy")
    fa = sub.add_parser("facts", help="list the facts (questions) a policy uses, or all of them")
    fa.add_argument("--policy")
    ex = sub.add_parser("export", help="write the compiled JSON the browser loads")
    ex.add_argument("--out", type=Path, default=Path("build/policies"))
    ref = sub.add_parser("reference", help="print, or --write into docs/rule-format.md, the tables of the rule language")
    ref.add_argument("--write", action="store_true")
    authoring.register(sub)
    args = parser.parse_args(argv)
    if "func" in args:  # new, stamp, schema: before loading, since a fresh skeleton never passes check
        return args.func(args)
    if args.command == "reference":
        return _reference(args.write)

    policies, dictionary, problems = rules.load_all(args.rules, args.sources, cache=None if args.no_cache else rules.CACHE)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) in the rule files", file=sys.stderr)
        return 1
    by_id = {p["id"]: p for p in policies}

    if args.command == "check":
        for line in authoring.stale_reviews(policies, rules.today()):
            print(line, file=sys.stderr)
        n = sum(len(p["benefits"]) for p in policies)
        e = sum(len(p["examples"]) for p in policies)
        print(f"ok: {len(policies)} policies, {n} benefits, {e} worked examples, {len(dictionary)} facts")
        return 0
    if args.command in ("evaluate", "facts", "examples") and args.policy and args.policy not in by_id:
        print(f"unknown policy {args.policy!r}; known: {', '.join(sorted(by_id))}", file=sys.stderr)
        return 2
    if args.command == "evaluate":
        raw = sys.stdin.read() if args.facts == "-" else Path(args.facts).read_text(encoding="utf-8")
        try:
            given = json.loads(raw)
        except json.JSONDecodeError as exc:
            print(f"{args.facts}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}", file=sys.stderr)
            return 2
        if not isinstance(given, dict):
            print(f"{args.facts}: expected a JSON object of facts", file=sys.stderr)
            return 2
        policy = by_id[args.policy]
        facts, errors = parse(policy["facts"], given)
        if errors:
            for fact_id, msg in errors.items():
                valid = f" (valid: {', '.join(msg['choices'])})" if "choices" in msg else ""
                print(f"{fact_id}: {msg['en']} / {msg['zh']}{valid}", file=sys.stderr)
            return 2
        result = evaluate(policy, facts)
        if policy["status"] == "draft":  # a draft is shown as a draft everywhere, here too
            print(summary.DRAFT["en"] + " / " + summary.DRAFT["zh"], file=sys.stderr)
        if args.summary:
            print(summary.table(policy, result, args.lang))
        else:
            json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
            print()
        return 0
    if args.command == "examples":
        chosen = [by_id[args.policy]] if args.policy else policies
        bad = 0
        for policy in chosen:
            for record in run_examples(policy):
                for m in record["mismatches"]:
                    print(f"{policy['id']}: example {record['example']}: {m}", file=sys.stderr)
                    bad += 1
            for gap in coverage(policy):
                print(f"{policy['id']}: {gap}", file=sys.stderr)
                bad += 1
        runs = sum(len(p["examples"]) for p in chosen)
        print(f"{runs} worked examples run, {bad} problem(s)")
        return 1 if bad else 0
    if args.command == "facts":
        facts = by_id[args.policy]["facts"] if args.policy else dictionary
        json.dump(facts, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    written = rules.export(policies, args.out)
    rules.bundle(args.out / "calculators.zip")
    print(f"wrote {len(written)} policy file(s) and calculators.zip to {args.out}")
    return 0


def _reference(write: bool) -> int:
    if not write:
        print("\n\n".join(f"{name}:\n{reference.table(name)}" for name in reference.VOCABULARIES))
        return 0
    text = reference.DOC.read_text(encoding="utf-8")
    missing = reference.missing_markers(text)
    if missing:
        print(f"{reference.DOC.name}: no <!-- vocabulary:NAME --> marker for {', '.join(missing)}", file=sys.stderr)
        return 1
    reference.DOC.write_text(reference.render(text), encoding="utf-8")
    print(f"wrote the vocabulary tables into {reference.DOC.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
