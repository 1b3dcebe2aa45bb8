"""`invoke publish`: a checked build, then an upload in safe order, or nothing at all."""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

from shelfcast_podcast import announce_settings, published_feeds
from shelfcast_sitekit.build import build, load_settings
from shelfcast_sitekit.fetcher import ALLOW_LOCAL_SETTING

from .announce import RECORD, Feed, announce
from .manifest import file_facts, scan
from .plan import plan
from .precompress import precompress
from .settings import read_publish_settings
from .targets import PublishError, make_target

STAGING = os.path.join(".cache", "publish-output")
LOCAL_HOSTS = {"localhost", "0.0.0.0", "::1", "::"}
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a library's real address.
RESERVED_ENDINGS = {"example", "test", "invalid", "localhost", "local"}
# What a CI runner, `kill` or a closed terminal sends; each ends a publish through its clean-up.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A stop signal arrived; raised where the program was, so every clean-up runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_signals_as_exceptions():
    """Turn SIGTERM and SIGHUP into Stopped while publishing (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        raise Stopped(signum)
    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def publish_site(settings_file: str, target_name: str, dry_run: bool = False, root: str = ".",
                 out=None, make=make_target) -> int:
    """Build with settings_file (the same checked build as `invoke check`), then publish."""
    out = out or sys.stdout
    try:
        with stop_signals_as_exceptions():
            return _publish(settings_file, target_name, dry_run, root, out, make)
    except Stopped as stop:
        print(f"Publishing to {target_name!r} was stopped ({signal.Signals(stop.signum).name}) "
              "and cleaned up after itself. The live site still works (files go up in a safe "
              "order); run the same command again to finish.", file=out)
        return 128 + stop.signum


def _publish(settings_file, target_name, dry_run, root, out, make) -> int:
    placeholder = _placeholder_in(settings_file)
    if placeholder:
        print(f"{os.path.basename(settings_file)}: SITEURL is {placeholder}. Set SITEURL in "
              f"{os.path.basename(settings_file)} to the address readers will use (e.g. "
              "SITEURL = \"https://www.your-library.dk\"), or run `invoke init`; nothing was "
              "uploaded.", file=out)
        return 2
    output = os.path.join(os.path.abspath(root), STAGING)
    # Whatever the settings file says, what is uploaded is never a preview with drafts.
    if build(settings_file, output, {"PREVIEW": False}, keep=True, stream=out):
        print("Nothing was uploaded: the build or its checks failed.", file=out)
        return 1
    settings = load_settings(settings_file)
    publish, _problems = read_publish_settings(settings)
    config = publish.targets.get(target_name)
    if config is None:
        known = ", ".join(sorted(publish.targets)) or "none yet"
        print(f"{os.path.basename(settings_file)}: PUBLISH['targets'] has no {target_name!r} "
              f"(known: {known}); nothing was uploaded.", file=out)
        return 2
    if publish.precompress:
        precompress(output, publish.precompress)
    target = None
    try:
        target = make(config, os.path.abspath(root))
        code = upload_tree(output, target, target_name, dry_run, out)
        if code == 0 and not dry_run:
            announce_changed_feeds(settings, output, root, target_name, out)
        return code
    except PublishError as err:
        print(f"Publishing to {target_name!r} stopped: {err}.", file=out)
        if err.retry:
            print("The live site still works (files go up in a safe order); run the same "
                  "command again to finish.", file=out)
        return 1
    finally:
        if hasattr(target, "close"):
            target.close()


def announce_changed_feeds(settings: dict, output: str, root: str, target_name: str,
                           out) -> None:
    """After a successful upload: ping the WebSub hub and Podping for each changed feed."""
    wanted = announce_settings(settings)
    if not (wanted["websub_hub"] or wanted["podping_token"]):
        return
    feeds = [Feed(url, file_facts(os.path.join(output, path)).sha256)
             for _title, url, path in published_feeds(settings, output)
             if os.path.isfile(os.path.join(output, path))]
    record = RECORD.format(target=re.sub(r"[^\w.-]", "_", target_name))
    announce(feeds, wanted, os.path.join(os.path.abspath(root), record), out,
             allow_local=bool(settings.get(ALLOW_LOCAL_SETTING)))


def _placeholder_in(settings_file: str) -> str | None:
    """Checked before the build, which takes a while; None when the file cannot be run."""
    try:
        settings = load_settings(settings_file)
    except Exception:  # the build, right after, reports it with its line
        return None
    return placeholder_address(settings.get("SITEURL", ""))


def placeholder_address(siteurl: str) -> str | None:
    """Why siteurl cannot be a public address (feeds and links would point there), or None."""
    if not siteurl:
        return "empty"
    parts = urlsplit(siteurl if "://" in siteurl else "//" + siteurl)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return f"{siteurl!r}, not a web address"
    if host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost"):
        return f"{siteurl!r}, an address on this computer only"
    labels = host.split(".")
    if "example" in labels or labels[-1] in RESERVED_ENDINGS:
        return f"{siteurl!r}, a placeholder address"
    return None


def upload_tree(output: str, target, name: str, dry_run: bool, out) -> int:
    """Compare with what the target holds and send the differences, step by step."""
    local = scan(output)
    steps = plan(target.changes(output, local))
    if not steps:
        print(f"{name}: already up to date ({len(local)} files).", file=out)
        return 0
    verb = "would " if dry_run else ""
    for step in steps:
        action = "upload" if step.action == "upload" else "delete"
        print(f"{verb}{action} {len(step.paths)} file(s): {step.label}", file=out)
        for path in step.paths:
            print(f"  {path}", file=out)
        if dry_run:
            continue
        if step.action == "upload":
            target.upload(output, list(step.paths))
        else:
            target.delete(list(step.paths))
    if dry_run:
        print(f"{name}: dry run, nothing was changed.", file=out)
        return 0
    target.finish(output, local)
    print(f"{name}: published ({len(local)} files).", file=out)
    return 0
