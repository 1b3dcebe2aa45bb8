"""/admin/ gets the editor's own headers in every host configuration we generate, and the
rest of the site keeps its stricter CSP."""

from __future__ import annotations

from shelfcast_publish.hostconfig import (
    ADMIN_CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY,
    headers_file,
    htaccess_file,
    nginx_snippet,
)


def test_headers_file_detaches_the_site_csp_and_sets_the_editors():
    text = headers_file()
    site, admin = text.split("/admin/*\n", 1)
    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in site
    assert "  ! Content-Security-Policy" in admin
    assert f"Content-Security-Policy: {ADMIN_CONTENT_SECURITY_POLICY}" in admin
    assert "X-Robots-Tag: noindex, nofollow" in admin


def test_htaccess_replaces_the_headers_inside_admin_only():
    text = htaccess_file()
    assert text.index(f'"{CONTENT_SECURITY_POLICY}"') < text.index('m#^/admin/#')
    admin = text.split('m#^/admin/#', 1)[1].split("</If>", 1)[0]
    assert f'Header always set Content-Security-Policy "{ADMIN_CONTENT_SECURITY_POLICY}"' \
        in admin
    assert 'X-Robots-Tag "noindex, nofollow"' in admin


def test_nginx_admin_location_wins_over_the_extension_locations():
    text = nginx_snippet()
    admin = text.split("location ^~ /admin/ {", 1)[1].split("\n}", 1)[0]
    assert f'Content-Security-Policy "{ADMIN_CONTENT_SECURITY_POLICY}"' in admin
    assert 'X-Robots-Tag "noindex, nofollow"' in admin
    assert text.count(f'"{CONTENT_SECURITY_POLICY}"') > 5


def test_the_editor_policy_allows_no_inline_script_and_no_other_site_to_frame_it():
    script = next(d for d in ADMIN_CONTENT_SECURITY_POLICY.split("; ")
                  if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script
    assert "frame-ancestors 'none'" in ADMIN_CONTENT_SECURITY_POLICY
