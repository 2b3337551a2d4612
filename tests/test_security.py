"""Content-Security-Policy on every page, no violations in the browser, and hostile rule data rendered inert."""

import copy
import re

import pytest

from calculators.build import compile as rules
from test_browser import assert_stayed_home, open_calculator

LANGS = ("zh", "en")


def page_paths(policies, lang):
    """One URL of every page type: the fixed pages, the comparisons (index, a kind, a persona), and
    each policy's overview and full text."""
    paths = [f"/{lang}/", f"/{lang}/policies/", f"/{lang}/benefits/", f"/{lang}/benefits/enterprise/320000/", f"/{lang}/search/", f"/{lang}/about/method/",
             f"/{lang}/about/accessibility/", f"/{lang}/404.html", f"/{lang}/compare/",
             f"/{lang}/compare/kinds/master-studio/", f"/{lang}/compare/situations/new-technician-shortage/"]
    for p in policies:
        paths += [f"/{lang}/policies/{p['id']}/", f"/{lang}/policies/{p['id']}/text/"]
    return paths


def test_every_html_file_carries_a_strict_policy_before_any_script(built_site):
    site, _ = built_site
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 19  # 9 per language and the chooser, with one policy
    for f in files:
        html = f.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, f"{f}: no CSP <meta>"
        assert head.index(meta.group(0)) < head.find("<script") or "<script" not in head, f"{f}: a script precedes the CSP"
        policy = dict(d.strip().split(" ", 1) for d in meta.group(1).split(";"))
        assert "'unsafe-inline'" not in meta.group(1) and "'unsafe-eval'" not in meta.group(1)
        assert all(src == "'self'" or src.startswith("'sha256-") for src in policy["script-src"].split()), f
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"


@pytest.mark.parametrize("lang", LANGS)
def test_no_policy_violation_on_any_page_type(page, site_url, corpus, lang):
    violations = {}
    for path in ["/"] + page_paths(corpus[0], lang):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        violations[path] = page.evaluate("window.__csp")
    # the search: Pagefind's module, its worker and its WebAssembly, results rendered
    page.goto(site_url + f"/{lang}/search/?q=" + ("%E8%A1%A5%E8%B4%B4" if lang == "zh" else "subsidy"))
    page.locator("#site-search-results li").first.wait_for(timeout=30000)
    violations["search"] = page.evaluate("window.__csp")
    # the calculator: Pyodide in its worker, a result rendered
    open_calculator(page, site_url, lang, "#applicant=training_institution&high_skill_trainees=250")
    page.locator("#result-high-skill-training-volume-reward").wait_for()
    violations["calculator"] = page.evaluate("window.__csp")
    assert {k: v for k, v in violations.items() if v} == {}
    assert_stayed_home(page, site_url)


# ---------------------------------------------------------------- hostile data renders as text

IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"


def _hostile(policy):
    """A compiled policy whose every kind of displayed string carries markup; the validator would refuse it."""
    p = copy.deepcopy(policy)
    noted = next(b for b in p["benefits"] if b.get("notes"))
    for pair in (p["title"], p["short_title"], p["summary"], p["benefits"][0]["title"], p["text"][4],
                 p["facts"]["applicant"]["label"], noted["notes"][0]):
        pair["zh"] = f"{IMG} {LINK} {pair['zh']}"
        pair["en"] = f"{IMG} {LINK} {pair['en']}"
    return p


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from hooks import build
    from site_server import serve_site
    policies, dictionary = rules.load_all_or_raise()
    shangyu = next(p for p in policies if p["id"] == "shangyu-2023")
    site = tmp_path_factory.mktemp("hostile") / "site"
    real = rules.load_all_once  # what the hooks call
    rules.load_all_once = lambda *a, **k: ([_hostile(shangyu)], dictionary, [])
    try:
        build.build_all(site)
    finally:
        rules.load_all_once = real
    url, server = serve_site(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_rule_data_is_shown_as_text(browser, hostile_site, corpus, lang):
    shangyu = next(p for p in corpus[0] if p["id"] == "shangyu-2023")
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = f"{hostile_site}/{lang}/policies/shangyu-2023/"
    for path in ("", "text/", "calculator/#applicant=individual&new_apprentices=3"):
        page.goto(base + path)
        if path.startswith("calculator"):  # (not "networkidle": Playwright never sees a shared worker's script arrive)
            page.wait_for_function("() => document.querySelector('#calc-output').textContent.length > 0", timeout=60000)
        else:
            page.wait_for_load_state("networkidle")
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        body = page.inner_text("body")
        assert IMG in body and LINK in body, path
    listed = f"/benefits/{shangyu['benefits'][0]['recipients'][0].replace('_', '-')}/330000/"  # its first benefit
    for path in ("/", "/policies/", "/benefits/", listed):
        page.goto(f"{hostile_site}/{lang}{path}")
        assert page.locator("img[src=x]").count() == 0 and page.locator("a[href^='javascript']").count() == 0
        if path in ("/policies/", listed):  # (the others show no policy's title)
            assert IMG in page.inner_text("body")
    page.close()
    assert dialogs == []


def test_no_request_from_any_worker_leaves_the_origin(browser, site_url, tmp_path):
    """The calculator's shared worker, and the service worker, fetch out of the pages' sight
    (Playwright sees only a page's own and its dedicated workers' requests): Chromium's own network
    log of a whole visit lists every request the browser made, from any worker."""
    import json

    from site_server import CHROMIUM, CHROMIUM_ARGS, shared_workers
    log = tmp_path / "netlog.json"
    logged = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--log-net-log={log}"])
    try:
        page = logged.new_page()
        open_calculator(page, site_url, "zh", "#applicant=training_institution&high_skill_trainees=250")
        page.locator("#result-high-skill-training-volume-reward").wait_for(timeout=60000)
        page.goto(site_url + "/en/claim/#place=330604&applicant=training_institution&high_skill_trainees=250")
        page.locator("#result-high-skill-training-volume-reward").wait_for(timeout=60000)
        page.wait_for_function("async () => Boolean((await navigator.serviceWorker.ready).active)", timeout=60000)
        assert site_url + "/en/assets/worker.js" in shared_workers(page)  # (the calculator really ran in a shared worker)
    finally:
        logged.close()  # (the log is complete once the browser has closed)
    netlog = json.loads(log.read_text())
    start = netlog["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    # what the site's pages and workers asked for (the browser's own services ask as "not an origin")
    urls = {e["params"]["url"] for e in netlog["events"] if e["type"] == start
            and e.get("params", {}).get("initiator", "not an origin") != "not an origin"}
    assert any(u.endswith("/pyodide.asm.wasm") for u in urls)  # the workers' requests are among them
    assert any(u.endswith("/zh/assets/policies/shangyu-2023.json") for u in urls)
    assert sorted(u for u in urls if not u.startswith((site_url + "/", "data:", "blob:"))) == []
