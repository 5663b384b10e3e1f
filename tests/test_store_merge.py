"""Merged events in the store: the same event told by several articles is one merged event
with its mentions; other dyads, far dates and denials stay apart; a near-duplicate adds an
article, not a mention; merging is incremental and idempotent; numbers that disagree are
flagged with every value, never averaged; a store made before merged events migrates."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from dyads.errors import InputError
from dyads.ingest.dedupe import signature, to_bytes
from dyads.ingest.documents import SourceDocument
from dyads.merge import (
    MergeKey,
    Place,
    conflicts_of,
    corroboration,
    key_of,
    mention_of,
    within,
)
from dyads.pipeline import Pipeline
from dyads.settings import Settings
from dyads.store import MERGED_FRAME_COLUMNS, MIGRATIONS, Store, ingest
from dyads.store.migrations import MIGRATIONS_TABLE
from dyads.store.store import event_row
from tests.conftest import records, run_cli, write_wire

# Three reports of one shelling, each in its own words (Tuesday is 12 March 2024).
KHERSON_ALPHA = ("Russian forces shelled the Ukrainian city of Kherson on Tuesday, killing 12 "
                 "civilians, regional officials said.\n\nFirefighters worked through the "
                 "night to put out blazes in the city centre.")
KHERSON_BETA = ("Kherson came under heavy fire on Tuesday when Russian troops bombarded "
                "Ukraine's southern port city with artillery, leaving 20 people dead, "
                "according to the regional governor.")
KHERSON_GAMMA = ("Russia's army fired rockets and artillery shells at the southern Ukrainian "
                 "city of Kherson on Tuesday, Ukrainian emergency services said, adding that "
                 "rescuers were still searching the rubble of a school.")
# The first report again, carried by another outlet with a line added at the end.
KHERSON_ALPHA_COPY = KHERSON_ALPHA + "\n\nThe mayor appealed to residents to stay in shelters."
# Another dyad on the same day, and the same dyad eleven days earlier.
BELGOROD = ("Ukrainian drones struck an oil depot in the Russian region of Belgorod on "
            "Tuesday, the local governor said.")
KHERSON_EARLIER = ("Russian troops attacked the Ukrainian city of Kherson with artillery on "
                   "March 1, a spokesman for the southern command said.")
# The same dyad and day, said not to have happened.
KHERSON_DENIED = ("Russia's defence ministry said its forces did not shell the Ukrainian city "
                  "of Kherson on Tuesday.")
# Two shares of one flow that disagree (one from a trade event, one from a relation), and
# a stance.
WHEAT_FORTY = ("Egypt imports about 40% of its wheat from Russia, trade officials said on "
               "Thursday.\n\nEgypt and Russia are close allies.")
WHEAT_SEVENTY = "Egypt relies on Russia for 70% of its wheat, a report by the agriculture " \
                "ministry said."


def _doc(doc_id: str, site: str, date: str, text: str) -> dict[str, str]:
    return {"id": doc_id, "url": f"https://{site}.example.com/{doc_id}", "site": site.title(),
            "date": date, "text": text}


@pytest.fixture(scope="module")
def relating(pipeline: Pipeline) -> Pipeline:
    """The session's pipeline, reading relations as `dyads ingest` does."""
    return Pipeline(Settings(relations=True), nlp=pipeline.nlp, actors=pipeline.actors)


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory,
            relating: Pipeline) -> Iterator[tuple[Store, Any]]:
    root = tmp_path_factory.mktemp("merge-one")
    corpus = write_wire(root / "corpus", [
        _doc("alpha-1", "alpha", "2024-03-13", KHERSON_ALPHA),
        _doc("beta-1", "beta", "2024-03-14", KHERSON_BETA),
        _doc("gamma-1", "gamma", "2024-03-13", KHERSON_GAMMA),
        _doc("delta-1", "delta", "2024-03-13", BELGOROD),
        _doc("eps-1", "epsilon", "2024-03-02", KHERSON_EARLIER),
        _doc("zeta-1", "zeta", "2024-03-14", WHEAT_FORTY),
        _doc("eta-1", "eta", "2024-03-15", WHEAT_SEVENTY),
    ])
    store = Store.open(root / "one.duckdb")
    report = ingest([str(corpus)], store, pipeline=relating)
    assert (report.documents, report.coded) == (7, 7)
    yield store, report
    store.close()


def _merged(store: Store, **given: Any) -> pd.DataFrame:
    return store.merged_frame(**given)


def _shelling(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["actor_code"] == "RUSMIL") & (frame["recipient_code"] == "UKR")
                 & (frame["event"] == "ASSAULT")]


def test_three_articles_of_one_shelling_are_one_merged_event(
        one_run: tuple[Store, Any]) -> None:
    store, report = one_run
    frame = _shelling(_merged(store))
    tuesday = frame[frame["first_day"].astype(str).str[:10] == "2024-03-12"]
    assert len(tuesday) == 1
    event = tuesday.iloc[0]
    assert (event["mentions"], event["articles"], event["reports"], event["sources"]) == (
        3, 3, 3, 3)
    assert str(event["last_day"])[:10] == "2024-03-12"
    assert event["location"] == "Kherson"
    assert event["hedged_share"] == pytest.approx(1 / 3)  # 'according to the governor'
    assert event["corroboration"] == corroboration(3, 3, 1 / 3, 0.0)
    mentions = store.mentions_frame(event["id"])
    assert len(mentions) == 3 and mentions["doc_id"].nunique() == 3
    assert {u.split("/")[2] for u in mentions["url"]} == {
        "alpha.example.com", "beta.example.com", "gamma.example.com"}
    # Every stored event is the mention of exactly one merged event.
    assert store.count("mentions") == store.count("events") == report.events
    assert report.joined == 2 and report.merged == store.count("merged_events")


def test_exports_carry_the_merged_counts_and_merged_export_writes_one_row(
        one_run: tuple[Store, Any], tmp_path: Path) -> None:
    import csv

    store, _ = one_run
    tuesday = _shelling(_merged(store))
    merged_id = tuesday[tuesday["first_day"].astype(str).str[:10] == "2024-03-12"].iloc[0]["id"]

    def gdelt(merged: bool) -> list[dict[str, str]]:
        path = tmp_path / f"events-{merged}.tsv"
        store.export(path, "gdelt", merged=merged)
        with path.open(encoding="utf-8", newline="") as f:
            return [r for r in csv.DictReader(f, delimiter="\t")
                    if r["MergedEventID"] == merged_id]

    # every mention's row names its merged event and carries its counts ...
    rows = gdelt(False)
    assert len(rows) == 3
    assert {(r["NumMentions"], r["NumSources"], r["NumArticles"]) for r in rows} == {
        ("3", "3", "3")}
    # ... and --merged writes the event once, as GDELT would
    (row,) = gdelt(True)
    assert (row["NumMentions"], row["Actor1Code"], row["Actor2Code"]) == ("3", "RUSMIL", "UKR")
    frame = store.events_frame()
    assert (frame["merged_id"] == merged_id).sum() == 3
    out = tmp_path / "merged.jsonl"
    n = store.export(out, "jsonl", merged=True)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) == store.count("merged_events")
    (shelling,) = [m for m in lines if m["id"] == merged_id]
    assert len(shelling["evidence"]) == 3


def test_other_dyads_and_far_dates_are_not_merged(one_run: tuple[Store, Any]) -> None:
    store, _ = one_run
    frame = _merged(store)
    shelling = _shelling(frame)
    assert sorted(str(d)[:10] for d in shelling["first_day"]) == ["2024-03-01", "2024-03-12"]
    earlier = shelling[shelling["first_day"].astype(str).str[:10] == "2024-03-01"].iloc[0]
    assert (earlier["mentions"], earlier["articles"]) == (1, 1)
    belgorod = frame[frame["location"] == "Belgorod"]
    assert len(belgorod) == 1 and belgorod.iloc[0]["mentions"] == 1
    assert belgorod.iloc[0]["actor_code"].startswith("UKR")


def test_merged_frame_takes_the_filters_of_events_frame(one_run: tuple[Store, Any]) -> None:
    store, _ = one_run
    everything = _merged(store)
    assert tuple(everything.columns) == MERGED_FRAME_COLUMNS
    days = {str(d)[:10] for d in _shelling(_merged(store, since="2024-03-10"))["first_day"]}
    assert days == {"2024-03-12"}
    days = {str(d)[:10] for d in _shelling(_merged(store, until="2024-03-05"))["first_day"]}
    assert days == {"2024-03-01"}
    by_code = _merged(store, category="19")
    assert len(by_code) and set(by_code["event"]) == {"ASSAULT"}
    assert set(_merged(store, actor="RUS", category="ASSAULT")["id"]) == set(
        _shelling(everything)["id"])
    hedged = _merged(store, hedged=True)
    assert (hedged["hedged_share"] == 1).all()
    assert set(hedged["id"]) | set(_merged(store, hedged=False)["id"]) == set(everything["id"])
    # Words of any mention select the merged event, not only its representative's.
    found = _merged(store, text="20 people dead")
    assert list(found["id"]) == list(_shelling(found)["id"]) and found.iloc[0]["mentions"] == 3
    assert "20 people" not in found.iloc[0]["text"]  # a hedged mention: not representative


def test_disagreeing_casualty_counts_are_flagged_with_both_values(
        one_run: tuple[Store, Any]) -> None:
    store, _ = one_run
    frame = _shelling(_merged(store, conflicts=True))
    assert len(frame) == 1
    conflicts = json.loads(frame.iloc[0]["conflicts"])
    assert list(conflicts) == ["dead"]
    docs = store.documents_frame().set_index("source_id")["id"]
    values = {row["value"]: row["docs"] for row in conflicts["dead"]}
    assert values == {12.0: [docs["alpha-1"]], 20.0: [docs["beta-1"]]}
    # Flagged, not averaged: no other number is stored for the event.
    assert json.loads(frame.iloc[0]["quantities"]) == conflicts
    assert _merged(store, conflicts=False)["conflicts"].isna().all()


def test_disagreeing_flow_shares_are_flagged_with_both_values(
        one_run: tuple[Store, Any]) -> None:
    store, _ = one_run
    flows = store.flows_frame()
    wheat = flows[(flows["supplier"] == "RUS") & (flows["recipient"] == "EGY")
                  & (flows["commodity"] == "food")]
    assert sorted(wheat["share"]) == [40.0, 70.0]
    assert set(wheat["origin"]) == {"event", "relation"}
    docs = store.documents_frame().set_index("source_id")["id"]
    for listing in wheat["conflicts"]:
        values = {row["share"]: row["docs"] for row in json.loads(listing)}
        assert values == {40.0: [docs["zeta-1"]], 70.0: [docs["eta-1"]]}
    assert list(store.flows_frame(conflicts=True)["id"]) == list(wheat["id"])


def test_sentences_entities_and_stances_carry_their_document_and_sentence(
        one_run: tuple[Store, Any]) -> None:
    store, _ = one_run
    con = store.connection
    per_doc = dict(con.execute("SELECT doc_id, count(*) FROM sentences GROUP BY doc_id")
                   .fetchall())
    documents = store.documents_frame()
    assert per_doc == dict(zip(documents["id"], documents["sentences"], strict=True))
    texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
    for doc_id, start, end, text in con.execute(
            "SELECT doc_id, start_char, end_char, text FROM sentences").fetchall():
        assert texts[doc_id][start:end] == text
    for doc_id, start, end, text in con.execute(
            "SELECT doc_id, start_char, end_char, text FROM entities").fetchall():
        assert texts[doc_id][start:end] == text
    roles = con.execute("SELECT role, count(*) FROM entities GROUP BY role").fetchall()
    assert {r for r, _ in roles} == {"mention", "actor", "recipient"}
    # Every participant row names its event, whose sentence holds the entity.
    bad = con.execute(
        "SELECT count(*) FROM entities n JOIN events e ON e.id = n.event_id "
        "WHERE n.sentence_index != e.sentence_index OR n.role = 'mention'").fetchall()
    assert bad[0][0] == 0
    assert con.execute("SELECT count(*) FROM entities WHERE role != 'mention' AND "
                       "event_id IS NULL").fetchall()[0][0] == 0
    stances = store.stances_frame()
    assert len(stances) == 1
    stance = stances.iloc[0]
    assert (stance["kind"], {stance["holder"], stance["other"]}, bool(stance["mutual"])) == (
        "alliance", {"EGY", "RUS"}, True)
    assert stance["text"] == "Egypt and Russia are close allies."


# --- three runs: incremental, idempotent, near-duplicates ---

@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory,
             relating: Pipeline) -> Iterator[tuple[Store, Path, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("merge-runs")
    first = write_wire(root / "monday", [
        _doc("alpha-1", "alpha", "2024-03-13", KHERSON_ALPHA),
        _doc("beta-1", "beta", "2024-03-14", KHERSON_BETA),
    ])
    second = write_wire(root / "tuesday", [
        _doc("gamma-1", "gamma", "2024-03-13", KHERSON_GAMMA),
        _doc("theta-1", "theta", "2024-03-14", KHERSON_DENIED),
    ])
    third = write_wire(root / "wednesday", [
        _doc("copy-1", "copydesk", "2024-03-13", KHERSON_ALPHA_COPY),
    ])
    store = Store.open(root / "two.duckdb")
    seen: dict[str, Any] = {"first": ingest([str(first)], store, pipeline=relating)}
    seen["after_first"] = _shelling(store.merged_frame()).copy()
    seen["second"] = ingest([str(second)], store, pipeline=relating)
    seen["after_second"] = _shelling(store.merged_frame()).copy()
    seen["third"] = ingest([str(third)], store, pipeline=relating)
    yield store, root, seen
    store.close()


def test_a_later_run_adds_mentions_to_the_stored_merged_event(
        two_runs: tuple[Store, Path, dict[str, Any]]) -> None:
    store, _, seen = two_runs
    before = seen["after_first"]
    assert len(before) == 1
    assert (before.iloc[0]["mentions"], before.iloc[0]["articles"]) == (2, 2)
    after = _shelling(store.merged_frame(hedged=False))
    affirmed = after[~after["negated"]]
    assert list(affirmed["id"]) == list(before["id"])  # the same merged event, grown
    event = affirmed.iloc[0]
    middle = seen["after_second"]
    middle = middle[~middle["negated"]].iloc[0]
    assert (middle["mentions"], middle["articles"], middle["sources"]) == (3, 3, 3)
    # A run later the copy joins the first report's cluster: one more article and
    # source, not one more mention or report.
    assert (seen["third"].duplicates, seen["third"].events) == (1, 0)
    assert (event["mentions"], event["reports"], event["articles"], event["sources"]) == (
        3, 3, 4, 4)
    assert event["corroboration"] > middle["corroboration"]
    assert store.mentions_frame(event["id"])["doc_id"].nunique() == 3


def test_a_denial_stays_apart_and_lowers_the_corroboration(
        two_runs: tuple[Store, Path, dict[str, Any]]) -> None:
    store, _, _ = two_runs
    frame = _shelling(store.merged_frame())
    assert len(frame) == 2
    affirmed = frame[~frame["negated"]].iloc[0]
    denied = frame[frame["negated"]].iloc[0]
    assert (denied["mentions"], denied["contested"], affirmed["contested"]) == (1, 3, 1)
    assert affirmed["corroboration"] == corroboration(3, 4, 1 / 3, 1 / 4)
    assert affirmed["corroboration"] < corroboration(3, 4, 1 / 3, 0.0)
    assert denied["corroboration"] < affirmed["corroboration"]


def test_reingesting_both_runs_adds_nothing(
        two_runs: tuple[Store, Path, dict[str, Any]], relating: Pipeline) -> None:
    store, root, _ = two_runs
    tables = ("documents", "events", "sentences", "entities", "flows", "stances",
              "merged_events", "mentions")
    before = {t: store.count(t) for t in tables}
    merged = store.merged_frame()
    report = ingest([str(root / "monday"), str(root / "tuesday"), str(root / "wednesday")],
                    store, pipeline=relating)
    assert (report.documents, report.events, report.merged, report.joined) == (0, 0, 0, 0)
    assert report.already_stored == 5
    assert {t: store.count(t) for t in tables} == before
    pd.testing.assert_frame_equal(store.merged_frame(), merged)


def test_query_merged_command(two_runs: tuple[Store, Path, dict[str, Any]],
                              tmp_path: Path) -> None:
    store, root, _ = two_runs
    store.connection.execute("CHECKPOINT")
    db = tmp_path / "copy.duckdb"
    shutil.copy(root / "two.duckdb", db)
    done = run_cli("query", "--db", str(db), "--merged", "--format", "jsonl", "--actor",
                   "RUS", "--category", "ASSAULT", "--no-hedged")
    assert done.returncode == 0, done.stderr
    found = records(done.stdout)
    affirmed = [r for r in found if not r["negated"]]
    assert len(found) == 2 and len(affirmed) == 1
    assert (affirmed[0]["mentions"], affirmed[0]["articles"]) == (3, 4)
    assert len(affirmed[0]["evidence"]) == 3
    assert set(affirmed[0]) >= set(MERGED_FRAME_COLUMNS)
    done = run_cli("query", "--db", str(db), "--merged", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split(",") == list(MERGED_FRAME_COLUMNS)
    done = run_cli("query", "--db", str(db), "--merged", "--text", "did not shell")
    assert done.returncode == 0, done.stderr
    assert "1 merged events" in done.stdout and "negated" in done.stdout
    done = run_cli("query", "--db", str(db), "--conflicts")
    assert done.returncode == 2 and "--merged" in done.stderr
    assert "Traceback" not in done.stderr


# --- a store made before merged events ---

def _m001_store(path: Path, pipeline: Pipeline) -> tuple[str, int]:
    """A store as the first version made it: migration m001 only, one coded document."""
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS_TABLE)
    for statement in MIGRATIONS[0].statements:
        con.execute(statement)
    con.execute("INSERT INTO migrations VALUES (?, ?)", [MIGRATIONS[0].name, dt.datetime.now()])
    con.execute("INSERT INTO runs (id, started_at, finished_at, status, sources, settings, "
                "dyads_version) VALUES (1, ?, ?, 'done', '[]', '{}', '0.1.0')",
                [dt.datetime.now(), dt.datetime.now()])
    doc = SourceDocument("old.jsonl#1", KHERSON_ALPHA, "jsonl", source_id="alpha-1",
                         url="https://alpha.example.com/alpha-1", site="Alpha",
                         pub_date="2024-03-13")
    [result] = [r for r in pipeline_results(pipeline, doc.key, doc)]
    old = Store(con, str(path))
    old._insert("documents", [Store.document_row(
        doc, doc.key, doc.key, True, result.sentences, len(result.events),
        to_bytes(signature(doc.text, 3, 128)), 1)])
    old._insert("events", [event_row(e, doc.key, doc.pub_date) for e in result.events])
    con.close()
    return doc.key, len(result.events)


def pipeline_results(pipeline: Pipeline, doc_id: str, doc: SourceDocument) -> list[Any]:
    from dyads.models import Document
    from dyads.pipeline import code_documents

    return [r for r in code_documents([Document(doc_id, doc.text, doc.source, doc.pub_date)],
                                      pipeline.settings, pipeline=pipeline)
            if not hasattr(r, "code")]


def test_a_store_made_with_m001_only_migrates_and_merges_its_events(
        tmp_path: Path, relating: Pipeline) -> None:
    path = tmp_path / "old.duckdb"
    doc_id, events = _m001_store(path, relating)
    with Store.open(path, read_only=True) as old:  # read-only: not migrated
        assert len(old.events_frame()) == events
        with pytest.raises(InputError, match="dyads ingest SOURCE"):
            old.merged_frame()
    done = run_cli("query", "--db", str(path), "--merged")
    assert done.returncode == 2 and "earlier dyads" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    with Store.open(path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        assert store.count("events") == events and store.count("merged_events") == 0
        assert store.unmerged() == events
        corpus = write_wire(tmp_path / "new", [_doc("beta-1", "beta", "2024-03-14",
                                                     KHERSON_BETA)])
        report = ingest([str(corpus)], store, pipeline=relating)
        assert store.unmerged() == 0
        assert report.documents == 1
        event = _shelling(store.merged_frame()).iloc[0]
        assert (event["mentions"], event["articles"], event["sources"]) == (2, 2, 2)
        assert doc_id in set(store.mentions_frame(event["id"])["doc_id"])
        # The old document has no sentence rows (it was coded before they were kept).
        assert store.connection.execute("SELECT count(*) FROM sentences WHERE doc_id = ?",
                                        [doc_id]).fetchall()[0][0] == 0


# --- the rules, without a store ---

def _record(**given: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "d1:0:0", "event": "ASSAULT", "cameo": "194", "negated": False,
        "modality": "actual", "hedged": False,
        "actor": [{"code": "RUSMIL"}], "recipient": [{"code": "UKR"}],
        "location": {"text": "Kherson", "country": "UKR", "kind": "city", "inferred": False},
        "quantities": [],
    }
    record.update(given)
    return record


def test_the_merge_key_reads_allegations_as_acts_and_keeps_denials_apart() -> None:
    plain = key_of(_record())
    assert key_of(_record(modality="alleged")) == plain
    assert key_of(_record(modality="denied")) != plain
    assert key_of(_record(negated=True)) != plain
    assert key_of(_record(modality="threatened")).reading is None
    assert key_of(_record(negated=True)).reading == key_of(_record(modality="denied")).reading
    both = key_of(_record(actor=[{"code": "BLR"}, {"code": "RUS"}]))
    assert both == key_of(_record(actor=[{"code": "RUS"}, {"code": "BLR"}]))
    assert key_of(_record(event=None, cameo="010")).category == "01"
    assert not MergeKey("---MIL", "UKR", "ASSAULT", False, "actual").known_actor
    assert mention_of(_record(modality="alleged"), "d1", "d1", "2024-03-12").hedged


def test_places_agree_when_equal_or_a_country_holds_the_place() -> None:
    kherson = Place("Kherson", "UKR", "city")
    ukraine = Place("Ukraine", "UKR", "country")
    assert kherson.agrees(None) and kherson.agrees(Place("kherson", "UKR", "city"))
    assert kherson.agrees(ukraine) and ukraine.agrees(kherson)
    assert not kherson.agrees(Place("Odesa", "UKR", "city"))
    assert not kherson.agrees(Place("Russia", "RUS", "country"))
    assert ukraine.finer(kherson) == kherson and kherson.finer(ukraine) == kherson
    inferred = _record(location={"text": "Kherson", "country": "UKR", "inferred": True})
    assert mention_of(inferred, "d1", "d1", None).place is None


def test_the_window_bounds_a_merged_event_s_whole_span() -> None:
    day = dt.date(2024, 3, 12)
    assert within(day, day, day + dt.timedelta(days=2), 2)
    assert not within(day, day, day + dt.timedelta(days=3), 2)
    # No chaining: a span of two days takes no third day beyond it.
    assert not within(day, day + dt.timedelta(days=2), day + dt.timedelta(days=3), 2)
    assert within(day, day + dt.timedelta(days=2), day + dt.timedelta(days=1), 2)


def test_corroboration_grows_with_reports_and_sources_and_falls_with_doubt() -> None:
    assert corroboration(1, 1, 0.0, 0.0) == 0.5
    assert corroboration(3, 3, 0.0, 0.0) == 0.875
    assert corroboration(1, 4, 0.0, 0.0) < corroboration(3, 3, 0.0, 0.0)
    assert corroboration(3, 3, 1.0, 0.0) == pytest.approx(0.875 / 2, abs=0.001)
    assert corroboration(3, 3, 0.0, 0.5) < corroboration(3, 3, 0.0, 0.0)
    assert 0.0 <= corroboration(50, 50, 0.0, 0.0) <= 1.0


def test_conflicts_list_every_value_and_skip_plain_counts() -> None:
    table = {"dead": [{"value": 12.0, "events": ["a"], "docs": ["d1"]},
                      {"value": 20.0, "events": ["b"], "docs": ["d2"]}],
             "count": [{"value": 3.0, "events": ["a"], "docs": ["d1"]},
                       {"value": 30.0, "events": ["b"], "docs": ["d2"]}],
             "injured": [{"value": 4.0, "events": ["a", "b"], "docs": ["d1", "d2"]}]}
    assert conflicts_of(table) == {"dead": table["dead"]}
