"""The sender setup of a rules folder, the detector built from it, and the names of a høringsliste."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import UNKNOWN_BODY_TYPE
from .detect import Detector
from .names import _PARENS, slug
from .registry import ORGANISATIONS_FILE, Organisation, Registry, merge_organisations, read_organisations
from .ruleset import SENDERS_FILE, SenderRules, load_sender_rules


@dataclass(frozen=True)
class SenderSetup:
    """What the rules folder says about senders: the patterns of senders.toml and the registry rows."""

    rules: SenderRules
    organisations: tuple[Organisation, ...] = field(repr=False)
    sources: tuple[str, ...] = ()  # the files read
    raw: bytes = field(default=b"", repr=False)  # their bytes, for the rules digest
    hearing: tuple[str, ...] = ()  # the names of a høringsliste (--hearing-list), matched first


def load_sender_setup(default_dir: Path, user_dir: Path | None = None) -> SenderSetup:
    """senders.toml (the user's, else the packaged one) and organisations.csv (the packaged rows, the user's merged in).

    Raises:
        RulesError: a file is unreadable or invalid.
    """
    own_rules = user_dir / SENDERS_FILE if user_dir is not None else None
    rules_path = own_rules if own_rules is not None and own_rules.is_file() else default_dir / SENDERS_FILE
    paths = [rules_path, default_dir / ORGANISATIONS_FILE]
    rows = read_organisations(default_dir / ORGANISATIONS_FILE)
    own_rows = user_dir / ORGANISATIONS_FILE if user_dir is not None else None
    if own_rows is not None and own_rows.is_file():
        rows = merge_organisations(rows, read_organisations(own_rows, str(own_rows)))
        paths.append(own_rows)
    raw = b"".join(p.read_bytes() for p in paths)
    return SenderSetup(load_sender_rules(rules_path), tuple(rows), tuple(str(p) for p in paths), raw)


def detector_for(rules: Any, hearing_list: Sequence[str] = ()) -> Detector:
    """The detector of a loaded `Rules`: a høringsliste's names first, then the bodies of bodies.toml and the registry."""
    bodies = [
        Organisation(
            id=slug(b.name),
            name=b.name,
            type=b.type or UNKNOWN_BODY_TYPE,
            aliases=tuple(b.aliases),
            source="bodies.toml",
            any_case=True,
        )
        for b in rules.bodies.bodies
    ]
    generic = rules.bodies.detection.generic
    registry = Registry([*bodies, *rules.senders.organisations], generic=generic)
    names = [*rules.senders.hearing, *hearing_list]
    if not names:
        return Detector(registry, rules.senders.rules, rules.redaction.citizen_type)
    hearing = hearing_organisations(names, registry)
    registry = Registry([*hearing, *bodies, *rules.senders.organisations], generic=generic)
    return Detector(registry, rules.senders.rules, rules.redaction.citizen_type, tuple(hearing))


def truth_body(sender: str, registry: Registry) -> Organisation | None:
    """The registry body a free-text sender names: "FH (Fagbevægelsens Hovedorganisation) – henvendelse ..." -> FH.

    The text before " – " is read; then the whole of it, the name before its
    bracket, and the bracket's content are looked up in turn.
    """
    head = re.split(r"\s+[–-]\s+", sender, maxsplit=1)[0].strip()
    parts = _PARENS.match(head)
    for name in (head, *((parts["outer"], parts["inner"]) if parts else ())):
        org = registry.lookup(name)
        if org is not None:
            return org
    return None


def hearing_organisations(names: Sequence[str], registry: Registry) -> list[Organisation]:
    """The organisations of a høringsliste: registry rows where known, new rows (type ukendt) otherwise."""
    result: list[Organisation] = []
    for name in names:
        org = registry.lookup(name)
        if org is None:
            parts = _PARENS.match(name)
            outer = parts["outer"] if parts else name
            abbreviations = (parts["inner"],) if parts and parts["inner"].isupper() else ()
            org = Organisation(id=slug(outer), name=outer, abbreviations=abbreviations, source="hearing list")
        result.append(org)
    return list({o.id: o for o in result}.values())


_LIST_START = re.compile(
    r"(?:høring|høringssvar)\s+(?:hos|til|fra)\s+(?:følgende|de)\b[^:]{0,120}?:\s*"
    r"|(?:modtaget|afgivet)\s+høringssvar\s+fra\s+(?:følgende[^:]{0,60})?:?\s*",
    re.IGNORECASE,
)


def hearing_names(text: str) -> list[str]:
    """The names of a høringsliste: one per line in a list file, or the list after "følgende myndigheder og organisationer:" in a høringsnotat."""
    joined = re.sub(r"(\w)-\n(?=[a-zæøå])", r"\1", text)  # "Arbejdsskadefor-\neningen"
    start = _LIST_START.search(joined)
    if start is None:
        lines = [ln.strip() for ln in text.splitlines()]
        names = [ln.split(";")[0].split(",")[0].strip().strip('"') if ln.count(",") <= 1 else ln for ln in lines]
        return [n for n in names if n and n.casefold() not in {"name", "navn", "organisation", "id"}]
    body = joined[start.end() :]
    stop = re.search(r"\.\s*(?:\n|[A-ZÆØÅ])|\n\s*\n", body)
    body = body[: stop.start()] if stop else body
    body = " ".join(body.split())
    parts = re.split(r",\s*|\s+og\s+(?=[A-ZÆØÅ0-9])", body)
    return [p.strip(" .") for p in parts if p.strip(" .") and len(p.strip(" .")) < 120]
