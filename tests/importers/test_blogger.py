"""`invoke import-blogger`: a Blogger export (written here as Blogger writes them: one Atom feed,
entries told apart by their kind category) moves into a new library and builds at once; every
old Blogspot address answers, on nginx with our rules and on a plain static host."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html
from nginx_server import NginxServer, require_nginx
from shelfcast_import.commands import ImportError_, import_blogger
from shelfcast_publish.redirects import alias_file
from sitetools import new_library
from test_short_links import get
from test_wordpress import serve

INVOKE = Path(sys.executable).with_name("invoke")
BLOG = "https://orstadlib.blogspot.com"
KIND = "http://schemas.google.com/blogger/2008/kind#"


def entry(kind: str, number: int, title: str, html_body: str, published: str, *,
          slug: str | None = None, labels: tuple = (), draft: bool = False,
          reply_to: int | None = None, author: str = "Anna Berg",
          email: str = "noreply@blogger.com") -> str:
    link = ""
    if slug:
        link = (f"<link rel='alternate' type='text/html' href='{BLOG}/{slug}' "
                f"title='{title}'/>")
    label_tags = "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term='{label}'/>"
                         for label in labels)
    control = ("<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft>"
               "</app:control>") if draft else ""
    reply = (f"<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' "
             f"ref='tag:blogger.com,1999:blog-77.post-{reply_to}' type='text/html'/>"
             if reply_to else "")
    escaped = html_body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"""<entry><id>tag:blogger.com,1999:blog-77.post-{number}</id>
<published>{published}</published><updated>{published}</updated>
<category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}{kind}'/>{label_tags}
<title type='text'>{title}</title><content type='html'>{escaped}</content>{link}
<author><name>{author}</name><uri>https://www.blogger.com/profile/1</uri><email>{email}</email>
</author>{control}{reply}</entry>
"""


def blogger_export() -> str:
    entries = [
        entry("settings", 1, "", "", "2012-01-01T10:00:00.000+01:00"),
        entry("template", 2, "Template: Simple", "<html></html>", "2012-01-01T10:00:00Z"),
        entry("post", 10, "Spring reading", "<p>Our <b>spring</b> list.</p><a href="
              "'https://1.bp.blogspot.com/-x/s1600/books.jpg'><img src='https://1.bp.blogspot"
              ".com/-x/s320/books.jpg' alt='New books'></a>", "2012-03-05T10:00:00.000+01:00",
              slug="2012/03/spring-reading.html", labels=("Books", "Reading lists")),
        entry("post", 11, "Summer opening hours", "Open late on Thursdays.<br>See you!",
              "2012-06-01T09:30:00.000+02:00", slug="2012/06/summer-opening-hours.html",
              labels=("Events",)),
        entry("post", 12, "Ideas for autumn", "<p>Not ready yet.</p>",
              "2012-08-01T09:30:00.000+02:00", draft=True, labels=("Events",)),
        entry("page", 20, "About the library", "<p>Since 1921.</p>",
              "2011-12-01T09:00:00.000+01:00", slug="p/about.html"),
        entry("comment", 30, "Lovely", "Lovely list!", "2012-03-06T12:00:00.000+01:00",
              reply_to=10, author="Maja", email="maja@mail.example.com"),
        entry("comment", 31, "More", "More crime, please.<br>Thanks",
              "2012-03-07T12:00:00.000+01:00", reply_to=10, author="Jens",
              email="jens@mail.example.com"),
        entry("comment", 32, "Hours", "Great news.", "2012-06-02T08:00:00.000+02:00",
              reply_to=11, author="Anonymous", email="noreply@blogger.com"),
    ]
    return ("<?xml version='1.0' encoding='UTF-8'?>\n"
            "<feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
            "xmlns:gd='http://schemas.google.com/g/2005' "
            "xmlns:thr='http://purl.org/syndication/thread/1.0'>"
            "<id>tag:blogger.com,1999:blog-77</id><updated>2012-08-01T09:30:00Z</updated>"
            "<title type='text'>Ørstad Library</title>"
            f"<link rel='alternate' type='text/html' href='{BLOG}/'/>"
            "<author><name>Anna Berg</name><email>noreply@blogger.com</email></author>"
            "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>\n"
            + "".join(entries) + "</feed>\n")


# Old address -> the title of the page it must end on.
OLD = {"/2012/03/spring-reading.html": "Spring reading",
       "/2012/06/summer-opening-hours.html": "Summer opening hours",
       "/p/about.html": "About the library"}


def invoke(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A new library that imported the export and passed `invoke check` at once."""
    root = tmp_path_factory.mktemp("blogger")
    export = root / "blog-export.xml"
    export.write_text(blogger_export(), encoding="utf-8")
    project = new_library(root / "library")
    done = invoke(project, "import-blogger", str(export))
    assert done.returncode == 0, done.stdout + done.stderr
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return project


def output(project: Path) -> Path:
    return project / ".cache" / "check-output"


def heading(project: Path, url_path: str) -> str:
    relative = url_path.lstrip("/") or "index.html"
    page = html.fromstring((output(project) / relative).read_bytes())
    return " ".join(page.xpath("string(//h1)").split())


def redirect_target(project: Path, old: str) -> str:
    page = html.fromstring((output(project) / alias_file(old)).read_bytes())
    target = page.xpath("//meta[@http-equiv='refresh']/@content")[0].split("url=", 1)[1]
    return urlsplit(target).path


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_posts_pages_labels_and_the_draft(imported):
    content = imported / "content"
    spring = front(content / "posts/books/2012-spring-reading.md")
    assert spring["title"] == "Spring reading" and spring["author"] == "Anna Berg"
    assert spring["tags"] == ["Books", "Reading lists"]
    assert str(spring["date"]) == "2012-03-05 10:00"
    assert "/2012/03/spring-reading.html?m=1" in spring["aliases"]
    draft = front(content / "posts/events/2012-ideas-for-autumn.md")
    assert draft["status"] == "draft" and not draft.get("aliases")
    assert front(content / "pages/about.md")["title"] == "About the library"
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    assert "posts/events/2012-ideas-for-autumn.md: draft in Blogger" in report
    assert "1 settings" in report and "1 template" in report


def test_every_old_address_leads_to_its_page(imported):
    for old, title in OLD.items():
        assert heading(imported, redirect_target(imported, old)) == title, old


def test_old_label_pages_lead_to_the_tag_pages(imported):
    for label, tag in (("Books", "books"), ("Events", "events")):
        assert redirect_target(imported, f"/search/label/{label}").endswith(f"/tag/{tag}/")
    rules = (output(imported) / "_redirects").read_text(encoding="utf-8").splitlines()
    assert any(r.startswith("/search/label/Books m=1 ") and "/tag/books/" in r for r in rules)
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    assert "/search/label/Reading lists (for tag-aliases.yaml)" in report


def test_the_mobile_addresses_have_host_rules_and_the_script_map(imported):
    targets = {old: redirect_target(imported, old) for old in OLD}
    rules = (output(imported) / "_redirects").read_text(encoding="utf-8").splitlines()
    htaccess = (output(imported) / ".htaccess").read_text(encoding="utf-8")
    mapping = json.loads((output(imported) / "query-redirects.json").read_text("utf-8"))
    for old, target in targets.items():
        assert f"{old} m=1 {target} 301" in rules
        assert mapping[old]["m=1"] == target
        assert f"RewriteRule ^{old.lstrip('/')}$ {target}? [R=301,L]".replace(
            ".html$", "\\.html$") in htaccess
    nginx = (imported / ".cache" / "nginx-redirects.conf").read_text(encoding="utf-8")
    assert "location = /2012/03/spring-reading.html {" in nginx


def test_nginx_with_our_rules_answers_every_old_address(imported, tmp_path):
    binary = require_nginx()
    include = imported / ".cache" / "nginx-redirects.conf"
    with NginxServer(output(imported), tmp_path / "nginx", includes=[include]).start(binary) \
            as nginx:
        for old, title in OLD.items():
            reply = get(nginx.host, f"{old}?m=1")
            assert reply.status == 301, old
            location = urlsplit(reply.getheader("Location"))
            assert heading(imported, location.path) == title
            page = get(nginx.host, old)
            assert page.status == 200  # the redirect page, which goes on to the new one


def test_comments_are_kept_without_e_mail_addresses(imported):
    content = imported / "content"
    spring = sorted((content / "comments/spring-reading").glob("*.yaml"))
    assert [yaml.safe_load(p.read_text("utf-8"))["name"] for p in spring] == ["Maja", "Jens"]
    assert len(list((content / "comments/summer-opening-hours").glob("*.yaml"))) == 1
    everything = "".join(p.read_text(encoding="utf-8") for p in content.rglob("*")
                         if p.suffix in (".md", ".yaml"))
    assert "@mail.example.com" not in everything and "noreply@blogger.com" not in everything
    page = (output(imported) / redirect_target(imported, "/2012/03/spring-reading.html")
            .lstrip("/")).read_text(encoding="utf-8")
    assert "More crime, please." in page


def test_images_left_on_blogspot_are_links_not_pictures(imported):
    page = html.fromstring((output(imported) / redirect_target(
        imported, "/2012/03/spring-reading.html").lstrip("/")).read_bytes())
    assert not page.xpath("//img[contains(@src, 'blogspot')]")
    assert page.xpath("//a[contains(@href, 'bp.blogspot.com')]")


def test_a_file_that_is_not_a_blogger_export_is_refused(site, tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                     "<title>x</title></feed>", encoding="utf-8")
    with pytest.raises(ImportError_) as refused:
        import_blogger(str(other), str(site.content), str(site.root / "r.md"), "UTC")
    assert "is not a Blogger export" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert not (site.root / "r.md").exists()


def test_download_stores_blogger_images_as_for_wordpress(site, tmp_path):
    """Through the same downloads module (the fetcher, the write guard), from 127.0.0.1."""
    served = tmp_path / "served" / "img"
    served.mkdir(parents=True)
    picture = next((Path(__file__).resolve().parents[1] / "fixture_site/content/images")
                   .glob("*.png"))
    (served / "books.png").write_bytes(picture.read_bytes())
    server = serve(served.parent)
    base = f"http://127.0.0.1:{server.server_port}/img"
    export = tmp_path / "blog.xml"
    export.write_text(blogger_export().replace("https://1.bp.blogspot.com/-x/s320/books.jpg",
                                               f"{base}/books.png"), encoding="utf-8")
    try:
        import_blogger(str(export), str(site.content), str(site.root / "import-report.md"),
                       "UTC", download=True, allow_local=True, check=site.check())
    finally:
        server.shutdown()
        server.server_close()
    assert (site.content / "images/imported/books.png").read_bytes() == picture.read_bytes()
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("posts/2012/spring-reading.html"))
    assert page.xpath("//img[@alt='New books']")
