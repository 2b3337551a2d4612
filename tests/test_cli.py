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


def test_a_partial_answer_already_shows_a_reached_cap():
    """Shangyu item 13: 600 senior workers reach the 200,000 cap before the junior count is entered."""
    facts = {"applicant": "enterprise", "trained_senior_plus": 600}
    result = json.loads(cli("evaluate", "--policy", "shangyu-2023", "--facts", "-", stdin=json.dumps(facts)).stdout)
    reward = next(b for b in result["benefits"] if b["id"] == "in-house-certification-reward")
    assert reward["status"] == "eligible" and reward["amount"] == {"lo": 200000, "hi": 200000} and reward["missing"] == []
    done = cli("evaluate", "--policy", "shangyu-2023", "--facts", "-", "--summary", stdin=json.dumps(facts))
    row = next(line for line in done.stdout.splitlines() if line.startswith("Reward for enterprises' in-house"))
    assert "can claim" in row and "RMB 200,000" in row
    assert "cash total: RMB 0, plus 1 recurring payment with no end date, not counted" in done.stdout


def test_a_draft_says_draft_on_the_command_line():
    done = cli("evaluate", "--policy", "jiangmen-draft", "--facts", "-", "--summary", "--lang", "zh",
               stdin='{"applicant": "enterprise", "large_or_medium_enterprise": true, "skills_evaluation_recognised_effective": true, "evaluation_certified_high_skill": 30}')
    assert done.returncode == 0 and "征求意见稿" in done.stdout and "DRAFT" in done.stderr
    assert "草案拟给予" in done.stdout and "可领取" not in done.stdout
    result = json.loads(cli("evaluate", "--policy", "jiangmen-draft", "--facts", "-", stdin='{"applicant": "school"}').stdout)
    assert result["policy_status"] == "draft"


def test_a_wrong_choice_lists_the_valid_ones():
    done = cli("evaluate", "--policy", "yeji", "--facts", "-", stdin='{"applicant": "robot"}')
    assert done.returncode == 2
    assert "valid: individual, enterprise, school, training_institution, hr_agency, other_org" in done.stderr
