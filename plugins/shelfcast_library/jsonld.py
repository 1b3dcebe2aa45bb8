"""schema.org `Library` JSON-LD with openingHoursSpecification; branches as subOrganization.

One object per page (the theme's other JSON-LD blocks are single objects too): the library,
and under `subOrganization` one `Library` per branch with its own address and hours.
"""

from __future__ import annotations

from .hours import DAYS, OpeningHours
from .settings import Library, Location

SCHEMA_DAYS = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                              "Saturday", "Sunday"), strict=True))


def opening_hours_specification(hours: OpeningHours) -> list[dict]:
    """Regular hours one entry per day and interval; exceptions with validFrom/validThrough.

    A closed exception is written opens = closes = 00:00, the way Google reads a closed day.
    """
    specs = [{"@type": "OpeningHoursSpecification",
              "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day]}",
              "opens": interval.opens, "closes": interval.closes}
             for day in DAYS for interval in hours.regular.get(day, ())]
    for special in hours.exceptions:
        window = {"validFrom": special.first.isoformat(),
                  "validThrough": special.last.isoformat()}
        intervals = special.intervals or ()
        if not intervals:
            specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00",
                          "closes": "00:00", **window})
        specs += [{"@type": "OpeningHoursSpecification", "opens": i.opens,
                   "closes": i.closes, **window} for i in intervals]
    return specs


def location_jsonld(location: Location, library: Library, site_url: str) -> dict:
    data = {"@type": "Library", "name": location.name, "url": f"{site_url.rstrip('/')}/"}
    if location.address:
        data["address"] = postal_address(location.address)
    if location.phone:
        data["telephone"] = location.phone
    if location.email:
        data["email"] = location.email
    if location.map_url:
        data["hasMap"] = location.map_url
    if location.opening_hours:
        data["openingHoursSpecification"] = opening_hours_specification(location.opening_hours)
    if library.logo:
        data["logo"] = f"{site_url.rstrip('/')}/{library.logo}"
    if library.social and location is library.main:
        data["sameAs"] = [url for _name, url in library.social]
    return data


def postal_address(address: dict) -> dict:
    names = {"street": "streetAddress", "postal_code": "postalCode", "city": "addressLocality",
             "region": "addressRegion", "country": "addressCountry"}
    return {"@type": "PostalAddress",
            **{names[key]: value for key, value in address.items() if key in names}}


def library_jsonld(library: Library, site_url: str) -> dict:
    """The library, with each branch readers can visit as a subOrganization."""
    data = {"@context": "https://schema.org", **location_jsonld(library.main, library, site_url)}
    if library.branches:
        data["subOrganization"] = [location_jsonld(branch, library, site_url)
                                   for branch in library.branches]
    return data
