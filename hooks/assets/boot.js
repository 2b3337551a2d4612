// Starts the calculator's worker (Pyodide, the engine, the policies' JSON) as early as it can, so
// that the runtime's download and compilation overlap the parsing, layout and scripts of the
// page. A classic async script from the site's own files (the strict CSP allows it), included only
// by the pages that calculate, so no other page loads a Pyodide byte. It is there twice:
//   - first thing in <head> (hooks/pages.py), carrying what it needs as data attributes: on a
//     full page load it runs as soon as the file arrives, not when the parser reaches the
//     calculator, which is after the theme's first layout (measured: 0.1-0.2 s sooner);
//   - in the calculator (#calc), for instant navigation, which swaps the page's content and
//     merges the new page's <head> without running its scripts: it reads the same attributes
//     from #calc.
// One worker per visit: the copy that runs second, and each calculator page instant navigation
// shows later, find the worker running and do nothing. calculator.js adopts the worker and the
// messages it sent before calculator.js listened (self.calculatorBoot).
//
// Where the browser has shared workers, the worker is a shared one with an extended lifetime
// (worker.js): a reload, or another calculator page opened by a full page load, finds the runtime
// still running and gets its first result without starting Python again. It is named by the
// runtime and the rules version, so a page of another build never shares a worker with this one.
// Elsewhere, or if the browser refuses it, a dedicated worker.
(() => {
  // (the copy in <head> carries its data; the one in the calculator reads #calc's, the same)
  const root = document.currentScript?.dataset.site ? document.currentScript : document.getElementById("calc");
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

  // The worker as calculator.js uses it: postMessage, onmessage, onerror. A shared worker that
  // fails before it has said anything (a browser that cannot run it as a module, say) is replaced
  // by a dedicated one, which is sent what the shared one was sent.
  function connect(url, name) {
    const dedicated = () => new Worker(url, { type: "module" });
    if (!self.SharedWorker) return dedicated();
    let shared;
    try {
      shared = new SharedWorker(url, { type: "module", name, extendedLifetime: true });
    } catch (err) {
      console.warn("calculator: no shared worker, a dedicated one instead:", err);
      return dedicated();
    }
    let heard = false;
    let sent = []; // until the shared worker has answered
    const channel = {
      shared: true, worker: null, onmessage: null, onerror: null,
      postMessage(message) {
        if (channel.worker) return channel.worker.postMessage(message);
        if (!heard) sent.push(message);
        shared.port.postMessage(message);
      },
    };
    shared.port.onmessage = (e) => {
      heard = true;
      sent = [];
      channel.onmessage?.(e);
    };
    shared.onerror = (e) => {
      if (heard || channel.worker) return channel.onerror?.(e);
      console.warn("calculator: the shared worker failed to start, a dedicated one instead");
      channel.shared = false;
      channel.worker = dedicated();
      channel.worker.onmessage = (m) => channel.onmessage?.(m);
      channel.worker.onerror = (m) => channel.onerror?.(m);
      sent.forEach((message) => channel.worker.postMessage(message));
    };
    return channel;
  }
})();
