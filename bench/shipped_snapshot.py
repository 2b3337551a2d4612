"""What a memory snapshot shipped with the site would give a cold visit (run by hand, not a test):
python bench/shipped_snapshot.py [--runs 5]

The question (issue 16): Pyodide's boot is what a cold visit waits for, and a snapshot made at
build time is the only way around it. This measures the best such a snapshot could do, without
building one into the site: a fresh browser context (empty HTTP cache, empty code cache) is given
the snapshot a first visit made, in Cache Storage where worker.js looks for it, from a blank page
of the same origin that loads nothing else; then the calculator is opened. Everything is
downloaded and compiled as on a cold visit, except the snapshot itself, whose download (4.5 MB
gzip) is not counted. Stock Pyodide, the plain cold visit and this one alternate, in one run,
from bench/run.py's server.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: its server, pages and timing)
from playwright.sync_api import sync_playwright  # noqa: E402

# The stored snapshot (worker.js's Cache Storage entry), as {url, sha256, bytes in base64}.
READ = """async () => {
  const cache = await caches.open("calculator-snapshot");
  const [request] = await cache.keys();
  const response = await cache.match(request);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { url: request.url, sha256: response.headers.get("x-sha256"), bytes: btoa(binary) };
}"""
WRITE = """async ({ url, sha256 }) => {
  const bytes = await (await fetch("snapshot.bin", { cache: "no-store" })).arrayBuffer();
  const cache = await caches.open("calculator-snapshot");
  await cache.put(url, new Response(bytes, { headers: { "content-type": "application/octet-stream", "x-sha256": sha256 } }));
  return bytes.byteLength;
}"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run.build.build_all()
    bench_dir = run.bench_pages()
    (bench_dir / "blank.html").write_text("<!doctype html><title>blank</title>")
    url, server = run.serve(run.build.SITE)
    calc = url + run.CALC
    times = {"stock": [], "cold": [], "cold, snapshot already stored": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=run.CHROMIUM, args=run.CHROMIUM_ARGS)
            for _ in range(args.runs):
                context = run._context(browser, run.STOCK_DONE)
                times["stock"].append(run.first_result_ms(context.new_page(), url + "/_bench/", run.STOCK_DONE))
                context.close()
                # a cold visit (dedicated worker: the snapshot is made and saved, as on every first visit)
                context = run._context(browser, run.CALC_DONE, run.DEDICATED)
                page = context.new_page()
                times["cold"].append(run.first_result_ms(page, calc, run.CALC_DONE))
                page.wait_for_function(run.CALC_SAVED, timeout=60000)
                stored = page.evaluate(READ)
                context.close()
                (bench_dir / "snapshot.bin").write_bytes(base64.b64decode(stored["bytes"]))
                # a fresh context: the snapshot put where worker.js looks, then the calculator, cold
                context = run._context(browser, run.CALC_DONE, run.DEDICATED)
                page = context.new_page()
                page.goto(url + "/_bench/blank.html")
                page.evaluate(WRITE, {"url": stored["url"], "sha256": stored["sha256"]})
                times["cold, snapshot already stored"].append(run.first_result_ms(page, calc, run.CALC_DONE))
                assert page.evaluate("document.documentElement.dataset.calcStart") == "snapshot"
                context.close()
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(bench_dir, ignore_errors=True)
    stock = statistics.median(times["stock"])
    print(f"| to first result (median of {args.runs}) | ms | / stock cold |")
    print("| --- | ---: | ---: |")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values):.0f} | {statistics.median(values) / stock:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
