"""The checks themselves can fail: each one catches a planted problem."""

from __future__ import annotations

from browser.browsing import foreign_requests, run_axe, written_storage


def test_foreign_requests_are_told_apart_from_the_site():
    own = "127.0.0.1:8123"
    urls = [f"http://{own}/", f"http://{own}/theme/css/site.css", "data:image/png;base64,AA",
            "http://127.0.0.1:9999/x.js", "https://www.youtube-nocookie.com/embed/x"]
    assert foreign_requests(urls, own) == urls[3:]


def test_axe_reports_a_planted_violation(visit):
    page = visit("404.html")
    page.evaluate("""() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main').append(img);
    }""")
    assert "image-alt" in [v["id"] for v in run_axe(page)]


def test_planted_storage_is_noticed(visit):
    page = visit("404.html")
    page.evaluate("() => { localStorage.setItem('seen', '1'); document.cookie = 'id=1'; }")
    found = written_storage(page)
    assert any("localStorage" in line for line in found)
    assert any("cookies" in line for line in found)
