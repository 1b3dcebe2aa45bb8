"""The library itself on every page: footer, a "Visit us" page, JSON-LD, brand colour. Glue only.

LIBRARY (settings.py) is checked once when the build starts; templates read LIBRARY_INFO
(the checked Library), LIBRARY_HOURS_TODAY ([(location, DayHours)]) and LIBRARY_BRAND_CSS.
"""

from __future__ import annotations

import os
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names
from pelican import signals
from pelican.generators import Generator
from shelfcast_sitekit.boundaries import image_problem, outside_folder
from shelfcast_sitekit.clock import build_now
from shelfcast_sitekit.problems import ContentProblem, problem_log

from .colours import brand, brand_css
from .hours import DAYS, hours_on, next_exceptions
from .icons import logo_icons, write_icons
from .jsonld import library_jsonld
from .settings import SETTINGS_FILE, read_library

BRAND_CSS = "css/brand.css"  # under THEME_STATIC_DIR


def today(settings) -> date:
    """The build's date in the site's time zone (shelfcast_sitekit.clock).

    BUILD_NOW fixes it in tests."""
    return build_now(settings).date()


def _logo_problems(logo: str, content_root: str) -> list[ContentProblem]:
    """The logo is published and made into icons: a file inside content/."""
    path = os.path.join(content_root, logo)
    outside = outside_folder(path, content_root)
    if outside:
        return [ContentProblem(SETTINGS_FILE, None, "LIBRARY['logo']", f"{logo!r} {outside}")]
    if not os.path.isfile(path):
        return [ContentProblem(SETTINGS_FILE, None, "LIBRARY['logo']", f"content/{logo} does "
                               "not exist; put the logo there or correct the path")]
    wrong = image_problem(path)  # an image, and small enough to decode into icons
    return [ContentProblem(SETTINGS_FILE, None, "LIBRARY['logo']", f"{logo!r} {wrong}")] \
        if wrong else []


def initialize(pelican) -> None:
    settings = pelican.settings
    library, problems = read_library(settings.get("LIBRARY"), settings.get("SITENAME"))
    if library is not None and library.logo:
        problems += _logo_problems(library.logo, settings["PATH"])
    log = problem_log(settings)
    log.extend(problems)
    log.raise_if_errors()
    settings["LIBRARY_INFO"] = library
    day = today(settings)
    settings["LIBRARY_HOURS_TODAY"] = [] if library is None else [
        (location, hours_on(location.opening_hours, day))
        for location in library.locations if location.opening_hours]
    # Icons from a raster logo; the theme's manifest and <head> list them (SITE_ICONS).
    if library is not None and library.logo:
        icons = logo_icons(os.path.join(settings["PATH"], library.logo))
        if icons:
            settings["SITE_ICONS"] = icons
    settings["LIBRARY_BRAND_CSS"] = (f"{settings['THEME_STATIC_DIR']}/{BRAND_CSS}"
                                     if library is not None and library.accent_colour else None)


def weekday_names(lang: str) -> list[str]:
    try:
        locale = Locale.parse((lang or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    names = get_day_names("wide", locale=locale)
    return [names[number].capitalize() for number in range(7)]


class LibraryGenerator(Generator):
    """Writes the "Visit us" page and brand.css through Pelican's writer (so the sitemap sees
    the page)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        library = self.settings.get("LIBRARY_INFO")
        if library is None:
            return
        if library.accent_colour:
            self._write_brand_css(library.accent_colour)
        if self.settings.get("SITE_ICONS") and library.logo:
            write_icons(os.path.join(self.path, library.logo), self.output_path,
                        self.settings["SITE_ICONS"])
        if library.page_save_as:
            self._write_page(writer, library)

    def _write_page(self, writer, library) -> None:
        day = today(self.settings)
        names = weekday_names(self.settings["DEFAULT_LANG"])
        locations = [{"location": location,
                      "week": [(names[n], location.opening_hours.regular.get(key, ()))
                               for n, key in enumerate(DAYS)] if location.opening_hours else [],
                      "exceptions": next_exceptions(location.opening_hours, day)
                      if location.opening_hours else []}
                     for location in library.locations]
        writer.write_file(library.page_save_as, self.get_template("visit"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"],
                          library_locations=locations, library_page_url=library.page_url,
                          library_jsonld=library_jsonld(
                              library, self.settings.get("SITE_ABSOLUTE_URL")
                              or self.settings["SITEURL"]))

    def _write_brand_css(self, colour: str) -> None:
        path = os.path.join(self.output_path, self.settings["THEME_STATIC_DIR"], BRAND_CSS)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(brand_css(brand(colour)))


def get_generators(pelican):
    return LibraryGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
