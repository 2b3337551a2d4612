import json
import shutil
import subprocess
from pathlib import Path

import pytest

from calculators.build import compile as rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus():
    policies, dictionary = rules.load_all_or_raise()
    return policies, dictionary


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory, corpus):
    """The policies' browser JSON, with the runtime the site ships: the precompiled engine zip,
    the trimmed precompiled standard library and the inline lock (``hooks/runtime.py``)."""
    from hooks import runtime
    out = tmp_path_factory.mktemp("export")
    rules.export(corpus[0], out)
    shipped = runtime.precompiled()
    (out / "runtime").mkdir()
    for name in ("calculators.zip", "python_stdlib.zip", "lock.json"):
        shutil.copy(shipped / name, out / "runtime" / name)
    return out


def run_in_pyodide(export_dir: Path, script: Path) -> dict:
    """Run ``script``'s ``main(policies_json)`` inside Pyodide (Node, pinned npm package), with the
    standard library and engine the site ships."""
    runner = ROOT / "tests" / "pyodide" / "run.mjs"
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.fail("node_modules/pyodide is missing: run the README's set-up (npm ci)")
    done = subprocess.run(["node", str(runner), str(export_dir), str(script)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def _server():
    """The test server, bound before the build so that the site is built for its address."""
    from site_server import bind
    server = bind()
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_server):
    """The whole site, built once per test session with the strict build, for the test server's address."""
    import os

    from hooks import build
    from site_server import url_of
    before = os.environ.get("NAVIGATOR_BASE_URL")
    os.environ["NAVIGATOR_BASE_URL"] = url_of(_server) + "/"
    try:
        seconds = build.build_all()
    finally:
        if before is None:
            del os.environ["NAVIGATOR_BASE_URL"]
        else:
            os.environ["NAVIGATOR_BASE_URL"] = before
    return build.SITE, seconds


@pytest.fixture(scope="session")
def site_url(built_site, _server):
    from site_server import serve_site
    url, server = serve_site(server=_server)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    from site_server import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Collects Content-Security-Policy violations from the start of every document (window.__csp).
CSP_VIOLATIONS = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request (so a test can prove none leaves the origin),
    every script error, and every CSP violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_VIOLATIONS)
    pg = context.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


# Tests that need Debian packages (Chromium and CJK fonts for the browser, Java for the HTML
# validator) are marked ``browser``, so that ``./dev test -m "not browser"`` runs everything else
# without installing them. Found by what they use, not listed by name.
BROWSER_FIXTURES = {"page", "browser", "site_url"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        uses_browser = not BROWSER_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))  # directly or via fixtures
        function = getattr(item, "function", None)
        runs_java = function is not None and "java" in function.__code__.co_consts  # subprocess.run(["java", ...])
        if uses_browser or runs_java:
            item.add_marker(pytest.mark.browser)
