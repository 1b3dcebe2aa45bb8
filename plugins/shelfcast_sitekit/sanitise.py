"""The one policy for raw HTML in content: what a rendered body may keep (README, "Raw HTML").

Every body and summary the site kit reads goes through `sanitise()` after Markdown has
rendered it, so a post written by anyone cannot run script on the library's site, even on a
host that ignores our Content-Security-Policy (GitHub Pages). ammonia (through nh3) parses the
HTML the way a browser does and keeps only the tags, attributes and addresses allowed here.
Our own click-to-load video embeds are added later, by the theme, to the sanitised body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3

from .problems import WARNING, ContentProblem
from .urls import is_other_host, safe_url

SETTINGS_KEY = "SITEKIT"
SETTINGS_FILE = "pelicanconf.py"
POLICY_KEY = "SHELFCAST_HTML_POLICY"
EXTRA_SCHEMES_KEY = "SHELFCAST_LINK_SCHEMES"

TAGS = frozenset(nh3.ALLOWED_TAGS) | {"tfoot", "picture", "audio", "video", "source", "track",
                                      "figure", "figcaption", "s"}
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "style"})
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "audio": {"src", "controls", "preload", "loop", "muted"},
    "video": {"src", "controls", "preload", "loop", "muted", "width", "height", "poster"},
    "source": {"src", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "th": {"align", "colspan", "rowspan", "scope", "headers"},
    "td": {"align", "colspan", "rowspan", "headers"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"}, "time": {"datetime"}, "data": {"value"}, "details": {"open"},
}
# Tags that fetch something when the page loads: their address must be on our own site.
MEDIA_ATTRIBUTES = {("img", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"),
                    ("source", "src"), ("track", "src")}
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster"})
# Markdown tables align columns with style="text-align: …"; colours and emphasis are harmless.
STYLE_PROPERTIES = frozenset({"text-align", "color", "background-color", "font-weight",
                              "font-style", "text-decoration", "vertical-align"})
STYLE_DANGER = re.compile(r"url\s*\(|image\s*\(|image-set|expression|@import|\\|/\*",
                          re.IGNORECASE)
# Never allowed, whatever the settings say: they run script, submit data, replace the page's
# base address or load other sites into ours (videos come only through our embeds).
NEVER_TAGS = frozenset({"script", "style", "meta", "base", "form", "object", "embed", "iframe",
                        "frame", "frameset", "link", "input", "button", "textarea", "select",
                        "option", "svg", "math", "template", "noscript", "applet", "param",
                        "portal", "dialog"})
NEVER_ATTRIBUTES = re.compile(r"^(on.*|srcdoc|formaction|action|xlink:href|style|"
                              r"data-embed|http-equiv|srcset|ping|background)$", re.IGNORECASE)
MEDIA_FIX = "download the file into content/images/ and link it from there"


@dataclass(frozen=True)
class HtmlPolicy:
    """What a body may keep; made once per build from the defaults and the SITEKIT setting."""

    tags: frozenset = TAGS
    attributes: dict = field(default_factory=lambda: {k: frozenset(v)
                                                      for k, v in ATTRIBUTES.items()})
    link_schemes: frozenset = frozenset()
    own_hosts: frozenset = frozenset()
    widened: tuple = ()


@dataclass
class Sanitised:
    html: str
    foreign_media: list = field(default_factory=list)


def sanitise(html: str, policy: HtmlPolicy) -> Sanitised:
    """Keep only what the policy allows; list media addresses that point to other hosts."""
    foreign: list[str] = []

    def check(tag: str, name: str, value: str) -> str | None:
        if name == "style":
            return None if STYLE_DANGER.search(value) else value
        if name not in URL_ATTRIBUTES:
            return value
        url = safe_url(value, policy.link_schemes)
        if url is None:
            return None
        if (tag, name) in MEDIA_ATTRIBUTES and is_other_host(url, policy.own_hosts):
            foreign.append(url)
            return None
        return url

    attributes = {tag: set(names) for tag, names in policy.attributes.items()}
    attributes["*"] = set(GENERIC_ATTRIBUTES) | attributes.get("*", set())
    cleaned = nh3.clean(html, tags=set(policy.tags), attributes=attributes,
                        attribute_filter=check, url_schemes={"http", "https", "mailto",
                                                             *policy.link_schemes},
                        link_rel=None, strip_comments=True,
                        clean_content_tags={"script", "style"},
                        filter_style_properties=set(STYLE_PROPERTIES))
    return Sanitised(cleaned, foreign)


def foreign_media_problems(foreign: list[str], path: str, source_text: str,
                           first_line: int = 1) -> list[ContentProblem]:
    """One error per image or media file that the page would load from another site."""
    problems = []
    for url in dict.fromkeys(foreign):
        index = source_text.find(url)
        line = None if index < 0 else source_text[:index].count("\n") + first_line
        shown = url if len(url) <= 80 else url[:77] + "..."
        problems.append(ContentProblem(path, line, "image",
            f"{shown} is on another website, and the site promises readers that no page "
            f"loads anything from other sites; {MEDIA_FIX}"))
    return problems


def allow_link_schemes(settings: dict, schemes) -> None:
    """Let a plugin keep links of its own non-script schemes (the catalogue's `isbn:`)."""
    known = set(settings.get(EXTRA_SCHEMES_KEY) or ())
    settings[EXTRA_SCHEMES_KEY] = sorted(known | {s.lower() for s in schemes
                                                  if safe_url(f"{s}:x", {s.lower()})})
    settings.pop(POLICY_KEY, None)


def html_policy(settings: dict) -> HtmlPolicy:
    """The build's policy, made on first use (settings problems are reported at start)."""
    policy = settings.get(POLICY_KEY)
    if policy is None:
        policy = settings[POLICY_KEY] = build_policy(settings)[0]
    return policy


def build_policy(settings: dict) -> tuple[HtmlPolicy, list[ContentProblem]]:
    """The build's policy, widened by SITEKIT["html_allow"]; problems for bad settings."""
    own = {urlsplit(settings.get(k) or "").netloc.lower()
           for k in ("SITE_ABSOLUTE_URL", "SITEURL")}
    base = HtmlPolicy(link_schemes=frozenset(settings.get(EXTRA_SCHEMES_KEY) or ()),
                      own_hosts=frozenset(own - {""}))
    allow = (settings.get(SETTINGS_KEY) or {}).get("html_allow")
    if allow is None:
        return base, []
    problems = _allow_problems(allow)
    if problems:
        return base, problems
    tags = frozenset(t.lower() for t in allow.get("tags", []))
    attributes = dict(base.attributes)
    for tag, names in (allow.get("attributes") or {}).items():
        attributes[tag.lower()] = attributes.get(tag.lower(), frozenset()) | {
            n.lower() for n in names}
    widened = tuple([f"tags {', '.join(sorted(tags))}"] if tags else []) + tuple(
        f"attributes {', '.join(sorted(n))} on <{t}>"
        for t, n in sorted((allow.get("attributes") or {}).items()))
    policy = HtmlPolicy(base.tags | tags, attributes, base.link_schemes, base.own_hosts,
                        widened)
    notice = ContentProblem(SETTINGS_FILE, None, f"{SETTINGS_KEY}['html_allow']",
        "the raw HTML allowlist is widened beyond Shelfcast's default: "
        + "; ".join(widened) + " (see docs/security.md)", WARNING)
    return policy, [notice] if widened else []


def _allow_problems(allow) -> list[ContentProblem]:
    name = f"{SETTINGS_KEY}['html_allow']"
    example = '{"tags": ["kbd"], "attributes": {"abbr": ["title"]}}'
    if not isinstance(allow, dict) or set(allow) - {"tags", "attributes"}:
        return [ContentProblem(SETTINGS_FILE, None, name,
                               f"must be a dict with 'tags' and/or 'attributes', e.g. {example}")]
    tags = allow.get("tags", [])
    attributes = allow.get("attributes", {})
    if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)) or not (
            isinstance(attributes, dict) and all(
                isinstance(t, str) and isinstance(n, list) and all(isinstance(a, str) for a in n)
                for t, n in attributes.items())):
        return [ContentProblem(SETTINGS_FILE, None, name,
                               f"tags must be a list of names, attributes a dict of tag -> list "
                               f"of names, e.g. {example}")]
    refused = sorted({t for t in [*tags, *attributes] if t.lower() in NEVER_TAGS})
    refused += sorted({a for names in attributes.values() for a in names
                       if NEVER_ATTRIBUTES.match(a)})
    if refused:
        return [ContentProblem(SETTINGS_FILE, None, name,
            f"{', '.join(refused)} can never be allowed: they run script, load other sites or "
            "send readers' data elsewhere; remove them (videos: write the link on its own line)")]
    return []
