"""Draw the application icon: ``resources/icons/alliance-desk.png`` (256 px) and ``.ico``.

A red rounded square with a gold five-pointed star above three linked rings (the units of
one alliance). Drawn with QPainter from shapes only, so no font is needed; run it again
after changing the drawing: ``uv run python -m scripts.make_icon``.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int):  # -> QImage
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPolygonF

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("#c8102e")))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    gold = QColor("#ffd54a")
    star = QPolygonF()
    for i in range(10):
        radius = 62 if i % 2 == 0 else 25
        angle = -math.pi / 2 + i * math.pi / 5
        star.append(QPointF(128 + radius * math.cos(angle), 92 + radius * math.sin(angle)))
    painter.setBrush(QBrush(gold))
    painter.drawPolygon(star)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(gold, 11))
    for x in (84, 128, 172):
        painter.drawEllipse(QPointF(x, 186), 28, 28)
    painter.end()
    return image


def png_bytes(image) -> bytes:  # QImage -> PNG file bytes
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """A Windows .ico holding one PNG-compressed image per size (Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    png = ICON_DIR / "alliance-desk.png"
    if not draw(256).save(str(png)):
        raise SystemExit(f"cannot write {png}")
    ico = ICON_DIR / "alliance-desk.ico"
    ico.write_bytes(ico_bytes([png_bytes(draw(size)) for size in ICO_SIZES], ICO_SIZES))
    print(png)
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
