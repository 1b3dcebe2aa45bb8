"""Move a library in: import a WordPress export (WXR) or an existing podcast feed as content.

Not a Pelican plugin: `invoke import-wordpress` and `invoke import-feed` call these pure
functions, which turn an export into a dict of content files, and `landing.py` moves the
files into content/ only when the whole import succeeded (see docs/importing.md).
"""
