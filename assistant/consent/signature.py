"""Handwritten signatures as strokes: checked, normalised and drawn as a PNG.

A signature pad records strokes, each a list of ``(x, y)`` points in the pad's own pixels.
What is stored is the strokes themselves (the evidence: they can be drawn again at any size)
and a PNG rendered from them with Pillow, which the consent PDF shows."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

from PIL import Image, ImageDraw

from assistant.errors import InvalidInput
from assistant.text.i18n import _

Point = tuple[float, float]
Stroke = tuple[Point, ...]
Strokes = tuple[Stroke, ...]

MIN_EXTENT = 10.0  # a signature spans at least this many pad pixels, so a tap is not one
MAX_POINTS = 20_000
IMAGE_WIDTH = 600
IMAGE_HEIGHT = 200
MARGIN = 12
LINE_WIDTH = 4


def normalise_strokes(strokes: Iterable[Iterable[Sequence[float]]], field: str) -> Strokes:
    """Strokes as tuples of rounded points; an empty or scribble-free signature is refused."""
    result: list[Stroke] = []
    total = 0
    try:
        for stroke in strokes:
            points: list[Point] = []
            for point in stroke:
                x, y = float(point[0]), float(point[1])
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise ValueError
                points.append((round(x, 1), round(y, 1)))
            total += len(points)
            if points:
                result.append(tuple(points))
    except (TypeError, ValueError, IndexError):
        raise InvalidInput(
            _("The signature could not be read; clear it and sign again."), field
        ) from None
    if total > MAX_POINTS:
        raise InvalidInput(_("The signature is too long; clear it and sign again."), field)
    xs = [x for stroke in result for x, _ in stroke]
    ys = [y for stroke in result for _, y in stroke]
    if not result or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        raise InvalidInput(_("The signature is empty; sign in the box."), field)
    return tuple(result)


def strokes_json(strokes: Strokes) -> list[list[list[float]]]:
    return [[[x, y] for x, y in stroke] for stroke in strokes]


def render_png(strokes: Strokes) -> bytes:
    """The signature in black on white, scaled to fit a 600 × 200 image."""
    xs = [x for stroke in strokes for x, _ in stroke]
    ys = [y for stroke in strokes for _, y in stroke]
    left, top = min(xs), min(ys)
    width = max(max(xs) - left, 1.0)
    height = max(max(ys) - top, 1.0)
    scale = min((IMAGE_WIDTH - 2 * MARGIN) / width, (IMAGE_HEIGHT - 2 * MARGIN) / height)
    image = Image.new("L", (IMAGE_WIDTH, IMAGE_HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [(MARGIN + (x - left) * scale, MARGIN + (y - top) * scale) for x, y in stroke]
        if len(points) == 1:
            x, y = points[0]
            r = LINE_WIDTH / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
        else:
            draw.line(points, fill=0, width=LINE_WIDTH, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
