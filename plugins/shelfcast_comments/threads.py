"""Order comments into threads (one level of replies) and pages of threads: pure functions."""

from __future__ import annotations

from shelfcast_sitekit.problems import ContentProblem

from .model import Comment, Thread


def threads(comments: list[Comment]) -> tuple[list[Thread], list[ContentProblem]]:
    """Oldest thread first, replies oldest first; a reply to a reply joins its thread.

    A comment held back (`pending`) is not shown, and neither is a reply to it or to one of
    its replies: the answer waits for the comment it answers to be approved."""
    by_id = {c.id: c for c in comments}
    problems, roots = [], {}
    ordered = sorted(comments, key=lambda c: (c.date, c.id))
    held = _held_back(ordered, by_id)
    for comment in ordered:
        if comment.reply_to is None:
            roots[comment.id] = Thread(comment)
    tops = _thread_tops(ordered, by_id)
    for comment in ordered:
        if comment.reply_to is None:
            continue
        if tops[comment.id] not in roots:
            problems.append(ContentProblem(comment.path, None, "reply_to",
                f"{comment.reply_to!r} is not a comment on this post; write the file name "
                "(without .yaml) of the comment this one answers"))
            continue
        if comment.id not in held:
            roots[tops[comment.id]].replies.append(comment)
    return [t for top, t in roots.items() if top not in held], problems


def _held_back(ordered: list[Comment], by_id: dict) -> set:
    """Ids of the comments held back: pending ones, and replies to a held-back comment
    (however deep). Each chain is walked once, as in _thread_tops; a loop holds nothing
    back (it is reported as a reply to no comment)."""
    held: dict = {}
    for comment in ordered:
        chain, on_chain, current, answer = [], set(), comment, False
        while current is not None and current.id not in held and current.id not in on_chain:
            if current.pending:
                answer = True
                break
            chain.append(current.id)
            on_chain.add(current.id)
            current = by_id.get(current.reply_to) if current.reply_to is not None else None
        else:
            answer = held.get(current.id, False) if current is not None else False
        held.update(dict.fromkeys(chain, answer))
        if current is not None and current.pending:
            held[current.id] = True
    return {key for key, value in held.items() if value}


def _thread_tops(ordered: list[Comment], by_id: dict) -> dict:
    """Each reply's thread: the id of the comment its chain of replies starts from, or None
    (a missing comment, or a loop). Each chain is walked once, so 100,000 replies to replies
    cost 100,000 steps, not their square."""
    tops: dict = {}
    for comment in ordered:
        chain, on_chain, current = [], set(), comment
        while current is not None and current.reply_to is not None \
                and current.id not in tops and current.id not in on_chain:
            chain.append(current.id)
            on_chain.add(current.id)
            current = by_id.get(current.reply_to)
        if current is None or current.id in on_chain:
            top = None
        else:
            top = current.id if current.reply_to is None else tops[current.id]
        tops.update(dict.fromkeys(chain, top))
    return tops


def paginate(items: list, per_page: int) -> list[list]:
    """Pages of at most per_page items; one (empty) page when there are none."""
    per_page = max(1, per_page)
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def page_window(count: int, current: int, around: int = 2) -> list[int]:
    """The page numbers a page of `count` links to: the first, the last and those within
    `around` of `current`; a few links whatever the count, never every page from every page."""
    wanted = {1, count, *range(current - around, current + around + 1)}
    return sorted(n for n in wanted if 1 <= n <= count)


def comment_json_ld(comment: Comment, url: str) -> dict:
    data = {"@type": "Comment", "text": comment.text, "dateCreated": comment.date.isoformat(),
            "author": {"@type": "Person", "name": comment.name},
            "url": f"{url}#comment-{comment.id}"}
    if comment.website:
        data["author"]["url"] = comment.website
    return data
