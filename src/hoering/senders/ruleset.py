"""The detection rules of senders.toml: its patterns and word lists read and checked, and the rules' names in the order of evidence."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RulesError

SENDERS_FILE = "senders.toml"

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
