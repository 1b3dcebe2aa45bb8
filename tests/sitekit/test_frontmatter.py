"""Unit tests for front matter parsing: librarians' mistakes become one clear line each."""

from shelfcast_sitekit.fields import check_common, parse_date
from shelfcast_sitekit.frontmatter import decode, split


def test_split_reads_fields_with_their_line_numbers():
    document, problems = split("a.md", "---\ntitle: Hello\ndate: 2026-01-02\n---\nBody\n")
    assert problems == []
    assert document.meta == {"title": "Hello", "date": "2026-01-02"}
    assert document.lines == {"title": 2, "date": 3}
    assert document.body == "Body\n"
    assert document.body_line == 5


def test_dates_stay_text_so_an_impossible_date_is_explained_not_crashed_on():
    document, problems = split("a.md", "---\ntitle: x\ndate: 2026-02-31\n---\n")
    assert problems == [] and document.meta["date"] == "2026-02-31"
    _meta, problems = check_common("a.md", document, "article", ".")
    assert [(p.line, p.field) for p in problems] == [(3, "date")]
    assert "is not a date" in problems[0].message


def test_parse_date_accepts_the_documented_forms_only():
    assert parse_date("2026-03-01").day == 1
    assert parse_date("2026-03-01 14:30").hour == 14
    assert parse_date("01/03/2026") is None
    assert parse_date(20260301) is None


def test_unclosed_front_matter():
    document, problems = split("a.md", "---\ntitle: x\nBody without a closing line\n")
    assert document is None
    assert "not closed" in problems[0].message


def test_tab_in_yaml_names_the_line():
    _document, problems = split("a.md", "---\ntitle: x\ntags:\n\t- a\n---\n")
    assert problems[0].line == 4 and "tab" in problems[0].message


def test_invalid_yaml_names_a_line():
    _document, problems = split("a.md", '---\ntitle: "unclosed\ndate: 2026-01-01\n---\n')
    assert problems and problems[0].line in (2, 3, 4)
    assert "not valid YAML" in problems[0].message


def test_front_matter_that_is_not_a_mapping():
    _document, problems = split("a.md", "---\n- just\n- a list\n---\n")
    assert "field: value" in problems[0].message


def test_empty_file_and_missing_fence():
    assert "empty" in split("a.md", "  \n")[1][0].message
    assert "must start with a line '---'" in split("a.md", "title: x\n")[1][0].message


def test_non_utf8_bytes_are_reported_with_their_line():
    text, problems = decode("a.md", "---\ntitle: Smørrebrød\n---\n".encode("latin-1"))
    assert text is None
    assert problems[0].line == 2 and "UTF-8" in problems[0].message


def test_bom_is_accepted():
    text, problems = decode("a.md", "\ufeff---\ntitle: x\n---\n".encode())
    assert problems == [] and text.startswith("---")


def check(yaml_text, kind="article"):
    document, problems = split("a.md", f"---\n{yaml_text}\n---\n")
    assert problems == []
    return check_common("a.md", document, kind, ".")


def test_missing_and_empty_title():
    assert "missing" in check("date: 2026-01-01")[1][0].message
    assert "empty" in check("title: ''\ndate: 2026-01-01")[1][0].message


def test_wrong_types_are_named():
    _meta, problems = check("title: [a, b]\ndate: 2026-01-01\ntags: {a: 1}")
    fields = {p.field: p.message for p in problems}
    assert "single line of text" in fields["title"]
    assert "list" in fields["tags"]


def test_unknown_status_and_bad_slug_and_lang():
    _meta, problems = check("title: x\ndate: 2026-01-01\nstatus: publish\nslug: Hej Med Dig\n"
                            "lang: Danish")
    assert {p.field for p in problems} == {"status", "slug", "lang"}


def test_bare_no_as_language_is_explained():
    _meta, problems = check("title: x\ndate: 2026-01-01\nlang: no")
    assert "'no' in quotes" in problems[0].message


def test_pages_need_no_date_but_posts_do():
    assert check("title: About", kind="page")[1] == []
    assert check("title: News")[1][0].field == "date"


def test_author_and_authors_and_tags_forms():
    meta, problems = check("title: x\ndate: 2026-01-01\nauthors: [A, B]\ntags: one, two")
    assert problems == []
    assert meta["authors"] == ["A", "B"] and meta["tags"] == ["one", "two"]


def test_misspelt_field_one_slip_away_is_an_error_with_a_suggestion():
    _meta, problems = check("title: x\ndate: 2026-01-01\ntilte: y")
    assert problems[0].severity == "error" and "'title'" in problems[0].message


def test_farther_off_unknown_field_is_a_warning_with_a_suggestion():
    _meta, problems = check("title: x\ndate: 2026-01-01\nsummaries: y")
    assert problems[0].severity == "warning" and "'summary'" in problems[0].message


def test_new_post_scaffold_reads_back_cleanly_even_with_awkward_titles():
    from datetime import datetime

    from shelfcast_sitekit.scaffold import new_post

    name, text = new_post('Jazz: "Kind of Blue" # 1', datetime(2026, 3, 1, 9, 30), "Åse Ødegård")
    assert name == "jazz-kind-of-blue-1.md"
    document, problems = split(name, text)
    meta, problems = check_common(name, document, "article", ".")
    assert problems == []
    assert meta["title"] == 'Jazz: "Kind of Blue" # 1'
    assert meta["status"] == "draft" and meta["authors"] == ["Åse Ødegård"]


def test_an_anchor_or_alias_is_refused_naming_its_field_and_line():
    text = "---\ntitle: x\ntags: &t [a, b]\nkeywords: *t\n---\n"
    document, problems = split("a.md", text)
    assert document is None
    assert [(p.line, p.field) for p in problems] == [(3, "tags"), (4, "keywords")]
    assert "anchor or alias" in problems[0].message


def test_curly_quotes_are_named_as_such():
    _document, problems = split("a.md", "---\ntitle: \u201cSummer: reading\u201d\n---\n")
    assert (problems[0].line, problems[0].field) == (2, "title")
    assert "curly quotes" in problems[0].message and "straight quotes" in problems[0].message


def test_a_colon_in_a_title_suggests_quoting_the_title():
    _document, problems = split("a.md", "---\ntitle: Opening hours: summer\ndate: 2026-01-01\n"
                                "---\n")
    assert (problems[0].line, problems[0].field) == (2, "title")
    assert 'put the whole value in quotes: title: "Opening hours: summer"' in problems[0].message


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_closing_fence():
    _document, problems = split("a.md", '---\ntitle: "Opening\ndate: 2026-01-01\ntags: [a]\n---\n')
    assert (problems[0].line, problems[0].field) == (2, "title")
    assert "never closed" in problems[0].message


def test_control_characters_in_fields_and_body_are_named():
    _document, problems = split("a.md", "---\ntitle: a\x0bb\n---\n")
    assert (problems[0].line, problems[0].field) == (2, "title")
    assert "U+000B" in problems[0].message
    _document, problems = split("a.md", '---\nsummary: "tab\\x0c"\n---\n')
    assert (problems[0].line, problems[0].field) == (2, "summary")
    _document, problems = split("a.md", "---\ntitle: a\n---\n\nbody\x00\n")
    assert (problems[0].line, problems[0].field) == (5, None)
    assert "U+0000" in problems[0].message


def test_a_quoted_value_in_a_message_is_cut_short():
    long_date = "x" * 5000
    document, _problems = split("a.md", f"---\ntitle: t\ndate: {long_date}\n---\n")
    _meta, problems = check_common("a.md", document, "article", ".")
    assert len(problems[0].message) < 120


def test_yaml_over_its_size_limit_is_refused_before_parsing():
    limits = {"max_yaml_bytes": 100, "max_nesting": 50}
    _document, problems = split("a.md", "---\ntitle: " + "x" * 200 + "\n---\n", limits)
    assert (problems[0].line, problems[0].field) == (2, None)
    assert "more than the 100 allowed" in problems[0].message
