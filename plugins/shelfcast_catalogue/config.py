"""The CATALOGUE setting: defaults in one place, checked once per build, kept in the settings."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from types import MappingProxyType

from shelfcast_sitekit.problems import ContentProblem, problem_log

from .identifiers import SCHEMES
from .presets import PRESETS, REQUIRED_PARAMETERS

SETTINGS_FILE = "pelicanconf.py"
CACHE_KEY = "SHELFCAST_CATALOGUE_CONFIG"

# Every key CATALOGUE may have, with its default. A key not listed here is a typo.
DEFAULTS = {
    "system": None,      # a preset name from presets.PRESETS, or None for templates only
    "base_url": None,    # the catalogue's address, e.g. "https://bibliotek.example.dk"
    "templates": {},     # per-scheme URL templates; override a preset's one by one
    "vid": None,         # Primo VE: view id
    "tab": None,         # Primo VE: tab
    "scope": None,       # Primo VE: search scope
}
PARAMETERS = ("base_url", "vid", "tab", "scope")
TEMPLATE_KEYS = (*SCHEMES, "search")
# What each template may use besides the parameters and {value}.
TEMPLATE_FIELDS = {**{scheme: {scheme} for scheme in SCHEMES},
                   "record": {"id", "record"}, "search": {"query"}}


@dataclass(frozen=True)
class CatalogueConfig:
    """The checked catalogue settings: the templates in force and the values they need."""

    system: str | None = None
    templates: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    parameters: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


def _problem(key: str | None, message: str) -> ContentProblem:
    return ContentProblem(SETTINGS_FILE, None, f"CATALOGUE[{key!r}]" if key else "CATALOGUE",
                          message)


def parse_config(raw) -> tuple[CatalogueConfig | None, list[ContentProblem]]:
    """Check a CATALOGUE dict; return the config, or None and the problems found."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return None, [_problem(None, "must be a dict, e.g. CATALOGUE = {\"system\": \"koha\", "
                                     "\"base_url\": \"https://catalogue.example.org\"}")]
    problems = [_problem(key, f"unknown setting; the settings are {', '.join(DEFAULTS)}")
                for key in raw if key not in DEFAULTS]
    settings = {**DEFAULTS, **raw}
    system = settings["system"]
    if system is not None and system not in PRESETS:
        problems.append(_problem("system", f"{system!r} is not a known catalogue system; "
                                           f"choose one of {', '.join(sorted(PRESETS))}"))
        system = None
    templates, template_problems = _templates(system, settings["templates"])
    parameters, parameter_problems = _parameters(settings)
    problems += template_problems + parameter_problems
    for name in REQUIRED_PARAMETERS.get(system, ()):
        if name not in parameters:
            problems.append(_problem(name, f"the {system} system needs this setting"))
    if not problems:
        problems += _check_templates(templates, parameters)
    if problems:
        return None, problems
    return CatalogueConfig(system, MappingProxyType(templates),
                           MappingProxyType(parameters)), []


def _templates(system, overrides) -> tuple[dict, list[ContentProblem]]:
    if not isinstance(overrides, dict):
        return {}, [_problem("templates", "must be a dict like {\"isbn\": "
                                          "\"https://…/search?isbn={isbn}\"}")]
    problems = []
    for key, template in overrides.items():
        if key not in TEMPLATE_KEYS:
            problems.append(_problem("templates", f"{key!r} is not a scheme; use "
                                                  f"{', '.join(TEMPLATE_KEYS)}"))
        elif not isinstance(template, str) or not template.strip():
            problems.append(_problem("templates", f"the {key!r} template must be a URL text"))
    templates = {**PRESETS.get(system, {}), **{k: v.strip() for k, v in overrides.items()
                                              if isinstance(v, str) and v.strip()}}
    return templates, problems


def _parameters(settings) -> tuple[dict, list[ContentProblem]]:
    parameters, problems = {}, []
    for name in PARAMETERS:
        value = settings[name]
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(_problem(name, "must be a text in quotes"))
            continue
        parameters[name] = value.strip()
    base = parameters.get("base_url")
    if base is not None:
        if not base.startswith(("https://", "http://")):
            problems.append(_problem("base_url", f"{base!r} must start with https://"))
        parameters["base_url"] = base.rstrip("/")
    return parameters, problems


def _check_templates(templates: dict, parameters: dict) -> list[ContentProblem]:
    """Every placeholder must be known and filled; every URL must be absolute."""
    problems = []
    for key, template in sorted(templates.items()):
        allowed = TEMPLATE_FIELDS[key] | {"value"} | set(PARAMETERS)
        try:
            names = {name for _text, name, _spec, _conv in string.Formatter().parse(template)
                     if name is not None}
        except ValueError as err:
            problems.append(_problem("templates", f"the {key!r} template {template!r} is "
                                                  f"broken ({err}); check the {{ }} pairs"))
            continue
        unknown = names - allowed
        for name in sorted(unknown):
            problems.append(_problem("templates", f"the {key!r} template uses {{{name}}}, "
                                     f"which it cannot; use {{{sorted(TEMPLATE_FIELDS[key])[0]}}}"
                                     " or {value}"))
        for name in sorted(names & set(PARAMETERS)):
            if name not in parameters:
                problems.append(_problem(name, f"the {key!r} template needs it; add "
                                               f"\"{name}\": \"…\" to CATALOGUE"))
        if unknown or not names & set(PARAMETERS) <= set(parameters):
            continue
        filled = template.format_map({**dict.fromkeys(allowed, "1"), **parameters})
        if not filled.startswith(("https://", "http://")):
            problems.append(_problem("templates", f"the {key!r} template must give an "
                                                  "absolute URL starting with https://"))
    return problems


def load_config(settings: dict) -> CatalogueConfig:
    """The build's catalogue config, checked on first use and kept in the settings dict.

    A bad setting is added to the build's problem log and stops the build (ContentErrors).
    """
    config = settings.get(CACHE_KEY)
    if config is not None:
        return config
    config, problems = parse_config(settings.get("CATALOGUE"))
    if problems:
        log = problem_log(settings)
        log.extend(problems)
        log.raise_if_errors()
    settings[CACHE_KEY] = config
    return config
