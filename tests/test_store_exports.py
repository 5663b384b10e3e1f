"""Exports round-trip: a small corpus is ingested, exported in every format and read back
with the readers a user would use (DuckDB, pandas, csv, json, networkx), checking that
the known events' fields survive; filters, empty selections and existing outputs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pandas as pd
import pytest

import dyads
from dyads.errors import UsageError
from dyads.pipeline import Pipeline
from dyads.store import EXPORT_FORMATS, FRAME_COLUMNS, Filters, Store, ingest
from dyads.store.exports import (
    GDELT_COLUMNS,
    event_from_record,
    export_rows,
    mention_counts,
    plover_record,
    tsv_field,
)
from tests.conftest import run_cli, write_wire

# Wire copy written for these tests. The third sentence holds a tab and double quotes.
BORDER = ("Ethiopian forces shelled Eritrean border posts near Zalambessa on Monday, killing "
          "four soldiers, officials in Addis Ababa said.\n\n"
          "Eritrea accused Ethiopia of violating the ceasefire agreement.\n\n"
          "Kenya's foreign minister called the shelling \"unacceptable\"\tand urged both "
          "governments to return to talks in Nairobi.")
# The same story as another outlet ran it: a headline added, one phrase changed.
BORDER_REWRITE = ("Ethiopia shells Eritrean posts\n\n"
                  + BORDER.replace("officials in Addis Ababa said", "officials said"))
AID = ("Japan pledged $50 million in humanitarian aid to Sudan on Wednesday.\n\n"
       "The United States reportedly sold fighter jets to Poland last week, according to "
       "two officials.\n\n"
       "Poland did not attack Belarus.")
UNDATED = "Chad closed its border with Sudan after clashes between rival militias."
SENTENCE_WITH_TAB = ("Kenya's foreign minister called the shelling \"unacceptable\"\tand "
                     "urged both governments to return to talks in Nairobi.")
FILE_FORMATS = ("jsonl", "csv", "plover", "gdelt", "graphml")


def write_corpus(folder: Path) -> Path:
    rows = [
        {"id": "hw-101", "url": "https://harbour-wire.example.com/101", "date": "2024-03-12",
         "title": "Shelling on the Eritrean border", "site": "Harbour Wire", "text": BORDER},
        {"id": "cp-88", "url": "https://capital-post.example.org/88", "date": "2024-03-12",
         "site": "Capital Post", "text": BORDER_REWRITE},
        {"id": "hw-102", "url": "https://harbour-wire.example.com/102", "date": "2024-04-03",
         "title": "Aid and arms", "site": "Harbour Wire", "text": AID},
        {"id": "nd-1", "text": UNDATED},
    ]
    return write_wire(folder, rows)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory,
           pipeline: Pipeline) -> Iterator[tuple[Store, Path]]:
    root = tmp_path_factory.mktemp("exports")
    store = Store.open(root / "corpus.duckdb")
    report = ingest([str(write_corpus(root / "corpus"))], store, pipeline=pipeline)
    assert (report.documents, report.coded, report.duplicates) == (4, 3, 1)
    yield store, root
    store.close()


def _event(store: Store, cameo: str) -> dict[str, Any]:
    """The one stored event of this CAMEO code, as its flat frame row."""
    frame = store.events_frame()
    rows = frame[frame["cameo"] == cameo]
    assert len(rows) == 1, (cameo, list(frame["cameo"]))
    return dict(rows.iloc[0])


def test_the_corpus_holds_the_known_events(stored: tuple[Store, Path]) -> None:
    store, _ = stored
    shelling = _event(store, "194")
    assert (shelling["actor_code"], shelling["recipient_code"], shelling["event"]) == \
        ("ETHMIL", "ERI", "ASSAULT")
    assert str(shelling["day"])[:10] == "2024-03-11" and shelling["articles"] == 2
    assert _event(store, "030")["recipient_code"] == "SDN"
    sale = _event(store, "061")
    assert (sale["actor_code"], sale["recipient_code"], sale["hedged"]) == ("USA", "POL", True)
    assert _event(store, "190")["negated"]
    assert SENTENCE_WITH_TAB in set(store.events_frame()["text"])


# --- every format read back -------------------------------------------------------------


def test_parquet_read_back_by_duckdb(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events"
    n = store.export(out, "parquet")
    back = duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet', "
                      "hive_partitioning=true) ORDER BY id").df()
    assert len(back) == n == store.count("events")
    assert set(FRAME_COLUMNS) <= set(back.columns)
    shelling = back[back["cameo"] == "194"].iloc[0]
    assert (shelling["actor_code"], shelling["recipient_code"], shelling["month"],
            shelling["articles"]) == ("ETHMIL", "ERI", "2024-03", 2)
    assert str(back[back["cameo"] == "030"].iloc[0]["day"])[:10] == "2024-04-03"
    assert SENTENCE_WITH_TAB in set(back["text"])
    assert "month=unknown" in {p.name for p in out.iterdir()}


def test_jsonl_read_back_by_json(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.jsonl"
    n = store.export(out, "jsonl")
    back = {r["cameo"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert len(back) == n
    assert [a["code"] for a in back["194"]["actor"]] == ["ETHMIL"]
    assert back["194"]["date"]["iso"] == "2024-03-11"
    assert back["061"]["hedged"] is True and back["190"]["negated"] is True
    assert SENTENCE_WITH_TAB in {r["text"] for r in back.values()}


def test_csv_read_back_by_pandas_and_csv(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.csv"
    n = store.export(out, "csv")
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == FRAME_COLUMNS and len(frame) == n
    shelling = frame[frame["cameo"] == "194"].iloc[0]
    assert (shelling["actor_code"], shelling["day"][:10], shelling["articles"]) == \
        ("ETHMIL", "2024-03-11", "2")
    assert frame[frame["cameo"] == "030"].iloc[0]["recipient_code"] == "SDN"
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert SENTENCE_WITH_TAB in {r["text"] for r in rows}


def test_plover_read_back_by_json(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.plover.jsonl"
    n = store.export(out, "plover")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == n == store.count("events")
    by_cameo = {r["cameo"]: r for r in records}
    shelling = by_cameo["194"]
    assert shelling["id"] == _event(store, "194")["id"]
    assert (shelling["event_date"], shelling["event_type"], shelling["quad_code"]) == \
        ("2024-03-11", "ASSAULT", 4)
    assert shelling["actor"][0]["code"] == "ETH" and shelling["actor"][0]["sector"] == "MIL"
    assert shelling["actor"][0]["dyads_code"] == "ETHMIL"
    assert (shelling["actor_country"], shelling["actor_role"]) == ("ETH", "MIL")
    assert shelling["recipient"][0]["code"] == "ERI"
    assert shelling["recipient"][0]["name"] == "Eritrea"
    assert shelling["recipient_country"] == "ERI"
    assert (shelling["story_date"], shelling["publisher"], shelling["articles"]) == \
        ("2024-03-12", "Harbour Wire", 2)
    assert shelling["url"] == "https://harbour-wire.example.com/101"
    assert shelling["location"]["name"] == "Zalambessa"
    assert shelling["location"]["cc3"] == "ETH"
    assert shelling["dead"] == 4
    assert shelling["text_info"]["sequence"] == 0
    sale = by_cameo["061"]
    assert (sale["modality"], sale["hedged"], sale["negated"]) == ("actual", True, False)
    assert sale["attribution"] and "officials" in sale["attribution"]
    assert sale["event_date"] == "2024-04-03"  # a period: the day is the story's date
    assert sale["date_precision"] == "period"
    assert by_cameo["190"]["negated"] is True
    assert SENTENCE_WITH_TAB in {r["event_text"] for r in records}
    undated = [r for r in records if r["story_date"] is None]
    assert undated and all(r["event_date"] is None for r in undated)


def test_gdelt_tsv_read_back_by_pandas_and_csv(stored: tuple[Store, Path],
                                               tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.tsv"
    n = store.export(out, "gdelt")
    lines = out.read_text("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 2 == n
    assert {line.count("\t") for line in lines[:-1]} == {len(GDELT_COLUMNS) - 1}
    frame = pd.read_csv(out, sep="\t", quoting=csv.QUOTE_NONE, dtype=str,
                        keep_default_na=False)
    assert tuple(frame.columns) == GDELT_COLUMNS and len(frame) == n
    row = frame[frame["EventCode"] == "194"].iloc[0]
    assert (row["GlobalEventID"], row["Day"], row["MonthYear"], row["Year"]) == \
        (_event(store, "194")["id"], "20240311", "202403", "2024")
    assert float(row["FractionDate"]) == pytest.approx(2024 + 70 / 366, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == \
        ("ETHMIL", "ETH", "MIL")
    assert (row["Actor1Name"], row["Actor2Code"], row["Actor2Name"]) == \
        ("Ethiopia", "ERI", "Eritrea")
    assert (row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == \
        ("194", "19", "4")
    assert float(row["GoldsteinScale"]) == _event(store, "194")["goldstein"]
    # the story and its rewrite: one report (the cluster is coded once), two outlets,
    # two articles; the merged event's id and corroboration follow
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "2", "2")
    assert row["MergedEventID"].startswith("m") and 0 < float(row["Corroboration"]) <= 1
    assert row["AvgTone"] == "" and row["IsRootEvent"] == "1"
    assert (row["ActionGeo_FullName"], row["ActionGeo_CountryCode"], row["ActionGeo_Type"]) \
        == ("Zalambessa", "ETH", "4")
    assert float(row["ActionGeo_Lat"]) == pytest.approx(14.52)
    assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
    assert row["SOURCEURL"] == "https://harbour-wire.example.com/101"
    assert (row["PloverEvent"], row["Modality"], row["Negated"], row["Hedged"]) == \
        ("ASSAULT", "actual", "0", "0")
    assert row["DocumentID"] == _event(store, "194")["doc_id"]
    pledge = frame[frame["EventCode"] == "030"].iloc[0]
    assert (pledge["EventBaseCode"], pledge["EventRootCode"], pledge["QuadClass"]) == \
        ("030", "03", "1")
    assert pledge["Modality"] == "intended" and pledge["NumArticles"] == "1"
    assert frame[frame["EventCode"] == "061"].iloc[0]["Hedged"] == "1"
    assert frame[frame["EventCode"] == "190"].iloc[0]["Negated"] == "1"
    # The tab inside the sentence became a space; the quotes are kept as written.
    assert SENTENCE_WITH_TAB.replace("\t", " ") in set(frame["SentenceText"])
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(r) for r in rows} == {len(GDELT_COLUMNS)}
    undated = frame[frame["Day"] == ""]
    assert len(undated) and set(undated["Year"]) == {""}


def test_graphml_read_back_by_networkx(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "network.graphml"
    n = store.export(out, "graphml")
    assert n == store.count("events")
    graph = nx.read_graphml(out)
    assert graph.graph["events"] == n
    assert graph.nodes["ETH"]["name"] == "Ethiopia"
    assert graph.nodes["ERI"]["name"] == "Eritrea"
    edges = {(a, b, d["kind"]): d for a, b, d in graph.edges(data=True)}
    shelling = edges[("ETH", "ERI", "events")]
    assert (shelling["events"], shelling["quad4"], shelling["categories"]) == \
        (1, 1, "ASSAULT=1")
    assert shelling["goldstein"] == pytest.approx(_event(store, "194")["goldstein"])
    assert edges[("ERI", "ETH", "events")]["categories"] == "ACCUSE=1"
    assert edges[("JPN", "SDN", "events")]["quad1"] == 1
    assert ("USA", "POL", "flow") in edges  # the sale moved goods
    assert ("POL", "BLR", "events") not in edges  # 'did not attack' is no tie
    actors = nx.read_graphml(store_export(store, tmp_path / "actors.graphml", level="actor"))
    assert actors.has_edge("ETHMIL", "ERI") and not actors.has_edge("ETH", "ERI")


def store_export(store: Store, path: Path, fmt: str = "graphml",
                 filters: Filters | None = None, level: str = "country") -> Path:
    store.export(path, fmt, filters, level)
    return path


# --- filters, empty selections, existing outputs ----------------------------------------


def _exported_ids(path: Path, fmt: str) -> list[str]:
    if fmt == "parquet":
        frame = duckdb.sql(f"SELECT id FROM read_parquet('{path}/**/*.parquet', "
                           "hive_partitioning=true) ORDER BY id").df()
        return sorted(frame["id"])
    if fmt in ("jsonl", "plover"):
        return sorted(json.loads(line)["id"] for line in path.read_text("utf-8").splitlines())
    if fmt == "csv":
        return sorted(pd.read_csv(path, dtype=str)["id"])
    if fmt == "gdelt":
        frame = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, dtype=str)
        return sorted(frame["GlobalEventID"])
    graph = nx.read_graphml(path)
    return [str(graph.graph["events"])]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_filters_apply_to_every_format(stored: tuple[Store, Path], tmp_path: Path,
                                       fmt: str) -> None:
    store, _ = stored
    filters = Filters(since="2024-03-01", until="2024-03-31", actor="ETH")
    expected = sorted(store.events_frame(filters)["id"])
    assert len(expected) == 1  # the shelling, not Eritrea's accusation or the April events
    out = tmp_path / f"selected.{fmt}"
    assert store.export(out, fmt, filters) == 1
    if fmt == "graphml":
        graph = nx.read_graphml(out)
        assert set(graph.nodes) == {"ETH", "ERI"} and graph.number_of_edges() == 1
    else:
        assert _exported_ids(out, fmt) == expected


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_empty_selection_writes_a_valid_empty_file(stored: tuple[Store, Path],
                                                      tmp_path: Path, fmt: str) -> None:
    store, _ = stored
    out = tmp_path / f"none.{fmt}"
    assert store.export(out, fmt, Filters(actor="ZZZ")) == 0
    if fmt == "parquet":
        frame = duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet', "
                           "hive_partitioning=true)").df()
        assert len(frame) == 0 and set(FRAME_COLUMNS) <= set(frame.columns)
    elif fmt in ("jsonl", "plover"):
        assert out.read_text() == ""
    elif fmt == "csv":
        assert out.read_text().splitlines() == [",".join(FRAME_COLUMNS)]
    elif fmt == "gdelt":
        assert out.read_text() == "\t".join(GDELT_COLUMNS) + "\n"
        assert list(pd.read_csv(out, sep="\t").columns) == list(GDELT_COLUMNS)
    else:
        graph = nx.read_graphml(out)
        assert graph.number_of_nodes() == 0 and graph.graph["events"] == 0


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_an_existing_file_is_replaced_and_a_directory_refused(
        stored: tuple[Store, Path], tmp_path: Path, fmt: str) -> None:
    store, _ = stored
    out = tmp_path / f"old.{fmt}"
    out.write_text("stale contents that must not survive\n")
    n = store.export(out, fmt, Filters(actor="JPN"))
    assert n == 1 and "stale" not in out.read_text()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises((UsageError, OSError)):
        store.export(folder, fmt)


def test_parquet_refuses_a_file_or_a_directory_that_is_not_empty(
        stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    afile = tmp_path / "events.parquet"
    afile.write_text("x")
    with pytest.raises(UsageError, match="not empty"):
        store.export(afile, "parquet")
    assert afile.read_text() == "x"


def test_export_command_help_errors_and_output(stored: tuple[Store, Path],
                                               tmp_path: Path) -> None:
    store, root = stored
    done = run_cli("export", "--help")
    assert done.returncode == 0
    for fmt in EXPORT_FORMATS:
        assert fmt in done.stdout, fmt
    db = tmp_path / "copy.duckdb"
    store.connection.execute("CHECKPOINT")
    db.write_bytes((root / "corpus.duckdb").read_bytes())
    done = run_cli("export", "--db", str(db), "--format", "gdelt", "--quad-class", "4",
                   "-o", str(tmp_path / "hostile.tsv"))
    assert done.returncode == 0, done.stderr
    hostile = store.events_frame(quad_class=4)
    assert len(hostile) >= 2  # the shelling and the attack not made, at least
    assert f"wrote {len(hostile)} events" in done.stderr
    frame = pd.read_csv(tmp_path / "hostile.tsv", sep="\t", quoting=csv.QUOTE_NONE, dtype=str)
    assert list(frame["GlobalEventID"]) == list(hostile["id"])
    assert set(frame["QuadClass"]) == {"4"}
    for args in (["--format", "plover", "-o", str(tmp_path)],
                 ["--format", "csv", "-o", str(tmp_path / "no" / "such" / "dir.csv")],
                 ["--format", "gdelt", "-o", str(tmp_path / "no" / "dir.tsv")],
                 ["--format", "graphml", "--level", "planet", "-o", str(tmp_path / "g")],
                 ["--format", "excel", "-o", str(tmp_path / "x")]):
        done = run_cli("export", "--db", str(db), *args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("dyads: error:"), (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, (args, done.stderr)


# --- the pieces -------------------------------------------------------------------------


def test_records_read_back_as_the_events_they_were_written_from(pipeline: Pipeline) -> None:
    events = dyads.code_text(BORDER + "\n\n" + AID, pipeline, pub_date="2024-03-12")
    assert len(events) >= 5
    for event in events:
        record = event.to_record()
        assert event_from_record(record).to_record() == record


def test_mention_counts_take_the_merged_event_else_the_cluster() -> None:
    assert mention_counts({"articles": 3}) == (3, 3, 3)  # a store made before merging
    assert mention_counts({"articles": 0, "merged_mentions": None}) == (1, 1, 1)
    assert mention_counts({"articles": 5, "merged_mentions": 9, "merged_sources": 2,
                           "merged_articles": 12}) == (9, 2, 12)
    assert mention_counts({"articles": 4, "merged_mentions": float("nan")}) == (4, 4, 4)


def test_tsv_fields_hold_no_tab_or_line_break() -> None:
    assert tsv_field('a\tb\nc\r\nd\u2028e "f"') == 'a b c  d e "f"'
    assert (tsv_field(None), tsv_field(True), tsv_field(False)) == ("", "1", "0")
    assert (tsv_field(-10.0), tsv_field(0.85), tsv_field(7)) == ("-10", "0.85", "7")


def test_every_gdelt_column_and_plover_field_is_documented(stored: tuple[Store, Path]) -> None:
    store, _ = stored
    text = (Path(__file__).resolve().parent.parent / "docs" / "CORPUS.md").read_text()
    for column in GDELT_COLUMNS:
        assert f"`{column}`" in text, column
    row, record = next(export_rows(store, None))
    for name in plover_record(row, record):
        assert f"`{name}`" in text, name
