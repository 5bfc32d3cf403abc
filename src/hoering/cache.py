"""A cache of per-document results: a second run on an unchanged corpus skips the analysis.

An entry holds what the analysis found in one document (`DocumentResult`:
its positions with text and evidence, and how much personal data was taken
out), before corrections, which are applied to every run afresh. It is found
by two hashes:

- the document: its id (path in the corpus), metadata (header, manifest or
  folder) and decoded text; a changed file, a renamed file or a changed
  manifest row is a new document;
- the settings: the rules (`Rules.digest`), the pipeline's name and version,
  the versions of spaCy, spacy-lookups-data and hoering, the redaction
  setting and whether tokens are kept. Settings live in their own folder, so
  a change of any of them makes the old entries unreachable (delete the
  folder to reclaim the space).

Entries are JSON, read back field by field into the frozen types. Not
pickle: loading a pickle runs code named in the file, and a cache folder is
a place other programs (or users) may write to; JSON is only ever data, and
stays readable across Python versions. An entry that cannot be read, does
not parse or does not fit the types is treated as missing: the document is
analysed again and the entry rewritten. Writes are atomic (a temporary file
renamed into place), so two runs sharing a cache never see half an entry.

What an entry holds, and what it does not (the cache lives in the user's
cache folder, outside the corpus and its access rules):

- with redaction on (the default), only texts as the output shows them:
  each position's text, section heading and evidence with personal data
  replaced by placeholders, and its tokens with every word inside personal
  data replaced the same way; the rule terms that matched; offsets, stances,
  scores and how many items of each kind of personal data were taken out;
- never the file's path, its body names (a private person's name among them)
  or its metadata (round, plan): those are taken from the document itself
  when an entry is read, as the analysis would find them, so they need not be
  stored. An entry points to its document's section by number only.

With ``--no-redact`` the entries (in a folder of their own) hold the texts as
written. The cache folders are created readable by their owner only;
``hoering cache info`` shows what the folder holds and ``hoering cache clear``
empties it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lazy
from .errors import OutputError
from .fs import write_bytes_atomic
from .models import (
    Document,
    DocumentResult,
    Evidence,
    PersonalData,
    Position,
    Section,
    Stance,
    StanceCall,
    Token,
)
from .version import __version__

if TYPE_CHECKING:
    from .rules import Rules

# Read when a digest is made: `hoering --help` and `hoering cache info` need neither.
metadata = lazy.module("importlib.metadata")

ENV_DIR = "HOERING_CACHE_DIR"
FORMAT = 4  # bump when the entry layout changes (4: positions take their body id from the section)
#: A cache entry larger than this is not read (a document of the largest size gives far less).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def default_dir() -> Path:
    """Where the cache lives unless told otherwise.

    ``$HOERING_CACHE_DIR`` when set; else the platform's cache folder:
    ``$XDG_CACHE_HOME/hoering`` or ``~/.cache/hoering`` on Linux,
    ``~/Library/Caches/hoering`` on macOS, ``%LOCALAPPDATA%\\hoering\\cache``
    on Windows.
    """
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "hoering" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "hoering"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "hoering"


def settings_digest(rules: Rules, pipeline: str, redact: bool, keep_tokens: bool, stance: str = "rules") -> str:
    """A hash of everything besides the document that shapes its result."""
    settings = {
        "format": FORMAT,
        "hoering": __version__,
        "rules": rules.digest,
        "pipeline": pipeline,
        "spacy": _version("spacy"),
        "lookups": _version("spacy-lookups-data"),
        "redact": redact,
        "tokens": keep_tokens,
        "stance": stance,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def document_digest(document: Document) -> str:
    """A hash of what the analysis reads of a document: id, metadata and text."""
    head = json.dumps([document.doc_id, document.body_start, asdict(document.meta)], sort_keys=True)
    digest = hashlib.sha256(head.encode())
    digest.update(b"\0")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Cache:
    """Per-document results under one folder, for one set of settings."""

    def __init__(self, folder: str | Path, settings: str) -> None:
        self.root = Path(folder)
        self.folder = self.root / f"v{FORMAT}" / settings[:24]
        self.hits = 0
        self.misses = 0
        self.problem = ""  # the first write that failed, if any: the run goes on without storing
        self._strings: dict[str, str] = {}  # one object per string over all entries read: less memory

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(
        self, document: Document, sections: Callable[[Document], Sequence[Section]]
    ) -> tuple[str, DocumentResult | None]:
        """The document's key, and its stored result or None.

        Args:
            sections: the document's sections (`hoering.bodies.sections`), asked for
                only when an entry is found: the bodies and metadata come from them.
        """
        key = document_digest(document)
        try:
            entry = json.loads(_read_entry(self._path(key)))
            found = _decode(entry, key, self._strings, document, sections)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
            found = None  # missing, unreadable or corrupt: analysed again and rewritten
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return key, found

    def put(self, key: str, result: DocumentResult) -> None:
        """Store a result; a cache that cannot be written is noted, not fatal."""
        entry = _encode(result, key, result.sections)
        if entry is None:
            return  # a position outside the sections given: not stored rather than stored wrong
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            _private_folders(self._path(key).parent)
            write_bytes_atomic(self._path(key), data, private=True)
        except (OSError, OutputError) as exc:
            if not self.problem:
                self.problem = f"{self.root}: cache not written ({getattr(exc, 'strerror', None) or exc})"


def _read_entry(path: Path) -> bytes:
    """The bytes of a cache entry, from a regular file of bounded size only.

    A cache folder is writable by other programs: a named pipe there would block
    the run and a link to a device would never end, so neither is read.

    Raises:
        OSError: missing, not a regular file, or too large.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            raise OSError(f"{path}: not a cache entry")
        data = handle.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:
        raise OSError(f"{path}: not a cache entry")
    return data


def _private_folders(folder: Path) -> None:
    """Create `folder` and any missing parent, each readable by its owner only."""
    if folder.is_dir():
        return
    for missing in reversed([p for p in (folder, *folder.parents) if not p.exists()]):
        missing.mkdir(mode=0o700, exist_ok=True)


def _version(package: str) -> str:
    """The installed version of `package` ("" when it is not installed), as the settings hold it.

    Read from the name of its ``<name>-<version>.dist-info`` folder, the first on the
    import path, as pip installs it: `importlib.metadata` parses the metadata file
    with the e-mail package, which costs a cached run more than some of its work.
    Any other layout (an .egg-info, two versions side by side) is left to `importlib.metadata`.
    """
    wanted = _project(package)
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        # "<name>-<version>.dist-info", "-" in the name written "_"; an .egg-info's name comes first too.
        found = [
            n for n in names if n.endswith((".dist-info", ".egg-info")) and _project(n.partition("-")[0]) == wanted
        ]
        if len(found) == 1 and found[0].endswith(".dist-info"):
            return found[0][: -len(".dist-info")].partition("-")[2]
        if found:
            break
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _project(name: str) -> str:
    """A project name as packaging compares them: case and runs of - _ . aside."""
    return re.sub(r"[-_.]+", "_", name).lower()


# --- the JSON layout ------------------------------------------------------------------------


def _encode(result: DocumentResult, key: str, sections: Sequence[Section]) -> dict[str, Any] | None:
    """The entry: every string but the position texts once, in a table the rest points into.

    A position's document, body and metadata are not stored: only the number of
    its section, whose body and metadata `_decode` takes from the document again.
    None when a position lies in none of the sections, or its body is not its section's.
    """
    table: dict[str, int] = {}

    def ref(value: str) -> int:
        return table.setdefault(value, len(table))

    def evidence(e: Evidence) -> list[int]:
        return [ref(e.label), ref(e.term), ref(e.matched), e.start, e.end, ref(e.note)]

    starts = [s.start for s in sections]
    positions = []
    for p in result.positions:
        number = _section_of(sections, starts, p.start)
        part = None if number is None else sections[number]
        if part is None or (part.body, part.body_type, part.body_id) != (p.body, p.body_type, p.body_id):
            return None
        positions.append(
            [
                number,
                ref(p.section),
                p.index,
                p.start,
                p.end,
                p.text,
                [[ref(t.text), ref(t.lower), ref(t.lemma), t.start, t.end] for t in p.tokens],
                [evidence(e) for e in p.themes],
                [p.stance.stance.value, p.stance.score, [evidence(e) for e in p.stance.cues]],
            ]
        )
    return {
        "format": FORMAT,
        "key": key,
        "strings": list(table),
        "redacted": [[kind.value, count] for kind, count in result.redacted],
        "positions": positions,
    }


def _section_of(sections: Sequence[Section], starts: list[int], offset: int) -> int | None:
    """The number of the section that holds `offset` (sections follow each other in text order)."""
    number = bisect_right(starts, offset) - 1
    return number if number >= 0 and offset < sections[number].end else None


def _decode(
    entry: dict[str, Any],
    key: str,
    shared: dict[str, str],
    document: Document,
    sections_of: Callable[[Document], Sequence[Section]],
) -> DocumentResult | None:
    """The result an entry holds; TypeError, ValueError or IndexError where it does not fit the types."""
    if entry.get("format") != FORMAT or entry.get("key") != key:
        return None
    sections = sections_of(document)
    round_, plan = document.meta.round or "", document.meta.plan or ""
    strings = entry["strings"]
    _check(str, *strings)
    strings = [shared.setdefault(value, value) for value in strings]

    # Indexing the table with anything but an integer raises TypeError: only offsets need a check.
    def evidence(item: list[Any]) -> Evidence:
        label, term, matched, start, end, note = item
        if type(start) is not int or type(end) is not int:
            raise TypeError("evidence offsets are not integers")
        return Evidence(strings[label], strings[term], strings[matched], start, end, strings[note])

    positions = []
    for item in entry["positions"]:
        number, section, index, start, end, text, tokens, themes, stance = item
        _check(int, number, index, start, end)
        if not 0 <= number < len(sections):
            raise IndexError("no such section")
        part = sections[number]
        _check(str, text)
        label, score, cues = stance
        if type(score) not in (int, float):
            raise TypeError("stance score is not a number")
        kept = []
        for word, lower, lemma, first, last in tokens:
            _check(int, first, last)
            kept.append(Token(strings[word], strings[lower], strings[lemma], first, last))
        positions.append(
            Position(
                doc_id=document.doc_id,
                body=part.body,
                body_type=part.body_type,
                round=round_,
                plan=plan,
                section=strings[section],
                index=index,
                start=start,
                end=end,
                text=text,
                tokens=tuple(kept),
                themes=tuple(evidence(e) for e in themes),
                stance=StanceCall(Stance(label), float(score), tuple(evidence(e) for e in cues)),
                body_id=part.body_id,
                body_source=part.found.source,
                body_confidence=part.found.confidence,
            )
        )
    redacted = []
    for kind, count in entry["redacted"]:
        _check(int, count)
        redacted.append((PersonalData(kind), count))
    return DocumentResult(tuple(positions), tuple(redacted), tuple(sections))


def _check(kind: type, *values: object) -> None:
    for value in values:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")


def _entries(folder: Path) -> Iterator[Path]:
    """The entry files of a cache folder (``v<N>/<settings>/<xx>/<key>.json``), links never followed."""
    for version in sorted(folder.glob("v[0-9]*")):
        if version.is_symlink() or not version.is_dir():
            continue
        for path in sorted(version.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.suffix in (".json", ".tmp"):
                yield path


def info(folder: str | Path) -> dict[str, object]:
    """What the cache folder holds: its place, entries, size and settings folders."""
    root = Path(folder)
    entries = list(_entries(root)) if root.is_dir() else []
    settings = {p.relative_to(root).parts[:2] for p in entries}
    return {
        "folder": str(root),
        "entries": len(entries),
        "bytes": sum(p.stat().st_size for p in entries),
        "settings": len(settings),
    }


def clear(folder: str | Path) -> int:
    """Delete every entry of the cache folder (and the folders left empty); return how many.

    Only hoering's own layout is touched (``v<N>/...`` with ``.json`` entries), so a
    wrong folder given by mistake loses nothing else.
    """
    root = Path(folder)
    if not root.is_dir():
        return 0
    removed = 0
    for path in _entries(root):
        path.unlink(missing_ok=True)
        removed += 1
    for version in root.glob("v[0-9]*"):
        if version.is_symlink() or not version.is_dir():
            continue
        for sub in sorted((p for p in version.rglob("*") if p.is_dir() and not p.is_symlink()), reverse=True):
            with contextlib.suppress(OSError):
                sub.rmdir()  # only when empty
        with contextlib.suppress(OSError):
            version.rmdir()
    return removed
