"""“What can I claim?” in Chromium, both languages: from the home page on a phone to the results of
each place, only the questions that can still change a result, several policies in one view, a
draft apart, shared and bad links, the printed checklist, axe and the keyboard."""

import pytest
from test_accessibility import axe_violations, choose_with_keys, type_250_trainees_and_submit
from test_browser import READY, assert_readable, assert_stayed_home

from calculators.build import compile as rules
from calculators.build import places
from calculators.runtime import interview
from calculators.runtime.engine import evaluate

CLAIM = "/{lang}/claim/"
PLACES = {"320583": "kunshan-2017", "330604": "shangyu-2023", "341504": "yeji", "440700": "jiangmen-draft", "320000": "jiangsu-2024"}
VISIBLE = "() => [...document.querySelectorAll('.calc-field[data-fact]')].filter(f => !f.hidden).map(f => f.dataset.fact)"


def wait_ready(page, lang):
    page.wait_for_function("text => document.getElementById('calc-progress-text').textContent === text", arg=READY[lang], timeout=60000)


def open_claim(page, site_url, lang, fragment=""):
    page.goto(site_url + CLAIM.format(lang=lang) + fragment)
    wait_ready(page, lang)


def choose_place(page, code, data):
    """Pick the place with the three lists, as a person would."""
    steps = [n["code"] for n in data[code]["names"]]
    page.select_option("#place-province", steps[0])
    page.select_option("#place-city", steps[1] if len(steps) > 1 else steps[0])
    if page.locator("#place-district").is_visible():
        page.select_option("#place-district", steps[2] if len(steps) > 2 else steps[1])


def set_answer(page, fact, value):
    field = page.locator(f"#q-{fact}")
    text = {True: "true", False: "false"}.get(value, str(value))
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(text)
    else:
        field.fill(text)


@pytest.fixture(scope="module")
def claim_data(corpus):
    policies, dictionary = corpus
    return places.place_data(policies, dictionary), {p["id"]: p for p in policies}


def situation(policy):
    """A worked example of the place's own policy that grants something: its answers, and a benefit it grants."""
    for ex in policy["examples"]:
        granted = [b["id"] for b in evaluate(policy, ex["facts"])["benefits"] if b["status"] == "eligible"]
        if "applicant" in ex["facts"] and granted and len(ex["facts"]) <= 6:
            return ex["facts"], granted[0]
    raise AssertionError(f"{policy['id']} has no short example that grants something")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", list(PLACES))
def test_a_new_user_on_a_phone_reaches_the_results_of_each_place(browser, site_url, claim_data, lang, code):
    """From the home page, through the header's link, on a 390 px screen: after each answer the
    page shows exactly the questions the engine says can still change a result."""
    data, by_id = claim_data
    own = by_id[PLACES[code]]
    facts, granted = situation(own)
    covering = [rules.for_browser(by_id[p["id"]]) for p in data[code]["policies"]]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + f"/{lang}/")
    page.locator("a.claim-link").click()
    page.wait_for_url("**/claim/")
    choose_place(page, code, data)
    page.locator("#q-applicant").wait_for(state="visible")
    given = {}
    while True:
        expected = interview.run(covering, given)["questions"]
        page.wait_for_function(f"expected => JSON.stringify(({VISIBLE})()) === JSON.stringify(expected)", arg=expected, timeout=60000)
        todo = [f for f in expected if f not in given and f in facts]
        if not todo:
            break
        set_answer(page, todo[0], facts[todo[0]])
        given[todo[0]] = {True: "true", False: "false"}.get(facts[todo[0]], str(facts[todo[0]]))
    card = page.locator(f"#result-{own['id']}--{granted}" if len(covering) > 1 else f"#result-{granted}")
    card.wait_for(state="attached")
    assert card.evaluate("c => c.classList.contains('calc-card-eligible')")
    sections = page.eval_on_selector_all("#calc-output section.calc-policy", "ss => ss.map(s => s.id)")
    assert sections == [f"policy-{p['id']}" for p in data[code]["policies"]]
    page.close()
    context.close()


def test_a_kunshan_worker_sees_kunshan_and_jiangsu_in_one_view(page, site_url):
    open_claim(page, site_url, "en", "#place=320583&applicant=individual&skill_level=technician")
    page.locator("#policy-jiangsu-2024").wait_for()
    output = page.inner_text("#calc-output")
    assert page.locator("#policy-kunshan-2017").count() == 1
    assert "not added across policies" in output  # no total across policies, and the page says why
    assert "District or county" in page.inner_text("#policy-kunshan-2017 h3") and "Provincial" in page.inner_text("#policy-jiangsu-2024 h3")
    assert page.locator("#q-skill_level").count() == 1  # shared by both policies, asked once
    jiangsu = page.inner_text("#policy-jiangsu-2024")
    assert "You can claim: 2" in jiangsu and "Cash total" not in jiangsu  # services and rights, no money: no "RMB 0"
    assert_readable(page)
    assert_stayed_home(page, site_url)


def test_a_shangyu_enterprise_sees_only_shangyu_with_the_responsible_departments(page, site_url):
    open_claim(page, site_url, "zh", "#place=330604&applicant=enterprise&trained_senior_plus=600")
    page.locator("#calc-output section.calc-policy").first.wait_for()
    assert page.eval_on_selector_all("#calc-output section.calc-policy", "ss => ss.map(s => s.id)") == ["policy-shangyu-2023"]
    card = page.locator("#result-in-house-certification-reward")
    assert "200,000元" in card.inner_text()
    assert "责任单位: 区人力社保局、区财政局、区经信局" in card.inner_text()
    assert "不跨政策相加" not in page.inner_text("#calc-output")  # one policy: nothing to say about adding up


def test_jiangmen_shows_the_draft_apart_and_never_says_you_can_claim(page, site_url):
    for lang, never, apart in (("en", "You can claim", "What the draft would grant if adopted"), ("zh", "您可以领取或享受", "如草案通过，可领取或享受")):
        open_claim(page, site_url, lang, "#place=440700&applicant=enterprise&large_or_medium_enterprise=true"
                   "&skills_evaluation_recognised_effective=true&evaluation_certified_high_skill=30")
        page.locator("#result-enterprise-evaluation-subsidy").wait_for()
        assert apart in page.inner_text("#calc-output")
        assert never not in page.inner_text("#calc-output")
        assert page.locator("#calc-output .draft-notice").count() == 1


def test_the_questions_shown_fall_as_answers_rule_benefits_out(page, site_url):
    open_claim(page, site_url, "en", "#place=330604&applicant=individual")
    count = lambda: len(page.evaluate(VISIBLE))  # noqa: E731
    page.wait_for_function(f"() => ({VISIBLE})().length > 2")
    start = count()
    set_answer(page, "enterprise_employee_insured", True)
    page.locator("#q-shortage_occupation").wait_for(state="visible")
    more = count()
    set_answer(page, "enterprise_employee_insured", False)
    page.locator("#q-shortage_occupation").wait_for(state="hidden")
    assert count() < more and count() <= start
    assert page.locator("#q-enterprise_employee_insured").is_visible()  # an answered question stays, to be changed


def test_before_the_runtime_is_ready_the_first_questions_show(browser, site_url, claim_data):
    """The worker is held back: the build-time first questions show anyway."""
    data, _ = claim_data
    context = browser.new_context()
    context.route("**/pyodide/**", lambda route: None)  # never answered: the runtime never loads
    page = context.new_page()
    page.goto(site_url + CLAIM.format(lang="en"))
    choose_place(page, "330604", data)
    page.select_option("#q-applicant", "enterprise")
    assert page.evaluate(VISIBLE) == data["330604"]["first"]["enterprise"]
    context.close()


def test_a_shared_link_reproduces_the_results(page, site_url, browser):
    open_claim(page, site_url, "zh", "")
    page.select_option("#place-province", "320000")
    page.select_option("#place-city", "320500")
    page.select_option("#place-district", "320583")
    set_answer(page, "applicant", "individual")
    page.locator("#q-skill_level").wait_for(state="visible")
    set_answer(page, "skill_level", "senior_technician")
    page.wait_for_function("() => location.hash.includes('skill_level=senior_technician')")
    # the hash changes as soon as the answer does; the results follow it (a senior technician is
    # 高技能人才, so the province's policy grants something only once the answer has been evaluated)
    page.locator("#policy-jiangsu-2024", has_text="您可以领取或享受").wait_for()
    link, shown = page.url, page.inner_text("#calc-output")
    assert "v=" in link and "place=320583" in link
    other = browser.new_context().new_page()
    other.goto(link)
    wait_ready(other, "zh")
    other.locator("#policy-jiangsu-2024", has_text="您可以领取或享受").wait_for()
    assert other.input_value("#place-district") == "320583"
    assert other.inner_text("#calc-output") == shown
    other.context.close()


@pytest.mark.parametrize("lang,fragment,message", [
    ("en", "#place=999999&applicant=individual", "names a place this site does not know"),
    ("zh", "#place=999999&applicant=individual", "这个链接中的地区本站没有收录"),
    ("en", "#place=330604&applicant=individual&no_such_question=1", "no longer asks, so nothing is computed from it: no_such_question"),
    ("zh", "#place=330604&applicant=individual&no_such_question=1", "本页不再提问的回答"),
    ("en", "#place=330604&applicant=president", "not one of the choices"),
])
def test_a_bad_link_gets_a_message_and_no_result(page, site_url, lang, fragment, message):
    open_claim(page, site_url, lang, fragment)
    notice = page.locator("#calc-link-notice")
    notice.wait_for()
    assert message in notice.inner_text()
    page.click("button[type=submit]")
    page.wait_for_timeout(500)
    assert page.inner_text("#calc-output").strip() == ""


def test_a_link_made_under_other_rules_is_computed_with_a_warning(page, site_url):
    open_claim(page, site_url, "en", "#v=0000000000&place=330604&applicant=enterprise&trained_senior_plus=600")
    page.locator("#result-in-house-certification-reward").wait_for()
    notice = page.inner_text("#calc-link-notice")
    assert "made under other rules (0000000000)" in notice and page.get_attribute("#calc", "data-rules") in notice


@pytest.mark.parametrize("lang,province,city,message", [
    ("en", "none", None, "does not cover this place yet"),
    ("zh", "330000", "330600", "本站还没有收录适用于这里的政策"),
])
def test_a_place_not_covered_says_so(page, site_url, lang, province, city, message):
    open_claim(page, site_url, lang)
    page.select_option("#place-province", province)
    if city:
        page.select_option("#place-city", city)
        page.select_option("#place-district", city)  # "elsewhere in Shaoxing": no Shaoxing or Zhejiang policy
    page.locator(".claim-not-covered").wait_for()
    assert message in page.inner_text("#claim-coverage")
    assert page.evaluate(VISIBLE) == []


def test_the_printed_checklist(page, site_url):
    open_claim(page, site_url, "en", "#place=330604&applicant=enterprise&trained_senior_plus=600")
    page.locator("#result-in-house-certification-reward").wait_for()
    page.emulate_media(media="print")
    checklist = page.locator("#calc-checklist")
    assert checklist.is_visible() and not page.locator("#calc-form").is_visible() and not page.locator("#calc-results").is_visible()
    text = checklist.inner_text()
    for expected in ("Checklist to take along", "Zhejiang Province · Shaoxing · Shangyu District", "RMB 200,000",
                     "Responsible department: District Human Resources and Social Security Bureau", "Clause: Part III (2) item 13",
                     "Who is asking? An enterprise", "Rules version"):
        assert expected in text, expected
    page.emulate_media(media="screen")
    assert not checklist.is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_nothing_in_any_state_of_the_claim_page(page, site_url, lang):
    open_claim(page, site_url, lang)
    states = {"empty": axe_violations(page)}
    page.select_option("#place-province", "none")
    page.locator(".claim-not-covered").wait_for()
    states["not covered"] = axe_violations(page)
    open_claim(page, site_url, lang, "#place=320583&applicant=individual&skill_level=technician")
    page.locator("#policy-jiangsu-2024").wait_for()
    states["questions and results"] = axe_violations(page)
    for details in page.locator("#calc-output details").all():
        details.evaluate("d => d.open = true")
    states["everything open"] = axe_violations(page)
    open_claim(page, site_url, lang, "#place=999999")
    page.locator("#calc-link-notice").wait_for()
    states["bad link"] = axe_violations(page)
    assert {k: v for k, v in states.items() if v} == {}


def test_the_keyboard_alone_reaches_results(page, site_url):
    open_claim(page, site_url, "en")
    page.locator("body").focus()
    choose_with_keys(page, "place-province", "330000")
    choose_with_keys(page, "place-city", "330600")
    choose_with_keys(page, "place-district", "330604")
    page.locator("#q-applicant").wait_for(state="visible")
    choose_with_keys(page, "q-applicant", "training_institution")
    page.locator("#q-high_skill_trainees").wait_for(state="visible")
    type_250_trainees_and_submit(page, most=20)
