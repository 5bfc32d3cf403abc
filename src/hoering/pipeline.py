"""`analyse()`: run the stages over a corpus and collect results and problems."""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import lazy, theme_context
from .bodies import FROM_MARKERS, FROM_NOWHERE, BodyResolver, sections
from .cache import Cache, settings_digest
from .corpus import MANIFEST, open_corpus, read_manifest
from .errors import CorpusError, InputFileError
from .models import (
    UNKNOWN_BODY,
    UNKNOWN_BODY_TYPE,
    Attribution,
    Block,
    Document,
    DocumentResult,
    Evidence,
    FileReport,
    FileStatus,
    Position,
    Section,
    Token,
)
from .morphology import default_splitter
from .nlp import AUTO, LazyPipeline, Pipeline
from .parallel import WINDOW_PER_JOB, Workers, in_order, jobs_wanted
from .redact import Redactor, Spans
from .result import Result, control_report, corpus_result, using
from .rules import Rules, load_rules
from .segment import blocks, claims, sentence_tokens
from .senders import detector_for
from .stance import StanceModel, StanceScorer
from .stance_linear import stance_model
from .theme_context import across_document, carry_themes, completes, joined, points_back, read_with
from .themes import ThemeTagger

if TYPE_CHECKING:
    from concurrent.futures import Future

# The e-mail reader (and Python's e-mail package) only for a skipped file's note: not at every start.
anonymous_attachments = lazy.function("hoering.readers.mail", "anonymous_attachments")

#: Paragraphs, headings and bullet items one file may have: a 1 MB response of ordinary prose has a few
#: thousand; 200 000 one-word bullets would take minutes and gigabytes for nothing.
MAX_BLOCKS = 20_000
#: Called after each file with (files done, files in all, the file's path).
Progress = Callable[[int, int, str], None]


class Analyser:
    """The stages, built once, applied document by document.

    With `redact` (the default) every text a Position carries for output (its
    text, section heading and evidence) has personal data replaced by
    placeholders; themes and stance are found on the original text, and
    offsets index it.
    """

    def __init__(
        self,
        rules: Rules,
        pipeline: Pipeline | LazyPipeline,
        redact: bool = True,
        keep_tokens: bool = True,
        stance: StanceModel | None = None,
    ) -> None:
        self.rules = rules
        self.pipeline = pipeline
        self.keep_tokens = keep_tokens  # tokens are needed only while a position is analysed
        self.resolver = BodyResolver(rules.bodies, detector_for(rules))
        self.tagger = ThemeTagger(rules.codebook)
        self._stance = stance
        names = (n for org in rules.senders.organisations for n in (org.name, *org.aliases))
        self.redactor = Redactor(rules.redaction, rules.bodies, names) if redact else None

    @cached_property
    def scorer(self) -> StanceModel:
        """The stance model: the one given, else the rules' own, built when first needed (never in a cached run)."""
        return self._stance if self._stance is not None else StanceScorer(self.rules.stance)

    @property
    def stance_name(self) -> str:
        """The stance model's name, known without building it."""
        return self._stance.name if self._stance is not None else StanceScorer.name

    def ready(self) -> None:
        """Build the stance scorer before the first document, outside any file's boundary: a bad rules file stops the run."""
        _ = self.scorer

    def report(self, document: Document, found: DocumentResult) -> FileReport:
        """Account for a read document: its bodies, where they came from, and any doubt about them.

        The bodies are those its sections were attributed when it was analysed
        (or when its result was stored in the cache): never found again here.
        """
        parts = found.sections or (Section(document.doc_id, UNKNOWN_BODY, UNKNOWN_BODY_TYPE, 0, len(document.text)),)
        opening = parts[0]
        source = opening.found.source or FROM_NOWHERE
        if any(p.marker for p in parts) and source != FROM_MARKERS:
            source += f" + {FROM_MARKERS}"
        bodies = tuple(dict.fromkeys(p.body for p in found.positions))
        if not found.positions:
            reason = "no positions found"
        elif UNKNOWN_BODY in bodies:
            reason = "body unknown: no header, manifest entry or known body named in the text"
        else:
            reason = ""
        notes = document.notes if self.redactor is None else tuple(map(self.private_reason, document.notes))
        reason = "; ".join(r for r in (reason, *notes) if r)
        how = opening.found
        return FileReport(
            document.doc_id,
            FileStatus.READ,
            reason,
            document.doc_id,
            bodies,
            len(found.positions),
            format=document.format_label,
            body_source=source,
            duplicate_of=document.duplicate_of,
            date=document.meta.date or "",
            body_id=how.body_id,
            body_evidence=how.evidence_text(),
            body_confidence=how.confidence,
            in_registry=how.in_registry,
        )

    def sections(self, document: Document) -> list[Section]:
        """The document's sections, each attributed once; while redacting, no private person's name in the how.

        A private person's id (their name as a slug) and evidence are left out;
        other evidence has its personal data replaced.
        """
        found = sections(document, self.resolver)
        if self.redactor is None:
            return found
        return [replace(s, found=self._private(s)) for s in found]

    def _private(self, section: Section) -> Attribution:
        how = section.found
        if self.redactor is None:
            return how
        if self.redactor.is_citizen(section.body_type):
            return replace(how, body_id="", evidence="")
        return replace(how, evidence=self.redactor.scrub(how.evidence)) if how.evidence else how

    def private_reason(self, reason: str) -> str:
        """A file's reason or note without the personal data it may quote (attachment names, numbers)."""
        if self.redactor is None:
            return reason
        return self.redactor.scrub(anonymous_attachments(reason))

    def document(self, document: Document) -> list[Position]:
        """All positions of one document, themed and scored, in text order."""
        return self.read(document)[0]

    def result(self, document: Document) -> DocumentResult:
        """The positions of one document and what was redacted in it: what the cache stores."""
        positions, spans, found = self._read(document)
        return DocumentResult(tuple(positions), spans.counts(), tuple(found))

    def result_or_report(self, document: Document) -> DocumentResult | FileReport:
        """`result`, or for a document that cannot be analysed the report that skips it.

        This is the file boundary: whatever goes wrong with one document (a limit it passes, or a failure
        nobody foresaw) becomes its reason, and the run goes on with the others.
        """
        try:
            return self.result(document)
        except InputFileError as exc:
            reason = str(exc)
        except RecursionError:
            reason = "internal error while analysing (RecursionError: structure nested too deep)"
        except Exception as exc:
            reason = f"internal error while analysing ({type(exc).__name__}: {exc})"
        return FileReport(document.doc_id, FileStatus.SKIPPED, reason, format=document.format_label)

    def read(self, document: Document) -> tuple[list[Position], Spans]:
        """The positions of one document, and the personal data found in it."""
        positions, spans, _ = self._read(document)
        return positions, spans

    def _read(self, document: Document) -> tuple[list[Position], Spans, list[Section]]:
        found = self.sections(document)
        parts: list[tuple[Section, Block]] = []
        for section in found:
            limit = MAX_BLOCKS - len(parts)
            cut = blocks(document.text, section.start, section.end, self.rules.segmentation, limit, default_splitter())
            parts.extend((section, block) for block in cut)
        docs = self.pipeline.pipe(block.text for _, block in parts)
        spans = self.redactor.find(document, found) if self.redactor else Spans()
        names = self.redactor is not None and self.pipeline.finds_names
        keep = self.redactor.keep(found) if names else frozenset()
        positions: list[Position] = []
        schemes: list[Evidence | None] = []  # per position, the word naming the bill's scheme in a claim about it
        # the claim before, within this section and under this heading; a list's lead-in ending in ':'
        heading, heading_themes, current, before, lead = "", (), None, None, []
        anaphora = self.rules.codebook.anaphora
        docs = list(docs)
        # each block's sentences as tokens, made once: the bill's subject is read from all of them first
        sentences = [[sentence_tokens(s, block) for s in doc.sents] for (_, block), doc in zip(parts, docs)]
        subject, act = self.tagger.subjects(tokens for block in sentences for tokens in block)
        for (section, block), doc, block_sentences in zip(parts, docs, sentences):
            if section is not current:
                heading, heading_themes, current, before, lead = "", (), section, None, []
            if names:  # entities are found block by block; a heading's stay for the evidence it passes on
                spans = spans.union(self.redactor.entities(doc, block, keep))
            if block.kind == "letterhead":  # contact data of a letterhead or page footer: no position
                continue
            if block.kind == "heading":
                heading = self.redactor.block_text(block, spans) if self.redactor else block.text
                heading_themes = self.tagger.tag(sentence_tokens(doc[:], block), subject)
                before, lead = None, []
                continue
            inherited = heading_themes if block.kind == "bullet" and self.rules.codebook.bullets_inherit_heading else ()
            sense = subject | {hit.label for hit in heading_themes}  # weak terms: the bill's subject, the heading
            previous: Position | None = None  # the claim before, within this block
            last: list[Token] = []  # its tokens
            for sentence in block_sentences:
                for tokens in claims(sentence, self.scorer.split_point, self.rules.segmentation):
                    position = self._position(
                        document, section, heading, block, tokens, inherited, len(positions) + 1, sense
                    )
                    opener = completes(tokens, self.rules.stance.structure) if last else None
                    item = theme_context.item_lead(lead, block.kind, tokens) if previous is None else []
                    if opener or item:  # "Og hvor ...", "bør: • tage initiativer ...": read with what it completes
                        position = replace(position, stance=read_with(self.scorer, item or last, tokens, opener or ":"))
                    last = joined(last, tokens) if opener else tokens  # a second fragment: the same sentence
                    if previous is not None and points_back(tokens, anaphora):
                        position = carry_themes(position, previous)
                    elif before is not None and self.tagger.refers_back(tokens):
                        position = carry_themes(position, before)
                    previous = before = position
                    schemes.append(self.tagger.scheme_claim(tokens))
                    positions.append(
                        self.redactor.position(position, block, spans, document.text) if self.redactor else position
                    )
            lead = theme_context.next_lead(lead, block.kind, last)
        return across_document(positions, schemes, act, self.rules.codebook), spans, found

    def _position(
        self,
        document: Document,
        section: Section,
        heading: str,
        block: Block,
        tokens: list[Token],
        inherited: Sequence[Evidence],
        index: int,
        subject: frozenset[str] = frozenset(),
    ) -> Position:
        meta = document.meta
        start, end = tokens[0].start, tokens[-1].end
        themes = self.tagger.tag(tokens, subject)
        own = {hit.label for hit in themes}
        if inherited:
            note = sys.intern(f"from heading '{heading}'")
            themes += tuple(replace(hit, note=note) for hit in inherited if hit.label not in own)
        return Position(
            doc_id=document.doc_id,
            body=section.body,
            body_type=section.body_type,
            round=meta.round or "",
            plan=meta.plan or "",
            section=heading,
            index=index,
            start=start,
            end=end,
            text=_clean_text(block, start, end),
            tokens=tuple(tokens) if self.keep_tokens else (),
            themes=themes,
            stance=self.scorer.score(tokens),
            body_id=section.found.body_id,
            body_source=section.found.source,
            body_confidence=section.found.confidence,
        )


def _clean_text(block: Block, start: int, end: int) -> str:
    """The cleaned block text between two source offsets (offsets only grow; a space read between glued words repeats one)."""
    return block.text[bisect_left(block.offsets, start) : bisect_left(block.offsets, end)].strip()


def analyse(
    path: str | Path,
    rules: Rules | str | Path | None = None,
    model: str | Pipeline = AUTO,
    progress: Progress | None = None,
    corrections: str | Path | bool | None = None,
    keep_tokens: bool = True,
    redact: bool = True,
    dedupe: bool = False,
    jobs: int = 1,
    cache: str | Path | None = None,
    stance: StanceModel | str | None = None,
    control_files: bool = True,
) -> Result:
    """Analyse a folder of consultation responses.

    Args:
        path: the corpus folder.
        rules: loaded rules, a rules folder, or None for the packaged defaults.
        model: "auto", "blank", a spaCy model name or path, or a built Pipeline.
        progress: called with 0 files done once the folder is listed, then after each file.
        corrections: a corrections file; None takes ``corrections.csv`` in the
            corpus folder when there is one; False applies none.
        keep_tokens: keep each position's tokens (words, lemmas, offsets) in
            `Result.items`, as comparing rounds needs; False saves memory.
        redact: replace personal data in every output text by placeholders and
            show private persons as "Borger 1", "Borger 2", ... (the default).
            False leaves the texts as written.
        dedupe: skip a file whose text and metadata repeat an earlier file's (reported either way).
        jobs: processes analysing documents at once (0: one per CPU core). The
            result is the same for any number.
        cache: a folder for per-document results (see `hoering.cache`); an
            unchanged document is then not analysed again. None: no cache.
        stance: the stance model, or its name (``"rules"``, ``"linear"``, see
            `hoering.stance_linear.STANCE_MODELS`); None for the rules' own (`StanceScorer`).
        control_files: read ``manifest.csv`` and the default ``corrections.csv`` of
            the folder; False ignores both (a corrections file given is still applied).
            Those applied are named in `Result.control_files`.

    Returns:
        The positions with their themes and stances, the body x theme matrices,
        and a report for every file under the folder.

    Raises:
        CorpusError: the folder is missing or holds no response at all.
        RulesError: a rules file is invalid.
        ModelError: the model cannot be loaded.
        UsageError: `jobs` is negative, or no stance model has the name `stance`.
    """
    loaded = rules if isinstance(rules, Rules) else load_rules(rules, lazy=True)
    if isinstance(stance, str):
        # The rules' own model stays unbuilt until a file is not cached; another one needs the stance rules now.
        stance = None if stance == "rules" else stance_model(stance, loaded.stance)
    jobs = jobs_wanted(jobs)
    total, items = open_corpus(path, dedupe, manifest=control_files)
    notes: tuple[str, ...] = ()
    controls: tuple[FileReport, ...] = ()
    if control_files and (Path(path) / MANIFEST).is_file():
        rows = len(read_manifest(path))
        notes, controls = (using(MANIFEST, rows),), (control_report(MANIFEST, "manifest", rows),)
    if not control_files and corrections is None:
        corrections = False  # listed now, read file by file as the analysis goes
    if not total:
        raise CorpusError(f"{path}: no files in the corpus folder")
    # Built only when a document is not in the cache: a cached re-run never loads spaCy.
    pipeline = model if isinstance(model, Pipeline | LazyPipeline) else LazyPipeline(model, loaded.segmentation)
    analyser = Analyser(loaded, pipeline, redact=redact, keep_tokens=keep_tokens, stance=stance)
    # A model with weights names them in its cache key, so that re-trained weights analyse afresh.
    stance_key = getattr(stance, "cache_key", analyser.stance_name)
    settings = settings_digest(loaded, pipeline.name, redact, keep_tokens, stance_key)
    store = None if cache is None else Cache(cache, settings)
    positions: list[Position] = []
    files: list[FileReport] = []
    if progress is not None:
        progress(0, total, "")  # the total at once, before the first file or the pipeline loads
    for done, (item, found) in enumerate(analysed(items, analyser, store, jobs), start=1):
        if isinstance(item, FileReport):
            files.append(replace(item, reason=analyser.private_reason(item.reason)))
        else:
            assert found is not None
            try:
                report = analyser.report(item, found)
            except Exception as exc:  # the file boundary, as in `Analyser.result_or_report`
                report = FileReport(
                    item.doc_id,
                    FileStatus.SKIPPED,
                    f"internal error while analysing ({type(exc).__name__}: {exc})",
                    format=item.format_label,
                )
                files.append(report)
            else:
                positions.extend(found.positions)
                files.append(replace(report, redacted=found.redacted))
        if progress is not None:
            progress(done, total, files[-1].path)
    found = corpus_result(
        path,
        positions,
        files,
        loaded,
        pipeline.name,
        analyser.redactor,
        corrections,
        None if store is None else store.hits,
        "" if store is None else store.problem,
        notes,
        controls,
    )
    return replace(found, stance_model=analyser.stance_name)


def analysed(
    items: Iterable[Document | FileReport], analyser: Analyser, cache: Cache | None = None, jobs: int = 1
) -> Iterator[tuple[Document | FileReport, DocumentResult | None]]:
    """Each item with its result (None for a skipped file's report), in the order of `items`.

    Items are drawn from `items` one at a time as results are wanted (a few
    ahead with `jobs` > 1), so a generator of documents is never held whole.
    A document found in `cache` is not analysed; one analysed is stored there.
    """
    if jobs <= 1:
        for item in items:
            if isinstance(item, FileReport):
                yield item, None
                continue
            key, found = cache.get(item, analyser.sections) if cache is not None else ("", None)
            if found is None:
                analyser.ready()
                outcome = analyser.result_or_report(item)
                if isinstance(outcome, FileReport):
                    yield outcome, None
                    continue
                found = outcome
                if cache is not None:
                    cache.put(key, found)
            yield item, found
        return
    with Workers(analyser, jobs) as workers:

        def submitted() -> Iterator[tuple[tuple[Document | FileReport, str], DocumentResult | Future | None]]:
            for item in items:
                if isinstance(item, FileReport):
                    yield (item, ""), None
                    continue
                key, found = cache.get(item, analyser.sections) if cache is not None else ("", None)
                if found is None:
                    analyser.ready()  # before the workers fork, so they share what it builds
                # A key travels only with a document that was analysed: its result is to be stored.
                yield (item, "" if found else key), found or workers.submit(item)

        for (item, key), found in in_order(submitted(), jobs * WINDOW_PER_JOB):
            if isinstance(found, FileReport):
                yield found, None
                continue
            if key and cache is not None and found is not None:
                cache.put(key, found)
            yield item, found
