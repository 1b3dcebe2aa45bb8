"""Case 15: no published picture says where, when or with whose camera it was taken.

The kit's fixture site gets phone photos (GPS, time, camera, serial number, owner) in every
folder a picture can come from, is built with its publishconf.py, and every image in output/
is read back with Pillow: no GPS, serial number or owner; orientation kept; originals intact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin
from sitetools import build_kit_site, copy_project

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
PERSONAL_TAGS = {0x010F: "Make", 0x0110: "Model", 0x013B: "Artist", 0x8298: "Copyright"}
PERSONAL_EXIF_TAGS = {0xA431: "BodySerialNumber", 0x9003: "DateTimeOriginal",
                      0xA430: "CameraOwnerName"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "PhoneMaker", "Model X", "Jane Librarian"
    exif[0x0112] = orientation
    details = exif.get_ifd(EXIF_IFD)
    details[0xA431], details[0x9003] = "SN-4711-0815", "2026:05:01 10:00:00"
    details[0xA430] = "Jane Librarian"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (55.0, 40.0, 12.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    return exif


def phone_photo(path: Path, size=(64, 48), orientation: int = 1) -> None:
    """A picture as a phone saves it: EXIF with GPS, camera, serial number and owner; a PNG
    also with an eXIf chunk and text chunks naming the author."""
    image = Image.new("RGB", size, (180, 90, 40))
    if path.suffix.lower() == ".png":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Jane Librarian")
        text.add_itxt("Comment", "taken at home, Storegade 4")
        image.save(path, exif=phone_exif(orientation), pnginfo=text)
    else:
        image.save(path, exif=phone_exif(orientation))


def personal_metadata(path: Path) -> list[str]:
    with Image.open(path) as image:
        exif = image.getexif()
        found = [name for tag, name in PERSONAL_TAGS.items() if tag in exif]
        found += [name for tag, name in PERSONAL_EXIF_TAGS.items()
                  if tag in exif.get_ifd(EXIF_IFD)]
        found += ["GPS"] if exif.get_ifd(GPS_IFD) else []
        found += [f"text {key}" for key in ("Author", "Comment") if key in image.info]
        found += ["XMP"] if "xmp" in image.info or "XML:com.adobe.xmp" in image.info else []
    return found


def replace_with_phone_photos(content: Path) -> list[Path]:
    """Every picture of the fixture site becomes a phone photo of the same size and format."""
    replaced = []
    for path in sorted(content.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES:
            with Image.open(path) as image:
                size = image.size
            phone_photo(path, size)
            replaced.append(path)
    return replaced


def add_front_matter(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = copy_project(tmp_path_factory.mktemp("phone") / "library")
    content = site / "content"
    replaced = replace_with_phone_photos(content)
    phone_photo(content / "images" / "phone.jpg", orientation=6)
    phone_photo(content / "images" / "phone-upright.webp")
    phone_photo(content / "images" / "episode-art.jpg", size=(1400, 1400))
    add_front_matter(content / "pages" / "privacy.md", "image: images/phone.jpg")
    add_front_matter(content / "podcasts" / "book-talk" / "poetry-for-winter.md",
                     "image: images/episode-art.jpg")
    add_front_matter(content / "posts" / "news" / "wifi-and-printing.md",
                     "image: images/phone-upright.webp")
    output = site / "output"
    code, messages = build_kit_site(output, "publishconf.py", site=site)
    assert code == 0, messages
    return site, output, replaced


def test_no_published_picture_carries_gps_serial_or_owner(built):
    _site, output, _replaced = built
    pictures = [p for p in output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    names = {p.relative_to(output).as_posix() for p in pictures}
    # Every folder a picture comes from is there: images/, a gallery, a show's artwork, a
    # post's card, the album covers.
    for expected in ("images/phone.jpg", "images/reading-room.png", "images/phone-upright.webp",
                     "podcasts/book-talk/cover.png", "images/episode-art.jpg"):
        assert expected in names, sorted(names)
    assert any(re.match(r"galleries/summer-party/images/", n) for n in names)
    leaks = {name: found for name in sorted(names)
             if (found := personal_metadata(output / name))}
    assert not leaks, leaks


def test_orientation_is_kept_and_the_originals_are_untouched(built):
    site, output, replaced = built
    with Image.open(output / "images" / "phone.jpg") as image:
        assert image.getexif().get(0x0112) == 6
    assert personal_metadata(site / "content" / "images" / "phone.jpg")
    assert all(personal_metadata(path) for path in replaced)


def test_stripping_twice_changes_nothing(built):
    from shelfcast_sitekit.pictures import strip_metadata

    _site, output, _replaced = built
    for name in ("images/phone.jpg", "images/reading-room.png", "images/phone-upright.webp"):
        before = (output / name).read_bytes()
        assert strip_metadata(str(output / name)) is False
        assert (output / name).read_bytes() == before


def test_colour_profile_kept_xmp_and_comments_removed(tmp_path):
    from shelfcast_sitekit.pictures import strip_metadata

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>SN-4711 55.67N</x:xmpmeta>'
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (32, 24), "navy").save(photo, exif=phone_exif(3), icc_profile=profile,
                                            xmp=xmp, comment=b"Jane's phone")
    png = tmp_path / "photo.png"
    Image.new("RGB", (32, 24), "navy").save(png, exif=phone_exif(8), icc_profile=profile)
    for path, orientation in ((photo, 3), (png, 8)):
        assert strip_metadata(str(path)) is True
        assert not personal_metadata(path)
        with Image.open(path) as image:
            image.load()
            assert image.info.get("icc_profile") == profile
            assert image.getexif().get(0x0112) == orientation
            assert "comment" not in image.info and "xmp" not in image.info
    assert b"SN-4711" not in photo.read_bytes() and b"Jane" not in photo.read_bytes()


def test_a_second_build_publishes_the_same_bytes(built):
    """A warm build (page cache, reused files) strips to exactly the same pictures."""
    import hashlib

    site, output, _replaced = built

    def pictures():
        return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES}

    first = pictures()
    code, messages = build_kit_site(output, "publishconf.py", site=site)
    assert code == 0, messages
    assert pictures() == first


def test_an_avif_or_gif_with_metadata_is_refused_by_name(tmp_path):
    from shelfcast_sitekit.pictures import strip_published_pictures

    Image.new("RGB", (16, 16), "navy").save(tmp_path / "phone.avif", exif=phone_exif())
    Image.new("RGB", (16, 16), "navy").save(tmp_path / "plain.avif")
    Image.new("P", (16, 16)).save(tmp_path / "signed.gif", comment=b"Jane's phone")
    problems = strip_published_pictures(str(tmp_path))
    assert sorted(p.path for p in problems) == ["phone.avif", "signed.gif"]
    assert all("removes only from JPEG, PNG and WebP" in p.message for p in problems)
