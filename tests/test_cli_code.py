"""`dyads code` as a user runs it: files, directories, stdin, --lines, formats, errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dyads.export.records import CSV_COLUMNS

from .conftest import SAMPLE, records, run_cli

ARTICLE = """Russia attacks Ukraine

Russian forces attacked Ukraine on Thursday.

Follow us on Twitter for updates.

France condemned Russia and imposed sanctions on Moscow.
"""


def test_code_a_file_prints_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("code", str(path), "--pub-date", "2022-02-24")
    assert proc.returncode == 0, proc.stderr
    events = records(proc.stdout)
    assert {e["event"] for e in events} >= {"ASSAULT"}
    assert all(e["doc_id"] == str(path) for e in events)
    # 'on Thursday' is the publication day (a Thursday); the headline names no day.
    thursday = [e for e in events if "on Thursday" in e["text"]]
    assert thursday and all(e["date"]["iso"] == "2022-02-24" for e in thursday)
    # The headline is its own sentence: sentence 0 is the headline.
    headline = [e for e in events if e["sentence_index"] == 0]
    for event in headline:
        assert event["text"] == "Russia attacks Ukraine"
    # The boilerplate line is not coded and takes no sentence number.
    assert not any("Follow us" in e["text"] for e in events)
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))


def test_lines_mode_doc_ids_are_line_numbers() -> None:
    text = "Russia attacked Ukraine.\n\nIsrael supplied Azerbaijan with artillery.\n"
    proc = run_cli("code", "--lines", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    events = records(proc.stdout)
    assert {e["doc_id"] for e in events} == {"1", "3"}
    assert {e["id"] for e in events} >= {"1:0:0", "3:0:0"}


def test_csv_format_has_a_header_and_a_row_per_event() -> None:
    proc = run_cli("code", "--lines", "--format", "csv", "-",
                   stdin="Russia attacked Ukraine.\nIsrael supplied Azerbaijan with drones.\n")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3
    assert rows[1][CSV_COLUMNS.index("actor_code")] == "RUS"


def test_directory_is_walked_in_order() -> None:
    proc = run_cli("code", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    doc_ids = [e["doc_id"] for e in records(proc.stdout)]
    assert doc_ids == sorted(doc_ids)
    assert len(set(doc_ids)) == len(list(SAMPLE.glob("*.txt")))


def test_bad_pub_date_is_one_line() -> None:
    proc = run_cli("code", "--pub-date", "21/09/2023", "-", stdin="Russia attacked Ukraine.")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "YYYY-MM-DD" in proc.stderr


def test_unknown_format_is_one_line() -> None:
    proc = run_cli("code", "--format", "xml", "-", stdin="Russia attacked Ukraine.")
    assert proc.returncode == 2
    assert "jsonl, csv" in proc.stderr and "Traceback" not in proc.stderr


def test_output_file_and_skips_file(tmp_path: Path) -> None:
    out, skips = tmp_path / "events.jsonl", tmp_path / "skips.jsonl"
    proc = run_cli("code", "-", "-o", str(out), "--skips", str(skips), stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert records(out.read_text())
    reasons = [r["code"] for r in records(skips.read_text())]
    assert reasons == ["boilerplate"]


def test_summary_goes_to_stderr() -> None:
    proc = run_cli("code", "--summary", "-", stdin=ARTICLE)
    assert proc.returncode == 0
    assert "documents coded" in proc.stderr
    assert "documents coded" not in proc.stdout


def test_info_json_names_a_loadable_model() -> None:
    import json

    import spacy

    proc = run_cli("info", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["spacy_model"]
    assert spacy.load(data["spacy_model"]).meta["version"] == data["spacy_model_version"]
    assert {row["file"] for row in data["data"]} >= {"actors/countries.jsonl",
                                                     "lexicon/events.jsonl",
                                                     "ontology/cameo.jsonl"}


def test_unknown_spacy_model_is_one_line() -> None:
    proc = run_cli("code", "--spacy-model", "no_such_model_xyz", "-",
                   stdin="Russia attacked Ukraine.\n")
    assert proc.returncode == 2
    assert "no_such_model_xyz" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_actors_overlay_from_the_command_line(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.jsonl"
    overlay.write_text('{"code": "AZEVLM", "names": ["Velmora"], "country": "AZE", '
                       '"type": "region", "sector": "GOV"}\n')
    text = "Velmora accused Azerbaijan of shelling civilians.\n"
    plain = records(run_cli("code", "--lines", "-", stdin=text).stdout)
    assert not plain  # without the overlay nobody is known to have acted
    proc = run_cli("code", "--lines", "--actors", str(overlay), "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    event = records(proc.stdout)[0]
    assert event["actor"][0]["code"] == "AZEVLM"
    assert "mine.jsonl:1" in event["actor"][0]["source"]


def test_bad_actors_overlay_names_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "bad.jsonl"
    overlay.write_text('{"code": "ARTGOV", "names": ["Stepanakert"]}\nnot json\n')
    proc = run_cli("code", "--lines", "--actors", str(overlay), "-", stdin="Russia attacked.\n")
    assert proc.returncode == 2
    assert f"{overlay}:2" in proc.stderr and "Traceback" not in proc.stderr


def test_agents_overlay_gives_phrases_their_sector(tmp_path: Path) -> None:
    agents = tmp_path / "agents.jsonl"
    agents.write_text('{"word": "foreign minister", "sector": "GOVFRM"}\n'
                      '{"word": "coast guard", "sector": "MIL"}\n', encoding="utf-8")
    text = ("Peru's foreign minister condemned Chile.\n"
            "The Peruvian coast guard seized a Chilean trawler.\n")
    plain = records(run_cli("code", "--lines", "-", stdin=text).stdout)
    assert plain[0]["actor"][0]["code"] == "PERGOV"  # the shipped head-noun word
    proc = run_cli("code", "--lines", "--agents", str(agents), "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    got = records(proc.stdout)
    assert got[0]["actor"][0]["code"] == "PERGOVFRM"
    assert got[1]["actor"][0]["code"] == "PERMIL"


def test_bad_agents_file_names_file_and_line(tmp_path: Path) -> None:
    agents = tmp_path / "bad-agents.jsonl"
    agents.write_text('{"word": "envoy", "sector": "GOV"}\n{"word": "x", "sector": "gov"}\n',
                      encoding="utf-8")
    proc = run_cli("code", "--lines", "--agents", str(agents), "-", stdin="Peru attacked.\n")
    assert proc.returncode == 2
    assert f"{agents}:2" in proc.stderr and "bad sector" in proc.stderr
    proc = run_cli("code", "--lines", "--agents", str(tmp_path / "none.jsonl"), "-",
                   stdin="Peru attacked.\n")
    assert proc.returncode == 2 and "agent file not found" in proc.stderr
