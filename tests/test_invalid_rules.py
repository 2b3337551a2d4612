"""Each kind of author mistake: one small malformed file, rejected with file:line and a specific message."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.build import compile as rules

HERE = Path(__file__).resolve().parent
FIXTURES = sorted((HERE / "invalid").glob("*.yml"))
SOURCES = HERE / "fixtures" / "sources"


def _expectation(path: Path):
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    line, message = first.removeprefix("# expect: ").split(": ", 1)
    return int(line), message


def _rules_dir(tmp_path, fixture):
    shutil.copy(rules.RULES / "facts.yml", tmp_path / "facts.yml")
    shutil.copy(fixture, tmp_path / "mini-2020.yml")
    return tmp_path


def test_the_valid_fixture_is_valid(tmp_path):
    policies, _, problems = rules.load_all(_rules_dir(tmp_path, HERE / "fixtures" / "mini-2020.yml"), SOURCES)
    assert problems == [] and [p["id"] for p in policies] == ["mini-2020"]


def test_there_are_at_least_thirty_kinds_of_mistake():
    assert len(FIXTURES) >= 30


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_malformed_rule_file_is_rejected(tmp_path, fixture):
    line, message = _expectation(fixture)
    _, _, problems = rules.load_all(_rules_dir(tmp_path, fixture), SOURCES)
    hits = [p for p in problems if message in p.message]
    assert hits, [str(p) for p in problems]
    assert hits[0].line == line
    assert str(hits[0]).startswith(f"{tmp_path.name}/mini-2020.yml:{line}:")


def test_cli_lists_all_problems_without_a_traceback(tmp_path):
    rules_dir = _rules_dir(tmp_path, HERE / "invalid" / "text-differs-from-source.yml")
    done = subprocess.run([sys.executable, "-m", "calculators", "--rules", str(rules_dir), "--sources", str(SOURCES), "check"],
                          capture_output=True, text=True, cwd=HERE.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "mini-2020.yml:" in line]
    assert len(lines) == 3  # every problem at once, each with file:line:col
    assert done.stderr.strip().endswith("3 problem(s) in the rule files")


def test_a_look_alike_note_must_name_another_fact(tmp_path):
    text = (rules.RULES / "facts.yml").read_text(encoding="utf-8")
    text += "\nlook_alike:\n  type: boolean\n  label: {zh: 是否？, en: Is it?}\n  differs_from:\n    skill_levle: {zh: 不同。, en: Different.}\n"
    (tmp_path / "facts.yml").write_text(text, encoding="utf-8")
    _, problems = rules.load_dictionary(tmp_path)
    [problem] = problems
    assert (problem.line, problem.path) == (text.count("\n"), "look_alike.differs_from.skill_levle")
    assert "'skill_levle' is not another fact" in problem.message


def test_a_missing_rules_folder_is_a_problem_not_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "calculators", "--rules", str(tmp_path / "nowhere"), "check"],
                          capture_output=True, text=True, cwd=HERE.parent)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "facts.yml:1:1: no such file" in done.stderr
