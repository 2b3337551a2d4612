"""Benchmark (run by hand, not a test): python bench/run.py [--runs 5]

Builds the site (timed), serves it on 127.0.0.1, and measures in headless Chromium, side by
side in one run:
  baseline    a bare page that loads default Pyodide from the same self-hosted files on the
              main thread and runs one line;
  calculator  the Shangyu calculator page opened with answers in the URL, until its first result;
each cold (fresh browser context: empty cache) and warm (reload in the same context), median of
--runs; then the latency of one evaluation (form change -> rendered result), median of 30.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from hooks import build  # noqa: E402
from hooks.runtime import pyodide_version  # noqa: E402
from site_server import CHROMIUM, CHROMIUM_ARGS, serve_site  # noqa: E402

BASELINE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<script type="module" src="baseline.js"></script></head><body><p id="out"></p></body></html>"""
BASELINE_JS = """import { loadPyodide } from "../pyodide/%s/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/%s/", location.href).href });
document.getElementById("out").textContent = String(py.runPython("1 + 1"));
"""
CALC = "/zh/policies/shangyu-2023/calculator/#applicant=training_institution&high_skill_trainees=250"


def first_result_ms(page, url, selector, cold_context=None):
    page.goto(url)
    page.wait_for_selector(selector, timeout=120000)
    return page.evaluate("performance.now()")


def measure(browser, url, selector, runs):
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        cold.append(first_result_ms(page, url, selector))
        page.reload()
        page.wait_for_selector(selector, timeout=120000)
        warm.append(page.evaluate("performance.now()"))
        context.close()
    return statistics.median(cold), statistics.median(warm)


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_s = build.build_all()
    bench_dir = build.SITE / "_bench"
    bench_dir.mkdir(exist_ok=True)
    v = pyodide_version()
    (bench_dir / "index.html").write_text(BASELINE)
    (bench_dir / "baseline.js").write_text(BASELINE_JS % (v, v))
    url, server = serve_site()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            base = measure(browser, url + "/_bench/", "#out:has-text('2')", args.runs)
            calc = measure(browser, url + CALC, "#result-high-skill-training-volume-reward", args.runs)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + CALC)
            page.wait_for_selector("#result-high-skill-training-volume-reward", timeout=120000)
            eval_ms = page.evaluate(EVAL_JS)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(bench_dir, ignore_errors=True)
    print(f"| measure (median of {args.runs}) | baseline: bare Pyodide, 1 line | calculator: first result |")
    print("| --- | --- | --- |")
    print(f"| cold load to first result | {base[0]:.0f} ms | {calc[0]:.0f} ms |")
    print(f"| warm reload to first result | {base[1]:.0f} ms | {calc[1]:.0f} ms |")
    print(f"| one evaluation (change -> rendered), median of 30 | — | {eval_ms:.1f} ms |")
    print(f"| site build (both languages) | — | {build_s:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
