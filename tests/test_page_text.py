"""What a reader sees on every built page, in both languages: words, never program internals.

A reset button once read ``<built-in method clear of dict object at 0x…>`` and 509 tests
passed. This test reads the visible text (and the labels a screen reader announces) of every
HTML page the build writes, and the calculator's rendered results are read the same way in
the browser tests (``visible_text_problems`` is shared).
"""

import re
from html.parser import HTMLParser

import pytest

from calculators.build import compile as rules

POLICIES, DICTIONARY = rules.load_all_or_raise()

_REPR = re.compile(r"object at 0x|built-in method|<function|<bound method|Traceback \(most recent call")
# "None of these" is English; a bare None is Python's (so a choice is never labelled just "None")
_PLACEHOLDER = re.compile(r"\bNone\b(?!\s+(?:of|is|if|are)\b)|\b(undefined|NaN|null)\b|\[object Object\]|\{\{|\{%|%\}|\}\}")


def _internal_ids():
    """Ids a reader should never see in place of words: text units, benefits, groups, facts, choices."""
    ids = set()
    for p in POLICIES:
        ids |= {u["id"] for u in p["text"]} | {b["id"] for b in p["benefits"]}
        ids |= {g["id"] for g in p.get("groups", [])}
    ids |= set(DICTIONARY)
    ids |= {c for f in DICTIONARY.values() for c in f.get("choices", {})}
    # only the ones that cannot be ordinary words ("title", "closing"): with a hyphen or an underscore
    return {i for i in ids if "-" in i or "_" in i}


IDS = _internal_ids()
_TOKEN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")


def visible_text_problems(text: str) -> list[str]:
    problems = [f"program text {m.group(0)!r}" for m in _REPR.finditer(text)]
    problems += [f"placeholder {m.group(0)!r} in …{text[max(0, m.start() - 30):m.end() + 30]!r}…"
                 for m in _PLACEHOLDER.finditer(text)]
    problems += [f"internal id {m.group(0)!r}" for m in _TOKEN.finditer(text) if m.group(0) in IDS]
    return problems


class _Visible(HTMLParser):
    """Text nodes outside script/style/template, plus the attributes that are read aloud or shown."""
    SKIP = {"script", "style", "template", "noscript"}
    SHOWN = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:
            if value and (name in self.SHOWN or (tag == "option" and name == "label")):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "pyodide" not in p.parts)


def test_every_page_type_is_covered(built_site):
    site, _ = built_site
    names = {str(p.relative_to(site)) for p in _pages(site)}
    for lang in ("zh", "en"):
        for kind in ("index.html", "claim/index.html", "policies/index.html", "benefits/index.html", "about/method/index.html",
                     "about/accessibility/index.html", "404.html"):
            assert f"{lang}/{kind}" in names
        for p in POLICIES:
            for kind in ("", "text/", "calculator/"):
                assert f"{lang}/policies/{p['id']}/{kind}index.html" in names


def test_no_page_shows_program_internals(built_site):
    site, _ = built_site
    found = {}
    for path in _pages(site):
        parser = _Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        problems = visible_text_problems(" ".join(parser.parts))
        if problems:
            found[str(path.relative_to(site))] = problems[:5]
    assert not found, found


@pytest.mark.parametrize("text, bad", [
    ("清空 <built-in method clear of dict object at 0x7f>", True),
    ("Amount: None", True),
    ("None of these", False),
    ("Total: NaN", True),
    ("{{ S.clear }}", True),
    ("查看条款 item-16", True),
    ("Your highest skill level: skill_level", True),
    ("查看条款 三（四）21", False),
    ("See the clause Part III (4) item 21", False),
])
def test_the_check_itself_catches_each_kind(text, bad):
    assert bool(visible_text_problems(text)) is bad
