// The calculators' Web Worker: loads the self-hosted Pyodide and the engine zip once, then
// answers "evaluate" messages for whichever policies the page names. It receives data only
// (URLs, and answers as strings), never Python source.
//
// Where the browser has shared workers, boot.js starts this one as a shared worker, named by the
// runtime and the rules it serves, with an extended lifetime: one runtime for every page of the
// site open in the browser, kept when the person reloads or opens another page (and, in Chrome,
// for 30 s after the last one has gone). A page that connects while it runs is told "ready" at
// once ({start: "kept"}). Elsewhere it is a dedicated worker, one per page.
//
// Protocol (page -> worker):  {type: "init", pyodide, stdlib, lock, engine, policies: [url]}
//                                  (absolute URLs, and the lock file's content; the policies are
//                                   fetched early)
//                             {type: "prefetch", policies: [url]}  (fetched now, used later)
//                             {type: "evaluate", id, policies: [url], raw: {fact: "string"}}
// Protocol (worker -> page):  {type: "progress", step: 1|2, key}
//                             {type: "ready", start: "snapshot"|"boot"|"kept"} | {type: "error", message}
//                             {type: "result", id, answer: {errors, results, questions}}
//                             {type: "snapshot", state: "saved"|"failed"}
//
// Start-up from a memory snapshot: after a boot, the interpreter's memory (Pyodide's private
// _makeSnapshot / makeMemorySnapshot / _loadSnapshot, taken right after the boot, before the
// engine is unpacked or anything else runs) is kept in Cache Storage, and the next visit restores
// it instead of booting Python again. The snapshot belongs to one runtime: it is stored under a
// key made of the runtime's URL (its version), the standard library's URL (named by its content)
// and the lock, with the SHA-256 of its bytes; Pyodide itself refuses a snapshot of another build.
// A snapshot that is missing, does not match its digest, or fails in any way while restoring or
// loading the engine is deleted, and the worker boots as if there were none.
let engine = null;
const texts = new Map(); // policy URL -> its JSON text (a promise)
const calculators = new Map(); // the policies' URLs, joined -> calculate(raw_json)
let pendingSnapshot = null; // () => Promise: saves the snapshot made at boot, once the first result is out

function text(url) { // (a failed fetch is not kept: the next page that asks fetches again)
  if (!texts.has(url)) {
    texts.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${url}`)))).catch((err) => {
      texts.delete(url);
      throw err;
    }));
  }
  return texts.get(url);
}

const SNAPSHOTS = "calculator-snapshot"; // the Cache Storage cache (not the service worker's "navigator-*")
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (bytes) => hex(await crypto.subtle.digest("SHA-256", bytes));

// A snapshot is the whole wasm memory (30 MB), mostly pages of zeros: it is stored without them
// (about 12 MB), which also makes reading it on the next visit faster. Stored form: (uint32)
// the snapshot's length, the number of pages kept, each kept page's number; then those pages.
const PAGE = 4096;
function pack(snapshot) {
  const words = new Uint32Array(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength >> 2);
  const kept = [];
  for (let page = 0; page * PAGE < snapshot.length; page++) {
    for (let i = page * (PAGE >> 2), end = Math.min(words.length, i + (PAGE >> 2)); i < end; i++) {
      if (words[i]) { kept.push(page); break; }
    }
  }
  const head = Uint32Array.of(snapshot.length, kept.length, ...kept);
  const out = new Uint8Array(head.byteLength + kept.length * PAGE);
  out.set(new Uint8Array(head.buffer));
  kept.forEach((page, n) => out.set(snapshot.subarray(page * PAGE, (page + 1) * PAGE), head.byteLength + n * PAGE));
  return out;
}
function unpack(stored) {
  const [length, count] = new Uint32Array(stored.buffer, 0, 2);
  const pages = new Uint32Array(stored.buffer, 8, count);
  const start = 8 + 4 * count;
  if (length % 4 || stored.byteLength !== start + count * PAGE) throw new Error("the stored snapshot is not whole");
  const snapshot = new Uint8Array(length);
  pages.forEach((page, n) => snapshot.set(stored.subarray(start + n * PAGE, start + n * PAGE + Math.min(PAGE, length - page * PAGE)), page * PAGE));
  return snapshot;
}

// The stored snapshot of this runtime, or null where Cache Storage is not available.
async function snapshotStore(indexURL, stdlib, lock) {
  if (!self.caches || !crypto.subtle) return null;
  const digest = await sha256(new TextEncoder().encode(JSON.stringify(["snapshot 1", indexURL, stdlib, lock])));
  const key = `${indexURL}memory-snapshot-${digest}.bin`; // a name only: never fetched
  const open = () => caches.open(SNAPSHOTS);
  return {
    // null when none is stored; otherwise {bytes}: a promise of its bytes, checked against their
    // digest (read while Pyodide loads; it rejects if they do not match)
    async find() {
      const hit = await (await open()).match(key);
      if (!hit) return null;
      const bytes = hit.arrayBuffer().then(async (buffer) => {
        if (await sha256(buffer) !== hit.headers.get("x-sha256")) throw new Error("the stored snapshot does not match its digest");
        return unpack(new Uint8Array(buffer));
      });
      bytes.catch(() => {}); // (handled where it is awaited, in loadPyodide)
      return { bytes };
    },
    async drop() {
      await caches.delete(SNAPSHOTS);
    },
    async save(snapshot) {
      const bytes = pack(snapshot);
      const cache = await open();
      for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old); // another build's
      await cache.put(key, new Response(bytes, { headers: { "content-type": "application/octet-stream", "x-sha256": await sha256(bytes) } }));
    },
  };
}

// The engine is imported from its zip (.pyc only) by Python's zipimport: nothing to unpack, and
// none of the modules unpacking would import (shutil, zipfile ...) to load.
async function loadEngine(py, engineZip) {
  const path = "/home/pyodide/calculators.zip";
  py.FS.writeFile(path, new Uint8Array(await engineZip));
  py.pyimport("sys").path.insert(0, path);
  return py.pyimport("calculators.runtime.browser");
}

async function init({ pyodide: indexURL, stdlib, lock, engine: engineURL }) {
  tell({ type: "progress", step: 1, key: "loading_runtime" });
  const engineZip = fetch(engineURL).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${engineURL}`))));
  engineZip.catch(() => {}); // (awaited below; not an unhandled rejection meanwhile)
  // Pyodide's two scripts are fetched at once, while the snapshot is looked up. loadPyodide is
  // called as soon as the small pyodide.mjs is in: it starts fetching the wasm and the standard
  // library at once, while the large pyodide.asm.mjs is still arriving and compiling (it then
  // finds that script in this worker's module map rather than asking for it again).
  const main = import(indexURL + "pyodide.mjs");
  main.catch(() => {}); // (awaited below)
  import(indexURL + "pyodide.asm.mjs").catch(() => {}); // (loadPyodide imports it, and reports a failure)
  const store = await snapshotStore(indexURL, stdlib, lock).catch(() => null);
  const [found, { loadPyodide }] = await Promise.all([store?.find().catch(() => null), main]);
  // The precompiled, trimmed standard library; the lock inline (no packages are ever loaded).
  const options = { indexURL, stdLibURL: stdlib, lockFileContents: lock };
  if (found) {
    try {
      const py = await loadPyodide({ ...options, _loadSnapshot: found.bytes });
      tell({ type: "progress", step: 2, key: "loading_rules" });
      engine = await loadEngine(py, engineZip);
      tell({ type: "ready", start: "snapshot" });
      return;
    } catch (err) {
      console.warn("calculator: the stored snapshot failed, booting instead:", err);
      await store.drop().catch(() => {});
    }
  }
  const py = await loadPyodide({ ...options, _makeSnapshot: Boolean(store) });
  if (store) {
    try {
      const made = py.makeMemorySnapshot(); // the booted interpreter, before anything else runs in it
      pendingSnapshot = () => store.save(made);
    } catch (err) {
      console.warn("calculator: no snapshot made:", err);
    }
  }
  tell({ type: "progress", step: 2, key: "loading_rules" });
  engine = await loadEngine(py, engineZip);
  tell({ type: "ready", start: "boot" });
  if (pendingSnapshot) setTimeout(saveSnapshot, 3000); // if no result is asked for meanwhile
}

// Saved a second after the first result has been sent (or a while after ready): it never delays
// it, nor competes with the page rendering it.
function saveSnapshot() {
  const save = pendingSnapshot;
  pendingSnapshot = null;
  save?.().then(
    () => tell({ type: "snapshot", state: "saved" }),
    (err) => {
      console.warn("calculator: snapshot not saved:", err);
      tell({ type: "snapshot", state: "failed" });
    });
}

async function calculator(urls) {
  const key = urls.join(" ");
  if (!calculators.has(key)) {
    const loaded = await Promise.all(urls.map(text));
    calculators.set(key, engine.load(`[${loaded.join(",")}]`));
  }
  return calculators.get(key);
}

// A shared worker (boot.js starts one where the browser has them) serves every page of the site
// open in this browser, one port each; a dedicated worker serves its one page.
const ports = new Set();
function tell(message) { // what every page is told: progress, ready, the snapshot's state
  if (ports.size) ports.forEach((port) => port.postMessage(message));
  else if (!("onconnect" in self)) self.postMessage(message);
}
let starting = null; // the start-up under way or done (a failed one is forgotten, so a later page retries)

async function receive(data, reply) {
  try {
    if (data.type === "init") {
      data.policies.forEach(text);
      if (engine) reply.postMessage({ type: "ready", start: "kept" }); // a page opened while the runtime runs
      else starting ??= init(data).catch((err) => {
        starting = null;
        tell({ type: "error", message: String(err) });
      });
    } else if (data.type === "prefetch") {
      data.policies.forEach(text);
    } else if (data.type === "evaluate" && engine) {
      const calculate = await calculator(data.policies);
      const answer = JSON.parse(calculate(JSON.stringify(data.raw)));
      reply.postMessage({ type: "result", id: data.id, answer });
      if (pendingSnapshot) setTimeout(saveSnapshot, 1000);
    }
  } catch (err) {
    reply.postMessage({ type: "error", message: String(err) });
  }
}

if ("onconnect" in self) {
  self.onconnect = ({ ports: [port] }) => {
    ports.add(port);
    port.addEventListener("close", () => ports.delete(port)); // (where the browser says a page has gone)
    port.onmessage = ({ data }) => receive(data, port);
  };
} else {
  self.onmessage = ({ data }) => receive(data, self);
}
