"""schema.org Event JSON-LD for an event page, as a plain dict (the template serialises it)."""

from __future__ import annotations

from .model import Event

STATUS = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"
MODES = {"offline": "https://schema.org/OfflineEventAttendanceMode",
         "online": "https://schema.org/OnlineEventAttendanceMode",
         "mixed": "https://schema.org/MixedEventAttendanceMode"}


def event_json_ld(event: Event, name: str, description: str, url: str, image: str | None,
                  organizer: dict, start=None, end=None, currency: str | None = None) -> dict:
    """The next (or only) occurrence as a schema.org Event."""
    start, end = start or event.start, end or event.end
    data = {"@context": "https://schema.org", "@type": "Event", "name": name, "url": url,
            "startDate": start.date().isoformat() if event.all_day else start.isoformat(),
            "endDate": end.date().isoformat() if event.all_day else end.isoformat(),
            "eventStatus": CANCELLED if event.cancelled else STATUS,
            "eventAttendanceMode": MODES[event.attendance], "organizer": organizer,
            "location": _locations(event)}
    if description:
        data["description"] = description
    if image:
        data["image"] = image
    if event.price is not None or event.registration_url:
        offer = {"@type": "Offer", "url": event.registration_url or url,
                 "availability": "https://schema.org/InStock"}
        if event.free:
            offer["price"] = "0"
            if currency:
                offer["priceCurrency"] = currency
        elif event.price:
            offer["description"] = event.price
        if event.registration_deadline:
            offer["validThrough"] = event.registration_deadline.isoformat()
        data["offers"] = offer
    return data


def _locations(event: Event) -> list[dict]:
    places = []
    if event.location or event.address:
        place = {"@type": "Place", "name": event.location or event.address}
        if event.address:
            place["address"] = event.address
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    return places
