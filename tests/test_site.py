"""The built site: strict build, same pages in both languages, nothing generated in docs/."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_strict_build_of_both_languages(built_site, corpus):
    site, _ = built_site
    for lang in ("zh", "en"):
        for p in corpus[0]:
            for page in ("", "text/", "calculator/"):
                assert (site / lang / "policies" / p["id"] / page / "index.html").is_file()
        assert (site / lang / "benefits" / "index.html").is_file()
        assert (site / lang / "assets" / "calculators.zip").is_file()
    pages = {lang: sorted(str(f.relative_to(site / lang)) for f in (site / lang).rglob("index.html")) for lang in ("zh", "en")}
    assert pages["zh"] == pages["en"]
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    assert (site / "pyodide" / version / "pyodide.asm.wasm").is_file()


def test_no_generated_markdown_is_committed():
    tracked = subprocess.run(["git", "ls-files", "docs"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    assert not any("policies/" in f or f.endswith("benefits.md") for f in tracked)


def test_pages_declare_their_language_and_the_translation_status(built_site):
    site, _ = built_site
    zh = (site / "zh" / "policies" / "shangyu-2023" / "text" / "index.html").read_text()
    en = (site / "en" / "policies" / "shangyu-2023" / "text" / "index.html").read_text()
    assert '<html lang="zh"' in zh and '<html lang="en"' in en
    assert "The English translation is for reference only; the Chinese text prevails." in en
    assert "英文译文仅供参考，以中文原文为准。" in zh
    assert 'id="item-21"' in zh and 'id="item-21"' in en


def test_overview_lists_every_benefit_with_its_clause(built_site, corpus):
    site, _ = built_site
    html = (site / "zh" / "policies" / "shangyu-2023" / "index.html").read_text()
    policy = next(p for p in corpus[0] if p["id"] == "shangyu-2023")
    for b in policy["benefits"]:
        assert f'id="benefit-{b["id"]}"' in html
        assert f'href="text/#{b["clause"]}"' in html


def test_the_copied_pyodide_runtime_is_the_locked_one(built_site, tmp_path):
    import hashlib
    import shutil

    from mkdocs.exceptions import PluginError

    from hooks import runtime
    site, _ = built_site
    manifest = runtime.manifest_files()
    copied = site / "pyodide" / runtime.pyodide_version()
    trimmed = runtime.stdlib_name(runtime.precompiled())
    assert sorted(p.name for p in copied.iterdir()) == sorted([name for _, name in manifest] + [trimmed])
    # the trimmed standard library holds compiled modules of the verified one, and nothing else
    import zipfile
    stock = set(zipfile.ZipFile(copied / "python_stdlib.zip").namelist())
    ours = zipfile.ZipFile(copied / trimmed).namelist()
    assert ours and all(n.endswith(".pyc") and n[:-1] in stock for n in ours)
    for digest, name in manifest:
        assert hashlib.sha256((copied / name).read_bytes()).hexdigest() == digest
    # a changed file is refused
    package = tmp_path / "pyodide"
    shutil.copytree(runtime.PACKAGE, package, ignore=shutil.ignore_patterns("*.whl", "*.tar", "*.zip", "*.wasm"))
    for _, name in manifest:
        shutil.copy(runtime.PACKAGE / name, package / name)
    runtime.verify(package)
    with open(package / "pyodide.mjs", "a") as f:
        f.write("// changed\n")
    with pytest.raises(PluginError, match="pyodide.mjs does not match"):
        runtime.verify(package)


@pytest.mark.parametrize("expires,today,status", [
    ("2025-06-30", "2025-06-30", "in_force"), ("2025-06-30", "2025-07-01", "expired"),
    ("2025", "2025-12-31", "in_force"), ("2025", "2026-01-01", "expired"),
    ("2024-02", "2024-02-29", "in_force"), ("2024-02", "2024-03-01", "expired"), (None, "2099-01-01", "in_force"),
])
def test_a_policy_past_its_expiry_date_is_shown_as_expired(corpus, expires, today, status):
    import copy
    import datetime

    from calculators.build.compile import as_of
    policy = copy.deepcopy(next(p for p in corpus[0] if p["status"] == "in_force"))
    policy["dates"]["expires"]["date"] = expires
    assert as_of(policy, datetime.date.fromisoformat(today))["status"] == status
    draft = dict(policy, status="draft")
    assert as_of(draft, datetime.date.fromisoformat(today))["status"] == "draft"


def test_the_deploy_workflow_tests_builds_strictly_deploys_and_rebuilds_weekly():
    import yaml
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run") for s in steps]
    assert "./dev test" in runs and "./dev build" in runs
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow[True]["schedule"][0]["cron"]  # 'on' reads as True in YAML 1.1
    assert "\nstrict: true\n" in (ROOT / "mkdocs.yml").read_text()
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()


def test_shangyu_lists_its_measures_by_responsible_department(built_site):
    """Each measure of Shangyu names its 责任单位: the overview lists them, each measure by its
    number and first sentence in the page's language."""
    site, _ = built_site
    en = (site / "en" / "policies" / "shangyu-2023" / "index.html").read_text(encoding="utf-8")
    zh = (site / "zh" / "policies" / "shangyu-2023" / "index.html").read_text(encoding="utf-8")
    assert ('<strong>District Finance Bureau</strong> (19): <a href="text/#item-1">1. Encouraging enterprises to recruit '
            'workers and attract talent</a>') in en
    assert '<strong>区财政局</strong>（19）：<a href="text/#item-1">1.鼓励企业招工引才</a>' in zh


def test_the_benefits_index_counts_and_lists_each_benefit_once_per_recipient_and_province(built_site, corpus):
    """No page lists every benefit: one page per recipient and province; the index's numbers are
    theirs, and each lists exactly the benefits of that province's policies for that recipient."""
    import re
    from collections import Counter
    site, _ = built_site
    policies = corpus[0]
    want = Counter()
    listed = {}
    for p in policies:
        for b in p["benefits"]:
            for r in b["recipients"]:
                key = (r.replace("_", "-"), p["place"]["province"]["code"])
                want[key] += 1
                listed.setdefault(key, set()).add(f"{p['id']}/#benefit-{b['id']}")
    for lang in ("zh", "en"):
        index = (site / lang / "benefits" / "index.html").read_text(encoding="utf-8")
        cells = {(r, code): int(n) for r, code, n in re.findall(r'<a href="([a-z-]+)/(\d{6})/" aria-label="[^"]+">(\d+)</a>', index)}
        assert cells == dict(want)
        for (r, code), n in want.items():
            html = (site / lang / "benefits" / r / code / "index.html").read_text(encoding="utf-8")
            found = re.findall(r'<th scope="row"><a href="\.\./\.\./\.\./policies/([a-z0-9-]+/#benefit-[a-z0-9-]+)">', html)
            assert len(found) == n and set(found) == listed[(r, code)], (lang, r, code)


def _markup(html: str) -> str:
    """HTML with white space runs made one space and none between tags."""
    import re
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))


def test_the_lean_navigation_partial_writes_the_themes_html(built_site, tmp_path):
    """hooks/overrides/partials/nav-item.html is the theme's own, cut to the site's features (it
    was a quarter of a page's writing time): made from the file whose hash it records, and every
    page of the site has the same HTML, white space aside, as with the theme's file."""
    import hashlib
    import re
    import shutil

    import material
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from hooks import build as site_build
    ours = ROOT / "hooks" / "overrides"
    theirs = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
    recorded = re.search(r"sha256\s+([0-9a-f]{64})", (ours / "partials" / "nav-item.html").read_text(encoding="utf-8")).group(1)
    assert hashlib.sha256(theirs.read_bytes()).hexdigest() == recorded, "the theme's nav-item.html changed: make the override again"
    without = tmp_path / "overrides"
    shutil.copytree(ours, without)
    (without / "partials" / "nav-item.html").unlink()
    site, _ = built_site
    for lang in ("zh", "en"):
        home = re.search(r'<link rel="canonical" href="([^"]+)"', (site / lang / "index.html").read_text(encoding="utf-8")).group(1)
        config = load_config(str(site_build.CONFIGS[lang]), site_url=home)  # the address the site was built for
        config.theme.dirs[config.theme.dirs.index(str(ours))] = str(without)
        config["site_dir"] = str(tmp_path / lang)
        build(config)
        written = sorted(p.relative_to(tmp_path / lang) for p in (tmp_path / lang).rglob("*.html"))
        assert len(written) > 50
        for page in written:
            if page.parts[0] == "pagefind":
                continue
            assert _markup((site / lang / page).read_text(encoding="utf-8")) == _markup((tmp_path / lang / page).read_text(encoding="utf-8")), page
