"""Share links as plain addresses: nothing loads from another host until a reader clicks."""

from __future__ import annotations

from urllib.parse import quote, urlencode

SERVICES = ("email", "mastodon", "bluesky", "facebook")


def share_links(url: str, title: str, services, mastodon_share_url: str) -> list[tuple[str, str]]:
    """[(service, href)] for the chosen services, in the order given."""
    text = f"{title} {url}"
    hrefs = {
        "email": f"mailto:?subject={quote(title)}&body={quote(url)}",
        "mastodon": f"{mastodon_share_url}?{urlencode({'text': text})}",
        "bluesky": f"https://bsky.app/intent/compose?{urlencode({'text': text})}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
    }
    return [(service, hrefs[service]) for service in services if service in hrefs]
