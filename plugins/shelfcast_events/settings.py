"""The EVENTS settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec, SitePath

EVENTS_SETTINGS = SettingsSpec("EVENTS", {
    # Folder of the listing pages: events/ (upcoming), events/past/, events/<branch>/, months.
    "path": ("events", SitePath(), "a folder name, e.g. \"events\""),
    "calendar_save_as": ("events.ics", SitePath(), "a file name, e.g. \"events.ics\""),
    "home_count": (3, int, "a whole number of events for the home page, e.g. 3"),
    # ISO 4217 code for free events' schema.org offer, e.g. "DKK"; None leaves it out.
    "currency": (None, (str, type(None)), "a currency code such as \"DKK\", or None"),
})
