"""The places gazetteer (data/places/gazetteer.jsonl): well formed and consistent with the
actor tables. Standard library only, so it checks the file itself, not any loader."""

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
KINDS = {"capital", "city", "town", "region", "base", "crossing"}

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
