"""Search (Pagefind, hooks/search.py + assets/search.js): it finds Chinese and English words in
policy texts and benefits, a first search downloads at most 500 KB, hostile queries are shown as
text, pages without search load none of it, and a synthetic corpus of 30 policies is searchable."""

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_accessibility import axe_violations

from hooks.strings import STRINGS

ROOT = Path(__file__).resolve().parent.parent
FIRST_SEARCH_BUDGET = 500_000  # bytes, whatever the size of the corpus (issue 17)
STATUS = "#site-search-status"


def search(page, base, lang, query):
    """Open the search page with a query in its address; wait for its result line."""
    page.goto(f"{base}/{lang}/search/?q={urllib.parse.quote(query)}")
    page.wait_for_function("() => { const s = document.getElementById('site-search-status').textContent;"
                           " return s && !s.endsWith('…'); }", timeout=30000)
    return page.inner_text(STATUS)


def results(page):
    return page.eval_on_selector_all("#site-search-results li", "items => items.map(li => ({"
                                     "href: li.querySelector('a').href, title: li.querySelector('a').textContent,"
                                     "marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))")


@pytest.mark.parametrize("lang,query,where,status", [
    ("zh", "技能大师工作室", "/policies/", "条结果"),  # a word in the policies' texts and benefits, segmented
    ("zh", "补贴", "/policies/", "条结果"),            # a word only ever written inside longer words (技能补贴, 补贴标准)
    ("en", "master studio", "/policies/", "results for"),
])
def test_a_search_finds_words_in_the_policies_and_downloads_little(page, site_url, lang, query, where, status):
    said = search(page, site_url, lang, query)
    assert status in said and query in said
    found = results(page)
    assert 1 <= len(found) <= 10
    for _ in range(3):  # the policies' own pages among the first results (comparisons may rank first)
        if any(where in r["href"] for r in found) or page.locator("#site-search-more").is_hidden():
            break
        page.click("#site-search-more")
        page.wait_for_function("n => document.querySelectorAll('#site-search-results li').length > n", arg=len(found))
        found = results(page)
    assert any(where in r["href"] for r in found)
    assert all(r["href"].startswith(f"{site_url}/{lang}/") for r in found)  # within this language's site
    assert any(m for r in found for m in r["marks"])  # the words found are marked in the excerpts
    loaded = [r for r in page.requests if "/pagefind/" in r]
    assert loaded and all(r.startswith(site_url) for r in page.requests)
    size = sum(len(urllib.request.urlopen(r).read()) for r in set(loaded))
    assert size <= FIRST_SEARCH_BUDGET, f"a first search downloaded {size} bytes"
    assert page.evaluate("window.__csp") == [] and page.errors == []
    page.locator("#site-search-results a").first.click()  # a result opens its page
    page.wait_for_url(f"{site_url}/{lang}/**")
    assert "/search/" not in page.url


def test_a_place_name_split_by_the_browser_is_found_as_typed(page, site_url):
    """The browser splits 江门 into 江 / 门 (its word list lacks the name), Pagefind's index holds
    江门 as one word, and 门 begins no word in Jiangmen's pages: found by the query as typed."""
    assert page.evaluate("() => [...new Intl.Segmenter('zh', {granularity: 'word'}).segment('江门')].length") == 2  # (the case)
    said = search(page, site_url, "zh", "江门")
    assert "条结果" in said
    found = results(page)
    # the policy's own pages first (they hold the name most often), the name marked as typed
    assert found[0]["href"].startswith(f"{site_url}/zh/policies/jiangmen-draft/") and "江门" in found[0]["marks"]
    while not page.locator("#site-search-more").is_hidden():
        page.click("#site-search-more")
        page.wait_for_function("n => document.querySelectorAll('#site-search-results li').length > n", arg=len(found))
        found = results(page)
    assert f"{site_url}/zh/policies/jiangmen-draft/" in [r["href"] for r in found]
    for r in found:  # each result holds the name as typed
        assert "江门" in urllib.request.urlopen(r["href"]).read().decode("utf-8")
    assert search(page, site_url, "zh", "江门 补贴") != STRINGS["search_none"]["zh"].format(query="江门 补贴")


def test_nothing_found_and_a_hostile_query_are_said_in_words(page, site_url):
    said = search(page, site_url, "en", '<img src=x onerror="window.hit=1">')
    assert 'for “<img src=x onerror="window.hit=1">”' in said  # (its words, such as "x", may be found)
    assert page.locator("#site-search img, #site-search-status *").count() == 0 and page.evaluate("window.hit") is None
    said = search(page, site_url, "zh", "鲸鲨")
    assert said == "没有找到与“鲸鲨”相关的内容。请换一个词，或按地区浏览政策。"


def test_keyboard_alone_searches_and_the_page_passes_axe(page, site_url):
    page.goto(f"{site_url}/zh/")
    page.locator(".search-link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh/search/")
    page.wait_for_function("() => document.activeElement.id === 'site-search-q'")  # the search page starts in its field
    page.keyboard.type("高级技师")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#site-search-results li').length > 0", timeout=30000)
    assert "q=%E9%AB%98%E7%BA%A7%E6%8A%80%E5%B8%88" in page.url  # the search can be shared
    assert page.get_attribute(STATUS, "role") == "status"
    assert axe_violations(page) == []


def test_pages_without_search_download_none_of_it(page, site_url):
    for path in ("/zh/", "/en/policies/", "/zh/policies/shangyu-2023/text/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert not [r for r in page.requests if "/pagefind/" in r or "search_index" in r]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """bench/synthetic.py's corpus (issue 17), N = 30, both languages, built with its search index in
    shards of 25 pages (three a language) and served: (folder, base URL). Beside each language's
    index, the same pages in one index (<lang>/pagefind-whole/): what the shards must answer alike."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic
    from site_server import serve_site
    tmp_path = tmp_path_factory.mktemp("synthetic")
    synthetic.generate(30, tmp_path)
    env = dict(os.environ, NAVIGATOR_BASE_URL="http://127.0.0.1:1/", NAVIGATOR_SEARCH_SHARD="25")  # several shards
    done = subprocess.run([sys.executable, "-m", "hooks.build", "--rules", str(tmp_path / "rules"), "--sources",
                           str(tmp_path / "sources"), "--out", str(tmp_path / "site")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    from hooks import search as indexing
    for lang in ("zh", "en"):
        site = tmp_path / "site" / lang
        indexing.index_pages(site, indexing.pages(site), site / "pagefind-whole", lang)
    url, server = serve_site(tmp_path / "site")
    yield tmp_path, url
    server.shutdown()


def test_a_synthetic_corpus_of_30_policies_builds_and_is_searchable(page, synthetic):
    """The build and the search on bench/synthetic.py's corpus (issue 17): N = 30, both languages."""
    tmp_path, url = synthetic
    assert len(list((tmp_path / "site" / "zh" / "policies").glob("synthetic-*/calculator/index.html"))) == 30
    from hooks import search as indexing
    zh = tmp_path / "site" / "zh"
    # (the same build) a kind with more than KIND_PAGE_ROWS benefits is compared province by province,
    # and its province pages together hold every benefit of the kind, each once
    from hooks.pages import KIND_PAGE_ROWS
    from calculators.build import compile as rules
    policies, _, problems = rules.load_all(tmp_path / "rules", tmp_path / "sources", cache=None)
    kinds = {}
    for p in policies:
        for b in p["benefits"]:
            kinds.setdefault(b["kind"], set()).add(f'{p["id"]}--{b["id"]}')
    big = {k: rows for k, rows in kinds.items() if len(rows) > KIND_PAGE_ROWS}
    assert big and not problems
    for kind, expected in big.items():
        folder = zh / "compare" / "kinds" / kind.replace("_", "-")
        assert 'class="compare-table compare-kinds"' not in (folder / "index.html").read_text()
        shown = [row for page in folder.glob("*/index.html")
                 for row in re.findall(r'<tr id="([^"]+--[^"]+)"', page.read_text())]
        assert len(shown) == len(set(shown)) and set(shown) == expected
    shards = json.loads((zh / "pagefind" / "shards.json").read_text())
    assert len(shards) >= 2 and all((zh / "pagefind" / s / "pagefind-entry.json").is_file() for s in shards)
    first = len(list((zh / "pagefind" / "fragment").iterdir()))  # pages in the first shard (a fragment each)
    later = {"/zh/" + p.parent.as_posix() + "/" for p in indexing.pages(zh)[first:]}  # pages in the shards merged in
    # Ningbo (宁波市) is in no real policy: only in synthetic ones' places and titles
    said = search(page, url, "zh", "宁波市")
    assert "条结果" in said
    ningbo = {r["href"].removeprefix(url) for r in results(page)}
    assert all(any("宁波" in m for m in r["marks"]) for r in results(page))
    assert ningbo & later and ningbo - later  # found in the first shard and in one merged into it
    said = search(page, url, "en", "Zhangjiagang")
    assert any("/policies/synthetic-0007-" in r["href"] for r in results(page))


# A whole index, queried in the page as search.js queries the shards: the URLs of every result.
WHOLE = """async ([folder, query]) => {
  const pf = await import(folder + "pagefind.js");
  await pf.options({ baseUrl: new URL("..", new URL(folder, location.href)).pathname });
  const found = await pf.search(query);
  return (await Promise.all(found.results.map((r) => r.data()))).map((d) => d.url);
}"""


@pytest.mark.parametrize("lang,query,rare,common,expected", [
    ("zh", "宁波 补贴", "宁波", "补贴", "/zh/policies/synthetic-0018-"),  # a place only a later shard holds
    ("en", "Zhangjiagang subsidy", "Zhangjiagang", "subsidy", "/en/policies/synthetic-0007-"),
])
def test_a_search_in_shards_shows_what_one_index_would(page, synthetic, lang, query, rare, common, expected):
    """Every word of a query must be in every result, in whichever shard the result is: a shard that
    lacks the rare word (Pagefind then answers on the others) adds nothing."""
    tmp_path, url = synthetic
    assert json.loads((tmp_path / "site" / lang / "pagefind" / "shards.json").read_text())
    said = search(page, url, lang, query)
    while page.locator("#site-search-more").is_visible():  # every result, not only the first ten
        n = page.locator("#site-search-results li").count()
        page.click("#site-search-more")
        page.wait_for_function("n => document.querySelectorAll('#site-search-results li').length > n", arg=n)
    shown = sorted(r["href"].removeprefix(url) for r in results(page))
    assert str(len(shown)) in said
    folder = f"/{lang}/pagefind-whole/"
    whole = {q: sorted(page.evaluate(WHOLE, [folder, q])) for q in (query, rare, common)}
    assert shown == whole[query]  # what one index of the same pages shows
    assert set(shown) <= set(whole[rare]) & set(whole[common])  # each result holds both words
    assert any(u.startswith(expected) for u in shown)
    assert page.evaluate("window.__csp") == [] and page.errors == []
    assert all(r.startswith(url) for r in page.requests)
