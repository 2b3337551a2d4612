"""The places the rules cover, and what applies in each: the data of "What can I claim?".

A place is a province, a city or a district (a county-level city counts as a district), named by
its code. The policies that apply in a place are its own and those of the places above it: a
Kunshan worker is covered by Kunshan's policy and by Jiangsu's. Choosing a province or a city
without going further means "elsewhere in it": only the levels above apply.
"""

from __future__ import annotations

from ..runtime import interview
from . import compile as rules
from . import derived

LEVELS = ("province", "city", "district")


def chain(policy) -> list[str]:
    """The codes from the province down to the policy's own place."""
    return [policy["place"][k]["code"] for k in LEVELS if k in policy["place"]]


def level(policy) -> int:
    """0 for a provincial policy, 1 for a city's, 2 for a district's (or county-level city's)."""
    return len(chain(policy)) - 1


def tree(policies) -> list[dict]:
    """Provinces, their cities and their districts, as far as any policy names them, by code."""
    nodes: dict = {}
    for p in policies:
        children = nodes
        for key in LEVELS:
            if key not in p["place"]:
                break
            here = p["place"][key]
            node = children.setdefault(here["code"], {"code": here["code"], "zh": here["zh"], "en": here["en"], "within": {}})
            children = node["within"]

    def listed(level_nodes):
        return [dict(n, within=listed(n["within"])) for _, n in sorted(level_nodes.items())]
    return listed(nodes)


def policy_tree(policies) -> list[dict]:
    """``tree`` with each place's own policies (by id) and ``count``, the policies in and below it."""
    own: dict = {}
    for p in policies:
        own.setdefault(chain(p)[-1], []).append(p)

    def grow(nodes):
        out = []
        for n in nodes:
            within = grow(n["within"])
            mine = sorted(own.get(n["code"], []), key=lambda p: p["id"])
            out.append(dict(n, within=within, policies=mine, count=len(mine) + sum(c["count"] for c in within)))
        return out
    return grow(tree(policies))


def codes(policies) -> dict[str, list[dict]]:
    """Every place code the rules name -> the places from the province down to it ({code, zh, en})."""
    out = {}

    def walk(nodes, above):
        for n in nodes:
            here = above + [{"code": n["code"], "zh": n["zh"], "en": n["en"]}]
            out[n["code"]] = here
            walk(n["within"], here)
    walk(tree(policies), [])
    return out


def covering(policies, code: str, ancestors: list[str]) -> list[dict]:
    """The policies that apply in a place: those of the place and of every place above it,
    the most local first."""
    reach = set(ancestors) | {code}
    return sorted((p for p in policies if chain(p)[-1] in reach), key=lambda p: (-level(p), p["id"]))


def reads_of(browser_policies) -> dict[str, tuple]:
    """Policy id -> ``interview.reads`` of it: made once, then merged for each place and page."""
    return {p["id"]: interview.reads(p) for p in browser_policies}


def first_asks(browser_policies, applicants, reads=None) -> dict[str, dict[str, set]]:
    """Policy id -> applicant -> the questions one policy shows when only "who is asking" is answered."""
    reads = reads or reads_of(browser_policies)
    return {p["id"]: {a: set(q) for a, q in derived.asks(p, applicants, reads[p["id"]]).items()} for p in browser_policies}


def first_questions(browser_policies, applicants, asks=None, ordered=None) -> dict[str, list[str]]:
    """For each applicant, the questions shown before any other answer: computed here, at build
    time, so that the page can show them before the calculator has loaded.

    What ``interview.run`` shows for several policies with only the applicant answered is, in
    ``interview.order``, the union of what each shows alone (each policy is evaluated on its own):
    so each policy is evaluated once (``asks``, from ``first_asks``), not once per place.
    ``ordered``: ``interview.order(browser_policies)``, if the caller has it."""
    asks = asks or first_asks(browser_policies, applicants)
    ordered = ordered or interview.order(browser_policies)
    return {a: [f for f in ordered if any(f in asks[p["id"]][a] for p in browser_policies)] for a in applicants}


def summary(policy) -> dict:
    """What a page says of a policy beside its results: title, status and level."""
    return {"id": policy["id"], "title": policy["short_title"], "status": policy["status"], "level": level(policy)}


def place_data(policies, dictionary, browser_policies=None, asks=None, reads=None, version=None) -> dict[str, dict]:
    """Place code -> what the claim page loads for it (``assets/places/<code>.json``).
    ``browser_policies``: each policy's ``for_browser``, ``asks`` their ``first_asks``, ``reads``
    their ``reads_of`` and ``version`` their ``rules_version``, if the caller has made them already."""
    applicants = list(dictionary["applicant"]["choices"])
    browser = {p["id"]: p for p in browser_policies or [rules.for_browser(p) for p in policies]}
    reads = reads or reads_of(browser.values())  # each policy's once, not once per place
    asks = asks or first_asks(browser.values(), applicants, reads)
    version = version or rules.rules_version(browser.values())
    out = {}
    for code, places in codes(policies).items():
        here = covering(policies, code, [n["code"] for n in places[:-1]])
        loaded = [browser[p["id"]] for p in here]
        ordered = interview.merge([reads[p["id"]] for p in here])
        out[code] = {
            "code": code, "names": places, "rules": version,
            "policies": [summary(p) for p in here],
            "order": ordered,
            "first": first_questions(loaded, applicants, asks, ordered) if here else {},
        }
    return out
