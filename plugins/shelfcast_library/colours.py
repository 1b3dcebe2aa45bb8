"""The library's accent colour: WCAG contrast, and the hover and dark-mode variants. Pure.

Links and buttons take the accent colour, so it must reach WCAG AA for text (4.5:1) on every
surface the theme puts it on: the page, cards, the footer and the boxes (light mode), and the
same surfaces in dark mode (where the theme uses a lightened variant); button and header-band
text on the colour itself is white or near-black, whichever reads better. A colour that fails
is refused, naming the surface, with a darker one of the same hue suggested that passes all
of them. The surfaces are the theme's (static/css/site.css: --bg, --card, --surface).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIGHT_BACKGROUND = "#fdfdfb"
DARK_BACKGROUND = "#141414"
# Every background accent-coloured text sits on (site.css), named as a librarian sees it.
LIGHT_SURFACES = {"the white page background": LIGHT_BACKGROUND, "cards": "#ffffff",
                  "the footer and boxes": "#f3f1ea"}
DARK_SURFACES = {"the dark page background": DARK_BACKGROUND, "dark cards": "#1b1b1b",
                 "the dark footer and boxes": "#1f1f1f"}
ON_COLOUR = ((255, 255, 255), (17, 17, 17))  # button and header-band text: white or near-black
AA_TEXT = 4.5
HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int] | None:
    match = HEX.match(colour.strip()) if isinstance(colour, str) else None
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _towards(rgb, target: int, share: float) -> tuple[int, int, int]:
    return tuple(round(c + (target - c) * share) for c in rgb)


def worst_surface(rgb, surfaces: dict) -> tuple[str, str, float]:
    """The surface (name, hex, contrast) on which the colour reads worst."""
    return min(((name, colour, contrast(rgb, parse_hex(colour)))
                for name, colour in surfaces.items()), key=lambda found: found[2])


def _first_passing(rgb, target: int, surfaces) -> tuple[int, int, int]:
    """Mix towards black (0) or white (255) in 1% steps until it reads on every surface."""
    for step in range(101):
        candidate = _towards(rgb, target, step / 100)
        if worst_surface(candidate, surfaces)[2] >= AA_TEXT:
            return candidate
    return _towards(rgb, target, 1)


def ratio_text(value: float) -> str:
    """1 decimal, rounded down, so that a failing 4.49 never reads as a passing '4.5:1'."""
    return f"{int(value * 10) / 10:.1f}:1"


@dataclass(frozen=True)
class Brand:
    """The CSS colours made from one accent colour."""

    link: str
    link_hover: str
    button_text: str
    dark_link: str
    dark_link_hover: str


def accent_problem(colour: str) -> str | None:
    """None when links in this colour are readable; otherwise why not and what to choose."""
    rgb = parse_hex(colour)
    if rgb is None:
        return f"{colour!r} is not a colour; write it as #rrggbb, e.g. \"#0b5394\""
    surface, background, value = worst_surface(rgb, LIGHT_SURFACES)
    if value >= AA_TEXT:
        return None
    suggestion = to_hex(_first_passing(rgb, 0, LIGHT_SURFACES))
    return (f"{colour} has a contrast of {ratio_text(value)} against {surface} "
            f"({background}); links need {AA_TEXT}:1 on every surface: choose a darker "
            f"colour, e.g. {suggestion}")


def brand(colour: str) -> Brand:
    """Hover (darker) and dark-mode (lightened until readable on the dark background) variants."""
    rgb = parse_hex(colour)
    dark = _first_passing(rgb, 255, DARK_SURFACES)
    white, black = ON_COLOUR
    button_text = white if contrast(rgb, white) >= contrast(rgb, black) else black
    return Brand(link=to_hex(rgb), link_hover=to_hex(_towards(rgb, 0, 0.2)),
                 button_text=to_hex(button_text), dark_link=to_hex(dark),
                 dark_link_hover=to_hex(_towards(dark, 255, 0.25)))


def brand_css(colours: Brand) -> str:
    """CSS custom properties the theme's stylesheet uses for links and buttons."""
    return (":root {\n"
            f"  --link: {colours.link}; --link-hover: {colours.link_hover};\n"
            f"  --button-bg: {colours.link}; --button-text: {colours.button_text};\n"
            f"  --brand: {colours.link}; --brand-hover: {colours.link_hover}; "
            f"--on-brand: {colours.button_text};\n"
            "}\n"
            "@media (prefers-color-scheme: dark) {\n"
            "  :root {\n"
            f"    --link: {colours.dark_link}; --link-hover: {colours.dark_link_hover};\n"
            f"    --button-bg: {colours.dark_link}; --button-text: #111111;\n"
            f"    --brand: {colours.dark_link}; --brand-hover: {colours.dark_link_hover}; "
            "--on-brand: #111111;\n"
            "  }\n"
            "}\n")
