// The calculator page, for every policy: the form is generated at build time from the facts
// the policy uses; this script shows the questions that concern the chosen applicant, sends
// the raw answers to the worker (the same Python the tests run), and renders the answer.
// Data is only ever inserted with textContent: nothing from the rules is parsed as HTML.
const root = document.getElementById("calc");
if (root) start(root);

function start(root) {
  const S = JSON.parse(root.dataset.strings);
  const lang = root.dataset.lang;
  const isDraft = root.dataset.status === "draft";
  const form = document.getElementById("calc-form");
  const fields = [...form.querySelectorAll(".calc-field")];
  const applicant = document.getElementById("q-applicant");
  const progress = document.getElementById("calc-progress");
  const progressText = document.getElementById("calc-progress-text");
  const bar = document.getElementById("calc-progress-bar");
  const output = document.getElementById("calc-output");
  const announce = document.getElementById("calc-announce");
  const summary = document.getElementById("calc-error-summary");
  const tools = document.getElementById("calc-tools");
  const results = document.getElementById("calc-results");
  const abs = (u) => new URL(u, document.baseURI).href;
  const labelOf = (fact) => form.querySelector(`label[for="q-${fact}"]`)?.textContent ?? fact;

  let ready = false;
  let seq = 0;
  let focusResults = false;
  let timer = null;
  root.hidden = false;

  const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      progressText.textContent = S[data.key];
      bar.value = data.step;
    } else if (data.type === "ready") {
      ready = true;
      progressText.textContent = S.ready;
      bar.hidden = true;
      restoreFromHash();
      if (applicant.value) evaluate();
    } else if (data.type === "result" && data.id === seq) {
      render(data.answer);
    } else if (data.type === "error") {
      failed(data.message);
    }
  };
  worker.onerror = (e) => failed(e.message);
  worker.postMessage({ type: "init", pyodide: abs(root.dataset.pyodide), engine: abs(root.dataset.engine), policy: abs(root.dataset.policy) });

  function failed(message) {
    progressText.textContent = S.load_failed;
    bar.hidden = true;
    progress.classList.add("calc-failed");
    console.error("calculator:", message);
  }

  function visible(field) {
    if (field.dataset.fact === "applicant") return true;
    return applicant.value !== "" && field.dataset.concerns.split(" ").includes(applicant.value);
  }

  function showFields() {
    for (const f of fields) f.hidden = !visible(f);
  }

  function rawAnswers() {
    const raw = {};
    for (const f of fields) {
      if (f.hidden) continue;
      const value = form.elements[f.dataset.fact].value;
      if (value.trim() !== "") raw[f.dataset.fact] = value;
    }
    return raw;
  }

  function evaluate() {
    if (!ready) return;
    const raw = rawAnswers();
    history.replaceState(null, "", "#" + new URLSearchParams(raw).toString());
    if (!raw.applicant) {
      clearErrors();
      output.replaceChildren();
      tools.hidden = true;
      return;
    }
    worker.postMessage({ type: "evaluate", id: ++seq, raw });
  }

  function restoreFromHash() {
    // Every field takes its value from the link (or becomes empty), so a new shared link
    // opened on this page replaces the previous answers instead of mixing with them.
    const params = new URLSearchParams(location.hash.slice(1));
    for (const f of fields) form.elements[f.dataset.fact].value = params.get(f.dataset.fact) ?? "";
    showFields();
  }

  // Our own updates use history.replaceState, which fires no hashchange: this is a link opened here.
  window.addEventListener("hashchange", () => {
    if (!ready) return;
    restoreFromHash();
    evaluate();
  });

  function clearErrors() {
    summary.hidden = true;
    for (const f of fields) {
      const el = document.getElementById(`error-${f.dataset.fact}`);
      el.hidden = true;
      el.textContent = "";
      form.elements[f.dataset.fact].removeAttribute("aria-invalid");
    }
  }

  function showError(fact, message) {
    const el = document.getElementById(`error-${fact}`);
    el.textContent = message;
    el.hidden = false;
    form.elements[fact].setAttribute("aria-invalid", "true");
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  });
  form.addEventListener("change", (e) => {
    if (e.target === applicant) showFields();
    clearTimeout(timer);
    evaluate();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!applicant.value) {
      clearErrors();
      showError("applicant", S.required);
      summary.textContent = S.required;
      summary.hidden = false;
      applicant.focus();
      output.replaceChildren();
      tools.hidden = true;
      return;
    }
    focusResults = true;
    evaluate();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      showFields();
      clearErrors();
      output.replaceChildren();
      announce.textContent = "";
      tools.hidden = true;
      history.replaceState(null, "", location.pathname);
    });
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

  // ------------------------------------------------------------------ rendering

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const t = (pair) => (pair ? pair[lang] : "");

  function render(answer) {
    clearErrors();
    const errors = Object.entries(answer.errors);
    if (errors.length) {
      for (const [fact, message] of errors) showError(fact, t(message));
      summary.textContent = S.fix_errors;
      summary.hidden = false;
      output.replaceChildren();
      tools.hidden = true;
      announce.textContent = S.fix_errors;
      if (focusResults) form.elements[errors[0][0]].focus();
      focusResults = false;
      return;
    }
    const result = answer.result;
    const groups = { eligible: [], unknown: [], not_eligible: [] };
    for (const b of result.benefits) groups[b.status].push(b);
    const nodes = [];
    if (isDraft) nodes.push(el("p", { class: "admonition warning draft-notice" }, S.draft_notice));
    const totals = result.totals;
    // A draft grants nothing: its results say what it would grant if adopted, never "you can claim".
    const eligibleTitle = isDraft ? S.eligible_draft : S.eligible;
    const head = groups.eligible.length
      ? el("p", { class: "calc-total" }, `${eligibleTitle}: ${groups.eligible.length}`, el("br"),
          `${S.total_cash}: `, el("strong", {}, t(totals.text)))
      : el("p", { class: "calc-total" }, isDraft ? S.none_eligible_draft : S.none_eligible);
    nodes.push(head);
    nodes.push(section("eligible", eligibleTitle, groups.eligible, true));
    nodes.push(section("unknown", S.unknown, groups.unknown, false));
    nodes.push(section("not_eligible", S.not_eligible, groups.not_eligible, false));
    output.replaceChildren(...nodes.filter(Boolean));
    tools.hidden = false;
    announce.textContent = `${eligibleTitle}: ${groups.eligible.length}; ${S.unknown}: ${groups.unknown.length}; ${S.not_eligible}: ${groups.not_eligible.length}.`;
    if (focusResults) results.focus();
    focusResults = false;
  }

  function section(status, title, items, open) {
    if (!items.length) return null;
    const counted = lang === "zh" ? `${title}（${items.length}）` : `${title} (${items.length})`;
    const list = el("div", { class: "calc-cards" }, ...items.map(card));
    if (open) return el("section", { class: `calc-group calc-${status}` }, el("h3", {}, counted), list);
    // a heading inside the summary keeps the outline (h2 results > h3 group > h4 card) when folded
    return el("details", { class: `calc-group calc-${status}` },
      el("summary", {}, el("h3", { class: "calc-summary-title" }, counted)), list);
  }

  function card(b) {
    const parts = [el("h4", {}, t(b.title))];
    if (isDraft) parts.push(el("p", { class: "status-badge status-draft" }, S.status_draft));
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
    for (const n of b.notes) parts.push(el("p", { class: "calc-note" }, t(n)));
    const mark = (s) => (s.kind === "calc" ? "=" : s.ok === true ? `✓ ${S.met}` : s.ok === false ? `✗ ${S.not_met}` : `? ${S.unanswered}`);
    const steps = b.trace.map((s) => el("li", { class: s.kind === "calc" ? "calc" : s.ok === true ? "ok" : s.ok === false ? "fail" : "open" },
      el("span", { class: "mark" }, mark(s)), " ", t(s)));
    parts.push(el("details", { class: "calc-why" }, el("summary", {}, S.why), el("ol", {}, ...steps)));
    parts.push(el("p", { class: "calc-clause" }, el("a", { href: `${root.dataset.text}#${b.clause}` }, `${S.see_clause} ${t(b.clause_label)}`)));
    return el("article", { class: `calc-card calc-card-${b.status}`, id: `result-${b.id}` }, ...parts);
  }
}
