"""The main menu's order from the theme's `menu` setting, as plain entries the template draws.

    SHELFCAST_THEME = {"menu": ["section:news", "events", "page:about", "shows",
                                ["Catalogue", "https://bibliotek.example.dk"], "archive"]}

Words: "sections", "pages", "shows", "programmes" (each: all of them), "section:<folder>",
"page:<slug>", "show:<folder>", "programme:<folder>", "events", "archive", and
[title, address] pairs for links. Without a menu the theme lists MENUITEMS, sections, pages,
programmes, shows and the archive, honouring DISPLAY_CATEGORIES_ON_MENU/DISPLAY_PAGES_ON_MENU.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUPS = ("sections", "pages", "shows", "programmes")
SINGLE = ("section", "page", "show", "programme")
FIXED = ("events", "archive")


@dataclass(frozen=True)
class MenuEntry:
    kind: str            # section, page, show, programme, events, archive, link
    target: object = None
    title: str = ""
    url: str = ""


def menu_problem(menu) -> str | None:
    """None for a usable menu; else what is wrong, in words."""
    if menu is None:
        return None
    if not isinstance(menu, (list, tuple)):
        return "must be a list, e.g. [\"sections\", \"page:about\", \"archive\"]"
    for item in menu:
        if isinstance(item, (list, tuple)):
            if len(item) != 2 or not all(isinstance(part, str) and part for part in item):
                return f"{item!r:.60} must be a pair [\"Title\", \"https://...\"]"
            if not item[1].startswith(("https://", "http://", "/")):
                return f"{item[1]!r:.60} must be a web address (https://...) or a path (/...)"
            continue
        if not isinstance(item, str):
            return f"{item!r:.60} is not a menu entry"
        kind, _, name = item.partition(":")
        if item in GROUPS + FIXED or (kind in SINGLE and name):
            continue
        return (f"{item!r:.60} is not a menu entry; use sections, pages, shows, programmes, "
                "events, archive, section:<folder>, page:<slug>, show:<folder>, "
                "programme:<folder> or [title, address]")
    return None


def resolve(menu, sources: dict) -> tuple[list[MenuEntry], list[str]]:
    """The menu's entries from `sources` ({"sections": [(slug, obj)], ...}); unknown names."""
    entries, unknown = [], []
    for item in menu:
        if isinstance(item, (list, tuple)):
            entries.append(MenuEntry("link", None, item[0], item[1]))
            continue
        if item in FIXED:
            entries.append(MenuEntry(item))
            continue
        if item in GROUPS:
            entries += [MenuEntry(item[:-1], target) for _slug, target in sources[item]]
            continue
        kind, _, name = item.partition(":")
        found = dict(sources[kind + "s"]).get(name)
        if found is None:
            unknown.append(item)
        else:
            entries.append(MenuEntry(kind, found))
    return entries, unknown
