"""The places gazetteer (data/places/gazetteer.jsonl, and countries.jsonl beside it): well
formed and consistent with the actor tables. Standard library only, so it checks the files
themselves, not any loader."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data"
GAZETTEER = DATA / "places" / "gazetteer.jsonl"
ACTOR_TABLES = ("countries.jsonl", "territories.jsonl", "disputed.jsonl")

KEYS = {"name", "names", "country", "kind", "lat", "lon"}
KINDS = {"capital", "city", "town", "region", "base", "crossing"}  # "country": countries.jsonl

# Surface forms that name different places in different countries. A matcher has to settle
# these from context (the country named nearby, the story's dateline).
ALLOWED_SHARED: dict[str, str] = {
    "Tripoli": "capital of Libya and Lebanon's second city",
    "Al-Bayda": "city in eastern Libya and city/governorate in central Yemen",
    "Al Bayda": "city in eastern Libya and city/governorate in central Yemen",
    "Bayda": "city in eastern Libya and city/governorate in central Yemen",
    "Brest": "city in Belarus on the Polish border and French naval port",
    "Valencia": "third city of Spain and third city of Venezuela",
    "Hyderabad": "city in Telangana, India, and in Sindh, Pakistan",
    "Punjab": "province of Pakistan and state of India",
    "San Jose": "capital of Costa Rica (written without the accent) and city in California",
    "León": "city in Guanajuato, Mexico, and second city of Nicaragua",
}

# Capitals listed in countries.jsonl that the gazetteer leaves out on purpose.
SEAT = "a seat of government named for its government, not a town"
CAPITALS_LEFT_OUT: dict[tuple[str, str], str] = {
    ("SYC", "Victoria"): "a person's name on its own, and the name of an Australian state and "
    "a Canadian city; no unambiguous surface form for the Seychelles capital",
    ("MDV", "Male"): "common English word; the capital is listed as 'Malé'",
    ("USA", "White House"): SEAT,
    ("RUS", "Kremlin"): SEAT,
    ("GBR", "Downing Street"): SEAT,
    ("FRA", "Elysee"): SEAT,
    ("FRA", "Élysée"): SEAT,
    ("FRA", "Elysee Palace"): SEAT,
    ("FRA", "Élysée Palace"): SEAT,
    ("CHN", "Zhongnanhai"): SEAT,
    ("KOR", "Blue House"): SEAT,
    ("KOR", "Cheong Wa Dae"): SEAT,
}


def _rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                rows.append((number, json.loads(line)))
    return rows


@cache
def places() -> list[tuple[int, dict[str, Any]]]:
    return _rows(GAZETTEER)


@cache
def actor_rows() -> list[dict[str, Any]]:
    return [row for table in ACTOR_TABLES for _, row in _rows(DATA / "actors" / table)]


def test_every_line_parses_and_the_file_is_substantial() -> None:
    with GAZETTEER.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    assert all(line.strip() for line in lines), "blank line in the gazetteer"
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:  # pragma: no cover - the message is the point
            raise AssertionError(f"line {number} is not JSON: {err}") from err
        assert isinstance(row, dict), f"line {number} is not an object"
    assert len(places()) >= 1500


def test_required_keys_exactly() -> None:
    for number, row in places():
        assert set(row) == KEYS, f"line {number}: keys {sorted(row)}"


def test_country_codes_exist_in_the_actor_tables() -> None:
    codes = {row["code"] for row in actor_rows()}
    bad = [(n, r["name"], r["country"]) for n, r in places() if r["country"] not in codes]
    assert not bad, bad


def test_kinds() -> None:
    bad = [(n, r["name"], r["kind"]) for n, r in places() if r["kind"] not in KINDS]
    assert not bad, bad


def test_coordinates_are_in_range_with_two_decimals() -> None:
    for number, row in places():
        lat, lon = row["lat"], row["lon"]
        for value in (lat, lon):
            assert isinstance(value, (int, float)) and not isinstance(value, bool), number
            assert round(value, 2) == value, f"line {number}: {value} has more than 2 decimals"
        assert -90 <= lat <= 90, f"line {number}: lat {lat}"
        assert -180 <= lon <= 180, f"line {number}: lon {lon}"


def test_names() -> None:
    for number, row in places():
        names = row["names"]
        assert isinstance(names, list) and names, f"line {number}: no names"
        assert all(isinstance(s, str) and s == s.strip() and s for s in names), number
        assert len(names) == len(set(names)), f"line {number}: duplicate names {names}"
        assert row["name"] in names, f"line {number}: name {row['name']!r} not in names"
        assert names[0] == row["name"], f"line {number}: the usual name should come first"


def test_no_surface_form_shorter_than_three_characters() -> None:
    short = [(n, s) for n, r in places() for s in r["names"] if len(s) < 3]
    assert not short, short


def test_one_entry_per_place() -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in places():
        key = (row["name"], row["country"], row["kind"])
        assert key not in seen, f"line {number} repeats line {seen[key]}: {key}"
        seen[key] = number


def test_surface_forms_shared_across_countries_are_listed() -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    for _, row in places():
        for form in row["names"]:
            countries[form].add(row["country"])
    shared = {form for form, codes in countries.items() if len(codes) > 1}
    unlisted = {form: sorted(countries[form]) for form in shared - set(ALLOWED_SHARED)}
    assert not unlisted, f"forms naming places in different countries: {unlisted}"
    stale = set(ALLOWED_SHARED) - shared
    assert not stale, f"ALLOWED_SHARED entries no longer shared: {sorted(stale)}"
    assert all(reason.strip() for reason in ALLOWED_SHARED.values())


def test_every_capital_in_the_country_table_is_a_place() -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    capital_names: dict[str, set[str]] = defaultdict(set)
    for _, row in places():
        forms[row["country"]].update(row["names"])
        if row["kind"] == "capital":
            capital_names[row["country"]].add(row["name"])
    missing = []
    for _, country in _rows(DATA / "actors" / "countries.jsonl"):
        code, capitals = country["code"], country.get("capitals") or []
        for capital in capitals:
            if (code, capital) in CAPITALS_LEFT_OUT:
                continue
            if capital not in forms[code]:
                missing.append((code, capital))
        listed = [c for c in capitals if (code, c) not in CAPITALS_LEFT_OUT]
        if listed and listed[0] not in capital_names[code]:
            missing.append((code, f"{listed[0]} (as the name of a capital)"))
    assert not missing, missing
    listed_in_table = {
        (row["code"], c) for _, row in _rows(DATA / "actors" / "countries.jsonl")
        for c in row.get("capitals") or []
    }
    assert set(CAPITALS_LEFT_OUT) <= listed_in_table, "stale CAPITALS_LEFT_OUT entry"


# ---------------------------------------------------------------------- the countries
COUNTRIES = DATA / "places" / "countries.jsonl"
# A country's approximate centre lies within this many degrees of the box round the
# gazetteer's places in it (the check catches a wrong sign or hemisphere); a country
# with fewer places than that is checked against its capital, within this many km.
MARGIN = 2.0
NEAR_CAPITAL_KM = 1200.0
# Capitals the gazetteer leaves out (CAPITALS_LEFT_OUT), to check a centre by.
CAPITALS_ELSEWHERE = {"SYC": (-4.62, 55.45)}  # Victoria


@cache
def country_places() -> list[tuple[int, dict[str, Any]]]:
    return _rows(COUNTRIES)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    cos = (math.sin(la1) * math.sin(la2)
           + math.cos(la1) * math.cos(la2) * math.cos(lo1 - lo2))
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def test_every_state_and_territory_has_a_country_place() -> None:
    codes = [row["country"] for _, row in country_places()]
    assert len(codes) == len(set(codes)), "a country listed twice"
    forms = {form for _, row in places() for form in row["names"]}
    missing = []
    for table in ("countries.jsonl", "territories.jsonl"):
        for _, row in _rows(DATA / "actors" / table):
            if row["code"] in codes:
                continue
            # a territory whose every name is a finer place ('Gaza Strip', 'West Bank')
            if row["type"] == "territory" and set(row["names"]) <= forms:
                continue
            missing.append((table, row["code"]))
    assert not missing, missing
    assert len(codes) >= 190


def test_country_rows_are_well_formed() -> None:
    tables: dict[str, dict[str, Any]] = {}
    for table in ("countries.jsonl", "territories.jsonl"):  # PSE: the state's row
        for _, row in _rows(DATA / "actors" / table):
            tables.setdefault(row["code"], row)
    for number, row in country_places():
        assert set(row) == KEYS, f"line {number}: keys {sorted(row)}"
        assert row["kind"] == "country", number
        actor = tables[row["country"]]
        # its own names only: never an adjective or a demonym ('Ukrainian')
        assert row["name"] == actor["name"], number
        assert row["names"] and set(row["names"]) <= {actor["name"], *actor["names"]}, number
        assert not set(row["names"]) & {*actor["adjectives"], *actor["demonyms"]}
        lat, lon = row["lat"], row["lon"]
        for value in (lat, lon):
            assert isinstance(value, (int, float)) and not isinstance(value, bool), number
            assert round(value, 1) == value, f"line {number}: {value}: one decimal"
        assert -90 <= lat <= 90 and -180 <= lon <= 180, number


def test_country_names_are_unique_and_leave_finer_places_alone() -> None:
    seen: dict[str, int] = {}
    for number, row in country_places():
        for form in row["names"]:
            assert form not in seen, f"line {number}: {form!r} also on line {seen[form]}"
            seen[form] = number
    finer = {form for _, row in places() for form in row["names"]}
    # a city-state's capital holds its name ('Singapore'): the city is the finer place
    assert not set(seen) & finer, sorted(set(seen) & finer)


def test_country_centres_lie_in_their_country() -> None:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals: dict[str, tuple[float, float]] = {}
    for _, row in places():
        code = row["country"][:3]
        points[code].append((row["lat"], row["lon"]))
        if row["kind"] == "capital":
            capitals.setdefault(code, (row["lat"], row["lon"]))
    bad = []
    for _, row in country_places():
        code, centre = row["country"], (row["lat"], row["lon"])
        found = points[code]
        if len(found) >= 3:
            lats, lons = [p[0] for p in found], [p[1] for p in found]
            if not (min(lats) - MARGIN <= centre[0] <= max(lats) + MARGIN
                    and min(lons) - MARGIN <= centre[1] <= max(lons) + MARGIN):
                bad.append((code, centre, "outside its places"))
        else:
            capital = capitals.get(code) or CAPITALS_ELSEWHERE.get(code)
            assert capital is not None, f"{code}: nothing to check its centre by"
            if _km(centre, capital) > NEAR_CAPITAL_KM:
                bad.append((code, centre, "far from its capital"))
    assert not bad, bad
