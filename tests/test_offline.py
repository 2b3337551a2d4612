"""Start-up in the browser: one runtime per visit, offline after the first visit, a cache that
replaces itself after a rebuild, and a page that stays responsive while the runtime loads."""

import copy
import os
import re
import time

from site_server import shared_workers
from test_browser import READY, open_calculator

from calculators.build import compile as rules

SHANGYU = "/{lang}/policies/shangyu-2023/calculator/#applicant=training_institution&high_skill_trainees=250"
CARD = "#result-high-skill-training-volume-reward"
# Resolves once the language's service worker is active: it has cached everything, and it will
# answer the next page load (it does not take over the page that registered it).
OFFLINE_READY = """async () => (await navigator.serviceWorker.ready).active.scriptURL"""


def rules_version(page):
    return page.inner_text(".rules-version code")


def until(page, script, arg=None, seconds=30):
    """Wait until an async page function gives true (wait_for_function would take its promise for true)."""
    for _ in range(seconds * 5):
        if page.evaluate(script, arg) is True:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"never true: {script}")


def test_after_the_first_visit_an_offline_reload_gives_the_same_result(page, site_url):
    page.goto(site_url + SHANGYU.format(lang="zh"))
    card = page.locator(CARD)
    card.wait_for(timeout=60000)
    before, version = card.inner_text(), rules_version(page)
    assert page.evaluate(OFFLINE_READY).endswith("/zh/sw.js")
    # this first visit's page and policy, loaded before the service worker existed, are kept when the page says so
    until(page, """async () => !!(await caches.match(location.href.split("#")[0]))
                               && !!(await caches.match(new URL("../../../assets/policies/shangyu-2023.json", location.href).href))""")
    listed = page.evaluate("async () => (await (await caches.open((await caches.keys()).find((k) => k.startsWith('navigator-')))).keys()).map((r) => r.url)")
    assert not any("/policies/kunshan-2017/" in u for u in listed)  # not every calculator: they grow with the rules
    # another calculator, opened once online: it is kept as it passes through the service worker
    page.goto(site_url + "/zh/policies/kunshan-2017/calculator/")
    page.wait_for_function("text => document.getElementById('calc-progress-text').textContent === text", arg=READY["zh"], timeout=60000)
    page.goto(site_url + SHANGYU.format(lang="zh"))
    page.locator(CARD).wait_for(timeout=60000)
    page.context.set_offline(True)
    try:
        page.reload()
        page.locator(CARD).wait_for(timeout=60000)
        assert page.locator(CARD).inner_text() == before and "40,000" in before
        assert rules_version(page) == version  # the page says which rules it runs
        # the other calculator opened works offline too
        page.goto(site_url + "/zh/policies/kunshan-2017/calculator/")
        page.wait_for_function("text => document.getElementById('calc-progress-text').textContent === text", arg=READY["zh"], timeout=60000)
    finally:
        page.context.set_offline(False)


def test_one_runtime_per_visit_across_calculators_and_the_claim_page(page, site_url):
    open_calculator(page, site_url, "en", "#applicant=training_institution&high_skill_trainees=250")
    page.locator(CARD).wait_for()
    page.evaluate("() => { window.__sameDocument = true; window.__worker = self.calculatorBoot.worker; }")
    # another policy's calculator, by the list of policies (instant navigation: no page load)
    page.evaluate("() => document.querySelector('.md-nav a[href$=\"/policies/\"]').click()")
    page.locator(".policy-index a[href$='kunshan-2017/calculator/']").click()
    page.wait_for_url(lambda u: "/kunshan-2017/calculator/" in u)  # (its answers follow in the fragment)
    page.wait_for_function("text => document.getElementById('calc-progress-text')?.textContent === text", arg=READY["en"])
    page.select_option("#q-applicant", "individual")
    page.wait_for_function("() => document.getElementById('calc-output').children.length > 0")
    # then "What can I claim?", by the header's link
    page.evaluate("() => document.querySelector('a[href$=\"claim/\"]').click()")
    page.wait_for_url("**/en/claim/")
    page.select_option("#place-province", "330000")
    page.select_option("#place-city", "330600")
    page.select_option("#place-district", "330604")
    page.select_option("#q-applicant", "training_institution")
    page.fill("#q-high_skill_trainees", "250")
    page.locator(CARD).wait_for()
    assert page.evaluate("() => window.__sameDocument && window.__worker === self.calculatorBoot.worker") is True
    assert page.evaluate("() => document.documentElement.dataset.calcStart") == "boot"  # (started once, by the first page)
    assert shared_workers(page) == [site_url + "/en/assets/worker.js"]
    assert page.evaluate("() => window.__csp") == [] and page.errors == []


def test_the_worker_starts_while_the_page_is_parsed_also_after_instant_navigation(page, site_url):
    """When instant navigation brings a calculator into a page that had none, boot.js's copy in
    the calculator starts the worker (the theme merges the new page's <head>, with the first
    copy, without running its scripts), before the theme's bundle and calculator.js have run;
    calculator.js uses that worker: one per visit, with no CSP violation."""
    page.goto(site_url + "/en/policies/")  # no calculator: no worker, no runtime
    assert shared_workers(page) == [] and not any("/pyodide/" in u for u in page.requests)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".policy-index a[href$='shangyu-2023/calculator/']").click()
    page.wait_for_function("text => document.getElementById('calc-progress-text')?.textContent === text", arg=READY["en"], timeout=60000)
    page.select_option("#q-applicant", "training_institution")
    page.fill("#q-high_skill_trainees", "250")
    page.locator(CARD).wait_for()
    assert page.evaluate("() => window.__sameDocument") is True
    assert page.evaluate("() => self.calculatorBoot.worker.shared && self.calculatorBoot.early.length === 0")
    assert shared_workers(page) == [site_url + "/en/assets/worker.js"]
    assert page.evaluate("() => window.__csp") == [] and page.errors == []
    # a new page load: boot.js started the worker, and asked it for the page's policy at once
    page.goto(site_url + SHANGYU.format(lang="en"))
    page.locator(CARD).wait_for(timeout=60000)
    assert page.evaluate("() => self.calculatorBoot.policies") == [site_url + "/en/assets/policies/shangyu-2023.json"]


# Records each worker a page starts: whether the parser had reached the calculator by then, and when.
WORKERS_STARTED = """window.__started = [];
for (const name of ["SharedWorker", "Worker"]) {
  const Original = window[name];
  if (Original) window[name] = class extends Original {
    constructor(...args) { window.__started.push([name, document.getElementById("calc") !== null, performance.now()]); super(...args); }
  };
}"""


def test_on_a_full_page_load_the_worker_starts_while_the_page_waits_for_its_stylesheet(page, site_url):
    """The copy of boot.js at the top of <head> starts the worker as soon as it arrives: here while
    the parser is still held in <head> by the theme's stylesheet (delayed 1.5 s; the parser waits
    for it before running the theme's inline script), long before it reaches the calculator,
    whose copy of boot.js then does nothing. One worker, whose answers are the page's; both page
    types that calculate, both languages."""
    def late(route):
        time.sleep(1.5)
        route.continue_()

    page.add_init_script(WORKERS_STARTED)
    page.route("**/assets/stylesheets/main.*.css", late)
    stylesheet = "() => performance.getEntriesByType('resource').find((e) => e.name.includes('/assets/stylesheets/main.')).responseEnd"
    for lang in ("zh", "en"):
        for path, done in ((SHANGYU.format(lang=lang), lambda: page.locator(CARD).wait_for(timeout=60000)),
                           (f"/{lang}/claim/", lambda: page.wait_for_function(
                               "text => document.getElementById('calc-progress-text')?.textContent === text", arg=READY[lang], timeout=60000))):
            page.goto(site_url + path)
            done()
            [(name, parsed, when)] = page.evaluate("() => window.__started")
            assert (name, parsed) == ("SharedWorker", False)
            assert when < page.evaluate(stylesheet) - 1000, (when, page.evaluate(stylesheet))
    assert page.evaluate("() => window.__csp") == [] and page.errors == []


def test_the_runtime_is_downloaded_once_although_the_service_worker_caches_it(browser, built_site):
    """The first visit downloads each runtime file once: the service worker, registered after the
    first result, takes the runtime from the HTTP cache (it is under a versioned path), even from a
    host that sends no validators and no freshness (as bench/run.py's gzip host), where an ordinary
    fetch would download its 3.8 MB again; and it holds the runtime for offline use."""
    import collections
    import functools
    import http.server
    import threading

    from site_server import StaticHost
    counts = collections.Counter()

    class Counting(StaticHost):
        def do_GET(self):
            counts[self.path.split("?")[0]] += 1
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(built_site[0])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}" + SHANGYU.format(lang="zh"))
        page.locator(CARD).wait_for(timeout=60000)
        assert page.evaluate(OFFLINE_READY).endswith("/zh/sw.js")
        cached = page.evaluate("""async () => { const names = (await caches.keys()).filter((k) => k.startsWith("navigator-zh-"));
            return (await (await caches.open(names[0])).keys()).map((r) => r.url).filter((u) => u.includes("/pyodide/")); }""")
        runtime = {path: n for path, n in counts.items() if "/pyodide/" in path}
        assert {p.rsplit("/", 1)[1] for p in runtime} >= {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"}
        assert all(n == 1 for n in runtime.values()), runtime
        assert sorted(u.split("/pyodide/")[1] for u in cached) == sorted(p.split("/pyodide/")[1] for p in runtime)
    finally:
        context.close()
        server.shutdown()


# Every script that ran in a long animation frame (a frame held up more than 50 ms), from the
# start: what ran, from which file, for how long. (Long tasks alone cannot tell the page's own
# work from the thread being descheduled on a busy machine; the scripts named here are ours.)
LONG_FRAMES = """window.__scripts = [];
new PerformanceObserver((list) => {
  for (const frame of list.getEntries()) for (const s of frame.scripts) window.__scripts.push([s.startTime, s.duration, s.sourceURL, s.invoker]);
}).observe({ type: "long-animation-frame", buffered: true });"""


def test_the_page_is_never_blocked_over_50_ms_while_the_runtime_loads(browser, site_url):
    """Pyodide starts, boots and loads the engine in the worker: no script of ours (the
    calculator, the runtime) holds the page for more than 50 ms while that happens. (On a busy
    machine the theme's own bundle has shown frames of 100-260 ms in that time; not counted.)"""
    context = browser.new_context()
    context.add_init_script(LONG_FRAMES)
    page = context.new_page()
    page.goto(site_url + SHANGYU.format(lang="en"))
    page.wait_for_function("text => document.getElementById('calc-progress-text').textContent === text", arg=READY["en"], timeout=60000)
    loading = page.evaluate("""() => {
      const boot = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/assets/boot.js"));
      return [boot.responseEnd, performance.now()];  // (from when boot.js, which starts the worker, has arrived)
    }""")
    scripts = page.evaluate("() => window.__scripts")
    context.close()
    assert loading[1] > loading[0]
    # ours: the calculator's scripts and the runtime (the theme's bundle, assets/javascripts/, is not ours)
    ours = [s for s in scripts if s[2].startswith(site_url) and "/assets/javascripts/" not in s[2]
            and ("/assets/" in s[2] or "/pyodide/" in s[2]) and s[0] + s[1] > loading[0] and s[0] < loading[1]]
    assert [s for s in ours if s[1] > 50] == [], ours


def test_the_offline_cache_replaces_itself_after_a_rebuild_with_changed_rules(browser, tmp_path):
    from hooks import build
    from site_server import bind, serve_site, url_of
    policies, dictionary = rules.load_all_or_raise()
    shangyu = next(p for p in policies if p["id"] == "shangyu-2023")
    changed = copy.deepcopy(shangyu)
    changed["short_title"]["en"] += " (amended)"
    site = tmp_path / "site"
    server = bind(site)

    def build_with(policy):
        real, before = rules.load_all_once, os.environ.get("NAVIGATOR_BASE_URL")
        rules.load_all_once = lambda *a, **k: ([policy], dictionary, [])
        os.environ["NAVIGATOR_BASE_URL"] = url_of(server) + "/"
        try:
            build.build_all(site)
        finally:
            rules.load_all_once = real
            if before is None:
                del os.environ["NAVIGATOR_BASE_URL"]
            else:
                os.environ["NAVIGATOR_BASE_URL"] = before

    build_with(shangyu)
    url, _ = serve_site(site, server)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + SHANGYU.format(lang="en"))
        page.locator(CARD).wait_for(timeout=60000)
        old = rules_version(page)
        page.evaluate(OFFLINE_READY)
        old_caches = page.evaluate("async () => (await caches.keys()).filter((k) => k.startsWith('navigator-'))")  # (not the memory snapshot's)
        assert len(old_caches) == 1 and old_caches[0].startswith("navigator-en-")
        page.close()

        build_with(changed)
        page = context.new_page()
        page.goto(url + SHANGYU.format(lang="en"))
        page.locator(CARD).wait_for(timeout=60000)
        assert rules_version(page) == old  # this page is the old build's, and says so ...
        page.wait_for_function("() => document.getElementById('calc-progress-text').textContent.includes('Newer rules')", timeout=60000)
        page.close()  # ... until its pages are closed; then the new build's worker takes over
        page = context.new_page()
        page.goto(url + "/")  # outside the language's scope: not a page of the old build
        until(page, """async () => { const r = await navigator.serviceWorker.getRegistration("/en/");
                                     return !!r && !r.waiting && !r.installing && r.active.state === "activated"; }""")
        page.close()

        page = context.new_page()
        page.goto(url + SHANGYU.format(lang="en"))
        page.locator(CARD).wait_for(timeout=60000)
        assert rules_version(page) != old and re.fullmatch(r"[0-9a-f]+", rules_version(page))
        assert "(amended)" in page.inner_text("h1")
        until(page, """async (old) => { const k = (await caches.keys()).filter((k) => k.startsWith("navigator-"));
                                        return k.length === 1 && k[0] !== old; }""", old_caches[0])
    finally:
        context.close()
        server.shutdown()


# A browser whose shared worker fails before it says anything (one that cannot run it as a module).
FAILING_SHARED_WORKER = """window.SharedWorker = class {
  constructor() { this.port = { postMessage() {}, onmessage: null }; setTimeout(() => this.onerror?.(new Event("error")), 50); }
};"""


def test_a_shared_worker_that_cannot_start_gives_way_to_a_dedicated_one(page, site_url):
    page.add_init_script(FAILING_SHARED_WORKER)
    open_calculator(page, site_url, "en", "#applicant=training_institution&high_skill_trainees=250")
    card = page.locator(CARD)
    card.wait_for(timeout=60000)
    assert "RMB 40,000" in card.inner_text()
    assert page.evaluate("() => self.calculatorBoot.worker.shared") is False
    assert page.evaluate("() => document.documentElement.dataset.calcStart") == "boot"
