"""The site's search index, made by Pagefind from the finished pages of each language.

Why Pagefind and not the theme's search: the theme's index is one file that every page downloads
whole (1 MB for five policies, about 200 KB more per policy), and segmenting it with jieba took
about 45% of the build. Pagefind's index is cut into chunks: a query downloads only the chunks of
its words and the excerpts of the results it shows, whatever the size of the corpus. Its
extended build segments Chinese when indexing. It indexes each language's site on its own
(<lang>/pagefind/); `assets/search.js` on the search page queries it. `hooks.build` runs it once
both languages are written, the two languages at once.

Pagefind holds every page it indexes in memory, about 1 MB a page whatever the page's size (1,000
policies: 2.7 GB for one language). So a language's pages are indexed in shards of at most
``SHARD`` pages, one Pagefind run each, one after the other: the first shard is the index that
``search.js`` opens (<lang>/pagefind/), the others (<lang>/pagefind/shard-N/, listed in
<lang>/pagefind/shards.json) are merged into it at the first search (Pagefind's ``mergeIndex``:
each adds its small metadata file and the chunks of the words searched). Memory then stays
bounded whatever the corpus. Pagefind ignores a word of a query that its index does not hold at all
(its "best effort"), so a shard without one of the words would answer on the others: ``search.js``
keeps a result only if each word searched alone (over every shard) finds it too, as one index would.

Not indexed: pages that only repeat what a policy's own pages say (its calculator, the benefits of
a recipient in a province, a kind of benefit compared): a result is the policy's overview or full
text, or one of the site's own pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pagefind_bin_extended
from mkdocs.exceptions import PluginError

# What a result can be: the article of every page (not the navigation, the header, the forms, the
# data the calculators load, or the links from a policy to related ones), and not the 404 page. In
# a policy's full text, each language's index holds the paragraphs in its own language (the Chinese
# site finds the Chinese text, the English site its translation).
EXCLUDE = "nav, form, select, noscript, .calc-output, [hidden], .related"
OTHER = {"zh": ".policy-text .en", "en": ".policy-text .zh"}


SHARD = 700  # pages per Pagefind run at most: about 0.75 GB of memory (NAVIGATOR_SEARCH_SHARD: another size, for tests)
REPEATS = ("policies/*/calculator/index.html", "benefits/*/*/index.html", "compare/kinds/*/index.html",
           "compare/kinds/*/*/index.html")


def args(lang: str) -> list[str]:
    return ["--root-selector", "article", "--exclude-selectors", f"{EXCLUDE}, {OTHER[lang]}",
            "--glob", "**/index.html", "--quiet"]


def pages(site: Path) -> list[Path]:
    """The pages to index, relative to the language's folder, in path order (a policy's pages together)."""
    repeats = {p for pattern in REPEATS for p in site.glob(pattern)}
    return sorted(p.relative_to(site) for p in site.glob("**/index.html")
                  if p not in repeats and not p.parts[len(site.parts)].startswith((".", "pagefind")))


def binary() -> Path:
    path = pagefind_bin_extended.get_executable()
    if path is None:
        raise PluginError("Pagefind's extended binary is missing: run ./dev build (it installs requirements.txt)")
    return path


def index(site: Path, lang: str) -> None:
    """Index one language's finished site (``site`` is its folder, such as site/zh), shard by shard."""
    out = site / "pagefind"
    shutil.rmtree(out, ignore_errors=True)
    found, most = pages(site), int(os.environ.get("NAVIGATOR_SEARCH_SHARD") or SHARD)
    count = -(-len(found) // most) or 1
    size = -(-len(found) // count) or 1  # shards of even size: the fewest that hold at most SHARD pages each
    shards = [found[i:i + size] for i in range(0, len(found), size)] or [[]]
    for n, shard in enumerate(shards):
        index_pages(site, shard, out if n == 0 else out / f"shard-{n}", lang)
    (out / "shards.json").write_text(json.dumps([f"shard-{n}/" for n in range(1, len(shards))]), encoding="utf-8")
    # Pagefind's ready-made interfaces are not used (assets/search.js is the site's own): not shipped;
    # nor the other shards' copies of the script and its WebAssembly (the first shard's serve them all)
    for unused in out.glob("pagefind-*"):
        if "-ui." in unused.name or unused.name.startswith("pagefind-highlight"):
            unused.unlink()
    for extra in out.glob("shard-*/*"):
        if extra.is_file() and not extra.name.endswith((".pf_meta", "pagefind-entry.json")):
            extra.unlink()


def index_pages(site: Path, shard: list[Path], out: Path, lang: str) -> None:
    """One Pagefind run over some of the site's pages: they are linked (not copied) into a folder of
    their own, at the same paths, so that Pagefind gives them the same addresses."""
    folder = site / f".pagefind-{out.name}"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        for page in shard:
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / page, folder / page)
        done = subprocess.run([str(binary()), "--site", str(folder), "--output-path", str(out), *args(lang)],
                              capture_output=True, text=True, timeout=1800)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        raise PluginError(f"the search index could not be made:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
