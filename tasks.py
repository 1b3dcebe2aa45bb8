"""Shelfcast tasks: build, check, serve, new-post, publish, init (see README and docs/)."""

from __future__ import annotations

import json
import os
import sys

from invoke import Exit, task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from shelfcast_sitekit.build import build_in_child as build_site  # noqa: E402
from shelfcast_sitekit.swap import remove_in_background  # noqa: E402


def _run_build(settings_file: str, output: str, keep: bool = True,
               overrides: dict | None = None) -> None:
    os.chdir(ROOT)
    # The replaced output/ is removed after the build has ended, not on its time.
    code = build_site(settings_file, output, overrides, keep=keep,
                      remove_old=remove_in_background)
    if code:
        raise Exit(code=code)


# Remote files are fetched from public addresses only; tests serve them on 127.0.0.1.
ALLOW_LOCAL_HELP = "also fetch from this machine (127.0.0.1), for tests; never other local " \
                   "or private addresses"


@task(help={"fetch_participants": "also fetch learning programme participants' blog feeds "
                                  "(network; a broken feed is reported and skipped)",
            "allow_local": ALLOW_LOCAL_HELP})
def build(c, settings="pelicanconf.py", output="output", fetch_participants=False,
          allow_local=False):
    """Build the site into output/ (the previous output/ stays if the build fails)."""
    _refuse_demo_identity(settings, production_only=True)
    overrides = {"FETCH_PARTICIPANTS": True} if fetch_participants else {}
    if allow_local:
        overrides["FETCH_ALLOW_LOCAL"] = True
    _run_build(settings, output, overrides=overrides or None)
    print(f"Built {output}/")


def _refuse_demo_identity(settings_file: str, production_only: bool = False) -> None:
    """Stop before a build for readers (or a publish) that still carries the demo's name."""
    from shelfcast_sitekit.build import load_settings
    from shelfcast_sitekit.firststeps import (
        demo_address_problem,
        demo_leftover_problems,
        demo_name_problem,
        is_local,
    )

    os.chdir(ROOT)
    try:
        settings = load_settings(settings_file)
    except Exception:  # noqa: BLE001 (the build itself reports a broken settings file by line)
        return
    if production_only and is_local(settings.get("SITEURL")):
        return
    problems = [p for p in (demo_name_problem(settings),
                            production_only and demo_address_problem(settings)) if p]
    if production_only:
        # Named on every build for readers; a reminder, not a refusal: a library may launch
        # before it has its own card or tagline, but never without knowing it.
        for leftover in demo_leftover_problems(settings):
            print(f"Note: library.py: {leftover}", file=sys.stderr)
    if problems:
        # The name and the address are set in the library's own library.py.
        raise Exit("\n".join(f"library.py: {p}" for p in problems)
                   + "\nNothing was built or published.", 1)


@task
def check(c, settings="pelicanconf.py"):
    """Check the content and the output it builds, without touching output/."""
    checked = os.path.join(ROOT, ".cache", "check-output")
    # Kept (under .cache/, never output/) so the reports below can read what was built.
    _run_build(settings, checked, keep=True)
    _catalogue_report(checked)
    print("Content checked: no errors.")
    _note_demo_name(settings)


@task(help={"out": "the folder to write one JSON Schema per content type into"})
def schema(c, out="schema", settings="pelicanconf.py"):
    """Write the content schema as JSON Schema (draft 2020-12), one file per content type."""
    from shelfcast_sitekit.build import load_settings
    from shelfcast_sitekit.schema import json_schemas, schema_for

    documents = json_schemas(schema_for(load_settings(settings)))
    os.makedirs(out, exist_ok=True)
    for name, document in documents.items():
        with open(os.path.join(out, f"{name}.schema.json"), "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    print(f"{len(documents)} JSON Schema documents written to {out}/")


@task
def docs(c):
    """Write the field tables (docs/fields.md, README) and settings tables (docs/settings.md)
    from the schema."""
    from shelfcast_sitekit.schemadocs import generated_docs

    for relative, text in generated_docs(ROOT).items():
        with open(os.path.join(ROOT, relative), "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {relative}")


def _note_demo_name(settings_file: str) -> None:
    """A reminder, not an error: the check passes, publishing will not."""
    from shelfcast_sitekit.build import load_settings
    from shelfcast_sitekit.firststeps import demo_leftover_problems, demo_name_problem

    settings = load_settings(settings_file)
    problem = demo_name_problem(settings)
    if problem:
        print(f"Note: {problem}; publishing stops until then.")
    for leftover in demo_leftover_problems(settings):
        print(f"Note: {leftover}.")


def _catalogue_report(output: str) -> None:
    """How many catalogue links each page has (from the build's catalogue-links.csv)."""
    from shelfcast_catalogue.report import CSV_NAME, counts_report, read_links_csv

    path = os.path.join(output, CSV_NAME)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            print(counts_report(read_links_csv(handle.read())))


@task(help={"to": "a target name from PUBLISH['targets'] in publishconf.py",
            "dry_run": "list what would be uploaded and deleted, change nothing",
            "settings": "the settings file to build with"})
def publish(c, to, dry_run=False, settings="publishconf.py"):
    """Build with publishconf.py, check, and upload only what changed, in a safe order."""
    from shelfcast_publish.command import publish_site

    _refuse_demo_identity(settings)
    os.chdir(ROOT)
    code = publish_site(settings, to, dry_run=dry_run, root=ROOT)
    if code:
        raise Exit(code=code)


@task(help={"logs": "the access log(s): a path or pattern, several separated by spaces "
                    "(e.g. \"/var/log/nginx/access.log*\"); nginx/Apache combined or S3 logs",
            "out": "the folder for downloads.csv and report.html (never inside output/)",
            "site": "the built site whose feeds name the episodes (default output)",
            "agents": "an OPAWG-format user-agents JSON file to use instead of the packaged one",
            "settings": "the settings file the site was built with"})
def stats(c, logs, out="stats", site="output", agents=None, settings="pelicanconf.py"):
    """Count podcast downloads in access logs by the IAB v2.1 rules; keeps no IP address."""
    from shelfcast_podcast.settings import podcast_settings
    from shelfcast_podcast.statsreport import StatsError, run_stats
    from shelfcast_sitekit.build import load_settings

    os.chdir(ROOT)
    loaded = load_settings(settings)
    try:
        print(run_stats(logs.split(), site, loaded, podcast_settings(loaded)[0], out, agents))
    except StatsError as err:
        raise Exit(f"invoke stats: {err}", code=1) from err


@task(help={"port": "the port to preview on (default 8000; `make serve PORT=8123`)"})
def serve(c, port=8000):
    """Preview on http://127.0.0.1:<port>, rebuilding when content, theme or plugins change."""
    from shelfcast_sitekit.preview import serve_site

    serve_site(ROOT, "pelicanconf.py", "output",
               ["content", "themes", "plugins", "overrides", "pelicanconf.py", "library.py"],
               port, lang=_site_language())


@task(help={"port": "the preview's port (default 8000)",
            "backend_port": "the editor's local backend port (default 8081)"})
def editor(c, port=8000, backend_port=8081):
    """The web editor on http://127.0.0.1:<port>/admin/ with Decap's local backend on
    127.0.0.1:<backend_port>, saving into content/ of this folder (docs/editor.md)."""
    from shelfcast_editor.local import LOCAL_PORT_ENV, install_if_needed, local_backend

    os.chdir(ROOT)
    install_if_needed()
    os.environ[LOCAL_PORT_ENV] = str(backend_port)
    with local_backend(ROOT, int(backend_port)):
        print(f"Editor: http://127.0.0.1:{port}/admin/ (saves into {ROOT}/content)")
        serve(c, port=port)


@task(help={"title": "the post's title", "section": "folder under content/posts/",
            "author": "your name as it should appear"})
def new_post(c, title, section="news", author=None):
    """Create a draft post in content/posts/<section>/ and print its path."""
    from datetime import datetime

    from shelfcast_sitekit.build import load_settings
    from shelfcast_sitekit.scaffold import new_post as make_post
    from shelfcast_sitekit.scaffold import section_hint

    os.chdir(ROOT)
    # The file is named by the slug the site's own slug settings give the title.
    settings = load_settings("pelicanconf.py")
    name, text = make_post(title, datetime.now().replace(second=0, microsecond=0), author,
                           settings)
    posts = os.path.join(ROOT, "content", "posts")
    path = os.path.join(posts, section, name)
    if os.path.exists(path):
        raise Exit(f"{os.path.relpath(path, ROOT)} already exists; choose another title", 1)
    existing = sorted(n for n in os.listdir(posts) if os.path.isdir(os.path.join(posts, n))) \
        if os.path.isdir(posts) else []
    hint = section_hint(section, existing, _section_title(section))
    _guarded_write(posts, f"{section}/{name}", text)
    print(f"Created {os.path.relpath(path, ROOT)} (status: draft; remove that line to publish)")
    if hint:
        print(hint, file=sys.stderr)


def _site_language() -> str:
    """DEFAULT_LANG as library.py writes it, read without running it: the words of messages
    for the librarian (a library.py that does not run must not stop the preview's error page)."""
    from shelfcast_sitekit.librarysettings import LIBRARY_FILE
    from shelfcast_sitekit.settingsfile import current_value

    path = os.path.join(ROOT, LIBRARY_FILE)
    text = open(path, encoding="utf-8").read() if os.path.isfile(path) else ""
    lang = current_value(text, "DEFAULT_LANG")
    return lang if isinstance(lang, str) and lang else "en"


def _section_title(section: str) -> str | None:
    """The section's title in the site's language, if the settings give it one."""
    from shelfcast_sitekit.build import load_settings

    settings = load_settings(os.path.join(ROOT, "pelicanconf.py"))
    title = (settings.get("SECTION_TITLES") or {}).get(section)
    if isinstance(title, dict):
        lang = settings.get("DEFAULT_LANG") or "en"
        return title.get(lang) or title.get(lang.split("-")[0]) or title.get("en")
    return title if isinstance(title, str) else None


def _guarded_write(folder: str, relative: str, data) -> None:
    """Write through the site kit's write guard: inside `folder` or not at all (a --section,
    --show or slug from outside may hold `..`). Data that is a Path is copied in."""
    from pathlib import Path

    from shelfcast_sitekit.writeguard import WriteRefused, copy_file, write_file

    try:
        if isinstance(data, Path):
            copy_file(folder, relative, data)
        else:
            write_file(folder, relative, data)
    except WriteRefused as refused:
        raise Exit(str(refused), 1) from None


@task
def translations(c):
    """Collect the templates' UI strings and add new ones to every themes/shelfcast/locale/*.po."""
    locale = os.path.join(ROOT, "themes", "shelfcast", "locale")
    pot = os.path.join(locale, "messages.pot")
    pybabel = os.path.join(os.path.dirname(sys.executable), "pybabel")
    c.run(f"{pybabel} extract -F babel.cfg --no-location --sort-output --omit-header "
          f"--width 100 -o {pot} .")
    for name in sorted(os.listdir(locale)):
        if name.endswith(".po"):
            lang = name[:-3]
            c.run(f"{pybabel} update --no-fuzzy-matching --ignore-obsolete --width 100 "
                  f"-i {pot} -o {os.path.join(locale, name)} -l {lang}")
    print("Now translate every empty msgstr \"\" in the .po files; the build compiles them.")


@task(help={"audio": "the audio file (MP3 or M4A)", "show": "the show's folder name under "
            "content/podcasts/ (PODCAST[\"path\"])"})
def new_episode(c, audio, show):
    """Create a draft episode for an audio file: title, duration, chapters and guid filled in."""
    from datetime import datetime
    from pathlib import Path

    from shelfcast_podcast.audio import AudioError, probe
    from shelfcast_podcast.scaffold import new_episode as make_episode

    audio = os.path.abspath(audio)  # before _podcast_folder changes into the repository
    shows, settings = _podcast_folder("pelicanconf.py")
    folder = os.path.join(shows, show)
    if not os.path.isfile(os.path.join(folder, "show.yaml")):
        raise Exit(f"{os.path.relpath(folder, ROOT)}/show.yaml does not exist; create the show "
                   "first (see docs/podcasts.md)", 1)
    if not os.path.isfile(audio):
        raise Exit(f"{audio} does not exist; check the path of the audio file", 1)
    try:
        facts = probe(audio)
    except (AudioError, OSError) as err:
        raise Exit(f"{audio}: {err}", 1) from None
    source = os.path.abspath(audio)
    if not source.startswith(folder + os.sep):
        target = os.path.join(folder, "audio", os.path.basename(audio))
        if os.path.exists(target):
            raise Exit(f"{os.path.relpath(target, ROOT)} already exists; rename your file", 1)
        _guarded_write(folder, f"audio/{os.path.basename(audio)}", Path(source))
        source = target
        print(f"Copied the audio to {os.path.relpath(target, ROOT)}")
    relative = os.path.relpath(source, folder).replace(os.sep, "/")
    name, text = make_episode(facts, relative, datetime.now().replace(second=0, microsecond=0),
                              settings=settings)
    path = os.path.join(folder, name)
    if os.path.exists(path):
        raise Exit(f"{os.path.relpath(path, ROOT)} already exists; give the episode a title "
                   "tag or rename the audio file", 1)
    _guarded_write(folder, name, text)
    print(f"Created {os.path.relpath(path, ROOT)} (status: draft; remove that line to publish)")


def _podcast_folder(settings_file: str) -> tuple[str, dict]:
    """content/<PODCAST["path"]> and the settings, read from the settings file."""
    from shelfcast_podcast import shows_folder
    from shelfcast_sitekit.build import load_settings

    os.chdir(ROOT)
    settings = load_settings(settings_file)
    return os.path.join(settings["PATH"], shows_folder(settings)), settings


@task(help={"settings": "the settings file whose public feed URLs the show guids come from"})
def freeze_guids(c, settings="publishconf.py"):
    """Write each episode's guid and each show's podcast:guid into its file, where missing."""
    from shelfcast_podcast import feed_url, placeholder_address
    from shelfcast_podcast.scaffold import freeze_guids as freeze

    folder, loaded = _podcast_folder(settings)
    public = feed_url(loaded, "show")
    # A show's podcast:guid is made once from its public feed address: one made from a
    # placeholder would be the same for every library that kept the kit's example address.
    placeholder = placeholder_address(public)
    if placeholder:
        print(f"Show guids not written: {settings} gives feeds the address {public}, which is "
              "not your library's; set SITEURL (and FEED_DOMAIN) there to the public address "
              "first.")
    from shelfcast_sitekit.writeguard import WriteRefused

    try:
        changed = freeze(folder, None if placeholder else (lambda show: feed_url(loaded, show)))
    except WriteRefused as refused:
        raise Exit(str(refused), 1) from None
    for path, guid in changed:
        print(f"{os.path.relpath(path, ROOT)}: guid: {guid}")
    print(f"{len(changed)} guid(s) frozen." if changed else "Every show and episode has a guid.")


@task
def version(c):
    """Show the kit's version (pyproject.toml; also in each page's generator tag)."""
    from shelfcast_sitekit.kitversion import kit_manifest

    print(f"Shelfcast {kit_manifest().version}")


@task(help={"rewrite": "rename the old settings in library.py to their new names"})
def settings_moves(c, rewrite=False):
    """List settings in library.py that the kit renamed; --rewrite renames them in the file."""
    from shelfcast_sitekit.kitsource import guarded_path
    from shelfcast_sitekit.librarysettings import LIBRARY_FILE
    from shelfcast_sitekit.settingmoves import moves_in_text, rewrite_text
    from shelfcast_sitekit.upgrade import MOVES_FOUND

    path = guarded_path(ROOT, LIBRARY_FILE)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    moves = moves_in_text(text)
    if not moves:
        print(f"{LIBRARY_FILE} uses no renamed setting.")
        return
    for move in moves:
        print(f"{LIBRARY_FILE}: {move.old} is now {move.new} since Shelfcast {move.since} "
              f"({move.why}).")
    if not rewrite:
        raise Exit("Run `invoke settings-moves --rewrite` to rename them in "
                   f"{LIBRARY_FILE}.", code=MOVES_FOUND)
    new, left = rewrite_text(text, moves)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)
    print(f"Renamed them in {LIBRARY_FILE}." + "".join(f"\n{line}" for line in left))


@task(help={"to": "the kit version's tag, e.g. v0.9.1 (see the kit's CHANGELOG.md)",
            "from_": "the git remote to take it from (default: origin, where you cloned from)",
            "archive": "a release archive (.tar.gz) to take the kit from instead of git",
            "yes": "rename settings the new version renamed in library.py without asking",
            "replace_edited": "replace kit files you edited (your edits stay in git history)",
            "no_commit": "leave the new kit's files uncommitted"})
def upgrade(c, to=None, from_="origin", archive=None, yes=False, replace_edited=False,
            no_commit=False):
    """Take a new kit version: replace only the kit's files, check, or put the old one back."""
    from shelfcast_sitekit.kitsource import UpgradeError
    from shelfcast_sitekit.upgrade import Request
    from shelfcast_sitekit.upgrade import upgrade as run_upgrade

    if bool(to) == bool(archive):
        raise Exit("invoke upgrade needs --to <tag> (or --archive <file.tar.gz>), not both", 1)
    ask = _Asker(sys.stdin.isatty())
    request = Request(to, from_, archive and os.path.abspath(archive), replace_edited,
                      commit=not no_commit)

    def accept() -> bool:
        return yes or ask.yes("Rename them in library.py now?")

    try:
        code = run_upgrade(ROOT, request, accept, print)
    except UpgradeError as err:
        raise Exit(f"invoke upgrade: {err}", 1) from None
    if code:
        raise Exit(code=code)


INIT_HELP = {
    "name": "the library's name, as readers see it",
    "url": "the site's public address, https://...",
    "lang": "the site's language (da, sv, en...); repeat --lang for more languages",
    "catalogue_system": "the catalogue system (koha, dpl-cms, libris...; see docs/catalogue.md)",
    "catalogue_url": "the catalogue's address, https://...",
    "email": "the library's contact e-mail (footer, podcast owner)",
    "timezone": "the library's time zone (default: the language's, e.g. Europe/Stockholm for sv)",
    "tagline": "one line under the name (home page, link previews); default: a plain one",
    "colour": "the library's accent colour, #rrggbb (links, buttons, header, link preview card)",
    "keep_demo": "keep the demo posts, pages and podcasts",
    "no_demo": "remove the demo content (the default when not asked)",
}


@task(iterable=["lang"], help=INIT_HELP)
def init(c, name=None, url=None, lang=None, catalogue_system=None, catalogue_url=None,
         email=None, timezone=None, tagline=None, colour=None, keep_demo=False, no_demo=False):
    """Make the site your library's: name, address, languages, catalogue; remove the demo."""
    from shelfcast_sitekit.firststeps import (
        Answers,
        answer_problems,
        catalogue_setting,
        likely_timezone,
        plan_demo_removal,
        remove_demo,
        write_card,
        write_settings,
    )
    from shelfcast_sitekit.librarysettings import LIBRARY_FILE
    from shelfcast_sitekit.messages import init_texts
    from shelfcast_sitekit.settingsfile import current_value

    os.chdir(ROOT)
    if keep_demo and no_demo:
        raise Exit("Choose --keep-demo or --no-demo, not both.", 1)
    ask = _Asker(sys.stdin.isatty())
    langs = [part.strip() for value in lang or [] for part in value.split(",") if part.strip()]
    name = name if name is not None else ask("name", "Your library's name")
    url = url if url is not None else ask("url", "The site's public address (https://...)")
    langs = tuple(langs or ask("lang", "Language(s), e.g. sv or da,en").replace(" ", "")
                  .split(","))
    answers = Answers(
        name=name, url=url, langs=langs,
        catalogue_system=catalogue_system or ask.optional(
            "Catalogue system (koha, dpl-cms, libris...; empty: keep the current one)"),
        catalogue_url=catalogue_url or ask.optional("The catalogue's address (https://...)"),
        email=email or ask.optional("The library's contact e-mail"),
        timezone=timezone or ask.optional(
            f"Time zone (empty: {likely_timezone(langs[0] or 'en')})"),
        tagline=tagline or ask.optional("A line under the name (empty: a plain one)"),
        colour=colour or ask.optional("Accent colour, #rrggbb (empty: the kit's blue)"),
        keep_demo=keep_demo or (not no_demo and ask.yes("Keep the demo content?")))
    if ask.missing:
        raise Exit("invoke init needs " + ", ".join(f"--{m.replace('_', '-')}"
                                                     for m in ask.missing)
                   + " (or run it in a terminal to be asked)", 1)
    with open(os.path.join(ROOT, LIBRARY_FILE), encoding="utf-8") as handle:
        catalogue = catalogue_setting(answers, current_value(handle.read(), "CATALOGUE"))
    problems = answer_problems(answers, catalogue)
    if problems:
        raise Exit("\n".join(problems) + "\nNothing was changed.", 1)
    say = init_texts(answers.langs[0])  # the librarian's words: the site's first language
    for changed in write_settings(ROOT, answers):
        print(say["wrote"].format(path=changed))
    with open(os.path.join(ROOT, LIBRARY_FILE), encoding="utf-8") as handle:
        library = current_value(handle.read(), "LIBRARY")
    card = write_card(os.path.join(ROOT, "content"), answers,
                      library.get("accent_colour") if isinstance(library, dict) else None)
    if card:
        print(say["card"].format(path=f"content/{card}"))
    _note_languages(answers.langs)
    plan = None if answers.keep_demo else plan_demo_removal(os.path.join(ROOT, "content"))
    if plan is not None:
        remove_demo(os.path.join(ROOT, "content"), plan)
        print(say["removed"].format(count=len(plan.remove)))
        for path in plan.edited:
            print(say["kept"].format(path=f"content/{path}"))
    print(say["done"])


def _note_languages(langs) -> None:
    locale = os.path.join(ROOT, "themes", "shelfcast", "locale")
    for code in langs:
        base = code.split("-")[0].lower()
        if base != "en" and not os.path.isfile(os.path.join(locale, f"{base}.po")):
            print(f"Note: menus and dates in {code!r} pages stay English until "
                  f"themes/shelfcast/locale/{base}.po exists (see docs/languages.md).")


class _Asker:
    """Asks in a terminal; elsewhere it only notes which required answers are missing."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.missing: list[str] = []

    def __call__(self, option: str, question: str) -> str:
        while self.interactive:
            answer = input(f"{question}: ").strip()
            if answer:
                return answer
        self.missing.append(option)
        return ""

    def optional(self, question: str) -> str | None:
        return (input(f"{question}: ").strip() or None) if self.interactive else None

    def yes(self, question: str) -> bool:
        return self.interactive and input(f"{question} [y/N]: ").strip().lower() in ("y", "yes")


@task(help={"post": "the post's slug (the last part of its address, without .html)",
            "from_mail": "the reader's e-mail saved as an .eml file"})
def add_comment(c, post, from_mail):
    """Turn a reader's e-mail into a comment file under content/comments/<post>/ for review."""
    from pelican.settings import read_settings
    from shelfcast_comments.mail import (
        MailError,
        comment_from_mail,
        comment_path,
        comment_yaml,
        post_slugs,
    )

    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"))
    content = settings["PATH"]
    comments = os.path.join(content, (settings.get("COMMENTS") or {}).get("path", "comments"))
    if post not in post_slugs(content, settings["ARTICLE_PATHS"], settings):
        raise Exit(f"there is no post with the slug {post!r}; use the last part of the post's "
                   "address, e.g. winter-reading for posts/2026/winter-reading.html", 1)
    try:
        with open(from_mail, "rb") as handle:
            fields = comment_from_mail(handle.read())
    except OSError as err:
        raise Exit(f"{from_mail}: {err.strerror}; check the path of the .eml file", 1) from None
    except MailError as err:
        raise Exit(f"{from_mail}: {err}", 1) from None
    path = comment_path(comments, post, fields)
    # A reader's mail can hold a phone number or an address in its text: it waits, unseen,
    # until a moderator has read it (the same switch the web editor shows).
    _guarded_write(comments, os.path.relpath(path, comments).replace(os.sep, "/"),
                   comment_yaml({**fields, "pending": True}))
    print(f"Created {os.path.relpath(path, ROOT)}: it waits for approval. Read it, remove "
          "anything private, then delete the line `pending: true` (or switch \"Waiting for "
          "approval\" off in the web editor) and commit it to publish the comment")


TIMEOUT_HELP = "seconds one download may take in all (default 900); a slower one is skipped"


def _fetching(allow_local: bool, timeout) -> dict:
    """The import's fetch options from the command line."""
    from dataclasses import replace

    from shelfcast_import.downloads import MEDIA_LIMITS

    try:
        seconds = float(timeout) if timeout else MEDIA_LIMITS.seconds
    except ValueError:
        raise Exit(f"--timeout {timeout}: give a number of seconds, e.g. --timeout 600", 1) \
            from None
    return {"allow_local": allow_local, "media_limits": replace(MEDIA_LIMITS, seconds=seconds)}


@task(help={"export": "the WordPress export file (Tools → Export in WordPress)",
            "download": "also download the blog's images into content/images/<year>/",
            "show": "make posts with a podcast enclosure episodes of this show "
                    "(its folder name under content/podcasts/)",
            "allow_local": ALLOW_LOCAL_HELP, "timeout": TIMEOUT_HELP})
def import_wordpress(c, export, download=False, show=None, settings="pelicanconf.py",
                     allow_local=False, timeout=None):
    """Import a WordPress blog: posts, pages, comments, old addresses; see import-report.md."""
    from shelfcast_import.commands import ImportError_
    from shelfcast_import.commands import import_wordpress as run_import
    from shelfcast_import.staging import build_check
    from shelfcast_podcast import shows_folder

    _, site = _podcast_folder(settings)
    try:
        landed, _ = run_import(os.path.abspath(export), site["PATH"],
                               os.path.join(ROOT, "import-report.md"), site["TIMEZONE"],
                               show=show, download=download,
                               podcast_folder=shows_folder(site), check=build_check(settings),
                               comment_limit=_comment_limit(site),
                               **_fetching(allow_local, timeout))
    except ImportError_ as error:
        raise Exit(str(error), 1) from None
    _imported(landed)


@task(help={"feed": "the podcast's feed: a file or its web address",
            "show": "the new show's folder name under content/podcasts/ (a-z, 0-9, hyphens)",
            "download": "also download the audio and artwork (otherwise the audio stays where "
                        "it is hosted)",
            "allow_local": ALLOW_LOCAL_HELP, "timeout": TIMEOUT_HELP})
def import_feed(c, feed, show, download=False, settings="pelicanconf.py", allow_local=False,
                timeout=None):
    """Import an existing podcast from its feed: show.yaml and one episode file per item."""
    from shelfcast_import.commands import ImportError_
    from shelfcast_import.commands import import_feed as run_import
    from shelfcast_import.staging import build_check
    from shelfcast_podcast import shows_folder

    _, site = _podcast_folder(settings)
    try:
        landed, _ = run_import(feed, show, site["PATH"], os.path.join(ROOT, "import-report.md"),
                               site["TIMEZONE"], download=download,
                               podcast_folder=shows_folder(site), check=build_check(settings),
                               **_fetching(allow_local, timeout))
    except ImportError_ as error:
        raise Exit(str(error), 1) from None
    _imported(landed)


@task(help={"export": "the Blogger export file (Settings → Back up content in Blogger)",
            "download": "also download the blog's images into content/images/",
            "allow_local": ALLOW_LOCAL_HELP, "timeout": TIMEOUT_HELP})
def import_blogger(c, export, download=False, settings="pelicanconf.py", allow_local=False,
                   timeout=None):
    """Import a Blogger blog: posts, pages, labels, comments, old addresses; see
    import-report.md."""
    from shelfcast_import.commands import ImportError_
    from shelfcast_import.commands import import_blogger as run_import
    from shelfcast_import.staging import build_check

    _, site = _podcast_folder(settings)
    try:
        landed, _ = run_import(os.path.abspath(export), site["PATH"],
                               os.path.join(ROOT, "import-report.md"), site["TIMEZONE"],
                               download=download, check=build_check(settings),
                               comment_limit=_comment_limit(site),
                               **_fetching(allow_local, timeout))
    except ImportError_ as error:
        raise Exit(str(error), 1) from None
    _imported(landed)


def _imported(landed) -> None:
    print(f"Imported: {len(landed.added)} files added, {len(landed.unchanged)} unchanged, "
          f"{len(landed.kept)} kept as they were; the site builds with them (checked before "
          "they landed). Read import-report.md.")


def _comment_limit(site: dict) -> int:
    """COMMENTS["max_length"] as the build reads it: imported comments over it are marked."""
    from shelfcast_comments.settings import COMMENTS_SETTINGS

    given = site.get("COMMENTS") if isinstance(site.get("COMMENTS"), dict) else {}
    return given.get("max_length", COMMENTS_SETTINGS.defaults()["max_length"])
