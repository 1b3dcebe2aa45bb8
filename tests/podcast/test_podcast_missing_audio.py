"""A misspelt audio file name: the message names the file in the show's audio/ folder."""

from __future__ import annotations

from podcasttools import EPISODE


def test_missing_audio_suggests_the_closest_file_in_the_audio_folder(show_site):
    show_site.write("podcasts/talk/first.md", EPISODE.replace("audio/first.mp3",
                                                               "audio/frist.mp3"))
    assert show_site.build() == 1
    assert "content/podcasts/talk/first.md:4: audio: 'audio/frist.mp3' does not exist in " \
        "content/podcasts/talk/; did you mean 'audio/first.mp3'?" in show_site.messages


def test_missing_audio_without_the_folder_still_finds_it_in_audio(show_site):
    show_site.write("podcasts/talk/first.md", EPISODE.replace("audio/first.mp3", "first.mp3"))
    assert show_site.build() == 1
    assert "'first.mp3' does not exist in content/podcasts/talk/; did you mean " \
        "'audio/first.mp3'?" in show_site.messages


def test_no_suggestion_when_nothing_is_alike(show_site):
    show_site.write("podcasts/talk/first.md", EPISODE.replace("audio/first.mp3",
                                                               "audio/interview.mp3"))
    assert show_site.build() == 1
    assert "'audio/interview.mp3' does not exist in content/podcasts/talk/; put the audio " \
        "file" in show_site.messages
