"""Dates: the expressions of time in a sentence, found by pattern and resolved to calendar
dates against the publication date and the dates a document has already established.

Finding and resolving are two steps. ``find_dates`` reads a block's text (no parse) and
returns ``DateExpr`` values that say what the words mean ("two days later": the last
established date plus two days) without knowing the calendar; ``DateResolver``, one per
document, turns them into ``DateRef`` in reading order, so "two days later" in one
paragraph counts from a date named in an earlier one, whichever process coded it.

Precision is one of ``PRECISIONS``: ``day`` ("2023-09-12"), ``month`` ("2023-09"),
``year`` ("2023"), or ``period`` for a stretch of time, written as an ISO 8601 interval
whose ends keep the precision the words give them ("2016/2020", "2023-03/2023-05",
"2023-09-01/2023-09-10"; an open end is ".."). A sentence with no expression of time
gives no date: the publication date is not the date of every event it reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import DateRef

PRECISIONS = ("day", "month", "year", "period")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
              "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTH_NUMBER = {**{m: k for k, m in enumerate(MONTHS, 1)}, **MONTH_ABBR}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "a couple of": 2, "a few": 3, "few": 3, "several": 3}
# A plural unit with no count ('in the months preceding', 'in recent weeks') is read as
# three of them.
SOME = 3
# Parts of a month (days), a year (months) and a decade (years): early, mid, late.
PARTS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
MONTH_PARTS = ((1, 10), (11, 20), (21, 31))
YEAR_PARTS = ((1, 4), (5, 8), (9, 12))
DECADE_PARTS = ((0, 3), (4, 6), (7, 9))
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
         r"|November|December)")
MONTH_SHORT = rf"(?:{MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
NUM = (r"(?:\d{1,3}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine"
         r"|ten|eleven|twelve|several|few)")
UNIT = r"(?:day|week|month|year)"
PART = r"(?:(?:early|mid|late)[\s-]+|the\s+(?:beginning|start|middle|end)\s+of\s+)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Each pattern needs some words, and runs only on a sentence that has them: a gate is a
# list of alternatives, each a list of word sets that must all meet the sentence's words
# (in lower case, as the tokenizer splits them). Years are looked for in the text itself.
UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
PLURAL_UNITS = frozenset({"days", "weeks", "months", "years"})
CALENDAR_UNITS = frozenset({"week", "weekend", "month", "year"})
TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
SEASON_WORDS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
MONTH_WORDS = frozenset({m.lower() for m in (*MONTHS, *MONTH_ABBR)}
                        | {m.lower() + "." for m in MONTH_ABBR})


def _words(*words: str) -> frozenset[str]:
    return frozenset(words)


GATES: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {
    "month": ((MONTH_WORDS,),),
    "weekday": ((frozenset(d.lower() for d in WEEKDAYS),),),
    "ago": ((_words("ago"), UNITS),),
    "deictic": ((_words("yesterday", "today", "tonight", "tomorrow"),),
                (_words("this", "last"), TIMES_OF_DAY)),
    "current": ((_words("last", "this", "next", "past"), CALENDAR_UNITS),),
    "recent": ((_words("past", "last"), UNITS | CALENDAR_UNITS),
               (_words("recent"), PLURAL_UNITS)),
    "to-date": ((_words("earlier", "later"), _words("this"), CALENDAR_UNITS),),
    "season": ((SEASON_WORDS,),),
    "after": ((_words("later", "earlier", "afterwards", "previously"), UNITS),
              (_words("after", "before"), _words("that"), UNITS)),
    "next": ((_words("next", "following", "previous", "preceding", "same"),
              UNITS | TIMES_OF_DAY),
             (_words("day", "night"), _words("before", "after"))),
    "around": ((PLURAL_UNITS, _words("preceding", "before", "prior", "leading", "followed",
                                     "following", "after", "since", "subsequent",
                                     "previous")),),
}
GATE_WORDS = frozenset().union(*(w for alts in GATES.values() for alt in alts for w in alt))
# Every gate but the year's needs one of these: a sentence with none (and no year) holds
# no expression of time.
KEY_WORDS = (MONTH_WORDS | {d.lower() for d in WEEKDAYS} | UNITS | CALENDAR_UNITS
             | TIMES_OF_DAY | SEASON_WORDS | {"yesterday", "today", "tonight", "tomorrow"})


def _satisfies() -> dict[str, list[tuple[str, int, int]]]:
    """word -> the (gate, alternative, word set) it meets, for open_gates."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for gate, alternatives in GATES.items():
        for a, alternative in enumerate(alternatives):
            for k, needed in enumerate(alternative):
                for word in needed:
                    found.setdefault(word, []).append((gate, a, k))
    return found


SATISFIES = _satisfies()
YEAR_GATE = re.compile(r"(?:1[89]|20)\d\d")
WORD = re.compile(r"[a-z]+\.?")


def open_gates(text: str, words: set[str] | frozenset[str] | None = None) -> set[str]:
    """The gates ``text`` opens; ``words`` are its words in lower case (found here when
    not given; the pipeline gives the tokenizer's)."""
    if words is None:
        words = {w for w in WORD.findall(text.lower())} | \
            {w.rstrip(".") for w in WORD.findall(text.lower())}
    met: dict[tuple[str, int], set[int]] = {}
    for word in words:
        for gate, a, part in SATISFIES.get(word, ()):
            met.setdefault((gate, a), set()).add(part)
    found = {gate for (gate, a), parts in met.items() if len(parts) == len(GATES[gate][a])}
    if YEAR_GATE.search(text):
        found.add("year")
    return found


@dataclass(frozen=True, slots=True)
class DateExpr:
    """What an expression of time means, before the calendar is consulted.

    ``start``/``end`` are character offsets in the block. ``kind`` is one of
    calendar (year, month, day as far as given; ``part`` early/mid/late), decade,
    season, weekday (``day`` 0-6; ``count`` -1 last, 0 on or before, 1 next),
    ago (the publication date moved ``count`` units), current (the ``unit`` that
    holds the publication date moved ``count`` units: 'last week', 'this year'),
    recent (the last ``count`` units up to the publication date), to-date ('earlier
    this month'), after (the last established date moved ``count`` units), around
    (``count`` units before or after the last established date, as a period),
    since and range (periods between the ``ends``).
    """

    text: str
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None
    unit: str = ""
    count: int = 0
    ends: tuple[DateExpr, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A stretch of days, and how precisely each end is known."""

    first: dt.date
    last: dt.date
    unit: str  # day, month or year: the precision of both ends
    period: bool = False
    last_unit: str = ""  # a period's end when it differs ('1997/2023-09-21')
    open_end: bool = False

    def ref(self, text: str) -> DateRef:
        if not self.period:
            return DateRef(text, _iso(self.first, self.unit), self.unit)
        end = ".." if self.open_end else _iso(self.last, self.last_unit or self.unit)
        return DateRef(text, f"{_iso(self.first, self.unit)}/{end}", "period")


def _iso(day: dt.date, unit: str) -> str:
    if unit == "year":
        return f"{day.year:04d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    k = day.year * 12 + day.month - 1 + months
    year, month = divmod(k, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: dt.date, unit: str, count: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "month":
        return _add_months(day, count)
    return _add_months(day, 12 * count)


def _count(words: str | None, default: int = 1) -> int:
    if not words:
        return default
    words = " ".join(words.lower().split())
    return int(words) if words.isdigit() else NUMBERS.get(words, default)


def _month(name: str) -> int:
    return MONTH_NUMBER[name.rstrip(".").capitalize()]


def _digits(day: str) -> int:
    return int(re.sub(r"\D", "", day))


def _part(words: str | None) -> int | None:
    if not words:
        return None
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in PARTS:
            return PARTS[word]
    return None


# --- patterns --------------------------------------------------------------------------
# Each pattern has a group 'x' (the expression's extent) and a builder from the match.
# Patterns ignore case ('Yesterday', 'In September'); a builder refuses a month's or a
# weekday's name that is not capitalised ('may', 'march').

Builder = Callable[[re.Match[str], int, int, str], DateExpr | None]
PATTERNS: list[tuple[str, re.Pattern[str], Builder]] = []


def pattern(gate: str, regex: str) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        PATTERNS.append((gate, re.compile(regex, re.IGNORECASE), build))
        return build
    return register


def _named(*names: str | None) -> bool:
    return all(n is None or n[:1].isupper() for n in names)


@pattern("year", rf"\b(?P<x>(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d))\b")
def _iso_date(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "calendar", int(m["y"]), int(m["m"]), int(m["d"]))


# Registered bottom first: day-month ('12 September 2023'), then month-day ('Sept. 12').
@pattern("month", rf"\b(?P<x>(?P<m>{MONTH_SHORT})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?)\b"
         r"(?![.,]?\d)")
@pattern("month", rf"\b(?P<x>(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH_SHORT})(?:,?\s+(?P<y>{YEAR}))?)"
         r"(?![\w-])")
def _day_and_month(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["m"]):
        return None
    return DateExpr(t, s, e, "calendar", int(m["y"]) if m["y"] else None, _month(m["m"]),
                    _digits(m["d"]))


@pattern("month", rf"\b(?P<x>(?P<p>{PART})?(?P<m>{MONTH_SHORT})(?:\s+of)?,?\s+(?P<y>{YEAR}))\b")
def _month_year(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["m"]):
        return None
    return DateExpr(t, s, e, "calendar", int(m["y"]), _month(m["m"]), part=_part(m["p"]))


@pattern("month", r"\b(?:(?P<w>in|since|by|until|till|during|from|through|throughout|of|last|this"
         rf"|next)\s+)?(?P<x>(?P<p>{PART})?(?P<m>{MONTH}))\b")
def _month_alone(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["m"]) or not (m["w"] or m["p"]):
        return None
    which = (m["w"] or "").lower()
    count = -1 if which == "last" else 1 if which == "next" else 0
    if count:
        s, t = m.start(), m.group(0)
    return DateExpr(t, s, e, "calendar", None, _month(m["m"]), part=_part(m["p"]),
                    count=count)


@pattern("year", r"\b(?:in|since|by|until|till|during|from|through|throughout|of|between|and|to)"
         rf"\s+(?P<x>(?P<p>{PART})?(?P<y>{YEAR}))\b(?![-–/]\d|\s*(?:%|per\b))")
def _year(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "calendar", int(m["y"]), part=_part(m["p"]))


@pattern("year", rf"\b(?P<x>(?P<p>{PART})(?P<y>{YEAR}))\b")
def _part_year(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "calendar", int(m["y"]), part=_part(m["p"]))


@pattern("year", rf"\b(?P<x>(?:the\s+)?(?P<p>{PART})?(?P<y>(?:1[89]|20)\d0)'?s)\b")
def _decade(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "decade", int(m["y"]), part=_part(m["p"]))


@pattern("season", r"\b(?P<w>in|during|this|last|next|since|by|through)\s+(?P<x>(?:the\s+)?"
         rf"(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+(?P<y>{YEAR}))?)\b")
def _season(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    which = m["w"].lower()
    if m["season"].lower() == "fall" and not m["y"]:
        return None  # 'in the fall of prices'
    count = -1 if which == "last" else 1 if which == "next" else 0
    if count or which == "this":
        s, t = m.start(), m.group(0)
    return DateExpr(t, s, e, "season", int(m["y"]) if m["y"] else None,
                    SEASONS[m["season"].lower()], count=count)


@pattern("weekday", r"\b(?:(?P<w>last|next|this|past|on|from|since|until|by)\s+)?"
         rf"(?P<x>{WEEKDAY})\b")
def _weekday(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["x"]):
        return None
    which = (m["w"] or "").lower()
    if which in ("last", "next", "this", "past"):
        s, t = m.start(), m.group(0)
    count = -1 if which in ("last", "past") else 1 if which == "next" else 0
    return DateExpr(t, s, e, "weekday", day=WEEKDAYS.index(m["x"].capitalize()),
                    count=count)


@pattern("deictic", r"\b(?P<x>yesterday|today|tonight|tomorrow|(?:this|last)\s+"
         r"(?:morning|afternoon|evening|night))\b")
def _deictic(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    word = " ".join(t.lower().split())
    count = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return DateExpr(t, s, e, "ago", unit="day", count=count)


@pattern("ago", rf"\b(?P<x>(?P<n>{NUM})\s+(?P<u>{UNIT})s?\s+ago)\b")
def _ago(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "ago", unit=m["u"].lower(), count=-_count(m["n"]))


@pattern("current", r"\b(?P<x>(?P<w>last|this|next|past)\s+(?P<u>week|weekend|month|year))\b")
def _current(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    which = m["w"].lower()
    unit = m["u"].lower()
    if which == "past":
        return DateExpr(t, s, e, "recent", unit="week" if unit == "weekend" else unit,
                        count=1)
    return DateExpr(t, s, e, "current", unit=unit,
                    count=-1 if which == "last" else 1 if which == "next" else 0)


@pattern("recent", rf"\b(?P<x>(?:in|over|during|for)\s+the\s+(?:past|last)\s+(?:(?P<n>{NUM})\s+)?"
         r"(?P<u>day|week|month|year)(?P<pl>s)?|in\s+recent\s+(?P<u2>day|week|month|year)s)"
         r"\b")
def _recent(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    unit = (m["u"] or m["u2"]).lower()
    count = _count(m["n"], SOME if (m["pl"] or m["u2"]) else 1)
    return DateExpr(t, s, e, "recent", unit=unit, count=count)


@pattern("to-date", r"\b(?P<x>(?P<w>earlier|later)\s+this\s+(?P<u>week|month|year))\b")
def _to_date(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    return DateExpr(t, s, e, "to-date", unit=m["u"].lower(),
                    count=-1 if m["w"].lower() == "earlier" else 1)


@pattern("after", rf"\b(?P<x>(?P<n>{NUM})\s+(?P<u>{UNIT})s?\s+"
         r"(?P<w>later|earlier|afterwards|after\s+that|before\s+that|previously))\b")
def _after(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    back = m["w"].lower().split()[0] in ("earlier", "before", "previously")
    n = _count(m["n"])
    return DateExpr(t, s, e, "after", unit=m["u"].lower(), count=-n if back else n)


@pattern("next", r"\b(?P<x>the\s+(?:(?P<w>next|following|previous|preceding|same)\s+"
         r"(?P<u>day|morning|afternoon|evening|night|week|month|year)|(?:day|night)\s+"
         r"(?P<w2>before|after)(?!\s+(?:the|a|an|his|her|their|its)\b)))\b")
def _next(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    which = (m["w"] or m["w2"]).lower()
    unit = (m["u"] or "day").lower()
    if unit not in ("week", "month", "year"):
        unit = "day"
    count = 0 if which == "same" else -1 if which in ("previous", "preceding",
                                                        "before") else 1
    return DateExpr(t, s, e, "after", unit=unit, count=count)


@pattern("around", rf"\b(?P<x>(?:in|during|over|for)\s+the\s+(?:(?:(?P<n>{NUM})\s+)?"
         r"(?P<u>day|week|month|year)s\s+(?P<w>preceding|before|prior|leading\s+up"
         r"|that\s+followed|following|after|since)|(?P<w2>following|subsequent|preceding"
         rf"|previous)\s+(?:(?P<n2>{NUM})\s+)?(?P<u2>day|week|month|year)s))\b")
def _around(m: re.Match[str], s: int, e: int, t: str) -> DateExpr:
    which = (m["w"] or m["w2"]).lower().split()[0]
    unit = (m["u"] or m["u2"]).lower()
    n = _count(m["n"] or m["n2"], SOME)
    back = which in ("preceding", "before", "prior", "leading", "previous")
    return DateExpr(t, s, e, "around", unit=unit, count=-n if back else n)


@pattern("year", rf"\b(?P<x>(?P<a>{YEAR})\s*[-–]\s*(?P<b>{YEAR}|\d\d))\b(?![-–]\d)")
def _year_span(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else a // 100 * 100 + int(m["b"])
    if b <= a:
        return None
    return DateExpr(t, s, e, "range", ends=(DateExpr(m["a"], s, s + 4, "calendar", a),
                                             DateExpr(m["b"], e - len(m["b"]), e,
                                                      "calendar", b)))


@pattern("month", rf"\b(?P<x>(?:from|between)\s+(?P<a>{DAY})\s*(?:to|and|until|[-–])\s*"
         rf"(?P<b>{DAY})\s+(?P<m>{MONTH_SHORT})(?:,?\s+(?P<y>{YEAR}))?)\b")
def _day_span(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["m"]):
        return None
    y = int(m["y"]) if m["y"] else None
    month = _month(m["m"])
    a, b = _digits(m["a"]), _digits(m["b"])
    if b <= a:
        return None
    return DateExpr(t, s, e, "range", ends=(
        DateExpr(m["a"], m.start("a"), m.end("a"), "calendar", y, month, a),
        DateExpr(m.string[m.start("b"):e], m.start("b"), e, "calendar", y, month, b)))


@pattern("month", rf"\b(?P<x>(?:from|between)\s+(?P<p>{PART})?(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?"
         rf"\s*(?:to|and|until|till|through|[-–])\s*(?P<p2>{PART})?(?P<m2>{MONTH})"
         rf"(?:\s+(?P<y2>{YEAR}))?)\b")
def _month_span(m: re.Match[str], s: int, e: int, t: str) -> DateExpr | None:
    if not _named(m["m"], m["m2"]):
        return None
    y = int(m["y"]) if m["y"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    a, b = _month(m["m"]), _month(m["m2"])
    if y is None and y2 is not None:
        y = y2 if a <= b else y2 - 1
    return DateExpr(t, s, e, "range", ends=(
        DateExpr(m.string[m.start("m"):m.end("m")], m.start("m"), m.end("m"), "calendar",
                 y, a, part=_part(m["p"])),
        DateExpr(m.string[m.start("m2"):e], m.start("m2"), e, "calendar", y2, b,
                 part=_part(m["p2"]))))


OPENER = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
JOINER = re.compile(r"\s*(?:and|to|until|till|through|[-–])\s*(?:the\s+)?", re.IGNORECASE)
SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
SAME_DAY = re.compile(r",?\s*(?:the\s+)?")
SINCE_KINDS = frozenset({"calendar", "decade", "season", "weekday", "ago", "current"})


def _may_join(found: list[DateExpr], text: str) -> bool:
    """Is the one expression found preceded by 'since'?"""
    return bool(found) and "since" in text[max(0, found[0].start - 8):found[0].start].lower()


def _combine(found: list[DateExpr], text: str) -> list[DateExpr]:
    """Join 'between A and B', 'from A to B' into periods, 'since A' into one, and a
    weekday into the date that follows it ('Tuesday, 12 September')."""
    out: list[DateExpr] = []
    k = 0
    while k < len(found):
        a = found[k]
        b = found[k + 1] if k + 1 < len(found) else None
        before = text[max(0, a.start - 20):a.start]
        gap = text[a.end:b.start] if b is not None else ""
        if b is not None and a.kind == "weekday" and b.kind == "calendar" \
                and b.day is not None and SAME_DAY.fullmatch(gap):
            out.append(replace(b, text=text[a.start:b.end], start=a.start))
            k += 2
            continue
        opener = OPENER.search(before)
        if b is not None and opener and a.kind == b.kind == "calendar" \
                and JOINER.fullmatch(gap):
            s = a.start - len(opener.group(0))
            if a.year is None and b.year is not None and a.month is not None:
                a = replace(a, year=b.year if a.month <= (b.month or 12) else b.year - 1)
            out.append(DateExpr(text[s:b.end], s, b.end, "range", ends=(a, b)))
            k += 2
            continue
        since = SINCE.search(before) if a.kind in SINCE_KINDS else None
        if since:
            s = a.start - len(since.group(0))
            out.append(DateExpr(text[s:a.end], s, a.end, "since", ends=(a,)))
        else:
            out.append(a)
        k += 1
    return out


def find_dates(text: str, gates: set[str] | None = None) -> list[DateExpr]:
    """The expressions of time in ``text``, in order, none overlapping (of those that
    overlap, the one starting first wins, and the longest of those). ``gates``: those
    ``open_gates`` gives, when the caller has them."""
    if gates is None:
        gates = open_gates(text)
    if not gates:
        return []
    return list(_find_dates(text, frozenset(gates)))


@lru_cache(maxsize=4096)
def _find_dates(text: str, gates: frozenset[str]) -> tuple[DateExpr, ...]:
    """find_dates, remembered: wire copies and repeated lines are common in news, and
    the result (frozen values) depends on the text alone."""
    found: list[DateExpr] = []
    for gate_name, regex, build in PATTERNS:
        if gate_name not in gates:
            continue
        for m in regex.finditer(text):
            expr = build(m, m.start("x"), m.end("x"), m["x"])
            if expr is not None:
                found.append(expr)
    found.sort(key=lambda x: (x.start, -x.end))
    chosen: list[DateExpr] = []
    for expr in found:
        if not chosen or expr.start >= chosen[-1].end:
            chosen.append(expr)
    return tuple(_combine(chosen, text) if len(chosen) > 1 or _may_join(chosen, text)
                 else chosen)


# --- resolution ------------------------------------------------------------------------


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


class DateResolver:
    """Resolves a document's expressions in reading order: the publication date is the
    reference for 'yesterday', 'on Tuesday' and a month without its year; the last date
    the document established (a day, month or year) for 'two days later'."""

    def __init__(self, pub_date: str | None) -> None:
        self.pub = parse_iso(pub_date)
        self.anchor: Resolved | None = None

    def resolve(self, expr: DateExpr) -> DateRef | None:
        found = self._resolve(expr)
        if found is None:
            return None
        if not found.period:
            self.anchor = found
        return found.ref(expr.text)

    def _reference(self) -> dt.date | None:
        return self.pub or (self.anchor.first if self.anchor else None)

    def _resolve(self, x: DateExpr) -> Resolved | None:
        try:
            return RESOLVERS[x.kind](self, x)
        except (ValueError, OverflowError):
            return None  # '31 February', a year out of range

    def calendar(self, x: DateExpr) -> Resolved | None:
        year = x.year
        if year is None:
            ref = self._reference()
            if ref is None or x.month is None:
                return None
            year = ref.year
            if x.count < 0:  # 'last May': the one before the reference's month
                year -= 0 if x.month < ref.month else 1
            elif x.count > 0:  # 'next March'
                year += 0 if x.month > ref.month else 1
            elif (x.month, x.day or 1) > (ref.month, ref.day) and self.pub is not None:
                year -= 1  # the nearest that is not after the publication date
        if x.month is None:
            if x.part is not None:
                a, b = YEAR_PARTS[x.part]
                return Resolved(dt.date(year, a, 1), _month_end(year, b), "month",
                                period=True)
            return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if x.day is not None:
            day = dt.date(year, x.month, x.day)
            return Resolved(day, day, "day")
        if x.part is not None:
            a, b = MONTH_PARTS[x.part]
            end = _month_end(year, x.month)
            return Resolved(dt.date(year, x.month, a), min(end, dt.date(year, x.month, min(
                b, end.day))), "day", period=True)
        return Resolved(dt.date(year, x.month, 1), _month_end(year, x.month), "month")

    def decade(self, x: DateExpr) -> Resolved | None:
        assert x.year is not None
        a, b = DECADE_PARTS[x.part] if x.part is not None else (0, 9)
        return Resolved(dt.date(x.year + a, 1, 1), dt.date(x.year + b, 12, 31), "year",
                        period=True)

    def season(self, x: DateExpr) -> Resolved | None:
        assert x.month is not None
        year = x.year
        if year is None:
            ref = self._reference()
            if ref is None:
                return None
            year = ref.year if ref.month >= x.month else ref.year - 1
            if x.month == 12 and ref.month < 3:
                year = ref.year - 1
            year += x.count
        first = dt.date(year, x.month, 1)
        return Resolved(first, _month_end(*_ym(_add_months(first, 2))), "month",
                        period=True)

    def weekday(self, x: DateExpr) -> Resolved | None:
        if self.pub is None or x.day is None:
            return None
        back = (self.pub.weekday() - x.day) % 7
        if x.count < 0 and back == 0:
            back = 7
        if x.count > 0:
            day = self.pub + dt.timedelta(days=(x.day - self.pub.weekday()) % 7 or 7)
        else:
            day = self.pub - dt.timedelta(days=back)
        return Resolved(day, day, "day")

    def ago(self, x: DateExpr) -> Resolved | None:
        if self.pub is None:
            return None
        day = _shift(self.pub, x.unit, x.count)
        unit = x.unit if x.unit in ("month", "year") else "day"
        return _whole(day, unit)

    def current(self, x: DateExpr) -> Resolved | None:
        if self.pub is None:
            return None
        if x.unit in ("week", "weekend"):
            monday = self.pub - dt.timedelta(days=self.pub.weekday()) \
                + dt.timedelta(weeks=x.count)
            if x.unit == "weekend":
                saturday = monday + dt.timedelta(days=5)
                if x.count == 0 and saturday > self.pub:
                    saturday -= dt.timedelta(weeks=1)
                return Resolved(saturday, saturday + dt.timedelta(days=1), "day",
                                period=True)
            return Resolved(monday, monday + dt.timedelta(days=6), "day", period=True)
        return _whole(_shift(self.pub, x.unit, x.count), x.unit)

    def recent(self, x: DateExpr) -> Resolved | None:
        if self.pub is None:
            return None
        return Resolved(_shift(self.pub, x.unit, -x.count), self.pub, "day", period=True)

    def to_date(self, x: DateExpr) -> Resolved | None:
        if self.pub is None:
            return None
        whole = self.current(replace(x, count=0))
        if whole is None:
            return None
        if x.count < 0:
            return Resolved(whole.first, self.pub, "day", period=True)
        return Resolved(self.pub, whole.last, "day", period=True)

    def after(self, x: DateExpr) -> Resolved | None:
        if self.anchor is None:
            return None
        day = _shift(self.anchor.first, x.unit, x.count)
        unit = _coarser(self.anchor.unit, x.unit if x.unit in ("month", "year") else "day")
        return _whole(day, unit)

    def around(self, x: DateExpr) -> Resolved | None:
        if self.anchor is None:
            return None
        unit = self.anchor.unit
        if x.count < 0:
            return Resolved(_shift(self.anchor.first, x.unit, x.count), self.anchor.last,
                            unit, period=True)
        return Resolved(self.anchor.first, _shift(self.anchor.last, x.unit, x.count), unit,
                        period=True)

    def since(self, x: DateExpr) -> Resolved | None:
        start = self._resolve(x.ends[0])
        if start is None:
            return None
        if self.pub is None:
            return Resolved(start.first, start.first, start.unit, period=True,
                            open_end=True)
        if start.first > self.pub:
            return None  # 'since next June': no period
        return Resolved(start.first, self.pub, start.unit, period=True, last_unit="day")

    def range(self, x: DateExpr) -> Resolved | None:
        a_expr, b_expr = x.ends
        b = self._resolve(b_expr)
        if b is None:
            return None
        if a_expr.year is None and a_expr.kind == "calendar" and a_expr.month is not None:
            year = b.last.year if (a_expr.month, a_expr.day or 1) <= (
                b.last.month, b.last.day) else b.last.year - 1
            a_expr = replace(a_expr, year=year)
        a = self._resolve(a_expr)
        if a is None or a.first > b.last:
            return None
        return Resolved(a.first, b.last, a.unit, period=True, last_unit=b.unit)


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _whole(day: dt.date, unit: str) -> Resolved:
    if unit == "year":
        return Resolved(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year")
    if unit == "month":
        return Resolved(day.replace(day=1), _month_end(day.year, day.month), "month")
    return Resolved(day, day, "day")


def _coarser(a: str, b: str) -> str:
    order = ("day", "month", "year")
    return a if order.index(a) > order.index(b) else b


RESOLVERS: dict[str, Callable[[DateResolver, DateExpr], Resolved | None]] = {
    "calendar": DateResolver.calendar, "decade": DateResolver.decade,
    "season": DateResolver.season, "weekday": DateResolver.weekday,
    "ago": DateResolver.ago, "current": DateResolver.current,
    "recent": DateResolver.recent, "to-date": DateResolver.to_date,
    "after": DateResolver.after, "around": DateResolver.around,
    "since": DateResolver.since, "range": DateResolver.range,
}


def iter_kinds() -> Iterator[str]:
    yield from RESOLVERS
