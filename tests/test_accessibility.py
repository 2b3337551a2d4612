"""WCAG 2.2 AA: axe-core on every page type and calculator state in both languages, a keyboard-only
run through the calculator, the HTML validator, and a check of every link and anchor of the built site."""

import html.parser
import posixpath
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect

from test_browser import answer, open_calculator
from test_security import LANGS, page_paths

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page):
    """axe-core's violations on the page as it is now: [(rule id, impact, [selectors])]."""
    # let the theme's transitions (the header title fades when the page scrolls) finish first
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # add_script_tag is blocked by the CSP; evaluate is not
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                          ".then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))", TAGS)
    return [tuple(v[:2]) + (v[2][:5],) for v in found]


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_any_page_type(page, site_url, corpus, lang):
    found = {}
    for path in ["/"] + page_paths(corpus[0], lang):
        page.goto(site_url + path)
        found[path] = axe_violations(page)
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_in_any_calculator_state(page, site_url, lang):
    open_calculator(page, site_url, lang)
    states = {"empty": axe_violations(page)}
    answer(page, applicant="training_institution", high_skill_trainees="12x")
    page.click("button[type=submit]")
    page.locator("#error-high_skill_trainees").wait_for()
    states["error"] = axe_violations(page)
    answer(page, high_skill_trainees="250")
    page.click("button[type=submit]")
    page.locator("#result-high-skill-training-volume-reward").wait_for()
    states["result"] = axe_violations(page)
    page.locator("#result-high-skill-training-volume-reward summary").click()
    states["result, trace open"] = axe_violations(page)
    answer(page, high_skill_trainees="150")
    page.click("button[type=submit]")
    page.locator("#result-high-skill-training-volume-reward.calc-card-not_eligible").wait_for(state="attached")
    page.locator("details.calc-not_eligible > summary").click()  # the refusals are folded away: open them
    states["not eligible"] = axe_violations(page)
    assert {k: v for k, v in states.items() if v} == {}


def _tab_to(page, element_id, most=80):
    """Press Tab until ``element_id`` has the focus; fail if it never does. Focus must be visible."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            assert _outline(page) != "none"
            return
    pytest.fail(f"Tab never reached #{element_id}")


def type_250_trainees_and_submit(page, most):
    """Tab to the trainees question, type 250 and press Enter: Shangyu's reward (RMB 40,000) shows
    and the results have the focus."""
    _tab_to(page, "q-high_skill_trainees", most=most)
    page.keyboard.type("250")
    page.keyboard.press("Enter")
    page.locator("#result-high-skill-training-volume-reward").wait_for()
    expect(page.locator("#calc-results")).to_be_focused()  # after the submit's result, which may follow an earlier one
    assert "RMB 40,000" in page.inner_text("#calc-results")


def choose_with_keys(page, element_id, value):
    """Tab to a list and choose ``value`` with the arrow keys, as a keyboard user does."""
    _tab_to(page, element_id)
    options = page.eval_on_selector_all(f"#{element_id} option", "os => os.map(o => o.value)")
    for _ in range(options.index(value)):
        page.keyboard.press("ArrowDown")
    assert page.input_value(f"#{element_id}") == value


def test_keyboard_alone_reaches_a_result(page, site_url):
    """Tab to the first question, choose with the arrow keys, type, submit with Enter: the result is focused."""
    open_calculator(page, site_url, "en")
    page.locator("body").focus()
    choose_with_keys(page, "q-applicant", "training_institution")
    type_250_trainees_and_submit(page, most=10)
    assert page.inner_text("#calc-announce").strip()  # the live region says what changed


def _outline(page):
    return page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")


# ---------------------------------------------------------------- HTML validity and links

# Errors in mkdocs-material's own markup, harmless and not ours to fix (documented, not hidden):
# the theme writes autocomplete="off" on its drawer/search toggle checkboxes (so browsers do not
# restore them), and tabindex="" on navigation section labels it does not make focusable.
THEME_MARKUP = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "Bad value “” for attribute “tabindex” on element “label”",
)


def test_the_validator_finds_no_error(built_site):
    site, _ = built_site
    done = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu", str(site)],
                          capture_output=True, text=True, timeout=300)
    errors = [line for line in done.stderr.splitlines() if line.strip() and not any(t in line for t in THEME_MARKUP)]
    assert errors == []


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_and_anchor_resolves(built_site):
    site, _ = built_site
    pages = {p: _parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken, checked = [], 0
    for page_path, parsed in pages.items():
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme or link.startswith("//"):
                broken.append(f"{page_path.relative_to(site)}: off-site link {link}")
                continue
            checked += 1
            target = page_path if not url.path else (page_path.parent / unquote(url.path))
            target = Path(posixpath.normpath(str(target)))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page_path.relative_to(site)}: {link}")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page_path.relative_to(site)}: {link} (no such anchor)")
    assert checked > 500
    assert broken == []
