"""Which app (and platform) a request's User-Agent is, and whether it is a listener at all.

The podcast industry's open list is OPAWG's podcast user-agents list (JSON: entries with
`user_agents` regexes, `app`, `os`, `device`, `bot`). A copy of it ships in the PyPI package
podcast-app-user-agents, which is what we read by default; `invoke stats --agents FILE` reads a
newer copy in the same format instead. OUR_RULES below are ours, not OPAWG's: a few patterns
for agents the list leaves out (generic crawlers, command-line tools, web browsers).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

LIST_PACKAGE = "podcast_app_user_agents"
LIST_FILE = "data/src/user-agents.json"


@dataclass(frozen=True)
class AgentRule:
    pattern: re.Pattern
    app: str
    platform: str
    listener: bool          # False for bots, tools and other agents that never listen


@dataclass(frozen=True)
class Agent:
    app: str
    platform: str
    listener: bool


# Ours (Shelfcast's), checked after the OPAWG list: (regex, app, platform, listener).
OUR_RULES = (
    (r"bot\b|bot/|crawl|spider|slurp|archiver|monitor", "Bot", "bot", False),
    (r"^(curl|Wget|python-requests|python-urllib|Go-http-client|okhttp|libwww-perl|Java)/",
     "Program", "program", False),
    (r"HeadlessChrome|PhantomJS|Lighthouse", "Bot", "bot", False),
    (r"Android.*(Chrome|Firefox)/", "Web browser", "android", True),
    (r"(iPhone|iPad).*(Safari|CriOS|FxiOS)/", "Web browser", "ios", True),
    (r"Windows NT.*(Chrome|Firefox|Edg)/", "Web browser", "windows", True),
    (r"Macintosh.*(Safari|Chrome|Firefox)/", "Web browser", "macos", True),
    (r"(Linux|X11).*(Chrome|Firefox)/", "Web browser", "linux", True),
)


def opawg_rules(entries: list) -> list[AgentRule]:
    """Rules from OPAWG-format entries; an entry or pattern that is not valid is left out."""
    rules = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("user_agents"), list):
            continue
        platform = str(entry.get("os") or entry.get("device") or "unknown")
        for pattern in entry["user_agents"]:
            try:
                compiled = re.compile(str(pattern))
            except re.error:
                continue
            rules.append(AgentRule(compiled, str(entry.get("app") or "Unknown app"), platform,
                                   not entry.get("bot", False)))
    return rules


def our_rules() -> list[AgentRule]:
    return [AgentRule(re.compile(p, re.IGNORECASE), app, platform, listener)
            for p, app, platform, listener in OUR_RULES]


def packaged_list() -> list:
    """The OPAWG list shipped in podcast-app-user-agents; [] when that package is missing."""
    try:
        text = resources.files(LIST_PACKAGE).joinpath(LIST_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    return json.loads(text)


def read_list(path: str) -> list:
    """An OPAWG-format JSON file given with --agents."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def classify(agent: str, rules: list[AgentRule]) -> Agent:
    """The first rule whose pattern is found in the agent; no agent at all is no listener."""
    if not agent or agent == "-":
        return Agent("No user agent", "unknown", False)
    for rule in rules:
        if rule.pattern.search(agent):
            return Agent(rule.app, rule.platform, rule.listener)
    return Agent("Other", "unknown", True)
