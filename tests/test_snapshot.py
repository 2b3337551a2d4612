"""Start-up from a memory snapshot (hooks/assets/worker.js): the first visit boots Python and saves
the booted interpreter's memory; a later visit starts from it and gives the same results; a stored
snapshot that is damaged in any way is dropped, and the calculator boots and is still right."""

from test_browser import assert_stayed_home
from test_offline import CARD, SHANGYU, rules_version

START = "() => document.documentElement.dataset.calcStart"  # "boot" or "snapshot", set when the runtime is ready
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
    card, version = first_visit(page, site_url)
    for damage in (FLIP_BYTES, NOT_A_SNAPSHOT):
        page.evaluate(damage)
        warnings.clear()
        assert reload(page) == ("boot", card, version)
        assert any("snapshot failed, booting instead" in w for w in warnings), warnings
        page.wait_for_function(SAVED, timeout=60000)  # a new one is made ...
        assert reload(page) == ("snapshot", card, version)  # ... and used
    assert_stayed_home(page, site_url)
