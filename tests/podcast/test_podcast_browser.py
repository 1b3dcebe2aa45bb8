"""The episode page in headless Chromium: chapter links seek the player (JavaScript on)."""

import shutil
import subprocess

import pytest
from lxml import html

HARNESS = """
<script>
window.addEventListener("load", function () {
  var link = document.querySelector("nav.chapters a.seek:not([data-start='0'])");
  link.click();
  document.body.setAttribute("data-seeked",
      String(document.getElementById("episode-player").currentTime));
  document.body.setAttribute("data-href", link.getAttribute("href"));
});
</script>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("headless Chromium is not installed (Debian package chromium; .ci/run installs it)")


def test_chapter_link_seeks_the_player_and_stays_on_the_page(demo, tmp_path):
    browser = chromium()
    page = demo.output / "podcasts/book-talk/the-hobbit-at-ninety.html"
    probe = page.with_name("the-hobbit-at-ninety.probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", HARNESS + "</body>"),
                     encoding="utf-8")
    try:
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                              f"--user-data-dir={tmp_path}", "--virtual-time-budget=5000",
                              "--dump-dom", probe.as_uri()],
                             capture_output=True, text=True, timeout=60).stdout
    finally:
        probe.unlink()
    body = html.fromstring(dom).find("body")
    assert body is not None, "Chromium printed no page"
    assert body.get("data-href").endswith("the-hobbit-at-ninety.mp3#t=1.5")
    assert float(body.get("data-seeked")) == 1.5
