"""Sender detection: every candidate the rules of senders.toml find in a text, and the choice among them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..models import UNKNOWN_BODY_TYPE
from .names import (
    _CONNECTORS,
    _JOIN_GAP,
    _SPACE_GAP,
    _TOKEN,
    _after_preposition,
    _capitalised,
    _roman,
    _sentence_start,
    _skip_parenthesis,
    slug,
)
from .registry import Mention, Organisation, Registry
from .ruleset import (
    RULE_CITIZEN,
    RULE_FILE_METADATA,
    RULE_FILE_NAME,
    RULE_MAIL,
    RULE_ON_BEHALF,
    RULE_OPENING,
    RULE_ORDER,
    RULE_SIGNATURE,
    RULE_SUBJECT,
    RULE_TITLE,
    SenderRules,
)


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


def _lines(text: str, start: int, end: int) -> list[_Line]:
    result: list[_Line] = []
    pos = start
    for raw in text[start:end].split("\n"):
        result.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return result


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
