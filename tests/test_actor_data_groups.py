"""The non-state actor data: organisations, armed groups, disputed entities and regions.

Each file is checked on its own (keys, codes, the code scheme, known country codes) and
against the state data (no string may name two different actors), and a few sentences are
matched to show that the strings tokenise and resolve as intended."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pytest

from dyads.actors import load_actors
from dyads.actors.dictionary import CODE, KEYS
from dyads.actors.matcher import ActorMatcher
from dyads.datafiles import data_path, read_jsonl
from dyads.pipeline import Pipeline

GROUP_FILES = {"organisations.jsonl": 70, "armed_groups.jsonl": 50, "disputed.jsonl": 15}
STATE_FILES = ("countries.jsonl", "territories.jsonl")
ALLOWED_KEYS = (*KEYS, *(("operates_in",) if "operates_in" not in KEYS else ()))
STRING_KEYS = ("names", "adjectives", "demonyms", "capitals")
TYPES = {"organisations.jsonl": {"igo", "ngo"}, "armed_groups.jsonl": {"armed_group"},
         "disputed.jsonl": {"disputed", "region"}}
SECTORS = {"organisations.jsonl": {None}, "armed_groups.jsonl": {"REB", "PRM", "MIL", "CRM"},
           "disputed.jsonl": {"PRE", None}}
# PLOVER sector codes: a group's own three letters must not read as one ("PHLMIL" would
# look like the Philippine military).
PLOVER_SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
                  "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
                  "PRE", "REL", "SOC"}

# Strings that deliberately name more than one actor, with the reason. Each must really be
# shared (a stale entry fails the test too).
ALLOWED_SHARED = {
    "Dominican": "countries.jsonl: Dominica and the Dominican Republic",
    "Dominicans": "countries.jsonl: Dominica and the Dominican Republic",
}

Row = dict[str, Any]


def _rows(name: str) -> list[tuple[int, Row]]:
    return list(read_jsonl(data_path("actors", name), required=("code", "names"),
                           allowed=ALLOWED_KEYS))


def _norm(text: str) -> str:
    return text.replace("\u2019", "'")  # the loader adds the typographic apostrophe itself


def _strings(row: Row) -> set[str]:
    return {_norm(s) for key in STRING_KEYS for s in row.get(key, [])}


def _state_codes() -> set[str]:
    return {row["code"] for name in STATE_FILES for _, row in _rows(name)}


def row_problems(name: str, line_no: int, row: Row, known: set[str]) -> list[str]:
    """Everything wrong with one row of one of our files ('' list when it is fine)."""
    where = f"{name}:{line_no}"
    problems = []
    code = row["code"]
    if not isinstance(code, str) or not CODE.match(code) or len(code) != 6:
        return [f"{where}: bad code {code!r} (six upper-case letters or digits)"]
    for key in (*STRING_KEYS, "ambiguous"):
        value = row.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(f"{where}: {key!r} must be a list of strings")
            continue
        for text in value:
            if text != text.strip() or "  " in text:
                problems.append(f"{where}: stray space in {text!r}")
            if re.match(r"(?i)the\s", text):
                problems.append(f"{where}: {text!r} starts with an article")
    if not row["names"]:
        problems.append(f"{where}: no names")
    if row.get("name") not in row["names"]:
        problems.append(f"{where}: display name {row.get('name')!r} is not among the names")
    if not set(map(_norm, row.get("ambiguous", []))) <= _strings(row):
        problems.append(f"{where}: an ambiguous string is not one of the entry's strings")
    if row.get("type") not in TYPES[name]:
        problems.append(f"{where}: type {row.get('type')!r} not in {sorted(TYPES[name])}")
    if row.get("sector") not in SECTORS[name]:
        problems.append(f"{where}: sector {row.get('sector')!r} not allowed here")
    if row.get("sector") == "PRE" and row.get("type") != "disputed":
        problems.append(f"{where}: only a disputed entity has sector PRE")
    if code[3:] in PLOVER_SECTORS:
        problems.append(f"{where}: {code} ends in a sector code")
    country = row.get("country")
    if country is not None and country not in known:
        problems.append(f"{where}: country {country!r} is no state or territory code")
    # the code scheme
    if name == "organisations.jsonl":
        if code[:3] != row.get("type", "").upper():
            problems.append(f"{where}: {code} should start with {row.get('type', '').upper()}")
    elif name == "armed_groups.jsonl":
        if code.startswith("IMG"):
            if country is not None:
                problems.append(f"{where}: a transnational group (IMG) has country null")
        elif code[:3] != country:
            problems.append(f"{where}: {code} should start with its country {country!r}")
        operates = row.get("operates_in")
        if not isinstance(operates, list) or not operates:
            problems.append(f"{where}: operates_in must be a non-empty list")
        else:
            unknown = [c for c in operates if c not in known]
            if unknown:
                problems.append(f"{where}: operates_in has unknown codes {unknown}")
            if len(set(operates)) != len(operates):
                problems.append(f"{where}: operates_in repeats a code")
            # a state's force deployed abroad (Africa Corps) need not operate at home
            if country is not None and country not in operates and row.get("sector") != "MIL":
                problems.append(f"{where}: operates_in lacks the group's own country")
    elif code[:3] != country:
        problems.append(f"{where}: {code} should start with its country {country!r}")
    if name != "armed_groups.jsonl" and "operates_in" in row:
        problems.append(f"{where}: operates_in is for armed groups")
    return problems


def shared_strings(files: Iterable[tuple[str, list[tuple[int, Row]]]]) -> dict[str, set[str]]:
    """Strings listed for more than one code, and the codes ('file:line' for each)."""
    where: dict[str, dict[str, str]] = defaultdict(dict)
    for name, rows in files:
        for line_no, row in rows:
            for text in _strings(row):
                where[text].setdefault(row["code"], f"{name}:{line_no}")
    return {text: {f"{c} ({w})" for c, w in codes.items()}
            for text, codes in where.items() if len(codes) > 1}


# ------------------------------------------------------------------------------- the files
@pytest.mark.parametrize("name", sorted(GROUP_FILES))
def test_each_row_follows_the_format_and_the_code_scheme(name: str) -> None:
    known = _state_codes()
    problems = [p for line_no, row in _rows(name) for p in row_problems(name, line_no, row,
                                                                        known)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "minimum"), sorted(GROUP_FILES.items()))
def test_each_file_has_its_minimum_count(name: str, minimum: int) -> None:
    assert len(_rows(name)) >= minimum


def test_codes_are_unique_and_not_state_codes() -> None:
    codes = [row["code"] for name in GROUP_FILES for _, row in _rows(name)]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    assert not repeated
    assert not set(codes) & _state_codes()


def test_no_string_names_two_actors() -> None:
    files = [(name, _rows(name)) for name in (*STATE_FILES, *GROUP_FILES)]
    shared = shared_strings(files)
    unexpected = {t: sorted(c) for t, c in shared.items() if t not in ALLOWED_SHARED}
    assert not unexpected, unexpected
    stale = set(ALLOWED_SHARED) - set(shared)
    assert not stale, f"no longer shared, drop from ALLOWED_SHARED: {sorted(stale)}"


def test_no_string_is_a_stop_phrase() -> None:
    stops = {_norm(row["text"]) for _, row in read_jsonl(data_path("actors",
                                                                    "stop_phrases.jsonl"))}
    ours = {t for name in GROUP_FILES for _, row in _rows(name) for t in _strings(row)}
    assert not ours & stops


# ----------------------------------------------------------------- the checks can fail
def test_the_row_checks_catch_bad_rows() -> None:
    known = {"SYR", "IRQ", "GEO"}
    good = {"code": "SYRXYZ", "type": "armed_group", "name": "Xyz Front",
            "names": ["Xyz Front"], "ambiguous": [], "country": "SYR",
            "operates_in": ["SYR", "IRQ"], "sector": "REB"}
    assert row_problems("armed_groups.jsonl", 1, good, known) == []
    bad = [
        ({"code": "IRQXYZ"}, "should start with its country"),
        ({"code": "IMGXYZ"}, "has country null"),
        ({"code": "SYRREB"}, "ends in a sector code"),
        ({"code": "syrxyz"}, "bad code"),
        ({"country": "ZZZ", "code": "ZZZXYZ"}, "no state or territory code"),
        ({"operates_in": ["IRQ"]}, "lacks the group's own country"),
        ({"operates_in": ["SYR", "XXX"]}, "unknown codes"),
        ({"operates_in": []}, "non-empty list"),
        ({"names": ["The Xyz Front"], "name": "The Xyz Front"}, "starts with an article"),
        ({"ambiguous": ["Xyz"]}, "not one of the entry's strings"),
        ({"name": "Xyz"}, "not among the names"),
        ({"sector": "GOV"}, "not allowed here"),
        ({"type": "igo"}, "type"),
    ]
    for change, message in bad:
        problems = row_problems("armed_groups.jsonl", 1, {**good, **change}, known)
        assert any(message in p for p in problems), (change, problems)
    org = {"code": "NGOXYZ", "type": "igo", "name": "Xyz", "names": ["Xyz"],
           "country": None, "sector": None}
    assert any("should start with IGO" in p
               for p in row_problems("organisations.jsonl", 1, org, known))
    region = {"code": "GEOXYZ", "type": "region", "name": "Xyz", "names": ["Xyz"],
              "country": "GEO", "sector": "PRE"}
    assert any("only a disputed entity" in p
               for p in row_problems("disputed.jsonl", 1, region, known))


def test_the_duplicate_check_catches_a_shared_string() -> None:
    one = [(1, {"code": "AAA", "names": ["Xland"]})]
    two = [(4, {"code": "BBBXYZ", "names": ["Xland\u2019s Front"],
                "adjectives": ["Xland"]})]
    three = [(2, {"code": "AAA", "names": ["Xland's Front"]})]
    shared = shared_strings([("a.jsonl", one), ("b.jsonl", two), ("c.jsonl", three)])
    assert shared == {"Xland": {"AAA (a.jsonl:1)", "BBBXYZ (b.jsonl:4)"},
                      "Xland's Front": {"BBBXYZ (b.jsonl:4)", "AAA (c.jsonl:2)"}}
    assert shared_strings([("a.jsonl", one), ("c.jsonl", one)]) == {}


# ------------------------------------------------------------------- loaded and matched
def _overlays() -> list[str]:
    return [str(data_path("actors", name)) for name in GROUP_FILES]


def test_the_files_load_as_actor_dictionaries() -> None:
    entries = load_actors(_overlays()).entries
    for text, code, country, sector in [
        ("Hamas", "PSEHMS", "PSE", "REB"), ("ISIL", "IMGISI", None, "REB"),
        ("Daesh", "IMGISI", None, "REB"), ("al-Qaida", "IMGAQD", None, "REB"),
        ("AQAP", "YEMAQP", "YEM", "REB"), ("Houthi", "YEMHTH", "YEM", "REB"),
        ("Popular Mobilization Forces", "IRQPMF", "IRQ", "PRM"),
        ("Wagner Group", "RUSWAG", "RUS", "PRM"), ("Nato", "IGONAT", None, None),
        ("U.N.", "IGOUNO", None, None), ("UNHCR", "IGOUNH", None, None),
        ("MSF", "NGOMSF", None, None), ("Artsakh", "AZEART", "AZE", "PRE"),
        ("Abkhaz", "GEOABK", "GEO", "PRE"), ("TRNC", "CYPTRN", "CYP", "PRE"),
        ("Erbil", "IRQKRD", "IRQ", "GOV"), ("Puntland", "SOMPNT", "SOM", None),
    ]:
        entry = entries[text]
        assert (entry.code, entry.country, entry.sector) == (code, country, sector), text
    assert entries["IS"].ambiguous and entries["PDF"].ambiguous
    assert not entries["Hamas"].ambiguous and not entries["AU"].ambiguous
    assert entries["B\u2019Tselem"].code == "NGOBTS"


@pytest.fixture(scope="module")
def matcher(pipeline: Pipeline) -> ActorMatcher:
    return ActorMatcher(pipeline.nlp, load_actors(_overlays()))


@pytest.mark.parametrize(("text", "expected"), [
    ("Al-Qaeda in the Arabian Peninsula and al-Qaida denied it.",
     [("Al-Qaeda in the Arabian Peninsula", "YEMAQP"), ("al-Qaida", "IMGAQD")]),
    ("ISIS-K, the Islamic State and IS fighters.",
     [("ISIS-K", "AFGISK"), ("Islamic State", "IMGISI"), ("IS", "IMGISI")]),
    ("The UN Security Council and Pakistani Taliban.",
     [("UN Security Council", "IGOUSC"), ("Pakistani Taliban", "PAKTTP")]),
    ("The AFC/M23 rebels and Hayat Tahrir al-Sham's leader.",
     [("AFC/M23", "CODM23"), ("Hayat Tahrir al-Sham", "SYRHTS")]),
    ("Turkish Cypriot leaders met in Azad Jammu and Kashmir.",
     [("Turkish Cypriot", "CYPTRN"), ("Azad Jammu and Kashmir", "PAKAJK")]),
    # historical armed groups, named and abbreviated
    ("UNITA and Renamo fighters clashed with the Khmer Rouge.",
     [("UNITA", "AGOUNT"), ("Renamo", "MOZREN"), ("Khmer Rouge", "KHMKRG")]),
    ("The RUF and the Revolutionary United Front's leaders.",
     [("RUF", "SLERUF"), ("Revolutionary United Front", "SLERUF")]),
    ("The Islamic Salvation Front, the GIA and the NPFL.",
     [("Islamic Salvation Front", "DZAFIS"), ("GIA", "DZAGIA"), ("NPFL", "LBRNPF")]),
    ("Leaders of the Forces for the Defence of Democracy met the Reagan administration.",
     [("Forces for the Defence of Democracy", "BDIFDD"),
      ("Reagan administration", "USAGOV")]),
    # ambiguous strings next to another proper noun are not matched
    ("Richard Wagner and the National Security Council at the ICC Cricket World Cup.", []),
])
def test_sentences_match_the_intended_actor(pipeline: Pipeline, matcher: ActorMatcher,
                                            text: str, expected: list[tuple[str, str]]) -> None:
    doc = pipeline.nlp(text)
    assert [(doc[m.start:m.end].text, m.entry.code) for m in matcher(doc)] == expected
