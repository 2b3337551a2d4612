"""What runs where: the browser runtime imports only the standard library and itself."""

import ast
import sys
from pathlib import Path

from calculators.build import compile as rules

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_the_runtime_imports_only_the_standard_library_and_itself():
    bad = []
    for path in rules.browser_files():
        inside_runtime = path.parent.name == "runtime"
        for module, level in _imports(path):
            top = module.split(".")[0]
            if level == 0 and top in sys.stdlib_module_names and top != "__future__" or module == "__future__":
                continue
            if level == 1 and inside_runtime:                 # from . import words, from .forms import …
                continue
            if level == 1 and not inside_runtime and module.startswith("runtime"):  # calculators/__init__.py
                continue
            bad.append(f"{path.relative_to(ROOT)}: {'.' * level}{module}")
    assert bad == []


def test_the_engine_zip_is_exactly_the_runtime():
    import io
    import zipfile
    names = zipfile.ZipFile(io.BytesIO(rules.engine_zip())).namelist()
    assert "calculators/__init__.py" in names and "calculators/runtime/engine.py" in names
    assert not [n for n in names if "/build/" in n or n.endswith("__main__.py")]
    assert sorted(names) == sorted(p.relative_to(ROOT).as_posix() for p in rules.browser_files())


def test_the_format_document_tables_are_the_declarations():
    """docs/rule-format.md's reference tables are written from the vocabulary (python -m calculators reference --write)."""
    from calculators.build import reference
    text = reference.DOC.read_text(encoding="utf-8")
    assert reference.missing_markers(text) == []
    assert reference.render(text) == text, "run: python -m calculators reference --write"


def test_the_browser_gets_only_what_the_engine_and_page_use_and_the_same_results():
    import json

    from calculators import evaluate
    for policy in rules.load_all_or_raise()[0]:
        full, slim = rules.to_json(policy), rules.to_json(rules.for_browser(policy))
        assert len(slim) < len(full) / 2, policy["id"]
        sent = json.loads(slim)
        for ex in policy["examples"]:
            same = [json.loads(json.dumps(evaluate(p, ex["facts"]))) for p in (sent, policy)]
            assert same[0] == same[1], ex["id"]


def test_no_two_words_of_the_rule_language_share_a_key():
    from calculators.runtime import amounts, conditions, schedules
    keys = [*amounts.FORMS, *conditions.FORMS, *schedules.FORMS]
    assert len(keys) == len(set(keys))
