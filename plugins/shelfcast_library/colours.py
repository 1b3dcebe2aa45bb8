"""The library's accent colour: WCAG contrast, and the hover and dark-mode variants. Pure.

Links and buttons take the accent colour, so it must reach WCAG AA for text (4.5:1) against
the page background; a colour that does not is refused with a darker one of the same hue
suggested. The backgrounds are the theme's (static/css/site.css, --bg in light and dark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIGHT_BACKGROUND = "#fdfdfb"
DARK_BACKGROUND = "#141414"
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


def _first_passing(rgb, target: int, background) -> tuple[int, int, int]:
    """Mix towards black (0) or white (255) in 1% steps until the contrast is enough."""
    for step in range(101):
        candidate = _towards(rgb, target, step / 100)
        if contrast(candidate, background) >= AA_TEXT:
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
    background = parse_hex(LIGHT_BACKGROUND)
    value = contrast(rgb, background)
    if value >= AA_TEXT:
        return None
    suggestion = to_hex(_first_passing(rgb, 0, background))
    return (f"{colour} has a contrast of {ratio_text(value)} against the white page "
            f"background ({LIGHT_BACKGROUND}); links need {AA_TEXT}:1: choose a darker colour, "
            f"e.g. {suggestion}")


def brand(colour: str) -> Brand:
    """Hover (darker) and dark-mode (lightened until readable on the dark background) variants."""
    rgb = parse_hex(colour)
    dark_bg = parse_hex(DARK_BACKGROUND)
    dark = _first_passing(rgb, 255, dark_bg)
    white, black = (255, 255, 255), (17, 17, 17)
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
