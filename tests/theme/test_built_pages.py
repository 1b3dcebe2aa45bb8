"""Every page of the built demo carries what readers, search engines and link previews need."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest
from sitetools import build_kit_site
from theme_pages import SITE, html_pages, meta, sitemap_paths


@pytest.fixture(scope="module")
def pages(kit_site):
    return html_pages(kit_site)


def json_ld(page) -> list[dict]:
    return [json.loads(block) for block in
            page.xpath("//script[@type='application/ld+json']/text()")]


def test_demo_has_every_page_type(pages):
    assert "index.html" in pages and "404.html" in pages
    assert any(p.startswith("author/") and p != "author/index.html" for p in pages)
    assert any(p.startswith("tag/") and p != "tag/index.html" for p in pages)
    assert any(p.startswith("section/") and p != "section/index.html" for p in pages)
    assert any(p.startswith("archive/2026/") for p in pages)
    assert "page/2/index.html" in pages, "14 posts on 10 a page should paginate the home page"


def test_every_page_has_language_title_description_canonical_and_one_h1(pages):
    for path, page in pages.items():
        assert page.get("lang"), path
        assert len(page.xpath("//h1")) == 1, f"{path}: {len(page.xpath('//h1'))} h1"
        assert page.findtext(".//title").strip(), path
        assert (meta(page, "description") or "").strip(), path
        canonical = page.xpath("//link[@rel='canonical']/@href")
        assert len(canonical) == 1 and canonical[0].startswith(SITE + "/"), path


def test_every_page_has_open_graph_and_twitter_card_with_an_image(pages, kit_site):
    for path, page in pages.items():
        for name in ("og:title", "og:description", "og:url", "og:type", "og:image",
                     "og:image:alt", "twitter:card", "twitter:image"):
            assert meta(page, name), f"{path}: no {name}"
        image = urlsplit(meta(page, "og:image")).path.lstrip("/")
        assert (kit_site / image).is_file(), f"{path}: og:image {image} not in output"
        assert (kit_site / image).stat().st_size < 100_000


def test_every_page_has_json_ld_that_parses_with_the_right_type(pages):
    for path, page in pages.items():
        blocks = json_ld(page)
        assert blocks, f"{path}: no JSON-LD"
        types = {block["@type"] for block in blocks}
        assert all(block["@context"] == "https://schema.org" for block in blocks)
        if path.startswith("posts/"):
            # An album review also carries the music plugin's Review of a MusicAlbum, and an
            # event the events plugin's Event.
            assert types - {"Review", "Event"} == {"BlogPosting"}, path
        elif path.startswith(("tag/", "author/", "section/", "archive/", "page/")):
            assert types == {"CollectionPage"}, path


def test_home_declares_the_site_search(pages):
    (site,) = json_ld(pages["index.html"])
    assert site["@type"] == "WebSite"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == SITE + "/search.html?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_post_json_ld_names_headline_date_and_authors(pages):
    page = pages["posts/2026/author-evening-siri-nygaard.html"]
    (post,) = [block for block in json_ld(page) if block["@type"] == "BlogPosting"]
    assert post["headline"] == "An evening with the novelist Siri Nygaard"
    assert post["datePublished"].startswith("2026-10-05T19:00")
    assert [a["name"] for a in post["author"]] == ["Amira Haddad"]
    assert post["inLanguage"] == "en"


def test_every_page_links_feeds_favicon_and_manifest(pages, kit_site):
    for path, page in pages.items():
        feeds = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
        assert feeds and feeds[0].startswith(SITE + "/feeds/"), path
        assert page.xpath("//link[@rel='icon']/@href"), path
        assert page.xpath("//link[@rel='manifest']/@href"), path
    manifest = json.loads((kit_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] and manifest["start_url"]
    for icon in manifest["icons"]:
        assert (kit_site / icon["src"]).is_file(), icon["src"]
    assert (kit_site / "feeds" / "all.atom.xml").is_file()


def test_every_page_starts_with_a_skip_link_to_main(pages):
    for path, page in pages.items():
        first_link = page.xpath("//body//a")[0]
        assert first_link.get("href") == "#main", path
        assert len(page.xpath("//main[@id='main']")) == 1, path
        assert page.xpath("//header") and page.xpath("//nav") and page.xpath("//footer"), path


def test_images_have_alt_text_size_and_lazy_loading_below_the_first_screen(pages):
    for path, page in pages.items():
        for img in page.xpath("//main//img"):
            assert img.get("alt") is not None, f"{path}: {img.get('src')} has no alt"
            assert img.get("width") and img.get("height"), f"{path}: {img.get('src')}"
            # A show's artwork heads its pages (the first screen): it loads with the page, so
            # the load event waits for it; every other picture loads as it is scrolled to.
            wanted = None if "show-artwork" in img.get("class", "") else "lazy"
            assert img.get("loading") == wanted, f"{path}: {img.get('src')}"
    body_image = pages["posts/2026/selvbetjening-i-norreby-filial-da.html"].xpath(
        "//div[@class='post-body']//img")[0]
    assert body_image.get("alt").startswith("Læsesalen")
    assert (body_image.get("width"), body_image.get("height")) == ("960", "540")


def test_nothing_loads_from_another_host(pages):
    for path, page in pages.items():
        for url in page.xpath("//link[@rel='stylesheet' or @rel='icon' or @rel='manifest']/@href"
                              " | //script/@src | //img/@src | //iframe/@src"
                              " | //source/@src | //audio/@src | //video/@src"):
            assert not urlsplit(url).netloc, f"{path}: loads {url}"
        scripts = page.xpath("//script[not(@type='application/ld+json')]/@src")
        # Only the theme's own small enhancement scripts, never anything else.
        assert all(urlsplit(s).path.rsplit("/", 1)[-1] in ("video.js", "podcast.js", "search.js")
                   for s in scripts), f"{path}: {scripts}"


def test_pagination_links_both_ways(pages):
    assert pages["index.html"].xpath("//a[@rel='next']/@href") == ["./page/2/"] or \
        pages["index.html"].xpath("//a[@rel='next']/@href")[0].endswith("page/2/")
    assert pages["page/2/index.html"].xpath("//a[@rel='prev']/@href")


def test_404_links_work_from_any_address(pages):
    page = pages["404.html"]
    for url in page.xpath("//@href | //@src"):
        assert url.startswith(("/", "#", "http://", "https://", "tel:", "mailto:")), \
            f"404 links to {url}"
    resolved = urljoin("http://127.0.0.1:8000/some/deep/missing/page", "/archive/")
    assert resolved == "http://127.0.0.1:8000/archive/"
    assert "/archive/" in page.xpath("//main//a/@href")


def test_translations_link_each_other_both_ways_with_hreflang(pages):
    checked = 0
    for path, page in pages.items():
        own = page.get("lang")
        for link in page.xpath("//head/link[@rel='alternate'][@hreflang]"):
            target = urlsplit(link.get("href")).path.lstrip("/")
            assert target in pages, f"{path}: hreflang to missing {target}"
            other = pages[target]
            assert other.get("lang") == link.get("hreflang"), f"{path} -> {target}"
            back = [urlsplit(h).path.lstrip("/") for h in
                    other.xpath(f"//head/link[@rel='alternate'][@hreflang='{own}']/@href")]
            assert path in back, f"{target} does not link back to {path}"
            checked += 1
    assert checked >= 10, "the demo has five translated posts and a translated page"


def test_translated_pair_in_three_languages_exists(pages):
    english = pages["posts/2026/book-bus-new-route.html"]
    swedish = pages["posts/2026/book-bus-new-route-sv.html"]
    assert english.get("lang") == "en" and swedish.get("lang") == "sv"
    assert pages["posts/2026/borrow-e-books-da.html"].get("lang") == "da"


@pytest.fixture(scope="module")
def published_kit_site(tmp_path_factory):
    """The fixture site built with its publishconf.py: the site a library publishes."""
    output = tmp_path_factory.mktemp("published") / "output"
    code, messages = build_kit_site(output, "publishconf.py")
    assert code == 0, messages
    return output


def test_drafts_and_future_posts_are_not_published(published_kit_site):
    assert not (published_kit_site / "drafts").exists()
    for path in published_kit_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".webmanifest", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "DRAFT-MARKER-7731" not in text, path
            assert "FUTURE-MARKER-4419" not in text, path
            assert "time capsule" not in text.lower() or path.name == "sitemap.xml", path
            assert "staff-outing" not in text and "time-capsule" not in text, path


def test_the_preview_shows_drafts_with_a_banner_and_nowhere_else(kit_site, pages):
    """The preview (pelicanconf.py: PREVIEW = True) writes drafts under drafts/ only."""
    draft = pages["drafts/photos-from-the-staff-outing.html"]
    scheduled = pages["drafts/we-open-the-librarys-time-capsule.html"]
    assert draft.xpath("string(//*[@class='preview-banner'])").strip().startswith("Draft")
    assert "Scheduled for May 1, 2072 10:00" in scheduled.xpath(
        "string(//*[@class='preview-banner'])")
    for page in (draft, scheduled):
        assert meta(page, "robots") == "noindex"
        assert not page.xpath("//*[@data-pagefind-body]")
    listed = "\n".join(sitemap_paths(kit_site))
    assert "drafts/" not in listed
    for path in kit_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv") \
                and "drafts" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "DRAFT-MARKER-7731" not in text and "FUTURE-MARKER-4419" not in text, path
            assert "staff-outing" not in text and "time-capsule" not in text, path


def test_archive_pages_exist_and_are_in_the_sitemap(kit_site, pages):
    listed = sitemap_paths(kit_site)
    wanted = ["author/karen-holm/index.html", "author/jonas-lindqvist/index.html",
              "author/amira-haddad/index.html", "section/news/index.html",
              "section/events/index.html", "section/guides/index.html",
              "tag/how-to/index.html", "archive/2026/index.html", "archive/2026/10/index.html"]
    for path in wanted:
        assert path in pages, path
        assert path.removesuffix("index.html") in listed or path in listed, path


def test_every_html_page_except_404_is_in_the_sitemap(kit_site, pages):
    listed = {p.removesuffix("index.html") for p in sitemap_paths(kit_site)}
    for path in pages:
        # Drafts are in the preview only, and never in its sitemap (see the test above).
        if path != "404.html" and not path.startswith("drafts/"):
            assert path.removesuffix("index.html") in listed, path


def test_dates_are_written_in_each_page_language(pages):
    def first_date(path):
        return pages[path].xpath("//main//time/text()")[0]

    assert first_date("posts/2026/author-evening-siri-nygaard.html") == "October 5, 2026"
    assert first_date("posts/2026/author-evening-siri-nygaard-da.html") == "5. oktober 2026"
    assert first_date("posts/2026/book-bus-new-route-sv.html") == "14 september 2026"


def test_posts_in_another_language_get_that_language_ui(pages):
    danish = pages["posts/2026/author-evening-siri-nygaard-da.html"]
    english = pages["posts/2026/author-evening-siri-nygaard.html"]
    assert danish.get("lang") == "da"
    assert danish.xpath("//a[@href='#main']/text()") != english.xpath("//a[@href='#main']/text()")
    assert "Nyheder" in danish.xpath("//nav//a/text()")
    assert "News" in english.xpath("//nav//a/text()")


def test_video_shows_a_local_poster_and_loads_nothing_until_clicked(pages):
    page = pages["posts/2026/author-evening-siri-nygaard.html"]
    figure = page.xpath("//figure[@class='video']")[0]
    assert not page.xpath("//iframe")
    poster = figure.xpath(".//img/@src")[0]
    assert not urlsplit(poster).netloc and poster.endswith("video-poster.svg")
    play = figure.xpath(".//a[@data-embed]")[0]
    assert play.get("href") == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    assert urlsplit(play.get("data-embed")).netloc == "www.youtube-nocookie.com"
    assert page.xpath("//script[contains(@src, 'video.js')]")
    vimeo = pages["posts/2026/repair-cafe-every-second-saturday.html"]
    embed = vimeo.xpath("//a[@data-embed]/@data-embed")[0]
    assert embed.startswith("https://player.vimeo.com/video/76979871?") and "dnt=1" in embed
    assert not pages["index.html"].xpath("//script[@src]")


def test_share_links_are_plain_links(pages):
    page = pages["posts/2026/book-bus-new-route.html"]
    hrefs = page.xpath("//section[@class='share']//a/@href")
    hosts = {urlsplit(h).netloc for h in hrefs}
    assert {"mastodon.social", "bsky.app", "www.facebook.com"} <= hosts
    assert any(h.startswith("mailto:") for h in hrefs)
    assert all("book-bus-new-route.html" in h for h in hrefs)


def test_static_files_are_small(kit_site):
    for path in list((kit_site / "images").iterdir()) + [kit_site / "theme/css/site.css"]:
        assert path.stat().st_size < 100_000, path
