"""The editor's HTML page: Decap's bundle (with its integrity hash) and our script."""

from __future__ import annotations

from html import escape

TITLES = {"en": "Editor", "da": "Redaktør", "sv": "Redigerare"}


def admin_page(lang: str, site_name: str, bundle_integrity: str, connect_sources) -> str:
    """/admin/index.html. The meta CSP narrows the host's /admin/ header to the one git host
    (or the local backend) this site talks to; both apply, so the stricter wins."""
    policy = "; ".join([
        "default-src 'self'", "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
        "media-src 'self' blob:", "font-src 'self' data:", "frame-src 'self' blob:",
        # blob:: Decap reads an uploaded file (an episode's MP3) back from its blob: URL.
        "connect-src " + " ".join(["'self'", "blob:", *connect_sources]),
        "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
    return f"""<!doctype html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<title>{escape(TITLES.get(lang, TITLES["en"]))} · {escape(site_name)}</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<script src="decap-cms.js" integrity="{escape(bundle_integrity)}"></script>
<script src="shelfcast-editor.js"></script>
</body>
</html>
"""
