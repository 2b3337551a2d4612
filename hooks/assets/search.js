// The search page: queries this language's Pagefind index (made by hooks/search.py). Pagefind
// downloads only the index chunks of the words searched and the excerpts of the results shown.
// The query is in the page's address (?q=), so a search can be shared and the back button works.
// Everything from the index is inserted as text; only Pagefind's <mark> tags become elements.

const PAGE = 10; // results shown at once
const LITERAL = 30; // results read in full, at most, when a query is matched as typed (literally())

function mount() {
  const root = document.getElementById("site-search");
  if (!root || root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const S = JSON.parse(root.dataset.strings);
  const form = document.getElementById("site-search-form");
  const input = document.getElementById("site-search-q");
  const status = document.getElementById("site-search-status");
  const list = document.getElementById("site-search-results");
  const more = document.getElementById("site-search-more");
  const abs = (u) => new URL(u, document.baseURI).href;
  const say = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
  let engine = null;
  let ticket = 0;
  let results = [];
  let shown = 0;

  function pagefind() {
    engine ??= import(abs(root.dataset.bundle)).then(async (pf) => {
      const options = { baseUrl: new URL(abs(root.dataset.site)).pathname, excerptLength: 24 };
      await pf.options(options);
      pf.init();
      // A large site's index is in shards (hooks/search.py): the others join the first one.
      const listed = await fetch(new URL("shards.json", abs(root.dataset.bundle)));
      if (!listed.ok) throw new Error(`shards.json: ${listed.status}`);
      const shards = await listed.json();
      await Promise.all(shards.map((s) => pf.mergeIndex(new URL(s, abs(root.dataset.bundle)).pathname, options)));
      return { pf, sharded: shards.length > 0 };
    }).catch((err) => {
      engine = null; // a later search tries again
      throw err;
    });
    return engine;
  }

  async function search(query) {
    const mine = ++ticket;
    query = query.trim();
    history.replaceState(null, "", query ? `?${new URLSearchParams({ q: query })}` : location.pathname);
    list.replaceChildren();
    more.hidden = true;
    results = [];
    shown = 0;
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = S.search_loading;
    let found;
    try {
      const index = await pagefind();
      found = await everyWord(index, query);
      if (!found.length) found = await literally(index, query);
    } catch (err) {
      console.warn("search:", err);
      if (mine === ticket) status.textContent = S.search_failed;
      return;
    }
    if (mine !== ticket) return; // a newer search has started
    results = found;
    if (results.length && !(await showMore(mine))) return; // the first results are shown, then counted
    const count = results.length;
    status.textContent = say(count === 0 ? S.search_none : count === 1 ? S.search_found_one : S.search_found, { query, count });
  }

  // Pagefind ignores a word of the query that its index lacks (its "best effort"), and each shard
  // answers for itself: a shard without a rare word of the query (a place name) would answer on the
  // other words. So a result must also be among the results of each word searched alone, over all
  // the shards; a word that no shard holds is ignored, as one index would ignore it. The single-word
  // searches need the same index chunks as the query: nothing more is downloaded.
  async function everyWord({ pf, sharded }, query) {
    const found = (await pf.search(query)).results;
    const terms = sharded ? words(query) : [];
    if (terms.length < 2 || !found.length) return found;
    const each = await Promise.all(terms.map((w) => pf.search(w)));
    const held = each.map((r) => new Set(r.results.map((x) => x.id))).filter((ids) => ids.size);
    return found.filter((r) => held.every((ids) => ids.has(r.id)));
  }

  // A name the index holds as one word (江门, from its Chinese word list) can reach the browser as
  // single characters (江 / 门: its segmenter does not know the name), and Pagefind matches a
  // query word at the start of an indexed word, so 门 finds nothing there. When a query finds
  // nothing, each run of single Chinese characters is searched by its first character (江 finds
  // 江门), and of the best LITERAL results, those whose text holds every such run as typed are
  // shown: the pages that hold it most often first, each with an excerpt around it (Pagefind's
  // would mark the words that begin with 江).
  async function literally(index, query) {
    const { runs, terms } = singleCharacterRuns(query);
    if (!runs.length) return [];
    const candidates = (await everyWord(index, terms.join(" "))).slice(0, LITERAL);
    const found = [];
    for (const data of await Promise.all(candidates.map((r) => r.data()))) {
      const text = data.content.replace(/\s+/g, "");
      if (!runs.every((run) => text.includes(run))) continue;
      const times = runs.reduce((n, run) => n + text.split(run).length - 1, 0);
      const shown = { ...data, excerpt: excerptAround(data.content.includes(runs[0]) ? data.content : text, runs) };
      found.push({ times, data: async () => shown });
    }
    return found.sort((a, b) => b.times - a.times);
  }

  async function showMore(mine) {
    const next = results.slice(shown, shown + PAGE);
    let data;
    try {
      data = await Promise.all(next.map((r) => r.data()));
    } catch (err) {
      console.warn("search:", err);
      if (mine === ticket) status.textContent = S.search_failed;
      return null;
    }
    if (mine !== ticket) return null;
    shown += next.length;
    const items = data.map(item);
    list.append(...items);
    more.hidden = shown >= results.length;
    return items[0] ?? null;
  }

  function item(d) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.meta.title || d.url;
    const heading = document.createElement("p");
    heading.className = "site-search__title";
    heading.append(a);
    if (d.meta.section) heading.append(" · ", Object.assign(document.createElement("span"), { className: "meta", textContent: d.meta.section }));
    const excerpt = document.createElement("p");
    excerpt.className = "site-search__excerpt";
    excerpt.append(...marked(d.excerpt));
    li.append(heading, excerpt);
    return li;
  }

  more.addEventListener("click", async () => {
    const first = await showMore(ticket);
    first?.querySelector("a").focus(); // keyboard users continue at the first new result
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  input.value = new URLSearchParams(location.search).get("q") ?? "";
  if (input.value) search(input.value);
  else input.focus();
}

// The words of a query as Pagefind's pagefind.js splits it (search()): in Chinese, Japanese and Thai
// at the words the browser's segmenter finds, otherwise at spaces; punctuation dropped, lower case
// (without Intl.Segmenter, as pagefind.js: character by character, no segmenting).
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u; // (pagefind.js's own test, as written there)
const pageLang = () => (document.documentElement.lang || "en").toLowerCase();
function words(query) {
  const lang = pageLang();
  const split = (text, granularity) => typeof Intl.Segmenter === "undefined" ? [...text]
    : [...new Intl.Segmenter(lang, { granularity }).segment(text)].map((s) => s.segment);
  const clean = (part) => split(part, "grapheme").filter((g) => !PUNCTUATION.test(g)).join("").toLocaleLowerCase();
  const parts = typeof Intl.Segmenter !== "undefined" && ["zh", "ja", "th"].includes(lang.split("-")[0])
    ? split(query, "word") : [query];
  return [...new Set(parts.flatMap((part) => clean(part).split(/\s+/)).filter(Boolean))];
}

// The runs of two or more single Chinese characters among the words of a query (江门 split as
// 江 / 门), and the query's words with each run reduced to its first character.
function singleCharacterRuns(query) {
  const lang = pageLang();
  if (typeof Intl.Segmenter === "undefined" || !lang.startsWith("zh")) return { runs: [], terms: [] };
  const HAN = /^\p{Script=Han}$/u;
  const pieces = [...new Intl.Segmenter(lang, { granularity: "word" }).segment(query)].filter((s) => s.isWordLike).map((s) => s.segment);
  const runs = [];
  const terms = [];
  let run = "";
  const close = () => {
    if (run.length > 1) runs.push(run);
    if (run) terms.push(run[0]);
    run = "";
  };
  for (const piece of pieces) {
    if (HAN.test(piece)) {
      run += piece; // (one character)
    } else {
      close();
      terms.push(piece);
    }
  }
  close();
  return { runs, terms };
}

// An excerpt in Pagefind's form (escaped text, <mark> around what was found) around the first run.
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function excerptAround(text, runs) {
  const escape = (t) => t.replace(/[&<>"']/g, (c) => ESCAPES[c]);
  const at = text.indexOf(runs[0]);
  const start = Math.max(0, at - 20);
  const end = Math.min(text.length, at + runs[0].length + 40);
  let excerpt = escape(text.slice(start, end));
  for (const run of runs) excerpt = excerpt.split(escape(run)).join(`<mark>${escape(run)}</mark>`);
  return `${start > 0 ? "…" : ""}${excerpt}${end < text.length ? "…" : ""}`;
}

// Pagefind's excerpt is escaped text with <mark> around the words found: text nodes and <mark>
// elements, never parsed as HTML.
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
function marked(excerpt) {
  const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e) => ENTITIES[e]);
  return excerpt.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map((part) => {
    const m = /^<mark>(.*)<\/mark>$/.exec(part);
    return m ? Object.assign(document.createElement("mark"), { textContent: decode(m[1]) }) : document.createTextNode(decode(part));
  });
}

if (window.document$) window.document$.subscribe(mount);
else mount();
