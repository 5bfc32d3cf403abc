"""Find the sender (afsender) of a response that neither header nor manifest names.

Two parts. The registry (`rules/organisations.csv`, the bodies of
`rules/bodies.toml`, a user's own organisations.csv merged row by row, and a
høringsliste) knows organisations by name, abbreviation, alias, e-mail domain
and file-name slug, and gives each one a stable `body_id`. Detection reads the
text for the patterns of `rules/senders.toml` and returns every candidate it
finds, each with the rule that found it, the matched text, its offset and a
confidence; `choose` takes the first rule that found one (see the order of
evidence in senders.toml).

A sender in no list is taken only where a rule names it and its name has the
shape of an organisation (a word ending like "forening", "rådet", "kommune",
or an abbreviation in capitals): a person's name never becomes a body. It keeps
its own name and is marked as not in the registry.

Canonicalisation: spellings, abbreviations and aliases of one registry row are
one body. A registry name followed by more capitalised words on the same line
("BUPL Århus", "3F Vestsjælland") is a branch: a body of its own, with the
parent's type and the parent's id as its `parent`. Successors (LO and FTF ->
FH in 2019) are recorded, not merged: an LO response stays LO.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import RulesError
from .models import UNKNOWN_BODY_TYPE

ORGANISATIONS_FILE = "organisations.csv"
SENDERS_FILE = "senders.toml"
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

# The rules, in the order of evidence.
RULE_METADATA = "header or manifest"
RULE_MARKERS = "markers"
RULE_TITLE = "title"
RULE_OPENING = "opening line"
RULE_ON_BEHALF = "on behalf"
RULE_SIGNATURE = "signature"
RULE_MAIL = "e-mail"
RULE_FILE_METADATA = "document metadata"
RULE_FILE_NAME = "file name"
RULE_SUBJECT = "subject"
RULE_CITIZEN = "citizen"
RULE_ORDER: tuple[str, ...] = (
    RULE_TITLE,
    RULE_OPENING,
    RULE_ON_BEHALF,
    RULE_SIGNATURE,
    RULE_MAIL,
    RULE_FILE_METADATA,
    RULE_FILE_NAME,
    RULE_SUBJECT,
    RULE_CITIZEN,
)

_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ&]+")
_JOIN_GAP = re.compile(r"[ \t\-–/]*")  # what may stand between the words of one name
_SPACE_GAP = re.compile(r"[ \t]+")
_PARENS = re.compile(r"^(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_SLUG_MAP = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e", "&": "og"})
_CONNECTORS = frozenset({"af", "for", "i", "og", "på", "til", "under", "mod", "de", "det", "den", "&"})


def slug(name: str) -> str:
    """The file-name form of a name: ``Dansk Socialrådgiverforening`` -> ``dansk-socialraadgiverforening``."""
    folded = name.casefold().translate(_SLUG_MAP)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _key(name: str) -> str:
    """Case, spaces, hyphens and punctuation folded: the key two spellings of one name share."""
    return "".join(t.casefold() for t in _TOKEN.findall(name))


# --- the registry ------------------------------------------------------------------


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
        RulesError: the file cannot be read, lacks the id/name columns, or a row is malformed.
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot read the organisations file ({exc})") from exc
    reader = csv.DictReader(io.StringIO(raw))
    columns = set(reader.fieldnames or ())
    if not {"id", "name"} <= columns and not {"name"} <= columns:
        raise RulesError(f"{path}: expected the columns {', '.join(ORGANISATION_COLUMNS)}")
    unknown = columns - set(ORGANISATION_COLUMNS)
    if unknown:
        raise RulesError(f"{path}: unknown column {sorted(unknown)[0]!r} (expected {', '.join(ORGANISATION_COLUMNS)})")
    rows: list[Organisation] = []
    for line, row in enumerate(reader, start=2):
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


# --- detection rules -----------------------------------------------------------------


@dataclass(frozen=True)
class SenderRules:
    """The patterns and word lists of senders.toml."""

    title_chars: int
    signature_lines: int
    signature_max_words: int
    confidence: dict[str, float]
    open_penalty: float
    title_before: tuple[re.Pattern[str], ...]
    title_after: tuple[re.Pattern[str], ...]
    opening_after: tuple[re.Pattern[str], ...]
    on_behalf_before: tuple[re.Pattern[str], ...]
    signoff: tuple[re.Pattern[str], ...]
    mail_header: re.Pattern[str]
    mail_line: re.Pattern[str]
    subject_after: tuple[re.Pattern[str], ...]
    subject_before: tuple[re.Pattern[str], ...]
    addressee: tuple[re.Pattern[str], ...]
    address_line: tuple[re.Pattern[str], ...]
    endings: tuple[str, ...]
    not_names: frozenset[str]
    titles: frozenset[str]
    file_words: frozenset[str]
    not_by_subject: tuple[str, ...] = ()


def load_sender_rules(path: Path) -> SenderRules:
    """Read and check senders.toml.

    Raises:
        RulesError: not valid TOML, an unknown key, or a bad regular expression.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from exc
    where = str(path)

    def table(name: str) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise RulesError(f"{where} [{name}] expected a table")
        return value

    unknown = set(data) - {"detect", "confidence", "patterns", "names"}
    if unknown:
        raise RulesError(f"{where}: unknown table [{sorted(unknown)[0]}]")
    detect, confidence, patterns, names = table("detect"), table("confidence"), table("patterns"), table("names")

    def regexes(key: str) -> tuple[re.Pattern[str], ...]:
        value = patterns.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RulesError(f"{where} [patterns -> {key}] expected a list of regular expressions")
        try:
            return tuple(re.compile(v, re.IGNORECASE | re.MULTILINE) for v in value)
        except re.error as exc:
            raise RulesError(f"{where} [patterns -> {key}] bad regular expression: {exc}") from exc

    def words(key: str) -> tuple[str, ...]:
        value = names.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise RulesError(f"{where} [names -> {key}] expected a list of words")
        return tuple(v.strip() for v in value)

    def number(key: str, default: int) -> int:
        value = detect.get(key, default)
        if not isinstance(value, int) or not 0 <= value <= 100_000:
            raise RulesError(f"{where} [detect -> {key}] expected a whole number")
        return value

    scores: dict[str, float] = {}
    for key, value in confidence.items():
        if not isinstance(value, int | float) or not 0 <= value <= 1:
            raise RulesError(f"{where} [confidence -> {key}] expected a number from 0 to 1")
        scores[key] = float(value)
    mail_header = regexes("mail_header") or (re.compile(r"(?!)"),)
    mail_line = regexes("mail_line") or (re.compile(r"(?!)"),)
    return SenderRules(
        title_chars=number("title_chars", 1500),
        signature_lines=number("signature_lines", 5),
        signature_max_words=number("signature_max_words", 10),
        confidence=scores,
        open_penalty=scores.pop("open_penalty", 0.15),
        title_before=regexes("title_before"),
        title_after=regexes("title_after"),
        opening_after=regexes("opening_after"),
        on_behalf_before=regexes("on_behalf_before"),
        signoff=regexes("signoff"),
        mail_header=mail_header[0],
        mail_line=mail_line[0],
        subject_after=regexes("subject_after"),
        subject_before=regexes("subject_before"),
        addressee=regexes("addressee"),
        address_line=regexes("address_line"),
        endings=tuple(e for e in words("organisation_endings")),
        not_names=frozenset(words("not_names")),
        titles=frozenset(t.casefold() for t in words("titles")),
        file_words=frozenset(words("file_words")),
        not_by_subject=tuple(w.casefold() for w in words("not_by_subject")),
    )


# --- candidates --------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One sender a rule found, with its evidence.

    `start` is the offset of `matched` in the document text (-1 for document
    metadata and the file name). `in_registry` is False for a sender found in
    no list; `parent` is the registry id of the organisation a branch belongs to.
    """

    name: str
    body_id: str
    body_type: str
    rule: str
    matched: str
    start: int
    confidence: float
    in_registry: bool = True
    parent: str = ""

    def evidence(self) -> str:
        """``opening: 'KL har den 28. februar 2023 modtaget' [97]``, the form files.csv shows."""
        where = f" [{self.start}]" if self.start >= 0 else ""
        return f"{self.rule}: {self.matched!r}{where}"


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass
class Detector:
    """Finds sender candidates in a text with one registry and one set of sender rules."""

    registry: Registry
    rules: SenderRules
    citizen_type: str = "borger"
    hearing: tuple[Organisation, ...] = ()  # the høringsliste: who the consultation was sent to
    _endings_lower: tuple[str, ...] = field(init=False)
    _endings_exact: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self._endings_lower = tuple(e.casefold() for e in self.rules.endings if e == e.casefold())
        self._endings_exact = tuple(e for e in self.rules.endings if e != e.casefold())

    # The public entry point.

    def detect(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        hints: Sequence[str] = (),
        filename: str = "",
    ) -> list[Candidate]:
        """Every sender candidate in ``text[start:end]``, its metadata hints and its file name, in the order of evidence."""
        end = len(text) if end is None else end
        lines = _lines(text, start, end)
        receiver = self._receiver_spans(lines)
        mentions = [m for m in self._names(text, start, end) if not _inside(m.start, receiver)]
        found: list[Candidate] = []
        found += self._titles(text, start, mentions)
        found += self._openings(text, mentions)
        found += self._on_behalf(text, mentions)
        found += self._signatures(text, lines, receiver)
        found += self._mail(lines)
        found += self._hints(hints)
        found += self._file_name(filename)
        found += self._subjects(text, mentions)
        if not any(c.rule != RULE_SUBJECT for c in found):
            found += self._citizen(text, lines, receiver)
        order = {rule: i for i, rule in enumerate(RULE_ORDER)}
        return sorted(found, key=lambda c: (order[c.rule], c.start))

    def find(
        self, text: str, start: int = 0, end: int | None = None, hints: Sequence[str] = (), filename: str = ""
    ) -> Candidate | None:
        """The sender of ``text[start:end]`` by the order of evidence, or None when no rule names one."""
        return choose(self.detect(text, start, end, hints, filename))

    # Names in the text: registry names, their branches, and names in no list.

    def _names(self, text: str, start: int, end: int) -> list[Mention]:
        known = self.registry.mentions(text, start, end)
        result: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for mention in known:
            result.append(self._branch(text, mention, end))
            taken.append((mention.start, result[-1].end))
        for run in self._runs(text, start, end):
            inside = [k for k, (a, b) in enumerate(taken) if a < run.end and run.start < b]
            # "Vestegnens Handicapråd": words before a registry name make another body; a name after it is a branch.
            if inside and not all(run.start < taken[k][0] and taken[k][1] <= run.end for k in inside):
                continue
            for k in sorted(inside, reverse=True):
                del result[k], taken[k]
            result.append(run)
            taken.append((run.start, run.end))
        return sorted(result, key=lambda m: m.start)

    def _branch(self, text: str, mention: Mention, end: int) -> Mention:
        """ "BUPL Århus": a registry name followed by capitalised words on its line is a branch of it."""
        pos, extra_end = mention.end, mention.end
        words = 0
        while words < 3:
            gap = _SPACE_GAP.match(text, pos, end)
            if gap is None:
                break
            token = _TOKEN.match(text, gap.end(), end)
            if token is None or not _capitalised(token.group()) or token.group() in self.rules.not_names:
                break
            after = text[token.end() : token.end() + 1]
            if after.isalpha() or self.registry.mentions(text, token.start(), token.end()):
                break
            pos = extra_end = token.end()
            words += 1
        if extra_end == mention.end:
            return mention
        branch = text[mention.start : extra_end]
        org = mention.org
        branch_org = Organisation(
            id=f"{org.id}-{slug(text[mention.end : extra_end])}",
            name=" ".join([org.name, *text[mention.end : extra_end].split()]),
            type=org.type,
            source=f"branch of {org.id}",
        )
        return Mention(branch_org, mention.start, extra_end, branch, branch)

    def _runs(self, text: str, start: int, end: int) -> Iterator[Mention]:
        """Capitalised runs with the shape of an organisation's name, in no list."""
        tokens = list(_TOKEN.finditer(text, start, end))
        i = 0
        while i < len(tokens):
            if not _capitalised(tokens[i].group()) or tokens[i].group() in self.rules.not_names:
                i += 1
                continue
            j = i
            last_capital = i
            while j + 1 < len(tokens) and _JOIN_GAP.fullmatch(text, tokens[j].end(), tokens[j + 1].start()):
                if "\n" in text[tokens[j].end() : tokens[j + 1].start()]:
                    break
                word = tokens[j + 1].group()
                if _capitalised(word) and word not in self.rules.not_names:
                    last_capital = j + 1
                elif word.casefold() not in _CONNECTORS:
                    break
                j += 1
                if j - i > 8:
                    break
            run = tokens[i : last_capital + 1]
            name_end = run[-1].end()
            name = text[run[0].start() : name_end]
            if not self.looks_like_organisation(name) and name.endswith("s"):  # "Integrationsrådets høringssvar"
                name, name_end = name[:-1], name_end - 1
            if self.looks_like_organisation(name):
                org = Organisation(id=slug(name), name=" ".join(name.split()), source="text")
                yield Mention(org, run[0].start(), name_end, name, name)
            i = last_capital + 1

    def looks_like_organisation(self, name: str) -> bool:
        """Whether a name found in no list may be a body: an organisation's word ending, or capitals."""
        words = _TOKEN.findall(name)
        if not words or words[0] in self.rules.not_names or words[-1] in self.rules.not_names:
            return False
        if len(words) == 1 and 2 <= len(words[0]) <= 8 and words[0].isupper() and not _roman(words[0]):
            return True
        for word in words:
            folded = word.casefold()
            for ending in self._endings_lower:
                if folded.endswith(ending) and (len(folded) > len(ending) + 2 or len(words) > 1):
                    return True
            if any(word.endswith(e) and (word != e or len(words) > 1) for e in self._endings_exact):
                return True
        return False

    # The rules.

    def _candidate(self, org: Organisation, rule: str, matched: str, start: int) -> Candidate:
        in_registry = org.id in self.registry.organisations
        parent = ""
        if org.source.startswith("branch of "):
            parent = org.source.removeprefix("branch of ")
        score = self.rules.confidence.get(rule, 0.5)
        if not in_registry:
            score = max(0.0, score - self.rules.open_penalty)
        return Candidate(
            name=org.name,
            body_id=org.id,
            body_type=org.type or UNKNOWN_BODY_TYPE,
            rule=rule,
            matched=" ".join(matched.split()),
            start=start,
            confidence=round(score, 2),
            in_registry=in_registry,
            parent=parent,
        )

    def _titles(self, text: str, start: int, mentions: Sequence[Mention]) -> Iterator[Candidate]:
        limit = start + self.rules.title_chars
        for m in mentions:
            if m.start > limit:
                break
            line_start = text.rfind("\n", 0, m.start) + 1
            before = text[line_start : m.start]
            after = text[m.end : text.find("\n", m.end) if "\n" in text[m.end :] else len(text)]
            if any(p.search(before) for p in self.rules.title_before) or (
                _sentence_start(before) and any(p.search(after) for p in self.rules.title_after)
            ):
                line_end = text.find("\n", m.end)
                line_end = min(line_end if line_end != -1 else len(text), m.end + 80)
                yield self._candidate(m.org, RULE_TITLE, text[max(line_start, m.start - 40) : line_end], m.start)

    def _openings(self, text: str, mentions: Sequence[Mention]) -> Iterator[Candidate]:
        for m in mentions:
            rest = _skip_parenthesis(text, m.end)
            window = text[rest : rest + 160]
            hit = next((h for p in self.rules.opening_after if (h := p.match(window))), None)
            if hit is not None and not _after_preposition(text[max(0, m.start - 30) : m.start]):
                yield self._candidate(m.org, RULE_OPENING, text[m.start : rest + hit.end()], m.start)

    def _on_behalf(self, text: str, mentions: Sequence[Mention]) -> Iterator[Candidate]:
        for m in mentions:
            before = text[max(0, m.start - 40) : m.start]
            if any(p.search(before) for p in self.rules.on_behalf_before):
                yield self._candidate(m.org, RULE_ON_BEHALF, before.lstrip() + m.text, m.start)

    def _signatures(
        self, text: str, lines: Sequence[_Line], receiver: Sequence[tuple[int, int]]
    ) -> Iterator[Candidate]:
        for i in range(len(lines) - 1, -1, -1):  # the last sign-off is the signature
            line = lines[i]
            signoff = next((m for p in self.rules.signoff if (m := p.match(line.text))), None)
            if signoff is None:
                continue
            block = [_Line(line.start + signoff.end(), line.end, line.text[signoff.end() :])]
            block += [ln for ln in lines[i + 1 : i + 1 + self.rules.signature_lines + 2] if ln.text.strip()][
                : self.rules.signature_lines
            ]
            for ln in block:
                if len(ln.text.split()) > self.rules.signature_max_words:
                    break
                org = self._organisation_line(text, ln)
                if org is not None:
                    yield self._candidate(org[0], RULE_SIGNATURE, ln.text.strip(), org[1])
                    return
            return

    def _organisation_line(self, text: str, line: _Line) -> tuple[Organisation, int] | None:
        """The organisation a signature line names: a registry name in it, or the whole line as a name."""
        names = self._names(text, line.start, line.end)
        known = [m for m in names if m.org.id in self.registry.organisations or m.org.source.startswith("branch")]
        if known:
            return known[0].org, known[0].start
        if names:
            return names[0].org, names[0].start
        return None

    def _mail(self, lines: Sequence[_Line]) -> Iterator[Candidate]:
        for line in lines:
            header = self.rules.mail_header.match(line.text)
            letterhead = self.rules.mail_line.match(line.text)
            if header is None and letterhead is None:
                continue
            value = (header or letterhead).group("value") if "value" in (header or letterhead).re.groupindex else ""
            value = value or line.text
            org = self._named_in(value)
            address = None
            if org is None:
                address = re.search(r"[\w.+-]+@[\w.-]+\w", value)
                org = self.registry.by_domain(address.group()) if address else None
            if org is not None:  # the evidence is the organisation or domain, never the person writing
                shown = org.name if address is None else "@" + address.group().rsplit("@", 1)[-1]
                yield self._candidate(org, RULE_MAIL, shown, line.start)

    def _named_in(self, value: str) -> Organisation | None:
        org = self.registry.lookup(re.sub(r"<[^>]*>|\S+@\S+", "", value))
        if org is not None:
            return org
        mentions = self.registry.mentions(value)
        if mentions:
            return mentions[0].org
        name = re.sub(r"<[^>]*>|\S+@\S+|[\"']", "", value).strip()
        if name and self.looks_like_organisation(name):
            return Organisation(id=slug(name), name=" ".join(name.split()), source="text")
        return None

    def _hints(self, hints: Sequence[str]) -> Iterator[Candidate]:
        for hint in hints:
            org = self._named_in(hint)
            if org is not None:  # the evidence is the organisation's name, not a whole author field
                yield self._candidate(org, RULE_FILE_METADATA, org.name, -1)
                return

    def _file_name(self, filename: str) -> Iterator[Candidate]:
        if not filename:
            return
        stem = Path(filename).stem
        found = self.registry.by_slug(stem)
        if len(found) == 1:
            yield self._candidate(found[0], RULE_FILE_NAME, Path(filename).name, -1)
            return
        if found:
            return  # two bodies in one file name ("ledergruppen-og-fagmed"): the text must tell
        words = [w for w in re.split(r"[^a-z0-9]+", slug(stem)) if w]
        if not words or any(ch.isdigit() for ch in stem) or any(w in self.rules.file_words for w in words):
            return
        name = " ".join(w.capitalize() for w in re.split(r"[-_ .]+", stem) if w)
        endings = tuple(slug(e) for e in self.rules.endings if e == e.casefold() and len(slug(e)) >= 4)
        if any(w.endswith(endings) and len(w) > 5 for w in words):
            org = Organisation(id=slug(name), name=name, source="file name")
            yield self._candidate(org, RULE_FILE_NAME, Path(filename).name, -1)

    def _subjects(self, text: str, mentions: Sequence[Mention]) -> Iterator[Candidate]:
        for m in mentions:
            if m.org.name.casefold().endswith(self.rules.not_by_subject):
                continue  # the ministry the response discusses, not its sender
            rest = _skip_parenthesis(text, m.end)
            window = text[rest : rest + 80]
            after = any(p.match(window) for p in self.rules.subject_after)
            before = text[max(0, m.start - 30) : m.start]
            if after or any(p.search(before) for p in self.rules.subject_before):
                line_end = text.find("\n", m.end)
                snippet = text[m.start : min(m.end + 60, line_end if line_end != -1 else len(text))]
                yield self._candidate(m.org, RULE_SUBJECT, snippet, m.start)

    def _citizen(self, text: str, lines: Sequence[_Line], receiver: Sequence[tuple[int, int]]) -> Iterator[Candidate]:
        """A sign-off followed by a person's name and no organisation: a private person."""
        for i in range(len(lines) - 1, -1, -1):
            signoff = next((m for p in self.rules.signoff if (m := p.match(lines[i].text))), None)
            if signoff is None:
                continue
            rest = lines[i].text[signoff.end() :].strip(" ,")
            block = [rest] if rest else []
            block += [ln.text.strip() for ln in lines[i + 1 : i + 4] if ln.text.strip()]
            if not block:
                return
            person = block[0]
            words = person.split()
            shaped = 2 <= len(words) <= 4 and all(
                _capitalised(w) or w.casefold() in {"von", "van", "de"} for w in words
            )
            titled = any(w.casefold().strip(",.") in self.rules.titles for line in block[1:] for w in line.split())
            if shaped and not titled and not self.looks_like_organisation(person):
                org = Organisation(id=slug(person), name=person, type=self.citizen_type, source="text")
                yield self._candidate(org, RULE_CITIZEN, person, text.find(person, lines[i].start))
            return

    # The receiver.

    def _receiver_spans(self, lines: Sequence[_Line]) -> list[tuple[int, int]]:
        """Lines that name the receiver: addressee lines with their address block, and a letter's top address."""
        spans: list[tuple[int, int]] = []
        for i, line in enumerate(lines):
            if any(p.match(line.text) for p in self.rules.addressee):
                j = i

                def address(k: int) -> bool:  # a short line of the receiver's name and address, not prose
                    return bool(lines[k].text.strip()) and len(lines[k].text.split()) <= 6

                while j + 1 < len(lines) and address(j + 1) and j - i < 5:
                    j += 1
                alone = not re.sub(r"[\W_]+", " ", line.text).strip().casefold().removeprefix("til").strip()
                if alone and j == i:  # "Til" / blank / the receiver's name and address
                    j = next((k for k in range(i + 1, min(len(lines), i + 4)) if lines[k].text.strip()), i)
                    while j + 1 < len(lines) and address(j + 1) and j - i < 6:
                        j += 1
                spans.append((line.start, lines[j].end))
        first = [k for k, ln in enumerate(lines[:12]) if ln.text.strip()]
        for k in first:
            if any(p.match(lines[k].text) for p in self.rules.address_line):
                top = first[0]
                block = [n for n in first if n <= k]
                if len(block) <= 6:
                    spans.append((lines[top].start, lines[k].end))
                break
        return spans


def choose(candidates: Sequence[Candidate]) -> Candidate | None:
    """The sender: the first rule's candidate; for the subject rule, the one named most often."""
    if not candidates:
        return None
    first = candidates[0]
    if first.rule != RULE_SUBJECT:
        return first
    subjects = [c for c in candidates if c.rule == RULE_SUBJECT]
    counts = Counter(c.body_id for c in subjects)
    best = max(counts.values())
    return next(c for c in subjects if counts[c.body_id] == best)


# --- loading -------------------------------------------------------------------------


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


# --- helpers --------------------------------------------------------------------------


def _lines(text: str, start: int, end: int) -> list[_Line]:
    result: list[_Line] = []
    pos = start
    for raw in text[start:end].split("\n"):
        result.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return result


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word)))


def _roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", word))


def _sentence_start(before: str) -> bool:
    """Whether a name stands where a sentence or line starts (a heading, a date line, a parenthesis aside)."""
    stripped = before.rstrip(" \t")
    return (
        not stripped
        or stripped.endswith(("\n", ".", "!", "?", ":", "”", '"'))
        or bool(re.search(r"(?:\s{2,}|\d)$", stripped))
    )


_PREPOSITIONS = frozenset(
    {"fra", "til", "af", "med", "hos", "for", "og", "end", "som", "ved", "mellem", "mod", "om", "på", "i", "at"}
)


def _after_preposition(before: str) -> bool:
    """Whether a name is the object of a preposition ("høringssvaret fra FH"), not a subject."""
    words = _TOKEN.findall(before[-30:])
    return bool(words) and words[-1].casefold() in _PREPOSITIONS and not before.rstrip(" \t").endswith("\n")


def _skip_parenthesis(text: str, pos: int) -> int:
    """After a name, skip its abbreviation in brackets: "Dansk Socialrådgiverforening (DS) takker"."""
    match = re.compile(r"\s*\([^()\n]{1,60}\)").match(text, pos)
    return match.end() if match else pos
