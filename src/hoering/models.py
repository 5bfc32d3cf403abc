"""Frozen data types that flow from stage to stage, and the public column names."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

#: The score (0-100) a pair of positions needs to count as recurring in `hoering.diff`: the best F1 on the
#: tune half of devset/recurrence/pairs.csv (`make recurrence` measures it). Here, where the command line
#: can read it without importing the matching libraries.
DEFAULT_THRESHOLD = 27.0


class Stance(str, Enum):
    """The primary stance of a position (public vocabulary, see CODEBOOK.md)."""

    SUPPORT = "support"
    CONCERN = "concern"
    DEMAND = "demand"
    NEUTRAL = "neutral"


STANCES: tuple[Stance, ...] = tuple(Stance)
#: Stances that carry an opinion; the matrix views count these.
OPINION_STANCES: tuple[Stance, ...] = (Stance.SUPPORT, Stance.CONCERN, Stance.DEMAND)


class PersonalData(str, Enum):
    """Kinds of personal data taken out of the output; `[NAVN]` etc. replace them."""

    CPR = "CPR"
    NAME = "NAVN"
    EMAIL = "EMAIL"
    PHONE = "TLF"
    ADDRESS = "ADRESSE"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"


UNKNOWN_BODY = "ukendt afsender"
UNKNOWN_BODY_TYPE = "ukendt"


class FileStatus(str, Enum):
    """What became of one input file."""

    READ = "read"
    SKIPPED = "skipped"
    CONTROL = "control"  # a manifest or corrections file applied: files.csv lists it, no response


@dataclass(frozen=True)
class Metadata:
    """Who sent a response and in which consultation round."""

    body: str | None = None
    body_type: str | None = None
    round: str | None = None
    plan: str | None = None
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """One response file, decoded.

    `text` is the whole decoded file (for .docx, .pdf and the other non-text
    formats: the text extracted from it); every offset in the project indexes
    into it. `body_start` is where the response text starts (after a header).
    `hints` are sender names from the file format's own metadata (document
    author, e-mail organisation); `duplicate_of` names an earlier file with the
    same text and metadata; `notes` say what the file held that was not read
    (an e-mail's attachments).
    """

    doc_id: str
    path: Path
    text: str
    meta: Metadata
    body_start: int = 0
    format: str = "txt"
    encoding: str = ""
    hints: tuple[str, ...] = ()
    duplicate_of: str = ""
    notes: tuple[str, ...] = ()

    @property
    def format_label(self) -> str:
        """The format with the detected encoding, if any: ``txt (cp1252)``, ``docx``."""
        return f"{self.format} ({self.encoding})" if self.encoding else self.format


@dataclass(frozen=True)
class Attribution:
    """How the body of a section was found: its stable id, the rule, the text that named it.

    `body_id` is the registry's id, else the name as a slug; empty for an
    unknown body and, while redacting, for a private person (whose name the id
    would spell). `source` is the rule (``header or manifest``, ``markers``,
    ``opening line``, ``signature``, ..., ``unknown``); `evidence` the line or
    metadata value that named the body and `offset` where it stands in the
    document text (-1: metadata, a file name, a marker line); `confidence` how
    sure the rule is (0..1); `in_registry` False for a sender found in no list.
    """

    body_id: str = ""
    source: str = ""
    evidence: str = ""
    offset: int = -1
    confidence: float | None = None
    in_registry: bool | None = None

    def evidence_text(self) -> str:
        """``'KL har den 28. februar 2023 modtaget' [97]``, the form files.csv shows."""
        if not self.evidence:
            return ""
        return f"{self.evidence!r}" + (f" [{self.offset}]" if self.offset >= 0 else "")


@dataclass(frozen=True)
class Section:
    """A stretch of a document written by one body, and how that body was found (once, for every use)."""

    doc_id: str
    body: str
    body_type: str
    start: int
    end: int
    marker: str | None = None  # the text line that attributed it, if any
    found: Attribution = Attribution()

    @property
    def body_id(self) -> str:
        return self.found.body_id


@dataclass(frozen=True)
class Block:
    """A paragraph, bullet item or heading, with its cleaned text.

    `offsets[i]` is the index in the document text of `text[i]`, so any span of
    the cleaned text maps back to the source.
    """

    kind: str  # "heading" | "paragraph" | "bullet" | "letterhead"
    text: str
    offsets: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to a span of the document text."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)  # many thousands of these: no __dict__ each
class Token:
    """The part of a spaCy token later stages need, with source offsets."""

    text: str
    lower: str
    lemma: str
    start: int  # offset in the document text
    end: int


@dataclass(frozen=True, slots=True)  # many thousands of these: no __dict__ each
class Evidence:
    """A matched rule term or cue and where it stands in the source."""

    label: str  # theme id or stance
    term: str  # the rule pattern that matched
    matched: str  # the text it matched
    start: int
    end: int
    note: str = ""  # e.g. "negated", "fuzzy 92", "after contrast"

    def render(self) -> str:
        extra = f" ({self.note})" if self.note else ""
        return f"{self.matched} [{self.start}:{self.end}]{extra}"


@dataclass(frozen=True, slots=True)  # many thousands of these: no __dict__ each
class StanceCall:
    """The primary stance of a position, its score and the cues behind it."""

    stance: Stance
    score: float
    cues: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)  # many thousands of these: no __dict__ each
class Position:
    """One claim: a sentence, a bullet item or part of a contrasted sentence."""

    doc_id: str
    body: str
    body_type: str
    round: str
    plan: str
    section: str
    index: int  # 1-based, within the document
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = field(repr=False, default=())
    themes: tuple[Evidence, ...] = ()
    stance: StanceCall = StanceCall(Stance.NEUTRAL, 0.0)
    corrected: str = ""  # where a user's correction came from, e.g. "corrections.csv:4"
    # The body as its section was attributed (see `Attribution`): the key bodies are matched by across rounds.
    body_id: str = ""
    body_source: str = ""
    body_confidence: float | None = None

    @property
    def theme_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for hit in self.themes:
            seen.setdefault(hit.label, None)
        return tuple(seen)


@dataclass(frozen=True)
class FileReport:
    """Accounts for one input file: read or skipped, and why.

    `format` is the reader that read it (``txt (cp1252)``, ``docx``, ...);
    `body_source` says where its body came from (``header``, ``manifest``,
    ``opening line``, ``signature``, ``document metadata``, ``markers``,
    ``unknown``); `duplicate_of` names an earlier file with the same content.
    """

    path: str
    status: FileStatus
    reason: str = ""
    doc_id: str = ""
    bodies: tuple[str, ...] = ()
    positions: int = 0
    format: str = ""
    body_source: str = ""
    duplicate_of: str = ""
    redacted: tuple[tuple[PersonalData, int], ...] = ()  # what was taken out, by kind
    body_id: str = ""  # the stable id of the first section's body (registry id, else its name as a slug)
    body_evidence: str = ""  # the text that named it and its offset: ``'KL har den ... modtaget' [97]``
    body_confidence: float | None = None  # how sure the rule that found it is, 0..1
    in_registry: bool | None = None  # False: a sender found in no list (add it to organisations.csv)
    date: str = ""  # the response's date from its metadata, as written

    def redacted_text(self) -> str:
        """``CPR:1 NAVN:2``, the form files.csv shows."""
        return " ".join(f"{kind.value}:{count}" for kind, count in self.redacted)


@dataclass(frozen=True)
class DocumentResult:
    """What the analysis found in one document, before corrections: the unit the cache stores."""

    positions: tuple[Position, ...]
    redacted: tuple[tuple[PersonalData, int], ...] = ()  # what was taken out, by kind
    sections: tuple[Section, ...] = ()  # the document's sections as attributed, for its FileReport


# Column names, defined once.
COL_DOC = "doc"
COL_BODY = "body"
COL_BODY_TYPE = "body_type"
COL_BODY_ID = "body_id"
COL_BODY_SOURCE = "body_source"
COL_BODY_CONFIDENCE = "body_confidence"
COL_ROUND = "round"
COL_PLAN = "plan"
COL_SECTION = "section"
COL_POSITION = "position"
COL_START = "char_start"
COL_END = "char_end"
COL_TEXT = "text"
COL_THEMES = "themes"
COL_THEME_TERMS = "theme_terms"
COL_STANCE = "stance"
COL_STANCE_SCORE = "stance_score"
COL_STANCE_CUES = "stance_cues"
COL_CORRECTED = "corrected"
#: The themes as a list of ids, for a notebook (`.str.join`, `.explode`); never written to a file,
#: where `themes` holds the same ids joined by "|".
COL_THEME_LIST = "theme_list"
NOTEBOOK_COLUMNS: tuple[str, ...] = (COL_THEME_LIST,)
COL_THEME = "theme"
COL_COUNT = "count"

POSITION_COLUMNS: tuple[str, ...] = (
    COL_DOC,
    COL_BODY,
    COL_BODY_TYPE,
    COL_ROUND,
    COL_PLAN,
    COL_SECTION,
    COL_POSITION,
    COL_START,
    COL_END,
    COL_TEXT,
    COL_THEMES,
    COL_THEME_TERMS,
    COL_STANCE,
    COL_STANCE_SCORE,
    COL_STANCE_CUES,
    COL_CORRECTED,
    # Last, so that the columns before keep their places: how the body was found.
    COL_BODY_ID,
    COL_BODY_SOURCE,
    COL_BODY_CONFIDENCE,
)
MATRIX_COLUMNS: tuple[str, ...] = (COL_BODY, COL_BODY_TYPE, COL_THEME, COL_STANCE, COL_COUNT)
FILE_COLUMNS: tuple[str, ...] = (
    "path",
    "status",
    "reason",
    COL_DOC,
    "format",
    "bodies",
    COL_BODY_SOURCE,
    "positions",
    "duplicate_of",
    "redacted",
    COL_BODY_ID,
    "body_evidence",
    COL_BODY_CONFIDENCE,
    "in_registry",
)
