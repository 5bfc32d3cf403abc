"""The høringsnotat as data: what every format (Word, HTML, Markdown) shows, computed once.

A `Notat` follows the structure of a Danish høringsnotat: an Indledning (round,
plan, period, who answered, who answered without remarks, who on the
høringsliste did not answer), the Generelle bemærkninger, then one section per
theme, each with a resumé in plain sentences that names the bodies per stance
and counts their positions, the key quotes once each with their source, and an
empty field for the administration's comments. Given the plan and the links of
`hoering.plan_links`, a section per part of the plan the responses address,
built the same way, each quote with how it was linked to the part. Annexes
hold the body x theme matrix and the account of the run.

Resumés only count and name: they never say more than the positions do.
Identical or near-identical responses from different senders (campaigns) are
grouped and counted once. Citizens are counted together ("3 borgere").

Nothing here writes or prints; `word`, `notat_html` and `notat_markdown` turn
a `Notat` into a document.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from ..bodies import BodyResolver, normalise_name
from ..errors import UsageError
from ..models import OPINION_STANCES, FileStatus, Position, Stance
from ..plan import Plan
from ..plan_links import LinkHow, PlanLink
from ..result import Result
from ..selection import Selected
from .view import Cell

LANGUAGES = ("da", "en")

#: Quotes per section, before "... og N flere".
QUOTES_PER_SECTION = 6
#: Two responses whose texts are this similar (rapidfuzz ratio, 0-100) are one campaign.
CAMPAIGN_SIMILARITY = 90
#: Responses shorter than this (characters of position text) are never grouped:
#: "Ingen bemærkninger." from two bodies is no campaign.
CAMPAIGN_MIN_CHARS = 120


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    text = (resources.files("hoering") / "notat_strings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def notat_strings(lang: str) -> dict[str, str]:
    """The notat's words in `lang` ('da' or 'en').

    Raises:
        UsageError: the language is not one of LANGUAGES.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown report language '{lang}' (known: {', '.join(LANGUAGES)})")
    return _all_strings()[lang]


@dataclass(frozen=True)
class Counts(Cell):
    """Opinion counts of one row of the matrix on one theme: the dashboard's cell, written as the notat writes it."""

    def text(self) -> str:
        """``1 · 0 · 4``, or ``·`` for an empty cell."""
        return " · ".join(str(self.of(s)) for s in OPINION_STANCES) if self.total else "·"


@dataclass(frozen=True)
class Quote:
    """A position quoted word for word, with who said it and where it stands."""

    text: str
    who: str
    round: str
    stance: Stance
    doc_id: str
    start: int
    end: int
    file_no: int  # the file's row in the run annex, for links
    link: str = ""  # in a section of a part of the plan: how the position was linked to it

    @property
    def source(self) -> str:
        """``doc [start:end]``: the file and the offsets of positions.csv."""
        return f"{self.doc_id} [{self.start}:{self.end}]"


@dataclass(frozen=True)
class Section:
    """One section of bemærkninger: a theme, a part of the plan, or the general remarks.

    Attributes:
        key: anchor id ('general', 'theme-<id>' or 'plan-<part id>').
        number: the section number as printed ('2', '3.1', '4.1', ...).
        title: the heading.
        theme: the theme id, or '' for the general remarks and the parts of the plan.
        resume: plain sentences: the opening count, then one per stance.
        quotes: the key quotes, each shown in one section only.
        more: opinion positions of the section not quoted here.
        elsewhere: positions of the section quoted under another theme (or part of the plan).
    """

    key: str
    number: str
    title: str
    theme: str
    resume: tuple[str, ...]
    quotes: tuple[Quote, ...]
    more: int = 0
    elsewhere: int = 0

    @property
    def elsewhere_key(self) -> str:
        """The string that says how many are quoted elsewhere: under another theme, or another part of the plan."""
        return "quotes_elsewhere_plan" if self.key.startswith("plan-") else "quotes_elsewhere"


@dataclass(frozen=True)
class Campaign:
    """Responses with the same (or nearly the same) text from different senders."""

    label: str  # "12 enslydende svar fra borgere"
    docs: tuple[str, ...]  # the first is the one counted and quoted
    bodies: tuple[str, ...]


@dataclass(frozen=True)
class MatrixRow:
    label: str
    cells: tuple[Counts, ...]
    total: Counts


@dataclass(frozen=True)
class Matrix:
    """Bodies (rows) x themes (columns), citizens together and campaigns once."""

    themes: tuple[str, ...]  # theme ids, in column order
    labels: tuple[str, ...]  # their labels
    rows: tuple[MatrixRow, ...]
    total: MatrixRow


@dataclass(frozen=True)
class FileRow:
    no: int
    path: str
    status: str
    reason: str
    bodies: str
    positions: int


@dataclass(frozen=True)
class Notat:
    """Everything a høringsnotat shows, in order, as plain text (writers escape it)."""

    lang: str
    strings: dict[str, str] = field(repr=False)
    date: str
    title: str
    subtitle: str
    draft_note: str
    redaction: bool
    intro: tuple[str, ...]  # paragraphs before the list of senders
    senders: tuple[str, ...]  # who answered
    intro_after: tuple[str, ...]  # paragraphs after the list
    general: Section
    themes: tuple[Section, ...]
    untouched: str  # a sentence naming the themes nobody touched, or ''
    matrix: Matrix
    campaigns: tuple[Campaign, ...]
    run_facts: tuple[tuple[str, str], ...]
    files: tuple[FileRow, ...]  # the notat's responses, and the files skipped or without positions
    files_left_out: int = 0  # responses of other rounds (or outside the filters), not listed
    plan_intro: str = ""  # given a plan: the paragraph opening section 4; '' without a plan (and no section 4)
    plan_parts: tuple[Section, ...] = ()  # a section per part of the plan the responses address
    plan_untouched: str = ""  # a sentence naming the parts no response addresses, or ''

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.general, *self.themes, *self.plan_parts)

    def s(self, key: str, **values: object) -> str:
        return self.strings[key].format(**values) if values else self.strings[key]


# --- building -------------------------------------------------------------------


class _Voices:
    """Who speaks in a position: a named body, a citizen, or a campaign counted once."""

    def __init__(self, result: Result, campaigns: Sequence[Campaign]) -> None:
        self.citizen_type = result.rules.redaction.citizen_type
        self.campaign_of: dict[str, int] = {}
        self.repeats: set[str] = set()
        for i, group in enumerate(campaigns):
            for doc in group.docs:
                self.campaign_of[doc] = i
            self.repeats.update(group.docs[1:])
        self.campaigns = campaigns

    def counted(self, p: Position) -> bool:
        """False for the copies of a campaign response: only its first is counted."""
        return p.doc_id not in self.repeats

    def key(self, p: Position) -> tuple[int, str]:
        if p.doc_id in self.campaign_of:
            return 2, str(self.campaign_of[p.doc_id])
        if p.body_type == self.citizen_type:
            return 1, p.body
        return 0, p.body

    def label(self, p: Position) -> str:
        kind, name = self.key(p)
        return self.campaigns[int(name)].label if kind == 2 else name


def _join(names: Sequence[str], s: dict[str, str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {s['and']} {names[-1]}"


def _count(n: int, key: str, s: dict[str, str]) -> str:
    return s[f"{key}_one"] if n == 1 else s[f"{key}_many"].format(n=n)


def _who(keys: set[tuple[int, str]] | Counter, voices: _Voices, s: dict[str, str]) -> str:
    """Named bodies by name, then the citizens as a number, then the campaigns.

    Given a Counter of positions per voice and more than one named body, each
    named body gets its count: "FagMED (2) og Sektor MED (6)".
    """
    counts = keys if isinstance(keys, Counter) else Counter()
    named = sorted((name for kind, name in keys if kind == 0), key=str.casefold)
    if len(keys) > 1 and any(counts[0, name] > 1 for name in named):
        named = [f"{name} ({counts[0, name]})" for name in named]
    citizens = sum(1 for kind, _ in keys if kind == 1)
    groups = [voices.campaigns[int(name)].label for kind, name in sorted(keys) if kind == 2]
    parts = named + ([_count(citizens, "citizens", s)] if citizens else []) + groups
    return _join(parts, s)


def _resume(items: Sequence[Position], voices: _Voices, s: dict[str, str], opening_key: str) -> tuple[str, ...]:
    counted = [p for p in items if voices.counted(p)]
    opinions = [p for p in counted if p.stance.stance in OPINION_STANCES]
    if not counted:
        return ()
    senders = {voices.key(p) for p in opinions or counted}
    if not opinions and f"{opening_key}_neutral" in s:  # a part of the plan only described, not judged
        return (
            s[f"{opening_key}_neutral"].format(
                senders=_who(senders, voices, s) if len(senders) <= 3 else _count(len(senders), "senders", s),
                positions=_count(len(counted), "positions", s),
            ),
        )
    sentences = [
        s[opening_key].format(
            senders=_who(senders, voices, s) if len(senders) <= 3 else _count(len(senders), "senders", s),
            positions=_count(len(opinions), "positions", s),
        )
    ]
    for stance in OPINION_STANCES:
        mine = [p for p in opinions if p.stance.stance is stance]
        if mine:
            sentences.append(
                s[f"resume_{stance.value}"].format(
                    who=_who(Counter(voices.key(p) for p in mine), voices, s), count=_count(len(mine), "positions", s)
                )
            )
    neutral = len(counted) - len(opinions)
    if neutral:
        sentences.append(s["resume_neutral"].format(count=_count(neutral, "positions", s)))
    return tuple(sentences)


def _pick_quotes(candidates: Sequence[Position], cap: int) -> list[Position]:
    """Up to `cap` positions, taking turns between the stances, strongest cue first within each."""
    by_stance = {
        st: sorted((p for p in candidates if p.stance.stance is st), key=lambda p: -p.stance.score)
        for st in OPINION_STANCES
    }
    picked: list[Position] = []
    while len(picked) < cap and any(by_stance.values()):
        for st in OPINION_STANCES:
            if by_stance[st] and len(picked) < cap:
                picked.append(by_stance[st].pop(0))
    order = {id(p): i for i, p in enumerate(candidates)}
    stance_order = {st: i for i, st in enumerate(OPINION_STANCES)}
    return sorted(picked, key=lambda p: (stance_order[p.stance.stance], order[id(p)]))


def find_campaigns(
    items: Sequence[Position],
    s: dict[str, str],
    citizen_type: str,
    similarity: float = CAMPAIGN_SIMILARITY,
    min_chars: int = CAMPAIGN_MIN_CHARS,
) -> tuple[Campaign, ...]:
    """Group responses whose texts are identical or nearly so (rapidfuzz ratio >= `similarity`).

    A response's text is its positions' texts, case and spacing folded. Groups
    of two or more, in the order of their first response.
    """
    texts: dict[str, list[str]] = {}
    bodies: dict[str, dict[str, str]] = {}
    for p in items:
        texts.setdefault(p.doc_id, []).append(p.text)
        bodies.setdefault(p.doc_id, {}).setdefault(p.body, p.body_type)
    folded = {doc: " ".join(" ".join(parts).casefold().split()) for doc, parts in texts.items()}
    groups: list[list[str]] = []
    for doc, text in folded.items():
        if len(text) < min_chars:
            continue
        for group in groups:
            first = folded[group[0]]
            if 2 * min(len(first), len(text)) / (len(first) + len(text)) * 100 < similarity:
                continue  # lengths too far apart for the ratio to reach the threshold
            if first == text or fuzz.ratio(first, text, score_cutoff=similarity):
                group.append(doc)
                break
        else:
            groups.append([doc])
    found = []
    for group in groups:
        if len(group) < 2:
            continue
        names = tuple(dict.fromkeys(b for doc in group for b in bodies[doc]))
        types = {t for doc in group for t in bodies[doc].values()}
        if types == {citizen_type}:
            who = s["citizens_plural"]
        elif len(names) > 3:
            who = _join([*names[:2], s["others"].format(n=len(names) - 2)], s)
        else:
            who = _join(names, s)
        found.append(Campaign(s["intro_campaign"].format(n=len(group), who=who), tuple(group), names))
    return tuple(found)


def build_notat(
    selected: Selected,
    lang: str = "da",
    date: dt.date | None = None,
    consulted: Sequence[str] | None = None,
    quotes_per_section: int = QUOTES_PER_SECTION,
    campaign_similarity: float = CAMPAIGN_SIMILARITY,
    run_facts: Sequence[tuple[str, str]] = (),
    plan: Plan | None = None,
    plan_links: Sequence[PlanLink] = (),
) -> Notat:
    """The høringsnotat of a selection.

    Args:
        selected: the result narrowed to a round (see `hoering.selection.select`).
        lang: 'da' (default) or 'en'.
        date: the date the notat names (default today).
        consulted: the høringsliste: the bodies the plan was sent to. Those among
            them without a response are named in the Indledning. None: no list.
        quotes_per_section: quotes shown per section; the rest are counted.
        campaign_similarity: how alike (0-100) two responses must be to count as one campaign.
        run_facts: (label, value) pairs for the run annex.
        plan: the plan document (`hoering.plan.read_plan`): adds section 4, a
            subsection per part of it the positions address. None: no section 4.
        plan_links: the selection's positions linked to the parts of `plan`
            (`hoering.plan_links.link_positions`).
    """
    s = notat_strings(lang)
    result = selected.result
    day = (date or dt.date.today()).isoformat()
    labels = {t.id: (t.label_da if lang == "da" else t.label_en) for t in result.rules.codebook.themes}
    campaigns = find_campaigns(result.items, s, result.rules.redaction.citizen_type, campaign_similarity)
    voices = _Voices(result, campaigns)
    file_no = {f.doc_id: i for i, f in enumerate(result.files, start=1) if f.doc_id}
    in_notat = set(selected.docs)

    def quote(p: Position, link: str = "") -> Quote:
        return Quote(
            p.text, voices.label(p), p.round, p.stance.stance, p.doc_id, p.start, p.end, file_no.get(p.doc_id, 0), link
        )

    quoted: set[int] = set()

    def section(
        key: str,
        number: str,
        title: str,
        theme: str,
        items: list[Position],
        opening: str,
        home: Callable[[Position], bool] | None = None,
        shown: set[int] = quoted,
        how: Callable[[Position], str] = lambda p: "",
    ) -> Section:
        """`home`: whether a position is quoted here rather than in another section (default: its first theme)."""
        at_home = home or (lambda p: not theme or p.theme_ids[0] == theme)
        counted = [p for p in items if voices.counted(p)]
        opinions = [p for p in counted if p.stance.stance in OPINION_STANCES]
        primary = [p for p in opinions if id(p) not in shown and at_home(p)]
        picked = _pick_quotes(primary, quotes_per_section)
        shown.update(id(p) for p in picked)
        elsewhere = sum(1 for p in opinions if not at_home(p))
        return Section(
            key,
            number,
            title,
            theme,
            _resume(items, voices, s, opening),
            tuple(quote(p, how(p)) for p in picked),
            more=len(primary) - len(picked),
            elsewhere=elsewhere,
        )

    wanted = selected.themes or result.rules.codebook.ids
    by_theme: dict[str, list[Position]] = {t: [] for t in wanted}
    for p in result.items:
        for t in p.theme_ids:
            if t in by_theme:
                by_theme[t].append(p)
    touched = [t for t in wanted if any(p.stance.stance in OPINION_STANCES for p in by_theme[t])]
    untouched = [labels.get(t, t) for t in wanted if not by_theme[t]]
    general_items = [p for p in result.items if not p.themes and p.stance.stance in OPINION_STANCES]
    general = section("general", "2", s["general"], "", general_items, "section_opening_general")
    themes = tuple(
        section(f"theme-{t}", f"3.{i}", labels.get(t, t), t, by_theme[t], "section_opening")
        for i, t in enumerate(touched, start=1)
    )
    intro, senders, after = _intro(selected, s, labels, voices, campaigns, consulted, plan is not None)
    plan_parts: tuple[Section, ...] = ()
    plan_untouched = ""
    if plan is not None:
        by_part, home = _positions_by_part(plan, plan_links, result.items)
        shown: set[int] = set()  # the parts quote apart from the themes: each quote once among the parts
        built = []
        for part in (p for p in plan.parts if by_part[p.id]):
            link_of = {id(p): link for p, link in by_part[part.id]}
            built.append(
                section(
                    f"plan-{part.id}",
                    f"4.{len(built) + 1}",
                    f"{part.title} ({part.id})",
                    "",
                    [p for p, _ in by_part[part.id]],
                    "section_opening_plan",
                    home=lambda p, part_id=part.id: home[id(p)] == part_id,
                    shown=shown,
                    how=lambda p, link_of=link_of: _how(link_of[id(p)], s),
                )
            )
        plan_parts = tuple(built)
        untouched_parts = _untouched_parts(plan, by_part)
        if untouched_parts:
            plan_untouched = s["plan_untouched"].format(parts=_join(untouched_parts, s))
    return Notat(
        lang=lang,
        strings=s,
        date=day,
        title=s["title"],
        subtitle=s["subtitle"],
        draft_note=s["draft_note"].format(date=day),
        redaction=result.redaction,
        intro=intro,
        senders=senders,
        intro_after=after,
        general=general,
        themes=themes,
        untouched=s["themes_untouched"].format(themes=", ".join(untouched)) if untouched else "",
        matrix=_matrix(result, touched, labels, voices, s),
        campaigns=campaigns,
        run_facts=tuple(run_facts),
        files=tuple(
            FileRow(
                i,
                f.path,
                s["status_read"] if f.status is FileStatus.READ else s["status_skipped"],
                f.reason,
                ", ".join(f.bodies),
                f.positions,
            )
            for i, f in enumerate(result.files, start=1)
            if f.doc_id in in_notat or not f.positions
        ),
        files_left_out=sum(1 for f in result.files if f.positions and f.doc_id not in in_notat),
        plan_intro=s["plan_intro"].format(plan=plan.title) if plan is not None else "",
        plan_parts=plan_parts,
        plan_untouched=plan_untouched,
    )


PartPositions = dict[str, list[tuple[Position, PlanLink]]]


def _positions_by_part(
    plan: Plan, links: Sequence[PlanLink], items: Sequence[Position]
) -> tuple[PartPositions, dict[int, str]]:
    """Per part id, the positions linked to it with their links, in the order of `items`; and each one's home.

    A position's home is the part of its first link (the links of a position
    come strongest first): it is quoted there and counted as quoted elsewhere
    in its other parts.
    """
    position_of = {(p.doc_id, p.index): p for p in items}
    order = {id(p): i for i, p in enumerate(items)}
    grouped: PartPositions = {part.id: [] for part in plan.parts}
    home: dict[int, str] = {}
    seen: set[tuple[str, int, str]] = set()
    for link in links:
        p = position_of.get((link.doc_id, link.index))
        key = (link.doc_id, link.index, link.section)
        if p is None or link.section not in grouped or key in seen:
            continue
        seen.add(key)
        grouped[link.section].append((p, link))
        home.setdefault(id(p), link.section)
    for found in grouped.values():
        found.sort(key=lambda pl: order[id(pl[0])])
    return grouped, home


def _untouched_parts(plan: Plan, by_part: PartPositions) -> list[str]:
    """The parts no position addresses, neither the part itself nor a part within it."""
    addressed = {part_id for part_id, found in by_part.items() if found}
    parent = {p.id: p.parent for p in plan.parts}
    for part_id in list(addressed):
        up = parent.get(part_id, "")
        while up and up not in addressed:
            addressed.add(up)
            up = parent.get(up, "")
    return [f"{p.title} ({p.id})" for p in plan.parts if p.id not in addressed]


def _how(link: PlanLink, s: dict[str, str]) -> str:
    """How a position was linked to the part: "eksplicit henvisning: Forslag 4 [1450:1459]", "lighed, styrke 42"."""
    return s[f"plan_how_{LinkHow(link.how).value}"].format(evidence=link.evidence, strength=f"{link.strength:.0f}")


def _intro(
    selected: Selected,
    s: dict[str, str],
    labels: dict[str, str],
    voices: _Voices,
    campaigns: Sequence[Campaign],
    consulted: Sequence[str] | None,
    with_plan: bool = False,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    result = selected.result
    first: list[str] = []
    if selected.latest and len(selected.rounds) == 1:
        first.append(s["intro_round_latest"].format(round=selected.rounds[0], rounds=", ".join(selected.all_rounds)))
    elif len(selected.rounds) == 1 or (not selected.rounds and len(selected.all_rounds) == 1):
        first.append(s["intro_round"].format(round=(selected.rounds or selected.all_rounds)[0]))
    elif selected.rounds or selected.all_rounds:
        first.append(s["intro_rounds"].format(rounds=_join(selected.rounds or selected.all_rounds, s)))
    else:
        first.append(s["intro_no_round"])
    if len(selected.plans) == 1:
        first.append(s["intro_plan"].format(plan=selected.plans[0]))
    elif selected.plans:
        first.append(s["intro_plans"].format(plans="; ".join(selected.plans)))
    docs = set(selected.docs)
    dates = sorted({f.date for f in result.files if f.doc_id in docs and f.date})
    if len(dates) == 1:
        first.append(s["intro_period_one"].format(first=dates[0]))
    elif dates:
        first.append(s["intro_period"].format(first=dates[0], last=dates[-1]))
    limits = []
    bodies_given = {p.body for p in result.items}
    if selected.bodies:
        limits.append(s["intro_filter_bodies"].format(bodies=_join(selected.bodies, s)))
    if selected.themes:
        limits.append(s["intro_filter_themes"].format(themes=_join([labels[t] for t in selected.themes], s)))
    if limits:
        first.append(s["intro_filter"].format(what=_join(limits, s)))
    counted = [p for p in result.items if voices.counted(p)]
    keys = {voices.key(p) for p in counted}
    first.append(
        s["intro_received"].format(
            responses=_count(len(docs), "responses", s), senders=_count(len(bodies_given), "senders", s)
        )
    )
    named = sorted((name for kind, name in keys if kind == 0), key=str.casefold)
    citizens = sum(1 for kind, _ in keys if kind == 1)
    senders = [*named, *([_count(citizens, "citizens", s)] if citizens else []), *(c.label for c in campaigns)]
    after: list[str] = []
    if campaigns:
        after.append(s["intro_campaigns"].format(campaigns=_join([c.label for c in campaigns], s)))
    opinion_bodies = {p.body for p in counted if p.stance.stance in OPINION_STANCES}
    silent = [b for b in named if b not in opinion_bodies]
    if silent:
        after.append(s["intro_without_remarks"].format(bodies=_join(silent, s)))
    if consulted is not None:
        resolver = BodyResolver(result.rules.bodies)
        answered = {normalise_name(b) for b in bodies_given}
        missing = [name for name in consulted if normalise_name(resolver.resolve(name)[0]) not in answered]
        missing = list(dict.fromkeys(missing))
        after.append(s["intro_not_answered"].format(bodies=_join(missing, s)) if missing else s["intro_all_answered"])
    after.append(s["intro_structure_plan"] if with_plan else s["intro_structure"])
    return tuple(first), tuple(senders), tuple(after)


def _matrix(
    result: Result, themes: Sequence[str], labels: dict[str, str], voices: _Voices, s: dict[str, str]
) -> Matrix:
    rows: dict[tuple[int, str], Counter] = {}
    citizens: set[str] = set()
    for p in result.items:
        if not voices.counted(p) or p.stance.stance not in OPINION_STANCES:
            continue
        kind, name = voices.key(p)
        row = (1, "") if kind == 1 else (kind, name)
        if kind == 1:
            citizens.add(p.body)
        tally = rows.setdefault(row, Counter())
        for t in p.theme_ids:
            tally[t, p.stance.stance] += 1

    def counts(tally: Counter, theme: str) -> Counts:
        return Counts(*(tally[theme, st] for st in OPINION_STANCES))

    def label(row: tuple[int, str]) -> str:
        kind, name = row
        if kind == 1:
            return _count(len(citizens), "citizens", s)
        return voices.campaigns[int(name)].label if kind == 2 else name

    order = sorted(rows, key=lambda r: (r[0], r[1].casefold() if r[0] == 0 else r[1]))
    built = []
    all_tally: Counter = Counter()
    for row in order:
        tally = rows[row]
        all_tally.update(tally)
        cells = tuple(counts(tally, t) for t in themes)
        built.append(MatrixRow(label(row), cells, _sum(cells)))
    total_cells = tuple(counts(all_tally, t) for t in themes)
    return Matrix(
        tuple(themes),
        tuple(labels.get(t, t) for t in themes),
        tuple(built),
        MatrixRow(s["matrix_total"], total_cells, _sum(total_cells)),
    )


def _sum(cells: Sequence[Counts]) -> Counts:
    return Counts(*(sum(c.of(st) for c in cells) for st in OPINION_STANCES))


_SAFE_ID = re.compile(r"[^a-z0-9_-]+")


def anchor(key: str) -> str:
    """An id safe in HTML and as a Word bookmark name."""
    return _SAFE_ID.sub("-", key.casefold()).strip("-") or "x"
