"""Benchmark (run by hand, not a test): python bench/run.py [--runs 5]

Builds the site (timed), serves it on 127.0.0.1 the way a static host does (gzip for text, wasm
and JSON; zips as they are), and measures in headless Chromium, side by side in one run:
  stock       a bare page that loads default Pyodide from the same self-hosted files on the
              main thread and runs one line;
  floor       an empty page whose worker loads the site's own runtime as the calculator's worker
              does (trimmed, precompiled standard library; lock inline) and runs the same line:
              the least any page that runs this runtime off the main thread can wait for;
  ours        the Shangyu calculator page opened with answers in the URL, until its first result;
each cold (fresh browser context: empty cache), warm (reload in the same context) and cold over a
10 Mbit/s link with 20 ms of latency per request (the server throttles every response, shared
workers' included, which DevTools' network emulation does not reach), median of --runs.
Ours has two warm figures: the reload, which finds the runtime still running (the shared worker
outlives it), and a return visit once that runtime has ended, which starts from the memory
snapshot the first visit saved (measured as a reload in a browser without shared workers, where
every visit does so). The time of a first result is taken in the page, when the result appears
(a MutationObserver installed before the page's own scripts), not when the harness next looks.
Also the latency of one evaluation (form change -> rendered result), median of 30; and the bytes
on the wire (as served, gzip) for each type of page, cold.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from hooks import build  # noqa: E402
from hooks import runtime  # noqa: E402
from hooks.runtime import pyodide_version  # noqa: E402
from site_server import CHROMIUM, CHROMIUM_ARGS, StaticHost  # noqa: E402

BASELINE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<script type="module" src="%s"></script></head><body><p id="out"></p></body></html>"""
BASELINE_JS = """import { loadPyodide } from "../pyodide/%s/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/%s/", location.href).href });
document.getElementById("out").textContent = String(py.runPython("1 + 1"));
"""
# The floor: what any page that runs the site's runtime off the main thread waits for. An empty
# page whose module worker loads that runtime as worker.js does (the trimmed, precompiled standard
# library, the lock inline) and runs stock's line: no page to lay out, no engine, no policy.
FLOOR_JS = """const worker = new Worker("floor-worker.js", { type: "module" });
worker.onmessage = ({ data }) => { document.getElementById("out").textContent = data; };
"""
FLOOR_WORKER_JS = """const indexURL = new URL("../../pyodide/%s/", location.href).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL, stdLibURL: indexURL + "%s", lockFileContents: %s });
postMessage(String(py.runPython("1 + 1")));
"""
CALC = "/zh/policies/shangyu-2023/calculator/#applicant=training_institution&high_skill_trainees=250"
CALC_DONE = "#result-high-skill-training-volume-reward"
STOCK_DONE = "#out:has-text('2')"
# When each first result appears, in the page's own clock (performance.now()), by what shows it.
SHOWN = {CALC_DONE: "() => document.getElementById('result-high-skill-training-volume-reward')",
         STOCK_DONE: "() => document.getElementById('out')?.textContent === '2'"}
RECORD = """window.__shown = null;
new MutationObserver((_, observer) => {
  if ((%s)()) { window.__shown = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true, characterData: true });"""
# The first visit has saved the interpreter's memory snapshot (worker.js), which a visit starts
# from once the running runtime has ended.
CALC_SAVED = "() => document.documentElement.dataset.calcSnapshot === 'saved'"
DEDICATED = "delete window.SharedWorker;"  # a browser without shared workers: every visit starts a runtime
SLOW = (10_000_000 / 8, 0.020)  # a 10 Mbit/s link (bytes/s) with 20 ms of latency per request

PAGES = [  # (page type, URL, what shows it is done)
    ("home", "/zh/", "h1"),
    ("policy overview", "/zh/policies/shangyu-2023/", "h1"),
    ("policy full text", "/zh/policies/shangyu-2023/text/", "h1"),
    ("calculator (first result)", CALC, CALC_DONE),
    ("What can I claim? (first result)", "/zh/claim/#place=330604&applicant=training_institution&high_skill_trainees=250",
     CALC_DONE),
]


class _Link:
    """A slow link shared by every response: each chunk sent waits for its turn at ``rate``
    bytes/s, and each request for ``latency`` seconds. The server throttles, not the browser:
    DevTools' network emulation applies to a page and its dedicated workers, not to a shared worker."""
    rate = None  # bytes/s while a slow measurement runs, else None
    latency = 0.0
    _lock = threading.Lock()
    _free_at = 0.0

    @classmethod
    def slow(cls, on):
        cls.rate, cls.latency = SLOW if on else (None, 0.0)

    @classmethod
    def send(cls, outputfile, data, chunk=16384):
        if cls.rate is None:
            outputfile.write(data)
            return
        for i in range(0, len(data), chunk):
            part = data[i:i + chunk]
            with cls._lock:
                now = time.monotonic()
                cls._free_at = max(now, cls._free_at) + len(part) / cls.rate
                wait = cls._free_at - now
            time.sleep(wait)
            outputfile.write(part)


class _Gzip(StaticHost):
    """Serves like a static host (gzip where it would compress); counts the bytes sent."""
    sent = {"bytes": 0, "pyodide": 0}
    _lock = threading.Lock()

    def do_GET(self):
        time.sleep(_Link.latency)
        super().do_GET()

    def copyfile(self, source, outputfile):
        data = source.read()
        with self._lock:
            self.sent["bytes"] += len(data)
            if "/pyodide/" in self.path:
                self.sent["pyodide"] += len(data)
        _Link.send(outputfile, data)


def serve(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def _context(browser, selector, extra=""):
    context = browser.new_context()
    context.add_init_script(extra + (RECORD % SHOWN[selector]))
    return context


def first_result_ms(page, url, selector, reload=False):
    page.reload() if reload else page.goto(url)
    page.wait_for_selector(selector, timeout=180000)
    page.wait_for_function("() => window.__shown !== null")
    return page.evaluate("window.__shown")


def measure(browser, url, selector, runs, saved=None):
    """Medians in ms: cold, warm reload, warm once the runtime has ended (ours only: a reload
    without shared workers, from the snapshot), and cold at 10 Mbit/s. ``saved``: what shows that the
    first visit has stored what a later visit starts from, waited for before that reload."""
    cold, warm, ended, slow = [], [], [], []
    for _ in range(runs):
        context = _context(browser, selector)
        page = context.new_page()
        cold.append(first_result_ms(page, url, selector))
        if saved:
            page.wait_for_function(saved, timeout=60000)
        warm.append(first_result_ms(page, url, selector, reload=True))
        context.close()
        if saved:
            context = _context(browser, selector, DEDICATED)
            page = context.new_page()
            first_result_ms(page, url, selector)
            page.wait_for_function(saved, timeout=60000)
            ended.append(first_result_ms(page, url, selector, reload=True))
            context.close()
        context = _context(browser, selector)
        page = context.new_page()
        _Link.slow(True)
        try:
            slow.append(first_result_ms(page, url, selector))
        finally:
            _Link.slow(False)
        context.close()
    med = statistics.median
    return med(cold), med(warm), med(ended or warm), med(slow)


EVAL_JS = """async () => {
  const sel = document.getElementById("q-public_training_base_level");
  const out = document.getElementById("calc-output");
  const times = [];
  for (let i = 0; i < 30; i++) {
    const done = new Promise((resolve) => new MutationObserver((_, o) => { o.disconnect(); resolve(); }).observe(out, { childList: true }));
    const t0 = performance.now();
    sel.value = i % 2 ? "national" : "district";
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await done;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[15];
}"""


def settled(count, quiet=1.0):
    """Returns once count() has not changed for ``quiet`` seconds."""
    last, since = count(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        if count() != last:
            last, since = count(), time.monotonic()


def page_bytes(browser, url):
    """Bytes sent by the server, per page type, each loaded cold; (total, of which Pyodide)."""
    out = []
    for name, path, selector in PAGES:
        context = browser.new_context()
        page = context.new_page()
        _Gzip.sent.update(bytes=0, pyodide=0)
        page.goto(url + path)
        page.wait_for_selector(selector, timeout=180000)
        settled(lambda: _Gzip.sent["bytes"])  # (not "networkidle": Playwright never sees a shared worker's script arrive)
        out.append((name, _Gzip.sent["bytes"], _Gzip.sent["pyodide"]))
        context.close()
    return out


def bench_pages() -> Path:
    """Writes the stock page (``/_bench/``) and the floor's (``/_bench/floor/``) into the built
    site; returns their folder, which the caller removes."""
    bench_dir = build.SITE / "_bench"
    (bench_dir / "floor").mkdir(parents=True, exist_ok=True)
    v = pyodide_version()
    (bench_dir / "index.html").write_text(BASELINE % "baseline.js")
    (bench_dir / "baseline.js").write_text(BASELINE_JS % (v, v))
    folder = runtime.precompiled()
    (bench_dir / "floor" / "index.html").write_text(BASELINE % "floor.js")
    (bench_dir / "floor" / "floor.js").write_text(FLOOR_JS)
    (bench_dir / "floor" / "floor-worker.js").write_text(
        FLOOR_WORKER_JS % (v, runtime.stdlib_name(folder), (folder / "lock.json").read_text(encoding="utf-8").strip()))
    return bench_dir


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_s = build.build_all()
    bench_dir = bench_pages()
    url, server = serve(build.SITE)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stock = measure(browser, url + "/_bench/", STOCK_DONE, args.runs)
            floor = measure(browser, url + "/_bench/floor/", STOCK_DONE, args.runs)
            ours = measure(browser, url + CALC, CALC_DONE, args.runs, saved=CALC_SAVED)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + CALC)
            page.wait_for_selector(CALC_DONE, timeout=180000)
            eval_ms = page.evaluate(EVAL_JS)
            context.close()
            sizes = page_bytes(browser, url)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(bench_dir, ignore_errors=True)
    print(f"| to first result (median of {args.runs}) | stock Pyodide, 1 line | floor: our runtime alone, in a worker, 1 line "
          "| our calculator | ours / stock | floor / stock |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for i, label in enumerate(["cold", "warm reload (ours: the runtime still running)",
                               "warm, once the runtime has ended (ours: from the snapshot; stock, floor: a reload)", "cold, 10 Mbit/s"]):
        print(f"| {label} | {stock[i]:.0f} ms | {floor[i]:.0f} ms | {ours[i]:.0f} ms | {ours[i] / stock[i]:.2f} | {floor[i] / stock[i]:.2f} |")
    print(f"| one evaluation (change -> rendered), median of 30 | — | — | {eval_ms:.1f} ms | | |")
    print(f"| site build (both languages) | — | — | {build_s:.1f} s | | |")
    print()
    print("| page type (zh, cold) | bytes on the wire (gzip) | of which Pyodide runtime |")
    print("| --- | ---: | ---: |")
    for name, total, pyodide in sizes:
        print(f"| {name} | {total / 1024:.0f} KB | {pyodide / 1024:.0f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
