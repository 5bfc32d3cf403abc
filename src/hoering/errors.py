"""Errors that reach the user as one line, and the exit codes the CLI returns."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the `hoering` command."""

    OK = 0
    ERROR = 1
    USAGE = 2
    SKIPPED_FILES = 3  # only with --strict: the run finished but some files were skipped


class HoeringError(Exception):
    """Base class of every error the library raises on purpose.

    The message is one line, written for the user, naming the file (and line)
    where that helps.
    """

    exit_code: ExitCode = ExitCode.ERROR


class UsageError(HoeringError):
    """An option value the command cannot use."""

    exit_code = ExitCode.USAGE


class CorpusError(HoeringError):
    """The corpus as a whole cannot be read: missing folder, no usable file."""


class RulesError(HoeringError):
    """A rules file is missing, malformed or fails validation."""


class ModelError(HoeringError):
    """The requested spaCy pipeline cannot be loaded."""


class InputFileError(HoeringError):
    """One input file cannot be read; the run goes on without it."""


class OutputError(HoeringError):
    """An output file cannot be written."""


class DiffError(HoeringError):
    """Two rounds cannot be compared: a round is missing or empty, or a setting is out of range."""


class PlanError(HoeringError):
    """The plan document cannot be read."""
