"""The site's search index, made by Pagefind from the finished pages of each language.

Why Pagefind and not the theme's search: the theme's index is one file that every page downloads
whole (1 MB for five policies, about 200 KB more per policy), and segmenting it with jieba took
about 45% of the build. Pagefind's index is cut into chunks: a query downloads only the chunks of
its words and the excerpts of the results it shows, whatever the size of the corpus. Its
extended build segments Chinese when indexing. It indexes each language's site on its own
(<lang>/pagefind/); `assets/search.js` on the search page queries it. `hooks.build` runs it once
both languages are written, one language after the other: Pagefind holds a language's pages in
memory while it indexes them, so the two never run beside each other or beside the page builds.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin_extended
from mkdocs.exceptions import PluginError

# What a result can be: the article of every page (not the navigation, the header, the forms or
# the data the calculators load), and not the 404 page. In a policy's full text, each language's
# index holds the paragraphs in its own language (the Chinese site finds the Chinese text, the
# English site its translation).
EXCLUDE = "nav, form, select, noscript, .calc-output, [hidden]"
OTHER = {"zh": ".policy-text .en", "en": ".policy-text .zh"}


def args(lang: str) -> list[str]:
    return ["--root-selector", "article", "--exclude-selectors", f"{EXCLUDE}, {OTHER[lang]}",
            "--glob", "**/index.html", "--output-subdir", "pagefind", "--quiet"]


def binary() -> Path:
    path = pagefind_bin_extended.get_executable()
    if path is None:
        raise PluginError("Pagefind's extended binary is missing: run ./dev build (it installs requirements.txt)")
    return path


def index(site: Path, lang: str) -> None:
    """Index one language's finished site (``site`` is its folder, such as site/zh)."""
    done = subprocess.run([str(binary()), "--site", str(site), *args(lang)], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise PluginError(f"the search index could not be made:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    # Pagefind's ready-made interfaces are not used (assets/search.js is the site's own): not shipped
    for unused in (site / "pagefind").glob("pagefind-*"):
        if "-ui." in unused.name or unused.name.startswith("pagefind-highlight"):
            unused.unlink()
