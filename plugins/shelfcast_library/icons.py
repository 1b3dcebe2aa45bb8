"""App icons and the favicon made from the library's logo, so a phone's home screen and the
browser tab show the library, not the kit."""

from __future__ import annotations

import os

from PIL import Image, UnidentifiedImageError

# Output path -> pixel size. Apple's touch icon is the 192 one; browsers take the 32 one.
ICON_SIZES = {"icons/favicon-32.png": 32, "icons/icon-192.png": 192, "icons/icon-512.png": 512}


def logo_icons(logo_path: str) -> dict[str, int] | None:
    """The icons a logo can give (a raster image Pillow reads); None for SVG or unreadable."""
    if logo_path.lower().endswith(".svg"):
        return None
    try:
        with Image.open(logo_path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None
    return dict(ICON_SIZES)


def write_icons(logo_path: str, output_path: str, icons: dict[str, int]) -> None:
    """Each icon: the logo centred on a white square with a small margin (no cropping)."""
    with Image.open(logo_path) as original:
        logo = original.convert("RGBA")
    for relative, size in sorted(icons.items()):
        canvas = Image.new("RGBA", (size, size), (255, 255, 255, 255))
        inner = max(1, round(size * 0.86))
        scaled = logo.copy()
        scaled.thumbnail((inner, inner), Image.LANCZOS)
        canvas.alpha_composite(scaled, ((size - scaled.width) // 2, (size - scaled.height) // 2))
        target = os.path.join(output_path, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        canvas.convert("RGB").save(target, "PNG", optimize=True)
