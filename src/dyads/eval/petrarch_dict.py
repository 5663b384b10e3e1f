"""Convert TABARI/PETRARCH actor and agent dictionaries to dyads' JSONL formats.

Actor files (``Phoenix.*.actors.txt``, ``PETR.Validate.actors.txt``)::

    NAME_OF_ENTRY_  [CODE]        # comment
    +SYNONYM_OF_IT
        [CODE <YYMMDD]            # before (inclusive)
        [CODE 19950601 - 19990815]  # between (inclusive)
        [CODE >YYMMDD]            # from (inclusive)

``#`` starts a comment (outside ``[...]``), as do ``<!-- ... -->`` (multi-line) and lines
starting with ``<``; ``---STOP---`` ends the file. Code blocks may sit on the name line, on
the following lines, or several on one line. ``_`` is a space; a trailing ``_`` (whole
word only) is dropped. A name line with no code at all shares the codes of the next entry,
as PETRARCH reads it. Blocks with no code, an unreadable date (dates have 6 or 8 digits) or
a range that ends before it starts are ignored and counted in ``bad_blocks``. As in
PETRARCH, a date of 7 digits is read as ``YYMMDD`` and one of 9 or more as ``YYYYMMDD``,
ignoring the rest (``>201005011`` is 2010-05-01); a lone date with no ``<``, ``>`` or
range (``[CODE 20121204]``, used in Phoenix for "from then on") is read as ``>``.

Two-digit years (``YYMMDD``) follow KEDS/TABARI/PETRARCH: 00-30 are 20xx, 31-99 are 19xx.
Phoenix agrees: its six-digit dates use years 00-14 and 31-99 only (e.g. a range
``750101-000101`` is 1975 to 2000) and it writes 1876-1930 with eight digits.

Agent files (``*.agents.txt``)::

    !SET! = A, B, C               # substitution set
    FOREIGN_MINISTER  [~GOVFRM]   # regular plural added
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # explicit plural
    POLICE {} [~COP]              # no plural
    CONGRESS!SET! [~LEG]          # one row per member of SET, no plurals (as PETRARCH)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError
from .petrarch_xml import petrarch_date

ACTOR_CODE = re.compile(r"^[A-Z0-9]{3}([A-Z0-9]{3})*$")
AGENT_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
NULL_PREFIXES = ("---", "+++", "###")
# CAMEO actor codes put a country in their first three letters, and a bare three-letter
# country code names the state itself; these three-letter codes name no country
# (international and non-governmental bodies, sectors, the unknown). Region codes
# are left as states: some collide with the test dictionaries' country codes.
NOT_STATES = frozenset({
    "IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "UNO", "UNK", "EEC", "G77", "IMF", "WTO",
    "INS", "RAD", "REB", "SEP", "CVL", "MIL", "GOV", "COP", "OPP", "BUS", "MED", "EDU",
    "JUD", "LEG", "ELI", "REF", "SPY", "HLH", "LAB", "AGR", "CRM", "ENV", "HRI", "REL",
    "UAF", "MOD", "AMN", "IRC", "WHO"})
SMALL_WORDS = frozenset({
    "of", "the", "and", "for", "de", "al", "an", "at", "by", "in", "on", "or", "to", "du",
    "des", "del", "da", "di", "dos", "das", "der", "den", "van", "von", "bin", "ibn",
})

_BLOCK = re.compile(r"\[([^\[\]]*)\]")
_BLOCK_BODY = re.compile(r"^([^\s<>]+)\s*(.*)$")
_BEFORE = re.compile(r"^<\s*(\d+)$")
_FROM = re.compile(r"^>\s*(\d+)$")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_LONE = re.compile(r"^(\d+)$")
_MARKER = re.compile(r"!([^!\s]+)!")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufffd]")


@dataclass(frozen=True)
class ActorConversion:
    """Overlay rows (``rows[i]`` comes from line ``lines[i]`` of its file) and what was
    left out: ``entries == len(rows) + sum(skipped.values())``."""

    rows: list[dict[str, Any]]
    lines: list[int]
    entries: int
    skipped: dict[str, int] = field(default_factory=dict)
    bad_blocks: int = 0


@dataclass(frozen=True)
class AgentConversion:
    """Agent rows (``{"word", "sector"}``), their source lines, and what was left out
    (``skipped`` counts dictionary lines, not rows)."""

    rows: list[dict[str, str]]
    lines: list[int]
    entries: int
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Block:
    code: str
    kind: str  # any, before, from, range
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        if self.kind == "before":
            return self.end is not None and day <= self.end
        if self.kind == "from":
            return self.start is not None and day >= self.start
        if self.kind == "range":
            return self.start is not None and self.end is not None and \
                self.start <= day <= self.end
        return False


@dataclass
class _Entry:
    line: int
    names: list[str]
    blocks: list[_Block] = field(default_factory=list)
    any_block: bool = False  # a block was written, valid or not


# ---------------------------------------------------------------- reading


def _read_lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(str(path), None, f"cannot be read: {exc.strerror or exc}") from None
    lines = []
    for chunk in raw.split(b"\n"):
        try:
            lines.append(chunk.decode("utf-8").rstrip("\r"))
        except UnicodeDecodeError:
            lines.append(chunk.decode("latin-1").rstrip("\r"))
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return lines


def _strip_hash(line: str) -> str:
    """The line up to a ``#`` that is not inside ``[...]``."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) with comments removed; blank lines left out."""
    in_comment = False
    for number, line in enumerate(_read_lines(path), 1):
        kept = ""
        rest = line
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    rest, in_comment = rest[end + 3:], False
            else:
                start = rest.find("<!--")
                if start < 0:
                    kept, rest = kept + rest, ""
                else:
                    kept, rest, in_comment = kept + rest[:start], rest[start + 4:], True
        if kept.strip().startswith("<"):
            continue
        if "---STOP---" in kept:
            return
        kept = _strip_hash(kept)
        if kept.strip():
            yield number, kept.rstrip()


# ---------------------------------------------------------------- actors


def _parse_block(body: str) -> _Block | None:
    match = _BLOCK_BODY.match(body.strip())
    if match is None:
        return None
    code, rest = match.group(1).upper(), match.group(2).strip()
    if code.replace("-", "").isdigit():
        return None  # a date with no code, like [950601-990815]
    if not rest:
        return _Block(code, "any")
    if found := _BEFORE.match(rest):
        end = _block_date(found.group(1))
        return _Block(code, "before", end=end) if end else None
    if found := _FROM.match(rest) or _LONE.match(rest):
        start = _block_date(found.group(1))
        return _Block(code, "from", start=start) if start else None
    if found := _RANGE.match(rest):
        start, end = _block_date(found.group(1)), _block_date(found.group(2))
        if start is None or end is None or end < start:
            return None
        return _Block(code, "range", start, end)
    return None


def _block_date(digits: str) -> date | None:
    """As PETRARCH reads a date: up to 7 digits are ``YYMMDD`` plus junk, 8 or more are
    ``YYYYMMDD`` plus junk."""
    if len(digits) < 6:
        return None
    return petrarch_date(digits[:6] if len(digits) < 8 else digits[:8])


def _choose(blocks: Sequence[_Block], as_of: date | None) -> _Block | None:
    """The first restricted block covering ``as_of``, else the first unrestricted one.
    With no date: the first unrestricted block, else the latest open-ended one."""
    if as_of is not None:
        for block in blocks:
            if block.kind != "any" and block.covers(as_of):
                return block
    for block in blocks:
        if block.kind == "any":
            return block
    if as_of is None:
        opens = [b for b in blocks if b.kind == "from" and b.start is not None]
        if opens:
            return max(opens, key=lambda b: b.start or date.min)
    return None


def _split_synonyms(text: str) -> list[str]:
    return [part for part in text.split("+") if part.strip("_ \t")]


def _actor_entries(path: Path, counts: Counter[str]) -> Iterator[_Entry]:
    """The file's entries. A name with no code block joins the next entry's names."""
    entry: _Entry | None = None
    for number, line in _content_lines(path):
        stripped = line.strip()
        head, bracket, _ = stripped.partition("[")
        if stripped.startswith("+") and entry is not None:
            entry.names.extend(_split_synonyms(head))
        elif not stripped.startswith("["):
            names = _split_synonyms(head)
            if entry is not None and entry.any_block:
                yield entry
                entry = None
            if names:
                entry = _Entry(number, (entry.names if entry else []) + names)
        if entry is None:
            counts["bad_blocks"] += stripped.count("[")
            continue
        bodies = _BLOCK.findall(stripped)
        if bracket and stripped.count("[") > len(bodies):
            counts["bad_blocks"] += stripped.count("[") - len(bodies)  # unclosed
            entry.any_block = True
        for body in bodies:
            entry.any_block = True
            block = _parse_block(body)
            if block is None:
                counts["bad_blocks"] += 1
            else:
                entry.blocks.append(block)
    if entry is not None:
        yield entry


def convert_actors(paths: Iterable[str | Path],
                   as_of: date | None = None) -> ActorConversion:
    """Actor dictionaries as dyads overlay rows, one per entry, coded as of ``as_of``."""
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    skipped: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    entries = 0
    for path in paths:
        for entry in _actor_entries(Path(path), counts):
            entries += 1
            reason, row = _actor_row(entry, as_of)
            if row is None:
                skipped[reason] += 1
            else:
                rows.append(row)
                lines.append(entry.line)
    return ActorConversion(rows, lines, entries, dict(skipped), counts["bad_blocks"])


def _actor_row(entry: _Entry, as_of: date | None) -> tuple[str, dict[str, Any] | None]:
    if not entry.blocks:
        return "no code", None
    block = _choose(entry.blocks, as_of)
    if block is None:
        return "no valid code at date", None
    code, *others = block.code.split("/")  # 'LORIEN [ELR/GAL]': a name for several actors
    if code.startswith(NULL_PREFIXES):
        return "null code", None
    if not all(ACTOR_CODE.match(c) for c in (code, *others)):
        return "bad code", None
    names: list[str] = []
    for name in entry.names:
        for form in surface_forms(name):
            if form not in names:
                names.append(form)
    if not names:
        return "no usable name", None
    kind = "state" if len(code) == 3 and code not in NOT_STATES and not others \
        else "group"
    row = {"code": code, "names": names, "type": kind, "country": code[:3]}
    if others:
        row["members"] = [code, *others]
    return "", row


def surface_forms(name: str) -> list[str]:
    """How a dictionary name is written in text: Title Case (small words lower-cased
    after the first word, hyphen parts and initials capitalised, ``(ABC)`` kept), plus
    the ALL-CAPS form of a one-word name of at most five characters or with a digit, and
    with its short words in capitals ('The AU', 'US Army'); a name that starts with
    'The' also with 'the' in lower case, as written mid-sentence."""
    text = " ".join(name.replace("_", " ").split())
    if not text or _CONTROL.search(text):
        return []
    words = text.upper().split(" ")
    titled = []
    for i, word in enumerate(words):
        if i > 0 and word.lower() in SMALL_WORDS:
            titled.append(word.lower())
        elif len(word) > 2 and word.startswith("(") and word.endswith(")"):
            titled.append(word)
        else:
            titled.append(_capitalise(word))
    forms = [" ".join(titled)]
    # 'THE_AU', 'US_ARMY': a short word is likely an abbreviation
    shouted = [word if len(word) <= (3 if i else 2) and word.isalpha()
               and word.lower() not in SMALL_WORDS else titled[i]
               for i, word in enumerate(words)]
    if shouted != titled:
        forms.append(" ".join(shouted))
    # 'THE_SHIRE': mid-sentence the article is written in lower case ('the Shire')
    if len(words) > 1 and words[0] == "THE":
        forms += ["the" + form[3:] for form in forms]
    if len(words) == 1:
        word = words[0]
        if len(word) <= 5 or (len(word) > 1 and any(ch.isdigit() for ch in word)):
            if word not in forms:
                forms.append(word)
    return forms


def _capitalise(word: str) -> str:
    """``AL-QAEDA`` -> ``Al-Qaeda``, ``U.S.`` -> ``U.S.``, ``O'NEILL`` -> ``O'Neill``,
    ``WOMEN'S`` -> ``Women's``."""
    out = []
    for i, ch in enumerate(word):
        before = word[i - 1] if i else " "
        start = not before.isalnum() and not (before in "'\u2019" and i != 2)
        out.append(ch.upper() if start else ch.lower())
    return "".join(out)


# ---------------------------------------------------------------- agents


def convert_agents(paths: Iterable[str | Path]) -> AgentConversion:
    """Agent dictionaries as ``{"word", "sector"}`` rows, plurals and substitutions
    expanded; phrases lower-cased."""
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    skipped: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    entries = 0
    for path in paths:
        sets: dict[str, list[str]] = {}
        for number, line in _content_lines(Path(path)):
            if "!" in line and "=" in line:
                marker = _MARKER.search(line.split("=", 1)[0])
                if marker is None:
                    skipped["bad substitution set"] += 1
                else:
                    sets[marker.group(1)] = [item.strip() for item in
                                             line.split("=", 1)[1].split(",") if item.strip()]
                continue
            entries += 1
            reason, words, sector = _agent_words(line, sets)
            if reason:
                skipped[reason] += 1
                continue
            for word in words:
                if (word, sector) not in seen:
                    seen.add((word, sector))
                    rows.append({"word": word, "sector": sector})
                    lines.append(number)
    return AgentConversion(rows, lines, entries, dict(skipped))


def _agent_words(line: str, sets: Mapping[str, list[str]]) -> tuple[str, list[str], str]:
    """(reason to skip or "", phrases, sector) for one agent line."""
    if "[" not in line:
        return "no code", [], ""
    phrase, _, rest = line.partition("[")
    sector = rest.split("]", 1)[0].replace("~", "").strip().upper()
    if not AGENT_CODE.match(sector):
        return "bad code", [], sector
    if "!" in phrase:
        marker = _MARKER.search(phrase)
        if marker is None or marker.group(1) not in sets:
            return "unknown substitution set", [], sector
        words = [_phrase(phrase.split("{")[0].replace(marker.group(0), item, 1))
                 for item in sets[marker.group(1)]]
        return "", [w for w in words if w], sector
    plural: str | None = None
    if "{" in phrase:
        if "}" not in phrase:
            return "bad plural", [], sector
        plural = _phrase(phrase.split("{", 1)[1].split("}", 1)[0])
        phrase = phrase.split("{", 1)[0]
    word = _phrase(phrase)
    if not word:
        return "no phrase", [], sector
    if plural is None:
        plural = regular_plural(word)
    return "", [word, plural] if plural else [word], sector


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def regular_plural(phrase: str) -> str:
    """The plural of the last word: man -> men; consonant+y -> ies; s, x, z, ch, sh -> +es;
    else +s. Empty when the phrase does not end in a letter."""
    if not phrase or not phrase[-1].isalpha():
        return ""
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    if phrase.endswith("y") and len(phrase) > 1 and phrase[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


# ---------------------------------------------------------------- output


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: str | Path) -> None:
    """One JSON object per line, UTF-8, non-ASCII kept as is."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
