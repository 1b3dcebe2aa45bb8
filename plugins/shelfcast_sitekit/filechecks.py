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

from .cachefile import NotCacheable, decode, encode

HEAD_BYTES = 512


def _head(path: str) -> bytes:
    if not os.path.isfile(path):  # a FIFO or device (a cache may name any path) never blocks
        raise FileNotFoundError(path)
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


QUESTIONS = {"is_file": os.path.isfile, "real_path": os.path.realpath, "head": _head}
ANSWER_TYPES = {"is_file": bool, "real_path": str, "head": bytes}
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


def answers_to_json(answers: dict) -> list:
    return [[question, path, encode(answer)] for (question, path), answer in answers.items()]


def answers_from_json(data) -> dict:
    """Recorded answers read back from a cache; NotCacheable unless each is a known question
    about a path with an answer of the question's type."""
    if type(data) is not list:
        raise NotCacheable("not a list of answers")
    answers = {}
    for item in data:
        if type(item) is not list or len(item) != 3 or type(item[1]) is not str:
            raise NotCacheable("not an answer")
        question, path, answer = item[0], item[1], decode(item[2])
        if ANSWER_TYPES.get(question) is not type(answer) or (
                question == "head" and len(answer) > HEAD_BYTES):
            raise NotCacheable("not an answer")
        answers[(question, path)] = answer
    return answers
