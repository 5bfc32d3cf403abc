"""Measure the analysis against a hand-made gold standard.

The gold file (CSV) has one row per gold position: ``doc``, ``char_start``,
``char_end``, ``text``, ``themes`` (ids, ``|``-separated) and ``stance``. The
offsets may be left empty when ``text`` is an exact quote of the document; they
are then found. An optional ``split`` column names the part of the gold a row
belongs to (``tune``, ``test``): `select_split` keeps one part, so rules are
tuned on one half and measured on the other. Only the documents the gold
names are scored: a corpus folder may hold other files (a development set
beside the sample responses) without counting against the tool. Predicted and gold positions are aligned by character overlap,
so a gold position that the segmenter split or merged differently is still
compared; how often segmentation differs is reported as a figure of its own.

Two baselines run on the same alignment: themes by lower-case substring search
of each theme's label words, stance by AFINN (see `afinn_baseline`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import tally
from .corpus import read_corpus
from .errors import HoeringError
from .fs import read_control_csv
from .labels import stance_of, theme_ids_of, theme_names
from .models import STANCES, Document, Position, Stance
from .result import Result
from .rules import Codebook

GOLD_COLUMNS = ("doc", "char_start", "char_end", "text", "themes", "stance")
TOOL = "hoering"
THEME_BASELINE = "substring"
STANCE_BASELINE = "afinn"
# The stance baseline's demand words, as the baseline is defined (not tuned).
_BASELINE_DEMAND = re.compile(r"\b(?:bør|skal|behov for)\b", re.IGNORECASE)
_MIN_LABEL_WORD = 4  # label words shorter than this ("og", "til") are not searched
_SAME_SPAN_SLACK = 2  # characters two spans may differ by and still count as the same cut


class GoldError(HoeringError):
    """The gold file cannot be read or does not fit the corpus."""


@dataclass(frozen=True)
class GoldPosition:
    line: int
    doc: str
    start: int
    end: int
    themes: frozenset[str]
    stance: Stance
    split: str = ""  # the gold's part this row belongs to ("tune", "test"), or empty
    text: str = ""  # the document's text at the span, as the annotator quoted it


@dataclass(frozen=True)
class Unit:
    """A gold position with what a system predicted for it; or a predicted position no gold covers."""

    doc: str
    body: str
    gold_themes: frozenset[str]
    gold_stance: Stance | None  # None: no gold position here (a spurious prediction)
    themes: Mapping[str, frozenset[str]]  # system -> predicted themes
    stances: Mapping[str, Stance]  # system -> predicted stance
    gold: GoldPosition | None = None  # the gold row (None: a spurious prediction)
    cut: str = ""  # how the tool cut it: same, split, merged, shifted, missed, spurious
    lead: Position | None = None  # the prediction its stance came from (the spurious one itself)


@dataclass(frozen=True)
class Scores:
    """Figures for one system."""

    themes: pd.DataFrame  # theme, precision, recall, f1, gold, predicted
    theme_micro_f1: float
    theme_macro_f1: float
    stance_accuracy: float
    stances: pd.DataFrame  # stance, precision, recall, f1, gold
    confusion: pd.DataFrame  # gold stance rows x predicted stance columns
    cell_agreement: float  # body x theme x stance cells with the same count, of those non-zero in either
    cell_presence: float  # Jaccard of the non-zero cells


@dataclass(frozen=True)
class Segmentation:
    gold: int
    predicted: int
    same: int  # gold positions cut exactly as predicted
    split: int  # gold positions the tool cut into several
    merged: int  # gold positions sharing one predicted position with another
    shifted: int  # gold positions matched one to one, but with other boundaries
    missed: int  # gold positions no prediction overlaps
    spurious: int  # predicted positions no gold position overlaps

    @property
    def agreement(self) -> float:
        return self.same / self.gold if self.gold else 0.0


@dataclass(frozen=True)
class Evaluation:
    segmentation: Segmentation
    systems: Mapping[str, Scores]  # "hoering", "substring", "afinn"
    stance_models: Mapping[str, str | None] = field(default_factory=dict)  # system -> what decides its stance
    units: tuple[Unit, ...] = ()  # every gold position and spurious prediction, as scored

    def stance_model(self, system: str) -> str | None:
        """The name of the model that decided a system's stances (None: the system predicts no stance)."""
        return self.stance_models.get(system)

    def summary(self) -> dict[str, object]:
        """The headline figures, by system, for JSON and the README."""
        seg = self.segmentation
        return {
            "segmentation": {
                "gold": seg.gold,
                "predicted": seg.predicted,
                "same": seg.same,
                "split": seg.split,
                "merged": seg.merged,
                "shifted": seg.shifted,
                "missed": seg.missed,
                "spurious": seg.spurious,
                "agreement": round(seg.agreement, 3),
            },
            "systems": {
                name: {
                    "theme_micro_f1": round(s.theme_micro_f1, 3),
                    "theme_macro_f1": round(s.theme_macro_f1, 3),
                    "stance_accuracy": round(s.stance_accuracy, 3),
                    "cell_agreement": round(s.cell_agreement, 3),
                    "cell_presence": round(s.cell_presence, 3),
                    "stance_model": self.stance_model(name),
                }
                for name, s in self.systems.items()
            },
        }


def read_gold(path: str | Path, documents: Mapping[str, str], theme_ids: Iterable[str]) -> list[GoldPosition]:
    """Read and check a gold file against the documents it annotates.

    Raises:
        GoldError: the file is missing or a row is malformed, names an unknown
            document, theme or stance, or its span does not fit its text.
    """
    path = Path(path)
    control = read_control_csv(path, "gold file", GoldError)
    missing = [c for c in ("doc", "themes", "stance") if c not in control.columns]
    if missing:
        raise GoldError(
            f"{path}:1: gold file needs the columns {', '.join(GOLD_COLUMNS)} (missing: {', '.join(missing)})"
        )
    known = theme_names(theme_ids)
    gold: list[GoldPosition] = []
    for line, row in control.rows():
        gold.append(_gold_row(path, line, row, documents, known))
    return gold


def _gold_row(
    path: Path, line: int, row: dict[str, str], documents: Mapping[str, str], known: dict[str, str]
) -> GoldPosition:
    where = f"{path}:{line}"
    doc = (row.get("doc") or "").strip()
    if doc not in documents:
        raise GoldError(f"{where}: document '{doc}' is not in the corpus")
    source = documents[doc]
    quote = row.get("text") or ""
    start, end = _span(where, row, source, quote)
    themes, unknown = theme_ids_of(row.get("themes") or "", known)
    if unknown:
        raise GoldError(f"{where}: unknown theme '{unknown[0]}'")
    try:
        stance = stance_of((row.get("stance") or "").strip())
    except ValueError as exc:
        raise GoldError(f"{where}: {exc}") from None
    return GoldPosition(line, doc, start, end, themes, stance, (row.get("split") or "").strip(), source[start:end])


def select_split(gold: Sequence[GoldPosition], split: str | None, path: str | Path = "gold") -> list[GoldPosition]:
    """The gold rows of one split (all rows for None).

    Raises:
        GoldError: no row carries that split.
    """
    if split is None:
        return list(gold)
    chosen = [g for g in gold if g.split == split]
    if not chosen:
        known = sorted({g.split for g in gold if g.split})
        listed = f"splits in the file: {', '.join(known)}" if known else "the file has no split column"
        raise GoldError(f"{path}: no gold rows in split '{split}' ({listed})")
    return chosen


def _span(where: str, row: dict[str, str], source: str, quote: str) -> tuple[int, int]:
    raw_start, raw_end = (row.get("char_start") or "").strip(), (row.get("char_end") or "").strip()
    if raw_start and raw_end:
        try:
            start, end = int(raw_start), int(raw_end)
        except ValueError:
            raise GoldError(f"{where}: char_start and char_end must be whole numbers") from None
        if not 0 <= start < end <= len(source):
            raise GoldError(f"{where}: span {start}:{end} is outside the document ({len(source)} characters)")
        if quote and source[start:end] != quote:
            raise GoldError(f"{where}: text does not match the document at {start}:{end}")
        return start, end
    if not quote:
        raise GoldError(f"{where}: give char_start and char_end, or the exact text")
    start = source.find(quote)
    if start == -1:
        raise GoldError(f"{where}: text not found in the document")
    return start, start + len(quote)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def evaluate(
    result: Result,
    gold: Sequence[GoldPosition],
    theme_baseline: Callable[[str], frozenset[str]] | None = None,
    stance_baseline: Callable[[str], Stance] | None = None,
) -> Evaluation:
    """Align the result's positions with the gold positions and score every system.

    Positions in documents the gold does not name are left out."""
    codebook = result.rules.codebook
    theme_baseline = theme_baseline or substring_baseline(codebook)
    stance_baseline = stance_baseline or afinn_baseline()
    systems = {
        TOOL: (lambda p: frozenset(p.theme_ids), lambda p: p.stance.stance),
        THEME_BASELINE: (lambda p: theme_baseline(p.text), lambda p: Stance.NEUTRAL),
        STANCE_BASELINE: (lambda p: frozenset(), lambda p: stance_baseline(p.text)),
    }
    scored = {g.doc for g in gold}
    units, segmentation = align([p for p in result.items if p.doc_id in scored], gold, systems)
    scores = {name: score(units, name, codebook.ids) for name in systems}
    models = {TOOL: result.stance_model, THEME_BASELINE: None, STANCE_BASELINE: STANCE_BASELINE}
    return Evaluation(segmentation, scores, models, tuple(units))


def align(
    predicted: Sequence[Position],
    gold: Sequence[GoldPosition],
    systems: Mapping[str, tuple[Callable[[Position], frozenset[str]], Callable[[Position], Stance]]],
) -> tuple[list[Unit], Segmentation]:
    """Pair gold and predicted positions by character overlap.

    A predicted position counts for a gold position when at least half of the
    shorter of the two lies in the other: the halves of a split gold position
    both count for it, and a predicted position that merged two gold positions
    counts for both. A gold position takes the union of the themes of the
    predicted positions that count for it, and the stance of the one that
    overlaps it most, and its body; a gold position no prediction overlaps takes
    the body of the document's position nearest before it. A predicted position
    that counts for no gold position is a unit of its own, with no gold themes
    and no gold stance.
    """
    gold_by_doc: dict[str, list[int]] = {}
    for g_i, g in enumerate(gold):
        gold_by_doc.setdefault(g.doc, []).append(g_i)
    counts_for: dict[int, list[int]] = {}  # id(predicted) -> gold positions it counts for
    covering: dict[int, list[Position]] = {}  # gold index -> predicted positions overlapping it
    for p in predicted:
        counts_for[id(p)] = []
        for g_i in gold_by_doc.get(p.doc_id, []):
            g = gold[g_i]
            shared = _overlap(p.start, p.end, g.start, g.end)
            if shared:
                covering.setdefault(g_i, []).append(p)
            if shared and 2 * shared >= min(p.end - p.start, g.end - g.start):
                counts_for[id(p)].append(g_i)
    units: list[Unit] = []
    cuts = Counter[str]()
    for g_i, g in enumerate(gold):
        over = covering.get(g_i, [])
        mine = [p for p in over if g_i in counts_for[id(p)]]
        cut = _cut(g, over, mine, counts_for)
        cuts[cut] += 1
        lead = max(over, key=lambda p: _overlap(p.start, p.end, g.start, g.end), default=None)
        units.append(
            Unit(
                doc=g.doc,
                body=lead.body if lead else _body_at(predicted, g),
                gold_themes=g.themes,
                gold_stance=g.stance,
                themes={name: frozenset().union(*(themes(p) for p in mine)) for name, (themes, _) in systems.items()},
                stances={name: stance(lead) if lead else Stance.NEUTRAL for name, (_, stance) in systems.items()},
                gold=g,
                cut=cut,
                lead=lead,
            )
        )
    spurious = [p for p in predicted if not counts_for[id(p)]]
    for p in spurious:
        units.append(
            Unit(
                doc=p.doc_id,
                body=p.body,
                gold_themes=frozenset(),
                gold_stance=None,
                themes={name: themes(p) for name, (themes, _) in systems.items()},
                stances={name: stance(p) for name, (_, stance) in systems.items()},
                cut="spurious",
                lead=p,
            )
        )
    segmentation = Segmentation(
        gold=len(gold),
        predicted=len(predicted),
        same=cuts["same"],
        split=cuts["split"],
        merged=cuts["merged"],
        shifted=cuts["shifted"],
        missed=cuts["missed"],
        spurious=len(spurious),
    )
    return units, segmentation


def _body_at(predicted: Sequence[Position], g: GoldPosition) -> str:
    """The body a gold position no prediction overlaps belongs to: that of the document's
    nearest position before it (else after it), as the tool attributed it; "" if the tool
    found no position in the document. A missed claim still counts in its sender's row."""
    mine = [p for p in predicted if p.doc_id == g.doc]
    before = [p for p in mine if p.start <= g.start]
    nearest = max(before, key=lambda p: p.start) if before else min(mine, key=lambda p: p.start, default=None)
    return nearest.body if nearest else ""


def _cut(
    g: GoldPosition, over: Sequence[Position], mine: Sequence[Position], counts_for: Mapping[int, list[int]]
) -> str:
    """How the tool cut a gold position: same, split, merged, shifted or missed."""
    if not mine:
        return "missed"
    if len(mine) > 1:
        return "split"
    (p,) = mine
    if len(counts_for[id(p)]) > 1:
        return "merged"
    if abs(p.start - g.start) <= _SAME_SPAN_SLACK and abs(p.end - g.end) <= _SAME_SPAN_SLACK:
        return "same"
    return "shifted"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(units: Sequence[Unit], system: str, theme_ids: Sequence[str]) -> Scores:
    """Theme, stance and matrix figures of one system over aligned units."""
    rows = []
    totals = Counter[str]()
    for theme in theme_ids:
        tp = sum(1 for u in units if theme in u.gold_themes and theme in u.themes[system])
        fp = sum(1 for u in units if theme not in u.gold_themes and theme in u.themes[system])
        fn = sum(1 for u in units if theme in u.gold_themes and theme not in u.themes[system])
        totals.update(tp=tp, fp=fp, fn=fn)
        rows.append((theme, *_prf(tp, fp, fn), tp + fn, tp + fp))
    themes = pd.DataFrame(rows, columns=["theme", "precision", "recall", "f1", "gold", "predicted"])
    active = themes[(themes["gold"] > 0) | (themes["predicted"] > 0)]
    judged = [u for u in units if u.gold_stance is not None]
    correct = sum(1 for u in judged if u.stances[system] is u.gold_stance)
    stance_rows = []
    for stance in STANCES:
        tp = sum(1 for u in judged if u.gold_stance is stance and u.stances[system] is stance)
        fp = sum(1 for u in judged if u.gold_stance is not stance and u.stances[system] is stance)
        fn = sum(1 for u in judged if u.gold_stance is stance and u.stances[system] is not stance)
        stance_rows.append((stance.value, *_prf(tp, fp, fn), tp + fn))
    confusion = pd.DataFrame(0, index=[s.value for s in STANCES], columns=[s.value for s in STANCES])
    for u in judged:
        confusion.loc[u.gold_stance.value, u.stances[system].value] += 1
    agreement, presence = _cells(units, system)
    return Scores(
        themes=themes,
        theme_micro_f1=_prf(totals["tp"], totals["fp"], totals["fn"])[2],
        theme_macro_f1=float(active["f1"].mean()) if len(active) else 0.0,
        stance_accuracy=correct / len(judged) if judged else 0.0,
        stances=pd.DataFrame(stance_rows, columns=["stance", "precision", "recall", "f1", "gold"]),
        confusion=confusion,
        cell_agreement=agreement,
        cell_presence=presence,
    )


def _cells(units: Sequence[Unit], system: str) -> tuple[float, float]:
    """How far the body x theme x stance matrix of a system matches the gold one."""
    gold = tally.cells((u.body, u.gold_themes, u.gold_stance) for u in units if u.gold_stance is not Stance.NEUTRAL)
    mine = tally.cells(
        (u.body, u.themes[system], u.stances[system]) for u in units if u.stances[system] is not Stance.NEUTRAL
    )
    cells = set(gold) | set(mine)
    if not cells:
        return 1.0, 1.0
    same = sum(1 for c in cells if gold[c] == mine[c])
    both = sum(1 for c in cells if gold[c] and mine[c])
    return same / len(cells), both / len(cells)


def substring_baseline(codebook: Codebook) -> Callable[[str], frozenset[str]]:
    """Themes by lower-case substring search of each theme's Danish label words."""
    words = {
        theme.id: [w for w in re.findall(r"\w+", theme.label_da.lower()) if len(w) >= _MIN_LABEL_WORD]
        for theme in codebook.themes
    }

    def tag(text: str) -> frozenset[str]:
        lower = text.lower()
        return frozenset(theme for theme, ws in words.items() if any(w in lower for w in ws))

    return tag


def afinn_baseline() -> Callable[[str], Stance]:
    """Stance by the Danish AFINN lexicon, with the baseline's demand words."""
    from afinn import Afinn

    afinn = Afinn(language="da")

    def call(text: str) -> Stance:
        if _BASELINE_DEMAND.search(text):
            return Stance.DEMAND
        value = afinn.score(text)
        if value > 0:
            return Stance.SUPPORT
        if value < 0:
            return Stance.CONCERN
        return Stance.NEUTRAL

    return call


def documents_of(path: str | Path) -> dict[str, str]:
    """The decoded text of every readable document in a corpus, by doc id."""
    return {item.doc_id: item.text for item in read_corpus(path) if isinstance(item, Document)}
