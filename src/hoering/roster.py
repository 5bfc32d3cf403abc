"""Who answered: the senders of a corpus, set against the høringsliste, for review.

`survey` reads every file of a corpus (no theme or stance analysis) and
attributes it as `analyse` does; `write_manifest` turns the result into a
manifest.csv the user corrects and puts in the corpus folder, where it wins
over anything found in the text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .bodies import FROM_MARKERS, FROM_NOWHERE, BodyResolver, sections
from .corpus import read_corpus
from .errors import InputFileError, OutputError
from .fs import write_atomic
from .models import UNKNOWN_BODY, Document, FileReport
from .readers import read as read_file
from .redact import Redactor
from .rules import Rules, load_rules
from .senders import Detector, Organisation, detector_for, hearing_names

#: The columns of `hoering bodies --format csv` (one row per sender).
SENDER_COLUMNS = ("body_id", "body", "body_type", "files", "found_by", "in_registry", "in_hearing_list")
#: The columns of a manifest written for review: the manifest's own keys.
MANIFEST_COLUMNS = ("file", "body", "body_type")


@dataclass(frozen=True)
class FileSender:
    """The body of one file's opening section, how it was found, and any further bodies its marker lines name."""

    file: str
    body: str
    body_type: str
    body_id: str
    found_by: str
    evidence: str
    confidence: float
    in_registry: bool
    bodies: tuple[str, ...]  # every body of the file, markers included, in text order
    marked: tuple[tuple[str, str, str], ...] = ()  # (body_id, body, body_type) of each body a marker line names


@dataclass(frozen=True)
class Sender:
    """One body of the corpus and the files it answered in."""

    body_id: str
    body: str
    body_type: str
    files: tuple[str, ...]
    found_by: tuple[str, ...]
    in_registry: bool
    in_hearing_list: bool | None  # None: no høringsliste was given


@dataclass(frozen=True)
class Roster:
    """The senders of a corpus, file by file and body by body, and who on the høringsliste did not answer."""

    files: tuple[FileSender, ...]
    senders: tuple[Sender, ...]
    unanswered: tuple[Organisation, ...]
    skipped: tuple[FileReport, ...]
    hearing_list: bool

    @property
    def not_in_registry(self) -> tuple[Sender, ...]:
        return tuple(s for s in self.senders if not s.in_registry and s.body != UNKNOWN_BODY)


def read_hearing_list(path: str | Path) -> list[str]:
    """The names of a høringsliste: a .txt or .csv list (one name a line), or a høringsnotat (.txt, .docx, .pdf, ...).

    Raises:
        InputFileError: the file cannot be read or names no organisation.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the hearing list ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = data.decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
        text = "\n".join(row[0] for row in rows if row)
    else:
        try:
            text = read_file(data, suffix if suffix != ".md" else ".txt").text
        except InputFileError as exc:
            raise InputFileError(f"{path}: {exc}") from exc
    names = hearing_names(text)
    if not names:
        raise InputFileError(f"{path}: no organisations found in the hearing list")
    return names


def with_hearing_list(rules: Rules, names: list[str] | tuple[str, ...]) -> Rules:
    """The rules with a høringsliste's names matched first (the digest changes with them, so caches stay right)."""
    digest = hashlib.sha256((rules.digest + "\n" + "\n".join(names)).encode("utf-8")).hexdigest()
    return replace(rules, senders=replace(rules.senders, hearing=tuple(names)), digest=digest)


def survey(path: str | Path, rules: Rules | str | Path | None = None) -> Roster:
    """The senders of every response in a corpus folder, attributed as `analyse` attributes them.

    Raises:
        CorpusError: the folder is missing or its manifest is malformed.
        RulesError: a rules file is invalid.
    """
    loaded = rules if isinstance(rules, Rules) else load_rules(rules)
    detector = detector_for(loaded)
    resolver = BodyResolver(loaded.bodies, detector)
    citizen = loaded.redaction.citizen_type
    scrub = Redactor(loaded.redaction, loaded.bodies).scrub
    files: list[FileSender] = []
    skipped: list[FileReport] = []
    citizens: dict[str, str] = {}
    for item in read_corpus(path):
        if isinstance(item, FileReport):
            skipped.append(item)
            continue
        found = _file_sender(item, resolver, citizen, citizens, loaded.redaction.citizen_label)
        files.append(replace(found, evidence=scrub(found.evidence)))
    hearing = {o.id for o in detector.hearing}
    senders: dict[str, dict[str, object]] = {}

    def count(body_id: str, body: str, body_type: str, file: str, found_by: str, in_registry: bool) -> None:
        entry = senders.setdefault(
            body_id or UNKNOWN_BODY,
            {"body": body, "type": body_type, "files": [], "found_by": [], "in_registry": in_registry},
        )
        if file not in entry["files"]:  # type: ignore[operator]
            entry["files"].append(file)  # type: ignore[union-attr]
        entry["found_by"].append(found_by)  # type: ignore[union-attr]

    for f in files:
        if f.body != UNKNOWN_BODY or not f.marked:  # an unnamed heading before marker lines is no sender
            count(f.body_id, f.body, f.body_type, f.file, f.found_by, f.in_registry)
        for body_id, body, body_type in f.marked:
            count(body_id, body, body_type, f.file, FROM_MARKERS, resolver.knows(body))
    rows = tuple(
        Sender(
            body_id=body_id if body_id != UNKNOWN_BODY else "",
            body=str(e["body"]),
            body_type=str(e["type"]),
            files=tuple(e["files"]),  # type: ignore[arg-type]
            found_by=tuple(dict.fromkeys(e["found_by"])),  # type: ignore[arg-type]
            in_registry=bool(e["in_registry"]),
            in_hearing_list=(body_id in hearing) if detector.hearing else None,
        )
        for body_id, e in sorted(
            senders.items(), key=lambda kv: (kv[1]["body"] == UNKNOWN_BODY, str(kv[1]["body"]).casefold())
        )
    )
    answered = {f.body_id for f in files} | {m[0] for f in files for m in f.marked}
    unanswered = tuple(o for o in detector.hearing if o.id not in answered)
    return Roster(tuple(files), rows, unanswered, tuple(skipped), bool(detector.hearing))


def _file_sender(
    document: Document, resolver: BodyResolver, citizen: str, citizens: dict[str, str], label: str
) -> FileSender:
    parts = sections(document, resolver)  # attributed as `analyse` attributes them, once
    opening = parts[0]
    found = opening.found
    body, body_type, body_id, source = opening.body, opening.body_type, found.body_id, found.source
    if body_type == citizen:  # a private person is never shown by name
        body = citizens.setdefault(body_id or document.doc_id, f"{label} {len(citizens) + 1}")
        body_id = body.casefold().replace(" ", "-")
    if body == UNKNOWN_BODY:
        source, body_id = FROM_NOWHERE, ""
    names = tuple(
        dict.fromkeys(
            citizens.get(resolver.body_id(p.body), p.body) if p.body_type == citizen else p.body for p in parts
        )
    )
    marked = tuple((p.body_id, p.body, p.body_type) for p in parts if p.marker and p.body_type != citizen)
    if opening.marker:
        marked = marked[1:]
    return FileSender(
        marked=marked,
        file=document.doc_id,
        body=body,
        body_type=body_type,
        body_id=body_id,
        found_by=source,
        evidence="" if body_type == citizen else found.evidence_text(),
        confidence=found.confidence or 0.0,
        in_registry=bool(found.in_registry),
        bodies=names,
    )


def manifest_text(roster: Roster) -> str:
    """The manifest.csv (file, body, body_type) of the senders found; an unknown sender left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for f in roster.files:
        known = f.body != UNKNOWN_BODY and f.found_by != FROM_MARKERS
        writer.writerow((f.file, f.body if known else "", f.body_type if known else ""))
    return out.getvalue()


def write_manifest(roster: Roster, path: str | Path, force: bool = False) -> Path:
    """Write a manifest.csv (file, body, body_type) of the senders found, for the user to correct.

    An unknown sender is left empty, to be filled in. A file with marker lines
    keeps its opening body only: its markers still split it.

    Raises:
        OutputError: the file exists (and `force` is not given) or cannot be written.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputError(f"{path}: exists; give another file name or --force to replace it")
    try:
        write_atomic(path, manifest_text(roster))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the manifest ({exc.strerror or exc})") from exc
    return path


def build_detector(rules_dir: str | Path | None = None, hearing_list: Sequence[str] = ()) -> Detector:
    """A sender detector with the packaged rules, a user's rules folder merged in, and a høringsliste's names.

    Raises:
        RulesError: a rules file is missing or invalid.
    """
    return detector_for(load_rules(rules_dir), hearing_list)


def senders_frame(roster: Roster) -> pd.DataFrame:
    """One row per sender: the columns of `hoering bodies --format csv`."""
    rows = [
        (
            s.body_id,
            s.body,
            s.body_type,
            "|".join(s.files),
            "|".join(s.found_by),
            "yes" if s.in_registry else "no",
            "" if s.in_hearing_list is None else ("yes" if s.in_hearing_list else "no"),
        )
        for s in roster.senders
    ]
    return pd.DataFrame(rows, columns=list(SENDER_COLUMNS))


def roster_json(roster: Roster) -> str:
    """The roster as the JSON document of `hoering bodies --format json`."""
    data = {
        "senders": senders_frame(roster).to_dict(orient="records"),
        "files": [
            {
                "file": f.file,
                "body": f.body,
                "body_type": f.body_type,
                "body_id": f.body_id,
                "found_by": f.found_by,
                "evidence": f.evidence,
                "confidence": f.confidence,
                "in_registry": f.in_registry,
                "bodies": list(f.bodies),
            }
            for f in roster.files
        ],
        "did_not_answer": [o.name for o in roster.unanswered] if roster.hearing_list else None,
        "skipped": [{"path": f.path, "reason": f.reason} for f in roster.skipped],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def consulted_names(names: Sequence[str], rules: Rules) -> list[str]:
    """A høringsliste's names as the analysis names those bodies (the registry's canonical name where it knows one).

    This is what `hoering report --hearing-list` passes to the notat, so that "DS" on the list
    and "Dansk Socialrådgiverforening" as a response's sender are one body.
    """
    return [organisation.name for organisation in detector_for(rules, names).hearing]
