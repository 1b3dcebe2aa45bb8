"""The web editor in headless Chromium: Decap CMS with its local backend on 127.0.0.1, on a
copy of the project served by nginx with the rules we ship (tests/nginx_server.py).

What a librarian does: open /admin/, write a Danish post with a picture (alt text), a
catalogue link and a tag, save it; the file lands in content/ with valid front matter,
`invoke check` passes and the next build shows it. What the editor refuses, with a message:
no title, a date the site cannot read, a picture without alt text, an ISBN whose check digit
is wrong. The page itself: Danish or Swedish, 0 CSP violations, no request to another host.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from browser.browsing import CSP_LISTENER_JS
from nginx_server import NginxServer, require_nginx
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from shelfcast_sitekit.build import build
from sitetools import copy_project

from .editing import (
    build_copy,
    editor_overrides,
    environment,
    free_port,
    front_matter,
    require_editor_bundle,
    rewrite_admin,
    run_check,
    served,
    tiny_mp3,
)

SECTION = "books"
# Decap's Danish notice after a save (decap-cms-locales da: entrySaved, entryPublished).
SAVED = re.compile("Dokumentet er (gemt|publiceret)")
COLLECTION = f"post-posts-{SECTION}"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project, built once with the local editor on (Danish site)."""
    require_editor_bundle()
    root = copy_project(tmp_path_factory.mktemp("editor") / "library")
    port = free_port()
    with environment(SHELFCAST_EDITOR_LOCAL_PORT=str(port)):
        code, messages = build_copy(root, editor_overrides(root, "da"))
    assert code == 0, messages
    return root, port


@pytest.fixture(scope="module")
def editor(project, tmp_path_factory):
    root, port = project
    with served(root, tmp_path_factory.mktemp("nginx-editor"), port) as server:
        yield root, server


@pytest.fixture
def page(browser, editor):
    """A fresh page recording CSP violations, every request, and (to explain a failure) the
    console and the requests that failed."""
    context = browser.new_context()
    page = context.new_page()
    page.violations, page.requests, page.log = [], [], []
    page.expose_function("shelfcastCspViolation", lambda text: page.violations.append(text))
    page.add_init_script(CSP_LISTENER_JS)
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.log.append(f"console {message.type}: "
                                                       f"{message.text}"))
    page.on("pageerror", lambda error: page.log.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: page.log.append(
        f"request failed: {request.method} {request.url} ({request.failure})"))
    yield page
    context.close()


def explain(page, what: str) -> str:
    """`what`, then what the browser saw: the page's text, its console, failed requests."""
    return "\n".join([what, f"page {page.url}: {page.inner_text('body')[:300]!r}",
                      *page.log[-20:]])


def log_in(page, server, lang_button: str = "Log ind") -> None:
    """Log in to the local editor. Decap asks its local backend before it shows a login: the
    local login is one button with just the word, the published editor's names its git host
    ("Log ind med GitHub"), whose login cannot work here."""
    page.goto(server.url("admin/"))
    button = page.get_by_role("button").first
    button.wait_for(timeout=30000)
    assert button.inner_text().strip() == lang_button, explain(
        page, f"/admin/ is not the local editor: its login says {button.inner_text()!r}")
    button.click()
    try:
        page.locator(f"a[href$='/collections/{COLLECTION}']").first.wait_for(timeout=30000)
    except PlaywrightTimeout as stalled:
        raise AssertionError(explain(page, "no collection list after login")) from stalled


def new_post(page, server) -> None:
    page.goto(server.url(f"admin/#/collections/{COLLECTION}/new"))
    page.wait_for_selector("input[id^=title-field]", timeout=20000)


def publish(page) -> None:
    page.get_by_role("button", name="Publicer").first.click()
    page.get_by_text("Publicer nu", exact=True).click()


def wait_saved(page) -> None:
    """Until Decap says the entry is saved (its local backend has written the whole file)."""
    try:
        page.get_by_text(SAVED).first.wait_for(timeout=20000)
    except PlaywrightTimeout as unsaved:
        raise AssertionError(explain(page, "the editor did not save")) from unsaved


def write_body(page, text: str) -> None:
    body = page.locator("[contenteditable=true]").last
    body.click()
    page.keyboard.type(text)


# The editable text holds exactly `text` (white space as the browser shows it, trimmed).
HOLDS_TEXT = "([el, text]) => el.innerText.replace(/\\s+/g, ' ').trim() === text"


def replace_text(page, editable, text: str, attempts: int = 3) -> None:
    """Select all of an editable text and type `text` over it, as a moderator does.

    The editor (Slate) takes the caret from a click asynchronously: a select-all pressed
    before it has done so can be undone by it, and the typing then lands where the click
    was (seen in CI: "...på 9Tak for den nye rute!8 76 54 32."). So what the text holds is
    checked after typing, and the select-all and typing are done again if it is not `text`."""
    editable.click()
    for _attempt in range(attempts):
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        try:
            page.wait_for_function(HOLDS_TEXT, arg=[editable.element_handle(), text],
                                   timeout=3000)
            return
        except PlaywrightTimeout:
            continue
    shown = editable.inner_text()
    raise AssertionError(explain(page, f"the text could not be replaced; it reads {shown!r}"))


def saved_posts(root: Path) -> set[str]:
    return {p.name for p in (root / "content" / "posts" / SECTION).glob("*.md")}


def test_admin_loads_danish_with_no_csp_violation_and_only_the_local_backend(page, editor):
    root, server = editor
    log_in(page, server)
    body = page.inner_text("body")
    # Decap validates config.yml against its own configuration schema when it loads it.
    assert "Config" not in body and "konfiguration" not in body.lower(), body[:500]
    assert page.violations == []
    others = {url for url in page.requests if not url.startswith(server.base)}
    assert all(url.startswith("http://127.0.0.1:") for url in others), others
    robots = page.locator("meta[name=robots]").get_attribute("content")
    assert "noindex" in robots


def test_a_danish_post_saved_in_the_editor_passes_check_and_is_built(page, editor,
                                                                    tmp_path):
    root, server = editor
    log_in(page, server)
    new_post(page, server)
    page.once("dialog", lambda dialog: dialog.accept("images/reading-room.png"))
    page.fill("input[id^=title-field]", "Sommerlæsning på biblioteket")
    page.fill("input[id^=date-field]", "2026-06-01T10:00")
    page.fill("input[id^=image_alt-field]", "Børn læser på puder i læsesalen")
    page.get_by_role("button", name="Indsæt fra URL").first.click()
    page.get_by_role("button", name="Tilføj emneord").click()
    page.locator("[id^=tag-field]").last.fill("sommer")
    write_body(page, "Læs [Hobbitten](isbn:9780261103344) i sommer.")
    publish(page)
    wait_saved(page)
    saved = root / "content" / "posts" / SECTION / "sommerlaesning-pa-biblioteket.md"
    meta = front_matter(saved)
    assert meta["title"] == "Sommerlæsning på biblioteket"
    assert meta["tags"] == ["sommer"] and meta["image"] == "images/reading-room.png"
    assert meta["image_alt"].startswith("Børn")
    assert "[Hobbitten](isbn:9780261103344)" in saved.read_text(encoding="utf-8")
    assert page.violations == []
    code, report = run_check(root)
    assert code == 0, report
    # The next build, into a folder of its own: rebuilt without the local editor's port
    # (as `make build` is), the served output/ would get the published editor (git host
    # login), and every later test here would wait on a login page that is not the local one.
    next_build = tmp_path / "output"
    code, messages = build_copy(root, editor_overrides(root, "da"), next_build)
    assert code == 0, messages
    built = list(next_build.rglob("sommerlaesning*.html"))
    assert built, "the next build does not show the post"
    assert "Hobbitten" in built[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("mistake", ["no title", "no alt text", "wrong ISBN"])
def test_the_editor_refuses_what_the_build_would(page, editor, mistake):
    root, server = editor
    before = saved_posts(root)
    log_in(page, server)
    new_post(page, server)
    page.fill("input[id^=title-field]", "" if mistake == "no title" else f"Prøve {mistake}")
    page.fill("input[id^=date-field]", "2026-06-02T09:00")
    if mistake == "no alt text":
        page.once("dialog", lambda dialog: dialog.accept("images/reading-room.png"))
        page.get_by_role("button", name="Indsæt fra URL").first.click()
        page.get_by_text("Vælg et andet billede").first.wait_for()
    if mistake == "wrong ISBN":
        write_body(page, "Læs [Hobbitten](isbn:9780261103345).")
    publish(page)
    expected = {"no title": "påkrævet", "no alt text": "alt-tekst",
                "wrong ISBN": "kontrolcifferet"}[mistake]
    # The message comes from the check that stops the save (Decap's own, or our preSave
    # before Decap calls its backend): once it shows, no file is on its way.
    page.get_by_text(expected, exact=False).first.wait_for(timeout=10000)
    assert saved_posts(root) == before


def test_a_hand_written_bad_date_is_refused_when_saved(page, editor):
    """The date picker cannot produce a bad date; a file written by hand can, and the editor
    keeps its value when it opens the file, so the check is at save time."""
    root, server = editor
    bad = root / "content" / "posts" / SECTION / "bad-date.md"
    text = "---\ntitle: Forkert dato\ndate: 2026-13-45\nstatus: draft\n---\nTekst.\n"
    bad.write_text(text, encoding="utf-8")
    try:
        log_in(page, server)
        page.goto(server.url(f"admin/#/collections/{COLLECTION}/entries/bad-date"))
        page.wait_for_selector("input[id^=title-field]", timeout=20000)
        page.fill("input[id^=title-field]", "Forkert dato, rettet titel")
        publish(page)
        page.get_by_text("ikke en dato", exact=False).first.wait_for(timeout=10000)
        assert bad.read_text(encoding="utf-8") == text
    finally:
        bad.unlink()


def test_swedish_site_gets_a_swedish_editor(page, editor, project):
    root, server = editor
    _, port = project
    rewrite_admin(root, editor_overrides(root, "sv"), port)
    try:
        log_in(page, server, "Logga in")
        new_post(page, server)
        assert "Rubriken som läsarna ser." in page.inner_text("body")
        # Field labels in Swedish too (Decap shows them in capitals: read the text itself).
        label = page.locator("label[for^=title-field]").first.text_content()
        assert label.startswith("Rubrik"), label
        alt = page.locator("label[for^=image_alt-field]").first.text_content()
        assert alt.startswith("Bildens alt-text"), alt
    finally:
        rewrite_admin(root, editor_overrides(root, "da"), port)


def test_published_admin_talks_to_no_other_host_before_login(page, editor, project):
    """The production page (git host backend, editorial workflow): the login screen loads
    with our headers, 0 CSP violations and no request anywhere but the site."""
    root, server = editor
    _, port = project
    rewrite_admin(root, editor_overrides(root, "da"), None)
    try:
        page.goto(server.url("admin/"))
        page.get_by_role("button").first.wait_for(timeout=20000)
        assert page.violations == []
        assert {url for url in page.requests if not url.startswith(server.base)} == set()
    finally:
        rewrite_admin(root, editor_overrides(root, "da"), port)


def test_a_scheduled_post_says_in_the_preview_when_it_will_appear(page, editor):
    root, server = editor
    log_in(page, server)
    new_post(page, server)
    page.fill("input[id^=title-field]", "Tidskapslen åbnes")
    page.fill("input[id^=date-field]", "2072-05-01T10:00")
    preview = page.frame_locator("iframe").first
    preview.get_by_text("Planlagt: vises på sitet fra 2072-05-01 10:00").wait_for(timeout=10000)
    assert preview.locator("article.post header h1").inner_text() == "Tidskapslen åbnes"


def expand(page, block: str) -> None:
    """Open a collapsed object widget (album:, event:, recurrence:) as a librarian does."""
    page.locator(f"div[id^={block}-field-] [data-testid=expand-button]").first.click()


def test_an_event_recurring_every_second_week_saved_in_the_editor(page, editor, tmp_path):
    root, server = editor
    log_in(page, server)
    page.goto(server.url("admin/#/collections/post-posts-events/new"))
    page.wait_for_selector("input[id^=title-field]", timeout=20000)
    page.fill("input[id^=title-field]", "Strikkecafé hver anden uge")
    page.fill("input[id^=date-field]", "2026-08-01T10:00")
    expand(page, "event")
    page.fill("input[id^=start-field]", "2026-08-04T17:00")
    page.fill("input[id^=end-field]", "2026-08-04T19:00")
    page.fill("input[id^=location-field]", "Læsesalen")
    expand(page, "recurrence")
    page.fill("input[id^=every-field]", "2 weeks")
    page.fill("input[id^=until-field]", "2026-12-15")
    write_body(page, "Tag dit strikketøj med.")
    publish(page)
    wait_saved(page)
    saved = root / "content" / "posts" / "events" / "strikkecafe-hver-anden-uge.md"
    event = front_matter(saved)["event"]
    assert event["recurrence"]["every"] == "2 weeks"
    assert str(event["recurrence"]["until"]) == "2026-12-15"
    assert str(event["start"]).startswith("2026-08-04 17:00")
    assert event["location"] == "Læsesalen"
    code, report = run_check(root)
    assert code == 0, report
    next_build = tmp_path / "output"
    code, messages = build_copy(root, editor_overrides(root, "da"), next_build)
    assert code == 0, messages
    calendars = [p.read_text(encoding="utf-8") for p in next_build.rglob("*.ics")]
    mine = [text for text in calendars if "Strikkecaf" in text]
    assert mine and all("INTERVAL=2" in text and "FREQ=WEEKLY" in text for text in mine), \
        "the built calendar does not repeat the event every second week"


def test_an_album_reviews_track_list_edited_in_the_editor(page, editor, tmp_path):
    root, server = editor
    review = root / "content" / "music" / "kind-of-blue.md"
    titles = [track["title"] for track in front_matter(review)["album"]["tracks"]]
    log_in(page, server)
    page.goto(server.url("admin/#/collections/post-music/entries/kind-of-blue"))
    page.wait_for_selector("input[id^=title-field]", timeout=20000)
    expand(page, "album")
    album = page.locator("div[id^=album-field-]").first
    album.get_by_role("button", name="Tilføj numre").click()
    album.locator("input[id^=title-field]").last.fill("Flamenco Sketches (alternate take)")
    album.locator("input[id^=length-field]").last.fill("9:32")
    publish(page)
    wait_saved(page)
    added = "Flamenco Sketches (alternate take)"
    saved = [track["title"] for track in front_matter(review)["album"]["tracks"]]
    assert saved == [*titles, added]
    code, report = run_check(root)
    assert code == 0, report
    next_build = tmp_path / "output"
    code, messages = build_copy(root, editor_overrides(root, "da"), next_build)
    assert code == 0, messages
    # Decap writes `length: 9:32` unquoted; the site reads it as the time it is (YAML 1.1
    # would make it 572 seconds), for the new track and the ones it wrote back.
    built = next(next_build.rglob("kind-of-blue*.html"))
    rows = lxml.html.parse(str(built)).xpath("//tr[td[@class='length']]")
    length = "td[@class='length']"
    shown = [(row.xpath(f"string({length}/preceding-sibling::td[1])").strip(),
              row.xpath(f"string({length})")) for row in rows]
    assert ("So What", "9:22") in shown and (added, "9:32") in shown, shown


def test_an_episode_with_an_uploaded_mp3_saved_in_the_editor(page, editor, tmp_path):
    """The MP3 goes into the show's audio/ folder and the feed of the next build offers it."""
    root, server = editor
    sound = tiny_mp3(2.0)
    log_in(page, server)
    page.goto(server.url("admin/#/collections/episode-podcasts-bogsnak/new"))
    page.wait_for_selector("input[id^=title-field]", timeout=20000)
    page.fill("input[id^=title-field]", "Lydbogsklubben")
    page.fill("input[id^=date-field]", "2026-03-02T10:00")
    audio = page.locator("label[for^=audio-field]").locator("xpath=ancestor::div[@aria-label][1]")
    audio.get_by_role("button", name="Vælg fil").click()
    page.locator("input[type=file]").set_input_files(
        {"name": "lydbogsklubben.mp3", "mimeType": "audio/mpeg", "buffer": sound})
    # Decap selects what was just uploaded; "Anvend valgte" puts it in the field.
    page.get_by_text("lydbogsklubben.mp3").first.wait_for()
    page.get_by_role("button", name="Anvend valgte").click()
    write_body(page, "Vi taler om lydbøger.")
    publish(page)
    wait_saved(page)
    show = root / "content" / "podcasts" / "bogsnak"
    assert front_matter(show / "lydbogsklubben.md")["audio"] == "audio/lydbogsklubben.mp3"
    assert (show / "audio" / "lydbogsklubben.mp3").read_bytes() == sound
    code, report = run_check(root)
    assert code == 0, report
    next_build = tmp_path / "output"
    code, messages = build_copy(root, editor_overrides(root, "da"), next_build)
    assert code == 0, messages
    enclosures = [enclosure for feed in next_build.rglob("*.xml")
                  for enclosure in lxml.etree.parse(str(feed)).iter("enclosure")
                  if enclosure.get("url", "").endswith("/lydbogsklubben.mp3")]
    assert enclosures and enclosures[0].get("length") == str(len(sound)), \
        "the next build's feed does not offer the uploaded MP3"


def test_a_pending_comment_approved_in_the_editor_shows_on_its_post(page, editor, tmp_path):
    """A reader's comment waits (`pending: true`) with a phone number in it: the moderator
    opens the post's comments, removes the number, switches off "Afventer godkendelse" and
    saves; the next build shows the comment under the post, without the number."""
    root, server = editor
    folder = root / "content" / "comments" / "book-bus-new-route"
    pending = folder / "2026-09-07-ida.yaml"
    pending.write_text("name: Ida\ndate: 2026-09-07 09:00\ntext: |\n  Tak for den nye rute! "
                       "Ring til mig på 98 76 54 32.\npending: true\n", encoding="utf-8")
    log_in(page, server)
    page.goto(server.url("admin/#/collections/comment-comments-book-bus-new-route"))
    entry = page.locator("a[href$='/entries/2026-09-07-ida']").first
    try:
        entry.wait_for(timeout=20000)
    except PlaywrightTimeout as missing:
        raise AssertionError(explain(page, "the pending comment is not listed")) from missing
    entry.click()
    switch = page.locator("[id^=pending-field]").first
    switch.wait_for(timeout=20000)
    label = page.locator("label[for^=pending-field]").first.text_content()
    assert "Afventer godkendelse" in label, label
    replace_text(page, page.locator("[contenteditable=true]").first, "Tak for den nye rute!")
    switch.click()
    publish(page)
    wait_saved(page)
    meta = yaml.safe_load(pending.read_text(encoding="utf-8"))
    assert meta["pending"] is False
    assert meta["text"].strip() == "Tak for den nye rute!"
    assert meta["name"] == "Ida" and str(meta["date"]).startswith("2026-09-07 09:00")
    code, report = run_check(root)
    assert code == 0, report
    next_build = tmp_path / "output"
    code, messages = build_copy(root, editor_overrides(root, "da"), next_build)
    assert code == 0, messages
    post = next(p for p in next_build.rglob("book-bus-new-route*.html")
                if "comments" not in p.parts)
    comments = lxml.html.parse(str(post)).xpath("string(//*[@id='comment-2026-09-07-ida'])")
    assert "Tak for den nye rute!" in comments, "the next build does not show the comment"
    assert "98 76 54" not in comments


def test_production_build_admin_has_its_own_policy_and_the_site_keeps_its_own(
        browser, project, tmp_path):
    """The copy built with its publishconf.py (production switches, the public address) and
    the editor on, served by nginx with our rules: /admin/ loads its login with 0 CSP
    violations and no request to another host, and the home page keeps the site's stricter
    policy (no 'unsafe-eval', which only the editor's page allows)."""
    root, _ = project
    output = tmp_path / "production"
    stream, cwd = io.StringIO(), os.getcwd()
    os.chdir(root)
    try:
        with environment(SHELFCAST_EDITOR_LOCAL_PORT=None):
            code = build(str(root / "publishconf.py"), str(output),
                         editor_overrides(root, "da"), stream=stream)
    finally:
        os.chdir(cwd)
    assert code == 0, stream.getvalue()
    with NginxServer(output, tmp_path / "nginx").start(require_nginx()) as server:
        context = browser.new_context()
        page = context.new_page()
        violations, requests = [], []
        page.expose_function("shelfcastCspViolation", lambda text: violations.append(text))
        page.add_init_script(CSP_LISTENER_JS)
        page.on("request", lambda request: requests.append(request.url))
        try:
            admin = page.goto(server.url("admin/"))
            page.get_by_role("button", name=re.compile("GitHub")).wait_for(timeout=20000)
            admin_policy = admin.headers["content-security-policy"]
            home = page.goto(server.url("/"))
            page.wait_for_load_state("load")
            site_policy = home.headers["content-security-policy"]
        finally:
            context.close()
    assert violations == []
    assert {url for url in requests if not url.startswith(server.base)} == set()
    assert "'unsafe-eval'" not in site_policy  # ('wasm-unsafe-eval' is Pagefind's)
    assert admin_policy != site_policy
