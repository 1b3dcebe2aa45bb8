"""UI strings in the reader's language: gettext catalogues compiled at build time, dates by Babel.

Each page's UI language is the template variable `ui_lang` (article.html and page.html set it
from the post's `lang`), falling back to DEFAULT_LANG. Templates write {{ _("Text") }}.
"""

from __future__ import annotations

import gettext as gettext_module
import re

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.pagecache import FEED_TITLE_KEY, note_read
from shelfcast_sitekit.problems import WARNING, ContentProblem, problem_log

from .catalogues import Catalogues, load_catalogues
from .dates import local_date, local_period, local_time
from .languages import language_name, og_locale
from .settings import read_settings

STATE_KEY = "SHELFCAST_I18N_STATE"
MISSING = object()


def ui_lang(context) -> str:
    return context.get("ui_lang") or context.get("DEFAULT_LANG") or "en"


def initialize(pelican) -> None:
    settings = pelican.settings
    options, problems = read_settings(settings)
    catalogues, found = load_catalogues(options["catalogue_path"])
    log = problem_log(settings)
    log.extend(problems + found)
    log.raise_if_errors()
    settings[STATE_KEY] = (options, catalogues)
    # Section feeds ("books") are titled in the site's language, as the section's pages are.
    site_context = {"SECTION_TITLES": settings.get("SECTION_TITLES"),
                    "DEFAULT_LANG": settings.get("DEFAULT_LANG")}
    translations = catalogues.for_lang(ui_lang(site_context))
    settings[FEED_TITLE_KEY] = lambda name: feed_title(site_context, name, translations)


def feed_title(site_context: dict, name: str, translations) -> str:
    """A section's folder name ("books") as its title; any other feed title translated."""
    if name in (site_context.get("SECTION_TITLES") or {}) or re.fullmatch(r"[a-z0-9-]+", name):
        return _section_title(site_context, name, translations)
    return translations.gettext(name)


def site_gettext(settings: dict):
    """gettext in the site's language (DEFAULT_LANG), for what plugins write outside templates
    (feed titles); English where the i18n plugin is not loaded."""
    state = settings.get(STATE_KEY)
    if state is None:
        return lambda message: message
    return state[1].for_lang(settings.get("DEFAULT_LANG") or "en").gettext


def template_functions(catalogues: Catalogues, options: dict) -> tuple[dict, dict]:
    """The gettext callables and filters for one Jinja environment."""

    english = gettext_module.NullTranslations()
    codes: dict = {}  # language tag -> its catalogue's code (None: English), asked per string

    def tr(context):
        # A page showing a UI string depends on its language's .po file, and on which .po
        # files there are (one added for its language): the page cache renders it again
        # when either changes.
        lang = ui_lang(context)
        note_read(context, "names", options["catalogue_path"])
        code = codes.get(lang, MISSING)
        if code is MISSING:
            code = codes[lang] = catalogues.code_for(lang)
        if code is None:
            return english
        note_read(context, "file", catalogues.paths[code])
        return catalogues.translations[code]

    @pass_context
    def gettext(context, message):
        return tr(context).gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return tr(context).ngettext(singular, plural, n)

    @pass_context
    def pgettext(context, msgctxt, message):
        return tr(context).pgettext(msgctxt, message)

    @pass_context
    def npgettext(context, msgctxt, singular, plural, n):
        return tr(context).npgettext(msgctxt, singular, plural, n)

    @pass_context
    def localdate(context, value, lang=None, style=None):
        return local_date(value, lang or ui_lang(context), style or options["date_style"])

    @pass_context
    def localtime(context, value, lang=None):
        return local_time(value, lang or ui_lang(context))

    @pass_context
    def localperiod(context, period_num, lang=None):
        return local_period(tuple(period_num), lang or ui_lang(context))

    @pass_context
    def section_title(context, category):
        return _section_title(context, category, tr(context))

    callables = {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext,
                 "npgettext": npgettext}
    filters = {"localdate": localdate, "localtime": localtime, "localperiod": localperiod,
               "section_title": section_title, "language_name": language_name,
               "og_locale": og_locale}
    return callables, filters


def _section_title(context, category, translations) -> str:
    """SECTION_TITLES maps a section folder to a title, or to {lang: title}."""
    name = getattr(category, "name", str(category))
    title = (context.get("SECTION_TITLES") or {}).get(name)
    if isinstance(title, dict):
        lang = ui_lang(context)
        return (title.get(lang) or title.get(lang.split("-")[0])
                or title.get(context.get("DEFAULT_LANG")) or name.title())
    return translations.gettext(title) if title else name.replace("-", " ").title()


def install(generator) -> None:
    """Replace the null translations shelfcast_sitekit installs with the real catalogues."""
    env = getattr(generator, "env", None)
    state = generator.settings.get(STATE_KEY)
    if env is None or state is None:
        return
    options, catalogues = state
    callables, filters = template_functions(catalogues, options)
    env.install_gettext_callables(newstyle=True, **callables)
    # What {{ _("Text") }} and {% trans %} call: the same function, bound directly.
    direct = direct_gettext(callables["gettext"])
    env.globals.update({"_": direct, "gettext": direct})
    env.filters.update(filters)


def direct_gettext(translate):
    """Jinja's newstyle `gettext` around `translate(context, message)` (jinja2.ext
    `_make_new_gettext`: the text made Markup when autoescaping, then always formatted with
    the call's keyword arguments), without its two extra layers: Jinja's `_` looks up
    `gettext` and calls it through the context, which calls `translate` through the context
    again. UI strings are a cold build's most frequent call (about 35 a page, 270,000 at
    5,000 posts), and each layer went through the page cache's recording of the call's
    arguments (text: nothing to record). docs/speed.md, "UI strings, dates, hooks, and the
    render split"."""
    @pass_context
    def gettext(context, message, **variables):
        text = translate(context, message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables
    return gettext


def warn_missing_languages(generators) -> None:
    """A post in a language without a catalogue gets English UI strings: say so once."""
    settings = generators[0].settings if generators else None
    if settings is None or STATE_KEY not in settings:
        return
    options, catalogues = settings[STATE_KEY]
    seen = {}
    for generator in generators:
        for kind in ("articles", "translations", "pages", "hidden_articles", "hidden_pages"):
            for item in getattr(generator, kind, []) or []:
                seen.setdefault(getattr(item, "lang", None), item.source_path)
    for lang, source in sorted((k, v) for k, v in seen.items() if k):
        if not catalogues.has(lang) and not lang.lower().startswith("en"):
            problem_log(settings).add(ContentProblem(
                display_path(source), None, "lang", f"no UI translation for {lang!r}, so menus "
                f"and dates around this post stay in English; add {lang}.po to "
                f"{display_path(options['catalogue_path'])} (see docs/languages.md)", WARNING))


def register() -> None:
    signals.initialized.connect(initialize)
    signals.generator_init.connect(install)
    signals.all_generators_finalized.connect(warn_missing_languages)
