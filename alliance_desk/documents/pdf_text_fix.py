"""Repair the text layer of the PDFs Qt writes, with the standard library only.

Qt builds each font's ToUnicode CMap by asking, for every BMP code point in
ascending order, which glyph the font's cmap gives it, and keeps the first (lowest)
code point per glyph. CJK fonts share one glyph between 人 and ⼈ (U+2F08), 民 and
⺠ (U+2EA0), ～ (U+FF5E) and 〜 (U+301C), a space and a tab … so the radical or the
odd twin wins and a clerk's search for 人民 in the archive finds nothing.

Glyphs no BMP code point maps to get no entry at all: those of characters beyond the
BMP (names such as 𠮷 or 𫖯), and every glyph the shaper substitutes through the
font's OpenType features — under a Chinese default locale (the app sets one) Noto
CJK draws ASCII quotes and apostrophes with ``locl`` variants, and after Latin
letters it draws digits with proportional variants. An extractor then reads the
glyph's raw code as a code point: the quote subset-numbered 0x0032 comes out as "2".

:func:`fix_pdf` rewrites every ToUnicode stream of a finished PDF:

* a destination that is a radical/stroke look-alike becomes its unified ideograph
  (always safe: the print path maps such characters in the text away first);
* a tab becomes a space (Qt never draws a tab glyph, it is the space glyph);
* a typographic ligature (ﬁ, ﬃ …) reads as its letters unless it was typed as such,
  and so does the two-em dash ⸺ that stands for a printed —— (⸻ for ———);
* when the printed text is known, a twin that was never printed (〜 U+301C, or
  ― U+2015 for an em dash drawn between Han characters) becomes the twin that was
  (～ U+FF5E, — U+2014), and a drawn glyph without a reading gets the character its
  neighbours on the page pin down in the printed text;
* a drawn glyph whose reading is still not certain reads as U+FFFD REPLACEMENT
  CHARACTER — never as its raw code, and never as a guess.

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

# Pairs of characters that Noto CJK / Source Han draw with one glyph. Mostly their cmap
# shares it and Qt names the lower code point; EM DASH between Han characters under a
# Chinese locale is drawn (locl) with the HORIZONTAL BAR glyph, which Qt names U+2015.
# Either way the PDF may name the twin of the character that was printed.
SHARED_GLYPH_TWINS: tuple[tuple[int, int], ...] = (
    (0x2003, 0x3000),  # EM SPACE / IDEOGRAPHIC SPACE
    (0x2012, 0x2013),  # FIGURE DASH / EN DASH
    (0x2014, 0x2015),  # EM DASH / HORIZONTAL BAR
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

# Noto CJK draws —— (the Chinese dash) as one glyph, the two-em dash ⸺, and ——— as ⸻.
DASH_LIGATURES: Mapping[int, str] = {0x2E3A: "\u2014" * 2, 0x2E3B: "\u2014" * 3}

# What a drawn glyph reads as when nothing tells for certain which character it is.
UNKNOWN_READING = "\ufffd"


@dataclass
class FixReport:
    """What :func:`fix_pdf` changed."""

    cmaps_seen: int = 0
    cmaps_changed: int = 0
    replaced: dict[str, str] = field(default_factory=dict)  # wrong → right
    recovered: dict[str, int] = field(default_factory=dict)  # character → glyphs mapped
    unknown: int = 0  # drawn glyphs left without a certain reading (→ U+FFFD)


# --------------------------------------------------------------------- CMap text


def replacements_for(printed_text: str | None = None) -> dict[int, str]:
    """Destination code point → the text it should read as.

    Without ``printed_text`` only the unconditional rules apply; with it, a twin that
    was never printed is read as the twin that was (both printed: left alone).
    """
    table: dict[int, str] = {code: chr(target) for code, target in equivalent_unified().items()}
    table.update(ALWAYS_REPLACED)
    for code in LIGATURES:
        if printed_text is None or chr(code) not in printed_text:
            table[code] = unicodedata.normalize("NFKC", chr(code))
    if printed_text:
        for code, dashes in DASH_LIGATURES.items():
            if chr(code) not in printed_text and dashes in printed_text:
                table[code] = dashes
        for first, second in SHARED_GLYPH_TWINS:
            for named, twin in ((first, second), (second, first)):
                if chr(named) not in printed_text and chr(twin) in printed_text:
                    table[named] = chr(twin)
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


# ---------------------------------------------- glyphs without a reading, by context

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


_WIDTHS = re.compile(rb"/W\s*\[((?:[^\[\]]|\[[^\]]*\])*)\]")
_WIDTH_ITEM = re.compile(rb"(\d+)\s*\[([^\]]*)\]|(\d+)\s+(\d+)\s+[\d.]+")


def subset_codes(pdf: PdfFile, font: int) -> set[int] | None:
    """The glyph codes of a Type 0 font's subset, read off its CIDFont's ``/W`` widths.

    Qt puts a glyph into the subset when it draws it and lists the width of every glyph
    of the subset, so these are all the codes its pages can draw. When every width is
    the default (no ``/W``), the embedded TrueType subset's glyph count says the same.
    ``None`` when neither can be read (then only the content streams can tell).
    """
    descendants = pdf.references(pdf.dictionary(font), b"DescendantFonts")
    if len(descendants) != 1:
        return None
    cid_font = pdf.dictionary(descendants[0])
    widths = _WIDTHS.search(cid_font)
    if widths is None:
        count = _truetype_glyph_count(pdf, cid_font)
        return None if count is None else set(range(count))
    codes: set[int] = set()
    for item in _WIDTH_ITEM.finditer(widths.group(1)):
        if item.group(1) is not None:
            first = int(item.group(1))
            codes.update(range(first, first + len(item.group(2).split())))
        else:
            codes.update(range(int(item.group(3)), int(item.group(4)) + 1))
    return codes


def _truetype_glyph_count(pdf: PdfFile, cid_font: bytes) -> int | None:
    """``numGlyphs`` of the ``maxp`` table of the CIDFont's embedded TrueType program."""
    descriptors = pdf.references(cid_font, b"FontDescriptor")
    programs = pdf.references(pdf.dictionary(descriptors[0]), b"FontFile2") if descriptors else []
    stream = pdf.stream(programs[0]) if programs else None
    if stream is None:
        return None
    font = stream.decoded
    if len(font) < 12:
        return None
    tables = int.from_bytes(font[4:6], "big")
    for record in range(12, min(12 + 16 * tables, len(font)), 16):
        if font[record : record + 4] == b"maxp":
            offset = int.from_bytes(font[record + 8 : record + 12], "big")
            if offset + 6 <= len(font):
                return int.from_bytes(font[offset + 4 : offset + 6], "big")
    return None


def may_have_unmapped(
    pdf: PdfFile, font_cmaps: Mapping[int, int], cmaps: Mapping[int, Mapping[int, str]]
) -> bool:
    """Whether some font's subset holds a glyph its CMap gives no reading.

    When none does, no drawn glyph can lack a reading and the content streams need not
    be read: on a 1,034-page report that scan took 3.0 of the repair's 3.4 s.
    """
    for font, cmap_object in font_cmaps.items():
        codes = subset_codes(pdf, font)
        if codes is None:
            return True
        cmap = cmaps[cmap_object]
        if any(code and code not in cmap for code in codes):
            return True
    return False


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


Key = tuple[int, int]  # (ToUnicode object, glyph code)


def unmapped_glyphs(
    runs: list[tuple[int, list[int]]], cmaps: Mapping[int, Mapping[int, str]]
) -> set[Key]:
    """The drawn glyphs their font's CMap gives no reading (``.notdef`` aside)."""
    return {(obj, code) for obj, codes in runs for code in codes if code and code not in cmaps[obj]}


# A glyph may stand for several characters: a ligature such as ﬃ, or —— that Noto
# CJK draws as one two-em dash (under a Chinese locale with a glyph no code point has).
LONGEST_READING = 3

Template = tuple[str | Key, ...]  # known text, or an unmapped glyph, in drawing order


def _run_template(
    runs: list[tuple[int, list[int]]], cmaps: Mapping[int, Mapping[int, str]]
) -> Template:
    """Consecutive runs as the known text between their unmapped glyphs, and those."""
    parts: list[str | Key] = []
    for cmap_object, codes in runs:
        cmap = cmaps[cmap_object]
        for code in codes:
            if not code:
                continue  # .notdef: the font had no glyph, nothing legible was drawn
            if code not in cmap:
                parts.append((cmap_object, code))
            elif parts and isinstance(parts[-1], str):
                parts[-1] += _squeezed(cmap[code])
            else:
                parts.append(_squeezed(cmap[code]))
    return tuple(part for part in parts if part)


def _readings_in(
    template: Template, lengths: Mapping[Key, int], haystack: str
) -> dict[Key, set[str]]:
    """Key → every text it stands for where ``template`` matches ``haystack``.

    Each unmapped glyph stands for ``lengths[key]`` characters, the same text
    wherever it recurs; known text must match as it is. Matches may overlap.
    """
    anchor, offset, at = "", 0, 0
    for part in template:  # the longest known text, and where it lies in a match
        if isinstance(part, str):
            if len(part) > len(anchor):
                anchor, offset = part, at
            at += len(part)
        else:
            at += lengths[part]
    found: dict[Key, set[str]] = {part: set() for part in template if not isinstance(part, str)}
    spot = haystack.find(anchor)
    while spot >= 0:
        texts = _match_at(template, lengths, haystack, spot - offset)
        if texts is not None:
            for key, text in texts.items():
                found[key].add(text)
        spot = haystack.find(anchor, spot + 1)
    return found


def _match_at(
    template: Template, lengths: Mapping[Key, int], haystack: str, start: int
) -> dict[Key, str] | None:
    if start < 0:
        return None
    texts: dict[Key, str] = {}
    at = start
    for part in template:
        if isinstance(part, str):
            if not haystack.startswith(part, at):
                return None
            at += len(part)
        else:
            text = haystack[at : at + lengths[part]]
            if len(text) < lengths[part] or texts.setdefault(part, text) != text:
                return None
            at += len(text)
    return texts


def _lengths(template: Template, varied: set[Key]) -> Iterator[dict[Key, int]]:
    """Reading lengths to try for the unmapped glyphs of ``template``.

    One character each; then, for each glyph of ``varied`` in turn, a ligature of two
    up to :data:`LONGEST_READING` characters.
    """
    single = {part: 1 for part in template if not isinstance(part, str)}
    yield single
    for key in single.keys() & varied:
        for length in range(2, LONGEST_READING + 1):
            yield {**single, key: length}


def recover_unmapped(
    runs: list[tuple[int, list[int]]], cmaps: Mapping[int, Mapping[int, str]], printed_text: str
) -> dict[int, dict[int, str]]:
    """ToUnicode object → {code: text} for drawn glyphs Qt left without a reading.

    Each run of text holding such glyphs is matched against the printed text — with
    the runs drawn just before and after it when they match too, since a fallback
    font may draw a character alone — with its known characters fixed and each
    unmapped glyph standing for one character (or a ligature: :func:`_lengths`), the
    same wherever it recurs. ``runs`` are (ToUnicode object, glyph codes) in drawing
    order (:func:`_text_runs`).

    A glyph is mapped only when exactly one reading fits every run of it that matches
    somewhere; while two fit, or none, it stays unmapped, and so does a glyph drawn
    only among other unmapped glyphs. Nothing is inferred by elimination: a font may
    draw one character with several glyphs (its cmap glyph and the variants its
    features substitute), so "the other glyphs are taken" proves nothing.
    """
    haystack = _squeezed(printed_text)
    candidates: dict[Key, set[str]] = {}
    found: dict[tuple[Template, tuple[int, ...]], dict[Key, set[str]]] = {}
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
            template = _run_template(runs[first : last + 1], cmaps)
            if all(not isinstance(part, str) for part in template):
                break  # it would match anywhere: it tells nothing
            readings: dict[Key, set[str]] = {key: set() for key in unknown}
            for lengths in _lengths(template, unknown):
                memo = (template, tuple(lengths.values()))
                if memo not in found:
                    found[memo] = _readings_in(template, lengths, haystack)
                for key, texts in readings.items():
                    texts |= found[memo][key]
            if any(readings.values()):
                for key, texts in readings.items():
                    candidates[key] = candidates.get(key, texts) & texts
                break
    recovered: dict[int, dict[int, str]] = {}
    for (cmap_object, code), texts in candidates.items():
        if len(texts) == 1:
            recovered.setdefault(cmap_object, {})[code] = next(iter(texts))
    return recovered


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
    parsed = {number: parse_cmap(cmap) for number, cmap in fixed.items()}
    font_cmaps = {
        font: ref
        for font in pdf.objects_with(b"/ToUnicode")
        for ref in pdf.references(pdf.dictionary(font), b"ToUnicode")[:1]
        if ref in parsed
    }
    runs = list(_text_runs(pdf, font_cmaps)) if may_have_unmapped(pdf, font_cmaps, parsed) else []
    unmapped = unmapped_glyphs(runs, parsed)
    if unmapped:
        recovered = recover_unmapped(runs, parsed, printed_text) if printed_text else {}
        added: dict[int, dict[int, str]] = {}
        for number, code in sorted(unmapped):
            character = recovered.get(number, {}).get(code)
            if character is None:
                report.unknown += 1
                character = UNKNOWN_READING
            else:
                report.recovered[character] = report.recovered.get(character, 0) + 1
            added.setdefault(number, {})[code] = character
        for number, entries in added.items():
            fixed[number] = add_bfchar(fixed[number], entries)
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
