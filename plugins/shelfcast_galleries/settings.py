"""The GALLERIES settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec, SitePath

GALLERIES_SETTINGS = SettingsSpec("GALLERIES", {
    # Folder under content/ with one folder per gallery: gallery.yaml and the images.
    "path": ("galleries", SitePath(), "a folder name under content/, e.g. \"galleries\""),
    # Folder of the pages in output/: galleries/, galleries/<name>/, galleries/<name>/<image>.html
    "url": ("galleries", SitePath(), "a folder name, e.g. \"galleries\""),
    "thumbnail_widths": ([480, 240], list, "a list of pixel widths, e.g. [480, 240]"),
    "image_widths": ([1600, 800], list, "a list of pixel widths, e.g. [1600, 800]"),
    "formats": (["webp", "jpeg"], list, "a list of formats: webp and/or jpeg"),
    "quality": (80, int, "an image quality from 1 to 95, e.g. 80"),
})
