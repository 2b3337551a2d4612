// The calculators' Web Worker: loads the self-hosted Pyodide and the engine zip once, then
// answers "evaluate" messages for whichever policies the page names. It receives data only
// (URLs, and answers as strings), never Python source.
//
// Protocol (page -> worker):  {type: "init", pyodide, stdlib, lock, engine, policies: [url]}
//                                  (absolute URLs, and the lock file's content; the policies are
//                                   fetched early)
//                             {type: "evaluate", id, policies: [url], raw: {fact: "string"}}
// Protocol (worker -> page):  {type: "progress", step: 1|2, key}
//                             {type: "ready"} | {type: "error", message}
//                             {type: "result", id, answer: {errors, results, questions}}
let engine = null;
const texts = new Map(); // policy URL -> its JSON text (a promise)
const calculators = new Map(); // the policies' URLs, joined -> calculate(raw_json)

function text(url) {
  if (!texts.has(url)) texts.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${url}`)))));
  return texts.get(url);
}

async function init({ pyodide: indexURL, stdlib, lock, engine: engineURL, policies }) {
  self.postMessage({ type: "progress", step: 1, key: "loading_runtime" });
  policies.forEach(text);
  const engineZip = fetch(engineURL).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${engineURL}`))));
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  // The precompiled, trimmed standard library; the lock inline (no packages are ever loaded).
  const py = await loadPyodide({ indexURL, stdLibURL: stdlib, lockFileContents: lock });
  self.postMessage({ type: "progress", step: 2, key: "loading_rules" });
  const dir = "/home/pyodide/engine";
  py.unpackArchive(await engineZip, "zip", { extractDir: dir });
  py.pyimport("sys").path.insert(0, dir);
  engine = py.pyimport("calculators.runtime.browser");
  self.postMessage({ type: "ready" });
}

async function calculator(urls) {
  const key = urls.join(" ");
  if (!calculators.has(key)) {
    const loaded = await Promise.all(urls.map(text));
    calculators.set(key, engine.load(`[${loaded.join(",")}]`));
  }
  return calculators.get(key);
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === "init") {
      await init(data);
    } else if (data.type === "evaluate" && engine) {
      const calculate = await calculator(data.policies);
      const answer = JSON.parse(calculate(JSON.stringify(data.raw)));
      self.postMessage({ type: "result", id: data.id, answer });
    }
  } catch (err) {
    self.postMessage({ type: "error", message: String(err) });
  }
};
