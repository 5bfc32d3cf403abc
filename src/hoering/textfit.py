"""Fitting text into terminal columns: shortened at word boundaries, names never split mid-word.

The terminal tables shorten what does not fit; the CSV, JSON and report outputs
always hold the whole text.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
_NAME_PARTS = re.compile(r"[^_\-. ]+[_\-. ]*")


def shorten(text: str, width: int) -> str:
    """`text` on one line in at most `width` characters, cut after a whole word where one fits."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space >= width // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def shorten_name(name: str, width: int) -> str:
    """A file name in at most `width` characters: its beginning and its end (the suffix) kept,
    the middle left out at a separator (``_``, ``-``, ``.``, space) where one fits."""
    if len(name) <= width:
        return name
    if width <= 8:
        return shorten(name, width)
    parts = _NAME_PARTS.findall(name)
    if len("".join(parts)) != len(name):  # no separators to keep whole: cut by characters
        head = (width - 1) * 2 // 3
        return name[:head] + ELLIPSIS + name[len(name) - (width - 1 - head) :]
    tail, head = "", ""
    budget = width - 1
    # The last part holds the suffix: keep it, then as many whole parts from the start as fit.
    for part in reversed(parts):
        if len(tail) + len(part) > budget // 2 and tail:
            break
        tail = part + tail
    if len(tail) > budget // 2:
        tail = tail[-(budget // 2) :]
    for part in parts:
        room = budget - len(tail) - len(head)
        if len(part) > room:
            head += part[:room] if room >= 3 or not head else ""  # a file name may be cut, to use the width
            break
        head += part
    return head + ELLIPSIS + tail


def longest_word(text: str) -> int:
    """The length of the longest word in `text`: a column narrower than this would split it."""
    return max((len(w) for w in text.split()), default=0)
