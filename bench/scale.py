"""Scale benchmark (run by hand, not a test; issue 17): python bench/scale.py [N ...]  (default 5 100 1000)

For each N, a corpus of N policies (N = 5: the real rules/; otherwise bench/synthetic.py's, in a
temporary folder) and, measured on this machine:
  check       seconds of `python -m calculators check`, cold (--no-cache) and with the cache;
  build       seconds and peak memory of `python -m hooks.build`, cold (no compiled-policy
              cache): the largest sum, sampled every 50 ms, of the proportional set size (PSS:
              a page shared by n processes counts 1/n in each) of the build's processes;
  rebuild     seconds and peak memory of the same build again, the compiled policies cached.
              Seconds and memory come from separate runs: reading the PSS of a 1.7 GB build
              takes about 150 ms of kernel time, so a sampled build (a core's worth of
              sampling) took 124 s where the same build alone took 94 s;
  pages       HTML pages written, both languages;
  search      bytes on the wire (gzip, as a static host serves them) of a first search on the
              Chinese site, from opening the search page's query to its results.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402  (bench/run.py: the gzip server)
import synthetic  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from site_server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

QUERY = "技能大师工作室"


def _tree_pss(pid: int) -> int:
    """Proportional set size in bytes of a process and all its descendants (forked processes
    share pages: their resident sizes would count those pages once per process)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(next(line for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines() if line.startswith("Pss:")).split()[1]) * 1024
            todo += [int(c) for t in Path(f"/proc/{p}/task").iterdir() for c in (t / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            pass
    return total


def timed(cmd, env=None, sample=False):
    """(seconds, peak bytes of the process tree, if ``sample``) of a command that must succeed."""
    start, peak = time.perf_counter(), 0
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sampler():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss(proc.pid))
            time.sleep(0.05)
    if sample:
        threading.Thread(target=sampler, daemon=True).start()
    _, err = proc.communicate()
    done.set()
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{err[-3000:]}")
    return time.perf_counter() - start, peak


def first_search_bytes(site: Path) -> int:
    counted = {"bytes": 0}

    class Counting(run._Gzip):
        def copyfile(self, source, outputfile):
            data = source.read()
            if "/pagefind/" in self.path:
                counted["bytes"] += len(data)
            outputfile.write(data)
    import functools
    import http.server
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/zh/search/?q={QUERY}")
            page.locator("#site-search-results li").first.wait_for(timeout=120000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return counted["bytes"]


def measure(n: int, work: Path) -> dict:
    if n == 5:
        rules_dir, sources_dir = ROOT / "rules", ROOT / "sources"
    else:
        rules_dir, sources_dir = synthetic.generate(n, work), work / "sources"
    cache = work / "cache"
    py = [sys.executable]
    env = dict(os.environ, NAVIGATOR_RULES_CACHE=str(cache))
    check = [*py, "-m", "calculators", "--rules", str(rules_dir), "--sources", str(sources_dir)]
    check_cold, _ = timed([*check, "--no-cache", "check"])
    build = [*py, "-m", "hooks.build", "--rules", str(rules_dir), "--sources", str(sources_dir), "--out", str(work / "site")]
    build_s, _ = timed(build, env=env)
    rebuild_s, _ = timed(build, env=env)
    _, rebuild_peak = timed(build, env=env, sample=True)
    _, build_peak = timed(build, env=dict(env, NAVIGATOR_RULES_CACHE=str(work / "cache-for-memory")), sample=True)
    check_warm, _ = timed([*check, "check"], env=env)
    pages = len(list((work / "site").rglob("*.html")))
    return {"n": n, "check_cold": check_cold, "check_warm": check_warm, "build": build_s, "peak": build_peak,
            "rebuild": rebuild_s, "rebuild_peak": rebuild_peak,
            "pages": pages, "search": first_search_bytes(work / "site")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[5, 100, 1000])
    args = parser.parse_args()
    rows = []
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix=f"scale-{n}-") as tmp:
            rows.append(measure(n, Path(tmp)))
            r = rows[-1]
            print(f"N={n}: check {r['check_cold']:.1f} s cold / {r['check_warm']:.1f} s cached, build {r['build']:.1f} s, "
                  f"{r['peak'] / 2**20:.0f} MB peak, rebuild {r['rebuild']:.1f} s, {r['rebuild_peak'] / 2**20:.0f} MB, {r['pages']} pages, first search {r['search'] / 1000:.0f} KB", file=sys.stderr)
    print("| policies | check, cold | check, cached | build, cold | its peak memory | rebuild, rules cached | its peak memory | HTML pages | first search (gzip) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['n']} | {r['check_cold']:.1f} s | {r['check_warm']:.1f} s | {r['build']:.1f} s | {r['peak'] / 2**20:.0f} MB "
              f"| {r['rebuild']:.1f} s | {r['rebuild_peak'] / 2**20:.0f} MB | {r['pages']:,} | {r['search'] / 1000:.0f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
