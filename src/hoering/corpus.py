"""Find the response files of a corpus folder and read them into Documents.

A response is a file in one of the formats of `hoering.readers` (.txt, .md,
.docx, .doc, .pdf, .odt, .rtf, .eml, .msg); the reader for its suffix turns it into text.
Its metadata comes from an optional header at the top of the text::

    ---
    body: Lokalt Arbejdsmarkedsråd
    body_type: raad
    round: 2020
    plan: Beskæftigelsesplan 2021-2022
    date: 2020-10-20
    ---

and/or from ``manifest.csv`` in the corpus folder (columns ``file`` and any of
the header keys), which wins field by field. Every file under the folder is
accounted for: read, or skipped with the reason; only the control files at its
top (``manifest.csv``, ``gold.csv``, ``corrections.csv``) are not responses.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from . import readers
from .errors import CorpusError, InputFileError
from .fs import read_bytes, read_control_csv
from .models import Document, FileReport, FileStatus, Metadata

MANIFEST = "manifest.csv"
GOLD = "gold.csv"
CORRECTIONS = "corrections.csv"
#: Files at the top of a corpus folder that describe the corpus rather than being responses.
CONTROL_FILES = (MANIFEST, GOLD, CORRECTIONS)
SUFFIXES = readers.SUFFIXES
HEADER_KEYS = tuple(f.name for f in fields(Metadata))
MAX_BYTES = readers.MAX_FILE_BYTES
# Possessive white space and a greedy value (the line is stripped): linear on any line.
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*+:\s*+(?P<value>.*)$")
_ROUND_FOLDER = re.compile(r"^\d{4}(?:[-/]\d{2,4})?$")


@dataclass(frozen=True)
class CorpusFile:
    """A file found under the corpus folder, before it is read."""

    path: Path
    relative: str  # posix path relative to the corpus folder: the document id


def scan(root: str | Path) -> tuple[list[CorpusFile], list[FileReport]]:
    """List candidate response files under `root` and report everything else.

    Raises:
        CorpusError: `root` does not exist or is not a folder.
    """
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"{root}: corpus folder not found")
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder (give the folder that holds the responses)")
    found: list[CorpusFile] = []
    skipped: list[FileReport] = []
    inside = root.resolve()
    for here, dirnames, filenames in _walk(root, skipped):
        for name in sorted(dirnames):
            if name.startswith("."):
                skipped.append(_skip(root, here / name, "hidden folder, not read"))
            elif (here / name).is_symlink():
                # Not followed (no loops, nothing read twice); accounted for all the same.
                skipped.append(_skip(root, here / name, "link to a folder, not followed"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if relative in CONTROL_FILES:
                continue
            reason = _not_a_response(path, name) or _outside(path, inside)
            if reason:
                skipped.append(_skip(root, path, reason))
            else:
                found.append(CorpusFile(path, relative))
    found.sort(key=lambda f: f.relative)
    skipped.sort(key=lambda r: r.path)
    return found, skipped


def _walk(root: Path, skipped: list[FileReport]) -> Iterator[tuple[Path, list[str], list[str]]]:
    """Like ``os.walk(root)`` without following links, but with a stack instead of recursion.

    Folders nested thousands deep cannot exhaust Python's recursion limit, and a
    folder that cannot be listed is reported in `skipped` instead of left out
    without a word. The caller may prune the folder names it is given.
    """
    stack = [root]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = list(entries)
        except OSError as exc:
            if here == root:
                raise CorpusError(f"{root}: cannot list the corpus folder ({exc.strerror or exc})") from None
            skipped.append(
                _skip(root, here, f"folder cannot be read ({exc.strerror or exc}); its files are not analysed")
            )
            continue
        dirnames = [e.name for e in listed if _is_dir(e)]
        filenames = [e.name for e in listed if not _is_dir(e)]
        yield here, dirnames, filenames
        stack.extend(here / d for d in reversed(dirnames))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts as a folder, as in os.walk
    except OSError:
        return False


def _outside(path: Path, inside: Path) -> str:
    """The reason to skip a link that leads out of the corpus folder, else ""."""
    if not path.is_symlink():
        return ""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ""  # broken or a loop: reading it says so
    if target != inside and inside not in target.parents:
        return "link to a file outside the corpus folder, not followed"
    return ""


def _not_a_response(path: Path, name: str) -> str:
    if name.startswith("."):
        return "hidden file, not read"
    if path.suffix.lower() not in SUFFIXES:
        kind = path.suffix.lower() or "no extension"
        return f"unsupported format ({kind}); supported: {', '.join(SUFFIXES)}"
    return ""


def _skip(root: Path, path: Path, reason: str) -> FileReport:
    return FileReport(path.relative_to(root).as_posix(), FileStatus.SKIPPED, reason)


def read_manifest(root: str | Path) -> dict[str, Metadata]:
    """Read ``manifest.csv`` of a corpus folder, keyed by relative file path.

    Raises:
        CorpusError: the manifest exists but is malformed.
    """
    path = Path(root) / MANIFEST
    if not path.is_file():
        return {}
    control = read_control_csv(path, "manifest", CorpusError)
    columns = control.columns
    if "file" not in columns:
        raise CorpusError(f"{path}:1: manifest needs a 'file' column (found: {', '.join(columns) or 'nothing'})")
    unknown = [c for c in columns if c not in ("file", *HEADER_KEYS)]
    if unknown:
        raise CorpusError(f"{path}:1: unknown manifest column '{unknown[0]}' (allowed: file, {', '.join(HEADER_KEYS)})")
    entries: dict[str, Metadata] = {}
    for line, row in control.rows():
        name = (row.get("file") or "").strip()
        if not name:
            raise CorpusError(f"{path}:{line}: empty 'file' value")
        if name in entries:
            raise CorpusError(f"{path}:{line}: '{name}' is listed twice")
        entries[name] = Metadata(**{k: (row.get(k) or "").strip() or None for k in HEADER_KEYS})
    return entries


def parse_header(text: str) -> tuple[Metadata, int]:
    """Read the optional ``---`` header; return its metadata and where the text starts.

    Raises:
        InputFileError: the header is unterminated or has an unknown key.
    """
    if not text.startswith("---"):
        return Metadata(), 0
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].strip() != "---":
        return Metadata(), 0
    values: dict[str, str] = {}
    pos = first_end + 1
    line_no = 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line = text[pos:end].strip()
        line_no += 1
        if line == "---":
            return Metadata(**values), min(end + 1, len(text))
        if line and not line.startswith("#"):
            match = _HEADER_LINE.match(line)
            if not match:
                raise InputFileError(
                    f"header line {line_no}: expected 'key: value' or the closing '---', got '{line[:40]}'"
                )
            key = match["key"].lower()
            if key not in HEADER_KEYS:
                raise InputFileError(f"header line {line_no}: unknown key '{key}' (allowed: {', '.join(HEADER_KEYS)})")
            values[key] = match["value"].strip() or None  # type: ignore[assignment]
        pos = end + 1
    raise InputFileError("header starts with '---' but has no closing '---' line")


def read_document(file: CorpusFile, manifest: dict[str, Metadata]) -> Document:
    """Read one response file into a Document, with the reader for its format.

    Raises:
        InputFileError: the file cannot be read or holds no response text.
    """
    data = read_bytes(file.path, MAX_BYTES)
    if not data.strip():
        raise InputFileError("empty file")
    extracted = readers.read(data, file.path.suffix)
    text = extracted.text
    if not text.strip():
        raise InputFileError(
            f"no text in the {extracted.format} file" if extracted.format not in ("txt", "md") else "empty file"
        )
    meta, body_start = parse_header(text)
    if not text[body_start:].strip():
        raise InputFileError("no response text after the header")
    meta = _merge(meta, manifest.get(file.relative))
    if meta.round is None:
        meta = replace(meta, round=_round_from_folder(file.relative))
    if meta.title is None and extracted.title:
        meta = replace(meta, title=extracted.title)
    return Document(
        file.relative,
        file.path,
        text,
        meta,
        body_start,
        format=extracted.format,
        encoding=extracted.encoding,
        hints=extracted.hints,
        notes=extracted.notes,
    )


def _merge(header: Metadata, listed: Metadata | None) -> Metadata:
    if listed is None:
        return header
    return Metadata(**{k: getattr(listed, k) or getattr(header, k) for k in HEADER_KEYS})


def _round_from_folder(relative: str) -> str | None:
    parts = relative.split("/")[:-1]
    for part in parts:
        if _ROUND_FOLDER.match(part):
            return part
    return None


def read_corpus(root: str | Path, dedupe: bool = False) -> Iterator[Document | FileReport]:
    """Yield a Document for every readable response and a FileReport for every other file.

    A file with the same text (white space aside) and metadata as an earlier one
    is a duplicate: its Document names the first in `duplicate_of`, or, with
    `dedupe`, it is skipped.

    Raises:
        CorpusError: the folder is missing or its manifest is malformed.
    """
    yield from open_corpus(root, dedupe)[1]


def open_corpus(
    root: str | Path, dedupe: bool = False, manifest: bool = True
) -> tuple[int, Iterator[Document | FileReport]]:
    """How many items `read_corpus` yields, and the items, read one at a time.

    The folder is listed (and the manifest read) at once, so errors in either
    are raised here; each file is read only when the iterator reaches it.

    Args:
        manifest: read ``manifest.csv`` of the folder (False: ignore it, ``--no-control-files``).

    Raises:
        CorpusError: the folder is missing or its manifest is malformed.
    """
    files, skipped = scan(root)
    listed = read_manifest(root) if manifest else {}
    known = {f.relative for f in files} | {s.path for s in skipped}
    missing = [
        FileReport(name, FileStatus.SKIPPED, f"listed in {MANIFEST} but not found")
        for name in sorted(set(listed) - known)
    ]
    return len(missing) + len(skipped) + len(files), _read(missing + skipped, files, listed, dedupe)


def _read(
    reports: list[FileReport], files: list[CorpusFile], manifest: dict[str, Metadata], dedupe: bool
) -> Iterator[Document | FileReport]:
    yield from reports
    first: dict[str, str] = {}
    for file in files:
        try:
            document = read_document(file, manifest)
        except InputFileError as exc:
            yield FileReport(file.relative, FileStatus.SKIPPED, str(exc), format=file.path.suffix.lower().lstrip("."))
            continue
        except Exception as exc:  # one file never sinks the run: any failure is that file's reason
            reason = f"internal error while reading ({type(exc).__name__}: {exc})"
            yield FileReport(file.relative, FileStatus.SKIPPED, reason, format=file.path.suffix.lower().lstrip("."))
            continue
        original = first.setdefault(_fingerprint(document), document.doc_id)
        if original == document.doc_id:
            yield document
        elif dedupe:
            yield FileReport(
                file.relative,
                FileStatus.SKIPPED,
                f"duplicate (same text and metadata as {original})",
                format=document.format_label,
                duplicate_of=original,
            )
        else:
            yield replace(document, duplicate_of=original)


def _fingerprint(document: Document) -> str:
    """Same text, white space aside, and same metadata: the same response."""
    digest = hashlib.sha256(" ".join(document.text[document.body_start :].split()).encode("utf-8"))
    digest.update(repr(document.meta).encode("utf-8"))
    return digest.hexdigest()
