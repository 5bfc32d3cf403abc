"""Analyse documents in worker processes, handing results back in input order.

Each worker holds its own `Analyser` (pipeline, rules, compiled patterns),
given once when the worker starts; a document goes out and its
`DocumentResult` comes back. Only a bounded window of documents is in flight,
so a large corpus is never read into memory at once.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from . import lazy
from .errors import UsageError
from .models import Document, DocumentResult, FileReport
from .nlp import register_components

if TYPE_CHECKING:
    from concurrent.futures import Future

# The process pool is imported when one is started: a run in one process (a cached one) needs none of it.
futures = lazy.module("concurrent.futures")
multiprocessing = lazy.module("multiprocessing")
pickle = lazy.module("pickle")

T = TypeVar("T")


class Analyser(Protocol):
    """What a worker needs of `hoering.pipeline.Analyser`: a document's result."""

    def result(self, document: Document) -> DocumentResult: ...


#: Documents in flight per worker: enough to keep every worker busy, few enough to bound memory.
WINDOW_PER_JOB = 4

_analyser: Analyser | None = None  # the worker's own, set when it starts


def jobs_wanted(jobs: int) -> int:
    """The number of processes for `jobs`: 0 means one per CPU core.

    Raises:
        UsageError: `jobs` is negative.
    """
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per CPU core) or more, not {jobs}")
    return jobs or os.cpu_count() or 1


def _start(analyser: Analyser | bytes) -> None:
    global _analyser
    if isinstance(analyser, bytes):
        # Spawned: hoering's spaCy components must be known before the pipeline is unpickled.
        register_components()
        analyser = pickle.loads(analyser)
    _analyser = analyser


def _work(document: Document) -> DocumentResult | FileReport:
    assert _analyser is not None, "worker started without an analyser"
    return _analyser.result_or_report(document)


class Workers:
    """A pool of `jobs` processes that analyse documents; use it as a context manager."""

    def __init__(self, analyser: Analyser, jobs: int) -> None:
        # On Linux the workers are forked: they start with the loaded pipeline at once.
        # Elsewhere they are spawned and receive the analyser pickled.
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        self.jobs = jobs
        self._analyser: Analyser | None = analyser if context is not None else None
        given = analyser if context is not None else pickle.dumps(analyser)
        self._pool = futures.ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(given,))

    def submit(self, document: Document) -> Future[DocumentResult | FileReport]:
        if self._analyser is not None:
            # The first document to analyse: load a lazy pipeline here, before the workers fork,
            # so they share it instead of each loading its own.
            getattr(self._analyser.pipeline, "built", None)
            self._analyser = None
        return self._pool.submit(_work, document)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def in_order(
    pending: Iterable[tuple[T, DocumentResult | Future[DocumentResult] | None]], window: int
) -> Iterator[tuple[T, DocumentResult | None]]:
    """Yield each (item, result) of `pending` in order, once its result is there.

    A result may be a Future from `Workers.submit`. `pending` is drawn only
    while fewer than `window` items wait, so a lazy `pending` that submits as
    it goes keeps at most `window` documents in flight.
    """
    waiting: deque[tuple[T, DocumentResult | Future[DocumentResult] | None]] = deque()
    for entry in pending:
        waiting.append(entry)
        while waiting and (len(waiting) >= window or _ready(waiting[0][1])):
            yield _resolved(waiting.popleft())
    while waiting:
        yield _resolved(waiting.popleft())


def _ready(result: DocumentResult | Future[DocumentResult] | None) -> bool:
    return not isinstance(result, futures.Future) or result.done()


def _resolved(entry: tuple[T, DocumentResult | Future[DocumentResult] | None]) -> tuple[T, DocumentResult | None]:
    item, result = entry
    return item, result.result() if isinstance(result, futures.Future) else result
