"""Read a packaged rules file, merge a user's file over it key by key, and point at lines.

The packaged files in rules/ hold every default; code holds none. A user file
only says what differs:

- a table is merged key by key: a user key overrides the packaged key, a key
  the user leaves out keeps its packaged value;
- a list of tables with a name (``[[theme]]`` by ``id``, ``[[body]]`` and
  ``[[group]]`` (synonyms) by ``name``, ``[[part]]`` (plan) by ``id``) is
  merged entry by entry: an entry with a packaged name is merged
  over it key by key, a new name is added after the packaged ones, and an entry
  with ``enabled = false`` takes the packaged one out;
- any other list (cues, patterns, word lists, ``[[marker]]``) is replaced as a
  whole, so an empty list removes them all;
- ``replace = ["theme"]`` at the top of a user file takes the named top-level
  keys as the user wrote them, dropping the packaged ones (a plan's own
  codebook with no packaged theme in it).

Errors name the file and line where the offending key or value stands: the
user's file when it is there, else the packaged one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import RulesError
from .patterns import Pattern, compile_pattern
from .ruletypes import Term

#: Lists of tables merged entry by entry, and the key that names an entry.
NAMED_LISTS = {"theme": "id", "body": "name", "group": "name", "part": "id"}
REPLACE_KEY = "replace"
ENABLED_KEY = "enabled"
Anchor = Any  # a string, or a compiled regular expression, that marks the line to search from


def read_rules_bytes(path: Path) -> bytes:
    """The bytes of a rules file.

    Raises:
        RulesError: the file cannot be read.
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path}: cannot read rules file ({exc.strerror})") from exc


class _Layer:
    """One parsed TOML file that can point at the line of a key or value."""

    def __init__(self, path: Path, raw: bytes | None = None) -> None:
        self.path = path
        self.raw = read_rules_bytes(path) if raw is None else raw
        try:
            self.text = self.raw.decode("utf-8")
            self.data = tomllib.loads(self.text)
        except UnicodeDecodeError as exc:
            raise RulesError(f"{path}: rules file is not UTF-8 ({exc.reason})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: not valid TOML: {exc}") from exc
        self.lines = self.text.splitlines()

    def line_of(self, needle: Anchor, after: int = 0) -> int:
        """1-based number of the first line at or after line `after` + 1 holding needle, comments aside."""
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if line.lstrip().startswith("#"):
                continue
            if needle.search(line) if hasattr(needle, "search") else needle in line:
                return number
        return 0

    def headers(self, name: str) -> list[int]:
        """The lines of the ``[[name]]`` headers, in order."""
        return [n for n, text in enumerate(self.lines, start=1) if text.strip() == f"[[{name}]]"]


class RulesDoc:
    """A rules file: the packaged layer with the user's merged over it, and where each part stands."""

    def __init__(self, packaged: Path, user: Path | None = None, raw: dict[Path, bytes] | None = None) -> None:
        """Read the files, or parse the bytes `raw` holds of them (read before, for a digest)."""
        given = raw or {}
        self.layers = [_Layer(user, given.get(user))] if user is not None else []
        self.layers.append(_Layer(packaged, given.get(packaged)))
        self.path = self.layers[0].path  # the file the user sees as the source
        self.raw = b"".join(layer.raw for layer in reversed(self.layers))
        self.data = self.layers[-1].data
        self._check_names(self.layers[-1])
        if user is not None:
            self.data = self._merged(self.data, self.layers[0])
        self.data = _enabled_only(self.data)

    def line_of(self, needle: Anchor) -> tuple[_Layer, int] | None:
        """The layer and line where needle first stands, the user's file first."""
        for layer in self.layers:
            line = layer.line_of(needle)
            if line:
                return layer, line
        return None

    def fail(self, where: str, message: str, needle: str | None = None, after: Anchor = None) -> RulesError:
        """An error at the line of `needle` (searched from the line of `after` on), or at the line of `after`."""
        for layer in self.layers:
            start = layer.line_of(after) if after is not None else 1
            if not start:
                continue
            line = layer.line_of(needle, start - 1) if needle else start if after is not None else 0
            if line:
                return RulesError(f"{layer.path}:{line}: [{where}] {message}")
        return RulesError(f"{self.path}: [{where}] {message}")

    def _check_names(self, layer: _Layer) -> None:
        for key, name_key in NAMED_LISTS.items():
            entries = layer.data.get(key)
            if not isinstance(entries, list):
                continue
            headers = layer.headers(key)
            seen: dict[str, int] = {}
            for number, entry in enumerate(entries):
                line = headers[number] if number < len(headers) else 0
                place = f"{layer.path}:{line}" if line else str(layer.path)
                name = entry.get(name_key) if isinstance(entry, dict) else None
                if not isinstance(name, str):
                    raise RulesError(f"{place}: [{key}] missing key '{name_key}' (expected a string)")
                if ENABLED_KEY in entry and not isinstance(entry[ENABLED_KEY], bool):
                    raise RulesError(f"{place}: [{key} -> {name}] {ENABLED_KEY} must be true or false")
                at = layer.line_of(f'"{name}"', line) or line
                if name in seen:
                    message = f"duplicate {key} {name_key} '{name}' (first at line {seen[name]})"
                    raise RulesError(f"{layer.path}:{at}: [{key} -> {name}] {message}")
                seen[name] = at

    def _merged(self, packaged: dict[str, Any], user: _Layer) -> dict[str, Any]:
        self._check_names(user)
        data = dict(user.data)
        replace = data.pop(REPLACE_KEY, [])
        place = f"{user.path}:{user.line_of(REPLACE_KEY + ' ')}"
        if not isinstance(replace, list) or not all(isinstance(k, str) for k in replace):
            raise RulesError(f"{place}: [{REPLACE_KEY}] expected a list of top-level keys")
        for key in replace:
            if key not in packaged:
                known = ", ".join(sorted(packaged))
                raise RulesError(f"{place}: [{REPLACE_KEY}] no packaged key '{key}' to replace (known: {known})")
        merged = {k: v for k, v in packaged.items() if k not in replace}
        for key, value in data.items():
            merged[key] = value if key in replace or key not in merged else _merge(key, merged[key], value)
        return merged


def _merge(key: str, packaged: Any, user: Any) -> Any:
    """`user` over `packaged`: tables key by key, named lists entry by entry, anything else replaced."""
    if isinstance(packaged, dict) and isinstance(user, dict):
        out = dict(packaged)
        for k, v in user.items():
            out[k] = _merge(k, out[k], v) if k in out else v
        return out
    name_key = NAMED_LISTS.get(key)
    if name_key and isinstance(packaged, list) and isinstance(user, list):
        entries = {e[name_key]: e for e in packaged}
        for entry in user:
            name = entry[name_key]
            entries[name] = _merge("", entries[name], entry) if name in entries else entry
        return list(entries.values())
    return user


def _enabled_only(data: dict[str, Any]) -> dict[str, Any]:
    """The data without the entries of named lists that say ``enabled = false``, and without the key itself."""
    out = dict(data)
    for key in NAMED_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [{k: v for k, v in e.items() if k != ENABLED_KEY} for e in out[key] if e.get(ENABLED_KEY, True)]
    return out


def check_keys(doc: RulesDoc, table: dict[str, Any], allowed: set[str], where: str, after: Anchor = None) -> None:
    for key in table:
        if key not in allowed:
            raise doc.fail(where, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", key, after)


def get(doc: RulesDoc, table: dict[str, Any], key: str, kind: type, where: str, after: Anchor = None) -> Any:
    """A required value of `kind`: the packaged files hold every default, so a key left out is an error."""
    if key not in table:
        raise doc.fail(where, f"missing key '{key}'", None, after)
    return typed(doc, table[key], key, kind, where, after)


def optional(
    doc: RulesDoc, table: dict[str, Any], key: str, kind: type, where: str, default: Any, after: Anchor = None
) -> Any:
    """A value an entry (a theme, a cue, a body) may leave out, with what leaving it out means."""
    return typed(doc, table[key], key, kind, where, after) if key in table else default


def typed(doc: RulesDoc, value: Any, key: str, kind: type, where: str, after: Anchor = None) -> Any:
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise doc.fail(f"{where} -> {key}", f"expected {_KIND_NAMES.get(kind, kind.__name__)}", key, after)
    return value


_KIND_NAMES = {
    list: "a list",
    str: "a string",
    dict: "a table",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


def pattern(doc: RulesDoc, source: Any, where: str, after: Anchor = None) -> Pattern:
    if not isinstance(source, str):
        raise doc.fail(where, f"expected a pattern string, got {source!r}", None)
    try:
        return compile_pattern(source)
    except ValueError as exc:
        raise doc.fail(where, f"bad pattern '{source}': {exc}", f'"{source}"', after) from exc


def terms(doc: RulesDoc, items: list[Any], where: str, after: Anchor = None) -> tuple[Term, ...]:
    found: list[Term] = []
    for item in items:
        if isinstance(item, dict):
            check_keys(doc, item, {"pattern", "weight"}, where, after)
            compiled = pattern(doc, get(doc, item, "pattern", str, where, after=after), where, after)
            weight = optional(doc, item, "weight", float, where, 1.0, after)
            if weight <= 0:
                raise doc.fail(where, f"weight of '{compiled.source}' must be above 0", compiled.source, after)
            found.append(Term(compiled, weight))
        else:
            found.append(Term(pattern(doc, item, where, after)))
    return tuple(found)
