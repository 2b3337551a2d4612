"""Tools for authors (calculators/build/authoring.py): new, stamp, schema, stale reviews."""

import argparse
import datetime
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from calculators.build import authoring, checks, schema, yamlload
from calculators.runtime import amounts, conditions

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
RULES = ROOT / "rules"
TEXTS = sorted(SOURCES.glob("*.txt"))
SPACE = re.compile(r"\s+")


def read(path: Path):
    data, _, problems = yamlload.load(path.read_text(encoding="utf-8"), path.name)
    assert problems == [], problems
    return data


def existing_rule_file(source_name: str) -> dict:
    """The rule file in rules/ that encodes a source text."""
    for path in sorted(RULES.glob("*.yml")):
        if path.name != "facts.yml" and read(path)["source"]["file"] == source_name:
            return read(path)
    raise AssertionError(f"no rule file encodes {source_name}")


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory):
    """``{source file name: (skeleton data, skeleton text)}`` for every source text."""
    out = tmp_path_factory.mktemp("skeletons")
    made = {}
    for i, source in enumerate(TEXTS):
        target = out / f"draft-{i}.yml"
        assert authoring.new(Path(source.name), f"draft-{i}", target, out, SOURCES) == 0
        made[source.name] = (read(target), target.read_text(encoding="utf-8"))
    return made


def test_there_are_five_sources():
    assert len(TEXTS) == 5


# ---------------------------------------------------------------- new

@pytest.mark.parametrize("source", [p.name for p in TEXTS])
def test_skeleton_is_the_source_minus_the_artefacts_it_lists(skeletons, source):
    data, _ = skeletons[source]
    raw = (SOURCES / source).read_bytes()
    assert data["source"] == {**data["source"], "file": source, "sha256": hashlib.sha256(raw).hexdigest()}
    text = raw.decode("utf-8")
    for c in data["source"].get("corrections", []):
        assert c["find"] in text and c["replace"] == "" and c["reason"]["zh"] and c["reason"]["en"]
        text = text.replace(c["find"], c["replace"])
    assert SPACE.sub("", "".join(u["zh"] for u in data["text"])) == SPACE.sub("", text)
    assert not re.search(r"\[bookmark:|OLE_LINK|_Toc\d|_Hlk\d|_GoBack|点击次数|当前所在位置", text)
    # ... and by the checker's own rules: the source (hash, corrections, joined text), unique ids, en_from.
    found = []
    checks._source(data, SOURCES, lambda p, m: found.append((p, m)))
    checks._text(data, lambda p, m: found.append((p, m)))
    assert found == []
    ids = [u["id"] for u in data["text"]]
    assert len(ids) == len(set(ids)) and all(schema.ID.match(i) for i in ids)
    assert all(u["en"] == "TODO" and u["en_from"] == checks.text_hash(u["zh"]) for u in data["text"])


@pytest.mark.parametrize("source", [p.name for p in TEXTS])
def test_skeleton_fails_the_schema_only_on_its_todos(skeletons, source):
    data, _ = skeletons[source]
    found = []
    schema.POLICY.check(data, (), lambda p, m: found.append((p, m)))
    assert found, "a skeleton must not pass before a human has filled it in"
    for path, message in found:
        assert "'TODO'" in message or path == ("examples",), (path, message)
        assert path[0] not in ("text", "source"), (path, message)


@pytest.mark.parametrize("source", [p.name for p in TEXTS])
def test_todo_lists_every_sum_of_money_the_checker_demands(skeletons, source):
    data, text = skeletons[source]
    listed = re.findall(r"^#   - (\S+): (.+)$", text, re.M)
    demanded = [(data["text"][i]["id"], amount) for i, amount in checks.uncovered_amounts(data)]
    assert listed == demanded
    # The same sums as the reviewed rule file's text holds (its units are divided differently).
    reviewed = [m for u in existing_rule_file(source)["text"] for m in checks._MONEY.findall(u["zh"])]
    assert sorted(SPACE.sub("", a) for _, a in listed) == sorted(SPACE.sub("", a) for a in reviewed)


# The numbered headings and items of each document, as the reviewed rule files number them.
NUMBERED = {
    "kunshan-2017": {"part": 3, "sec": 8, "item": 3 + 3 + 7 + 4 + 5 + 3 + 5 + 4},
    "jiangsu-2024": {"part": 5, "sec": 19},
    "jiangmen-draft": {"part": 8, "sub": 27},
    "shangyu-2023": {"part": 4, "sec": 4, "item": 24},
    "yeji": {"part": 10},
}


@pytest.mark.parametrize("source", [p.name for p in TEXTS])
def test_skeleton_numbers_units_as_the_reviewed_rule_file(skeletons, source):
    data, _ = skeletons[source]
    reviewed = existing_rule_file(source)

    def numbered(units):
        return [(authoring.numbering(u["zh"]), u["level"]) for u in units if authoring.numbering(u["zh"])]
    assert numbered(data["text"]) == numbered(reviewed["text"])
    counts = {}
    for (style, _), _ in numbered(data["text"]):
        counts[style] = counts.get(style, 0) + 1
    assert counts == NUMBERED[reviewed["id"]]


def test_shangyu_items_and_kunshan_ids(skeletons):
    shangyu = skeletons["003_88eeb03758740620.txt"][0]["text"]
    assert [u["id"] for u in shangyu if u["id"].startswith("item-")] == [f"item-{n}" for n in range(1, 25)]
    levels, kinds = ({u["id"]: u[key] for u in shangyu} for key in ("level", "kind"))
    assert (levels["part-3"], levels["sec-1"], levels["item-1"], levels["part-4-p2"]) == (1, 2, 3, 1)
    assert (kinds["docno"], kinds["title"], kinds["sec-1"], kinds["item-1"]) == ("docno", "title", "heading", "paragraph")
    # Kunshan numbers its items afresh under each section: they are named after it, as the reviewed file does.
    kunshan = skeletons["000_be770f8e7f6658ce.txt"][0]["text"]
    reviewed = existing_rule_file("000_be770f8e7f6658ce.txt")["text"]
    numbered = lambda units: [u["id"] for u in units if authoring.numbering(u["zh"])]  # noqa: E731
    assert numbered(kunshan) == numbered(reviewed)


def test_skeleton_notes_damaged_lines_and_known_document_numbers(skeletons):
    _, jiangsu = skeletons["001_7ab7db7c252214fb.txt"]
    assert "#   docno: looks like a damaged document number" in jiangsu
    assert "looks like a date that lost 年, 月 and 日" in jiangsu
    assert skeletons["003_88eeb03758740620.txt"][0]["document_number"] == "虞人社〔2023〕19号"


def test_artefacts_are_found_generically():
    text = ("欢迎访问某某协会官网\n您当前所在位置:首页 / 通知\n点击次数:3【打印此页】\n标题\n" + "正文。" * 30 + "\n"
            "一、[bookmark: _Toc1][bookmark: OLE_LINK2]总则_Hlk123456\n[bookmark: _Toc1]二、附则\n" + "正文。" * 30 +
            "\n【关闭窗口】\n版权所有 某某协会\n")
    fixes = authoring.artefacts(text)
    finds = [c["find"] for c in fixes]
    assert finds[0].startswith("欢迎访问") and finds[0].endswith("【打印此页】\n")
    assert finds[1] == "【关闭窗口】\n版权所有 某某协会\n"
    # the run holding another run is removed first, so that the checker finds every correction
    assert finds[2:] == ["[bookmark: _Toc1][bookmark: OLE_LINK2]", "_Hlk123456", "[bookmark: _Toc1]"]
    for c in fixes:
        assert c["find"] in text
        text = text.replace(c["find"], c["replace"])
    assert text.startswith("标题\n") and "一、总则\n二、附则\n" in text and "【" not in text


def test_new_refuses_to_overwrite_and_checks_its_arguments(tmp_path, capsys):
    source = SOURCES / TEXTS[0].name
    assert authoring.new(source, "draft", None, tmp_path, SOURCES) == 0
    written = (tmp_path / "draft.yml").read_bytes()
    assert written.startswith(b"# yaml-language-server: $schema=../build/rule.schema.json\n")
    assert authoring.new(source, "draft", None, tmp_path, SOURCES) == 1
    assert "not overwritten" in capsys.readouterr().err
    assert (tmp_path / "draft.yml").read_bytes() == written
    assert authoring.new(source, "Not_An_Id", None, tmp_path, SOURCES) == 2
    assert authoring.new(Path("nowhere.txt"), "other", None, tmp_path, SOURCES) == 2
    (tmp_path / "blank.txt").write_text(" \n\xa0\n", encoding="utf-8")
    assert authoring.new(tmp_path / "blank.txt", "other", None, tmp_path, SOURCES) == 2
    assert not (tmp_path / "other.yml").exists()
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(source, outside)
    assert authoring.new(outside, "other", None, tmp_path, SOURCES) == 0
    assert "copy elsewhere.txt into" in capsys.readouterr().err


# ---------------------------------------------------------------- stamp

def test_stamp_rewrites_only_the_stale_en_from(tmp_path, capsys):
    shutil.copy(RULES / "shangyu-2023.yml", tmp_path / "shangyu-2023.yml")
    path = tmp_path / "shangyu-2023.yml"
    original = path.read_text(encoding="utf-8")
    data = read(path)
    unit = next(u for u in data["text"] if u["id"] == "item-3")
    assert original.count("持续深化人才跨区域培育") == 1 and original.count(f'en_from: "{unit["en_from"]}"') == 1
    edited = original.replace("持续深化人才跨区域培育", "持续深化人才跨区域培养")
    path.write_text(edited, encoding="utf-8")
    new_hash = checks.text_hash(unit["zh"].replace("培育", "培养", 1))
    assert new_hash != unit["en_from"]

    assert authoring.stamp(tmp_path, "shangyu-2023") == 0
    out = capsys.readouterr().out
    assert f"stamped item-3 (en_from {unit['en_from']} -> {new_hash})" in out and out.count("stamped") == 1
    assert path.read_text(encoding="utf-8") == edited.replace(f'en_from: "{unit["en_from"]}"', f'en_from: "{new_hash}"')
    found = []
    checks._text(read(path), lambda p, m: found.append(m))
    assert found == []

    assert authoring.stamp(tmp_path, None) == 0
    assert "nothing to stamp" in capsys.readouterr().out
    assert authoring.stamp(tmp_path, "nope") == 2


def test_stamp_keeps_every_other_byte_whatever_the_style(tmp_path, capsys):
    text = ("# a comment\r\ntext:\r\n"
            "  - {id: a, kind: paragraph, zh: 甲, en: A, en_from: abcdef01}   # flow style, plain\r\n"
            "  - id: b\r\n    zh: \"乙 \\\"引\\\"\"\r\n    en: B\r\n    en_from: abcdefab  # plain\r\n"
            f"  - id: c\r\n    zh: 丙\r\n    en: C\r\n    en_from: \"{checks.text_hash('丙')}\"\r\n"
            "  - id: d\r\n    zh: 丁\r\n    en: D\r\n    en_from: '0000000d'\r\n")
    path = tmp_path / "x.yml"
    path.write_bytes(text.encode("utf-8"))
    assert authoring.stamp(tmp_path, "x") == 0
    a, b, d = (checks.text_hash(zh) for zh in ("甲", '乙 "引"', "丁"))
    assert not (a.isdigit() or b.isdigit())  # (all digits would be written quoted, or YAML would read a number)
    want = (text.replace("abcdef01}", f"{a}}}").replace("en_from: abcdefab", f"en_from: {b}")
            .replace("'0000000d'", f"'{d}'"))
    assert path.read_bytes() == want.encode("utf-8")
    assert capsys.readouterr().out.count("stamped") == 3
    path.write_text("text:\n  - {id: a, zh: 甲, en: A}\n", encoding="utf-8")
    assert authoring.stamp(tmp_path, "x") == 1
    assert f'write en_from: "{a}"' in capsys.readouterr().err


# ---------------------------------------------------------------- schema

def validate(node, s, root, path="$"):
    """Errors of ``node`` against a JSON Schema: only the keywords the generated schema uses
    (``jsonschema`` is not a dependency). An unknown keyword fails, so none is skipped silently."""
    if "$ref" in s:
        return validate(node, root["$defs"][s["$ref"].rsplit("/", 1)[1]], root, path)
    types = {"string": str, "integer": int, "boolean": bool, "null": type(None), "array": list, "object": dict}
    errors = []
    for key, want in s.items():
        if key in ("$schema", "title", "description", "$defs", "properties", "additionalProperties"):
            continue
        if key == "type":
            kinds = [want] if isinstance(want, str) else want
            if not any(isinstance(node, types[k]) and not (k == "integer" and isinstance(node, bool)) for k in kinds):
                return [f"{path}: not {want}"]
        elif key == "enum" and node not in want or key == "pattern" and not re.search(want, node) \
                or key == "minimum" and node < want or key == "maximum" and node > want \
                or key == "minItems" and len(node) < want or key == "maxItems" and len(node) > want \
                or key == "required" and set(want) - set(node):
            errors.append(f"{path}: {key} {want}")
        elif key == "not" and not validate(node, want, root, path):
            errors.append(f"{path}: matches a refused pattern")
        elif key == "items":
            errors += [e for i, v in enumerate(node) for e in validate(v, want, root, f"{path}[{i}]")]
        elif key == "propertyNames":
            errors += [e for k in node for e in validate(k, want, root, f"{path}.{k}")]
        elif key in ("anyOf", "oneOf"):
            passed = sum(not validate(node, branch, root, path) for branch in want)
            if passed == 0 or key == "oneOf" and passed > 1:
                errors.append(f"{path}: {passed} of the {key} branches match")
        elif key not in ("enum", "pattern", "minimum", "maximum", "minItems", "maxItems", "required", "not"):
            raise AssertionError(f"the test validator does not know the keyword {key!r}")
    if isinstance(node, dict) and "type" in s:
        props, extra = s.get("properties", {}), s.get("additionalProperties", True)
        for k, v in node.items():
            if k in props:
                errors += validate(v, props[k], root, f"{path}.{k}")
            elif extra is False:
                errors.append(f"{path}: unknown key {k!r}")
            elif isinstance(extra, dict):
                errors += validate(v, extra, root, f"{path}.{k}")
    return errors


@pytest.fixture(scope="module")
def rule_schema():
    return authoring.json_schema()


def policy_files():
    return [p for p in sorted(RULES.glob("*.yml")) if p.name != "facts.yml"]


def test_schema_accepts_every_rule_file(rule_schema):
    assert len(policy_files()) == 5
    for path in policy_files():
        assert validate(read(path), rule_schema, rule_schema) == [], path.name


def test_schema_with_jsonschema_if_installed(rule_schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(rule_schema)
    for path in policy_files():
        jsonschema.Draft202012Validator(rule_schema).validate(read(path))


def test_schema_refuses_what_the_checker_refuses(rule_schema):
    data = read(RULES / "shangyu-2023.yml")
    benefit = data["benefits"][0]
    for broken in ({**benefit, "ammount": benefit["amount"]},               # unknown key
                   {**benefit, "amount": {"yuan": 500, "up_to": 800}},     # two forms in one node
                   {**benefit, "amount": {"lots": 500}},                   # no such form
                   {**benefit, "conditions": [{"fact": "age", "at_least": 3, "at_most": 5}]},
                   {**benefit, "form": "gift"},
                   {k: v for k, v in benefit.items() if k != "quote"}):
        assert validate(dict(data, benefits=[broken]), rule_schema, rule_schema), broken
    assert validate(dict(data, reviewed_on="2026-13-01"), rule_schema, rule_schema)
    assert validate(dict(data, title={"zh": "<b>", "en": "x"}), rule_schema, rule_schema)


def test_schema_is_made_from_the_declarations(rule_schema):
    def keys(name):
        return {next(iter(b["properties"])) if len(b["required"]) == 1 else b["required"][-1]
                for b in rule_schema["$defs"][name]["oneOf"]}
    assert keys("amount") == set(amounts.FORMS)
    assert keys("condition") == set(conditions.FORMS)
    benefit = rule_schema["properties"]["benefits"]["items"]
    assert benefit["required"] == list(schema.BENEFIT.required)
    assert benefit["additionalProperties"] is False and rule_schema["additionalProperties"] is False
    assert set(benefit["properties"]) == set(schema.BENEFIT.required) | set(schema.BENEFIT.optional)
    assert rule_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_command(tmp_path, capsys):
    assert authoring.schema(None) == 0
    assert json.loads(capsys.readouterr().out) == authoring.json_schema()
    out = tmp_path / "build" / "rule.schema.json"
    assert authoring.schema(out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == authoring.json_schema()


# ---------------------------------------------------------------- stale reviews and the CLI

def test_stale_reviews():
    policies = [{"id": "old", "reviewed_on": "2025-12-01"}, {"id": "year", "reviewed_on": "2025-12-02"},
                {"id": "recent", "reviewed_on": "2026-11-20"}, {"id": "partial", "reviewed_on": "2025"},
                {"id": "month", "reviewed_on": "2025-11"}]
    lines = authoring.stale_reviews(policies, datetime.date(2026, 12, 2))
    assert [line.split(":")[1].strip() for line in lines] == ["old", "month"]
    assert lines[0].startswith("warning: old: reviewed_on 2025-12-01 is more than a year ago (366 days)")
    leap = [{"id": "a", "reviewed_on": "2023-02-27"}, {"id": "b", "reviewed_on": "2023-02-28"}]
    assert len(authoring.stale_reviews(leap, datetime.date(2024, 2, 29))) == 1


def test_register_wires_the_three_commands(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=Path, default=tmp_path)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    sub = parser.add_subparsers(dest="command", required=True)
    authoring.register(sub)
    args = parser.parse_args(["new", "--source", TEXTS[3].name, "--id", "shangyu-draft"])
    assert args.func(args) == 0 and (tmp_path / "shangyu-draft.yml").is_file()
    args = parser.parse_args(["stamp", "--policy", "shangyu-draft"])
    assert args.func(args) == 0 and "nothing to stamp" in capsys.readouterr().out
    args = parser.parse_args(["schema", "--out", str(tmp_path / "s.json")])
    assert args.func(args) == 0 and (tmp_path / "s.json").is_file()
