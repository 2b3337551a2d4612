"""The built site: strict build, same pages in both languages, nothing generated in docs/."""

import json
import subprocess
from pathlib import Path

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


def test_chinese_search_index_is_segmented(built_site):
    """With jieba, the search index holds words such as 补贴 (not whole sentences)."""
    site, _ = built_site
    index = json.loads((site / "zh" / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == ["zh"]
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "补贴" in text


def test_overview_lists_every_benefit_with_its_clause(built_site, corpus):
    site, _ = built_site
    html = (site / "zh" / "policies" / "shangyu-2023" / "index.html").read_text()
    policy = next(p for p in corpus[0] if p["id"] == "shangyu-2023")
    for b in policy["benefits"]:
        assert f'id="benefit-{b["id"]}"' in html
        assert f'href="text/#{b["clause"]}"' in html
