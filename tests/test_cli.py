"""python -m calculators: check, evaluate, facts, export."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT)


def test_check_is_clean():
    done = cli("check")
    assert done.returncode == 0 and done.stdout.startswith("ok: ")


def test_evaluate_from_stdin():
    facts = {"applicant": "training_institution", "high_skill_trainees": 250}
    done = cli("evaluate", "--policy", "shangyu-2023", "--facts", "-", stdin=json.dumps(facts))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    reward = next(b for b in result["benefits"] if b["id"] == "high-skill-training-volume-reward")
    assert reward["status"] == "eligible" and reward["amount"] == {"lo": 40000, "hi": 40000}


def test_evaluate_refuses_bad_input_in_both_languages():
    done = cli("evaluate", "--policy", "shangyu-2023", "--facts", "-", stdin='{"high_skill_trainees": "-5"}')
    assert done.returncode == 2 and "negative" in done.stderr and "负数" in done.stderr
    done = cli("evaluate", "--policy", "shangyu-2023", "--facts", "-", stdin="{nope")
    assert done.returncode == 2 and "not valid JSON" in done.stderr and "Traceback" not in done.stderr


def test_facts_and_export(tmp_path):
    facts = json.loads(cli("facts", "--policy", "shangyu-2023").stdout)
    assert "applicant" in facts and "skill_level" in facts
    done = cli("export", "--out", str(tmp_path))
    assert done.returncode == 0
    assert (tmp_path / "shangyu-2023.json").is_file() and (tmp_path / "calculators.zip").is_file()
