"""Draw callwise's app icons (a white phone handset on the header's ink colour) with Pillow.

Run once by hand after changing the design; the PNG and ICO files it writes under
src/callwise/web/static/icons/ are committed, the app never draws them at run time.
The handset stays inside the central 80% circle, the safe zone of a maskable icon.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

INK = (0x1D, 0x23, 0x30)  # --ink in web/static/style.css: the header and the theme colour
ACCENT = (0x1F, 0x6F, 0xEB)  # --accent
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "src" / "callwise" / "web" / "static" / "icons"
SCALE = 4  # drawn larger, then shrunk, for smooth edges


def handset(size: int) -> Image.Image:
    """A full-bleed square: the ink background, an accent disc and a handset inside it."""
    big = size * SCALE
    image = Image.new("RGB", (big, big), INK)
    draw = ImageDraw.Draw(image)
    centre = big / 2
    disc = big * 0.34  # the disc's radius stays within the 40% safe-zone radius
    draw.ellipse((centre - disc, centre - disc, centre + disc, centre + disc), fill=ACCENT)
    _draw_handset(draw, centre, big * 0.2)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _draw_handset(draw: ImageDraw.ImageDraw, centre: float, half: float) -> None:
    """The handset: a thick quarter arc bulging to the lower left, a pad at each end."""
    width = round(half * 0.55)
    radius = half * 1.15
    ox, oy = centre + half * 0.25, centre - half * 0.27  # the arc's centre: glyph centred
    box = (ox - radius, oy - radius, ox + radius, oy + radius)
    draw.arc(box, start=90, end=180, fill=WHITE, width=width)
    pad, depth = width * 1.5, width * 1.6
    outer = radius  # the arc's outer edge; the pads reach inwards from it
    draw.rounded_rectangle(
        (ox - outer, oy - pad * 0.8, ox - outer + depth, oy + width * 0.2),
        radius=width * 0.45,
        fill=WHITE,
    )
    draw.rounded_rectangle(
        (ox - width * 0.2, oy + outer - depth, ox + pad * 0.8, oy + outer),
        radius=width * 0.45,
        fill=WHITE,
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        handset(size).save(OUT / f"icon-{size}.png", optimize=True)
    handset(180).save(OUT / "apple-touch-icon.png", optimize=True)
    handset(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
