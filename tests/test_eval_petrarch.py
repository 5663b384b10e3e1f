"""PETRARCH validation-file reader and TABARI/PETRARCH dictionary converter.

Fixtures in ``tests/fixtures/eval/petrarch`` are invented (fictional states); the last tests
read the real public files when ``../shared/benchmarks`` is present.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dyads.actors.dictionary import load_actors
from dyads.errors import DataError
from dyads.eval.gold import Coding, PetrarchRecord
from dyads.eval.petrarch_dict import (
    AGENT_CODE,
    convert_actors,
    convert_agents,
    regular_plural,
    surface_forms,
    write_jsonl,
)
from dyads.eval.petrarch_xml import petrarch_date, read_petrarch_xml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval" / "petrarch"
RECORDS = FIXTURES / "records.xml"
ACTORS = FIXTURES / "actors.txt"
AGENTS = FIXTURES / "agents.txt"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH = SHARED / "benchmarks" / "petrarch"
PHOENIX = SHARED / "reference" / "phoenix_dictionaries"


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# ---------------------------------------------------------------- records


def test_records_read_in_order_without_the_textless_one() -> None:
    records = read_petrarch_xml(RECORDS)
    assert [r.id for r in records] == ["FIX-01", "FIX-02", "FIX-03", "FIX-04", "FIX-05",
                                       "FIX-07"]


def test_ordinary_record() -> None:
    first = read_petrarch_xml(RECORDS)[0]
    assert first == PetrarchRecord(
        id="FIX-01", category="BASIC", date="2011-03-04",
        text="Veloria's envoy toured Ostrand on Friday.",
        codings=(Coding("VEL", "OST", "042"),), expect="events",
        line=line_of(RECORDS, 'id="FIX-01"'),
    )


def test_self_closing_sentence_two_codings_short_date_and_entity() -> None:
    record = read_petrarch_xml(RECORDS)[1]
    assert record.id == "FIX-02"
    assert record.category == "TWO"
    assert record.date == "2012-11-08"
    assert record.codings == (Coding("KESMIL", "OST", "190"), Coding("OST", "KESMIL", "190"))
    assert record.text == "Kessar troops and Ostrand guards clashed at the mill & the ford."
    assert record.expect == "events"
    assert record.line == line_of(RECORDS, 'id="FIX-02"')


def test_noevents_error_and_bad_date() -> None:
    by_id = {r.id: r for r in read_petrarch_xml(RECORDS)}
    assert (by_id["FIX-03"].expect, by_id["FIX-03"].codings, by_id["FIX-03"].date) == \
        ("none", (), None)  # 19990230 is not a day
    assert (by_id["FIX-04"].expect, by_id["FIX-04"].codings) == ("error", ())
    assert by_id["FIX-03"].line == line_of(RECORDS, 'id ="FIX-03"')
    assert by_id["FIX-04"].line == line_of(RECORDS, 'id="FIX-04"')


def test_odd_quoting_is_stripped() -> None:
    by_id = {r.id: r for r in read_petrarch_xml(RECORDS)}
    assert by_id["FIX-05"].codings == (Coding("VELORIA HARBOUR BOARD", "", "051"),)


def test_no_coding_means_none_and_hash_inside_text_is_kept() -> None:
    last = read_petrarch_xml(RECORDS)[-1]
    assert last.id == "FIX-07"
    assert last.expect == "none"
    assert last.date is None  # "2005" is not a full date
    assert last.text == "Kessar held a parade. #KessarDay was trending."


def test_comments_and_hash_lines_give_no_codings() -> None:
    codes = {c.source for r in read_petrarch_xml(RECORDS) for c in r.codings}
    assert not codes & {"ZZZ", "QQQ"}


def test_petrarch_date() -> None:
    assert petrarch_date("20080806") == date(2008, 8, 6)
    assert petrarch_date("121108") == date(2012, 11, 8)
    assert petrarch_date("300101") == date(2030, 1, 1)
    assert petrarch_date("310101") == date(1931, 1, 1)
    assert petrarch_date("20100931") is None
    assert petrarch_date("2010093") is None
    assert petrarch_date("") is None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        read_petrarch_xml(tmp_path / "absent.xml")
    assert err.value.path == str(tmp_path / "absent.xml")
    assert "cannot be read" in err.value.message


def test_no_sentence(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text("<Validation>\n<Sentences>\n</Sentences>\n</Validation>\n", encoding="utf-8")
    with pytest.raises(DataError, match="no <Sentence> records found"):
        read_petrarch_xml(path)


def test_unclosed_comment_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text('<Sentences>\n<Sentence id="A-1" date="20100101">\n<!-- open\n'
                    "<Text>\nOstrand spoke.\n</Text>\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_petrarch_xml(path)
    assert err.value.line == 3
    assert "never closed" in err.value.message


def test_sentence_without_id(tmp_path: Path) -> None:
    path = tmp_path / "noid.xml"
    path.write_text('<Sentences>\n\n<Sentence date="20100101">\n<Text>\nOstrand spoke.\n'
                    "</Text>\n</Sentence>\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_petrarch_xml(path)
    assert err.value.line == 3


# ---------------------------------------------------------------- actors


def rows_by_name(as_of: date | None) -> dict[str, str]:
    """First name -> code."""
    return {row["names"][0]: row["code"] for row in convert_actors([ACTORS], as_of).rows}


def test_actor_rows_exact() -> None:
    result = convert_actors([ACTORS], as_of=date(2000, 1, 1))
    assert result.entries == 16
    assert result.skipped == {"null code": 1, "bad code": 1, "no valid code at date": 1}
    assert result.bad_blocks == 2  # a block without a code, a range ending before it starts
    assert result.entries == len(result.rows) + sum(result.skipped.values())
    assert result.rows[0] == {"code": "VEL", "names": ["Veloria", "Velorian",
                                                       "Republic of Veloria"],
                              "type": "state", "country": "VEL"}
    # a bare three-letter country code names the state; longer codes are groups
    assert {row["code"]: row["type"] for row in result.rows}["VELGOV"] == "group"
    assert result.lines[0] == line_of(ACTORS, "VELORIA_  [VEL]")
    assert [row["code"] for row in result.rows] == [
        "VEL", "OST", "KESMIL", "IGOIOM", "VELGOV", "OSTELI", "KES", "KESREB", "VELMIL",
        "OSTPRT", "VELELI", "OSTREB", "KESMED",
    ]
    # a name for several actors ('RIVER_PEOPLE [KES/OST]') lists them as members
    assert result.rows[6] == {"code": "KES", "names": ["River People"], "type": "group",
                              "country": "KES", "members": ["KES", "OST"]}
    assert result.rows[3] == {"code": "IGOIOM", "names": ["Iom", "IOM"], "type": "group",
                              "country": "IGO"}


def test_actor_synonyms_merges_and_spelling() -> None:
    rows = {row["code"]: row["names"] for row in convert_actors([ACTORS]).rows}
    assert rows["OSTREB"] == ["Ostrand People's Front (OPF)", "J. K. Dorr", "D'Arban League",
                              "Al-Vareth Movement"]
    assert rows["VELMIL"] == ["Bran Okafor", "Bran Okafor Junior"]  # code-less name joins
    assert rows["KESREB"] == ["Lord of the North-East"]
    assert rows["KESMED"] == ["Kessar24", "KESSAR24"]
    assert rows["OSTPRT"] == ["Port Alder"]  # code on the next line


@pytest.mark.parametrize(("as_of", "voss", "hale", "teo"), [
    (date(1990, 1, 1), "VELELI", "OSTELI", "VELELI"),
    (date(1995, 6, 1), "VELELI", "OSTGOV", "VELELI"),  # both ends inclusive; first wins
    (date(1997, 3, 3), "VELGOV", "OSTGOV", "VELELI"),
    (date(2011, 5, 5), "VELOPP", "OSTELI", "VELGOV"),
    (None, "VELOPP", "OSTELI", "VELELI"),
])
def test_dated_codes(as_of: date | None, voss: str, hale: str, teo: str) -> None:
    rows = rows_by_name(as_of)
    assert (rows["Marta Voss"], rows["Doren Hale"], rows["Teo Marr"]) == (voss, hale, teo)


def test_lone_and_overlong_dates() -> None:
    """A lone date reads as "from"; a nine-digit date is read from its first eight."""
    assert rows_by_name(date(2009, 12, 31))["Port Alder"] == "OSTPRT"
    assert rows_by_name(date(2010, 1, 1))["Port Alder"] == "OSTGOV"
    assert rows_by_name(date(2012, 4, 30))["Port Alder"] == "OSTGOV"
    assert rows_by_name(date(2012, 5, 1))["Port Alder"] == "OSTMIL"  # listed first
    result = convert_actors([ACTORS], as_of=date(2000, 1, 1))
    assert result.bad_blocks == 2


def test_code_only_in_a_range() -> None:
    assert "Anna Kemp" not in rows_by_name(None)
    assert rows_by_name(date(2003, 1, 1))["Anna Kemp"] == "KESGOV"


def test_converted_actors_load(tmp_path: Path) -> None:
    out = tmp_path / "actors.jsonl"
    write_jsonl(convert_actors([ACTORS]).rows, out)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["code"] == "VEL"
    entries = load_actors([out]).entries
    assert entries["Republic of Veloria"].code == "VEL"
    assert entries["IOM"].code == "IGOIOM"
    assert entries["Ostrand People's Front (OPF)"].code == "OSTREB"


def test_surface_forms() -> None:
    assert surface_forms("UNITED_STATES_OF_AMERICA") == ["United States of America"]
    assert surface_forms("AL-QAEDA") == ["Al-Qaeda"]
    assert surface_forms("THE_OSTRAND_TIMES_") == ["The Ostrand Times", "the Ostrand Times"]
    assert surface_forms("IMF") == ["Imf", "IMF"]
    assert surface_forms("U.N.") == ["U.N."]
    assert surface_forms("WOMEN'S_LEAGUE") == ["Women's League"]
    assert surface_forms("K9UNIT") == ["K9unit", "K9UNIT"]
    assert surface_forms("THE_OU") == ["The Ou", "The OU", "the Ou", "the OU"]
    assert surface_forms("OU_ARMY") == ["Ou Army", "OU Army"]
    assert surface_forms("   ") == []
    assert surface_forms("BAD\x1aNAME") == []


def test_missing_dictionary(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot be read"):
        convert_actors([tmp_path / "nope.txt"])


# ---------------------------------------------------------------- agents


def test_agent_rows_exact() -> None:
    result = convert_agents([AGENTS])
    assert result.entries == 14
    assert result.skipped == {"bad code": 1, "no code": 1, "unknown substitution set": 1}
    assert [(r["word"], r["sector"]) for r in result.rows] == [
        ("harbourhand", "BUS"), ("harbourhands", "BUS"), ("harbourkeeper", "BUS"),
        ("hand of the marsh", "AGR"), ("hands of the marsh", "AGR"),
        ("keeper of the marsh", "AGR"),
        ("tax collector", "GOV"), ("tax collectors", "GOV"),
        ("ranger corps", "MIL"),
        ("gooseherd", "AGR"), ("geese herders", "AGR"),
        ("ferry clerk", "BUS"), ("ferry clerks", "BUS"),
        ("valley ferry", "BUS"), ("valley ferries", "BUS"),
        ("relay box", "MED"), ("relay boxes", "MED"),
        ("trustee body", "NGO"), ("trustee bodies", "NGO"),
        ("watchman", "COP"), ("watchmen", "COP"),
        ("aid society", "NGOHLH"), ("aid societies", "NGOHLH"),
    ]
    assert result.lines[0] == line_of(AGENTS, "HARBOUR!HAND!")
    assert len(result.lines) == len(result.rows)


def test_regular_plural() -> None:
    assert regular_plural("envoy") == "envoys"
    assert regular_plural("deputy") == "deputies"
    assert regular_plural("congress") == "congresses"
    assert regular_plural("church") == "churches"
    assert regular_plural("ferryman") == "ferrymen"
    assert regular_plural("b-52") == ""


# ---------------------------------------------------------------- real files


needs_bench = pytest.mark.skipif(not BENCH.is_dir(),
                                 reason=f"public benchmarks not found at {BENCH}")


@needs_bench
def test_real_validation_files() -> None:
    units = read_petrarch_xml(BENCH / "PETR.UnitTest.records.xml")
    assert len(units) == 284
    assert sum(len(r.codings) for r in units) == 359
    assert [sum(r.expect == e for r in units) for e in ("events", "none", "error")] == \
        [257, 20, 7]
    gsr = read_petrarch_xml(BENCH / "PETR2_GSR_validation.xml")
    # 78 <Sentence> elements; one has an empty <Text> and is skipped
    assert len(gsr) == 77
    assert sum(len(r.codings) for r in gsr) == 79
    assert sum(r.expect == "none" for r in gsr) == 12


@needs_bench
def test_real_validation_actors_and_agents_convert(tmp_path: Path) -> None:
    actors = convert_actors([BENCH / "PETR.Validate.actors.txt"])
    assert actors.entries == len(actors.rows) + sum(actors.skipped.values())
    out = tmp_path / "validate.jsonl"
    write_jsonl(actors.rows, out)
    assert len(load_actors([out]).files) > 0
    agents = convert_agents([BENCH / "PETR.Validate.agents.txt"])
    assert agents.rows and all(AGENT_CODE.match(r["sector"]) for r in agents.rows)


@pytest.mark.skipif(not PHOENIX.is_dir(), reason=f"Phoenix dictionaries not found at {PHOENIX}")
def test_real_phoenix_actors_load(tmp_path: Path) -> None:
    files = [PHOENIX / f"Phoenix.{name}.actors.txt"
             for name in ("Countries", "International", "MilNonState")]
    actors = convert_actors(files, as_of=date(2015, 6, 9))
    assert len(actors.rows) > 10_000
    out = tmp_path / "phoenix.jsonl"
    write_jsonl(actors.rows, out)
    load_actors([out])
