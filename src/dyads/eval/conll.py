"""Reader for CoNLL-style ``token tag`` files with BIO tags (e.g. ConfliBERT's CAMEO NER set).

Sentences are separated by blank lines. Each line is split on its last run of whitespace,
so the tag is the last field. Tags must be ``O`` or ``B-<role>`` / ``I-<role>``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from ..errors import DataError
from .gold import TaggedSentence

_TAG = re.compile(r"O|[BI]-\S+")


def iter_conll(path: str | Path) -> Iterator[TaggedSentence]:
    """The tagged sentences of ``path``; ``line`` is where each sentence starts."""
    file = str(path)
    try:
        handle = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(file, None, f"cannot be read: {exc.strerror or exc}") from None
    tokens: list[str] = []
    tags: list[str] = []
    start = 0
    with handle:
        try:
            for line_no, line in enumerate(handle, 1):
                fields = line.strip().rsplit(None, 1)
                if not fields:
                    if tokens:
                        yield TaggedSentence(tuple(tokens), tuple(tags), start)
                        tokens, tags = [], []
                    continue
                if len(fields) != 2:
                    raise DataError(file, line_no, f"one field only: {line.strip()!r}",
                                    "each line must be 'token tag'")
                token, tag = fields
                if not _TAG.fullmatch(tag):
                    raise DataError(file, line_no, f"bad tag {tag!r}",
                                    "tags are O, B-<role> or I-<role>")
                if not tokens:
                    start = line_no
                tokens.append(token)
                tags.append(tag)
        except UnicodeDecodeError as exc:
            raise DataError(file, None, f"not UTF-8: {exc.reason}") from None
    if tokens:
        yield TaggedSentence(tuple(tokens), tuple(tags), start)


def spans(tags: Sequence[str], roles: Collection[str]) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` (end exclusive) whose tag role is in ``roles``.

    An ``I-`` tag that does not continue a span of the same role starts a new one.
    """
    found: list[tuple[int, int]] = []
    start: int | None = None
    current: str | None = None
    for index, tag in enumerate(tags):
        prefix, _, role = tag.partition("-")
        inside = prefix == "I" and role == current
        if start is not None and not inside:
            found.append((start, index))
            start, current = None, None
        if start is None and prefix in ("B", "I") and role in roles:
            start, current = index, role
    if start is not None:
        found.append((start, len(tags)))
    return found
