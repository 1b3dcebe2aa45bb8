"""schema.org ImageGallery and ImageObject JSON-LD, as plain dicts."""

from __future__ import annotations


def image_json_ld(picture, url: str, image_url: str) -> dict:
    data = {"@context": "https://schema.org", "@type": "ImageObject", "url": url,
            "contentUrl": image_url, "description": picture.alt,
            "width": picture.copies[0].width, "height": picture.copies[0].height}
    if picture.caption:
        data["caption"] = picture.caption
    if picture.photographer:
        data["creator"] = {"@type": "Person", "name": picture.photographer}
        data["creditText"] = picture.photographer
    if picture.licence:
        data["license"] = picture.licence
    return data


def gallery_json_ld(gallery, url: str, site: str) -> dict:
    return {"@context": "https://schema.org", "@type": "ImageGallery", "name": gallery.title,
            "url": url, "datePublished": gallery.date.isoformat(),
            "image": [f"{site}/{p.url}" for p in gallery.pictures]}
