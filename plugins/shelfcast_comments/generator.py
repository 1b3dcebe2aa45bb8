"""Pelican glue: read content/comments/<post-slug>/*.yaml, attach threads to posts, write the
further pages of long discussions."""

from __future__ import annotations

import os
from urllib.parse import quote

from pelican.generators import Generator
from shelfcast_archive import closed_part
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.limits import limits_of, read_text_file
from shelfcast_sitekit.problems import ContentProblem, problem_log

from .reading import read_comment
from .text import safe_url
from .threads import comment_json_ld, page_window, paginate, threads

OPTIONS_KEY = "SHELFCAST_COMMENTS"
EXTENSIONS = (".yaml", ".yml")


def comment_mailto(post, options: dict) -> str | None:
    """The invitation's mail link (its subject is the post's title), or None."""
    email = options["email"]
    return (f"mailto:{email}?subject={quote(str(post.title), safe='')}"
            if email and post.comments_open else None)


class CommentsGenerator(Generator):
    """Reads comments in generate_context, before any post page is written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.settings[OPTIONS_KEY]
        self.discussions: list = []  # (post, pages of threads)

    def generate_context(self) -> None:
        log = problem_log(self.settings)
        posts = self._posts_by_slug()
        for post in [p for group in posts.values() for p in group]:
            self._invitation(post)
        folder = os.path.join(self.path, self.options["path"])
        for slug in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if os.path.isdir(os.path.join(folder, slug)):
                self._read_discussion(os.path.join(folder, slug), posts.get(slug))
        log.raise_if_errors()

    def _posts_by_slug(self) -> dict:
        originals = self.context.get("articles", []) + self.context.get("hidden_articles", [])
        posts: dict = {}
        for post in originals + [t for a in originals for t in a.translations]:
            posts.setdefault(post.slug, []).append(post)
        return posts

    def _invitation(self, post) -> None:
        """Whether and how this post invites comments (mailto, fediverse thread)."""
        # The schema has checked both fields when the post was read (declarations.py).
        state = post.metadata.get("comments", "open")
        thread = post.metadata.get("fediverse_thread")
        section = getattr(getattr(post, "category", None), "slug", None)
        closed = self.options["archive"] or closed_part(self.settings, section) is not None
        post.comments_open = state == "open" and not closed
        post.comment_mailto = comment_mailto(post, self.options)
        post.fediverse_thread = safe_url(thread) if post.comments_open else None
        post.comment_count = 0
        post.comment_threads = []

    def _read_discussion(self, folder: str, posts) -> None:
        log = problem_log(self.settings)
        names = sorted(n for n in os.listdir(folder) if n.endswith(EXTENSIONS))
        if posts is None:
            log.add(ContentProblem(display_path(folder) + "/", None, None,
                f"there is no post with the slug {os.path.basename(folder)!r}; the folder must "
                f"be named after the post's slug ({len(names)} comment file(s) here)"))
            return
        comments, limits = [], limits_of(self.settings)
        for name in names:
            path = os.path.join(folder, name)
            data, problems = read_text_file(path, display_path(path), limits["max_yaml_bytes"],
                                            "max_yaml_bytes")
            if data is not None:
                comment, problems = read_comment(display_path(path), data,
                                                 os.path.splitext(name)[0],
                                                 self.options["max_length"])
            log.extend(problems)
            if data is None:
                continue
            if comment is not None:
                comments.append(comment)
        ordered, problems = threads(comments)
        log.extend(problems)
        pages = paginate(ordered, self.options["per_page"])
        shown = sum(1 + len(thread.replies) for thread in ordered)
        for post in posts:
            self._attach(post, pages, shown)

    def _attach(self, post, pages, count: int) -> None:
        base = post.url[: -len(".html")] if post.url.endswith(".html") else post.url.rstrip("/")
        post.comment_count = count
        post.comment_threads = pages[0]
        post.comment_page_urls = [post.url] + [f"{base}/comments/{n}/"
                                               for n in range(2, len(pages) + 1)]
        post.comment_page_links = self._page_links(post, 1)
        site = self.settings["SITE_ABSOLUTE_URL"]
        url = f"{site}/{post.url}"
        post.comments_json_ld = [comment_json_ld(c, url) for thread in pages[0]
                                 for c in [thread.comment, *thread.replies]]
        self.discussions.append((post, pages))

    @staticmethod
    def _page_links(post, number: int) -> list[tuple[int, str]]:
        """(number, url) of the pages of comments page `number` links to."""
        urls = post.comment_page_urls
        return [(n, urls[n - 1]) for n in page_window(len(urls), number)]

    def generate_output(self, writer) -> None:
        template = self.get_template("comments")
        for post, pages in self.discussions:
            for number, page in enumerate(pages[1:], start=2):
                url = post.comment_page_urls[number - 1]
                writer.write_file(url + "index.html", template, self.context, article=post,
                                  threads_page=page, page_number=number, page_url=url,
                                  page_links=self._page_links(post, number),
                                  relative_urls=self.settings["RELATIVE_URLS"], url=url)
