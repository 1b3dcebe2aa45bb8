"""Galleries end to end: pages read with an HTML parser, every published image opened with
Pillow to check that no GPS position or camera serial number left the library."""

from __future__ import annotations

import io
import json

from lxml import html
from PIL import Image

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
BODY_SERIAL, MAKE = 0xA431, 0x010F
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
       b'exif:GPSLatitude="55,40.2N" exif:BodySerialNumber="SN-998877"/></rdf:RDF></x:xmpmeta>')


def photo(color: str, size=(900, 600), private=False, fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    options = {}
    if private:
        exif = Image.Exif()
        exif[MAKE] = "Canon"
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 12.0), 3: "E",
                                      4: (12.0, 34.0, 56.0)})
        exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = "SN-998877"
        options = {"exif": exif, "xmp": XMP} if fmt == "JPEG" else {"exif": exif}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


GALLERY = """
    title: Summer reading party
    date: 2026-07-01
    photographer: Karen Holm
    licence: CC BY 4.0
    images:
      - file: garden.jpg
        alt: Children on blankets reading in the library garden
        caption: Reading in the garden
      - file: cake.png
        alt: A cake shaped like a book
        caption: The cake
        photographer: Ole
      - file: prize.jpg
        alt: A girl holds up her reading diploma
        caption: Diplomas for everyone
"""


def write_gallery(site) -> None:
    site.write("galleries/summer-party/gallery.yaml", GALLERY)
    site.write("galleries/summer-party/garden.jpg", photo("green", private=True))
    site.write("galleries/summer-party/cake.png", photo("orange", (300, 400), private=True,
                                                        fmt="PNG"))
    site.write("galleries/summer-party/prize.jpg", photo("blue", (1800, 1200), private=True))


def test_gallery_page_has_sized_lazy_thumbnails_in_webp_and_jpeg(site):
    write_gallery(site)
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("galleries/summer-party/index.html"))
    assert page.xpath("//h1/text()") == ["Summer reading party"]
    pictures = page.xpath("//ul[@class='gallery-grid']/li")
    assert len(pictures) == 3
    for picture in pictures:
        assert picture.xpath(".//source/@type") == ["image/webp"]
        img = picture.xpath(".//img")[0]
        assert img.get("width") and img.get("height") and img.get("alt")
        assert " 240w" in img.get("srcset") and img.get("src").endswith(".jpg")
    assert pictures[0].xpath(".//img/@alt") == [
        "Children on blankets reading in the library garden"]
    assert pictures[2].xpath(".//img/@loading") == ["lazy"]
    # small thumbnails, never the original file
    for src in page.xpath("//img/@src[contains(., 'summer-party')]"):
        assert (site.output / src.replace("../../", "")).stat().st_size < 30_000
    assert not list(site.output.rglob("garden.jpg")) and not list(site.output.rglob("cake.png"))
    listing = html.fromstring(site.read("galleries/index.html"))
    assert listing.xpath("//article//h2/a/text()") == ["Summer reading party"]


def test_each_picture_has_its_page_with_credit_licence_and_previous_next(site):
    write_gallery(site)
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("galleries/summer-party/cake.html"))
    assert page.xpath("//main//h1/text()") == ["The cake"]
    credit = page.xpath("//figcaption")[0].text_content()
    assert "Ole" in credit and "CC BY 4.0" in credit
    assert page.xpath("//a[@rel='prev']/@href")[0].endswith("garden.html")
    assert page.xpath("//a[@rel='next']/@href")[0].endswith("prize.html")
    assert page.xpath("//link[@rel='next']/@href")[0].endswith("prize.html")
    first = html.fromstring(site.read("galleries/summer-party/garden.html"))
    assert not first.xpath("//a[@rel='prev']")
    data = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@type"] == "ImageObject" and data["creditText"] == "Ole"
    assert data["license"] == "CC BY 4.0"
    sitemap = site.read("sitemap.xml")
    assert "galleries/summer-party/cake.html</loc>" in sitemap
    assert "galleries/summer-party/</loc>" in sitemap


def test_no_published_image_carries_gps_or_a_camera_serial_number(site):
    write_gallery(site)
    assert site.build() == 0, site.messages
    published = [p for p in (site.output / "galleries").rglob("*")
                 if p.suffix in (".jpg", ".webp", ".png")]
    assert len(published) >= 12
    for path in published:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(GPS_IFD), path
            assert BODY_SERIAL not in exif.get_ifd(EXIF_IFD), path
            assert MAKE not in exif, path
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info, path
        raw = path.read_bytes()
        assert b"SN-998877" not in raw and b"GPSLatitude" not in raw, path


def test_a_picture_without_alt_text_is_refused(site):
    write_gallery(site)
    site.write("galleries/summer-party/gallery.yaml",
               GALLERY.replace("        alt: A cake shaped like a book\n", ""))
    site.write("galleries/no-yaml/stray.jpg", photo("red"))
    assert site.build() == 1
    assert "content/galleries/summer-party/gallery.yaml:9: alt: cake.png: no alt text" \
        in site.messages
    assert "content/galleries/no-yaml/: a gallery folder needs a gallery.yaml" in site.messages
    assert not (site.output / "galleries").exists()
