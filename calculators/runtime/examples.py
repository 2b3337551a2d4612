"""Run a policy's worked examples and compare them with what the engine computes.

Standard library only: the same function runs in CPython (pytest) and in Pyodide (Node),
and both runs must print identical results.
"""

from __future__ import annotations

from .engine import evaluate


def _as_interval(expected):
    if expected is None:
        return None
    if isinstance(expected, list):
        return {"lo": expected[0], "hi": expected[1]}
    return {"lo": expected, "hi": expected}


def run(policy: dict) -> list[dict]:
    """One record per example: the computed outcome of every benefit, and the mismatches."""
    records = []
    for ex in policy["examples"]:
        result = evaluate(policy, ex["facts"])
        got = {r["id"]: r for r in result["benefits"]}
        mismatches = []
        for bid, want in ex["expect"].items():
            r = got[bid]
            if r["status"] != want["status"]:
                mismatches.append(f"{bid}: status {r['status']!r}, expected {want['status']!r}")
            for key in ("amount", "total"):
                if key in want and r[key] != _as_interval(want[key]):
                    mismatches.append(f"{bid}: {key} {r[key]}, expected {_as_interval(want[key])}")
            if "superseded_by" in want and r["superseded_by"] != want["superseded_by"]:
                mismatches.append(f"{bid}: superseded_by {r['superseded_by']!r}, expected {want['superseded_by']!r}")
        for bid, r in got.items():
            if r["status"] == "eligible" and bid not in ex["expect"]:
                mismatches.append(f"{bid}: eligible but the example does not expect it")
        records.append({
            "policy": policy["id"],
            "example": ex["id"],
            "outcome": {bid: [r["status"], r["amount"], r["total"], r["superseded_by"]] for bid, r in got.items()},
            "mismatches": mismatches,
        })
    return records


def coverage(policy: dict) -> list[str]:
    """What the examples leave untested: benefits never granted, or a policy that never refuses."""
    eligible, refused = set(), set()
    for ex in policy["examples"]:
        for bid, want in ex["expect"].items():
            (eligible if want["status"] == "eligible" else refused).add(bid)
    gaps = [f"{b['id']}: no worked example where it is granted" for b in policy["benefits"] if b["id"] not in eligible]
    if not refused:
        gaps.append("no worked example where something is refused")
    return gaps
