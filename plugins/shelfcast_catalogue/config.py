"""The CATALOGUE setting (declarations.py), checked once per build and kept in the settings."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from types import MappingProxyType

from shelfcast_sitekit.pluginsettings import problem_at, read_block
from shelfcast_sitekit.problems import ContentProblem, problem_log

from .declarations import SETTINGS
from .identifiers import SCHEMES
from .presets import PRESETS, REQUIRED_PARAMETERS

CACHE_KEY = "SHELFCAST_CATALOGUE_CONFIG"
BLOCK = SETTINGS[0]
PARAMETERS = ("base_url", "vid", "tab", "scope")
# What each template may use besides the parameters and {value}.
TEMPLATE_FIELDS = {**{scheme: {scheme} for scheme in SCHEMES},
                   "record": {"id", "record"}, "search": {"query"}}


@dataclass(frozen=True)
class CatalogueConfig:
    """The checked catalogue settings: the templates in force and the values they need."""

    system: str | None = None
    templates: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    parameters: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


def parse_config(raw, settings: dict | None = None,
                 ) -> tuple[CatalogueConfig | None, list[ContentProblem]]:
    """Check a CATALOGUE dict (the build's `settings`, if given, say which file set it);
    return the config, or None and the problems found."""
    settings = {**(settings or {}), BLOCK.name: raw}
    given, problems = read_block(BLOCK, settings)
    if problems:
        return None, problems
    system = given["system"]
    templates = {**PRESETS.get(system, {}),
                 **{k: v.strip() for k, v in (given["templates"] or {}).items() if v}}
    parameters = {name: given[name].strip() for name in PARAMETERS if given[name] is not None}
    if "base_url" in parameters:
        parameters["base_url"] = parameters["base_url"].rstrip("/")
    problems = [_problem(settings, name, f"the {system} system needs this setting")
                for name in REQUIRED_PARAMETERS.get(system, ()) if name not in parameters]
    problems = problems or _check_templates(settings, templates, parameters)
    if problems:
        return None, problems
    return CatalogueConfig(system, MappingProxyType(templates),
                           MappingProxyType(parameters)), []


def _problem(settings: dict, key: str, message: str) -> ContentProblem:
    return problem_at(settings, BLOCK.name, f"{BLOCK.name}[{key!r}]", message)


def _check_templates(settings: dict, templates: dict,
                     parameters: dict) -> list[ContentProblem]:
    """Every placeholder must be known and filled; every URL must be absolute."""
    problems = []

    def wrong(key: str, message: str) -> None:
        problems.append(_problem(settings, key, message))

    for key, template in sorted(templates.items()):
        allowed = TEMPLATE_FIELDS[key] | {"value"} | set(PARAMETERS)
        try:
            names = {name for _text, name, _spec, _conv in string.Formatter().parse(template)
                     if name is not None}
        except ValueError as err:
            wrong("templates", f"the {key!r} template {template!r} is broken ({err}); check "
                  "the { } pairs")
            continue
        unknown = names - allowed
        for name in sorted(unknown):
            wrong("templates", f"the {key!r} template uses {{{name}}}, which it cannot; use "
                  f"{{{sorted(TEMPLATE_FIELDS[key])[0]}}} or {{value}}")
        for name in sorted(names & set(PARAMETERS)):
            if name not in parameters:
                wrong(name, f"the {key!r} template needs it; add \"{name}\": \"…\" to CATALOGUE")
        if unknown or not names & set(PARAMETERS) <= set(parameters):
            continue
        filled = template.format_map({**dict.fromkeys(allowed, "1"), **parameters})
        if not filled.startswith(("https://", "http://")):
            wrong("templates", f"the {key!r} template must give an absolute URL starting with "
                  "https://")
    return problems


def load_config(settings: dict) -> CatalogueConfig:
    """The build's catalogue config, checked on first use and kept in the settings dict.

    A bad setting is added to the build's problem log and stops the build (ContentErrors).
    """
    config = settings.get(CACHE_KEY)
    if config is not None:
        return config
    config, problems = parse_config(settings.get(BLOCK.name), settings)
    if problems:
        log = problem_log(settings)
        log.extend(problems)
        log.raise_if_errors()
    settings[CACHE_KEY] = config
    return config
