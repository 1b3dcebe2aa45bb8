"""The PROGRAMMES settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec, SitePath

PROGRAMMES_SETTINGS = SettingsSpec("PROGRAMMES", {
    "path": ("programmes", SitePath(), "a folder under content/, e.g. \"programmes\""),
    "url": ("programmes/{programme}/", SitePath(), "a URL pattern with {programme}"),
    # Participants' own blogs are fetched only with `invoke build --fetch-participants`.
    "fetch_participants": (False, bool, "True or False"),
    "fetch_timeout": (5, (int, float), "seconds to wait for one participant's feed, e.g. 5"),
    "posts_per_participant": (3, int, "a whole number, e.g. 3"),
    "cache_file": ("participant-feeds.json", str, "a file name under CACHE_PATH"),
})
