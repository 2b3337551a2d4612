// Starts the calculator's worker (Pyodide, the engine, the policies' JSON) as soon as the page's
// parser has reached the calculator, rather than after the page, the theme's bundle and
// calculator.js have loaded (about 0.3 s): the runtime's download and compilation overlap the
// rendering of the page. A classic async script from the site's own files (the strict CSP allows
// it), included only by the pages that calculate, so no other page loads a Pyodide byte.
// One worker per visit: instant navigation runs this script again on each calculator page it
// shows, and it does nothing once a worker exists. calculator.js adopts the worker and the
// messages it sent before calculator.js listened (self.calculatorBoot).
//
// Where the browser has shared workers, the worker is a shared one with an extended lifetime
// (worker.js): a reload, or another calculator page opened by a full page load, finds the runtime
// still running and gets its first result without starting Python again. It is named by the
// runtime and the rules version, so a page of another build never shares a worker with this one.
// Elsewhere, or if the browser refuses it, a dedicated worker.
(() => {
  const root = document.getElementById("calc");
  if (self.calculatorBoot || !root || !self.Worker) return;
  const abs = (u) => new URL(u, document.baseURI).href;
  const site = abs(root.dataset.site);
  const policies = root.dataset.page === "policy" ? JSON.parse(root.dataset.policies).map((p) => `${site}assets/policies/${p.id}.json`) : [];
  const worker = connect(`${site}assets/worker.js`, `calculator ${root.dataset.runtime} ${root.dataset.rules}`);
  const early = []; // {data} or {error}, until calculator.js takes over
  worker.onmessage = ({ data }) => early.push({ data });
  worker.onerror = (e) => early.push({ error: e.message });
  worker.postMessage({ type: "init", pyodide: abs(root.dataset.pyodide), stdlib: abs(root.dataset.stdlib), lock: JSON.parse(root.dataset.lock),
    engine: abs(root.dataset.engine), policies });
  self.calculatorBoot = { worker, early, policies };

  // The worker as calculator.js uses it: postMessage, onmessage, onerror.
  function connect(url, name) {
    if (self.SharedWorker) {
      try {
        const shared = new SharedWorker(url, { type: "module", name, extendedLifetime: true });
        const channel = { postMessage: (message) => shared.port.postMessage(message), onmessage: null, onerror: null, shared: true };
        shared.port.onmessage = (e) => channel.onmessage?.(e);
        shared.onerror = (e) => channel.onerror?.(e);
        return channel;
      } catch (err) {
        console.warn("calculator: no shared worker, a dedicated one instead:", err);
      }
    }
    return new Worker(url, { type: "module" });
  }
})();
