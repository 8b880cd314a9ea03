"""The digest's chart: the week's messages (bars) and drafts waiting (line), as a PNG.

Drawn with Pillow (already a dependency) so that the email needs no charting library and no
remote image: the PNG travels inline in the message.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot.digest.figures import DayPoint

WIDTH, HEIGHT = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 28, 36
_BAR = (9, 105, 218)
_LINE = (207, 34, 46)
_GRID = (208, 215, 222)
_TEXT = (87, 96, 106)


def chart_png(points: tuple[DayPoint, ...]) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    top = max([1, *(p.messages for p in points), *(p.backlog for p in points)])
    scale = _nice(top)
    plot_h = HEIGHT - _TOP - _BOTTOM
    plot_w = WIDTH - _LEFT - _RIGHT
    for step in range(6):
        value = scale * step / 5
        y = HEIGHT - _BOTTOM - plot_h * step / 5
        draw.line([(_LEFT, y), (WIDTH - _RIGHT, y)], fill=_GRID)
        draw.text((4, y - 6), f"{value:g}", fill=_TEXT, font=font)
    slot = plot_w / max(1, len(points))
    line: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        x = _LEFT + slot * index
        bar_h = plot_h * point.messages / scale
        draw.rectangle(
            [x + slot * 0.2, HEIGHT - _BOTTOM - bar_h, x + slot * 0.8, HEIGHT - _BOTTOM], fill=_BAR
        )
        line.append((x + slot / 2, HEIGHT - _BOTTOM - plot_h * point.backlog / scale))
        draw.text(
            (x + slot * 0.2, HEIGHT - _BOTTOM + 6),
            point.day.strftime("%a %d"),
            fill=_TEXT,
            font=font,
        )
    if len(line) > 1:
        draw.line(line, fill=_LINE, width=3)
    for x, y in line:
        draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=_LINE)
    draw.rectangle([_LEFT, 8, _LEFT + 10, 18], fill=_BAR)
    draw.text((_LEFT + 16, 8), "messages received", fill=_TEXT, font=font)
    draw.line([(_LEFT + 150, 13), (_LEFT + 170, 13)], fill=_LINE, width=3)
    draw.text((_LEFT + 176, 8), "drafts waiting at the end of the day", fill=_TEXT, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _nice(value: int) -> float:
    """A round axis top at or above `value` (1, 2, 5 times a power of ten)."""
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= value:
            return float(factor * magnitude)
    return float(value)
