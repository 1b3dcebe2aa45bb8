"""Issue 23: the colour check's suggestion reads on every surface. For a light (#ffd700), a
dark (#1a1a40) and a saturated red (#e00000) library colour, take the build's suggestion, build
the production site, serve it with our headers and measure in Chromium, light and dark, on one
page of every type: every link, button and menu control at 4.5:1 or more against what is
really behind it."""

from __future__ import annotations

import pytest
from nginx_server import NginxServer, require_nginx
from shelfcast_library.colours import accent_problem
from shelfcast_sitekit.build import load_settings
from sitetools import KIT_SITE, build_kit_site

from browser.page_types import PAGE_TYPES, pages_by_type

COLOURS = ("#ffd700", "#1a1a40", "#e00000")
# Contrast of each visible link/button's text with its effective background (the first opaque
# background up the tree, with translucent ones laid over it), WCAG 2 formula.
MEASURE_JS = """() => {
  const parse = c => (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
      if (a > 0) layers.push([r, g, b, a]);
      if (a >= 1) break;
    }
    let base = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse())
      base = [r * a + base[0] * (1 - a), g * a + base[1] * (1 - a), b * a + base[2] * (1 - a)];
    return base;
  };
  const failures = [];
  for (const el of document.querySelectorAll('a, button, summary, .button-link')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || !el.textContent.trim()
        || el.closest('[aria-hidden=true], .visually-hidden, .skip-link')) continue;
    const fg = parse(style.color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) failures.push(`${el.tagName.toLowerCase()} "${el.textContent.trim()
      .slice(0, 30)}" ${style.color} on rgb(${bg.map(Math.round)}) = ${ratio.toFixed(2)}`);
  }
  return failures;
}"""


def suggested(colour: str) -> str:
    problem = accent_problem(colour)
    return problem.rsplit("e.g. ", 1)[1] if problem else colour


@pytest.fixture(scope="module", params=COLOURS)
def coloured_site(request, tmp_path_factory):
    chosen = suggested(request.param)
    library = load_settings(str(KIT_SITE / "publishconf.py"))["LIBRARY"]
    output = tmp_path_factory.mktemp("colour") / "output"
    code, messages = build_kit_site(output, "publishconf.py",
                                    LIBRARY={**library, "accent_colour": chosen})
    assert code == 0, messages
    nginx = NginxServer(output, tmp_path_factory.mktemp("nginx-colour"))
    with nginx.start(require_nginx()) as running:
        yield request.param, chosen, output, running


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_link_and_button_reads_on_every_page_type(coloured_site, browser, scheme):
    colour, chosen, output, server = coloured_site
    groups = pages_by_type(output)
    samples = [sorted(groups[kind])[0] for kind in PAGE_TYPES if groups.get(kind)]
    failures = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=scheme, reduced_motion="reduce")
        page = context.new_page()
        for path in samples:
            page.goto(server.url(path), wait_until="load")
            if width == 1280:
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            found = page.evaluate(MEASURE_JS)
            if found:
                failures[f"{path or '/'} at {width}px"] = found[:5]
        context.close()
    assert failures == {}, f"{colour} (suggested {chosen}), {scheme}: {failures}"
