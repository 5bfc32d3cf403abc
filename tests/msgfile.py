"""Outlook .msg fixtures built here: a small compound-file (CFB v3) writer and the MAPI streams of a message.

No library writes .msg files, so the tests build them from the published formats
([MS-CFB] compound files, [MS-OXMSG] message storage): a root storage holding one
stream per property, a property stream, and one storage per attachment.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


@dataclass
class Node:
    name: str
    data: bytes | None = None  # None: a storage
    children: list[Node] = field(default_factory=list)


def _sort_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def compound_file(root_children: Sequence[Node]) -> bytes:
    """The bytes of a compound file whose root storage holds `root_children`."""
    root = Node("Root Entry", None, list(root_children))
    entries: list[Node] = []

    def number(node: Node) -> None:
        entries.append(node)
        for child in node.children:
            number(child)

    number(root)
    index = {id(n): i for i, n in enumerate(entries)}

    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[tuple[Node, bytes]] = []
    start: dict[int, int] = {}
    for node in entries:
        if node.data is None or not node.data:
            continue
        if len(node.data) < CUTOFF:
            first = len(mini_stream) // MINI
            count = -(-len(node.data) // MINI)
            mini_fat += [first + k + 1 for k in range(count - 1)] + [END]
            start[id(node)] = first
            mini_stream += node.data.ljust(count * MINI, b"\0")
        else:
            big.append((node, node.data))

    directory = bytearray()
    for node in entries:
        directory += _entry(node, entries, index, start, mini_stream)
    directory = bytes(directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0"))
    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    mini_fat_bytes = mini_fat_bytes.ljust(-(-len(mini_fat_bytes) // SECTOR) * SECTOR, b"\xff")
    mini_stream_bytes = bytes(mini_stream).ljust(-(-len(mini_stream) // SECTOR) * SECTOR, b"\0")

    # Sector layout after the FAT: directory, mini FAT, mini stream, then the large streams.
    parts = [directory, mini_fat_bytes, mini_stream_bytes] + [
        d.ljust(-(-len(d) // SECTOR) * SECTOR, b"\0") for _, d in big
    ]
    counts = [len(p) // SECTOR for p in parts]
    data_sectors = sum(counts)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + data_sectors:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    firsts = []
    for c in counts:
        firsts.append(len(fat) if c else END)
        fat += [len(fat) + k + 1 for k in range(c - 1)] + ([END] if c else [])
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    dir_first, minifat_first, ministream_first = firsts[:3]
    for (node, _), first in zip(big, firsts[3:]):
        start[id(node)] = first

    # The directory was written before the large streams had sectors: write it again.
    directory = bytearray()
    for node in entries:
        directory += _entry(node, entries, index, start, mini_stream, ministream_first)
    parts[0] = bytes(directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0"))

    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into(
        "<IIIIIIII",
        header,
        40,
        0,
        fat_sectors,
        dir_first,
        0,
        CUTOFF,
        minifat_first if mini_fat else END,
        counts[1] if mini_fat else 0,
        END,
    )
    struct.pack_into("<I", header, 72, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 76, *difat)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return bytes(header) + fat_bytes + b"".join(parts)


def _entry(node, entries, index, start, mini_stream, ministream_first=END) -> bytes:
    is_root = node is entries[0]
    name = node.name.encode("utf-16-le")
    kind = 5 if is_root else (1 if node.data is None else 2)
    children = sorted(node.children, key=lambda n: _sort_key(n.name))
    # Siblings as a chain of right links: a valid (if unbalanced) binary search tree.
    child = index[id(children[0])] if children else NOSTREAM
    right = NOSTREAM
    parent = next((p for p in entries if any(c is node for c in p.children)), None)
    if parent is not None:
        ordered = sorted(parent.children, key=lambda n: _sort_key(n.name))
        position = next(i for i, c in enumerate(ordered) if c is node)
        if position + 1 < len(ordered):
            right = index[id(ordered[position + 1])]
    if is_root:
        first, size = (ministream_first if mini_stream else END), len(mini_stream)
    elif node.data:
        first, size = start.get(id(node), END), len(node.data)
    else:
        first, size = END, 0
    entry = bytearray(128)
    entry[0 : len(name)] = name
    struct.pack_into("<HBB", entry, 64, len(name) + 2, kind, 1)
    struct.pack_into("<III", entry, 68, NOSTREAM, right, child)
    struct.pack_into("<IQ", entry, 116, first, size)
    return bytes(entry)


# --- MAPI message -----------------------------------------------------------------

SUBJECT, BODY, HTML, SENDER_NAME, SENDER_EMAIL, CLASS, HEADERS = (
    "0037",
    "1000",
    "1013",
    "0C1A",
    "0C1F",
    "001A",
    "007D",
)


def _string(tag: str, text: str) -> Node:
    return Node(f"__substg1.0_{tag}001F", text.encode("utf-16-le"))


def _binary(tag: str, data: bytes) -> Node:
    return Node(f"__substg1.0_{tag}0102", data)


def _properties(header: bytes, props: Sequence[tuple[int, bytes]]) -> Node:
    """A property stream: the header, then one 16-byte entry per property (tag, flags, value)."""
    body = b"".join(struct.pack("<II", tag, 6) + value.ljust(8, b"\0") for tag, value in props)
    return Node("__properties_version1.0", header + body)


def make_msg(
    body: str = "",
    subject: str = "Høringssvar",
    sender: str = "Jens Hansen",
    email: str = "jh@example.org",
    html: str = "",
    attachments: Sequence[tuple[str, bytes]] = (),
    headers: str = "",
) -> bytes:
    """An Outlook message with a plain (or HTML) body, a sender and attachments by value."""
    children = [_string(CLASS, "IPM.Note"), _string(SUBJECT, subject)]
    if body:
        children.append(_string(BODY, body))
    if html:
        children.append(_binary(HTML, html.encode("utf-8")))
    if sender:
        children.append(_string(SENDER_NAME, sender))
    if email:
        children.append(_string(SENDER_EMAIL, email))
    if headers:
        children.append(_string(HEADERS, headers))
    header = struct.pack("<8xIIII8x", 0, len(attachments), 0, len(attachments))
    children.append(_properties(header, [(0x0E070003, struct.pack("<I", 1))]))
    for number, (name, data) in enumerate(attachments):
        attachment = Node(
            f"__attach_version1.0_#{number:08X}",
            None,
            [
                _string("3707", name),
                _string("3704", name),
                _binary("3701", data),
                _properties(b"\0" * 8, [(0x37050003, struct.pack("<I", 1)), (0x0E210003, struct.pack("<I", number))]),
            ],
        )
        children.append(attachment)
    children.append(
        Node(
            "__nameid_version1.0",
            None,
            [_binary("0002", b""), _binary("0003", b""), _binary("0004", b"")],
        )
    )
    return compound_file(children)
