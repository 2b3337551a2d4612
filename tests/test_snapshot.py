"""Start-up from a memory snapshot (hooks/assets/worker.js): the first visit boots Python and saves
the booted interpreter's memory; a later visit starts from it and gives the same results for every
kind of answer; a stored snapshot that is damaged in any way is dropped, and the calculator boots
and is still right. And the runtime kept running (a shared worker, boot.js): a reload or another
page finds it and gives the same results.

A page uses a shared worker where the browser has them, and that worker outlives a reload; the
snapshot is what a visit starts from once it has ended (or where there are no shared workers). The
snapshot tests therefore run their pages without shared workers (DEDICATED)."""

from test_browser import assert_stayed_home
from test_offline import CARD, SHANGYU, rules_version

START = "() => document.documentElement.dataset.calcStart"  # "boot", "snapshot" or "kept", set when the runtime is ready
SAVED = "() => document.documentElement.dataset.calcSnapshot === 'saved'"
STORED = """async () => {
  const cache = await caches.open("calculator-snapshot");
  return Promise.all((await cache.keys()).map(async (k) => [k.url, (await (await cache.match(k)).arrayBuffer()).byteLength]));
}"""
# Damage the stored snapshot: flip bytes all through it and keep its recorded digest.
FLIP_BYTES = """async () => {
  const cache = await caches.open("calculator-snapshot");
  const [key] = await cache.keys();
  const hit = await cache.match(key);
  const bytes = new Uint8Array(await hit.arrayBuffer());
  for (let i = 4096; i < bytes.length; i += 65536) bytes[i] ^= 0x5a;
  await cache.put(key, new Response(bytes, { headers: hit.headers }));
}"""
# Replace it with bytes that are not a snapshot but match the digest stored with them: only
# Pyodide's own checks can refuse them.
NOT_A_SNAPSHOT = """async () => {
  const cache = await caches.open("calculator-snapshot");
  const [key] = await cache.keys();
  const bytes = new Uint8Array(1 << 20);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
  const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
  await cache.put(key, new Response(bytes, { headers: { "x-sha256": digest } }));
}"""


DEDICATED = "delete window.SharedWorker"  # a browser without shared workers: each page has its own


def first_visit(page, site_url, lang="zh"):
    page.goto(site_url + SHANGYU.format(lang=lang))
    page.locator(CARD).wait_for(timeout=60000)
    assert page.evaluate(START) == "boot"
    page.wait_for_function(SAVED, timeout=60000)
    return page.locator(CARD).inner_text(), rules_version(page)


def reload(page):
    page.reload()
    page.locator(CARD).wait_for(timeout=60000)
    return page.evaluate(START), page.locator(CARD).inner_text(), rules_version(page)


def test_a_second_visit_starts_from_the_snapshot_and_gives_the_same_result(page, site_url):
    page.add_init_script(DEDICATED)
    card, version = first_visit(page, site_url)
    assert "40,000" in card
    [(key, size)] = page.evaluate(STORED)
    assert key.startswith(site_url + "/pyodide/") and size > 1_000_000  # one snapshot, named under this runtime's version
    assert reload(page) == ("snapshot", card, version)
    # the other language shares the runtime, and so the snapshot
    page.goto(site_url + SHANGYU.format(lang="en"))
    page.locator(CARD).wait_for(timeout=60000)
    assert page.evaluate(START) == "snapshot" and "40,000" in page.locator(CARD).inner_text()
    assert_stayed_home(page, site_url)


def test_a_damaged_snapshot_is_dropped_and_the_calculator_boots_with_the_right_result(page, site_url):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.add_init_script(DEDICATED)
    card, version = first_visit(page, site_url)
    for damage in (FLIP_BYTES, NOT_A_SNAPSHOT):
        page.evaluate(damage)
        warnings.clear()
        assert reload(page) == ("boot", card, version)
        assert any("snapshot failed, booting instead" in w for w in warnings), warnings
        page.wait_for_function(SAVED, timeout=60000)  # a new one is made ...
        assert reload(page) == ("snapshot", card, version)  # ... and used
    assert_stayed_home(page, site_url)


# Answers that take the engine down different paths: a cap, a partial answer, money in words
# refused, a full answer with a monthly allowance, and the claim page over several policies.
CASES = [
    "/en/policies/shangyu-2023/calculator/#applicant=training_institution&high_skill_trainees=600",
    "/en/policies/shangyu-2023/calculator/#applicant=enterprise&trained_senior_plus=100",
    "/zh/policies/kunshan-2017/calculator/#applicant=individual&college_teacher_trained_abroad=true"
    "&overseas_subsidy_years=0&overseas_training_fees=5万",
    "/zh/policies/shangyu-2023/calculator/#applicant=individual&enterprise_employee_insured=true&shortage_occupation=true"
    "&certificate_timing=new&skill_level=technician&post_allowance_received=false&promotion_subsidy_received=false",
    "/en/claim/#place=330604&applicant=training_institution&high_skill_trainees=250",
]
SHOWN = """() => document.getElementById("calc-output").children.length > 0
  || [...document.querySelectorAll("[id^='error-']")].some((e) => !e.hidden)"""


def shown(page, url):
    """Everything the calculator shows for a link, its folded parts unfolded."""
    page.goto(url)
    page.wait_for_function(SHOWN, timeout=60000)
    page.wait_for_timeout(300)  # (a result and its questions settle together; nothing more should come)
    for details in page.locator("#calc details").all():
        details.evaluate("d => d.open = true")
    return page.evaluate(START), page.inner_text("#calc")


def test_the_snapshot_and_the_kept_runtime_give_what_a_boot_gives_for_every_kind_of_answer(browser, site_url):
    booted = []
    for case in CASES:
        context = browser.new_context()
        booted.append(shown(context.new_page(), site_url + case))
        context.close()
    assert {start for start, _ in booted} == {"boot"}
    ways = {}
    for way, script in (("snapshot", DEDICATED), ("kept", "")):
        context = browser.new_context()
        try:
            context.add_init_script(script)
            page = context.new_page()
            first_visit(page, site_url)
            # each case a full page load: the snapshot restored, or the runtime still running
            ways[way] = [shown(page, site_url + case) for case in CASES]
        finally:
            context.close()
    # (the English pages have a worker of their own, which the first English case starts from the
    # snapshot; the second case is the same page with another fragment)
    assert [start for start, _ in ways["kept"]] == ["snapshot", "snapshot", "kept", "kept", "kept"]
    assert {start for start, _ in ways["snapshot"]} == {"snapshot"}
    for way in ways.values():
        assert [text for _, text in way] == [text for _, text in booted]
    assert "5万" in booted[2][1] and "RMB 100,000" in booted[0][1]  # (the cases did what they are for)


def test_a_reload_and_another_page_keep_the_running_runtime(page, site_url):
    card, version = first_visit(page, site_url)
    assert reload(page) == ("kept", card, version)
    # another policy's calculator, by a full page load: its own policy, on the same runtime
    page.goto(site_url + "/zh/policies/kunshan-2017/calculator/#applicant=individual&college_teacher_trained_abroad=true"
              "&overseas_subsidy_years=0&overseas_training_fees=80000")
    card = page.locator("#result-teacher-overseas-training-subsidy")
    card.wait_for(timeout=60000)
    assert page.evaluate(START) == "kept"
    assert "40,000元" in card.inner_text() and "120,000元" in card.inner_text()  # 50% of 80,000 a year, for 3 years
    assert_stayed_home(page, site_url)
