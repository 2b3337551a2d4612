"""The calculator in Chromium: a known case in each language, bad input, language switch, no off-site requests."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from test_page_text import visible_text_problems

CALC = "/{lang}/policies/{policy}/calculator/"
READY = {"zh": "计算器已就绪。", "en": "The calculator is ready."}


def open_calculator(page, site_url, lang, fragment="", policy="shangyu-2023"):
    """Open a link to the calculator as a new page load (on the page already open, a link that only
    changes the fragment would not load it again, and the results shown could be the last link's)."""
    url = site_url + CALC.format(lang=lang, policy=policy)
    if page.url.split("#")[0] == url:
        page.goto("about:blank")
    page.goto(url + fragment)
    page.wait_for_function("text => document.getElementById('calc-progress-text').textContent === text", arg=READY[lang], timeout=60000)


def answer(page, **answers):
    for fact, value in answers.items():
        field = page.locator(f"#q-{fact}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def assert_readable(page):
    """What the calculator rendered reads as words: no program internals, placeholders or raw ids."""
    for details in page.locator("#calc-output details").all():
        details.evaluate("d => d.open = true")
    assert visible_text_problems(page.inner_text("#calc")) == []


def assert_stayed_home(page, site_url):
    origin = urlparse(site_url).netloc
    outside = [u for u in page.requests if urlparse(u).netloc not in (origin, "") and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert page.errors == []
    assert page.evaluate("() => window.__csp") == []  # recorded by the page fixture


def test_shortage_technician_in_chinese(page, site_url):
    open_calculator(page, site_url, "zh")
    answer(page, applicant="individual", enterprise_employee_insured="true", shortage_occupation="true",
           certificate_timing="new", skill_level="technician", post_allowance_received="false",
           promotion_subsidy_received="false")
    page.click("button[type=submit]")
    card = page.locator("#result-shortage-new-certificate-allowance")
    card.wait_for()
    assert "300元" in card.inner_text() and "10,800元" in card.inner_text() and "按月发放，最长3年" in card.inner_text()
    assert card.locator("a", has_text="查看条款 三（四）21").get_attribute("href").endswith("text/#item-21")
    assert_readable(page)
    assert "现金合计（按全部发放期限）: 10,800元" in page.inner_text("#calc-output")
    expect(page.locator("#calc-results")).to_be_focused()  # the submit's own result, which may come after an earlier one
    assert_stayed_home(page, site_url)


def test_training_institution_in_english_with_a_shared_link(page, site_url):
    open_calculator(page, site_url, "en", "#applicant=training_institution&high_skill_trainees=250")
    card = page.locator("#result-high-skill-training-volume-reward")
    card.wait_for()
    text = card.inner_text()
    assert "RMB 40,000" in text and "paid every year" in text
    page.locator("#result-high-skill-training-volume-reward summary").click()
    assert "250 people make 2 full block(s) of 100" in card.inner_text()
    assert card.locator("a", has_text="See the clause Part III (2) item 12").get_attribute("href").endswith("text/#item-12")
    assert_readable(page)
    open_calculator(page, site_url, "en", "#applicant=training_institution&high_skill_trainees=600")
    # the same page with another fragment: the card is already there, so wait for the new result
    capped = page.locator("#result-high-skill-training-volume-reward", has_text="RMB 100,000")
    capped.wait_for()
    assert "RMB 100,000" in capped.inner_text() and "Cap applied: at most RMB 100,000 a year" in capped.inner_text()
    assert_stayed_home(page, site_url)


@pytest.mark.parametrize("lang,value,message", [
    ("zh", "abc", "请输入不带小数的整数"), ("en", "-3", "This cannot be negative."),
    ("en", "99999999", "This is too large"), ("zh", "2.5", "请输入不带小数的整数"),
])
def test_bad_entry_gets_a_message_beside_the_field_and_no_result(page, site_url, lang, value, message):
    open_calculator(page, site_url, lang, "#applicant=training_institution&high_skill_trainees=250")
    page.locator("#result-high-skill-training-volume-reward").wait_for()
    answer(page, high_skill_trainees=value)
    page.click("button[type=submit]")
    error = page.locator("#error-high_skill_trainees")
    error.wait_for()
    assert message in error.inner_text()
    assert page.get_attribute("#q-high_skill_trainees", "aria-invalid") == "true"
    assert page.inner_text("#calc-output").strip() == ""
    # the message first shows from the evaluation as the field changed; the submit's result then moves the focus
    expect(page.locator("#q-high_skill_trainees")).to_be_focused()


def test_no_applicant_is_refused_in_the_page_language(page, site_url):
    open_calculator(page, site_url, "en")
    page.click("button[type=submit]")
    assert page.inner_text("#error-applicant") == "Choose who is asking first."
    assert page.inner_text("#calc-output").strip() == ""


def test_language_switch_keeps_the_page(page, site_url):
    page.goto(site_url + "/zh/policies/shangyu-2023/text/")
    page.locator("a.md-select__link[lang=en]").dispatch_event("click")
    page.wait_for_url(re.compile(r"/en/policies/shangyu-2023/text/$"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_pages_without_a_calculator_load_no_pyodide(page, site_url):
    for path in ("/zh/", "/zh/policies/shangyu-2023/", "/en/policies/shangyu-2023/text/", "/en/benefits/"):
        page.goto(site_url + path)
    assert not any("pyodide" in u or u.endswith(("calculator.js", "boot.js", "worker.js")) for u in page.requests)
    assert_stayed_home(page, site_url)


def test_without_javascript_the_benefit_table_is_still_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_url + CALC.format(lang="en", policy="shangyu-2023"))
    assert pg.locator("#calc").is_hidden()
    assert pg.locator("table.benefit-table tbody tr").count() >= 45
    context.close()


@pytest.mark.parametrize("lang,value,message", [
    ("zh", "5万", "不要写“5万”"), ("en", "5万", "not “5万”"), ("en", "12.5", "Enter a whole number of yuan"),
])
def test_money_written_in_words_is_refused_with_the_reason(page, site_url, lang, value, message):
    open_calculator(page, site_url, lang, "#applicant=individual&college_teacher_trained_abroad=true&overseas_subsidy_years=0", policy="kunshan-2017")
    answer(page, overseas_training_fees=value)
    page.click("button[type=submit]")
    error = page.locator("#error-overseas_training_fees")
    error.wait_for()
    assert message in error.inner_text()
    assert page.inner_text("#calc-output").strip() == ""


@pytest.mark.parametrize("lang,message", [("zh", "链接中的回答不是可选的选项之一。"), ("en", "The link's answer is not one of the choices.")])
def test_a_tampered_link_is_refused_not_computed(page, site_url, lang, message):
    open_calculator(page, site_url, lang, "#applicant=<script>&high_skill_trainees=250")
    assert message in page.inner_text("#error-applicant")
    assert message in page.inner_text("#calc-link-notice")
    page.click("button[type=submit]")
    assert page.inner_text("#calc-output").strip() == ""


def test_a_partial_answer_shows_what_is_already_known(page, site_url):
    """Shangyu item 13: 600 senior workers reach the 200,000 cap before the junior count is given;
    100 senior workers give "at least" 40,000 while the junior count is missing."""
    open_calculator(page, site_url, "en", "#applicant=enterprise&trained_senior_plus=600")
    card = page.locator("#result-in-house-certification-reward")
    card.wait_for()
    assert card.evaluate("c => c.closest('.calc-group').classList.contains('calc-eligible')")
    assert "RMB 200,000" in card.inner_text()
    open_calculator(page, site_url, "en", "#applicant=enterprise&trained_senior_plus=100")
    card = page.locator("#result-in-house-certification-reward")
    card.wait_for(state="attached")
    page.locator("details.calc-unknown > summary").click()  # "More answers needed" is folded
    assert "From what you have answered so far: RMB 40,000–200,000" in card.inner_text()
    assert_readable(page)


def test_a_draft_never_says_you_can_claim(page, site_url):
    for lang, never, instead in (("en", "You can claim", "What the draft would grant if adopted"),
                                 ("zh", "您可以领取或享受", "如草案通过，可领取或享受")):
        open_calculator(page, site_url, lang, "#applicant=enterprise&large_or_medium_enterprise=true"
                        "&skills_evaluation_recognised_effective=true&evaluation_certified_high_skill=30",
                        policy="jiangmen-draft")
        page.locator("#result-enterprise-evaluation-subsidy").wait_for()
        text = page.inner_text("#calc-output")
        assert instead in text and never not in text
        assert_readable(page)
