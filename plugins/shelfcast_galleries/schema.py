"""schema.org ImageGallery and ImageObject JSON-LD, as plain dicts."""

from __future__ import annotations

from shelfcast_sitekit.urls import url_path


def image_json_ld(picture, url: str, site: str) -> dict:
    """An ImageObject, or a VideoObject for a video entry."""
    if picture.video is not None:
        data = {"@context": "https://schema.org", "@type": "VideoObject", "url": url,
                "name": picture.caption, "description": picture.caption,
                "contentUrl": f"{site}/{url_path(picture.video.path)}"}
        if picture.video.poster:
            data["thumbnailUrl"] = f"{site}/{url_path(picture.video.poster)}"
    else:
        data = {"@context": "https://schema.org", "@type": "ImageObject", "url": url,
                "contentUrl": f"{site}/{url_path(picture.copies[-1].path)}",
                "description": picture.alt,
                "width": picture.copies[-1].width, "height": picture.copies[-1].height}
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
