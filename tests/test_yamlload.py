"""The C (libyaml) and pure-Python YAML parsers give the same data, positions and problems.

``yamlload.load`` uses PyYAML's C parser when it is available and falls back to the
pure-Python one otherwise; authors must see the same result either way.
"""

import time
from pathlib import Path

import pytest
import yaml

from calculators.build import yamlload

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "rules").glob("*.yml"))
INVALID_FILES = sorted((ROOT / "tests" / "invalid").glob("*.yml"))
FILES = RULE_FILES + INVALID_FILES

needs_c = pytest.mark.skipif(not yamlload.HAVE_C_LOADER, reason="PyYAML was built without libyaml")

# Small documents for what the rule files do not contain (yet): every kind of scalar,
# syntax errors, tabs, a byte-order mark, CRLF, wide characters before a value, aliases...
SNIPPETS = {
    "scalars": "a: 1\nb: -12\nc: 1.5\nd: true\ne: false\nf: null\ng: ~\nh:\ni: '3'\nj: \"x\"\nk: |\n  line\nl: >\n  folded\nm: plain text\n",
    "ambiguous": "a: yes\nb: Off\nc: 2017-01-11\nd: 2017-1\ne: '2017-01-11'\n",
    "flow": "a: {zh: 中文, en: English}\nb: [1, '2', three, {c: 4}]\n",
    "wide-columns": "标题: {zh: 关于技能人才补贴的通知, en: x}\n项目: [一, 二, 😀, 三, {键: 1}]\n  # 注释\n尾: 😀😀 z\n",
    "wide-then-error": "标题: {zh: 关于技能人才补贴的通知, en: x}\n- broken\n",
    "wide-then-value": "k: 关于😀技能人才: v\n",
    "bom-crlf": "\ufeffa: 1\r\nb:\r\n  - x\r\n  - {c: 关于, d: 2}\r\n",
    "duplicate-key": "a: 1\nb: 2\na: 3\n",
    "merge-key": "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "complex-key": "? [1, 2]\n: v\n{a: 1}: w\n",
    "empty": "",
    "comments-only": "# nothing\n",
    "document-marker": "---\n...\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "unclosed-flow": "a: {zh: x, en: y\nb: 2\n",
    "unclosed-quote": "a: \"never closed\nb: 2\n",
    "bad-indent": "a:\n  b: 1\n c: 2\n",
    "tab": "a:\n\tb: 1\n",
    "colon-in-value": "a: b: c\n",
    "undefined-alias": "a: *nowhere\n",
    "unknown-tag": "a: !custom 1\n",
    "control-character": "a: \x07\n",
    "lone-surrogate": "a: \udcff\n",
    "block-sequence-in-mapping": "a:\n- 1\n- 2\nb:\n  - c: 1\n    d: [x]\n",
    "nel-line-break": "a: 1\x85b: 2\n",
}


def _text(path: Path) -> str:
    # As compile._read does; not-utf8.yml keeps its bad bytes as lone surrogates (both parsers must reject them).
    return path.read_bytes().decode("utf-8", errors="surrogateescape")


def _assert_same(text: str, name: str):
    data_c, pos_c, problems_c = yamlload.load(text, name)
    data_py, pos_py, problems_py = yamlload.load(text, name, pure=True)
    assert data_c == data_py
    # == on floats and bools would accept 1 == 1.0 == True: compare the types too.
    assert repr(data_c) == repr(data_py)
    assert pos_c.all() == pos_py.all()  # the position of every path
    assert [str(p) for p in problems_c] == [str(p) for p in problems_py]
    return data_py, problems_py


@needs_c
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_c_and_python_loaders_agree_on_file(path):
    text = _text(path)
    data, problems = _assert_same(text, str(path.relative_to(ROOT)))
    if path in RULE_FILES:
        assert data is not None and problems == []
        # The C parser really read it (equality did not come from falling back to Python).
        yaml.compose(text, Loader=yaml.CSafeLoader)


@needs_c
@pytest.mark.parametrize("name", SNIPPETS)
def test_c_and_python_loaders_agree_on_snippet(name):
    _assert_same(SNIPPETS[name], f"{name}.yml")


def test_plain_scalars_are_typed_and_quoted_ones_are_text():
    for pure in (True, False):
        data, _, problems = yamlload.load(SNIPPETS["scalars"], "s.yml", pure=pure)
        assert data == {"a": 1, "b": -12, "c": 1.5, "d": True, "e": False, "f": None, "g": None, "h": None,
                        "i": "3", "j": "x", "k": "line\n", "l": "folded\n", "m": "plain text"}
        assert problems == []


def test_syntax_error_is_reported_with_the_python_message():
    _, positions, problems = yamlload.load(SNIPPETS["colon-in-value"], "s.yml")
    assert [str(p) for p in problems] == ["s.yml:1:5: YAML syntax error: mapping values are not allowed here"]
    assert positions.all() == {}


@needs_c
def test_timing_of_both_loaders_over_the_rule_files(capsys):
    texts = [(_text(p), p.name) for p in RULE_FILES]
    seconds = {}
    for label, pure in (("pure-Python", True), ("C (libyaml)", False)):
        start = time.perf_counter()
        for text, name in texts:
            yamlload.load(text, name, pure=pure)
        seconds[label] = time.perf_counter() - start
    with capsys.disabled():
        print(f"\nyamlload over rules/*.yml ({len(texts)} files): "
              + ", ".join(f"{label} {s:.2f} s" for label, s in seconds.items()))
