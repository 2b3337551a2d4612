"""Comparisons across places (issue 15): every figure on the kind and persona pages is the
engine's, every kind is used, the personas are valid, and the claim page's "compare with other
places" gives, for the policies of each place chosen, what the engine gives for the same answers."""

import html.parser
import json

import pytest

from calculators.build import compare, kinds
from calculators.build import compile as rules
from calculators.runtime import engine, words
from calculators.runtime.inputs import parse

POLICIES, DICTIONARY = rules.load_all_or_raise()
PERSONAS, _ = compare.load_personas(rules.RULES, DICTIONARY)
LANGS = ("zh", "en")


class _Rows(html.parser.HTMLParser):
    """The cells' text of every <tr id=…>, the chart's value labels, and every figure's text."""

    def __init__(self):
        super().__init__()
        self.rows, self.chart_values, self._row, self._cell, self._in_value = {}, [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and a.get("id"):
            self._row = self.rows.setdefault(a["id"], [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("text", "tspan") and a.get("class") == "chart-value":
            self._in_value = True
            self.chart_values.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag in ("text", "tspan"):
            self._in_value = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_value:
            self.chart_values[-1] += data


def _rows(site, path):
    parser = _Rows()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_kind_is_used_and_every_benefit_has_one():
    used = {b["kind"] for p in POLICIES for b in p["benefits"]}
    assert set(kinds.KINDS) == used
    assert sum(len(rows) for rows in compare.kind_rows(POLICIES).values()) == sum(len(p["benefits"]) for p in POLICIES)


def test_there_are_at_least_eight_personas_and_each_is_valid():
    assert len(PERSONAS) >= 8
    for persona in PERSONAS:
        assert persona["facts"]["applicant"] in DICTIONARY["applicant"]["choices"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_kind_page_has_a_row_per_benefit_with_the_engines_total_and_the_clause(built_site, lang):
    site, _ = built_site
    for kind in kinds.KINDS:
        parsed = _rows(site / lang, f"compare/kinds/{kind.replace('_', '-')}")
        expected = {f"{p['id']}--{b['id']}": (p, b) for p in POLICIES for b in p["benefits"] if b["kind"] == kind}
        assert set(parsed.rows) == set(expected), kind
        for row_id, (p, b) in expected.items():
            place, benefit, _, amount, _, clause = parsed.rows[row_id]
            assert p["place"]["province"][lang] in place and b["title"][lang] in benefit and p["short_title"][lang] in benefit
            assert clause == p["labels"][b["clause"]][lang]
            result = engine.evaluate(dict(p, groups=[]), {"applicant": b["recipients"][0]})
            total = next(r for r in result["benefits"] if r["id"] == b["id"])["total"]
            term = {"zh": "期限内合计", "en": "Total over the term"}[lang]
            if total and total["hi"] and b["schedule"]["every"] not in ("once", "instalments"):
                assert f"{term}: {words.interval(total['lo'], total['hi'], upto=True)[lang]}" in amount, row_id
            else:
                assert term + ":" not in amount, row_id


def test_the_master_studio_page_shows_jiangmens_allowance_over_three_years(built_site):
    # 每人每月津贴1500元 … for up to 3 years: the engine's total is 1,500 × 36
    site, _ = built_site
    row = _rows(site / "en", "compare/kinds/master-studio").rows["jiangmen-draft--studio-lead-master-allowance"]
    assert "RMB 1,500" in row[3] and "Total over the term: RMB 54,000" in row[3] and "Draft for comment" in row[1]


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_of_a_persona_page_is_the_engines(built_site, lang):
    site, _ = built_site
    for persona in PERSONAS:
        parsed = _rows(site / lang, f"compare/situations/{persona['id']}")
        values = []
        for p in compare.by_place(POLICIES):
            result = engine.evaluate(p, {k: v for k, v in persona["facts"].items() if k in p["facts"]})
            shown = {r["id"] for r in result["benefits"] if r["status"] != "not_eligible"}
            assert {k.split("--", 1)[1] for k in parsed.rows if k.startswith(p["id"] + "--")} == shown
            for r in result["benefits"]:
                if r["status"] == "not_eligible":
                    continue
                cells = parsed.rows[f"{p['id']}--{r['id']}"]
                assert cells[0] == r["title"][lang]
                if r["text"]["amount"]:
                    assert r["text"]["amount"][lang] in cells[1]
                if r["status"] == "unknown":  # the facts it still needs, named
                    assert all(p["facts"][f]["label"][lang] in cells[2] for f in r["missing"])
            cash = any(r["status"] == "eligible" and r["form"] == "cash" and r["amount"] for r in result["benefits"])
            none = {"zh": "无现金", "en": "no cash"}[lang]
            n = len(result["totals"]["open_ended"])
            recurring = ({"zh": f"，另有{n}项按期发放", "en": f" + {n} recurring"}[lang]) if n else ""
            values.append(words.interval(result["totals"]["lo"], result["totals"]["hi"], upto=True)[lang] + recurring if cash else none)
        assert parsed.chart_values == values, persona["id"]


def test_the_personas_give_the_texts_figures(built_site):
    """Hand-checked against the sources: what the charts must show."""
    site, _ = built_site
    by_id = {p["id"]: p for p in PERSONAS}
    shangyu = next(p for p in POLICIES if p["id"] == "shangyu-2023")
    # Shangyu item-12: 200人及以上 … 每100人2万元, at most 10万元 a year: 300 trainees -> RMB 60,000
    trainer = engine.evaluate(shangyu, by_id["training-institution-300"]["facts"])
    assert next(r for r in trainer["benefits"] if r["id"] == "high-skill-training-volume-reward")["amount"] == {"lo": 60000, "hi": 60000}
    page = (site / "en" / "compare" / "situations" / "training-institution-300" / "index.html").read_text(encoding="utf-8")
    assert "RMB 60,000" in page


def test_a_persona_with_an_unknown_fact_or_a_wrong_answer_fails_the_check(tmp_path):
    (tmp_path / "facts.yml").write_text((rules.RULES / "facts.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "personas.yaml").write_text(
        "- id: one\n  title: {zh: 一, en: One}\n  summary: {zh: 一。, en: One.}\n  facts:\n    applicant: individual\n"
        "    skill_levle: technician\n"
        "- id: two\n  title: {zh: 二, en: Two}\n  summary: {zh: 二。, en: Two.}\n  facts:\n    applicant: individual\n"
        "    skill_level: wizard\n", encoding="utf-8")
    _, problems = compare.load_personas(tmp_path, rules.load_dictionary(tmp_path)[0])
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (6, "unknown fact 'skill_levle'"), (12, "'wizard' is not a choice of fact 'skill_level'")]


def test_the_chart_escapes_its_text_and_marks_drafts():
    jiangmen = next(p for p in POLICIES if p["status"] == "draft")
    hostile = dict(jiangmen, place=dict(jiangmen["place"], city={"zh": "<script>x</script>", "en": "<script>x</script>", "code": "440700"}))
    table = [{"policy": hostile, "totals": {"lo": 0, "hi": 0, "open_ended": []}, "cash": False}]
    svg = compare.bar_chart(table, "en", "T <b>", {"id": "c", "desc": "D & E", "draft": "Draft", "none": "none", "open": ""})
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; (Draft)" in svg
    assert "T &lt;b&gt;" in svg and "D &amp; E" in svg and 'class="chart-draft"' in svg


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_compare_with_places_the_person_chooses(page, site_url, built_site, lang):
    """Kunshan, compared with Shangyu (from the link) and then Jiangmen (chosen on the page): each
    place's policies, evaluated with the same answers, match the engine; a policy that covers both
    places is not repeated; only the chosen places' files are fetched; a place can be removed."""
    facts = {"applicant": "individual", "skill_level": "technician"}
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[1]) if "/assets/places/" in r.url or "/assets/policies/" in r.url else None)
    page.goto(f"{site_url}/{lang}/claim/#place=320583&applicant=individual&skill_level=technician&compare=330604")
    page.wait_for_selector("#compare-place-330604 section")
    page.select_option("#claim-compare-place", "440700")
    page.click("#claim-compare-add")
    page.wait_for_selector("#compare-place-440700 section")
    assert "compare=330604%2C440700" in page.url
    def place(code):
        return [p["id"] for p in json.loads((built_site[0] / lang / "assets" / "places" / f"{code}.json").read_text(encoding="utf-8"))["policies"]]
    here = place("320583")
    assert here == ["kunshan-2017", "jiangsu-2024"]
    # the policies of each place that do not cover Kunshan, in the place's own order
    for code in ("330604", "440700"):
        expected = [pid for pid in place(code) if pid not in here]
        shown = page.eval_on_selector_all(f"#compare-place-{code} section", "ss => ss.map(s => s.id)")
        assert shown == [f"compare-{code}-{pid}" for pid in expected] and expected
        for pid in expected:
            policy = next(p for p in POLICIES if p["id"] == pid)
            facts_p, _ = parse(policy["facts"], {k: v for k, v in facts.items() if k in policy["facts"]})
            eligible = [r for r in engine.evaluate(policy, facts_p)["benefits"] if r["status"] == "eligible"]
            assert page.inner_text(f"#compare-{code}-{pid} .calc-total").split("\n")[0].endswith(f": {len(eligible)}")
    wanted = {"320583", "330604", "440700", *here, *place("330604"), *place("440700")}
    assert {f.removesuffix(".json") for f in fetched} <= wanted and len(wanted) < len(POLICIES) + 3, fetched  # not every policy
    from test_accessibility import axe_violations
    assert axe_violations(page) == []
    page.click("#claim-compare-chosen li:first-child button")  # remove Shangyu
    page.wait_for_selector("#compare-place-330604", state="detached")
    assert "compare=440700" in page.url and page.locator("#compare-place-440700 section").count() == 1
    assert page.evaluate("() => document.activeElement.id") == "claim-compare-place"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_place_that_cannot_be_loaded_for_comparison_says_so_and_can_be_retried(page, site_url, lang):
    from hooks.strings import STRINGS
    page.route("**/assets/places/330604.json", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(f"{site_url}/{lang}/claim/#place=320583&applicant=individual&skill_level=technician&compare=330604")
    alert = page.wait_for_selector("#claim-compare-output [role=alert]")
    assert STRINGS["compare_elsewhere_failed"][lang] in alert.inner_text()
    assert page.locator("#claim-compare-output section").count() == 0
    page.unroute("**/assets/places/330604.json")
    page.click("#claim-compare-output [role=alert] button")  # try again
    page.wait_for_selector("#compare-place-330604 section")


@pytest.mark.browser
def test_at_most_three_places_are_compared_and_unknown_ones_are_left_out(page, site_url):
    page.goto(f"{site_url}/en/claim/#place=320583&applicant=individual&compare=330604,440700,999999,1")
    page.wait_for_selector("#compare-place-440700")
    assert page.locator("#claim-compare-chosen li").count() == 2
    page.select_option("#claim-compare-place", "341504")  # a third, by the keyboard
    page.focus("#claim-compare-add")
    page.keyboard.press("Enter")
    page.wait_for_selector("#compare-place-341504")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith("Remove Anhui")  # (the focus is not lost)
    assert "compare=330604%2C440700%2C341504" in page.url
    page.goto(f"{site_url}/en/claim/#place=320583&applicant=individual&compare=330604,440700,999999,1,341504,330600")
    page.wait_for_selector("#compare-place-341504")
    assert page.locator("#claim-compare-chosen li").count() == 3
    assert page.is_disabled("#claim-compare-add") and page.is_disabled("#claim-compare-place")
    assert "Remove one" in page.inner_text("#claim-compare-help")
    assert page.locator("#claim-compare-place option[value='320583']").is_disabled()  # (the person's own place)
