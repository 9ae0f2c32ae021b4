"""Repair the text layer of the PDFs Qt writes, with the standard library only.

Qt builds each font's ToUnicode CMap by asking, for every BMP code point in
ascending order, which glyph the font draws for it, and keeps the first (lowest)
code point per glyph. CJK fonts share one glyph between 人 and ⼈ (U+2F08), 民 and
⺠ (U+2EA0), ～ (U+FF5E) and 〜 (U+301C), a space and a tab … so the radical or the
odd twin wins and a clerk's search for 人民 in the archive finds nothing. Glyphs of
characters beyond the BMP (names such as 𠮷 or 𫖯) get no entry at all.

:func:`fix_pdf` rewrites every ToUnicode stream of a finished PDF:

* a destination that is a radical/stroke look-alike becomes its unified ideograph
  (always safe: the print path maps such characters in the text away first);
* a tab becomes a space (Qt never draws a tab glyph, it is the space glyph);
* a typographic ligature (ﬁ, ﬃ …) reads as its letters unless it was typed as such;
* when the printed text is known, a lower twin (e.g. 〜 U+301C) that was never
  printed becomes the twin that was (～ U+FF5E), and glyphs left unmapped are matched
  to the supplementary-plane characters of the text by their neighbours on the page.

The file is then written back with fresh object offsets (:mod:`pdf_file`). Files
this cannot parse raise :class:`PdfTextFixError`; the caller keeps Qt's output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from alliance_desk.documents.ideographs import equivalent_unified
from alliance_desk.documents.pdf_file import PdfFile, PdfFormatError, Stream

PdfTextFixError = PdfFormatError

# Pairs (lower code point, higher code point) that Noto CJK / Source Han draw with one
# glyph, where the lower one (Qt's pick) is the less likely one in a Chinese document.
SHARED_GLYPH_TWINS: tuple[tuple[int, int], ...] = (
    (0x2003, 0x3000),  # EM SPACE / IDEOGRAPHIC SPACE
    (0x2012, 0x2013),  # FIGURE DASH / EN DASH
    (0x2035, 0xFF40),  # REVERSED PRIME / FULLWIDTH GRAVE ACCENT
    (0x2215, 0xFF0F),  # DIVISION SLASH / FULLWIDTH SOLIDUS
    (0x2329, 0x3008),  # LEFT-POINTING ANGLE BRACKET / LEFT ANGLE BRACKET
    (0x232A, 0x3009),  # RIGHT-POINTING ANGLE BRACKET / RIGHT ANGLE BRACKET
    (0x301C, 0xFF5E),  # WAVE DASH / FULLWIDTH TILDE
    (0x3588, 0x439B),  # two Ext-A ideographs drawn alike
    (0x363D, 0x39B3),
)

# Code points that are never the right reading of a drawn glyph.
ALWAYS_REPLACED: Mapping[int, str] = {0x09: " ", 0x0A: " ", 0x0D: " "}

# Latin ligatures the shaper substitutes (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ).
LIGATURES = range(0xFB00, 0xFB07)

_SUPPLEMENTARY = re.compile("[\U00010000-\U0010ffff]")


@dataclass
class FixReport:
    """What :func:`fix_pdf` changed."""

    cmaps_seen: int = 0
    cmaps_changed: int = 0
    replaced: dict[str, str] = field(default_factory=dict)  # wrong → right
    recovered: dict[str, int] = field(default_factory=dict)  # character → glyphs mapped


# --------------------------------------------------------------------- CMap text


def replacements_for(printed_text: str | None = None) -> dict[int, str]:
    """Destination code point → the text it should read as.

    Without ``printed_text`` only the unconditional rules apply; with it, a twin that
    was never printed is read as the twin that was.
    """
    table: dict[int, str] = {code: chr(target) for code, target in equivalent_unified().items()}
    table.update(ALWAYS_REPLACED)
    for code in LIGATURES:
        if printed_text is None or chr(code) not in printed_text:
            table[code] = unicodedata.normalize("NFKC", chr(code))
    if printed_text:
        for lower, higher in SHARED_GLYPH_TWINS:
            if chr(lower) not in printed_text and chr(higher) in printed_text:
                table[lower] = chr(higher)
    return table


_HEX_TOKEN = rb"<([0-9A-Fa-f\s]*)>"
_BFCHAR_BLOCK = re.compile(rb"(beginbfchar)(.*?)(endbfchar)", re.S)
_BFRANGE_BLOCK = re.compile(rb"(beginbfrange)(.*?)(endbfrange)", re.S)
_BFCHAR_ENTRY = re.compile(_HEX_TOKEN + rb"(\s*)" + _HEX_TOKEN)
_BFRANGE_ENTRY = re.compile(
    _HEX_TOKEN + rb"(\s*)" + _HEX_TOKEN + rb"(\s*)(" + _HEX_TOKEN + rb"|\[[^\]]*\])"
)
_ARRAY_ITEM = re.compile(_HEX_TOKEN)


def _hex_to_text(hex_digits: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hex_digits).decode("ascii"))
    return raw.decode("utf-16-be", errors="surrogatepass")


def _text_to_hex(text: str) -> bytes:
    return text.encode("utf-16-be", errors="surrogatepass").hex().upper().encode("ascii")


class _CMapFixer:
    def __init__(self, replacements: Mapping[int, str]) -> None:
        self.replacements = replacements
        self.replaced: dict[str, str] = {}

    def fix_text(self, text: str) -> str:
        fixed = text.translate(self.replacements)
        if fixed != text:
            self.replaced[text] = fixed
        return fixed

    def fix_hex(self, hex_digits: bytes) -> bytes | None:
        """New hex digits for a destination, or ``None`` when it is already right."""
        text = _hex_to_text(hex_digits)
        fixed = self.fix_text(text)
        return None if fixed == text else _text_to_hex(fixed)

    def bfchar_entry(self, match: re.Match[bytes]) -> bytes:
        new = self.fix_hex(match.group(3))
        if new is None:
            return match.group(0)
        return b"<%s>%s<%s>" % (match.group(1), match.group(2), new)

    def bfrange_entry(self, match: re.Match[bytes]) -> bytes:
        low_hex, gap1, high_hex, gap2, dest = match.group(1, 2, 3, 4, 5)
        if dest.startswith(b"["):
            items = _ARRAY_ITEM.sub(self._array_item, dest)
            return (
                match.group(0)
                if items == dest
                else b"".join((b"<", low_hex, b">", gap1, b"<", high_hex, b">", gap2, items))
            )
        low = int(re.sub(rb"\s", b"", low_hex) or b"0", 16)
        high = int(re.sub(rb"\s", b"", high_hex) or b"0", 16)
        first = _hex_to_text(match.group(6))
        if high <= low:
            new = self.fix_hex(match.group(6))
            return (
                match.group(0)
                if new is None
                else b"".join(
                    (b"<", low_hex, b">", gap1, b"<", high_hex, b">", gap2, b"<", new, b">")
                )
            )
        # <lo> <hi> <dst>: code lo+i reads as dst with its last character + i.
        readings = [first[:-1] + chr(ord(first[-1]) + i) for i in range(high - low + 1)]
        fixed = [self.fix_text(reading) for reading in readings]
        if fixed == readings:
            return match.group(0)
        array = b" ".join(b"<" + _text_to_hex(text) + b">" for text in fixed)
        return b"".join((b"<", low_hex, b">", gap1, b"<", high_hex, b">", gap2, b"[", array, b"]"))

    def _array_item(self, match: re.Match[bytes]) -> bytes:
        new = self.fix_hex(match.group(1))
        return match.group(0) if new is None else b"<" + new + b">"

    def fix(self, cmap: bytes) -> bytes:
        def chars(block: re.Match[bytes]) -> bytes:
            body = _BFCHAR_ENTRY.sub(self.bfchar_entry, block.group(2))
            return block.group(1) + body + block.group(3)

        def ranges(block: re.Match[bytes]) -> bytes:
            body = _BFRANGE_ENTRY.sub(self.bfrange_entry, block.group(2))
            return block.group(1) + body + block.group(3)

        return _BFRANGE_BLOCK.sub(ranges, _BFCHAR_BLOCK.sub(chars, cmap))


def fix_cmap(cmap: bytes | str, replacements: Mapping[int, str] | None = None) -> bytes:
    """Rewrite the destinations of a ToUnicode CMap (``bfchar`` and ``bfrange``)."""
    data = cmap.encode("latin-1") if isinstance(cmap, str) else cmap
    return _CMapFixer(replacements_for() if replacements is None else replacements).fix(data)


def parse_cmap(cmap: bytes) -> dict[int, str]:
    """Source code → text, from every ``bfchar`` and ``bfrange`` entry of a CMap."""
    mapping: dict[int, str] = {}
    for block in _BFCHAR_BLOCK.finditer(cmap):
        for entry in _BFCHAR_ENTRY.finditer(block.group(2)):
            mapping[int(re.sub(rb"\s", b"", entry.group(1)), 16)] = _hex_to_text(entry.group(3))
    for block in _BFRANGE_BLOCK.finditer(cmap):
        for entry in _BFRANGE_ENTRY.finditer(block.group(2)):
            low = int(re.sub(rb"\s", b"", entry.group(1)), 16)
            high = int(re.sub(rb"\s", b"", entry.group(3)), 16)
            if entry.group(5).startswith(b"["):
                items = [_hex_to_text(m.group(1)) for m in _ARRAY_ITEM.finditer(entry.group(5))]
                mapping.update(zip(range(low, high + 1), items, strict=False))
            else:
                first = _hex_to_text(entry.group(6))
                for i in range(high - low + 1):
                    mapping[low + i] = first[:-1] + chr(ord(first[-1]) + i)
    return mapping


def add_bfchar(cmap: bytes, entries: Mapping[int, str]) -> bytes:
    """``cmap`` with ``bfchar`` entries (code → text) added before ``endcmap``."""
    if not entries:
        return cmap
    items = sorted(entries.items())
    blocks = []
    for start in range(0, len(items), 100):  # at most 100 entries per block
        chunk = items[start : start + 100]
        lines = b"".join(b"<%04X> <%s>\n" % (code, _text_to_hex(text)) for code, text in chunk)
        blocks.append(b"%d beginbfchar\n%sendbfchar\n" % (len(chunk), lines))
    at = cmap.rfind(b"endcmap")
    if at < 0:
        raise PdfTextFixError("CMap without endcmap")
    return cmap[:at] + b"".join(blocks) + cmap[at:]


# ------------------------------------------------- glyphs beyond the BMP, by context

_CONTENT_TOKEN = re.compile(
    rb"\bBT\b|\bET\b|/([^\s/\[\]<>()]+)\s+[-+\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>\s*Tj"
    rb"|\[([^\]]*)\]\s*TJ"
)
_FONT_ENTRIES = re.compile(rb"/([^\s/<>\[\]()]+)\s+(\d+)\s+\d+\s+R")


def _text_runs(pdf: PdfFile, font_cmaps: Mapping[int, int]) -> Iterator[tuple[int, list[int]]]:
    """(ToUnicode object, glyph codes) for each run of text drawn in one font.

    ``font_cmaps`` maps font objects to their ToUnicode objects. A run ends at ET or a
    font change; Qt draws each text-layout item in its own BT … ET.
    """
    for page in pdf.objects_with(b"/Contents"):
        dictionary = pdf.dictionary(page)
        if b"/Type /Page" not in dictionary and b"/Type/Page" not in dictionary:
            continue
        resources = pdf.references(dictionary, b"Resources")
        resource_text = pdf.dictionary(resources[0]) if resources else dictionary
        fonts_at = resource_text.find(b"/Font")
        fonts: dict[bytes, int] = {}
        if fonts_at >= 0:
            block = resource_text[fonts_at : resource_text.find(b">>", fonts_at) + 2]
            for name, number in _FONT_ENTRIES.findall(block):
                if int(number) in font_cmaps:
                    fonts[name] = font_cmaps[int(number)]
        for content in pdf.references(dictionary, b"Contents"):
            stream = pdf.stream(content)
            if stream is None:
                continue
            current: int | None = None
            run: list[int] = []
            for token in _CONTENT_TOKEN.finditer(stream.decoded):
                if token.group(1) is not None:
                    if run and current is not None:
                        yield current, run
                    run, current = [], fonts.get(token.group(1))
                elif token.group(2) is not None or token.group(3) is not None:
                    for digits in re.findall(rb"<([0-9A-Fa-f\s]*)>", token.group(0)):
                        hex_digits = re.sub(rb"\s", b"", digits)
                        run += [
                            int(hex_digits[i : i + 4], 16) for i in range(0, len(hex_digits), 4)
                        ]
                else:  # BT or ET
                    if run and current is not None:
                        yield current, run
                    run = []
            if run and current is not None:
                yield current, run


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


_ONE_SUPPLEMENTARY = "([\\U00010000-\\U0010FFFF])"


def _run_pattern(
    runs: list[tuple[int, list[int]]], cmaps: Mapping[int, Mapping[int, str]]
) -> tuple[str, list[tuple[int, int]]]:
    """A regex for consecutive runs; each unmapped glyph is one capture group."""
    parts: list[str] = []
    groups: list[tuple[int, int]] = []
    for cmap_object, codes in runs:
        cmap = cmaps[cmap_object]
        for code in codes:
            if not code:
                continue  # .notdef: the font had no glyph, nothing legible was drawn
            if code in cmap:
                parts.append(re.escape(_squeezed(cmap[code])))
            else:
                parts.append(_ONE_SUPPLEMENTARY)
                groups.append((cmap_object, code))
    return "".join(parts), groups


def recover_supplementary(
    pdf: PdfFile, cmaps: Mapping[int, Mapping[int, str]], printed_text: str
) -> dict[int, dict[int, str]]:
    """ToUnicode object → {code: character} for glyphs Qt left without a reading.

    Qt's reverse lookup only walks the BMP, so a glyph for 𠮷 (U+20BB7) gets no
    ToUnicode entry. Each run of text holding such glyphs is matched against the
    printed text — with the runs drawn just before and after it when they match too,
    since a fallback font may draw the character alone — with its known characters
    fixed and each unknown glyph standing for one supplementary-plane character. A
    glyph is mapped when all its runs agree, or when only one candidate is left once
    the other glyphs of its font are mapped.
    """
    haystack = _squeezed(printed_text)
    font_cmaps = {
        font: ref
        for font in pdf.objects_with(b"/ToUnicode")
        for ref in pdf.references(pdf.dictionary(font), b"ToUnicode")[:1]
        if ref in cmaps
    }
    runs = list(_text_runs(pdf, font_cmaps))
    candidates: dict[tuple[int, int], set[str]] = {}
    for index, (cmap_object, codes) in enumerate(runs):
        unknown = {(cmap_object, code) for code in codes if code and code not in cmaps[cmap_object]}
        if not unknown:
            continue
        for first, last in (
            (index - 1, index + 1),
            (index - 1, index),
            (index, index + 1),
            (index, index),
        ):
            if first < 0 or last >= len(runs):
                continue
            pattern, groups = _run_pattern(runs[first : last + 1], cmaps)
            found: dict[tuple[int, int], set[str]] = {key: set() for key in unknown}
            for match in re.finditer(f"(?=({pattern}))", haystack):
                for key, character in zip(groups, match.groups()[1:], strict=True):
                    if key in found:
                        found[key].add(character)
            if any(found.values()):
                for key, characters in found.items():
                    candidates[key] = candidates.get(key, characters) & characters
                break
    return _decide(candidates)


def _decide(candidates: dict[tuple[int, int], set[str]]) -> dict[int, dict[int, str]]:
    """Settle single candidates, then eliminate settled characters within each font."""
    settled: dict[tuple[int, int], str] = {}
    progress = True
    while progress:
        progress = False
        for key, characters in candidates.items():
            if key in settled:
                continue
            taken = {c for (obj, _code), c in settled.items() if obj == key[0]}
            left = characters - taken
            if len(left) == 1:
                settled[key] = left.pop()
                progress = True
    recovered: dict[int, dict[int, str]] = {}
    for (cmap_object, code), character in settled.items():
        recovered.setdefault(cmap_object, {})[code] = character
    for entries in recovered.values():  # one glyph per character within a font
        codes_of: dict[str, list[int]] = {}
        for code, character in entries.items():
            codes_of.setdefault(character, []).append(code)
        for codes in codes_of.values():
            if len(codes) > 1:
                for code in codes:
                    del entries[code]
    return {obj: entries for obj, entries in recovered.items() if entries}


# --------------------------------------------------------------------- PDF file


def fix_pdf(data: bytes, printed_text: str | None = None) -> tuple[bytes, FixReport]:
    """Return the PDF with every ToUnicode CMap repaired, and what was changed."""
    pdf = PdfFile(data)
    fixer = _CMapFixer(replacements_for(printed_text))
    report = FixReport()
    streams: dict[int, Stream] = {}
    fixed: dict[int, bytes] = {}
    for font in pdf.objects_with(b"/ToUnicode"):
        for number in pdf.references(pdf.dictionary(font), b"ToUnicode"):
            if number in streams:
                continue
            stream = pdf.stream(number)
            if stream is None:
                continue
            report.cmaps_seen += 1
            streams[number] = stream
            fixed[number] = fixer.fix(stream.decoded)
    if printed_text and _SUPPLEMENTARY.search(printed_text):
        parsed = {number: parse_cmap(cmap) for number, cmap in fixed.items()}
        for number, entries in recover_supplementary(pdf, parsed, printed_text).items():
            fixed[number] = add_bfchar(fixed[number], entries)
            for character in entries.values():
                report.recovered[character] = report.recovered.get(character, 0) + 1
    for number, cmap in fixed.items():
        if cmap != streams[number].decoded:
            pdf.replace_stream(streams[number], cmap)
            report.cmaps_changed += 1
    report.replaced = dict(fixer.replaced)
    return pdf.write(), report


def fix_pdf_file(path: str | Path, printed_text: str | None = None) -> FixReport:
    """Repair the PDF at ``path`` in place (rewritten only when something changed)."""
    target = Path(path)
    data = target.read_bytes()
    result, report = fix_pdf(data, printed_text)
    if result is not data:
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(result)
        partial.replace(target)
    return report
