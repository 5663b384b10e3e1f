"""The embedded store: migrations, idempotent ingest, near-duplicate clusters, skips,
query filters and exports that round-trip their columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyads.errors import InputError, UsageError
from dyads.pipeline import Pipeline
from dyads.store import FRAME_COLUMNS, MIGRATIONS, Filters, Store, ingest
from tests.conftest import records, run_cli, write_wire
from tests.test_ingest_documents import PAGE, RSS

SHELLING = ("Shelling near Lachin\n\nAzerbaijani forces shelled Armenian positions near Lachin "
            "on Tuesday, the Armenian defence ministry said.\n\nArmenia accused Azerbaijan of "
            "violating the ceasefire agreement and said two soldiers were wounded in the "
            "attack.\n\nThe European Union urged both sides to return to talks in Brussels.")
REWRITE = SHELLING.replace("Shelling near Lachin", "Armenia says Azerbaijan shelled its "
                           "positions").replace("in Brussels.", "in Brussels, a spokesman said.")
JETS = ("Russia reportedly supplied Iran with fighter jets last month, according to officials "
        "familiar with the matter.\n\nIsrael condemned the deal and threatened to strike "
        "Iranian air bases.")
FRENCH = ("Le gouvernement français a annoncé mardi une nouvelle aide militaire à l'Ukraine, "
          "selon un communiqué publié par le ministère des armées à Paris.")


def write_corpus(folder: Path) -> Path:
    rows = [
        {"id": "wire-1", "url": "https://wire.example.com/1", "date": "2023-09-19",
         "title": "Shelling near Lachin", "site": "Example Wire", "text": SHELLING},
        {"id": "paper-7", "url": "https://paper.example.org/7", "date": "2023-09-19",
         "text": REWRITE},
        {"id": "wire-2", "url": "https://wire.example.com/2", "date": "2023-10-05",
         "text": JETS},
        {"id": "fr-1", "text": FRENCH},
        {"id": "blank-1", "text": "   \n  "},
    ]
    write_wire(folder, rows)
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "desk.rss").write_text(RSS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory,
           pipeline: Pipeline) -> Iterator[tuple[Store, Path]]:
    root = tmp_path_factory.mktemp("store")
    corpus = write_corpus(root / "corpus")
    store = Store.open(root / "corpus.duckdb")
    report = ingest([str(corpus)], store, pipeline=pipeline)
    assert (report.documents, report.coded, report.duplicates) == (5, 4, 1)
    assert report.reasons == {"empty": 2, "language": 1}
    yield store, root
    store.close()


def test_migrations_are_recorded_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        assert store.migrate() == []
    with Store.open(path) as store:
        assert store.count("migrations") == len(MIGRATIONS)
        assert store.count("documents") == 0


def test_a_store_opened_read_only_lists_its_migrations(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with Store.open(path) as store:
        written = store.applied_migrations()
    with Store.open(path, read_only=True) as store:
        assert store.applied_migrations() == written == [m.name for m in MIGRATIONS]


def test_reingesting_the_same_input_adds_nothing(stored: tuple[Store, Path],
                                                 pipeline: Pipeline) -> None:
    store, root = stored
    before = {t: store.count(t) for t in ("documents", "events", "skips")}
    report = ingest([str(root / "corpus")], store, pipeline=pipeline)
    assert (report.documents, report.events, report.already_stored) == (0, 0, 5)
    assert {t: store.count(t) for t in ("documents", "events", "skips")} == before
    runs = store.connection.execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert [r[0] for r in runs][-1] == "done"


def test_a_rewrite_joins_the_cluster_is_not_coded_and_keeps_its_source(
        stored: tuple[Store, Path]) -> None:
    store, _ = stored
    docs = store.documents_frame().set_index("source_id")
    first, copy = docs.loc["wire-1"], docs.loc["paper-7"]
    assert copy["cluster_id"] == first["cluster_id"] == first["id"]
    assert bool(first["coded"]) and not bool(copy["coded"])
    assert copy["events"] == 0 and first["events"] > 0
    assert copy["url"] == "https://paper.example.org/7"
    frame = store.events_frame()
    shelling = frame[frame["cluster_id"] == first["id"]]
    assert len(shelling) == first["events"]
    assert set(shelling["articles"]) == {2}
    assert set(frame[frame["doc_id"] != first["id"]]["articles"]) == {1}


def test_non_english_and_empty_documents_are_skips_with_reasons(
        stored: tuple[Store, Path]) -> None:
    store, _ = stored
    rows = store.connection.execute(
        "SELECT source, code, reason FROM skips WHERE code IN ('language', 'empty') "
        "ORDER BY source").fetchall()
    by_source = {Path(source).name: (code, reason) for source, code, reason in rows}
    assert by_source["wire.jsonl#4"][0] == "language" and "'fr'" in by_source["wire.jsonl#4"][1]
    assert by_source["wire.jsonl#5"][0] == "empty"
    assert by_source["desk.rss#2"][0] == "empty"


def test_documents_keep_their_metadata(stored: tuple[Store, Path]) -> None:
    store, _ = stored
    docs = store.documents_frame()
    page = docs[docs["kind"] == "html"].iloc[0]
    assert (page["title"], page["site"], page["author"], str(page["pub_date"])[:10]) == (
        "Port talks resume", "Harbour Gazette", "Mira Castell", "2024-03-11")
    feed = docs[docs["kind"] == "feed"].iloc[0]
    assert feed["url"] == "https://desk.example.org/a/kenya-engineers"


def _ids(store: Store, **given: object) -> set[str]:
    return set(store.events_frame(Filters(**given))["id"])  # type: ignore[arg-type]


def test_query_filters(stored: tuple[Store, Path]) -> None:
    store, _ = stored
    frame = store.events_frame()
    everything = set(frame["id"])
    by_actor = _ids(store, actor="AZE")
    assert by_actor and all(any(c.startswith("AZE") for c in codes.split(";"))
                            for codes in frame[frame["id"].isin(by_actor)]["actor_code"])
    assert _ids(store, actor="aze") == by_actor
    assert _ids(store, recipient="IRN") == set(frame[frame["recipient_code"].str.contains(
        "IRN")]["id"])
    assault = _ids(store, category="ASSAULT")
    assert assault and assault == set(frame[frame["event"] == "ASSAULT"]["id"])
    assert _ids(store, category="19") == set(frame[frame["cameo"].str.startswith("19")]["id"])
    assert _ids(store, quad_class=4) == set(frame[frame["quad_class"] == 4]["id"])
    hedged = _ids(store, hedged=True)
    assert hedged and hedged == set(frame[frame["hedged"]]["id"])
    assert _ids(store, hedged=False) == everything - hedged
    autumn = _ids(store, since="2023-10-01", until="2023-10-31")
    assert autumn and all(str(d)[:7] == "2023-10"
                          for d in frame[frame["id"].isin(autumn)]["day"])
    assert _ids(store, text="FIGHTER JETS") == set(
        frame[frame["text"].str.contains("fighter jets")]["id"])
    assert _ids(store, actor="RUS", hedged=True, category="AID")
    assert not _ids(store, actor="RUS", hedged=False, category="AID")


def test_jsonl_export_is_the_record_contract(stored: tuple[Store, Path],
                                             tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.jsonl"
    n = store.export(out, "jsonl")
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(exported) == n == store.count("events")
    frame = store.events_frame()
    assert [r["id"] for r in exported] == list(frame["id"])
    for record in exported:
        for name in ("event", "cameo", "actor", "recipient", "modality", "hedged",
                     "text_info", "trigger", "schema_version"):
            assert name in record


def test_csv_export_round_trips_its_columns(stored: tuple[Store, Path],
                                            tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events.csv"
    store.export(out, "csv")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == FRAME_COLUMNS
    frame = store.events_frame()
    assert [r["id"] for r in rows] == list(frame["id"])
    back = duckdb.sql(f"SELECT * FROM read_csv('{out}', header=true)").df()
    assert tuple(back.columns) == FRAME_COLUMNS
    for column in ("actor_code", "event", "cameo", "text", "quad_class", "hedged"):
        left = ["" if v is None or v != v else str(v) for v in frame[column]]
        right = ["" if v is None or v != v else str(v) for v in back[column]]
        assert left == right, column


def test_parquet_export_is_partitioned_by_month_and_read_back_by_duckdb(
        stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = stored
    out = tmp_path / "events"
    n = store.export(out, "parquet")
    months = sorted(p.name for p in out.iterdir())
    assert "month=2023-09" in months and "month=2023-10" in months
    back = duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet', "
                      "hive_partitioning=true) ORDER BY id").df()
    assert len(back) == n == store.count("events")
    assert set(FRAME_COLUMNS) <= set(back.columns)
    frame = store.events_frame().sort_values("id")
    assert list(back["id"]) == list(frame["id"])
    assert list(back["actor_code"]) == list(frame["actor_code"])
    with pytest.raises(Exception, match="not empty"):
        store.export(out, "parquet")


def test_query_and_export_commands(stored: tuple[Store, Path], tmp_path: Path) -> None:
    store, root = stored
    db = tmp_path / "copy.duckdb"
    store.connection.execute("CHECKPOINT")
    db.write_bytes((root / "corpus.duckdb").read_bytes())
    done = run_cli("query", "--db", str(db), "--actor", "RUS", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert {r["actor"][0]["code"] for r in records(done.stdout)} == {"RUS"}
    done = run_cli("query", "--db", str(db), "--category", "ASSAULT")
    assert done.returncode == 0 and "ASSAULT" in done.stdout
    done = run_cli("export", "--db", str(db), "--format", "csv", "--hedged", "-o",
                   str(tmp_path / "e.csv"))
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "e.csv").read_text().splitlines()
    assert lines[0].split(",") == list(FRAME_COLUMNS)
    assert len(lines) - 1 == len(store.events_frame(hedged=True))


def test_bad_filters_and_missing_store_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="dyads ingest"):
        Store.open(tmp_path / "none.duckdb", read_only=True)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        Filters(since="yesterday").where()
    with pytest.raises(UsageError, match="QuadClass"):
        Filters(quad_class=7).where()
