// The search page: queries this language's Pagefind index (made by hooks/search.py). Pagefind
// downloads only the index chunks of the words searched and the excerpts of the results shown.
// The query is in the page's address (?q=), so a search can be shared and the back button works.
// Everything from the index is inserted as text; only Pagefind's <mark> tags become elements.

const PAGE = 10; // results shown at once

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
      return pf;
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
      found = await (await pagefind()).search(query);
    } catch (err) {
      console.warn("search:", err);
      if (mine === ticket) status.textContent = S.search_failed;
      return;
    }
    if (mine !== ticket) return; // a newer search has started
    results = found.results;
    if (results.length && !(await showMore(mine))) return; // the first results are shown, then counted
    const count = results.length;
    status.textContent = say(count === 0 ? S.search_none : count === 1 ? S.search_found_one : S.search_found, { query, count });
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
