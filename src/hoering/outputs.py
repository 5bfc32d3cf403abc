"""A command's output files written as a set: all of the new ones, or the old ones untouched.

A command writes several files (``positions.csv``, ``matrix.csv``, ...,
``--plot``). Written one by one, a run killed half way leaves a mix: some
files of this run beside some of the last, that nobody can tell apart. While
an `output_set` is open, every output written through `hoering.fs` goes into
a hidden staging folder instead:

- for a target folder that does not exist yet, the staging folder stands
  beside it (``.results.XXXX.hoering-tmp``) and is renamed to it at the end:
  the folder appears whole or not at all;
- for a folder that exists, the staging folder is inside it
  (``.XXXX.hoering-tmp``) and each file is renamed into place at the end,
  with Ctrl-C, SIGTERM and SIGHUP held back until the last rename is done.

A block left by an error or a signal removes its staging folders, so no
``.tmp`` stays behind. What is not covered: SIGKILL or a power cut during the
final renames (a few system calls, no writing) can leave a mix or a staging
folder; the next run that writes there removes staging folders older than an hour.
The cache does not go through here: its entries are single files, each atomic.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .errors import OutputError

#: The set open in this context, if any (`hoering.fs` stages into it).
ACTIVE: ContextVar[OutputSet | None] = ContextVar("hoering_output_set", default=None)
STAGING_SUFFIX = ".hoering-tmp"
#: A staging folder older than this is a run's that was killed outright: removed when seen.
STALE_SECONDS = 3600
_HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputSet:
    """Files staged for one command, moved into place together by `commit`."""

    def __init__(self) -> None:
        self._staging: dict[Path, tuple[Path, bool]] = {}  # target folder -> (staging folder, folder is new)
        self._files: dict[Path, Path] = {}  # target -> staged file
        #: Called with each path before it is staged; one raises to refuse it (the CLI's: not over the corpus).
        self.guards: list[Callable[[Path], None]] = []

    def stage(self, path: Path, data: bytes, mode: int) -> None:
        """Write `data` for `path` into the staging folder; nothing at `path` changes yet.

        Raises:
            OutputError: the folder cannot be written.
        """
        for guard in self.guards:
            guard(path)
        if path.is_dir():
            raise OutputError(f"{path}: cannot write output (a folder has this name)")
        folder = path.parent
        staging = self._staging_for(folder)
        target = staging / path.name
        try:
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), mode)
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
        self._files[path] = target

    def _staging_for(self, folder: Path) -> Path:
        found = self._staging.get(folder)
        if found is not None:
            return found[0]
        new = not folder.exists()
        home = folder.parent if new else folder
        try:
            if new:
                home.mkdir(parents=True, exist_ok=True)
            _remove_stale(home)
            prefix = f".{folder.name}." if new else "."
            staging = Path(tempfile.mkdtemp(prefix=prefix, suffix=STAGING_SUFFIX, dir=home))
            if new:
                staging.chmod(0o777 & ~_umask())  # it becomes the folder: as mkdir would make it, not 0700
        except OSError as exc:
            raise OutputError(f"{folder}: cannot write output ({exc.strerror or exc})") from None
        self._staging[folder] = (staging, new)
        return staging

    def commit(self) -> None:
        """Move every staged file into place, signals held back until the set is whole.

        Raises:
            OutputError: a file cannot be moved (what was moved stays; the rest is removed).
        """
        with _signals_held():
            try:
                for folder, (staging, new) in self._staging.items():
                    if new and not folder.exists():
                        os.rename(staging, folder)  # the whole folder at once
                        continue
                    for path, staged in self._files.items():
                        if staged.parent == staging:
                            os.replace(staged, path)
                    staging.rmdir()
            except OSError as exc:
                raise OutputError(f"cannot move the outputs into place ({exc.strerror or exc})") from None
            finally:
                self.discard()

    def discard(self) -> None:
        """Remove the staging folders and whatever they still hold."""
        for staging, _ in self._staging.values():
            shutil.rmtree(staging, ignore_errors=True)
        self._staging.clear()
        self._files.clear()


@contextmanager
def output_set() -> Iterator[OutputSet]:
    """Stage every output written in the block; move them in as a set when it ends without error."""
    if ACTIVE.get() is not None:  # nested: the outer set moves everything
        yield ACTIVE.get()  # type: ignore[misc]
        return
    staged = OutputSet()
    token = ACTIVE.set(staged)
    try:
        yield staged
        staged.commit()
    finally:
        ACTIVE.reset(token)
        staged.discard()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done, then arrive as they would have.

    Their handlers are swapped for one that notes them: Python runs every handler in
    the main thread between two steps, so the block is never cut short (blocking the
    signals instead would not do: another thread of the process may receive them).
    Outside the main thread signals cannot be handled, and are not held.
    """
    caught: list[int] = []

    def note(number: int, _frame: object) -> None:
        caught.append(number)

    old = {}
    try:
        for number in _HELD_SIGNALS:
            old[number] = signal.signal(number, note)
    except ValueError:  # not the main thread
        for number, handler in old.items():
            signal.signal(number, handler)
        yield
        return
    try:
        yield
    finally:
        for number, handler in old.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _remove_stale(folder: Path) -> None:
    """Staging folders a killed run left in `folder`, older than `STALE_SECONDS`."""
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if (
                entry.name.startswith(".")
                and entry.name.endswith(STAGING_SUFFIX)
                and entry.is_dir(follow_symlinks=False)
            ):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        shutil.rmtree(entry.path, ignore_errors=True)
