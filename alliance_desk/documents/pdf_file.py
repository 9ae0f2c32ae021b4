"""Just enough PDF to patch the streams of a file Qt wrote (standard library only).

Reads a classic cross-reference table, finds objects by number, reads and decodes
(Flate) streams, and writes the file back with some stream objects replaced and every
offset recomputed. Anything else — cross-reference streams, incremental updates,
offsets that do not point at their objects — raises :class:`PdfFormatError`.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF\s*$")
_XREF_SUBSECTION = re.compile(rb"(\d+)[ \t]+(\d+)[ \t]*\r?\n")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])[ \r\n]{2}")
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?")
_STREAM_KEYWORD = re.compile(rb"stream(\r\n|\n|\r)")
_DICTIONARY_END = re.compile(rb"stream(?:\r\n|\n|\r)|endobj")
_REFERENCE = rb"(\d+)\s+\d+\s+R"


class PdfFormatError(ValueError):
    """The PDF is not laid out the way this module understands."""


@dataclass(frozen=True)
class Stream:
    """A stream object: where it sits in the file and its decoded payload."""

    number: int
    generation: bytes
    start: int  # offset of "N G obj"
    end: int  # offset just after "endobj"
    dictionary: bytes
    decoded: bytes
    compressed: bool


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: bytes


class PdfFile:
    """A parsed classic-xref PDF held in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._read_xref()
        self.offsets: dict[int, int] = {
            first + i: offset
            for first, entries in self._sections
            for i, (offset, _generation, kind) in enumerate(entries)
            if kind == b"n"
        }
        self._edits: list[_Edit] = []

    # ------------------------------------------------------------------ reading

    def _read_xref(self) -> None:
        data = self.data
        tail = _STARTXREF.search(data, max(0, len(data) - 1024))
        if tail is None:
            raise PdfFormatError("no startxref at the end of the file")
        start = int(tail.group(1))
        if data[start : start + 4] != b"xref":
            raise PdfFormatError("cross-reference stream, not a table")
        pos = start + 4
        while data[pos : pos + 1] in b" \r\n":
            pos += 1
        sections: list[tuple[int, list[tuple[int, int, bytes]]]] = []
        while not data.startswith(b"trailer", pos):
            head = _XREF_SUBSECTION.match(data, pos)
            if head is None:
                raise PdfFormatError("malformed cross-reference table")
            first, count = int(head.group(1)), int(head.group(2))
            pos = head.end()
            entries = []
            for _ in range(count):
                entry = _XREF_ENTRY.match(data, pos)
                if entry is None:
                    raise PdfFormatError("malformed cross-reference entry")
                entries.append((int(entry.group(1)), int(entry.group(2)), entry.group(3)))
                pos = entry.end()
            sections.append((first, entries))
        if b"/Prev" in data[pos : tail.start()]:
            raise PdfFormatError("incrementally updated file")
        self._xref_start = start
        self._trailer_start = pos
        self._startxref_at = tail.start()
        self._sections = sections

    def _header(self, number: int) -> re.Match[bytes]:
        offset = self.offsets.get(number)
        header = None if offset is None else _OBJ_HEADER.match(self.data, offset)
        if header is None or int(header.group(1)) != number:
            raise PdfFormatError(f"object {number} is not at its recorded offset")
        return header

    def dictionary(self, number: int) -> bytes:
        """The object's text up to its stream data (or ``endobj``)."""
        body = self._header(number).end()
        end = _DICTIONARY_END.search(self.data, body)
        if end is None:
            raise PdfFormatError(f"object {number} has no endobj")
        return self.data[body : end.start()]

    def integer(self, number: int) -> int:
        body = self._header(number).end()
        value = re.match(rb"\s*(\d+)\s*endobj", self.data[body : body + 64])
        if value is None:
            raise PdfFormatError(f"object {number} is not an integer")
        return int(value.group(1))

    def stream(self, number: int) -> Stream | None:
        """The stream object ``number``, or None when its filter is not plain Flate."""
        header = self._header(number)
        data = self.data
        keyword = _STREAM_KEYWORD.search(data, header.end())
        if keyword is None:
            raise PdfFormatError(f"object {number} has no stream")
        dictionary = data[header.end() : keyword.start()]
        length = _LENGTH.search(dictionary)
        if length is None:
            raise PdfFormatError(f"stream {number} has no /Length")
        size = int(length.group(1))
        if length.group(2) is not None:
            size = self.integer(size)
        payload = data[keyword.end() : keyword.end() + size]
        end = data.find(b"endobj", keyword.end() + size)
        if end < 0 or data.find(b"endstream", keyword.end() + size, end) < 0:
            raise PdfFormatError(f"stream {number} has a wrong /Length")
        compressed = b"/FlateDecode" in dictionary
        if b"/DecodeParms" in dictionary or (b"/Filter" in dictionary and not compressed):
            return None
        try:
            decoded = zlib.decompress(payload) if compressed else payload
        except zlib.error as error:
            raise PdfFormatError(f"stream {number} does not inflate") from error
        return Stream(
            number=number,
            generation=header.group(2),
            start=header.start(1),
            end=end + len(b"endobj"),
            dictionary=dictionary,
            decoded=decoded,
            compressed=compressed,
        )

    def references(self, dictionary: bytes, key: bytes) -> list[int]:
        """Object numbers that ``/key`` refers to: ``N 0 R`` or ``[N 0 R …]``."""
        match = re.search(rb"/" + key + rb"\s*(\[[^\]]*\]|" + _REFERENCE + rb")", dictionary)
        if match is None:
            return []
        return [int(number) for number in re.findall(_REFERENCE, match.group(1))]

    def objects_with(self, marker: bytes) -> list[int]:
        """Numbers of the objects whose dictionary contains ``marker`` (file order)."""
        ordered = sorted(self.offsets, key=self.offsets.__getitem__)
        return [number for number in ordered if marker in self.dictionary(number)]

    # ------------------------------------------------------------------ writing

    def replace_stream(self, stream: Stream, decoded: bytes) -> None:
        """Queue ``stream``'s replacement by a stream holding ``decoded``."""
        payload = zlib.compress(decoded, 6) if stream.compressed else decoded
        filter_entry = b"/Filter /FlateDecode\n" if stream.compressed else b""
        replacement = b"%d %s obj\n<<\n/Length %d\n%s>>\nstream\n%s\nendstream\nendobj" % (
            stream.number,
            stream.generation,
            len(payload),
            filter_entry,
            payload,
        )
        self._edits.append(_Edit(stream.start, stream.end, replacement))

    def _shift(self, offset: int) -> int:
        return offset + sum(
            len(e.replacement) - (e.end - e.start) for e in self._edits if e.start < offset
        )

    def write(self) -> bytes:
        """The file with the queued replacements and a recomputed cross-reference table."""
        if not self._edits:
            return self.data
        data = self.data
        edits = sorted(self._edits, key=lambda e: e.start)
        parts: list[bytes] = []
        cursor = 0
        for edit in edits:
            parts += [data[cursor : edit.start], edit.replacement]
            cursor = edit.end
        parts.append(data[cursor : self._xref_start])
        xref = [b"xref\n"]
        for first, entries in self._sections:
            xref.append(b"%d %d\n" % (first, len(entries)))
            for offset, generation, kind in entries:
                new_offset = self._shift(offset) if kind == b"n" else offset
                xref.append(b"%010d %05d %s \n" % (new_offset, generation, kind))
        parts += [
            *xref,
            data[self._trailer_start : self._startxref_at],
            b"startxref\n%d\n%%%%EOF\n" % self._shift(self._xref_start),
        ]
        return b"".join(parts)
