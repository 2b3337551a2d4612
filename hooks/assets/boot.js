// Starts the calculator's worker (Pyodide, the engine, the policies' JSON) as soon as the page's
// parser has reached the calculator, rather than after the page, the theme's bundle and
// calculator.js have loaded (about 0.3 s): the runtime's download and compilation overlap the
// rendering of the page. A classic async script from the site's own files (the strict CSP allows
// it), included only by the pages that calculate, so no other page loads a Pyodide byte.
// One worker per visit: instant navigation runs this script again on each calculator page it
// shows, and it does nothing once a worker exists. calculator.js adopts the worker and the
// messages it sent before calculator.js listened (self.calculatorBoot).
(() => {
  const root = document.getElementById("calc");
  if (self.calculatorBoot || !root || !self.Worker) return;
  const abs = (u) => new URL(u, document.baseURI).href;
  const site = abs(root.dataset.site);
  const policies = root.dataset.page === "policy" ? JSON.parse(root.dataset.policies).map((p) => `${site}assets/policies/${p.id}.json`) : [];
  const worker = new Worker(`${site}assets/worker.js`, { type: "module" });
  const early = []; // {data} or {error}, until calculator.js takes over
  worker.onmessage = ({ data }) => early.push({ data });
  worker.onerror = (e) => early.push({ error: e.message });
  worker.postMessage({ type: "init", pyodide: abs(root.dataset.pyodide), stdlib: abs(root.dataset.stdlib), lock: JSON.parse(root.dataset.lock),
    engine: abs(root.dataset.engine), policies });
  self.calculatorBoot = { worker, early, policies };
})();
