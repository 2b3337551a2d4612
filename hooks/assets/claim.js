// "What can I claim?": the place (province, city, district), then the calculator of
// calculator.js over every policy that covers the place. The places and their options are in
// the page (built from the rules); what applies in a place, and its first questions, are in
// assets/places/<code>.json, computed at build time, so they show before the runtime is ready.
// Set up on every page that has it, including after instant navigation (onEveryPage).
import { onEveryPage, start } from "./calculator.js";

onEveryPage((root) => (root.dataset.page === "claim" ? claim(root) : false));

function claim(root) {
  let place = ""; // the code of the place chosen, or "" (none yet, or not covered)
  let covering = []; // the ids of the policies that apply there
  const compareBox = document.getElementById("claim-compare");
  const compareSection = document.getElementById("claim-compare-results");
  const compareOutput = document.getElementById("claim-compare-output");
  let everyPolicy = null; // a promise of [{id, title, status, level, place}], fetched when a comparison is first asked for
  const calc = start(root, {
    extraKeys: ["place", "compare"],
    fragment: () => ({ ...(place ? { place } : {}), ...(compareBox.checked ? { compare: "1" } : {}) }),
    onRender: (raw) => compareWith(raw),
  });
  const { S, el } = calc;
  const lang = root.dataset.lang;
  const t = (pair) => pair[lang];
  const selects = ["province", "city", "district"].map((k) => document.getElementById(`place-${k}`));
  const [province, city, district] = selects;
  const coverage = document.getElementById("claim-coverage");
  // Every option of the city and district lists, as built: each list shows those within the choice
  // above it. An option whose value is the place it is within means "elsewhere in" that place.
  const options = new Map(selects.map((s) => [s, [...s.options].slice(1)]));
  const inside = (s) => options.get(s).filter((o) => o.value !== o.dataset.within);
  const provinceOf = new Map(inside(city).map((o) => [o.value, o.dataset.within]));
  const cityOf = new Map(inside(district).map((o) => [o.value, o.dataset.within]));
  const hasDistricts = new Set(cityOf.values());
  const provinces = new Set(options.get(province).map((o) => o.value).filter((v) => v !== "none"));
  let loading = 0;

  calc.show([]);

  function fill(select, within) {
    select.replaceChildren(select.options[0], ...options.get(select).filter((o) => o.dataset.within === within));
    select.value = "";
    select.closest(".place-field").hidden = within === null;
  }

  // The selections that lead to a place, or null for a code the rules do not name.
  function path(code) {
    if (provinceOf.has(code)) return hasDistricts.has(code) ? [provinceOf.get(code), code, code] : [provinceOf.get(code), code];
    if (cityOf.has(code)) return [provinceOf.get(cityOf.get(code)), cityOf.get(code), code];
    return provinces.has(code) ? [code, code] : null;
  }

  // A choice resets the levels below it; a place is chosen once no level below is left to pick.
  province.addEventListener("change", () => {
    const value = province.value;
    fill(city, value && value !== "none" ? value : null);
    fill(district, null);
    choose(value === "none" ? "none" : "");
  });
  city.addEventListener("change", () => {
    const further = hasDistricts.has(city.value) && city.value !== province.value;
    fill(district, further ? city.value : null);
    choose(further ? "" : city.value);
  });
  district.addEventListener("change", () => choose(district.value));

  async function choose(code, answers = null) {
    const ticket = ++loading;
    place = code === "none" ? "" : code;
    covering = [];
    calc.setPolicies([], {}, []);
    calc.show([]);
    calc.clearResults();
    root.dataset.where = "";
    if (!code || code === "none") {
      coverage.replaceChildren(...(code ? [el("p", { class: "claim-not-covered" }, S.place_not_covered)] : []));
      history.replaceState(null, "", location.pathname);
      return;
    }
    coverage.replaceChildren(el("p", {}, S.place_loading));
    let data;
    try {
      const response = await fetch(new URL(`${root.dataset.site}assets/places/${code}.json`, document.baseURI));
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch {
      if (ticket === loading) coverage.replaceChildren(el("p", { class: "calc-failed" }, S.place_load_failed));
      return;
    }
    if (ticket !== loading) return; // another place was chosen meanwhile
    root.dataset.where = data.names.map(t).join(" · ");
    if (!data.policies.length) {
      coverage.replaceChildren(el("p", { class: "claim-not-covered" }, S.place_not_covered));
      history.replaceState(null, "", "#" + new URLSearchParams({ v: root.dataset.rules, place }).toString());
      return;
    }
    coverage.replaceChildren(el("p", {}, S.place_covered_by), el("ul", {}, ...data.policies.map((p) => el("li", {},
      el("a", { href: `${root.dataset.site}policies/${p.id}/` }, t(p.title)), " ",
      el("span", { class: "level-badge" }, S[`level_${p.level}`]), " ",
      el("span", { class: `status-badge status-${p.status}` }, S[`status_${p.status}`])))));
    covering = data.policies.map((p) => p.id);
    calc.setPolicies(data.policies, data.first, data.order);
    calc.restore(answers ?? new URLSearchParams());
    calc.whenReady(calc.evaluate);
  }

  // "Compare with other places": the same answers, evaluated against every policy that does not
  // apply here. Each shows what it would grant and which of its questions are not answered yet.
  let compareTicket = 0;
  function policyList() {
    everyPolicy ??= fetch(new URL(`${root.dataset.site}assets/policy-list.json`, document.baseURI))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} policy-list.json`))))
      .catch((err) => {
        everyPolicy = null; // a later comparison tries again
        throw err;
      });
    return everyPolicy;
  }

  async function compareWith(raw) {
    const ticket = ++compareTicket;
    compareSection.hidden = !(compareBox.checked && raw && covering.length);
    if (compareSection.hidden) {
      compareOutput.replaceChildren();
      return;
    }
    let all;
    try {
      all = await policyList();
    } catch (err) {
      console.warn("compare:", err);
      if (ticket === compareTicket) compareOutput.replaceChildren(el("p", { role: "alert" }, S.compare_elsewhere_failed));
      return;
    }
    if (ticket !== compareTicket) return; // the answers changed meanwhile
    const others = all.filter((p) => !covering.includes(p.id));
    if (!others.length) {
      compareOutput.replaceChildren(el("p", {}, S.compare_elsewhere_none));
      return;
    }
    const answer = await calc.evaluateOther(others.map((p) => p.id), raw);
    if (ticket !== compareTicket) return; // the answers changed meanwhile
    const byId = new Map(answer.results.map((r) => [r.policy, r]));
    compareOutput.replaceChildren(...others.map((p) => otherPolicy(p, byId.get(p.id))));
  }

  function otherPolicy(p, result) {
    const granted = result.benefits.filter((b) => b.status === "eligible");
    const open = result.benefits.filter((b) => b.status === "unknown");
    const needs = [...new Set(open.flatMap((b) => b.ask))].map(calc.labelOf);
    const cash = granted.some((b) => b.form === "cash" && b.amount);
    const draft = p.status === "draft";
    return el("section", { class: `calc-policy calc-policy-${p.status}`, id: `compare-${p.id}` },
      el("h3", { class: "calc-policy-title" }, t(p.title), " ", el("span", { class: "level-badge" }, S[`level_${p.level}`]), " ",
        el("span", { class: `status-badge status-${p.status}` }, S[`status_${p.status}`])),
      el("p", { class: "meta" }, t(p.place)),
      el("p", { class: "calc-total" }, `${draft ? S.eligible_draft : S.eligible}: ${granted.length}`,
        ...(cash ? [el("br"), `${S.total_cash}: `, el("strong", {}, t(result.totals.text))] : [])),
      granted.length ? el("ul", {}, ...granted.map((b) => el("li", {}, t(b.title),
        b.text.amount ? ` · ${t(b.text.amount)}${b.text.schedule ? ` · ${t(b.text.schedule)}` : ""}` : "", " · ",
        el("a", { href: `${root.dataset.site}policies/${p.id}/text/#${b.clause}` }, `${S.see_clause} ${t(b.clause_label)}`)))) : null,
      needs.length ? el("details", { class: "calc-group calc-unknown" }, el("summary", {}, `${S.unknown} (${open.length})`),
        el("p", {}, S.missing), el("ul", {}, ...needs.map((n) => el("li", {}, n)))) : null);
  }

  compareBox.addEventListener("change", () => calc.evaluate());

  // A link opened here: the place first, then the answers.
  function fromLink() {
    const params = new URLSearchParams(location.hash.slice(1));
    compareBox.checked = params.get("compare") === "1";
    if (!params.has("place")) return;
    const steps = path(params.get("place"));
    if (!steps) {
      province.value = "";
      fill(city, null);
      fill(district, null);
      choose("");
      calc.refuse(S.link_unknown_place);
      return;
    }
    province.value = steps[0];
    fill(city, steps[0]);
    city.value = steps[1];
    fill(district, steps.length === 3 ? steps[1] : null);
    if (steps.length === 3) district.value = steps[2];
    choose(params.get("place"), params);
  }

  root.addEventListener("calc-link", fromLink);
  fromLink();
}
