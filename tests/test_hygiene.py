"""The repository installs from public registries, says its licence, and points only inside itself."""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tracked():
    return subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT).stdout.split()


def test_requirements_name_no_machine_local_package_locations():
    text = (ROOT / "requirements.txt").read_text()
    assert not re.search(r"^\s*--(extra-index-url|index-url|find-links)\b", text, re.M)
    assert "file://" not in text and "/opt/" not in text
    pinned = re.findall(r"^[a-z0-9_.-]+==\S+ \\$", text, re.M)
    assert pinned and text.count("--hash=sha256:") >= len(pinned)


def test_no_package_files_are_committed():
    assert not [f for f in _tracked() if f.endswith((".whl", ".tar.gz", ".tgz"))]


def test_the_licence_matches_package_json():
    licence = json.loads((ROOT / "package.json").read_text())["license"]
    assert licence == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_comments_point_only_inside_the_repository():
    outside = []
    for name in _tracked():
        if name == "tests/test_hygiene.py":  # names the patterns it looks for
            continue
        if name.endswith((".py", ".js", ".mjs", ".html", ".css", ".yml", ".yaml", ".md", ".toml")) or name in ("dev", ".ci/run"):
            text = (ROOT / name).read_text(encoding="utf-8", errors="replace")  # (one fixture is not UTF-8 on purpose)
            outside += [f"{name}: {m.group(0)}" for m in re.finditer(r"\.\./shared|STACK-NOTES|/work/", text)]
    assert outside == []
