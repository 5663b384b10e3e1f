"""office_holders.jsonl: well-formed, consistent with the country list, and right on known facts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ACTORS = Path(__file__).resolve().parent.parent / "src" / "dyads" / "data" / "actors"
OFFICE_HOLDERS = ACTORS / "office_holders.jsonl"
PERSON_KEYS = {"name", "names", "ambiguous", "roles"}
ROLE_KEYS = {"country", "office", "title", "valid_from", "valid_to"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCOPE_START = "2015-01-01"


def _read(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - reported as failure
                pytest.fail(f"{path.name}:{number}: invalid JSON: {exc}")
    return rows


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return _read(OFFICE_HOLDERS)


@pytest.fixture(scope="module")
def by_name(people: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in people}


def _codes() -> set[str]:
    files = ("countries.jsonl", "territories.jsonl")
    return {row["code"] for f in files for row in _read(ACTORS / f)}


def _valid_date(text: str) -> bool:
    if not ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_file_is_large_enough(people: list[dict[str, Any]]) -> None:
    assert len(people) >= 350


def test_person_keys_and_types(people: list[dict[str, Any]]) -> None:
    bad = [p.get("name") for p in people if set(p) != PERSON_KEYS]
    assert bad == []
    for p in people:
        assert isinstance(p["name"], str) and p["name"].strip() == p["name"] != ""
        assert p["name"] in p["names"], p["name"]
        assert all(isinstance(n, str) and n.strip() == n != "" for n in p["names"]), p["name"]
        assert len(p["names"]) == len(set(p["names"])), p["name"]
        assert set(p["ambiguous"]) <= set(p["names"]), p["name"]
        assert p["roles"], f"{p['name']} has no roles"


def test_person_names_are_unique(people: list[dict[str, Any]]) -> None:
    seen = [p["name"] for p in people]
    assert len(seen) == len(set(seen))


def test_role_keys_offices_and_dates(people: list[dict[str, Any]]) -> None:
    problems = []
    for p in people:
        for r in p["roles"]:
            if set(r) != ROLE_KEYS:
                problems.append((p["name"], "keys", sorted(r)))
                continue
            if r["office"] not in OFFICES:
                problems.append((p["name"], "office", r["office"]))
            if not isinstance(r["title"], str) or not r["title"]:
                problems.append((p["name"], "title", r["title"]))
            if not _valid_date(r["valid_from"]):
                problems.append((p["name"], "valid_from", r["valid_from"]))
            end = r["valid_to"]
            if end is not None:
                if not _valid_date(end):
                    problems.append((p["name"], "valid_to", end))
                elif end < r["valid_from"]:
                    problems.append((p["name"], "order", r["valid_from"], end))
                elif end < SCOPE_START:
                    problems.append((p["name"], "ended before scope", end))
    assert problems == []


def test_role_countries_are_known(people: list[dict[str, Any]]) -> None:
    codes = _codes()
    unknown = {
        (p["name"], r["country"]) for p in people for r in p["roles"] if r["country"] not in codes
    }
    assert unknown == set()


def test_shared_names_are_ambiguous_for_everyone(people: list[dict[str, Any]]) -> None:
    owners: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in people:
        for n in set(p["names"]):
            owners[n].append(p)
    clashes = {
        n: [q["name"] for q in ps]
        for n, ps in owners.items()
        if len(ps) > 1 and not all(n in q["ambiguous"] for q in ps)
    }
    assert clashes == {}


def test_no_overlapping_duplicate_roles(people: list[dict[str, Any]]) -> None:
    for p in people:
        keys = [(r["country"], r["office"], r["valid_from"]) for r in p["roles"]]
        assert len(keys) == len(set(keys)), p["name"]


def _role(person: dict[str, Any], country: str, office: str, start: str) -> dict[str, Any]:
    wanted = (country, office, start)
    matches = [r for r in person["roles"] if (r["country"], r["office"], r["valid_from"]) == wanted]
    assert len(matches) == 1, (person["name"], country, office, start, person["roles"])
    return matches[0]


@pytest.mark.parametrize(
    ("name", "country", "office", "start", "end"),
    [
        ("Nikol Pashinyan", "ARM", "head_of_government", "2018-05-08", None),
        ("Volodymyr Zelenskyy", "UKR", "head_of_state", "2019-05-20", None),
        ("Olaf Scholz", "DEU", "head_of_government", "2021-12-08", "2025-05-06"),
        ("Angela Merkel", "DEU", "head_of_government", "2005-11-22", "2021-12-08"),
        ("Joe Biden", "USA", "head_of_state", "2021-01-20", "2025-01-20"),
        ("Donald Trump", "USA", "head_of_state", "2025-01-20", None),
        ("Elizabeth II", "GBR", "head_of_state", "1952-02-06", "2022-09-08"),
        ("Charles III", "GBR", "head_of_state", "2022-09-08", None),
        ("Liz Truss", "GBR", "head_of_government", "2022-09-06", "2022-10-25"),
        ("Sergei Lavrov", "RUS", "foreign_minister", "2004-03-09", None),
        ("Sergei Shoigu", "RUS", "defence_minister", "2012-11-06", "2024-05-12"),
        ("Narendra Modi", "IND", "head_of_government", "2014-05-26", None),
        ("Emmanuel Macron", "FRA", "head_of_state", "2017-05-14", None),
        ("Bashar al-Assad", "SYR", "head_of_state", "2000-07-17", "2024-12-08"),
        ("Yoon Suk Yeol", "KOR", "head_of_state", "2022-05-10", "2025-04-04"),
        ("Naruhito", "JPN", "head_of_state", "2019-05-01", None),
        ("Ebrahim Raisi", "IRN", "head_of_government", "2021-08-03", "2024-05-19"),
    ],
)
def test_known_terms(
    by_name: dict[str, dict[str, Any]],
    name: str,
    country: str,
    office: str,
    start: str,
    end: str | None,
) -> None:
    assert _role(by_name[name], country, office, start)["valid_to"] == end


def test_people_with_several_roles(by_name: dict[str, dict[str, Any]]) -> None:
    johnson = {(r["office"], r["valid_from"]) for r in by_name["Boris Johnson"]["roles"]}
    assert johnson == {("foreign_minister", "2016-07-13"), ("head_of_government", "2019-07-24")}
    steinmeier = by_name["Frank-Walter Steinmeier"]["roles"]
    assert [r["office"] for r in steinmeier] == ["foreign_minister", "head_of_state"]
    bibi = _role(by_name["Benjamin Netanyahu"], "ISR", "head_of_government", "2022-12-29")
    assert bibi["valid_to"] is None


def test_name_variants(by_name: dict[str, dict[str, Any]]) -> None:
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(by_name["Volodymyr Zelenskyy"]["names"])
    assert {"Erdoğan", "Erdogan"} <= set(by_name["Recep Tayyip Erdoğan"]["names"])
    assert {"Sergey Lavrov", "Lavrov"} <= set(by_name["Sergei Lavrov"]["names"])
    assert "Johnson" in by_name["Boris Johnson"]["ambiguous"]
    assert "Sharif" in by_name["Nawaz Sharif"]["ambiguous"]
    assert "Sharif" in by_name["Shehbaz Sharif"]["ambiguous"]


def test_g20_heads_and_ministers_covered(people: list[dict[str, Any]]) -> None:
    g20 = {
        "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
        "JPN", "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA",
    }
    covered: dict[str, set[str]] = defaultdict(set)
    for p in people:
        for r in p["roles"]:
            covered[r["office"]].add(r["country"])
    for office in OFFICES:
        assert g20 <= covered[office], (office, g20 - covered[office])
