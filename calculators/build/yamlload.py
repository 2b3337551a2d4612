"""Strict YAML reading with positions: the only module that imports PyYAML.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys,
turns ``2017-01-11`` into a date and ``no`` into ``False``, and forgets where a
value came from. Authors' mistakes must be reported as ``file:line:col``, all at
once, so we compose the node graph ourselves and convert it with a small,
explicit set of scalar types:

* plain ``true`` / ``false``  -> bool
* plain ``null`` / ``~`` / empty -> None
* plain integer (``-12``, ``3000``)  -> int
* plain decimal (``1.5``)          -> float (rejected later wherever money is expected)
* anything else, and every quoted scalar -> str

A plain scalar that YAML 1.1 would read as a date, or as yes/no/on/off, is
reported: quote it, so that nobody has to know YAML's guessing rules.

Speed: PyYAML's implicit typing of scalars is skipped (``_Untyped``). When PyYAML was built with libyaml, the node graph is composed by the C
parser (``yaml.CSafeLoader``, about ten times faster), otherwise by the pure-Python
``yaml.SafeLoader``. Both give the same nodes, with two differences handled here:
the C parser marks a plain scalar with style ``''`` instead of ``None``, and its
error messages are libyaml's own. So when the C parser rejects a file, the file is
read again by the pure-Python parser and *its* error is reported: the messages and
positions authors see do not depend on how PyYAML was installed.
tests/test_yamlload.py checks that both give the same data, positions and problems.
"""

from __future__ import annotations

import re

import yaml

from .problems import Problem



class _Untyped:
    """Skip PyYAML's implicit tag resolution (a regular-expression match per scalar, a third of
    the reading time): the types are decided by ``_scalar`` below, never by the tag."""

    _TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind, value, implicit):
        return self._TAGS[kind]


class _PureLoader(_Untyped, yaml.SafeLoader):
    pass


_PURE_LOADER = _PureLoader
_C_LOADER = type("_CLoader", (_Untyped, yaml.CSafeLoader), {}) if hasattr(yaml, "CSafeLoader") else None  # None without libyaml
HAVE_C_LOADER = _C_LOADER is not None

_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+\Z")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}(-\d{1,2})?\Z")
_YAML11_BOOL = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "True", "False", "TRUE", "FALSE"}


class Positions:
    """Where each value of a file is: ``at(("benefits", 3, "amount"))`` gives its (line, column),
    1-based. Found on demand in the composed node graph, which is kept: only a file with problems
    needs positions, and recording every value's while converting was a fifth of the reading time."""

    def __init__(self, root=None):
        self._root = root

    def _node(self, path):
        """The node at ``path``, or at its nearest ancestor that has one; and whether it is ``path``'s."""
        node = self._root
        for step in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                child = node.value[step]
            if child is None:
                return node, False
            node = child
        return node, True

    def at(self, path):
        """The position of ``path``, or of its nearest ancestor that has one."""
        node, _ = self._node(tuple(path))
        return _pos(node) if node is not None else (1, 1)

    def get(self, path, default=None):
        """The position of exactly ``path``, or ``default``."""
        node, exact = self._node(tuple(path))
        return _pos(node) if node is not None and exact else default

    def all(self) -> dict:
        """Every path the data has, with its position (for tests)."""
        out = {}

        def walk(node, path):
            out[path] = _pos(node)
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value != "<<" and k.value not in seen:
                        seen.add(k.value)
                        walk(v, path + (k.value,))
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    walk(item, path + (i,))
        if self._root is not None:
            walk(self._root, ())
        return out


def load(text: str, filename: str, *, pure: bool = False):
    """Return ``(data, positions, problems)``. ``data`` is None when the YAML cannot be read.

    ``pure=True`` uses the pure-Python parser even when the C one is available (for tests)."""
    problems: list[Problem] = []
    try:
        node = _compose(text, pure)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(filename, line, col, "", f"YAML syntax error: {reason}"))
        return None, Positions(), problems
    if node is None:
        problems.append(Problem(filename, 1, 1, "", "the file is empty"))
        return None, Positions(), problems
    data = _convert(node, (), problems, filename)
    return data, Positions(node), problems


def _compose(text: str, pure: bool):
    if _C_LOADER is not None and not pure:
        try:
            return yaml.compose(text, Loader=_C_LOADER)
        except (yaml.YAMLError, UnicodeError):  # UnicodeError: a lone surrogate cannot go to libyaml as UTF-8
            pass  # report the pure-Python parser's message and position (below), not libyaml's
    return yaml.compose(text, Loader=_PURE_LOADER)


def _pos(node):
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, path, problems, filename):
    if isinstance(node, yaml.MappingNode):
        out = {}
        first = {}  # key -> the node of its first value
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(filename, *_pos(key_node), _fmt(path), "keys must be plain text"))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(filename, *_pos(key_node), _fmt(path), "merge keys ('<<') are not allowed: write the keys out"))
                continue
            if key in out:
                problems.append(Problem(filename, *_pos(key_node), _fmt(path + (key,)),
                                        f"duplicate key '{key}' (first defined on line {_pos(first[key])[0]})"))
                continue
            first[key] = value_node
            out[key] = _convert(value_node, path + (key,), problems, filename)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), problems, filename) for i, item in enumerate(node.value)]
    return _scalar(node, path, problems, filename)


def _scalar(node, path, problems, filename):
    value = node.value
    if node.style:  # quoted or block scalar: always text (plain is None in Python, '' in the C parser)
        return value
    if value in ("", "~", "null"):
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if value in _YAML11_BOOL:
        problems.append(Problem(filename, *_pos(node), _fmt(path),
                                f"'{value}' is ambiguous in YAML: write true/false, or quote it as text"))
        return value
    if _DATE_LIKE.match(value):
        problems.append(Problem(filename, *_pos(node), _fmt(path),
                                f"dates are written as quoted strings: \"{value}\""))
        return value
    return value


def _fmt(path) -> str:
    from .problems import format_path
    return format_path(path)
