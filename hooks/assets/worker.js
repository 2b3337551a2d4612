// The calculator's Web Worker: loads the self-hosted Pyodide and the engine zip, then answers
// "evaluate" messages. It receives data only (answers as strings), never Python source.
//
// Protocol (page -> worker):  {type: "init", pyodide, engine, policy}  (absolute URLs)
//                             {type: "evaluate", id, raw: {fact: "string"}}
// Protocol (worker -> page):  {type: "progress", step: 1|2, key}
//                             {type: "ready"} | {type: "error", message}
//                             {type: "result", id, answer: {errors, result}}
let calculate = null;

async function init({ pyodide: indexURL, engine, policy }) {
  self.postMessage({ type: "progress", step: 1, key: "loading_runtime" });
  const policyText = fetch(policy).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${policy}`))));
  const engineZip = fetch(engine).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${engine}`))));
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const py = await loadPyodide({ indexURL });
  self.postMessage({ type: "progress", step: 2, key: "loading_rules" });
  const dir = "/home/pyodide/engine";
  py.unpackArchive(await engineZip, "zip", { extractDir: dir });
  py.pyimport("sys").path.insert(0, dir);
  calculate = py.pyimport("calculators.runtime.browser").load(await policyText);
  self.postMessage({ type: "ready" });
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await init(data);
    } catch (err) {
      self.postMessage({ type: "error", message: String(err) });
    }
  } else if (data.type === "evaluate" && calculate) {
    try {
      const answer = JSON.parse(calculate(JSON.stringify(data.raw)));
      self.postMessage({ type: "result", id: data.id, answer });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err) });
    }
  }
};
