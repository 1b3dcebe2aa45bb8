"""Reading WXR as WordPress's importer reads it: namespaces by prefix or family, tolerant of
nested CDATA, refusing what WordPress refuses."""

from __future__ import annotations

import pytest
from lxml import etree
from shelfcast_import.wxr import ImportError_, read_export, read_tree, tolerant_parse
from wxrsamples import item, wxr


@pytest.mark.parametrize("namespace", ["http://wordpress.org/export/1.2/",
                                       "https://wordpress.org/export/1.2/",
                                       "https://wordpress.org/export/1.3/",
                                       "http://example.org/our-own-wxr/"])
def test_the_wp_namespace_is_found_by_prefix_or_by_family(namespace):
    text = wxr("1.2", item(5, "Hello", "hello")).replace(
        'xmlns:wp="http://wordpress.org/export/1.2/"', f'xmlns:wp="{namespace}"')
    export = read_tree(etree.fromstring(text.encode("utf-8")))
    assert export.version == "1.2" and [i.id for i in export.items] == ["5"]
    assert export.items[0].status == "publish"


@pytest.mark.parametrize("version", ["abc", "", "1.2.3", "2"])
def test_a_version_wordpress_refuses_is_refused(version):
    text = wxr("1.2", item(5, "Hello", "hello")).replace(
        "<wp:wxr_version>1.2</wp:wxr_version>", f"<wp:wxr_version>{version}</wp:wxr_version>")
    with pytest.raises(ImportError_, match="is not a WordPress export"):
        read_tree(etree.fromstring(text.encode("utf-8")))


def test_nested_cdata_is_read_whole_and_each_repair_has_its_line():
    text = wxr("1.1", item(1, "Hi", "hi", body="a <![CDATA[ b ]]> c"))
    root, repairs = tolerant_parse(text.encode("utf-8"))
    export = read_tree(root)
    assert export.items[0].content == "a <![CDATA[ b ]]> c"
    [repair] = repairs
    assert repair.startswith("line ") and "CDATA inside CDATA" in repair


def test_text_that_is_not_xml_at_all_has_no_root():
    assert tolerant_parse(b"just words, no markup")[0] is None


def test_an_export_over_libxml2s_limits_after_a_repair_is_refused_not_recovered(tmp_path):
    """Nested CDATA first (strict XML stops there), then nesting deeper than libxml2 allows."""
    deep = "<x>" * 300 + "</x>" * 300
    text = wxr("1.2", item(1, "Hi", "hi", body="a <![CDATA[ b ]]> c") + deep)
    export = tmp_path / "deep.xml"
    export.write_text(text, encoding="utf-8")
    with pytest.raises(ImportError_, match="goes beyond what any WordPress export holds"):
        read_export(str(export))
