"""The embedded store: one DuckDB file holding documents, events, skips and runs.

``Store.open(path)`` creates the file when needed and applies the pending migrations
(``dyads.store.migrations``). Documents are written with their events and skips in one
transaction, so a run that is killed leaves no half-written document; a document whose id
is stored already (same text, same URL) is never written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, UsageError
from ..ingest.documents import SourceDocument, iso_date
from ..merge import mention_of
from ..models import Event, Skip
from .merged import MergeCounts, flag_flow_conflicts, merge_mentions
from .migrations import MIGRATIONS, MIGRATIONS_TABLE
from .tables import rows_frame, with_frame

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

EXPORT_FORMATS = ("parquet", "jsonl", "csv", "plover", "gdelt", "graphml")
QUERY_FORMATS = ("table", "jsonl", "csv")

# The flat event columns, in order (the ``events`` table without ``record``).
EVENT_COLUMNS = (
    "id", "doc_id", "sentence_index", "event", "mode", "context", "cameo", "penta_class",
    "quad_class", "goldstein", "trigger", "actor_code", "actor_text", "recipient_code",
    "recipient_text", "negated", "modality", "hedged", "attribution", "date", "day",
    "location", "location_country", "confidence", "rule", "text",
)
# Added from the event's document and its cluster by ``events_frame`` and the exports.
DOCUMENT_COLUMNS = ("pub_date", "url", "title", "site", "source", "cluster_id", "articles")
# ... and from the merged event the event is a mention of (null in a store made before
# merging, opened read-only).
MERGED_COLUMNS = ("merged_id", "merged_mentions", "merged_sources", "merged_articles",
                  "corroboration")
FRAME_COLUMNS = EVENT_COLUMNS + DOCUMENT_COLUMNS + MERGED_COLUMNS
# ``merged_frame``: a merged event, its counts, and its representative mention's
# document and sentence.
MERGED_FRAME_COLUMNS = (
    "id", "first_day", "last_day", "actor_code", "recipient_code", "event", "category",
    "cameo", "quad_class", "goldstein", "negated", "modality", "location",
    "location_country", "mentions", "reports", "articles", "sources", "hedged_share",
    "contested", "corroboration", "conflicts", "quantities", "representative", "doc_id",
    "text",
)
TABLES = ("documents", "events", "skips", "runs", "migrations", "sentences", "entities",
          "flows", "stances", "merged_events", "mentions")
MERGE_WINDOW_DAYS = 2
# Positions in the rows of the events table (``event_row``; the record is last) and of
# the documents table (``Store.document_row``).
_EVENT_DOC, _EVENT_DAY, _EVENT_RECORD = EVENT_COLUMNS.index("doc_id"), \
    EVENT_COLUMNS.index("day"), -1
_DOC_ID, _DOC_CLUSTER, _DOC_CODED = 0, 10, 11


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p)
                                      for p in parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class FilterColumns:
    """The SQL a filter reads: the events table's columns, or a merged event's."""

    actor: str = "e.actor_code"
    recipient: str = "e.recipient_code"
    event: str = "e.event"
    cameo: str = "e.cameo"  # a code, or several joined by ';'
    quad_class: str = "e.quad_class"
    first_day: str = "e.day"
    last_day: str = "e.day"
    hedged: str = "e.hedged"
    text: str = "contains(lower(e.text), ?)"  # a clause, given the lower-cased words


EVENT_FILTERS = FilterColumns()
# A merged event: its days overlap the bounds; it is hedged when every mention is; its
# words are in any of its mentions' sentences.
MERGED_FILTERS = FilterColumns(
    actor="m.actor_code", recipient="m.recipient_code", event="m.event", cameo="m.cameo",
    quad_class="m.quad_class", first_day="m.first_day", last_day="m.last_day",
    hedged="(m.hedged_share >= 1)",
    text="EXISTS (SELECT 1 FROM mentions x JOIN events y ON y.id = x.event_id "
         "WHERE x.merged_id = m.id AND contains(lower(y.text), ?))")


@dataclass(frozen=True)
class Filters:
    """What ``dyads query`` and the exports select. ``actor`` and ``recipient`` match a
    code or its start ("AZE" matches "AZEMIL"); ``category`` is a PLOVER category
    ("ASSAULT") or a CAMEO code or prefix ("19"); dates bound the event's day (its own
    resolved date, else its document's publication date); ``text`` is a case-insensitive
    substring of the sentence."""

    actor: str | None = None
    recipient: str | None = None
    category: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    hedged: bool | None = None
    text: str | None = None

    def where(self, columns: FilterColumns = EVENT_FILTERS) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, code in ((columns.actor, self.actor), (columns.recipient, self.recipient)):
            if code:
                clauses.append(f"regexp_matches(coalesce({column}, ''), ?)")
                params.append(f"(^|;){re.escape(code.upper())}")
        if self.category:
            if self.category.isdigit():
                clauses.append(f"regexp_matches({columns.cameo}, ?)")
                params.append(f"(^|;){self.category}")
            else:
                clauses.append(f"upper({columns.event}) = ?")
                params.append(self.category.upper())
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise UsageError(f"QuadClass is 1, 2, 3 or 4, not {self.quad_class}")
            clauses.append(f"{columns.quad_class} = ?")
            params.append(self.quad_class)
        for op, value, name, column in ((">=", self.since, "since", columns.last_day),
                                        ("<=", self.until, "until", columns.first_day)):
            if value:
                day = iso_date(value)
                if day is None or len(value) != 10:
                    raise UsageError(f"--{name} {value!r} is not a date; use YYYY-MM-DD")
                clauses.append(f"{column} {op} CAST(? AS DATE)")
                params.append(day)
        if self.hedged is not None:
            clauses.append(f"{columns.hedged} = ?")
            params.append(self.hedged)
        if self.text:
            clauses.append(columns.text)
            params.append(self.text.lower())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass
class PendingWrite:
    """Rows to write in the next transaction."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    skips: list[tuple[Any, ...]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    flows: list[tuple[Any, ...]] = field(default_factory=list)
    stances: list[tuple[Any, ...]] = field(default_factory=list)


def event_row(event: Event, doc_id: str, pub_date: str | None) -> tuple[Any, ...]:
    """One row of the ``events`` table: the flat columns and the full record as JSON."""
    r = event.to_record()
    r["doc_id"] = doc_id
    r["id"] = f"{doc_id}:{event.sentence_index}:{event.n}"
    date = r["date"]["iso"] if r["date"] else None
    day = iso_date(date) if date and len(date) == 10 else pub_date
    location = r["location"]
    return (
        r["id"], doc_id, r["sentence_index"], r["event"], r["mode"],
        ";".join(r["context"]), r["cameo"], r["penta_class"], r["quad_class"],
        r["goldstein"], r["trigger"]["text"],
        ";".join(a["code"] for a in r["actor"]), ";".join(a["entity_text"] for a in r["actor"]),
        ";".join(a["code"] for a in r["recipient"]),
        ";".join(a["entity_text"] for a in r["recipient"]),
        r["negated"], r["modality"], r["hedged"],
        r["attribution"]["text"] if r["attribution"] else None, date, day,
        location["text"] if location else None, location["country"] if location else None,
        r["confidence"], r["rule"], r["text"],
        json.dumps(r, ensure_ascii=False, separators=(",", ":")),
    )


def skip_row(skip: Skip, run_id: int, doc_id: str | None = None) -> tuple[Any, ...]:
    doc = doc_id or skip.doc_id
    key = _key(skip.source if doc is None else doc, skip.code, skip.start, skip.end,
               skip.reason if doc is None else "")
    return (key, skip.source, doc, skip.code, skip.reason, skip.start, skip.end,
            skip.text, run_id)


class Store:
    """A DuckDB file of documents, events, skips and runs. Use ``Store.open``."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.connection = connection
        self.path = path
        self._columns: dict[str, list[str]] = {}

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (creating it when absent) and bring the schema up to date."""
        import duckdb

        name = str(path)
        if read_only and not Path(name).exists():
            raise InputError(f"no store at {name}; make one with: dyads ingest SOURCE "
                             f"--db {name}")
        try:
            connection = duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            raise InputError(f"cannot open the store {name}: {exc}; is another dyads "
                             "process writing to it?") from None
        store = cls(connection, name)
        if not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---

    def applied_migrations(self) -> list[str]:
        """The names of the migrations the store has had, in order (none for a store
        with no migrations table; the table is made only when the store can be written)."""
        if not self._has_table("migrations"):
            import duckdb

            try:
                self.connection.execute(MIGRATIONS_TABLE)
            except duckdb.Error:  # a read-only store: it has had none
                return []
        rows = self.connection.execute(
            "SELECT name FROM migrations ORDER BY applied_at, name").fetchall()
        return [str(r[0]) for r in rows]

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in one transaction; their names."""
        done = set(self.applied_migrations())
        applied = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            con = self.connection
            con.begin()
            try:
                for statement in migration.statements:
                    con.execute(statement)
                con.execute("INSERT INTO migrations VALUES (?, ?)", [migration.name, _now()])
                con.commit()
            except BaseException:
                con.rollback()
                raise
            applied.append(migration.name)
        return applied

    # --- runs ---

    def start_run(self, sources: Sequence[str], settings: Mapping[str, Any],
                  version: str) -> int:
        con = self.connection
        run_id = self._scalar("SELECT coalesce(max(id), 0) + 1 FROM runs")
        con.execute("INSERT INTO runs (id, started_at, status, sources, settings, "
                    "dyads_version) VALUES (?, ?, 'running', ?, ?, ?)",
                    [run_id, _now(), json.dumps(list(sources)),
                     json.dumps(dict(settings), default=list), version])
        return run_id

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int]) -> None:
        self.connection.execute(
            "UPDATE runs SET finished_at = ?, status = ?, documents = ?, duplicates = ?, "
            "already_stored = ?, skipped = ?, events = ? WHERE id = ?",
            [_now(), status, counts.get("documents", 0), counts.get("duplicates", 0),
             counts.get("already_stored", 0), counts.get("skipped", 0),
             counts.get("events", 0), run_id])

    # --- reading what is stored ---

    def document_ids(self) -> set[str]:
        return {str(r[0]) for r in self.connection.execute(
            "SELECT id FROM documents").fetchall()}

    def signatures(self) -> list[tuple[str, bytes, str]]:
        """(id, MinHash signature, cluster id) of every stored document, oldest first."""
        rows = self.connection.execute(
            "SELECT id, minhash, cluster_id FROM documents ORDER BY ingested_at, id").fetchall()
        return [(str(a), bytes(b), str(c)) for a, b, c in rows]

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise UsageError(f"no table {table!r}")
        return self._scalar(f"SELECT count(*) FROM {table}")

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        rows = self.connection.execute(sql, list(params)).fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    # --- writing ---

    @staticmethod
    def document_row(doc: SourceDocument, doc_id: str, cluster_id: str, coded: bool,
                     sentences: int, events: int, minhash: bytes,
                     run_id: int) -> tuple[Any, ...]:
        return (doc_id, doc.source, doc.source_id, doc.kind, doc.url, doc.title, doc.site,
                doc.author, doc.pub_date, doc.text_hash, cluster_id, coded, len(doc.text),
                sentences, events, minhash, doc.text, run_id, _now())

    def write(self, rows: PendingWrite, *, window: int = MERGE_WINDOW_DAYS,
              run_id: int = 0) -> MergeCounts:
        """Write documents with their events, skips, sentences, entities, flows and
        stances in one transaction, and merge their events into the merged events (the
        same event told by other articles, within ``window`` days): all or none."""
        if not (rows.documents or rows.events or rows.skips):
            return MergeCounts()
        con = self.connection
        con.begin()
        try:
            # A frame per table: DuckDB reads it at once, where executemany would run
            # one statement a row (some 30 times slower).
            if rows.documents:
                self._insert("documents", rows.documents)
            if rows.events:
                self._insert("events", rows.events)
            if rows.skips:
                con.executemany("INSERT OR IGNORE INTO skips VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.skips)
            for table in ("sentences", "entities", "stances"):
                if getattr(rows, table):
                    self._insert(table, getattr(rows, table))
            if rows.flows:
                flag_flow_conflicts(con, rows.flows)
                self._insert("flows", rows.flows)
            counts = self._merge(rows, window, run_id)
            con.commit()
        except BaseException:  # KeyboardInterrupt too: leave no transaction open
            con.rollback()
            raise
        return counts

    def _merge(self, rows: PendingWrite, window: int, run_id: int) -> MergeCounts:
        clusters = {r[_DOC_ID]: str(r[_DOC_CLUSTER]) for r in rows.documents}
        grown = {str(r[_DOC_CLUSTER]) for r in rows.documents if not r[_DOC_CODED]}
        mentions = [mention_of(json.loads(r[_EVENT_RECORD]), str(r[_EVENT_DOC]),
                               clusters.get(r[_EVENT_DOC], str(r[_EVENT_DOC])),
                               r[_EVENT_DAY]) for r in rows.events]
        if not (mentions or grown):
            return MergeCounts()
        return merge_mentions(self.connection, mentions, grown, window, run_id)

    def unmerged(self) -> int:
        """Stored events that are no merged event's mention yet (events stored before
        migration m002); ``merge_pending`` merges them."""
        return self._scalar("SELECT count(*) FROM events e WHERE NOT EXISTS "
                            "(SELECT 1 FROM mentions m WHERE m.event_id = e.id)")

    def merge_pending(self, *, window: int = MERGE_WINDOW_DAYS, run_id: int = 0,
                      batch: int = 2000) -> MergeCounts:
        """Merge the stored events that no merged event holds yet (a store made before
        merged events existed), oldest documents first, ``batch`` events a transaction."""
        created = joined = 0
        con = self.connection
        while True:
            rows = con.execute(
                "SELECT e.id, e.doc_id, d.cluster_id, e.day, e.record FROM events e "
                "JOIN documents d ON d.id = e.doc_id WHERE NOT EXISTS "
                "(SELECT 1 FROM mentions m WHERE m.event_id = e.id) "
                "ORDER BY d.ingested_at, e.doc_id, e.sentence_index, e.id LIMIT ?",
                [batch]).fetchall()
            if not rows:
                return MergeCounts(created, joined)
            mentions = [mention_of(json.loads(record), str(doc_id), str(cluster), day)
                        for _, doc_id, cluster, day, record in rows]
            con.begin()
            try:
                counts = merge_mentions(con, mentions, (), window, run_id)
                con.commit()
            except BaseException:
                con.rollback()
                raise
            created += counts.created
            joined += counts.joined

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        columns = self._columns.get(table)
        if columns is None:
            columns = self._columns[table] = [str(r[0]) for r in self.connection.execute(
                f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid").fetchall()]
        with_frame(self.connection, "_dyads_rows", rows_frame(rows, columns),
                   f"INSERT INTO {table} SELECT * FROM _dyads_rows")

    # --- querying and exporting ---

    def _select(self, filters: Filters | None, extra: Sequence[str] = (),
                merged: bool = False) -> tuple[str, list[Any]]:
        """The query of the selected events' frame columns, and ``extra`` columns of
        ``events e`` or ``documents d`` (``e.record``) after them. ``merged``: only the
        event that represents each merged event, one row per merged event."""
        where, params = (filters or Filters()).where()
        columns = ", ".join([f"e.{c}" for c in EVENT_COLUMNS] + list(extra))
        if self._has_merged():
            counts = ("m.id AS merged_id, m.mentions AS merged_mentions, m.sources AS "
                      "merged_sources, m.articles AS merged_articles, m.corroboration")
            joins = (" LEFT JOIN mentions mn ON mn.event_id = e.id "
                     "LEFT JOIN merged_events m ON m.id = mn.merged_id")
        else:
            if merged:
                self._require_m002()
            counts = ", ".join(f"NULL AS {c}" for c in MERGED_COLUMNS)
            joins = ""
        if merged:
            where += (" AND " if where else " WHERE ") + "m.representative = e.id"
        sql = (f"SELECT {columns}, d.pub_date, d.url, d.title, d.site, d.source, "
               f"d.cluster_id, c.articles, {counts} FROM events e "
               "JOIN documents d ON d.id = e.doc_id "
               "JOIN (SELECT cluster_id, count(*) AS articles FROM documents "
               f"GROUP BY cluster_id) c ON c.cluster_id = d.cluster_id{joins}"
               f"{where} ORDER BY d.ingested_at, e.doc_id, e.sentence_index, e.id")
        return sql, params

    def _has_merged(self) -> bool:
        return self._has_table("merged_events")

    def _has_table(self, name: str) -> bool:
        return bool(self._scalar("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_name = ?", [name]))

    def events_frame(self, filters: Filters | None = None, **given: Any) -> pd.DataFrame:
        """The stored events (flat columns plus their document's date, URL, title, site,
        source, cluster and number of articles) as a pandas DataFrame.

        ``store.events_frame(actor="RUS", category="ASSAULT", since="2023-01-01")``."""
        filters = filters or Filters(**given)
        sql, params = self._select(filters)
        return self.connection.execute(sql, params).df()

    def merged_frame(self, filters: Filters | None = None, *, conflicts: bool | None = None,
                     **given: Any) -> pd.DataFrame:
        """The merged events (one row per event however many articles tell it), with
        their mentions, articles, sources, hedged share, corroboration and conflicts, and
        their representative mention's document and sentence; the filters of
        ``events_frame`` (a merged event is within dates when its days overlap them, hedged
        when every mention is, and has words when any mention's sentence has them);
        ``conflicts=True`` only those whose numbers disagree.

        ``store.merged_frame(actor="RUS", category="ASSAULT", since="2024-03-01")``."""
        sql, params = self._select_merged(filters or Filters(**given), conflicts)
        return self.connection.execute(sql, params).df()

    def _require_m002(self) -> None:
        """Merged events, flows and stances need migration m002, which a store opened
        read-only does not get."""
        if not self._has_merged():
            raise InputError(f"the store {self.path} was made by an earlier dyads and has no "
                             "merged events, flows or stances yet; run dyads ingest SOURCE "
                             f"--db {self.path} to bring it up to date")

    def _select_merged(self, filters: Filters,
                       conflicts: bool | None) -> tuple[str, list[Any]]:
        self._require_m002()
        where, params = filters.where(MERGED_FILTERS)
        if conflicts is not None:
            where += (" AND " if where else " WHERE ") + \
                f"m.conflicts IS {'NOT ' if conflicts else ''}NULL"
        columns = ", ".join("r.doc_id" if c == "doc_id" else "r.text" if c == "text"
                            else f"m.{c}" for c in MERGED_FRAME_COLUMNS)
        return (f"SELECT {columns} FROM merged_events m JOIN events r "
                f"ON r.id = m.representative{where} "
                "ORDER BY m.first_day NULLS LAST, m.id"), params

    def mentions_frame(self, merged_id: str | None = None) -> pd.DataFrame:
        """The mentions of the merged events (or of one): the event, its document and
        cluster, its day, whether hedged, and its sentence."""
        self._require_m002()
        where = " WHERE mn.merged_id = ?" if merged_id else ""
        return self.connection.execute(
            "SELECT mn.merged_id, mn.event_id, mn.doc_id, mn.cluster_id, mn.day, mn.hedged, "
            "e.cameo, e.modality, e.negated, d.site, d.url, d.pub_date, e.text "
            "FROM mentions mn JOIN events e ON e.id = mn.event_id "
            f"JOIN documents d ON d.id = mn.doc_id{where} "
            "ORDER BY mn.merged_id, d.ingested_at, mn.event_id",
            [merged_id] if merged_id else []).df()

    def merged_records(self, filters: Filters | None = None, *,
                       conflicts: bool | None = None) -> Iterable[dict[str, Any]]:
        """The selected merged events as JSON-ready dicts, each with its ``evidence`` (its
        mentions: event id, document, day, hedged) and its quantities and conflicts."""
        sql, params = self._select_merged(filters or Filters(), conflicts)
        cursor = self.connection.execute(sql, params)
        names = [str(d[0]) for d in cursor.description or ()]
        rows = cursor.fetchall()
        for row in rows:
            record = dict(zip(names, row, strict=True))
            for name in ("first_day", "last_day"):
                if record[name] is not None:
                    record[name] = record[name].isoformat()
            record["quantities"] = json.loads(record["quantities"])
            record["conflicts"] = json.loads(record["conflicts"]) \
                if record["conflicts"] else None
            record["evidence"] = [
                {"event_id": e, "doc_id": d, "day": day.isoformat() if day else None,
                 "hedged": h}
                for e, d, day, h in self.connection.execute(
                    "SELECT mn.event_id, mn.doc_id, mn.day, mn.hedged FROM mentions mn "
                    "JOIN documents d ON d.id = mn.doc_id WHERE mn.merged_id = ? "
                    "ORDER BY d.ingested_at, mn.event_id", [record["id"]]).fetchall()]
            yield record

    def flows_frame(self, *, conflicts: bool | None = None) -> pd.DataFrame:
        """The flows read from the stored documents (transfer events and supply
        relations), one row per flow read, with its document and sentence;
        ``conflicts=True`` only those whose share another report contradicts."""
        self._require_m002()
        where = "" if conflicts is None else \
            f" WHERE f.conflicts IS {'NOT ' if conflicts else ''}NULL"
        return self.connection.execute(
            "SELECT f.*, d.pub_date, d.site, d.url FROM flows f JOIN documents d "
            f"ON d.id = f.doc_id{where} ORDER BY d.ingested_at, f.doc_id, f.sentence_index, "
            "f.id").df()

    def stances_frame(self) -> pd.DataFrame:
        """The stances (alliance, rivalry) stated in the stored documents."""
        self._require_m002()
        return self.connection.execute(
            "SELECT s.*, d.pub_date, d.site, d.url FROM stances s JOIN documents d "
            "ON d.id = s.doc_id ORDER BY d.ingested_at, s.doc_id, s.sentence_index, "
            "s.id").df()

    def documents_frame(self) -> pd.DataFrame:
        return self.connection.execute(
            "SELECT * EXCLUDE (minhash, text) FROM documents ORDER BY ingested_at, id").df()

    def records(self, filters: Filters | None = None) -> Iterable[dict[str, Any]]:
        """The full event records (the public contract) of the selected events, in the
        order of ``events_frame``."""
        sql, params = self._select(filters, ("e.record",))
        cursor = self.connection.execute(sql, params)
        at = len(EVENT_COLUMNS)  # the record follows the event's own columns
        while True:
            chunk = cursor.fetchmany(1000)
            if not chunk:
                return
            for row in chunk:
                yield json.loads(row[at])

    def export(self, path: str | Path, fmt: str, filters: Filters | None = None,
               level: str = "country", merged: bool = False) -> int:
        """Write the selected events: ``parquet`` (a directory partitioned by month of
        the event's day, ``month=YYYY-MM``, ``month=unknown`` when undated), ``jsonl``
        (the full records), ``csv`` (the flat columns), or, by ``dyads.store.exports``,
        ``plover`` (PLOVER JSONL), ``gdelt`` (GDELT-style TSV) and ``graphml`` (the actor
        network at ``level``). Every row carries the counts of the merged event it is a
        mention of. ``merged``: one row per merged event (its representative mention;
        for ``jsonl`` the merged event with its evidence, as ``dyads query --merged``).
        Returns the number of rows written."""
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"export format {fmt!r} is not one of "
                             f"{', '.join(EXPORT_FORMATS)}")
        target = Path(path)
        if fmt in ("plover", "gdelt", "graphml"):
            from .exports import export_file

            return export_file(self, target, fmt, filters, level, merged=merged)
        if fmt == "jsonl":
            n = 0
            records = self.merged_records(filters) if merged else self.records(filters)
            with target.open("w", encoding="utf-8") as out:
                for record in records:
                    out.write(json.dumps(record, ensure_ascii=False, default=str,
                                         separators=(",", ":")) + "\n")
                    n += 1
            return n
        import duckdb

        sql, params = self._select(filters, merged=merged)
        n = self._scalar(f"SELECT count(*) FROM ({sql})", params)
        try:
            if fmt == "csv":
                self.connection.sql(sql, params=params).write_csv(str(target), header=True)
            else:
                if target.exists() and (not target.is_dir() or any(target.iterdir())):
                    raise UsageError(f"{target} is a file or a directory that is not "
                                     "empty; Parquet export writes a directory of "
                                     "partitions, give a new one")
                monthly = self.connection.sql(
                    "SELECT *, coalesce(strftime(day, '%Y-%m'), 'unknown') AS month "
                    f"FROM ({sql})", params=params)
                if n:
                    monthly.write_parquet(str(target), partition_by=["month"])
                else:  # no partition to write: one file of no rows keeps the columns
                    target.mkdir(exist_ok=True)
                    monthly.write_parquet(str(target / "empty.parquet"))
        except duckdb.IOException as exc:  # DuckDB's own writer: say it in one line
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UsageError(f"cannot write {target}: {reason}") from None
        return n
