"""Pelican glue: read content/galleries/*/gallery.yaml, publish re-encoded copies of each picture
(never the original: that drops EXIF GPS positions and camera serial numbers), write the pages."""

from __future__ import annotations

import os

from pelican.generators import Generator
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.fileprints import file_prints
from shelfcast_sitekit.frontmatter import read_yaml_file
from shelfcast_sitekit.limits import limits_of
from shelfcast_sitekit.localvideo import publish_video
from shelfcast_sitekit.problems import ContentProblem, problem_log
from shelfcast_sitekit.resized import plan, write_all
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY
from shelfcast_sitekit.urls import url_path

from .reading import read_gallery
from .schema import gallery_json_ld, image_json_ld

OPTIONS_KEY = "SHELFCAST_GALLERIES"


class GalleriesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.settings[OPTIONS_KEY]
        self.galleries: list = []

    def generate_context(self) -> None:
        log = problem_log(self.settings)
        root = os.path.join(self.path, self.options["path"])
        for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            folder = os.path.join(root, name)
            if os.path.isdir(folder):
                self._read(folder, log)
        log.raise_if_errors()
        self.galleries.sort(key=lambda g: (g.date, g.name), reverse=True)
        self.context["galleries"] = self.galleries
        self.context["galleries_url"] = self.options["url"].strip("/") + "/"

    def _read(self, folder: str, log) -> None:
        yaml_path = os.path.join(folder, "gallery.yaml")
        if not os.path.isfile(yaml_path):
            log.add(ContentProblem(display_path(folder) + "/", None, None,
                "a gallery folder needs a gallery.yaml (title, date, photographer, licence and "
                "the images, each with alt text and a caption)"))
            return
        cache = os.path.join(self.settings.get("CACHE_PATH", ".cache"), "video-posters")
        limits = limits_of(self.settings)
        text, problems = read_yaml_file(yaml_path, display_path(yaml_path), limits)
        if text is not None:
            gallery, problems = read_gallery(folder, display_path(yaml_path), text, self.path,
                                             cache, limits["max_video_bytes"],
                                             file_prints(self.settings))
        log.extend(problems)
        if text is None or gallery is None:
            return
        base = f"{self.options['url'].strip('/')}/{gallery.name}"
        # Addresses are made from the encoded names; files keep the names as written.
        gallery.url, gallery.save_as = f"{url_path(base)}/", f"{base}/index.html"
        widths = self.options["thumbnail_widths"] + self.options["image_widths"]
        for index, picture in enumerate(gallery.pictures):
            files = plan(f"{base}/images/{picture.stem}", picture.size, widths,
                         self.options["formats"]) if picture.source else []
            picture.files = files
            picture.thumbnails = _widths(files, self.options["thumbnail_widths"], picture.size)
            picture.copies = _widths(files, self.options["image_widths"], picture.size)
            picture.save_as = f"{base}/{picture.stem}.html"
            picture.url = url_path(picture.save_as)
            picture.number = index + 1
            if index:
                picture.previous = gallery.pictures[index - 1]
                gallery.pictures[index - 1].next = picture
        self.galleries.append(gallery)

    def generate_output(self, writer) -> None:
        cache = os.path.join(self.settings.get("CACHE_PATH", ".cache"), "gallery-images")
        site = self.settings["SITE_ABSOLUTE_URL"]
        common = {"relative_urls": self.settings["RELATIVE_URLS"]}
        if self.galleries:
            url = self.context["galleries_url"]
            writer.write_file(url + "index.html", self.get_template("galleries"), self.context,
                              page_url=url, url=url, **common)
        write_all([(p.source, p.files) for g in self.galleries for p in g.pictures if p.files],
                  self.output_path, cache, self.options["quality"], file_prints(self.settings))
        for gallery in self.galleries:
            for picture in gallery.pictures:
                if picture.video is not None:
                    publish_video(picture.video, self.path, self.output_path,
                                  self.settings.get(PREVIOUS_OUTPUT_KEY),
                                  file_prints(self.settings))
            writer.write_file(gallery.save_as, self.get_template("gallery"), self.context,
                              gallery=gallery, url=gallery.url,
                              gallery_json_ld=gallery_json_ld(gallery, f"{site}/{gallery.url}",
                                                              site), **common)
            for picture in gallery.pictures:
                writer.write_file(picture.save_as, self.get_template("gallery_image"),
                                  self.context, gallery=gallery, picture=picture,
                                  url=picture.url, image_json_ld=image_json_ld(
                                      picture, f"{site}/{picture.url}", site), **common)


def _widths(files, widths, size) -> list:
    """The planned files at these widths (capped at the original's), widest last."""
    wanted = {min(w, size[0]) for w in widths}
    return sorted((f for f in files if f.width in wanted), key=lambda f: (f.width, f.format))
