"""Build src/dyads/data/actors/leaders_history.jsonl from the Phoenix country dictionary.

Input (facts, attributed in NOTICE): Phoenix.Countries.actors.txt (Open Event Data
Alliance, MIT), read from ../shared/reference/phoenix_dictionaries/ or ``--source``. It is
parsed with dyads.eval.petrarch_dict, as ``dyads eval`` reads it.

A Phoenix person is an entry with dated code blocks::

    RONALD_REAGAN_  # CountryInfo.txt
    +PRESIDENT_REAGAN
    +THE_REAGAN_ADMINISTRATION
        [USAELI 19290101-810120]
        [USAGOV 810120-890120]

Each dated block whose code is a country and a sector (``USAGOV``; in a stacked code such
as ``AFGGOVAGR`` the first sector counts) becomes a role, its sector mapped to a generic
office (``GOV`` -> ``government``, see ``GENERIC_OFFICES`` in dyads.actors.dictionary).
Left out: ``ELI`` blocks (dyads infers a former official itself), undated blocks, codes
whose second part is not a known sector (``GBRIMYGOV``: a territory) and countries dyads
does not know (``DDR``, ``YUG``, ``IGO``). Dates are Phoenix's (``YYMMDD``: 00-30 are
20xx); overlapping or touching roles in one office are joined; an open end is closed at
the newest date in the source (Phoenix's last revision), after which dyads reads the
person as a former official unless office_holders.jsonl says otherwise.

Names become surface forms (``PRESIDENT_REAGAN`` -> ``Reagan``): leading titles,
honorifics and nationality words are stripped; a surname left alone also gives the
titled form (``President Reagan``), since the matcher refuses an ambiguous surname next
to another proper noun; a three-word name also gives its first and last words (``Carlos
Saul Menem`` -> ``Carlos Menem``) unless the middle word binds the name (``bin``, ``de``),
and never a name someone else bears. Forms that are not a person's name
(``THE_REAGAN_ADMINISTRATION``),
shorter than three letters, common English words, one-word forms that are mostly given
names, names of shipped actors and of office_holders.jsonl, and forms claimed by two
different people are dropped. A one-word name is kept, as ``ambiguous``, only for a
person Phoenix titles as a head of state or government (``PRESIDENT_``, ``KING_``, ...);
a minister's surname alone too often names someone else.

Entries sharing a full name of three words or more, or of two words with roles in one
country within a year of each other, are one person; so is a one-word entry
('RAFSANJANI_') and the one person of its country whose full name ends in that word. A
person sharing a full name with office_holders.jsonl is left to that (curated) file.

Run: .venv/bin/python scripts/phoenix_people.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from dyads.actors.dictionary import (
    GENERIC_OFFICES,
    SHIPPED,
    ActorEntry,
    _read_actor_file,
    _read_stop_phrases,
)
from dyads.datafiles import data_path, read_jsonl
from dyads.errors import DyadsError
from dyads.eval.petrarch_dict import _actor_entries, _Entry, surface_forms

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "phoenix_dictionaries" / \
    "Phoenix.Countries.actors.txt"
DEFAULT_OUT = ROOT / "src" / "dyads" / "data" / "actors" / "leaders_history.jsonl"
CURATED = ROOT / "src" / "dyads" / "data" / "actors" / "office_holders.jsonl"

SECTOR_OFFICE = {sector: office for office, sector in GENERIC_OFFICES.items()}
FORMER = "ELI"
# Phoenix codes that differ from dyads' (ISO 3166 / XKX).
COUNTRY_ALIASES = {"TMP": "TLS", "KSV": "XKX"}
# A one-word name that begins this many full names, and twice as many as it ends, is
# mostly a given name ('Abdullah'), not a surname ('Mubarak').
GIVEN_NAME_MIN = 3
MIN_LETTERS = 3
ROMAN = re.compile(r"^[IVX]+$")
ORDINAL = re.compile(r"^\d+(ST|ND|RD|TH|D)$")

# Words inside a name that bind it together: 'Mohammed bin Salman' keeps its middle word.
PARTICLES = frozenset({"bin", "ibn", "bint", "al", "el", "ul", "ud", "abu", "abd", "abdul",
                       "de", "del", "della", "di", "da", "do", "dos", "das", "du", "van",
                       "von", "der", "den", "la", "le", "mac", "ben", "ould", "ag", "wa",
                       "y", "e", "bir", "ter"})
# Years in one government office that mark a head of state or government (see _row).
LONG_TENURE = 10
# Titles of heads of state and government: only they keep a surname alone as a name.
HEAD_TITLES = frozenset({"President", "Prime Minister", "Premier", "Chancellor", "King",
                         "Queen", "Emperor", "Emir", "Supreme Leader", "General Secretary"})
# Leading titles: (words, title, office), in order of preference for a person's title.
TITLES: tuple[tuple[tuple[str, ...], str, str], ...] = tuple(
    (tuple(words.split()), title, office) for words, title, office in (
        ("PRESIDENT", "President", "government"),
        ("PRIME MINISTER", "Prime Minister", "government"),
        ("PM", "Prime Minister", "government"),
        ("PREMIER", "Premier", "government"),
        ("CHANCELLOR", "Chancellor", "government"),
        ("KANZLER", "Chancellor", "government"),
        ("BUNDESKANZLER", "Chancellor", "government"),
        ("KING", "King", "government"),
        ("QUEEN", "Queen", "government"),
        ("EMPEROR", "Emperor", "government"),
        ("EMIR", "Emir", "government"),
        ("SUPREME LEADER", "Supreme Leader", "government"),
        ("GENERAL SECRETARY", "General Secretary", "government"),
        ("SECRETARY GENERAL", "Secretary-General", "government"),
        ("SECRETARY-GENERAL", "Secretary-General", "government"),
        ("VICE PRESIDENT", "Vice President", "government"),
        ("VICE-PRESIDENT", "Vice President", "government"),
        ("DEPUTY PRIME MINISTER", "Deputy Prime Minister", "government"),
        ("FOREIGN MINISTER", "Foreign Minister", "government"),
        ("FM", "Foreign Minister", "government"),
        ("DEFENSE MINISTER", "Defence Minister", "government"),
        ("DEFENCE MINISTER", "Defence Minister", "government"),
        ("SECRETARY OF STATE", "Secretary of State", "government"),
        ("SECRETARY OF DEFENSE", "Secretary of Defense", "government"),
        ("SECRETARY OF THE ARMY", "Secretary of the Army", "government"),
        ("UNDER SECRETARY OF STATE", "Under Secretary of State", "government"),
        ("UNDERSECRETARY OF STATE", "Under Secretary of State", "government"),
        ("UNDER SECRETARY", "Under Secretary", "government"),
        ("UNDERSECRETARY", "Under Secretary", "government"),
        ("ASSISTANT SECRETARY", "Assistant Secretary", "government"),
        ("NATIONAL SECURITY ADVISOR", "National Security Adviser", "government"),
        ("NATIONAL SECURITY ADVISER", "National Security Adviser", "government"),
        ("MINISTER OF DEFENSE", "Defence Minister", "government"),
        ("MINISTER OF DEFENCE", "Defence Minister", "government"),
        ("MINISTER OF FOREIGN AFFAIRS", "Foreign Minister", "government"),
        ("FOREIGN SECRETARY", "Foreign Secretary", "government"),
        ("DEFENSE SECRETARY", "Defense Secretary", "government"),
        ("CROWN PRINCE", "Crown Prince", "government"),
        ("PRINCE", "Prince", "government"),
        ("GOVERNOR", "Governor", "government"),
        ("GOV.", "Governor", "government"),
        ("GOVENOR", "Governor", "government"),
        ("MINISTER", "Minister", "government"),
        ("SECRETARY", "Secretary", "government"),
        ("AMBASSADOR", "Ambassador", "government"),
        ("LORD", "Lord", "government"),
        ("LADY", "Lady", "government"),
        ("BARONESS", "Baroness", "government"),
        ("BARON", "Baron", "government"),
        ("SENATOR", "Senator", "legislature"),
        ("SEN.", "Senator", "legislature"),
        ("FIELD MARSHAL", "Field Marshal", "military"),
        ("MARSHAL", "Marshal", "military"),
        ("GENERAL", "General", "military"),
        ("GEN.", "General", "military"),
        ("ADMIRAL", "Admiral", "military"),
        ("COLONEL", "Colonel", "military"),
        ("COL.", "Colonel", "military"),
    ))
_LONGEST_FIRST = sorted(range(len(TITLES)), key=lambda k: -len(TITLES[k][0]))
# A peer is named with the title ('Lord Adonis'); the bare name is not kept.
PEERAGE = frozenset({"Lord", "Lady", "Baroness", "Baron"})
# Words stripped before a name that give no title.
HONORIFICS = frozenset({
    "FORMER", "EX", "ACTING", "INTERIM", "DEPUTY", "LEADER", "CHIEF", "MR", "MR.", "MRS",
    "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "DAME", "SHEIKH", "SHAIKH", "SHAYKH",
    "SHEIK", "AYATOLLAH", "GRAND", "HOJJAT", "OL", "ESLAM", "HOJATOLESLAM", "HOJATOLISLAM",
    "HOJJATOLESLAM", "HOJJATOLISLAM", "HOJJAT-OL-ESLAM", "EL-HADJ",
    "ALHAJI", "ALHAJ", "RATU", "TUANKU", "DATUK", "DATO", "COMRADE", "PRESIDENT-ELECT",
    "HIS", "HER", "MAJESTY", "HIGHNESS", "EXCELLENCY", "H.E.", "HON.", "HONORABLE",
    "REFORMER", "STRONGMAN", "DICTATOR", "RULER", "ELECT", "THE",
})
# Extra nationality words (the rest come from countries.jsonl).
NATIONALITIES = frozenset({"SOVIET", "U.S.", "US", "AMERICAN", "BRITISH", "EAST", "WEST"})
# A name with one of these words names an institution, a group or an era, not a person.
NOT_A_NAME = frozenset({
    "ADMINISTRATION", "GOVERNMENT", "GOVT", "GOVT.", "REGIME", "CABINET", "FAMILY",
    "SUPPORTERS", "LOYALISTS", "FOLLOWERS", "CAMP", "ERA", "DYNASTY", "CLAN", "OFFICE",
    "PRESIDENCY", "ARMY", "MOVEMENT", "FRONT", "COUNCIL", "COMMITTEE", "ASSEMBLY",
    "PARLIAMENT", "PARTY", "COALITION", "BRIGADE", "BRIGADES", "BATTALION", "FORCE",
    "FORCES", "MILITIA", "ORGANIZATION", "ORGANISATION", "UNION", "LEAGUE", "ALLIANCE",
    "REPUBLIC", "KINGDOM", "STATE", "MINISTRY", "DEPARTMENT", "AGENCY", "COURT", "SERVICE",
    "SERVICES", "POLICE", "CONGRESS", "SENATE", "CHAMBER", "BANK", "COMMISSION",
    "AUTHORITY", "INSTITUTE", "BUREAU", "DIRECTORATE", "GUARD", "GROUP", "CORPS", "JAISH",
    "JAYSH", "KATIBAT", "LIWA", "HARAKAT", "MUJAHIDEEN", "TALIBAN", "PEOPLES", "PEOPLE'S",
    "LIBERATION", "REVOLUTIONARY", "TASK", "OPPOSITION", "REBELS", "TROOPS", "GOVERNMENTS",
    "REGIMES", "NATIONAL", "DEMOCRATIC", "ISLAMIC", "FEDERAL", "PROVISIONAL",
    "TRANSITIONAL", "JUNTA", "POLITBURO", "PRESIDIUM", "SOVIET",
})
# Words that cannot begin a person's name ('OF_THE_REPUBLIC'); 'AL_GORE' and 'DE_KLERK' can.
NOT_A_START = frozenset({"of", "the", "and", "for", "at", "by", "in", "on", "or", "to"})
# Common English words that are also surnames; with spaCy's stop words and dyads' agent
# words and event lemmas, a one-word name that is one of them is dropped.
COMMON_WORDS = frozenset("""
    able adams allen bell best bird black bond brown burns bush butler byrd camp case chance
    church clay cook cross crown day dean early english fair fields fisher
    ford fox frank free freeman french friend gay gold golden good grace grant gray green
    grey hall hand hardy hart hawk head hill holder holmes hope house hunt hunter jordan
    joy just justice king knight lamb lane law lawless little long love lucky major march
    marshal marshall mason may mercy miller mills moody moon more moss new noble north
    page park parker pass peace pierce pope porter pound power powers price prince quick
    rich rice rose rush sale savage say shepherd short silver singer small smith snow
    south speaker spring stern stone strong summer sweet swift taylor temple
    tower troy turner victor wall ward waters west white wise wolf wood woods young
""".split())


@dataclass
class Summary:
    """What the conversion kept and what it left out, and why."""

    people: int = 0
    roles: int = 0
    names: int = 0
    ambiguous: int = 0
    titled: int = 0
    shared: int = 0  # names people of one country share, kept with all their roles
    surnames: int = 0  # heads' surnames added as names of their own ('Mugabe')
    entries: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    blocks: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)

    def line(self, out: Path | str) -> str:
        def items(counts: Counter[str]) -> str:
            return ", ".join(f"{n} {why}" for why, n in
                             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"phoenix_people: wrote {self.people} people, {self.roles} roles, "
                f"{self.names} names ({self.ambiguous} one-word, ambiguous; "
                f"{self.titled} titled; {self.shared} shared by people of one country; "
                f"{self.surnames} heads' surnames added) "
                f"to {out}; of {self.entries} entries skipped: "
                f"{items(self.skipped)}; blocks left out: {items(self.blocks)}; "
                f"names dropped: {items(self.dropped)}")


Role = tuple[str, str, date | None, date | None]  # country, office, from, to


@dataclass
class _Form:
    text: str
    single: bool  # one word: ambiguous
    titled: bool  # "President Reagan", made from PRESIDENT_REAGAN
    short: bool = False  # "Carlos Menem", made from CARLOS_SAUL_MENEM


@dataclass
class _Person:
    lines: list[int]
    forms: list[_Form]  # the forms kept so far, in the dictionary's order
    full_names: set[tuple[str, ...]]  # name_key of every full name, kept or not
    surnames: set[str]  # the last word of each, case-folded
    roles: list[Role]
    titles: list[int]  # indices into TITLES

    @property
    def countries(self) -> set[str]:
        return {role[0] for role in self.roles}

    def absorb(self, other: _Person) -> None:
        self.lines += other.lines
        for form in other.forms:
            if form.text not in [f.text for f in self.forms]:
                self.forms.append(form)
        self.full_names |= other.full_names
        self.surnames |= other.surnames
        self.roles += other.roles
        self.titles += other.titles


@dataclass(frozen=True)
class Reserved:
    """Strings a person's name must not take (shipped actors' names, common words, the
    curated office holders' names), and the country codes and nationality words dyads
    knows."""

    actor_names: frozenset[str]
    common: frozenset[str]
    curated_names: frozenset[str]
    curated_keys: frozenset[tuple[str, ...]]
    nationalities: frozenset[str]
    countries: frozenset[str]


def name_key(text: str) -> tuple[str, ...]:
    """``Frank-Walter Steinmeier`` and ``FRANK_WALTER_STEINMEIER`` give the same key."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return tuple("".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split())


def load_reserved(curated: Path = CURATED) -> Reserved:
    entries: dict[str, ActorEntry] = {}
    for name in SHIPPED:
        _read_actor_file(data_path("actors", name), entries)
    _read_stop_phrases(data_path("actors", "stop_phrases.jsonl"), entries)
    names = set(entries)
    for _, row in read_jsonl(data_path("actors", "peoples.jsonl")):
        for key in ("names", "adjectives"):
            names.update(str(v) for v in row.get(key, []))
    nationalities = {text.upper() for text, e in entries.items()
                     if e.kind in ("adjective", "demonym") and " " not in text}
    countries = {e.code for e in entries.values() if e.type in ("state", "territory")
                 and len(e.code) == 3}
    common = set(STOP_WORDS) | COMMON_WORDS
    for _, row in read_jsonl(data_path("actors", "agents.jsonl")):
        common.add(str(row["word"]).lower())
    for _, row in read_jsonl(data_path("lexicon", "events.jsonl")):
        common.add(str(row["lemma"]).lower())
    curated_names: set[str] = set()
    curated_keys: set[tuple[str, ...]] = set()
    if curated.is_file():
        for _, row in read_jsonl(curated):
            for text in row.get("names", []):
                curated_names.add(text)
                if len(name_key(text)) >= 2:
                    curated_keys.add(name_key(text))
    return Reserved(frozenset(names), frozenset(common), frozenset(curated_names),
                    frozenset(curated_keys), frozenset(nationalities | NATIONALITIES),
                    frozenset(countries))


# ---------------------------------------------------------------- names


def _words(name: str) -> list[str]:
    """The words of a Phoenix name, upper case, without commas, nicknames in quotes or
    what follows a parenthesis ('(ACTING'), 'EX-' split off and a trailing ordinal
    ('JAMES_A._BAKER_3D') dropped."""
    words = []
    for word in name.replace("_", " ").replace(",", " ").upper().split():
        if word.startswith("("):
            break
        if len(word) > 1 and word[0] == word[-1] == '"':  # TZIPORA_"TZIPI"_LIVNI
            continue
        if word.startswith("EX-") and len(word) > 3:  # EX-SOVIET
            words += ["EX", word[3:]]
        else:
            words.append(word)
    if len(words) > 2 and ORDINAL.match(words[-1]):
        words.pop()
    return words


def strip_titles(words: Sequence[str], nationalities: Iterable[str] = NATIONALITIES
                 ) -> tuple[int | None, list[str]]:
    """The title (an index into ``TITLES``) and the words left after the leading run of
    titles, honorifics and nationality words; a run of nationality words alone is kept
    ('GERMAN_GREF' is a name)."""
    nations = set(nationalities)
    i, title, stripped = 0, None, False
    while i < len(words):
        found = next((k for k in _LONGEST_FIRST
                      if tuple(words[i:i + len(TITLES[k][0])]) == TITLES[k][0]), None)
        if found is not None:
            title = found if title is None else title
            i += len(TITLES[found][0])
            stripped = True
        elif words[i] in HONORIFICS:
            i += 1
            stripped = True
        elif words[i] in nations and i + 1 < len(words):
            i += 1
        else:
            break
    if not stripped:
        return None, list(words)
    return title, list(words[i:])


def _person_form(words: Sequence[str]) -> str:
    """As news writes the name: Title Case, 'al-Sabah' after the first word, 'McDonald';
    a one-word name with no vowel is initials ('FDR')."""
    if len(words) == 1 and words[0].isalpha() and not set(words[0]) & set("AEIOUY"):
        return words[0]
    forms = surface_forms(" ".join(words))
    if not forms:
        return ""
    out = []
    for i, word in enumerate(forms[0].split(" ")):
        if i > 0 and word[:3] in ("Al-", "El-") and len(word) > 3:
            word = word[:2].lower() + word[2:]
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2].upper() + word[3:]
        if 0 < i == len(words) - 1 and ROMAN.match(word.upper()):  # 'Abdullah II'
            word = word.upper()
        out.append(word)
    return " ".join(out)


def _is_name(words: Sequence[str]) -> bool:
    return bool(words) and words[0].lower() not in NOT_A_START and \
        not any(w.strip(",.") in NOT_A_NAME for w in words) and \
        not words[-1].endswith(("'S", "\u2019S")) and \
        not any(ch.isdigit() for w in words for ch in w)


def name_forms(name: str, reserved: Reserved, dropped: Counter[str]
               ) -> tuple[int | None, list[_Form], str | None]:
    """The title, the surface forms one Phoenix name gives (before the checks that need
    every person: given names, names claimed twice), and the full name (two
    words or more) whether or not its form is kept."""
    title, words = strip_titles(_words(name), reserved.nationalities)
    if not words:
        dropped["title only"] += 1
        return title, [], None
    text = _person_form(words) if _is_name(words) else ""
    if not text or not text[0].isalpha() or not all(
            ch.isalpha() or ch in " .'-\u2019" for ch in text):
        dropped["not a person's name"] += 1
        return title, [], None
    forms = []
    label = TITLES[title][1] if title is not None else ""
    if len(words) > 1 or label not in PEERAGE:
        forms.append(_Form(text, len(words) == 1, False))
    if label and len(words) == 1:
        forms.append(_Form(f"{label} {text}", False, True))
    parts = text.split(" ")
    if len(parts) == 3 and parts[1].casefold() not in PARTICLES and len(parts[1]) > 2 \
            and not parts[1].endswith("."):
        # 'Carlos Saul Menem' is reported as 'Carlos Menem': the middle name dropped
        forms.append(_Form(f"{parts[0]} {parts[2]}", False, False, short=True))
    kept = []
    for form in forms:
        reason = _form_problem(form, reserved)
        if reason:
            dropped[reason] += 1
        else:
            kept.append(form)
    return title, kept, text if len(words) > 1 else None


def _form_problem(form: _Form, reserved: Reserved) -> str:
    if sum(ch.isalpha() for ch in form.text) < MIN_LETTERS:
        return "fewer than 3 letters"
    if form.single and form.text.lower() in reserved.common:
        return "common word"
    if form.text in reserved.actor_names:
        return "name of a shipped actor"
    return ""


# ---------------------------------------------------------------- roles


def entry_roles(entry: _Entry, reserved: Reserved, blocks: Counter[str]) -> list[Role]:
    roles = []
    for block in entry.blocks:
        if block.kind == "any":
            blocks["undated"] += 1
            continue
        sector = block.code[3:6]
        country = COUNTRY_ALIASES.get(block.code[:3], block.code[:3])
        if sector == FORMER:
            blocks["former official (ELI)"] += 1
        elif len(block.code) < 6 or sector not in SECTOR_OFFICE:
            blocks["not a sector we map"] += 1
        elif country not in reserved.countries:
            blocks["country dyads does not know"] += 1
        else:
            roles.append((country, SECTOR_OFFICE[sector], block.start, block.end))
    return roles


def join_roles(roles: Iterable[Role]) -> list[Role]:
    """Overlapping or touching roles in the same office as one; by date."""
    def start(role: Role) -> date:
        return role[2] or date.min

    out: list[Role] = []
    for role in sorted(set(roles), key=lambda r: (r[0], r[1], start(r), r[3] or date.max)):
        last = out[-1] if out else None
        if last is not None and last[:2] == role[:2] and (
                last[3] is None or start(role) <= last[3] + timedelta(days=1)):
            end = None if last[3] is None or role[3] is None else max(last[3], role[3])
            out[-1] = (last[0], last[1], last[2], end)
        else:
            out.append(role)
    return sorted(out, key=lambda r: (start(r), r[3] or date.max, r[0], r[1]))


# ---------------------------------------------------------------- people


def convert(source: Path, reserved: Reserved) -> tuple[list[dict[str, Any]], Summary]:
    """The people of a Phoenix actor file as office-holder rows, sorted by name."""
    summary = Summary()
    counts: Counter[str] = Counter()
    people: list[_Person] = []
    first: dict[str, set[int]] = {}  # word -> entries with a full name beginning with it
    last: dict[str, set[int]] = {}  # ... ending with it
    for entry in _actor_entries(source, counts):
        summary.entries += 1
        if not any(b.kind != "any" for b in entry.blocks):
            summary.skipped["no dated block"] += 1
            continue
        head = strip_titles(_words(entry.names[0]), reserved.nationalities)[1]
        if not head or any(w.strip(",.") in NOT_A_NAME for w in head):
            summary.skipped["not a person"] += 1
            continue
        roles = entry_roles(entry, reserved, summary.blocks)
        if not roles:
            summary.skipped["no role kept"] += 1
            continue
        person = _Person([entry.line], [], set(), set(), roles, [])
        for name in entry.names:
            title, forms, full = name_forms(name, reserved, summary.dropped)
            words = full.casefold().split(" ") if full else []
            person.absorb(_Person([], forms, {name_key(full)} if full else set(),
                                  set(words[-1:]), [], []))
            if title is not None:
                person.titles.append(title)
            if words:
                first.setdefault(words[0], set()).add(entry.line)
                last.setdefault(words[-1], set()).add(entry.line)
        people.append(person)
    if counts["bad_blocks"]:
        summary.blocks["unreadable"] += counts["bad_blocks"]
    people = _merge_mononyms(_merge(people))
    people += _drop_shared(people, first, last, summary)
    # Phoenix was last revised on about its newest date: a term it leaves open is closed
    # there, so later documents read the person as a former official (ELI), not as still
    # in office twelve years on. Current office holders belong in office_holders.jsonl.
    compiled = max((d for p in people for r in p.roles for d in r[2:] if d is not None),
                   default=None)
    rows = []
    # Every surname any name ends with, and every form kept: a head's surname alone is
    # added only when no one else could be meant.
    surnames: Counter[str] = Counter(w for p in people for w in p.surnames)
    kept_forms = {f.text for p in people for f in p.forms}
    for person in people:
        if person.full_names & reserved.curated_keys:
            summary.skipped["in office_holders.jsonl"] += 1
        elif not person.forms:
            summary.skipped["no usable name"] += 1
        else:
            for form in person.forms:
                if form.text in reserved.curated_names:  # the curated file wins it
                    summary.dropped["name in office_holders.jsonl"] += 1
            person.forms = [f for f in person.forms if f.text not in reserved.curated_names]
            # A surname alone names a head of state or government ('Mubarak said'); for a
            # minister it too often names someone else ('Cohen', 'Hussein'). A head is
            # titled so in Phoenix, or held one office for LONG_TENURE years or more.
            if not any(TITLES[i][1] in HEAD_TITLES for i in person.titles) \
                    and not _long_tenure(person):
                singles = sum(f.single for f in person.forms)
                if singles:
                    summary.dropped["surname of a minister"] += singles
                person.forms = [f for f in person.forms if not f.single]
            elif not any(f.single for f in person.forms) and len(person.surnames) == 1:
                # 'Mugabe': Phoenix lists only full names for many heads
                word = next(iter(person.surnames))
                full = next((f.text for f in person.forms if not f.single and not f.titled),
                            "")
                text = full.split(" ")[-1] if full else ""
                form = _Form(text, True, False)
                if len(text) >= 4 and surnames[word] == 1 and not first.get(word) \
                        and text not in kept_forms and not _form_problem(form, reserved):
                    person.forms.append(form)
                    kept_forms.add(text)
                    summary.surnames += 1
            if not person.forms:
                summary.skipped["no usable name"] += 1
                continue
            rows.append(_row(person, compiled))
            summary.titled += sum(f.titled for f in person.forms)
    rows.sort(key=lambda r: (r["name"], json.dumps(r["roles"])))
    summary.people = len(rows)
    summary.roles = sum(len(r["roles"]) for r in rows)
    summary.names = sum(len(r["names"]) for r in rows)
    summary.ambiguous = sum(len(r["ambiguous"]) for r in rows)
    return rows, summary


def _near(a: Iterable[Role], b: Iterable[Role]) -> bool:
    """Some role of one and some role of the other are in one country within a year."""
    year = timedelta(days=366)
    return any(x[0] == y[0] and (x[2] or date.min) <= (y[3] or date.max - year) + year and
               (y[2] or date.min) <= (x[3] or date.max - year) + year for x in a for y in b)


def _merge(people: list[_Person]) -> list[_Person]:
    """Entries sharing a full name of three words or more, or of two words and holding
    office in one country within a year of each other, are one person (Phoenix lists
    some people twice, with other spellings or terms); a father and son ('George Bush',
    1989-1993 and 2001-2009) are not."""
    parent = list(range(len(people)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owners: dict[tuple[str, ...], list[int]] = {}
    for i, person in enumerate(people):
        for key in sorted(person.full_names):
            owners.setdefault(key, []).append(i)
    for key, group in owners.items():
        for j in group[1:]:
            a, b = find(group[0]), find(j)
            if a != b and (len(key) > 2 or _near(people[a].roles, people[b].roles)):
                parent[max(a, b)] = min(a, b)
    merged: dict[int, _Person] = {}
    for i, person in enumerate(people):
        root = find(i)
        if root in merged:
            merged[root].absorb(person)
        else:
            merged[root] = person
    return list(merged.values())


def _merge_mononyms(people: list[_Person]) -> list[_Person]:
    """An entry with no full name ('RAFSANJANI_') joins the one person of its country
    whose full name ends in that word."""
    by_surname: dict[str, list[_Person]] = {}
    for person in people:
        for surname in sorted(person.surnames):
            by_surname.setdefault(surname, []).append(person)
    out = []
    for person in people:
        if not person.full_names:
            found = {id(q): q for f in person.forms if f.single
                     for q in by_surname.get(f.text.casefold(), ())
                     if q.countries & person.countries}
            if len(found) == 1:
                next(iter(found.values())).absorb(person)
                continue
        out.append(person)
    return out


def _drop_shared(people: list[_Person], first: dict[str, set[int]],
                 last: dict[str, set[int]], summary: Summary) -> list[_Person]:
    """Drop forms claimed by two people, and one-word forms that are mostly given names
    ('Abdullah', 'Albert'; not 'Mubarak'). A name people of one country share ('President
    Bush') is not dropped but becomes a person of its own with all their roles, so the
    document's date picks the office; those are returned."""
    # A shortened name ('Carlos Menem') never takes a name someone really bears.
    borne: Counter[str] = Counter(f.text for p in people for f in p.forms if not f.short)
    short: Counter[str] = Counter(f.text for p in people for f in p.forms if f.short)
    claimants: dict[str, list[_Person]] = {}
    for person in people:
        kept = []
        for form in person.forms:
            word = form.text.casefold() if form.single else ""
            begins = len(first.get(word, ()))
            if form.short and form.text in borne:
                summary.dropped["shortened name someone bears"] += 1
            elif (short if form.short else borne)[form.text] > 1:
                claimants.setdefault(form.text, []).append((person, form))
            elif begins >= GIVEN_NAME_MIN and begins >= 2 * len(last.get(word, ())):
                summary.dropped["given name"] += 1
            else:
                kept.append(form)
        person.forms = kept
    shared: dict[tuple[int, ...], _Person] = {}
    for claims in claimants.values():
        holders = [h for h, _ in claims]
        if len({c for h in holders for c in h.countries}) != 1:
            summary.dropped["claimed by two people"] += len(holders)
            continue
        key = tuple(sorted(min(h.lines) for h in holders))
        if key not in shared:
            shared[key] = _Person([], [], set(), set(), [], [])
            for holder in holders:
                shared[key].lines += holder.lines
                shared[key].roles += holder.roles
                shared[key].titles += holder.titles
        shared[key].forms.append(claims[0][1])
        summary.shared += 1
    return list(shared.values())


def _row(person: _Person, compiled: date | None = None) -> dict[str, Any]:
    title: dict[str, str] = {}  # office -> the preferred title found for it
    for index in sorted(set(person.titles)):
        title.setdefault(TITLES[index][2], TITLES[index][1])
    forms = person.forms
    full = [f for f in forms if not f.single and not f.titled]
    name = (full or forms)[0].text
    return {
        "name": name,
        "names": [name] + [f.text for f in forms if f.text != name],
        "ambiguous": [f.text for f in forms if f.single],
        "roles": [{"country": country, "office": office, "title": title.get(office, ""),
                   "valid_from": start.isoformat() if start else None,
                   "valid_to": _closed(start, end, compiled)}
                  for country, office, start, end in join_roles(person.roles)],
    }


def _long_tenure(person: _Person) -> bool:
    """Did the person hold one government office LONG_TENURE years or more (Mugabe,
    Museveni), as ministers rarely do?"""
    return any(office == "government" and start is not None and end is not None
               and (end - start).days >= LONG_TENURE * 365
               for _, office, start, end in join_roles(person.roles))


def _closed(start: date | None, end: date | None, compiled: date | None) -> str | None:
    """A role's end as ISO text: its own, else the source's newest date."""
    if end is None and compiled is not None and (start is None or start <= compiled):
        end = compiled
    return end.isoformat() if end else None


def write_rows(rows: Iterable[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="Phoenix.Countries.actors.txt (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the JSONL (default: %(default)s)")
    parser.add_argument("--curated", type=Path, default=CURATED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"phoenix_people: error: Phoenix dictionary not found: {args.source} "
              "(give its path with --source)", file=sys.stderr)
        return 2
    try:
        rows, summary = convert(args.source, load_reserved(args.curated))
        write_rows(rows, args.out)
    except (DyadsError, OSError) as exc:
        print(f"phoenix_people: error: {exc}", file=sys.stderr)
        return 1
    print(summary.line(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
