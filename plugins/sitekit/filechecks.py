"""The questions reading a content file asks the file system, remembered for the read cache.

Reading a post checks the files it links to: does the image exist, does its path stay inside
content/, does it start like an image. Every such question goes through is_file, real_path or
head here, so that while `recording()` is on, each one is kept with its answer. The read cache
stores those answers with the result and uses the result again only while every question
still gets the same answer: adding an unrelated file then costs nothing, and adding the image
a post was missing reads that post again.

The recording lives in a context variable that `recording()` sets and resets around one
file's reading, so nothing is left over between reads, builds or tests.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar

HEAD_BYTES = 512


def _head(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


QUESTIONS = {"is_file": os.path.isfile, "real_path": os.path.realpath, "head": _head}
_answers: ContextVar[dict | None] = ContextVar("sitekit_file_answers", default=None)


def _ask(question: str, path: str):
    answer = QUESTIONS[question](path)
    answers = _answers.get()
    if answers is not None:
        answers[(question, path)] = answer
    return answer


def is_file(path: str) -> bool:
    return _ask("is_file", path)


def real_path(path: str) -> str:
    """The path with symbolic links resolved (where a file really is)."""
    return _ask("real_path", path)


def head(path: str) -> bytes:
    """The file's first HEAD_BYTES bytes (what tells an image from a file named like one)."""
    return _ask("head", path)


@contextmanager
def recording():
    """Collect {(question, path): answer} for every question asked inside."""
    answers: dict = {}
    token = _answers.set(answers)
    try:
        yield answers
    finally:
        _answers.reset(token)


def unchanged(answers: dict) -> bool:
    """True when every recorded question still gets the recorded answer."""
    for (question, path), answer in answers.items():
        try:
            if QUESTIONS[question](path) != answer:
                return False
        except (OSError, KeyError):
            return False  # a file that could be read then and cannot now, or an old question
    return True
