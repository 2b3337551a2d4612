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
  const compareSection = document.getElementById("claim-compare-results");
  const compareOutput = document.getElementById("claim-compare-output");
  const comparePlace = document.getElementById("claim-compare-place");
  const compareAdd = document.getElementById("claim-compare-add");
  const compareChosen = document.getElementById("claim-compare-chosen");
  const MAX_COMPARED = 3;
  let compared = []; // the codes of the places to compare with, in the order chosen
  const calc = start(root, {
    extraKeys: ["place", "compare"],
    fragment: () => ({ ...(place ? { place } : {}), ...(compared.length ? { compare: compared.join(",") } : {}) }),
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
    compareSection.hidden = true;
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
      data = await placeData(code);
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
    compared = compared.filter((c) => c !== place);
    showCompared();
    calc.setPolicies(data.policies, data.first, data.order);
    calc.restore(answers ?? new URLSearchParams());
    calc.whenReady(calc.evaluate);
  }

  // What applies in a place (assets/places/<code>.json, made at build time), fetched once; a
  // failed fetch is forgotten, so that a later one tries again.
  const placeFiles = new Map();
  function placeData(code) {
    if (!placeFiles.has(code)) {
      placeFiles.set(code, fetch(new URL(`${root.dataset.site}assets/places/${code}.json`, document.baseURI))
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${code}.json`))))
        .catch((err) => {
          placeFiles.delete(code);
          throw err;
        }));
    }
    return placeFiles.get(code);
  }

  // "Compare with other places": the same answers, evaluated against the policies of up to three
  // places the person chooses (each place's own file: the page never loads every policy). Each
  // place shows, side by side with the results above, what its policies would grant and which of
  // their questions are not answered yet.
  const placeLabel = new Map(); // code -> the place's names, from the province down
  for (const o of options.get(province)) if (o.value !== "none") placeLabel.set(o.value, o.textContent);
  for (const o of inside(city)) placeLabel.set(o.value, `${placeLabel.get(o.dataset.within)} · ${o.textContent}`);
  for (const o of inside(district)) placeLabel.set(o.value, `${placeLabel.get(o.dataset.within)} · ${o.textContent}`);
  comparePlace.append(...[...placeLabel].map(([code, label]) => el("option", { value: code }, label)));
  if (placeLabel.size < 2) document.getElementById("claim-compare-pick").replaceChildren(el("p", {}, S.compare_elsewhere_none));

  function showCompared() {
    compareChosen.replaceChildren(...compared.map((code) => el("li", {}, placeLabel.get(code), " ",
      button(S.compare_remove, S.compare_remove_place.replace("{place}", placeLabel.get(code)), () => {
        compared = compared.filter((c) => c !== code);
        showCompared();
        comparePlace.focus();
        calc.evaluate();
      }))));
    for (const o of comparePlace.options) o.disabled = o.value !== "" && (o.value === place || compared.includes(o.value));
    if (comparePlace.selectedOptions[0]?.disabled) comparePlace.value = "";
    const full = compared.length >= MAX_COMPARED;
    comparePlace.disabled = full;
    compareAdd.disabled = full;
    document.getElementById("claim-compare-help").textContent = full ? S.compare_max : S.compare_pick_help;
    compareSection.hidden = !covering.length;
  }

  function button(text, label, onClick) {
    const b = el("button", { type: "button", class: "md-button claim-compare-remove", "aria-label": label }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  compareAdd.addEventListener("click", () => {
    const code = comparePlace.value;
    if (!code) comparePlace.focus(); // (no place chosen yet)
    if (!code || compared.includes(code) || code === place || compared.length >= MAX_COMPARED) return;
    compared.push(code);
    comparePlace.value = "";
    showCompared();
    if (compareAdd.disabled) compareChosen.querySelector("li:last-child button").focus(); // (not lost on a button now disabled)
    calc.evaluate();
  });

  let compareTicket = 0;
  async function compareWith(raw) {
    const ticket = ++compareTicket;
    if (!raw || !covering.length || !compared.length) {
      compareOutput.replaceChildren();
      return;
    }
    let chosen;
    try {
      chosen = await Promise.all(compared.map(placeData));
    } catch (err) {
      console.warn("compare:", err);
      if (ticket === compareTicket) {
        compareOutput.replaceChildren(el("p", { role: "alert" }, S.compare_elsewhere_failed, " ",
          button(S.compare_retry, S.compare_retry, () => compareWith(raw))));
      }
      return;
    }
    if (ticket !== compareTicket) return; // the answers or the places changed meanwhile
    const ids = [...new Set(chosen.flatMap((d) => d.policies.map((p) => p.id)))].filter((id) => !covering.includes(id));
    const answer = ids.length ? await calc.evaluateOther(ids, raw) : { results: [] };
    if (ticket !== compareTicket) return;
    const byId = new Map(answer.results.map((r) => [r.policy, r]));
    compareOutput.replaceChildren(...chosen.map((d) => placeResult(d, byId)));
  }

  function placeResult(data, byId) {
    const others = data.policies.filter((p) => !covering.includes(p.id));
    const shared = data.policies.filter((p) => covering.includes(p.id));
    const heading = `compare-place-${data.code}-title`;
    return el("section", { class: "claim-compare-place", id: `compare-place-${data.code}`, "aria-labelledby": heading },
      el("h3", { id: heading }, data.names.map(t).join(" · ")),
      ...(others.length ? others.map((p) => otherPolicy(data.code, p, byId.get(p.id))) : [el("p", {}, S.compare_place_same)]),
      others.length && shared.length ? el("p", { class: "meta" }, S.compare_also_here, shared.map((p) => t(p.title)).join(lang === "zh" ? "、" : "; ")) : null);
  }

  function otherPolicy(code, p, result) {
    const granted = result.benefits.filter((b) => b.status === "eligible");
    const open = result.benefits.filter((b) => b.status === "unknown");
    const needs = [...new Set(open.flatMap((b) => b.ask))].map(calc.labelOf);
    const cash = granted.some((b) => b.form === "cash" && b.amount);
    const draft = p.status === "draft";
    return el("section", { class: `calc-policy calc-policy-${p.status}`, id: `compare-${code}-${p.id}` },
      el("h4", { class: "calc-policy-title" }, t(p.title), " ", el("span", { class: "level-badge" }, S[`level_${p.level}`]), " ",
        el("span", { class: `status-badge status-${p.status}` }, S[`status_${p.status}`])),
      el("p", { class: "calc-total" }, `${draft ? S.eligible_draft : S.eligible}: ${granted.length}`,
        ...(cash ? [el("br"), `${S.total_cash}: `, el("strong", {}, t(result.totals.text))] : [])),
      granted.length ? el("ul", {}, ...granted.map((b) => el("li", {}, t(b.title),
        b.text.amount ? ` · ${t(b.text.amount)}${b.text.schedule ? ` · ${t(b.text.schedule)}` : ""}` : "", " · ",
        el("a", { href: `${root.dataset.site}policies/${p.id}/text/#${b.clause}` }, `${S.see_clause} ${t(b.clause_label)}`)))) : null,
      needs.length ? el("details", { class: "calc-group calc-unknown" }, el("summary", {}, `${S.unknown} (${open.length})`),
        el("p", {}, S.missing), el("ul", {}, ...needs.map((n) => el("li", {}, n)))) : null);
  }

  // A link opened here: the place first, then the answers.
  function fromLink() {
    const params = new URLSearchParams(location.hash.slice(1));
    // (codes the site does not know, such as an older link's "compare=1", are left out)
    compared = [...new Set((params.get("compare") ?? "").split(","))].filter((c) => placeLabel.has(c)).slice(0, MAX_COMPARED);
    showCompared();
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
