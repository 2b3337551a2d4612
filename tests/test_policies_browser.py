"""Every policy's pages and calculator in the browser, in both languages, with no policy-specific code."""

import pytest

from test_browser import answer, assert_stayed_home, open_calculator

# One case per policy and language, worked out from the source text (clause in the comment).
CASES = [
    # 昆山 二(六)3: a new-type apprenticeship class of 20; 20 certified at 100% of RMB 5,000 a year, 2 years.
    ("kunshan-2017", "zh", dict(applicant="enterprise", new_apprenticeship_class_size="20", new_apprentices_certified="20",
                                new_apprentices_not_certified="0"),
     "enterprise-apprenticeship-subsidy", ["100,000元", "200,000元"]),
    ("kunshan-2017", "en", dict(applicant="enterprise", new_apprenticeship_class_size="20", new_apprentices_certified="10",
                                new_apprentices_not_certified="10"),
     "enterprise-apprenticeship-subsidy", ["RMB 75,000", "RMB 150,000"]),
    # 叶集 六: a National Technical Expert who is also an Anhui Technical Expert gets only the higher award.
    ("yeji", "en", dict(applicant="individual", national_technical_expert_title="true", anhui_technical_expert_title="true"),
     "national-technical-expert-reward", ["RMB 100,000"]),
    ("yeji", "zh", dict(applicant="individual", china_skills_award_winner="true"),
     "china-skills-award-reward", ["150,000元"]),
    # 江门 (16): a Jiangmen Chief Technician: RMB 1,500 a month for at most 3 years = RMB 54,000 (a draft).
    ("jiangmen-draft", "zh", dict(applicant="individual", jiangmen_chief_technician="true"),
     "jiangmen-chief-technician-allowance", ["1,500元", "54,000元"]),
    ("jiangmen-draft", "en", dict(applicant="individual", jiangmen_chief_technician="true"),
     "jiangmen-chief-technician-allowance", ["RMB 1,500", "RMB 54,000"]),
    # 江苏 (五): technician colleges are held to the local higher-vocational standard (an entitlement, no amount).
    ("jiangsu-2024", "en", dict(applicant="school", school_kind="technician_college"),
     "technician-college-higher-vocational-standards", ["Technician colleges"]),
    ("jiangsu-2024", "zh", dict(applicant="individual", technical_school_graduate="true"),
     "technical-graduate-subsidy-parity", ["技工院校毕业生"]),
]


@pytest.mark.parametrize("policy,lang,facts,benefit,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_known_case(page, site_url, policy, lang, facts, benefit, expected):
    open_calculator(page, site_url, lang, policy=policy)
    answer(page, **facts)
    page.click("button[type=submit]")
    card = page.locator(f"#result-{benefit}")
    card.wait_for()
    for text in expected:
        assert text in card.inner_text()
    assert_stayed_home(page, site_url)


def test_only_the_highest_honour_is_paid(page, site_url):
    open_calculator(page, site_url, "en", "#applicant=individual&national_technical_expert_title=true"
                    "&anhui_technical_expert_title=true", policy="yeji")
    page.locator("#result-national-technical-expert-reward").wait_for()
    superseded = page.locator("#result-anhui-technical-expert-reward")
    superseded.wait_for(state="attached")
    assert "only the highest of these is paid" in superseded.text_content()
    assert "RMB 100,000" in page.inner_text("p.calc-total")  # the cash total counts the higher award only


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_draft_says_so_on_its_overview_text_and_every_result(page, site_url, lang):
    notice = {"zh": "这是征求意见稿", "en": "This is a draft for comment"}[lang]
    for path in ("", "text/"):
        page.goto(f"{site_url}/{lang}/policies/jiangmen-draft/{path}")
        assert notice in page.inner_text(".draft-notice")
    open_calculator(page, site_url, lang, "#applicant=individual&jiangmen_chief_technician=true&jiangmen_skill_leader=true",
                    policy="jiangmen-draft")
    page.locator("#result-jiangmen-chief-technician-allowance").wait_for()
    assert notice in page.inner_text("#calc-output")
    badge = {"zh": "征求意见稿", "en": "Draft for comment"}[lang]
    cards = page.locator("#calc-output article.calc-card")
    assert cards.count() >= 2
    for i in range(cards.count()):
        assert badge in cards.nth(i).text_content()


def test_kunshan_shows_its_repeal_and_the_provincial_policy(page, site_url):
    page.goto(site_url + "/en/policies/kunshan-2017/")
    meta = page.inner_text("dl.policy-meta")
    assert "昆政发〔2013〕60号" in meta and "2017-01-01" in meta
    related = page.locator("#related ~ ul, #related ~ h3").all_inner_texts()
    assert any("Jiangsu" in t for t in related)


def test_jiangsu_lists_measures_by_department_targets_and_its_cities(page, site_url):
    page.goto(site_url + "/zh/policies/jiangsu-2024/")
    education = page.locator("#department-education")
    assert "省教育厅" in education.inner_text()
    first = education.locator("a").first
    assert first.get_attribute("href").endswith("text/#measure-1")
    assert "30%" in page.inner_text("#target-skilled-share-of-employed")
    beneath = page.inner_text("#related ~ ul")
    assert "昆山" in beneath
    corrections = page.inner_text("ul.corrections")
    assert "苏政办发〔2024〕37号" in corrections and "2024年12月20日" in corrections
