"""`persons:` in show.yaml (the regular hosts) and in an episode (who is in that one)."""

from __future__ import annotations

EXAMPLE = "persons:\n  - {name: Karen Holm, role: host, href: https://library.example.org/karen}"


def checked_persons(check) -> list[dict]:
    """The `persons:` of a show or an episode checker; each mistake an error on that field."""
    persons, problems = read_persons(check.meta.get("persons"))
    for message in problems:
        check.error("persons", message)
    return persons


def read_persons(value) -> tuple[list[dict], list[str]]:
    """Persons as {name, role, group, href, img}; each mistake as a message with its fix."""
    if value is None:
        return [], []
    if not isinstance(value, list):
        return [], [f"must be a list, e.g.\n{EXAMPLE}"]
    persons, problems = [], []
    for number, item in enumerate(value, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            problems.append(f"person {number} needs a name:, e.g.\n{EXAMPLE}")
            continue
        person = {"name": name.strip(), "role": str(item.get("role", "host")).strip().lower(),
                  "group": str(item.get("group", "cast")).strip().lower()}
        for key in ("href", "img"):
            url = item.get(key)
            # Podcast apps open these links inside the app; directories refuse plain http.
            if url is not None and not (isinstance(url, str) and url.startswith("https://")):
                problems.append(f"person {number} ({person['name']}): {key} {url!r} must be a "
                                "secure web address starting with https://")
                url = None
            person[key] = url
        persons.append(person)
    return persons, problems
