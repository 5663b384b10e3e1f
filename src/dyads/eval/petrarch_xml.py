"""Tolerant reader for PETRARCH validation files (``PETR.UnitTest.records.xml`` and kin).

These files are XML-like but not XML, so they are scanned with regular expressions:

- ``<!-- ... -->`` comments are dropped (one holds a literal ``<EventCoding...>``); so are
  whole lines starting with ``#`` outside ``<Text>`` (PETRARCH-2 puts its header there);
- a ``<Sentence .../>`` tag may be self-closing: the ``EventCoding``/``Text`` elements
  that follow it, up to the next ``<Sentence`` or ``</Sentence>``, belong to it;
- attribute values may have spaces around ``=`` (``noevents = "True"``) and stray inner
  quotes (``sourcecode='"SOME NAME"'``), which are stripped;
- ``<Parse>`` is ignored; a record without ``<Text>`` (or with an empty one) is skipped.

``expect`` is ``error`` when an ``EventCoding`` has ``error=``, else ``events`` when the
record lists codings, else ``none`` (a ``noevents`` coding, or no coding at all).
Dates ``YYYYMMDD`` and ``YYMMDD`` become ISO strings (see ``petrarch_date``).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from datetime import date
from pathlib import Path

from ..errors import DataError
from .gold import Coding, PetrarchRecord

# No match may run past the next <Sentence, so a missing close tag cannot swallow records.
_UNTIL_SENTENCE = r"(?:(?!<Sentence\b).)*?"
_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<open_comment><!--)"
    rf"|<Text\b[^>]*>(?P<text>{_UNTIL_SENTENCE})</Text\s*>"
    r"|(?P<open_text><Text\b)"
    rf"|<Parse\b[^>]*>{_UNTIL_SENTENCE}</Parse\s*>"
    r"|(?P<hash>^[ \t]*\#[^\n]*)"
    r"|<Sentence\b(?P<sentence>[^>]*)>"
    r"|<EventCoding\b(?P<coding>[^>]*)>"
    r"|(?P<end></Sentence\s*>)",
    re.DOTALL | re.MULTILINE,
)
_ATTR = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>/]+)""")
_FALSE = frozenset({"false", "0", "no"})


def petrarch_date(text: str) -> date | None:
    """``YYYYMMDD`` or ``YYMMDD`` as a date, else ``None``.

    Two-digit years follow KEDS/TABARI/PETRARCH: 00-30 are 20xx, 31-99 are 19xx.
    """
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_petrarch_xml(path: str | Path) -> list[PetrarchRecord]:
    """The sentences of a PETRARCH validation file that have a ``<Text>``, in file order."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(file, None, f"cannot be read: {exc.strerror or exc}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset)

    records: list[PetrarchRecord] = []
    current: _Open | None = None
    sentences = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open_comment":
            raise DataError(file, line_of(match.start()), "comment '<!--' is never closed",
                            "end it with '-->'")
        if kind == "open_text":
            raise DataError(file, line_of(match.start()), "<Text> is never closed",
                            "end it with '</Text>' before the next <Sentence>")
        if kind == "sentence":
            sentences += 1
            _flush(current, records)
            current = _open(file, line_of(match.start()), match.group("sentence"))
        elif kind == "end":
            _flush(current, records)
            current = None
        elif current is None:
            continue
        elif kind == "coding":
            _add_coding(current, _attrs(match.group("coding")))
        elif kind == "text":
            if current.text is not None:
                raise DataError(file, line_of(match.start()),
                                f"sentence {current.id!r} has a second <Text>")
            current.text = " ".join(html.unescape(match.group("text")).split())
    _flush(current, records)
    if sentences == 0:
        raise DataError(file, None, "no <Sentence> records found",
                        "is this a PETRARCH validation file?")
    return records


class _Open:
    """A record being read."""

    def __init__(self, id: str, category: str, date: str | None, line: int) -> None:
        self.id = id
        self.category = category
        self.date = date
        self.line = line
        self.text: str | None = None
        self.codings: list[Coding] = []
        self.error = False


def _attrs(source: str) -> dict[str, str]:
    out = {}
    for name, value in _ATTR.findall(source):
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        out[name.lower()] = html.unescape(value).strip().strip("\"'").strip()
    return out


def _open(file: str, line: int, source: str) -> _Open:
    attrs = _attrs(source)
    if not attrs.get("id"):
        raise DataError(file, line, "<Sentence> has no id", "give each sentence id=\"...\"")
    day = petrarch_date(attrs.get("date", ""))
    return _Open(attrs["id"], attrs.get("category", ""),
                 day.isoformat() if day else None, line)


def _add_coding(record: _Open, attrs: dict[str, str]) -> None:
    if "error" in attrs:
        record.error = True
    elif "eventcode" in attrs and attrs.get("noevents", "false").lower() in _FALSE:
        record.codings.append(Coding(attrs.get("sourcecode", ""), attrs.get("targetcode", ""),
                                     attrs["eventcode"]))


def _flush(record: _Open | None, records: list[PetrarchRecord]) -> None:
    if record is None or not record.text:
        return
    expect = "error" if record.error else "events" if record.codings else "none"
    records.append(PetrarchRecord(
        id=record.id, category=record.category, date=record.date, text=record.text,
        codings=tuple(record.codings), expect=expect, line=record.line,
    ))
