"""Historical office holders converted from the Phoenix dictionaries
(scripts/phoenix_people.py -> leaders_history.jsonl): the converter on a small dictionary
written here, the shipped file, and the coder dating a historical leader's role."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dyads.actors import load_actors
from dyads.actors.dictionary import GENERIC_OFFICES, OFFICES
from dyads.datafiles import data_path
from dyads.pipeline import Pipeline

from .conftest import ROOT, code

SCRIPT = ROOT / "scripts" / "phoenix_people.py"

# Invented people, in the Phoenix format (with a latin-1 byte, as the real file has).
PHOENIX = """\
# A test dictionary.
ELBONIA_  [EGY]
DORAN_VELKIS_  # CountryInfo.txt
+PRESIDENT_VELKIS
+PRESIDENT_DORAN_VELKIS
+THE_VELKIS_ADMINISTRATION
+VELKIS_GOVERNMENT
\t[EGYELI 19400101-850311]
\t[EGYGOV 850311-910824]
\t[EGYGOV 900315-911225]
\t[EGYELI]
MARTA_OSSOLIN_
+GENERAL_MARTA_OSSOLIN
\t[EGYMIL 780101-881231]
\t[EGYGOV >100201]
TOMAS_VANTOR_  # CountryInfo.txt
+VANTOR_
\t[USAGOVAGR 030101-041231]
ILSE_VANTOR_  # CountryInfo.txt
+VANTOR_
\t[EGYGOV <970630]
ARDEN_MALLORY_
+PRESIDENT_MALLORY
\t[USAGOV 700101-741231]
BRETT_MALLORY_
+PRESIDENT_MALLORY
\t[USAGOV 900101-941231]
JOS\xc9_FERRANDO_
\t[EGYGOV 19951001-19990815]
BRAN_KORRIGAN_  # in the curated file too
+PRIME_MINISTER_KORRIGAN
\t[USAGOV 850101-890101]
EDWIN_PALLAS_
\t[EGYGOV]
NIALL_QUORNE_
\t[GBRIMYGOV 900101-950101]
HARALD_OSTMARK_
\t[DDRGOV 800101-890101]
MAJOR_
\t[EGYGOV 800101-890101]
"""
CURATED = {"name": "Bran Korrigan", "names": ["Bran Korrigan", "Korrigan"], "ambiguous": [],
           "roles": [{"country": "USA", "office": "head_of_government",
                      "title": "Prime Minister", "valid_from": "1985-01-01",
                      "valid_to": "1989-01-01"}]}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phoenix_people", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["phoenix_people"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(script: ModuleType, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[dict[str, dict[str, Any]], Any]:
    folder = tmp_path_factory.mktemp("phoenix")
    source = folder / "actors.txt"
    source.write_bytes(PHOENIX.encode("latin-1"))
    curated = folder / "curated.jsonl"
    curated.write_text(json.dumps(CURATED) + "\n", encoding="utf-8")
    rows, summary = script.convert(source, script.load_reserved(curated))
    return {row["name"]: row for row in rows}, summary


def _roles(row: dict[str, Any]) -> list[tuple[str, str, str, str | None, str | None]]:
    return [(r["country"], r["office"], r["title"], r["valid_from"], r["valid_to"])
            for r in row["roles"]]


def test_dated_blocks_become_roles_and_former_official_blocks_are_left_out(
        converted: tuple[dict[str, dict[str, Any]], Any]) -> None:
    people, summary = converted
    # Two-digit years as PETRARCH reads them (85 -> 1985, 91 -> 1991); overlapping
    # blocks in one office are joined; the ELI blocks are not roles.
    assert _roles(people["Doran Velkis"]) == [
        ("EGY", "government", "President", "1985-03-11", "1991-12-25")]
    # A sector other than GOV gives its generic office; an open end ('>100201') is
    # closed at the newest date in the source (here that role's own start).
    assert _roles(people["Marta Ossolin"]) == [
        ("EGY", "military", "General", "1978-01-01", "1988-12-31"),
        ("EGY", "government", "", "2010-02-01", "2010-02-01")]
    # The first sector of a stacked code counts (USAGOVAGR); '<970630' has no start.
    assert _roles(people["Tomas Vantor"]) == [
        ("USA", "government", "", "2003-01-01", "2004-12-31")]
    assert _roles(people["Ilse Vantor"]) == [("EGY", "government", "", None, "1997-06-30")]
    assert summary.blocks["former official (ELI)"] == 1  # and one undated ELI block
    assert summary.blocks["undated"] == 1
    assert summary.blocks["not a sector we map"] == 1  # GBRIMYGOV
    assert summary.blocks["country dyads does not know"] == 1  # DDRGOV
    assert summary.skipped["no dated block"] == 2  # the country entry and EDWIN_PALLAS_
    assert not {"Undated Person", "Odd Sector Person", "Lost State Person"} & set(people)


def test_titles_are_stripped_and_non_names_dropped(
        converted: tuple[dict[str, dict[str, Any]], Any]) -> None:
    people, _ = converted
    velkis = people["Doran Velkis"]
    # 'PRESIDENT_VELKIS' gives the surname, and the titled form the matcher needs when
    # the surname (ambiguous) stands next to the title.
    assert velkis["names"] == ["Doran Velkis", "Velkis", "President Velkis"]
    assert velkis["ambiguous"] == ["Velkis"]
    assert not any("Administration" in n or "Government" in n for n in velkis["names"])
    assert people["José Ferrando"]["names"] == ["José Ferrando"]  # latin-1 read as such


def test_names_claimed_twice_common_words_and_curated_people_are_dropped(
        converted: tuple[dict[str, dict[str, Any]], Any]) -> None:
    people, summary = converted
    assert people["Tomas Vantor"]["names"] == ["Tomas Vantor"]
    assert people["Ilse Vantor"]["names"] == ["Ilse Vantor"]
    assert summary.dropped["claimed by two people"] == 2
    assert "Major" not in {n for p in people.values() for n in p["names"]}
    assert summary.dropped["common word"] == 1
    assert "Bran Korrigan" not in people and summary.skipped["in office_holders.jsonl"] == 1
    assert summary.people == len(people) == 8


def test_a_name_people_of_one_country_share_keeps_all_their_roles(
        converted: tuple[dict[str, dict[str, Any]], Any]) -> None:
    people, summary = converted
    shared = people["Mallory"]  # both presidents: the date picks the term
    assert shared["names"] == ["Mallory", "President Mallory"]
    assert [(r["valid_from"], r["valid_to"]) for r in shared["roles"]] == [
        ("1970-01-01", "1974-12-31"), ("1990-01-01", "1994-12-31")]
    assert people["Arden Mallory"]["names"] == ["Arden Mallory"]
    assert summary.shared == 2


def test_script_writes_sorted_rows_and_one_summary_line(
        script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "actors.txt"
    source.write_bytes(PHOENIX.encode("latin-1"))
    curated = tmp_path / "curated.jsonl"
    curated.write_text(json.dumps(CURATED) + "\n", encoding="utf-8")
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for path in (first, second):
        args = ["--source", str(source), "--out", str(path), "--curated", str(curated)]
        assert script.main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("phoenix_people: wrote 8 people, ")
    assert "names dropped: " in lines[0] and "claimed by two people" in lines[0]
    assert first.read_bytes() == second.read_bytes()
    names = [json.loads(line)["name"] for line in first.read_text("utf-8").splitlines()]
    assert names == sorted(names)


def test_script_says_when_the_source_is_missing(
        script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert script.main(["--source", str(tmp_path / "nowhere.txt"),
                        "--out", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not found" in err[0] and "--source" in err[0]
    assert not (tmp_path / "out.jsonl").exists()


def test_shipped_file_is_well_formed_and_read_before_the_curated_one() -> None:
    rows = [json.loads(line) for line in
            data_path("actors", "leaders_history.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) > 1000
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
    forms = [n for r in rows for n in r["names"]]
    assert len(forms) == len(set(forms))  # no name is claimed by two people
    for row in rows:
        assert set(row["ambiguous"]) == {n for n in row["names"] if " " not in n}
        assert all(r["office"] in GENERIC_OFFICES for r in row["roles"])
    actors = load_actors()
    files = [Path(f).name for f in actors.files]
    assert files.index("leaders_history.jsonl") < files.index("office_holders.jsonl")
    assert actors.entries["Gorbachev"].origin.startswith("leaders_history.jsonl:")
    assert actors.entries["Obama"].origin.startswith("office_holders.jsonl:")
    assert set(GENERIC_OFFICES) <= set(OFFICES)
    assert OFFICES["head_of_state"] == "GOV"


@pytest.mark.parametrize(("pub_date", "expected"), [
    ("1987-06-01", "USAGOV"),  # in office
    ("1995-06-01", "USAELI"),  # a former official
])
def test_a_historical_leader_is_coded_by_the_document_date(
        pipeline: Pipeline, pub_date: str, expected: str) -> None:
    events = code(pipeline, "President Reagan met the Soviet leader.", pub_date=pub_date)
    assert [a["code"] for a in events[0]["actor"]] == [expected]
    assert [a["code"] for a in events[0]["recipient"]] == ["RUSGOV"]


def test_open_phoenix_terms_are_closed_at_the_files_last_revision() -> None:
    rows = [json.loads(line) for line in
            data_path("actors", "leaders_history.jsonl").read_text("utf-8").splitlines()]
    assert all(role["valid_to"] is not None for row in rows for role in row["roles"])
    # A minister's surname alone is not a name; a head of government's is.
    singles = {name for row in rows for name in row["ambiguous"]}
    assert "Mubarak" in singles
    assert all(" " not in name for name in singles)


def test_a_three_word_name_is_also_known_without_its_middle_word(script: ModuleType) -> None:
    reserved = script.Reserved(actor_names=frozenset(), common=frozenset(),
                               curated_names=frozenset(), curated_keys=frozenset(),
                               nationalities=frozenset(), countries=frozenset({"EGY"}))
    _, forms, _ = script.name_forms("DORAN_MIKEL_VELKIS", reserved, Counter())
    assert [f.text for f in forms] == ["Doran Mikel Velkis", "Doran Velkis"]
    _, forms, _ = script.name_forms("AHMED_BIN_VELKIS", reserved, Counter())
    assert [f.text for f in forms] == ["Ahmed bin Velkis"]
