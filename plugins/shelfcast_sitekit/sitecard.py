"""The library's own link-preview card (images/site-card.png), drawn by `invoke init`. Pure.

A shared link shows this picture on every page that has none of its own, so the demo's card
must never outlive init. The card is the library's name and tagline on its accent colour, in
a system sans-serif (DejaVu or Liberation, which Pillow finds in the system's font folders)
or, where there is none, Pillow's built-in font with the letters it lacks spelled plainly
(ø as o): never a box for a missing glyph. 1200x630, as Open Graph asks.
"""

from __future__ import annotations

import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo
from shelfcast_library.colours import brand, parse_hex

CARD_SIZE = (1200, 630)
MARGIN = 80
NEUTRAL_COLOUR = "#0b5394"
# A text chunk that tells a card init drew (and may redraw) from one the library made.
CARD_MARK = "shelfcast-card"
SYSTEM_FONTS = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf")
# Letters NFKD does not take apart into a base letter and a mark.
PLAIN_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l",
                               "Ł": "L", "đ": "d", "Đ": "D", "–": "-", "—": "-", "’": "'"})


def card_font(size: int) -> tuple[object, bool]:
    """A font and whether it has every Nordic letter (a system font) or not (the built-in)."""
    for name in SYSTEM_FONTS:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:  # not installed here: try the next
            continue
    return ImageFont.load_default(size=size), False


def plain(text: str) -> str:
    """The text in letters the built-in font has: accents dropped, ø as o."""
    folded = unicodedata.normalize("NFKD", text.translate(PLAIN_LETTERS))
    return "".join(c for c in folded if not unicodedata.combining(c)).encode(
        "ascii", "replace").decode("ascii")


def _wrapped(draw, text: str, font, width: int) -> list[str]:
    """The text's words in lines no wider than `width` pixels."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + ([line] if line else [])


def card_png(name: str, tagline: str, colour: str | None) -> bytes:
    """The card's PNG bytes: name (large) and tagline on the accent colour, a band below."""
    # The card's text is the colour the site writes on its buttons: one choice, one place.
    background = parse_hex(colour or NEUTRAL_COLOUR)
    ink = parse_hex(brand(colour or NEUTRAL_COLOUR).button_text)
    image = Image.new("RGB", CARD_SIZE, background)
    draw = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 2 * MARGIN
    title_font, full = card_font(80)
    small_font, _full = card_font(42)
    if not full:
        name, tagline = plain(name), plain(tagline)
    y = MARGIN
    for line in _wrapped(draw, name, title_font, width)[:3]:
        draw.text((MARGIN, y), line, font=title_font, fill=ink)
        y += 100
    y += 30
    for line in _wrapped(draw, tagline, small_font, width)[:3]:
        draw.text((MARGIN, y), line, font=small_font, fill=ink)
        y += 58
    draw.rectangle((0, CARD_SIZE[1] - 24, CARD_SIZE[0], CARD_SIZE[1]), fill=ink)
    out = io.BytesIO()
    info = PngInfo()
    info.add_text("Software", CARD_MARK)
    image.save(out, "PNG", optimize=True, pnginfo=info)
    return out.getvalue()
