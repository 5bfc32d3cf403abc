"""The organisation registry: organisations.csv read and merged, names, abbreviations, domains and slugs looked up."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import RulesError
from ..fs import read_control_csv
from ..models import UNKNOWN_BODY_TYPE
from .names import _JOIN_GAP, _PARENS, _TOKEN, _key, slug

ORGANISATIONS_FILE = "organisations.csv"
ORGANISATION_COLUMNS = ("id", "name", "type", "abbreviations", "aliases", "domains", "successor", "until")

#: The closed vocabulary of body types (`type` in organisations.csv and bodies.toml).
BODY_TYPES: frozenset[str] = frozenset(
    {
        "fagforening",
        "hovedorganisation",
        "a-kasse",
        "arbejdsgiverorganisation",
        "erhvervsorganisation",
        "interesseorganisation",
        "myndighed",
        "kommune",
        "region",
        "raad",
        "med",
        "ledelse",
        "erhverv",
        "virksomhed",
        "uddannelsesinstitution",
        "borger",
        "andet",
        UNKNOWN_BODY_TYPE,
    }
)


@dataclass(frozen=True)
class Organisation:
    """One body the registry knows."""

    id: str
    name: str
    type: str = UNKNOWN_BODY_TYPE
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    successor: str = ""  # the id of the body that took over, recorded, never merged
    until: str = ""  # the last year under this name, when a successor took over
    source: str = "registry"  # "registry", "bodies.toml", "hearing list" or the user's file
    any_case: bool = False  # names match in any case (the local bodies of bodies.toml)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class _Spelling:
    org: Organisation
    text: str
    exact: bool  # an abbreviation: matched in its own case only
    first_upper: bool  # a registry name: its first letter must be a capital as written


class Registry:
    """Organisations by name, abbreviation, alias, domain and slug."""

    def __init__(self, organisations: Iterable[Organisation], generic: Iterable[str] = ()) -> None:
        self.organisations: dict[str, Organisation] = {}
        for org in organisations:
            self.organisations.setdefault(org.id, org)
        self._generic = {_key(g) for g in generic}
        self._keys: dict[str, list[_Spelling]] = {}
        self._domains: dict[str, Organisation] = {}
        self._slugs: dict[str, Organisation] = {}
        for org in self.organisations.values():
            self._index(org)
        self.longest = max((len(_TOKEN.findall(s.text)) for ss in self._keys.values() for s in ss), default=1)
        # Every start of a key: a word that starts none cannot start a name (most words of a text).
        self._prefixes = {key[:i] for key in self._keys for i in range(1, len(key) + 1)}

    def _index(self, org: Organisation) -> None:
        spellings: list[tuple[str, bool]] = []
        for text in org.spellings:
            parts = _PARENS.match(text)
            if parts:  # "Dansk Socialrådgiverforening (DS)": both halves are spellings
                spellings.append((parts["outer"], False))
                inner = parts["inner"].strip()
                spellings.append((inner, inner.isupper()))
            spellings.append((text, False))
        spellings += [(a, True) for a in org.abbreviations]
        for text, exact in spellings:
            key = _key(text)
            if not key or key in self._generic:
                continue
            exact = exact or (len(text) <= 8 and text.isupper())  # an acronym as a name: "LOS", "FOA"
            entry = _Spelling(org, text, exact, first_upper=not org.any_case and not exact and text[:1].isupper())
            bucket = self._keys.setdefault(key, [])
            if all(s.org.id != org.id or s.exact != exact for s in bucket):
                bucket.append(entry)
            self._slugs.setdefault(slug(text), org)
        self._slugs.setdefault(org.id, org)
        for domain in org.domains:
            self._domains.setdefault(domain.casefold(), org)

    def get(self, body_id: str) -> Organisation | None:
        return self.organisations.get(body_id)

    def lookup(self, name: str) -> Organisation | None:
        """The organisation a whole name spells, "X (Y)" forms included; None if none."""
        name = " ".join(name.split()).strip(" :\"'“”.,")
        parts = _PARENS.match(name)
        for candidate in (name, *((parts["outer"], parts["inner"]) if parts else ())):
            spelled = self._keys.get(_key(candidate))
            if spelled:
                exact = [s for s in spelled if s.exact and _key(s.text) == _key(candidate)]
                plain = [s for s in spelled if not s.exact]
                if plain:
                    return plain[0].org
                if exact and any(s.text == candidate.strip() for s in exact):
                    return exact[0].org
        return None

    def by_domain(self, address: str) -> Organisation | None:
        """The organisation an e-mail address or domain belongs to (``FH@fho.dk`` -> FH)."""
        domain = address.rsplit("@", 1)[-1].strip(" <>.,;").casefold()
        while domain:
            if domain in self._domains:
                return self._domains[domain]
            if "." not in domain:
                return None
            domain = domain.split(".", 1)[1]
            if "." not in domain:  # never match a bare top-level domain
                return self._domains.get(domain)
        return None

    def by_slug(self, stem: str) -> list[Organisation]:
        """The organisations whose slug stands in a file-name stem as whole slug words, longest first."""
        words = [w for w in re.split(r"[^a-z0-9]+", slug(stem)) if w]
        found: dict[str, tuple[int, Organisation]] = {}
        for i in range(len(words)):
            for n in range(min(len(words) - i, 8), 0, -1):
                org = self._slugs.get("-".join(words[i : i + n]))
                if org is not None:
                    found.setdefault(org.id, (n, org))
                    break
        return [org for _, org in sorted(found.values(), key=lambda pair: -pair[0])]

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every name of a registry organisation in ``text[start:end]``, longest match first, left to right."""
        end = len(text) if end is None else end
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, i)
            if hit is None:
                i += 1
                continue
            org, n, written = hit
            lo, hi = tokens[i][0], tokens[i + n - 1][1]
            found.append(Mention(org, lo, hi, text[lo:hi], written))
            i += n
        return found

    def _match_at(self, text: str, tokens: Sequence[tuple[int, int]], i: int) -> tuple[Organisation, int, str] | None:
        found: list[tuple[int, str]] = []  # (words, text) of each key the words from i spell, shortest first
        joined = ""
        for n in range(1, min(self.longest, len(tokens) - i) + 1):
            k = i + n - 1
            if n > 1 and not _JOIN_GAP.fullmatch(text, tokens[k - 1][1], tokens[k][0]):
                break
            joined += text[tokens[k][0] : tokens[k][1]]
            folded = joined.casefold()
            if folded in self._keys or (len(folded) >= 4 and folded.endswith("s") and folded[:-1] in self._keys):
                found.append((n, joined))
            if folded not in self._prefixes:
                break
        first = text[tokens[i][0] : tokens[i][1]]
        for n, spelled_text in reversed(found):
            for key, genitive in ((spelled_text.casefold(), False), (spelled_text[:-1].casefold(), True)):
                if genitive and (len(spelled_text) < 4 or not spelled_text.endswith("s")):
                    continue
                for spelled in self._keys.get(key, ()):
                    if spelled.exact:
                        if genitive or "".join(_TOKEN.findall(spelled.text)) != spelled_text:
                            continue
                    elif spelled.first_upper and not first[:1].isupper():
                        continue
                    return spelled.org, n, spelled.text
        return None


@dataclass(frozen=True)
class Mention:
    """A registry organisation named in a text."""

    org: Organisation
    start: int
    end: int
    text: str
    spelling: str


def read_organisations(path: Path, source: str = "registry") -> list[Organisation]:
    """The rows of an organisations.csv.

    Raises:
        RulesError: the file cannot be read, lacks the id/name columns, or a row is malformed;
            the message names the file and line.
    """
    control = read_control_csv(path, "organisations file", RulesError)
    columns = set(control.columns)
    if not {"id", "name"} <= columns and not {"name"} <= columns:
        raise RulesError(f"{path}:1: expected the columns {', '.join(ORGANISATION_COLUMNS)}")
    unknown = columns - set(ORGANISATION_COLUMNS)
    if unknown:
        raise RulesError(
            f"{path}:1: unknown column {sorted(unknown)[0]!r} (expected {', '.join(ORGANISATION_COLUMNS)})"
        )
    rows: list[Organisation] = []
    for line, row in control.rows():
        if None in row:
            raise RulesError(f"{path}:{line}: more fields than columns")
        values = {k: (v or "").strip() for k, v in row.items()}
        if not values.get("name") and not values.get("id"):
            raise RulesError(f"{path}:{line}: a row needs a name or an id")
        body_type = values.get("type", "")
        if body_type and body_type not in BODY_TYPES:
            raise RulesError(
                f"{path}:{line}: unknown type {body_type!r} (expected one of {', '.join(sorted(BODY_TYPES))})"
            )
        rows.append(
            Organisation(
                id=values.get("id") or slug(values["name"]),
                name=values.get("name", ""),
                type=body_type,
                abbreviations=_split(values.get("abbreviations", "")),
                aliases=_split(values.get("aliases", "")),
                domains=_split(values.get("domains", "")),
                successor=values.get("successor", ""),
                until=values.get("until", ""),
                source=source,
            )
        )
    return rows


def merge_organisations(shipped: Sequence[Organisation], own: Sequence[Organisation]) -> list[Organisation]:
    """The shipped rows with the user's merged in by id: a user's non-empty field wins, lists are joined."""
    merged = {org.id: org for org in shipped}
    for org in own:
        base = merged.get(org.id)
        if base is None:
            merged[org.id] = replace(org, type=org.type or UNKNOWN_BODY_TYPE, name=org.name or org.id)
            continue
        merged[org.id] = replace(
            base,
            name=org.name or base.name,
            type=org.type or base.type,
            abbreviations=tuple(dict.fromkeys((*base.abbreviations, *org.abbreviations))),
            aliases=tuple(dict.fromkeys((*base.aliases, *org.aliases))),
            domains=tuple(dict.fromkeys((*base.domains, *org.domains))),
            successor=org.successor or base.successor,
            until=org.until or base.until,
            source=f"{base.source} + {org.source}",
        )
    return list(merged.values())


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())
