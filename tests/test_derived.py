"""What the build derives from each policy with the engine (calculators/build/derived.py): made
once for both languages, kept by content, and the same as computing it afresh."""

import copy
import json

from calculators.build import compare, derived
from calculators.build import compile as rules
from calculators.runtime import engine, interview

POLICIES, DICTIONARY = rules.load_all_or_raise()
APPLICANTS = list(DICTIONARY["applicant"]["choices"])


def test_each_policys_part_is_what_the_engine_gives_for_it(tmp_path):
    made = derived.of(POLICIES, DICTIONARY, cache=tmp_path)
    assert sorted(made) == sorted(p["id"] for p in POLICIES)
    for p in POLICIES:
        browser = rules.for_browser(p)
        m = made[p["id"]]
        assert m["json"] == rules.to_json(browser)
        assert m["reads"] == interview.reads(browser)
        ordered = interview.order([browser])
        assert m["asks"] == {a: interview.run([browser], {"applicant": a}, ordered)["questions"] for a in APPLICANTS}
        for b in p["benefits"]:  # the full policy, as the kind pages had it, with its groups left out
            result = next(r for r in engine.evaluate(dict(p, groups=[]), {"applicant": b["recipients"][0]})["benefits"] if r["id"] == b["id"])
            assert m["terms"][b["id"]] == list(derived.term(b, result))
    assert derived.rules_version(made) == rules.rules_version([rules.for_browser(p) for p in POLICIES])
    # a monthly allowance for a fixed term adds up; one-off payments are their own total
    terms = [t for m in made.values() for t, _ in m["terms"].values()]
    assert "total" in terms and None in terms


def test_a_rebuild_reads_the_cache_and_a_changed_policy_is_made_again(tmp_path, monkeypatch):
    first = derived.of(POLICIES, DICTIONARY, cache=tmp_path)
    entries = sorted(tmp_path.glob("derived-*.json"))
    assert len(entries) == len(POLICIES)
    calls = []
    real = derived.derive
    monkeypatch.setattr(derived, "derive", lambda *a: calls.append(a[0]["id"]) or real(*a))
    again = derived.of(list(POLICIES), DICTIONARY, cache=tmp_path)  # another load: read from the cache
    assert calls == [] and again == first
    changed = copy.deepcopy(POLICIES)
    target = next(p for p in changed if p["id"] == "shangyu-2023")
    target["benefits"][0]["title"]["en"] += "."
    third = derived.of(changed, DICTIONARY, cache=tmp_path)
    assert calls == ["shangyu-2023"]  # only the changed policy is evaluated again
    assert third["shangyu-2023"]["json"] != first["shangyu-2023"]["json"]
    assert {k: v for k, v in third.items() if k != "shangyu-2023"} == {k: v for k, v in first.items() if k != "shangyu-2023"}


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    first = derived.of(POLICIES, DICTIONARY, cache=tmp_path)
    for entry in tmp_path.glob("derived-*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert derived.of(list(POLICIES), DICTIONARY, cache=tmp_path) == first
    assert all(json.loads(e.read_text(encoding="utf-8")) for e in tmp_path.glob("derived-*.json"))


def test_the_kind_pages_rows_are_the_same_with_the_parts_made_once():
    made = derived.of(POLICIES, DICTIONARY, cache=None)
    assert compare.kind_rows(POLICIES, {pid: m["terms"] for pid, m in made.items()}) == compare.kind_rows(POLICIES)


def test_many_policies_are_made_in_processes_with_the_same_result(tmp_path, monkeypatch):
    many = [dict(p, id=f"{p['id']}-{i}") for i in range(6) for p in POLICIES]  # 30 policies: more than PARALLEL_FROM
    assert len(many) >= rules.PARALLEL_FROM
    in_processes = derived.of(many, DICTIONARY, cache=None)
    monkeypatch.setattr(rules, "PARALLEL_FROM", 10**6)
    assert derived.of(list(many), DICTIONARY, cache=None) == in_processes


def test_without_the_wording_of_the_steps_the_results_are_the_same():
    """``explain=False`` (what the build derives) leaves only the trace's wording out."""
    for p in POLICIES:
        for example in p["examples"]:
            full, bare = engine.evaluate(p, example["facts"]), engine.evaluate(p, example["facts"], explain=False)
            strip = lambda r: [{k: v for k, v in b.items() if k != "trace"} for b in r["benefits"]]  # noqa: E731
            assert strip(full) == strip(bare) and {k: v for k, v in full.items() if k != "benefits"} == {k: v for k, v in bare.items() if k != "benefits"}
            assert all("zh" in s for b in full["benefits"] for s in b["trace"])
            assert [len(b["trace"]) for b in full["benefits"]] == [len(b["trace"]) for b in bare["benefits"]]


def test_cache_entries_not_used_for_a_month_are_deleted(tmp_path):
    import os
    import time
    derived.of(POLICIES, DICTIONARY, cache=tmp_path)
    entries = sorted(tmp_path.glob("derived-*.json"))
    old = tmp_path / "0123.json"  # a compiled policy of a rule file since edited
    old.write_text("{}", encoding="utf-8")
    month_ago = time.time() - (rules.KEEP_DAYS + 1) * 86400
    for f in [old, *entries]:
        os.utime(f, (month_ago, month_ago))
    derived.of(list(POLICIES), DICTIONARY, cache=tmp_path)  # used again: marked as used now
    assert rules.prune(tmp_path) == 1
    assert not old.exists() and all(f.exists() for f in entries)
    assert rules.prune(None) == 0 and rules.prune(tmp_path / "none") == 0


def test_a_load_keeps_the_compiled_policies_it_uses(tmp_path):
    import os
    import time
    rules.load_all(rules.RULES, rules.SOURCES, cache=tmp_path)
    compiled = [f for f in tmp_path.glob("*.json") if not f.name.startswith("derived-")]
    assert len(compiled) == len(POLICIES)
    stale = tmp_path / "stale.json"
    stale.write_text("{}", encoding="utf-8")
    month_ago = time.time() - (rules.KEEP_DAYS + 1) * 86400
    for f in [stale, *compiled]:
        os.utime(f, (month_ago, month_ago))
    rules.load_all(rules.RULES, rules.SOURCES, cache=tmp_path)  # reads them (marking them used), then prunes
    assert not stale.exists() and all(f.exists() for f in compiled)
