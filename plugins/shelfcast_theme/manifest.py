"""The web app manifest, made from the site's settings and the icons the site really has."""

from __future__ import annotations

import json
import os

ICONS = (("images/icon-192.png", "192x192"), ("images/icon-512.png", "512x512"))


KIT_THEME_COLOUR = "#0b5394"  # --brand in static/css/site.css


def web_manifest(site_name: str, description: str, theme_static_dir: str,
                 existing: set[str], icons_wanted=ICONS, theme_colour=KIT_THEME_COLOUR) -> str:
    """manifest.webmanifest text; lists only icons present in `existing` (output paths)."""
    icons = [{"src": f"{theme_static_dir}/favicon.svg", "type": "image/svg+xml", "sizes": "any"}]
    icons += [{"src": path, "type": "image/png", "sizes": size}
              for path, size in icons_wanted if path in existing]
    data = {"name": site_name, "short_name": site_name[:30], "description": description,
            "start_url": "./", "scope": "./", "display": "browser",
            "background_color": "#fdfdfb", "theme_color": theme_colour, "icons": icons}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_manifest(output_path: str, settings: dict) -> None:
    """SITE_ICONS (icons a plugin made, e.g. from the library's logo) win over content's."""
    made = settings.get("SITE_ICONS") or {}
    icons = tuple((path, f"{size}x{size}") for path, size in made.items() if size >= 192) \
        or ICONS
    existing = {path for path, _size in icons if os.path.isfile(os.path.join(output_path, path))}
    library = settings.get("LIBRARY") if isinstance(settings.get("LIBRARY"), dict) else {}
    # The browser's toolbar takes the header band's colour: the library's accent, if it has one
    # (the library plugin has refused the build already if that colour is unreadable).
    colour = library.get("accent_colour") or KIT_THEME_COLOUR
    text = web_manifest(settings["SITENAME"], settings.get("SITESUBTITLE") or "",
                        settings.get("THEME_STATIC_DIR", "theme"), existing, icons, colour)
    with open(os.path.join(output_path, "manifest.webmanifest"), "w", encoding="utf-8") as out:
        out.write(text)
