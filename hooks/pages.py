"""MkDocs hook: the pages generated from the rule files, in the build's language.

For every policy: an overview, the full text and a calculator; plus an index of policies by
place and an index of benefits by recipient. Everything goes through Jinja2 templates with
autoescape; nothing generated is written to docs/. Data is read inside the events (no module
state), because ``mkdocs serve`` imports hook modules once.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from calculators.build import compile as rules
from calculators.build import compare, derived, places
from calculators.build.kinds import KINDS
from calculators.build.schema import RECIPIENTS
from calculators.runtime import describe, interview, schedules
from hooks import runtime
from hooks.csp import CHARSET
from hooks.runtime import pyodide_version
from hooks.strings import STRINGS, strings_for

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


def _load():
    policies, dictionary, problems = rules.load_all_once()
    if problems:
        raise PluginError("invalid rule files:\n" + "\n".join(str(p) for p in problems))
    return policies, dictionary


def _personas(dictionary):
    personas, problems = compare.load_personas(rules.site_rules(), dictionary)
    if problems:
        raise PluginError("invalid personas:\n" + "\n".join(str(p) for p in problems))
    return personas


def _kind_uri(kind: str, province: str | None = None) -> str:
    base = f"compare/kinds/{kind.replace('_', '-')}"
    return f"{base}/{province}.md" if province else f"{base}.md"


KIND_PAGE_ROWS = 80  # a kind's benefits on one page up to this many; beyond, one page per province


def _kind_provinces(policies) -> dict[str, list[tuple[dict, int]]]:
    """Kind -> its provinces with their number of benefits of that kind, for each kind that has
    more than KIND_PAGE_ROWS benefits (its comparison is then a page per province)."""
    counts: dict = {}
    for p in compare.by_place(policies):
        for b in p["benefits"]:
            by_province = counts.setdefault(b["kind"], {})
            code = p["place"]["province"]["code"]
            by_province[code] = (p["place"]["province"], by_province.get(code, (None, 0))[1] + 1)
    return {k: list(v.values()) for k, v in counts.items() if sum(n for _, n in v.values()) > KIND_PAGE_ROWS}


def _persona_uri(persona_id: str) -> str:
    return f"compare/situations/{persona_id}.md"


def _lang(config) -> str:
    return config["extra"]["lang"]


def _uris(policy_id: str) -> dict:
    base = f"policies/{policy_id}/"
    return {"overview": base + "index.md", "text": base + "text.md", "calculator": base + "calculator.md"}


def on_config(config):
    lang = _lang(config)
    s = strings_for(lang)
    policies, dictionary = _load()
    config["nav"] = [
        {s["home"]: "index.md"},
        {s["claim"]: "claim.md"},
        {s["search"]: "search.md"},
        {s["policies"]: ["policies/index.md"] + _policy_nav(places.policy_tree(policies), lang)},
        {s["benefits_by_recipient"]: ["benefits.md"] + [
            {html.escape(label[lang]): [{html.escape(page["province"][lang]): page["uri"]} for page in pages]}
            for _, label, pages in _benefit_index(policies)["columns"]]},
        {s["compare"]: ["compare/index.md",
                        {s["compare_by_persona"]: [_persona_uri(p["id"]) for p in _personas(dictionary)]},
                        {s["compare_by_kind"]: _kind_nav(policies, lang)}]},
        {s["about"]: ["about/method.md", "about/accessibility.md"]},
    ]
    config["extra"]["claim_label"] = s["claim"]  # the header's links (overrides/partials/alternate.html)
    config["extra"]["search_label"] = s["search"]
    config["watch"].append(str(rules.site_rules()))
    config["watch"].append(str(Path(__file__).resolve().parent))
    return config


def _kind_nav(policies, lang):
    split = _kind_provinces(policies)
    return [{html.escape(KINDS[k]["label"][lang]): [_kind_uri(k)] + [{html.escape(province[lang]): _kind_uri(k, province["code"])}
                                                          for province, _ in split[k]]}
            if k in split else _kind_uri(k) for k in KINDS]


def _policy_nav(nodes, lang, above=""):
    """The policies as a tree of places (province, city, district), a place with a single place
    below it and no policy of its own joined to it ("Zhejiang · Shaoxing · Shangyu"). With the
    theme's navigation.prune, a page carries only its own branch of this tree."""
    s = strings_for(lang)
    items = []
    for n in nodes:
        # the theme renders navigation section titles without escaping them: escape them here
        label = above + html.escape(n[lang])
        if not n["policies"] and len(n["within"]) == 1:
            items += _policy_nav(n["within"], lang, label + " · ")
            continue
        items.append({label: [{html.escape(p["short_title"][lang]): [{s["overview"]: u["overview"]}, {s["full_text"]: u["text"]},
                                                                     {s["calculator"]: u["calculator"]}]}
                              for p in n["policies"] for u in [_uris(p["id"])]] + _policy_nav(n["within"], lang)})
    return items


def on_files(files, config):
    lang = _lang(config)
    policies, dictionary = _load()
    everything = [rules.for_browser(p) for p in policies]
    made = derived.of(policies, dictionary)  # the engine's part, made once for both languages (hooks/build.py)
    reads = {pid: m["reads"] for pid, m in made.items()}
    version = derived.rules_version(made)
    env = _environment(lang, version)
    index = _benefit_index(policies)
    tree = places.policy_tree(policies)
    nodes = _places_by_code(tree)
    pages = {"policies/index.md": _Page(env, "policies.html", uri="policies/index.md", tree=tree, uris_of=_uris),
             "benefits.md": _Page(env, "benefits.html", uri="benefits.md", index=index),
             "claim.md": _Page(env, "claim.html", boot="claim", uri="claim.md", places=places.tree(policies),
                               fields=_fields(dictionary, interview.merge(list(reads.values()))))}
    for _, _, column in index["columns"]:
        for page in column:
            pages[page["uri"]] = _Page(env, "benefits_place.html", uri=page["uri"], page=page, index=index)
    pages["search.md"] = _Page(
        env, "search.html", uri="search.md", search_strings_json=json.dumps({k: v for k, v in strings_for(lang).items() if k.startswith("search_")}, ensure_ascii=False))
    pages.update(_comparisons(env, policies, dictionary, lang, made))
    applicants = dictionary["applicant"]["choices"]
    asks = {pid: {a: set(q) for a, q in m["asks"].items()} for pid, m in made.items()}  # each policy evaluated once for the first questions of every page
    for code, data in places.place_data(policies, dictionary, everything, asks, reads, version).items():
        files.append(File.generated(config, f"assets/places/{code}.json", content=rules.to_json(data)))
    for p, browser in zip(policies, everything):
        uris = _uris(p["id"])
        context = dict(policy=p, uris=uris, rows=_benefit_rows(p), notes=_notes(p), groups=_groups(p),
                       recipients=_recipients(p), corrections=_corrections(p), related=_related(p, nodes),
                       by_department=_by_department(p))
        pages[uris["overview"]] = _Page(env, "overview.html", uri=uris["overview"], **context)
        pages[uris["text"]] = _Page(env, "text.html", uri=uris["text"], **context)
        ordered = interview.merge([reads[p["id"]]])
        pages[uris["calculator"]] = _Page(
            env, "calculator.html", boot="policy", uri=uris["calculator"], fields=_fields(p["facts"], ordered),
            policies_json=json.dumps([places.summary(p)], ensure_ascii=False),
            first_json=json.dumps(places.first_questions([browser], applicants, asks, ordered), ensure_ascii=False), **context)
        files.append(File.generated(config, f"assets/policies/{p['id']}.json", content=made[p["id"]]["json"]))
    for uri, page in pages.items():
        _PENDING[uri] = page
        wide = "---\nhide: [toc]\n---\n" if uri.startswith(WIDE) else ""  # a wide table needs the table of contents' column
        files.append(File.generated(config, uri, content=f"{wide}{page.title()}\n\n{BODY}\n"))
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"assets/{asset.name}", abs_src_path=str(asset)))
    files.append(File.generated(config, "assets/calculators.zip", content=(runtime.precompiled() / "calculators.zip").read_bytes()))
    return files


# A generated page is its title as Markdown and a body of finished HTML: Markdown would only pass
# the HTML through (slowly: it parses every tag), so the body is put in after it, in place of BODY.
# The body is rendered only when the page is written (``on_post_page``), page by page.
BODY = "<!-- navigator: the page's body -->"
WIDE = ("compare/kinds/", "benefits")  # pages whose table needs the width of the table of contents
_PENDING: dict[str, "_Page"] = {}


class _Page:
    """A generated page not rendered yet: its template (whose ``title`` block is its first line,
    the Markdown title) and the template's variables."""

    def __init__(self, env, template: str, boot: str | None = None, **context):
        self.template, self.context = env.get_template(template), context
        self.boot = boot  # on the pages that calculate: the calculator's kind of page ("policy", "claim")

    def title(self) -> str:
        return "".join(self.template.blocks["title"](self.template.new_context(self.context)))

    def body(self) -> str:
        return self.template.render(**self.context).partition("\n")[2]

    def head(self) -> str:
        """What goes first in <head>: on the pages that calculate, boot.js with what it needs, so
        that the worker starts while the page is parsed and laid out (about 0.1-0.2 s before the
        parser reaches the calculator)."""
        if self.boot is None:
            return ""
        macros = self.template.environment.get_template("_macros.html").module
        return str(macros.boot_head(self.context["uri"], self.boot, self.context.get("policies_json")))


def on_post_page(output, page, config):
    """The page's body goes in once the theme has made the page, just before it is written
    (MkDocs makes every page's content before it writes any). MkDocs keeps every page's HTML
    until the whole site is written; once a page is written nothing reads it again, so it is let
    go: memory grows with one page, not with the site."""
    pending = _PENDING.pop(page.file.src_uri, None)
    page.content = None
    if pending is None:
        return output
    output = output.replace(BODY, pending.body(), 1)
    head = pending.head()
    if head:  # right after <meta charset> (csp.py, run after this hook, puts its policy before it)
        charset = CHARSET.search(output)
        output = output[:charset.end()] + "\n" + head + output[charset.end():]
    return output


# ---------------------------------------------------------------- template environment

def _environment(lang: str, rules_version: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    precompiled = runtime.precompiled()
    env.globals.update(L=lang, S=_Strings(strings_for(lang)), url=_url, asset=_asset, pyodide_version=pyodide_version(),
                       kind_uri=_kind_uri, persona_uri=_persona_uri, place_name=compare.place_name, describe_form=lambda form: describe.BENEFIT_FORMS[form],
                       stdlib_name=runtime.stdlib_name(precompiled), runtime_id=runtime.runtime_id(precompiled),
                       lock_json=(precompiled / "lock.json").read_text(encoding="utf-8").strip(),
                       rules_version=rules_version,
                       strings_json=json.dumps(strings_for(lang), ensure_ascii=False))
    env.filters.update(t=lambda pair: pair[lang], md=_md_escape, measure_name=lambda unit: _measure_name(unit, lang), status=lambda st: STRINGS[f"status_{st}"][lang],
                       schedule=lambda sch, facts: schedules.describe(sch, facts)[lang] if sch else STRINGS["no_schedule"][lang])
    return env


class _Strings:
    """The string table as templates see it: ``S["key"]``. It has no methods that a typo or a
    dotted name could resolve to (``S.clear`` once rendered ``dict.clear``), and a missing key
    fails the build (StrictUndefined)."""

    def __init__(self, table: dict):
        self._table = table

    def __getitem__(self, key: str) -> str:
        return self._table[key]


def _page_dir(uri: str) -> str:
    """The folder a page is served from with directory URLs: 'policies/x/text.md' -> 'policies/x/text'."""
    return uri.removesuffix(".md").removesuffix("index").rstrip("/") or "."


def _url(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A relative link between two pages, correct under any base path (MkDocs's own string-only
    ``get_relative_url``: ``posixpath.relpath`` asks the file system, and a page links to hundreds)."""
    def folder(uri):
        here = _page_dir(uri)
        return "" if here == "." else here + "/"
    rel = get_relative_url(folder(to_uri), folder(from_uri))
    return (rel if rel.endswith("/") else rel + "/") + (f"#{anchor}" if anchor else "")


def _asset(from_uri: str, path: str) -> str:
    """A relative link from a page to a file (an asset, or a folder outside this language's site)."""
    return posixpath.relpath(path.rstrip("/"), _page_dir(from_uri)) + ("/" if path.endswith("/") else "")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&])")


def _md_escape(text: str) -> Markup:
    """Text for a Markdown heading: every Markdown and HTML special character escaped."""
    return Markup(_MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m.group(1), "\\" + m.group(1)), text))


# ---------------------------------------------------------------- page data

def _comparisons(env, policies, dictionary, lang, made):
    """The comparison pages: an index, one page per kind of benefit, one per persona."""
    s = strings_for(lang)
    by_kind = compare.kind_rows(policies, {pid: m["terms"] for pid, m in made.items()})
    personas = _personas(dictionary)
    pages = {"compare/index.md": _Page(
        env, "compare_index.html", uri="compare/index.md", personas=personas, kinds=[(k, KINDS[k], by_kind[k]) for k in KINDS])}
    split = _kind_provinces(policies)
    for kind, meta in KINDS.items():
        uri = _kind_uri(kind)
        if kind not in split:
            pages[uri] = _Page(env, "compare_kind.html", uri=uri, kind=kind, meta=meta, rows=by_kind[kind], provinces=[], province=None)
            continue
        provinces = [(province, n, _kind_uri(kind, province["code"])) for province, n in split[kind]]
        pages[uri] = _Page(env, "compare_kind.html", uri=uri, kind=kind, meta=meta, rows=[], provinces=provinces, province=None)
        for province, _, province_uri in provinces:
            rows = [r for r in by_kind[kind] if r["policy"]["place"]["province"]["code"] == province["code"]]
            pages[province_uri] = _Page(env, "compare_kind.html", uri=province_uri, kind=kind, meta=meta, rows=rows, provinces=[], province=province)
    for persona in personas:
        uri = _persona_uri(persona["id"])
        table = compare.persona_table(persona, policies, dictionary)
        chart = compare.bar_chart(table, lang, s["persona_chart_title"] + " · " + persona["title"][lang],
                                  {"id": "chart-" + persona["id"], "desc": s["persona_chart_desc"],
                                   "draft": s["status_draft"], "none": s["persona_chart_none"],
                                   "open": s["persona_chart_open"]})
        answers = compare.answers(persona["facts"], dictionary)
        pages[uri] = _Page(env, "compare_persona.html", uri=uri, persona=persona, table=table,
                           chart=Markup(chart), answers=answers)
    return pages


def _benefit_rows(p):
    return [dict(benefit=b, amount=describe.benefit_amount(b, p["facts"]),
                 recipients=[p["facts"]["applicant"]["choices"][r] for r in b["recipients"]]) for b in p["benefits"]]


def _recipients(p):
    choices = p["facts"]["applicant"]["choices"]
    present = {r for b in p["benefits"] for r in b["recipients"]}
    return [choices[r] for r in RECIPIENTS if r in present]


def _notes(p):
    return [(b, n) for b in p["benefits"] for n in b.get("notes", [])]


def _groups(p):
    titles = {b["id"]: b for b in p["benefits"]}
    return [dict(group=g, options=[[titles[m]] if isinstance(m, str) else [titles[b] for b in m] for m in g["benefits"]])
            for g in p.get("groups", [])]


def _corrections(p):
    return p["source"].get("corrections", [])


def _places_by_code(tree) -> dict:
    """Place code -> its node of ``places.policy_tree`` (its own policies, the places within, counts)."""
    out = {}

    def walk(nodes):
        for n in nodes:
            out[n["code"]] = n
            walk(n["within"])
    walk(tree)
    return out


def _related(p, nodes):
    """What a policy's page links to beside it, bounded whatever the corpus: the policies of the
    places above it (they apply in its place too), the other policies of its own place, the
    places within it that have policies (with their counts), and its province in "Policies by place"."""
    chain = places.chain(p)
    above = [q for code in chain[:-1] for q in nodes[code]["policies"]]
    same = [q for q in nodes[chain[-1]]["policies"] if q["id"] != p["id"]]
    groups = [(key, [(q, _uris(q["id"])) for q in group]) for key, group in
              (("related_parent", above), ("related_same_place", same)) if group]
    within = []

    def walk(children, above_names):
        for n in children:
            names = above_names + [n]
            if n["policies"]:
                within.append((names, len(n["policies"]), n["code"]))
            walk(n["within"], names)
    walk(nodes[chain[-1]]["within"], [])
    return {"groups": groups, "within": within, "province": nodes[chain[0]]}


_FIRST_SENTENCE = {"zh": re.compile(r"[^。]*"), "en": re.compile(r"(\(?\d+\)?\.?\s+)?.*?(?=\.\s|\.$|$)")}


def _measure_name(unit, lang) -> str:
    """A measure's name: its first sentence, with its number ("1. Encouraging …", "(一)完善…")."""
    return _FIRST_SENTENCE[lang].match(unit[lang]).group(0)


def _by_department(p):
    """Each responsible department with the text units (measures) it is named in, in text order."""
    found = {d: [] for d in p.get("departments", {})}
    for u in p["text"]:
        for d in u.get("responsible", []):
            found[d].append(u)
    return [(d, p["departments"][d], units) for d, units in found.items() if units]


def _benefit_pages(policies) -> dict:
    """(recipient, province code) -> the page of that recipient's benefits in that province: its
    rows grouped by kind (in the order of KINDS), each (policy, benefit, amount in words). One
    page per recipient and province, so that no page lists every benefit of every policy."""
    pages = {}
    for p in compare.by_place(policies):
        province = p["place"]["province"]
        for b in p["benefits"]:
            for r in b["recipients"]:
                page = pages.setdefault((r, province["code"]), {
                    "recipient": r, "province": province, "uri": f"benefits/{r.replace('_', '-')}/{province['code']}.md",
                    "kinds": {k: [] for k in KINDS}, "policies": []})
                page["kinds"][b["kind"]].append((p, b, describe.benefit_amount(b, p["facts"])))
                if p["id"] not in page["policies"]:
                    page["policies"].append(p["id"])
    choices = policies[0]["facts"]["applicant"]["choices"] if policies else {}
    for page in pages.values():
        page["label"] = choices[page["recipient"]]
        page["kinds"] = [(k, KINDS[k], rows) for k, rows in page["kinds"].items() if rows]
        page["count"] = sum(len(rows) for _, _, rows in page["kinds"])
    return pages


def _benefit_index(policies) -> dict:
    """The benefits index: a row per province, a column per recipient, each cell a page (or None)."""
    pages = _benefit_pages(policies)
    choices = policies[0]["facts"]["applicant"]["choices"] if policies else {}
    provinces = sorted({p["place"]["province"]["code"]: p["place"]["province"] for p in policies}.items())
    recipients = [r for r in RECIPIENTS if any(key[0] == r for key in pages)]
    count = {code: sum(1 for p in policies if p["place"]["province"]["code"] == code) for code, _ in provinces}
    return {"columns": [(r, choices[r], [pages[(r, code)] for code, _ in provinces if (r, code) in pages]) for r in recipients],
            "rows": [(province, count[code], [pages.get((r, code)) for r in recipients]) for code, province in provinces]}


def _fields(facts, order):
    """The calculator's questions, in the order they are asked (``interview.order``)."""
    return [dict(id=f, meta=facts[f]) for f in order]
