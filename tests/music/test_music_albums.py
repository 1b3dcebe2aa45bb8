"""The album and playlist blocks, read as plain data (no Pelican)."""

import pytest
from shelfcast_music.albums import parse_album
from shelfcast_music.durations import clock, iso8601, parse_length
from shelfcast_music.playlists import parse_playlist

KIND_OF_BLUE = {"artist": "Miles Davis", "title": "Kind of Blue", "year": 1959,
                "ean": "5099750442227", "genres": ["Jazz", "Modal jazz"],
                "tracks": [{"title": "So What", "length": "9:22"},
                           {"title": "Freddie Freeloader", "length": "9:46"},
                           {"title": "Blue in Green", "length": "5:37"},
                           {"title": "All Blues", "length": "11:33"},
                           {"title": "Flamenco Sketches", "length": "9:26"}]}


def parse(block, year=2026):
    return parse_album(block, "content/music/x.md", 4, year)


def test_total_running_time_of_kind_of_blue():
    album, problems = parse(KIND_OF_BLUE)
    assert problems == []
    assert album.total_seconds == 45 * 60 + 44
    assert album.running_time == "45:44"
    assert album.decade == 1950


def test_running_time_over_an_hour_and_unknown_when_a_length_is_missing():
    tracks = [{"title": f"Part {n}", "length": "20:00"} for n in range(1, 4)]
    assert parse({**KIND_OF_BLUE, "tracks": tracks})[0].running_time == "1:00:00"
    tracks[1] = {"title": "Part 2"}
    assert parse({**KIND_OF_BLUE, "tracks": tracks})[0].running_time == ""


@pytest.mark.parametrize("text, seconds", [("9:22", 562), ("0:23", 23), ("1:02:30", 3750),
                                           (562, 562), ("12:05 ", 725)])
def test_lengths(text, seconds):
    assert parse_length(text) == seconds


@pytest.mark.parametrize("text", ["3:7x", "3:75", "", "abc", "1:60:00", 4.5, True, None, -3, [3]])
def test_bad_lengths(text):
    assert parse_length(text) is None


def test_clock_and_iso8601():
    assert clock(562) == "9:22" and clock(3750) == "1:02:30"
    assert iso8601(562) == "PT9M22S" and iso8601(3600) == "PT1H" and iso8601(0) == "PT0S"


def only_error(block, year=2026):
    album, problems = parse(block, year)
    errors = [p for p in problems if p.severity == "error"]
    assert album is None and len(errors) == 1, problems
    assert errors[0].path == "content/music/x.md" and errors[0].line == 4
    return errors[0]


def test_each_bad_field_is_named():
    assert only_error({**KIND_OF_BLUE, "tracks": [{"title": "So What", "length": "3:7x"}]}
                      ).field == "album.tracks[1].length"
    assert only_error({k: v for k, v in KIND_OF_BLUE.items() if k != "artist"}
                      ).field == "album.artist"
    assert only_error({**KIND_OF_BLUE, "title": "  "}).field == "album.title"
    assert only_error({**KIND_OF_BLUE, "ean": "5099750442228"}).field == "album.ean"
    assert only_error({**KIND_OF_BLUE, "year": 2027}, year=2026).field == "album.year"
    list_artist = only_error({**KIND_OF_BLUE, "artist": ["Miles Davis", "John Coltrane"]})
    assert list_artist.field == "album.artist" and "a list" in list_artist.message
    tracks = only_error({**KIND_OF_BLUE, "tracks": "So What"})
    assert tracks.field == "album.tracks" and "line starting with '- '" in tracks.message
    assert only_error({**KIND_OF_BLUE, "musicbrainz": "not-an-id"}).field == "album.musicbrainz"
    assert only_error({**KIND_OF_BLUE, "links": {"Tidal": "tidal"}}).field == "album.links.Tidal"
    assert only_error({**KIND_OF_BLUE, "year": "fifties"}).field == "album.year"
    assert only_error("Kind of Blue").field == "album"


def test_ean_as_a_yaml_number_is_accepted_and_an_octal_one_explained():
    assert parse({**KIND_OF_BLUE, "ean": 5099750442227})[0].ean == "5099750442227"
    error = only_error({**KIND_OF_BLUE, "ean": 11219468956})  # YAML read 0123456701234 as octal
    assert "quotes" in error.message


def test_misspelt_field_is_an_error_with_a_suggestion():
    # The schema's rule at every level (a warning while the plugin checked its own blocks):
    # the value of a misspelt field would be ignored.
    album, problems = parse({**KIND_OF_BLUE, "lable": "Columbia"})
    assert album is None
    assert [(p.field, p.severity) for p in problems] == [("album.lable", "error")]
    assert "did you mean 'label'?" in problems[0].message


def test_identifier_prefers_the_librarys_own_record():
    assert parse(KIND_OF_BLUE)[0].identifier == "ean:5099750442227"
    assert parse({**KIND_OF_BLUE, "faust": "2 478 658 4"})[0].identifier == "faust:24786584"
    assert parse({k: v for k, v in KIND_OF_BLUE.items() if k != "ean"})[0].identifier is None


def test_compilation_track_artists():
    block = {"artist": "Various Artists", "title": "Sessions",
             "tracks": [{"artist": "A", "title": "1"}, {"artist": "B", "title": "2"},
                        {"artist": "A", "title": "3"}]}
    assert parse(block)[0].track_artists == ["A", "B"]


def test_playlist():
    playlist, problems = parse_playlist(
        {"title": "Winter", "tracks": [{"artist": "Sigur Rós", "title": "Svefn-g-englar"},
                                       {"artist": "Miles Davis", "title": "So What",
                                        "ean": "5099750442227"}]}, "p.md", 3)
    assert problems == [] and playlist.artists == ["Sigur Rós", "Miles Davis"]
    assert playlist.tracks[1].identifier == "ean:5099750442227"


@pytest.mark.parametrize("block, field", [
    ({"title": "x"}, "playlist.tracks"),
    ({"tracks": []}, "playlist.tracks"),
    ({"tracks": [{"title": "So What"}]}, "playlist.tracks[1].artist"),
    ({"tracks": [{"artist": ["A", "B"], "title": "t"}]}, "playlist.tracks[1].artist"),
    ({"tracks": [{"artist": "A", "title": "t", "ean": "123"}]}, "playlist.tracks[1].ean"),
    ({"tracks": ["just a string"]}, "playlist.tracks[1]"),
    ([1, 2], "playlist"),
])
def test_bad_playlists(block, field):
    playlist, problems = parse_playlist(block, "p.md", 3)
    assert playlist is None
    assert field in [p.field for p in problems if p.severity == "error"]
