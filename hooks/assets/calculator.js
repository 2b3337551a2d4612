// The calculators: one policy's (its calculator page) or every policy that covers a place
// ("What can I claim?", claim.js). The questions are generated at build time; this script shows
// only those that can still change a result (the engine says which), sends the raw answers to
// the worker (the same Python the tests run), and renders the answer, grouped by policy.
// Data is only ever inserted with textContent: nothing from the rules is parsed as HTML.
// Answers live in the URL fragment, with the rules version they were given under.

// One runtime per visit: the worker (Pyodide and the engine) is started once (by boot.js, as the
// page is parsed, or else here; a shared worker that outlives page loads where the browser has
// them, see boot.js) and kept while
// the person moves between calculator pages and "What can I claim?" (the theme's instant
// navigation swaps the page's content without unloading it); a page mounted later only has
// its policies' JSON loaded. A second after the first result (or a few seconds after the runtime
// is ready, if no result is asked for), the language's service worker (sw.js) is registered, so
// that the calculator works offline after this first visit: its installation, which reads the
// runtime from the HTTP cache, never competes with the first result.

let worker = null;
let runtimeReady = false;
let current = null; // the calculator on the page now shown: {message(data), failed(message)}
let seq = 0; // evaluation ids, over the whole visit
let otherSeq = 0; // ids of evaluations of other policies (the claim page's comparison), from -1 down
const mounted = new WeakSet();

// Run ``mount`` for the page now and after every instant navigation (the theme's ``document$``
// replays the page it shows); a page's calculator is set up once.
export function onEveryPage(mount) {
  const once = () => {
    const root = document.getElementById("calc");
    if (root && !mounted.has(root) && mount(root) !== false) mounted.add(root);
  };
  if (window.document$) window.document$.subscribe(once);
  else once();
}

function runtime(root, policies) {
  if (worker) return worker;
  const abs = (u) => new URL(u, document.baseURI).href;
  const sw = new URL("sw.js", abs(root.dataset.site));
  const boot = self.calculatorBoot; // the worker boot.js started while the page was parsed, if it did
  worker = boot?.worker ?? new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    // How the runtime started ("boot", "snapshot" or "kept") and whether the snapshot was saved: for the tests and the bench.
    if (data.type === "ready") {
      runtimeReady = true;
      document.documentElement.dataset.calcStart = data.start;
      setTimeout(() => offline(sw), 3000);
    } else if (data.type === "result") {
      setTimeout(() => offline(sw), 1000);
    } else if (data.type === "snapshot") {
      document.documentElement.dataset.calcSnapshot = data.state;
    }
    current?.message(data);
  };
  worker.onerror = (e) => current?.failed(e.message);
  if (boot) {
    const fetched = new Set(boot.policies);
    if (policies.some((p) => !fetched.has(p))) worker.postMessage({ type: "prefetch", policies });
    // (current is set just after this returns: what the worker said meanwhile is replayed then)
    queueMicrotask(() => boot.early.splice(0).forEach((m) => (m.error ? current?.failed(m.error) : worker.onmessage({ data: m.data }))));
  } else {
    worker.postMessage({ type: "init", pyodide: abs(root.dataset.pyodide), stdlib: abs(root.dataset.stdlib), lock: JSON.parse(root.dataset.lock),
      engine: abs(root.dataset.engine), policies });
  }
  return worker;
}

let registering = false; // once per visit
// What this visit has used and the service worker must keep for offline use: the calculator pages
// shown and the policies' JSON. The service worker does not precache every calculator (at 1,000
// policies that was 40 MB): the pages of this first visit never pass through it (they were loaded
// before it existed), so they are sent to it; on later visits it keeps what it serves.
const used = new Set();
let keeper = null; // the active service worker, once there is one
function keep(urls) {
  const fresh = urls.filter((u) => !used.has(u));
  fresh.forEach((u) => used.add(u));
  if (keeper && fresh.length) keeper.postMessage({ type: "keep", urls: fresh });
}
function offline(url) {
  if (registering || !("serviceWorker" in navigator)) return;
  registering = true;
  navigator.serviceWorker.ready.then((registration) => {
    keeper = registration.active;
    keeper?.postMessage({ type: "keep", urls: [...used] });
  });
  navigator.serviceWorker.register(url).then((registration) => {
    if (!registration) return;
    // A newer build's worker waits until this build's pages are closed: say so, never switch rules silently.
    const waiting = () => current?.message({ type: "update" });
    if (registration.waiting && navigator.serviceWorker.controller) waiting();
    registration.addEventListener("updatefound", () => {
      const next = registration.installing;
      next?.addEventListener("statechange", () => {
        if (next.state === "installed" && navigator.serviceWorker.controller) waiting();
      });
    });
  }).catch((err) => console.warn("calculator: no offline copy:", err));
}

// Our own updates use history.replaceState, which fires no hashchange: this is a link opened here.
window.addEventListener("hashchange", () => document.getElementById("calc")?.dispatchEvent(new CustomEvent("calc-link")));

onEveryPage((page) => {
  if (page.dataset.page !== "policy") return false;
  const calc = start(page, { prefetch: JSON.parse(page.dataset.policies).map((p) => p.id) });
  calc.setPolicies(JSON.parse(page.dataset.policies), JSON.parse(page.dataset.first), [...calc.fields.keys()]);
  const restore = () => {
    calc.restore(new URLSearchParams(location.hash.slice(1)));
    calc.whenReady(calc.evaluate);
  };
  restore();
  page.addEventListener("calc-link", restore);
});

export function start(root, { extraKeys = [], fragment = () => ({}), prefetch = [], onRender = () => {} } = {}) {
  const S = JSON.parse(root.dataset.strings);
  const lang = root.dataset.lang;
  const version = root.dataset.rules;
  const form = document.getElementById("calc-form");
  const fields = new Map([...form.querySelectorAll(".calc-field[data-fact]")].map((f) => [f.dataset.fact, f]));
  const inputs = new Map([...fields].map(([fact, f]) => [fact, f.querySelector("select, input")]));
  const applicant = document.getElementById("q-applicant");
  const progress = document.getElementById("calc-progress");
  const progressText = document.getElementById("calc-progress-text");
  const bar = document.getElementById("calc-progress-bar");
  const output = document.getElementById("calc-output");
  const announce = document.getElementById("calc-announce");
  const summary = document.getElementById("calc-error-summary");
  const linkNotice = document.getElementById("calc-link-notice");
  const tools = document.getElementById("calc-tools");
  const results = document.getElementById("calc-results");
  const checklist = document.getElementById("calc-checklist");
  const abs = (u) => new URL(u, document.baseURI).href;
  const labelOf = (fact) => fields.get(fact)?.querySelector("label").textContent ?? fact;
  const site = root.dataset.site; // this language's site root, relative to the page

  let policies = []; // [{id, title, status, level}] in the order to show them (the most local first)
  let first = {}; // applicant -> the questions to show before any other answer (computed at build)
  let asked = new Set(); // every question these policies can ask
  let ready = false;
  let readyCallbacks = [];
  let mine = -1; // the id of this calculator's latest evaluation
  let focusResults = false;
  let timer = null;
  let blocked = false; // a link that cannot be used: nothing is computed until the person edits
  let lastRaw = {}; // the answers of the last evaluation sent
  const pending = new Map(); // id -> resolve, for evaluations of other policies (``evaluateOther``)
  root.hidden = false;

  const policyURL = (id) => {
    const url = abs(`${site}assets/policies/${id}.json`);
    keep([url]);
    return url;
  };
  keep([location.href.split("#")[0]]);
  const runtimeWorker = runtime(root, prefetch.map(policyURL));
  current = {
    message(data) {
      if (data.type === "progress") {
        progressText.textContent = S[data.key];
        bar.value = data.step;
      } else if (data.type === "ready") {
        becomeReady();
      } else if (data.type === "result" && pending.has(data.id)) {
        pending.get(data.id)(data.answer);
        pending.delete(data.id);
      } else if (data.type === "result" && data.id === mine) {
        render(data.answer);
      } else if (data.type === "error") {
        failed(data.message);
      } else if (data.type === "update") {
        progressText.textContent = `${S.ready} ${S.update_waiting}`;
      }
    },
    failed,
  };
  if (runtimeReady) becomeReady();

  function becomeReady() {
    ready = true;
    progressText.textContent = S.ready;
    bar.hidden = true;
    readyCallbacks.forEach((f) => f());
    readyCallbacks = [];
  }

  function failed(message) {
    progressText.textContent = S.load_failed;
    bar.hidden = true;
    progress.classList.add("calc-failed");
    console.error("calculator:", message);
  }

  // ---------------------------------------------------------------- which questions show

  function show(questions) {
    const wanted = new Set(questions);
    for (const [fact, f] of fields) {
      f.hidden = !wanted.has(fact);
      if (f.hidden) inputs.get(fact).value = ""; // a question that no longer concerns anyone is not an answer
    }
  }

  function firstQuestions() {
    return applicant.value ? first[applicant.value] ?? ["applicant"] : ["applicant"];
  }

  function rawAnswers() {
    const raw = {};
    for (const [fact, f] of fields) {
      if (f.hidden) continue;
      const value = inputs.get(fact).value;
      if (value.trim() !== "") raw[fact] = value;
    }
    return raw;
  }

  function writeHash(raw) {
    const params = new URLSearchParams({ v: version, ...fragment(), ...raw });
    history.replaceState(null, "", "#" + params.toString());
  }

  function evaluate() {
    if (!policies.length || blocked) return; // a refused link stays as it was, and computes nothing
    const raw = rawAnswers();
    writeHash(raw);
    if (!ready) return;
    if (!raw.applicant) {
      clearErrors();
      clearResults();
      return;
    }
    lastRaw = raw;
    mine = ++seq;
    runtimeWorker.postMessage({ type: "evaluate", id: mine, policies: policies.map((p) => policyURL(p.id)), raw });
  }

  // The same answers against other policies (the claim page's comparison): their results only.
  // Ids count down from -1, so they never meet the page's own evaluations.
  function evaluateOther(ids, raw) {
    const id = --otherSeq;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      runtimeWorker.postMessage({ type: "evaluate", id, policies: ids.map(policyURL), raw });
    });
  }

  function clearResults() {
    output.replaceChildren();
    checklist.replaceChildren();
    tools.hidden = true;
    onRender(null);
  }

  // ---------------------------------------------------------------- a link opened here

  function restore(params) {
    // Every field takes its value from the link (or becomes empty), so a new shared link
    // opened on this page replaces the previous answers instead of mixing with them.
    clearErrors();
    const problems = [];
    const known = new Set(["v", ...extraKeys, ...asked]);
    const unknown = [...params.keys()].filter((k) => !known.has(k));
    if (unknown.length) problems.push(`${S.link_unknown_fact} ${unknown.join(", ")}`);
    const given = [];
    for (const [fact, f] of fields) {
      const value = asked.has(fact) ? params.get(fact) ?? "" : "";
      const input = inputs.get(fact);
      input.value = value;
      if (value !== "") given.push(fact);
      if (input.value !== value) { // a <select> refuses a value that is not one of its choices
        f.hidden = false;
        showError(fact, S.link_bad_choice);
        problems.push(`${labelOf(fact)}: ${S.link_bad_choice}`);
      }
    }
    const warnings = params.has("v") && params.get("v") !== version ? [S.link_other_rules.replace("{old}", params.get("v")).replace("{new}", version)] : [];
    linkNotice.replaceChildren(...[...problems, ...warnings, ...(problems.length ? [S.link_start_again] : [])].map((m) => el("p", {}, m)));
    linkNotice.hidden = !problems.length && !warnings.length;
    linkNotice.classList.toggle("calc-link-refused", problems.length > 0);
    blocked = problems.length > 0;
    if (blocked) {
      clearResults();
      announce.textContent = problems.join(" ");
      return;
    }
    // The answers given show at once; the engine's questions follow with the first result.
    show([...new Set([...firstQuestions(), ...given])]);
  }

  function refuse(message) {
    blocked = true;
    linkNotice.replaceChildren(el("p", {}, message), el("p", {}, S.link_start_again));
    linkNotice.hidden = false;
    linkNotice.classList.add("calc-link-refused");
    clearResults();
    announce.textContent = message;
  }

  function unblock() {
    if (!blocked) return;
    blocked = false;
    linkNotice.hidden = true;
  }

  // ---------------------------------------------------------------- errors beside the fields

  function clearErrors() {
    summary.hidden = true;
    for (const fact of fields.keys()) {
      const e = document.getElementById(`error-${fact}`);
      e.hidden = true;
      e.textContent = "";
      inputs.get(fact).removeAttribute("aria-invalid");
    }
  }

  function showError(fact, message) {
    const e = document.getElementById(`error-${fact}`);
    e.textContent = message;
    e.hidden = false;
    inputs.get(fact).setAttribute("aria-invalid", "true");
  }

  form.addEventListener("input", (e) => {
    if (!fields.has(e.target.name)) return;
    unblock();
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  });
  form.addEventListener("change", (e) => {
    if (!fields.has(e.target.name)) return;
    unblock();
    if (e.target === applicant) show(firstQuestions());
    clearTimeout(timer);
    evaluate();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (blocked) return;
    if (!applicant.value) {
      clearErrors();
      showError("applicant", S.required);
      summary.textContent = S.required;
      summary.hidden = false;
      applicant.focus();
      clearResults();
      return;
    }
    focusResults = true;
    evaluate();
  });
  form.addEventListener("reset", (e) => {
    e.preventDefault();
    for (const fact of fields.keys()) inputs.get(fact).value = "";
    unblock();
    show(policies.length ? ["applicant"] : []);
    clearErrors();
    clearResults();
    announce.textContent = "";
    writeHash({});
    applicant.focus();
  });
  document.getElementById("calc-print").addEventListener("click", () => window.print());
  document.getElementById("calc-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      announce.textContent = S.link_copied;
    } catch {
      announce.textContent = location.href;
    }
  });

  // ---------------------------------------------------------------- rendering

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  };
  const t = (pair) => (pair ? pair[lang] : "");
  const counted = (title, n) => (lang === "zh" ? `${title}（${n}）` : `${title} (${n})`);
  const list = (items) => items.join(lang === "zh" ? "、" : ", ");
  const isDraft = (p) => p.status === "draft";

  function render(answer) {
    clearErrors();
    const errors = Object.entries(answer.errors);
    if (errors.length) {
      for (const [fact, message] of errors) {
        if (fields.has(fact)) fields.get(fact).hidden = false;
        showError(fact, t(message));
      }
      summary.textContent = S.fix_errors;
      summary.hidden = false;
      clearResults();
      announce.textContent = S.fix_errors;
      if (focusResults) inputs.get(errors[0][0]).focus();
      focusResults = false;
      return;
    }
    const before = [...fields.values()].filter((f) => !f.hidden).length;
    show(answer.questions);
    writeHash(rawAnswers());
    const shown = answer.questions.length;
    const byId = new Map(answer.results.map((r) => [r.policy, r]));
    const inForce = policies.filter((p) => !isDraft(p));
    const drafts = policies.filter(isDraft);
    const single = policies.length === 1;
    const nodes = [];
    if (!single && inForce.length > 1) nodes.push(el("p", { class: "calc-no-grand-total" }, S.no_grand_total));
    for (const p of inForce) nodes.push(policyResult(p, byId.get(p.id), single ? 3 : 4, !single));
    if (drafts.length) {
      const inner = drafts.map((p) => policyResult(p, byId.get(p.id), single ? 3 : 4, !single));
      if (single) nodes.push(...inner);
      else nodes.push(el("section", { class: "calc-drafts", "aria-labelledby": "calc-drafts-title" },
        el("h3", { id: "calc-drafts-title" }, S.eligible_draft),
        el("p", { class: "admonition warning draft-notice" }, S.draft_notice), ...inner));
    }
    output.replaceChildren(...nodes);
    renderChecklist(byId);
    tools.hidden = false;
    const said = policies.map((p) => {
      const groups = count(byId.get(p.id));
      return `${single ? "" : t(p.title) + ": "}${isDraft(p) ? S.eligible_draft : S.eligible}: ${groups.eligible}; ${S.unknown}: ${groups.unknown}; ${S.not_eligible}: ${groups.not_eligible}.`;
    });
    const change = shown > before ? ` ${S.questions_added}` : shown < before ? ` ${S.questions_removed}` : "";
    announce.textContent = said.join(" ") + change;
    if (focusResults) results.focus();
    focusResults = false;
    onRender(lastRaw);
  }

  function count(result) {
    const n = { eligible: 0, unknown: 0, not_eligible: 0 };
    for (const b of result.benefits) n[b.status] += 1;
    return n;
  }

  // One policy's results: its total, then its benefits by status. ``h`` is the level of the
  // status headings: h3 on a policy's own page, h4 under the policy's h3 on the claim page.
  function policyResult(p, result, h, headed) {
    const draft = isDraft(p);
    const groups = { eligible: [], unknown: [], not_eligible: [] };
    for (const b of result.benefits) groups[b.status].push(b);
    const eligibleTitle = draft ? S.eligible_draft : S.eligible;
    const parts = [];
    if (headed) {
      parts.push(el(`h${h - 1}`, { class: "calc-policy-title" }, t(p.title), " ",
        el("span", { class: "level-badge" }, S[`level_${p.level}`]), " ",
        el("span", { class: `status-badge status-${p.status}` }, S[`status_${p.status}`])));
    } else if (draft) {
      parts.push(el("p", { class: "admonition warning draft-notice" }, S.draft_notice));
    }
    // the cash total, when something payable in cash is granted (a service or a right adds no money)
    const cash = groups.eligible.some((b) => b.form === "cash" && b.amount);
    parts.push(groups.eligible.length
      ? el("p", { class: "calc-total" }, `${eligibleTitle}: ${groups.eligible.length}`,
          ...(cash ? [el("br"), `${S.total_cash}: `, el("strong", {}, t(result.totals.text))] : []))
      : el("p", { class: "calc-total" }, draft ? S.none_eligible_draft : S.none_eligible));
    parts.push(section(p, "eligible", eligibleTitle, groups.eligible, true, h));
    parts.push(section(p, "unknown", S.unknown, groups.unknown, false, h));
    parts.push(section(p, "not_eligible", S.not_eligible, groups.not_eligible, false, h));
    return el("section", { class: `calc-policy calc-policy-${p.status}`, id: `policy-${p.id}` }, ...parts);
  }

  function section(p, status, title, items, open, h) {
    if (!items.length) return null;
    const cards = el("div", { class: "calc-cards" }, ...items.map((b) => card(p, b, h + 1)));
    if (open) return el("section", { class: `calc-group calc-${status}` }, el(`h${h}`, {}, counted(title, items.length)), cards);
    // a heading inside the summary keeps the outline (results > group > card) when folded
    return el("details", { class: `calc-group calc-${status}` },
      el("summary", {}, el(`h${h}`, { class: "calc-summary-title" }, counted(title, items.length))), cards);
  }

  function clauseLink(p, b) {
    return el("a", { href: `${site}policies/${p.id}/text/#${b.clause}` }, `${S.see_clause} ${t(b.clause_label)}`);
  }

  function card(p, b, h) {
    const parts = [el(`h${h}`, {}, t(b.title))];
    if (isDraft(p)) parts.push(el("p", { class: "status-badge status-draft" }, S.status_draft));
    if (b.status !== "not_eligible") {
      if (b.text.amount) {
        // Before every answer is in, the amount is what is already known ("at least …").
        const sofar = b.status === "unknown" ? `${S.at_least_so_far}: ` : "";
        parts.push(el("p", { class: "calc-amount" }, sofar, el("strong", {}, t(b.text.amount)), b.text.schedule ? ` · ${t(b.text.schedule)}` : ""));
      } else if (b.text.unstated) {
        parts.push(el("p", { class: "calc-amount" }, `${S.amount_unstated}: ${t(b.text.unstated)}`));
      }
      if (b.text.total && b.schedule && b.schedule.every !== "once" && b.schedule.every !== "instalments") {
        parts.push(el("p", { class: "calc-total-line" }, `${S.in_total}: `, el("strong", {}, t(b.text.total))));
      }
      for (const cap of b.caps.filter((c) => c.applied)) parts.push(el("p", { class: "calc-cap" }, `${S.cap_applied}: ${t(cap.text)}`));
    }
    if (b.superseded_by) parts.push(el("p", { class: "calc-superseded" }, S.superseded));
    if (b.status === "unknown" && b.missing.length) {
      parts.push(el("p", {}, S.missing), el("ul", {}, ...b.missing.map((f) => el("li", {}, labelOf(f)))));
    }
    if (b.status === "not_eligible") {
      const reasons = b.trace.filter((s) => s.ok === false);
      if (reasons.length) parts.push(el("p", {}, S.why_not), el("ul", { class: "calc-reasons" }, ...reasons.map((s) => el("li", {}, t(s)))));
    }
    if (b.status !== "not_eligible" && b.also.length) {
      parts.push(el("p", {}, S.must_also), el("ul", { class: "calc-also" }, ...b.also.map((a) => el("li", {}, t(a)))));
    }
    if (b.departments?.length) parts.push(el("p", { class: "calc-department" }, `${S.responsible_department}: ${list(b.departments.map(t))}`));
    for (const n of b.notes) parts.push(el("p", { class: "calc-note" }, t(n)));
    const mark = (s) => (s.kind === "calc" ? "=" : s.ok === true ? `✓ ${S.met}` : s.ok === false ? `✗ ${S.not_met}` : `? ${S.unanswered}`);
    const steps = b.trace.map((s) => el("li", { class: s.kind === "calc" ? "calc" : s.ok === true ? "ok" : s.ok === false ? "fail" : "open" },
      el("span", { class: "mark" }, mark(s)), " ", t(s)));
    parts.push(el("details", { class: "calc-why" }, el("summary", {}, S.why), el("ol", {}, ...steps)));
    parts.push(el("p", { class: "calc-clause" }, clauseLink(p, b)));
    // ids stay short on a policy's page; on the claim page two policies may use the same benefit id
    const id = policies.length === 1 ? `result-${b.id}` : `result-${p.id}--${b.id}`;
    return el("article", { class: `calc-card calc-card-${b.status}`, id }, ...parts);
  }

  // The checklist to take along (printed; hidden on screen): what can be claimed, where to ask,
  // what else to bring, and the answers it rests on. A draft grants nothing and is left out.
  function renderChecklist(byId) {
    const answers = [...form.querySelectorAll(".calc-field[data-fact]")].map((f) => f.dataset.fact)
      .filter((fact) => !fields.get(fact).hidden && inputs.get(fact).value !== "")
      .map((fact) => {
        const input = inputs.get(fact);
        const value = input.tagName === "SELECT" ? input.selectedOptions[0].textContent : input.value;
        return el("li", {}, `${labelOf(fact)} ${value}`);
      });
    const blocks = [];
    for (const p of policies.filter((q) => !isDraft(q))) {
      const claimable = byId.get(p.id).benefits.filter((b) => b.status === "eligible");
      if (!claimable.length) continue;
      blocks.push(el("h3", {}, t(p.title)), el("ol", { class: "checklist-items" }, ...claimable.map((b) => el("li", {},
        el("strong", {}, t(b.title)), b.text.amount ? ` · ${t(b.text.amount)}${b.text.schedule ? ` · ${t(b.text.schedule)}` : ""}` : "",
        el("br"), `${S.clause}: ${t(b.clause_label)}`,
        el("br"), `${S.responsible_department}: ${b.departments?.length ? list(b.departments.map(t)) : S.department_not_named}`,
        b.also.length ? el("ul", {}, ...b.also.map((a) => el("li", {}, `${S.must_also} ${t(a)}`))) : null))));
    }
    checklist.replaceChildren(el("h2", {}, S.checklist_title),
      el("p", {}, `${S.checklist_place}: ${root.dataset.where || list(policies.map((p) => t(p.title)))}`),
      el("p", {}, `${S.rules_version}: ${version} · ${S.checklist_link}: ${location.href}`),
      el("h3", {}, S.checklist_answers), el("ul", {}, ...answers),
      ...(blocks.length ? blocks : [el("p", {}, S.checklist_nothing)]),
      el("p", {}, S.not_official));
  }

  return {
    S, fields, el,
    whenReady(f) { if (ready) f(); else readyCallbacks.push(f); },
    // The policies that apply, the first questions for each applicant, and every question they
    // can ask, in order (the fields are put in that order).
    setPolicies(list, firstQuestionsByApplicant, order) {
      policies = list;
      first = firstQuestionsByApplicant;
      asked = new Set(order);
      const parent = fields.get("applicant").parentNode;
      for (const fact of order) parent.insertBefore(fields.get(fact), document.getElementById("calc-buttons"));
    },
    show, restore, refuse, evaluate, evaluateOther, clearResults, firstQuestions, labelOf,
  };
}
