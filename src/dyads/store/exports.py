"""Exports of the stored events in other data models: PLOVER JSONL, a GDELT-style TSV and
the actor network as GraphML (``dyads export --format plover|gdelt|graphml``).

Each export reads the same selection as the flat ones (``Store._select`` with the event's
full record added), one event at a time, and writes to a temporary file beside the target
that replaces it only when the whole export is written: a failed export leaves the old
file, never half a new one. docs/CORPUS.md documents every field and column.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import UsageError
from ..ingest.documents import iso_date
from ..models import DateRef, Entity, Event, Location, Quantity, Sentence, Span

if TYPE_CHECKING:
    from .store import Filters, Store

FILE_FORMATS = ("plover", "gdelt", "graphml")
# The columns added to the frame columns for these exports.
EXTRA_COLUMNS = ("e.record", "d.ingested_at")
PLOVER_CODEBOOK = "PLOVER (CAMEO codes mapped to PLOVER categories by dyads' ontology)"
# Quantity kinds that PLOVER's size object names.
SIZE_KINDS = ("dead", "injured", "arrested")
# Characters that end a line for some reader (str.splitlines, pandas, csv): none may stay
# inside a TSV field, and neither may a tab.
LINE_BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NO_BREAKS = str.maketrans({c: " " for c in LINE_BREAKS})

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "DATEADDED", "SOURCEURL",
    # dyads' own, after GDELT's
    "Actor1Codes", "Actor2Codes", "ActionGeo_Inferred", "PloverEvent", "PloverMode",
    "PloverContext",
    "Modality", "Negated", "Hedged", "Attribution", "Confidence", "EventDate",
    "Trigger", "Rule", "SentenceText", "SentenceIndex", "DocumentID", "ClusterID",
    "MergedEventID", "Corroboration",
)
# GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
# (first-order division); from the gazetteer's kind of place.
_REGION_KINDS = frozenset({"region"})


# --------------------------------------------------------------------------- the rows


def export_rows(store: Store, filters: Filters | None, merged: bool = False
                ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(frame columns plus ``ingested_at``, full record) of each selected event, in the
    order of ``Store.events_frame``; ``merged``: of each merged event's representative."""
    sql, params = store._select(filters, EXTRA_COLUMNS, merged)
    cursor = store.connection.execute(sql, params)
    names = [str(d[0]) for d in cursor.description or ()]
    while True:
        chunk = cursor.fetchmany(1000)
        if not chunk:
            return
        for values in chunk:
            row = dict(zip(names, values, strict=True))
            yield row, json.loads(row.pop("record"))


def mention_counts(row: Mapping[str, Any]) -> tuple[int, int, int]:
    """GDELT's (NumMentions, NumSources, NumArticles) of an event: those of the merged
    event it is a mention of (its reports across articles, their outlets, and every
    document of their near-duplicate clusters); for an event not merged (a store made
    before merging), its near-duplicate cluster's number of articles for all three."""
    articles = max(1, int(row.get("articles") or 1))
    merged = row.get("merged_mentions")
    if merged is None or merged != merged:  # None, or NaN from a frame
        return articles, articles, articles
    return (int(merged), int(row.get("merged_sources") or 1),
            int(row.get("merged_articles") or articles))


def _names() -> dict[str, str]:
    from ..system.build import code_names

    return code_names()


def _name(entity: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    """The dictionary's name of the entity's code, else of its country; else None."""
    code = entity.get("code") or ""
    return names.get(code) or names.get(entity.get("country") or "")


# --------------------------------------------------------------------------- PLOVER


def _plover_actor(entity: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    code = entity.get("code") or ""
    return {
        "code": code[:3] or None,
        "sector": entity.get("sector"),
        "actor_text": entity.get("entity_text"),
        "name": names.get(code) or None,
        "country": entity.get("country"),
        "dyads_code": code or None,
        "start": entity.get("start"),
        "end": entity.get("end"),
    }


def _size(record: Mapping[str, Any], kind: str) -> float | None:
    values = [q["value"] for q in record.get("quantities") or () if q.get("kind") == kind]
    if not values:
        return None
    total = sum(values)
    return int(total) if float(total).is_integer() else total


def plover_record(row: Mapping[str, Any], record: Mapping[str, Any],
                  names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One event in PLOVER's field names (the PLOVER manual's JSON fields and the flat
    names of PLOVER-coded data sets), then what dyads adds."""
    from .. import __version__

    names = _names() if names is None else names
    actors = [_plover_actor(a, names) for a in record.get("actor") or ()]
    recipients = [_plover_actor(a, names) for a in record.get("recipient") or ()]
    location = record.get("location")
    date = record.get("date") or {}
    attribution = record.get("attribution")
    text_info = record.get("text_info") or {}
    mentions, sources, _ = mention_counts(row)
    return {
        "id": record["id"],
        "event_date": iso_date(row.get("day")),
        "event_type": record.get("event"),
        "mode": record.get("mode"),
        "context": list(record.get("context") or ()),
        "quad_code": record.get("quad_class"),
        "event_scale": record.get("goldstein"),
        "actor": actors,
        "actor_country": actors[0]["country"] if actors else None,
        "actor_role": actors[0]["sector"] if actors else None,
        "recipient": recipients,
        "recipient_country": recipients[0]["country"] if recipients else None,
        "recipient_role": recipients[0]["sector"] if recipients else None,
        "event_text": record.get("text"),
        "location": None if not location else {
            "name": location.get("text"),
            "cc3": location.get("country"),
            "latitude": location.get("lat"),
            "longitude": location.get("lon"),
            "feature": location.get("kind"),
            "inferred": bool(location.get("inferred")),
        },
        "dead": _size(record, "dead"),
        "injured": _size(record, "injured"),
        "arrested": _size(record, "arrested"),
        "story_id": row.get("doc_id"),
        "story_date": iso_date(row.get("pub_date")),
        "publisher": row.get("site"),
        "headline": row.get("title"),
        "url": row.get("url"),
        "language": "en",
        "text_info": {"sequence": record.get("sentence_index"),
                      "start": text_info.get("start"), "end": text_info.get("end")},
        "cite_info": {"citation": row.get("source"), "url": row.get("url"),
                      "title": row.get("title"), "publication": row.get("site"),
                      "language": "en", "coder": f"dyads {__version__}",
                      "codebook": PLOVER_CODEBOOK},
        "coder": f"dyads {__version__}",
        "coded_date": iso_date(row.get("ingested_at")),
        # What dyads adds.
        "cameo": record.get("cameo"),
        "modality": record.get("modality"),
        "negated": record.get("negated"),
        "hedged": record.get("hedged"),
        "attribution": attribution.get("text") if attribution else None,
        "confidence": record.get("confidence"),
        "rule": record.get("rule"),
        "trigger": record.get("trigger"),
        "target": record.get("target"),
        "quantities": list(record.get("quantities") or ()),
        "date_text": date.get("text"),
        "date_resolved": date.get("iso"),
        "date_precision": date.get("precision"),
        "cluster_id": row.get("cluster_id"),
        "articles": row.get("articles"),
        "merged_id": row.get("merged_id"),
        "mentions": mentions,
        "sources": sources,
        "corroboration": _corroboration(row),
        "schema_version": record.get("schema_version"),
    }


def write_plover(rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
                 out: TextIO) -> int:
    names = _names()
    n = 0
    for row, record in rows:
        out.write(json.dumps(plover_record(row, record, names), ensure_ascii=False,
                             separators=(",", ":")) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------- GDELT


def tsv_field(value: Any) -> str:
    """A value as a TSV field: empty for None, 1/0 for booleans, tabs and line breaks
    made spaces (so every line has the same number of fields)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() else repr(value)
    return str(value).translate(_NO_BREAKS)


def _geo_type(location: Mapping[str, Any]) -> int | None:
    kind = location.get("kind")
    if kind is None:
        return None
    if kind == "country":
        return 1
    us = location.get("country") == "USA"
    if kind in _REGION_KINDS:
        return 2 if us else 5
    return 3 if us else 4


def _fraction(day: dt.date) -> str:
    first = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - first).days
    return f"{day.year + (day - first).days / days:.4f}"


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def gdelt_row(row: Mapping[str, Any], record: Mapping[str, Any],
              names: Mapping[str, str] | None = None) -> list[str]:
    """One event as the fields of ``GDELT_COLUMNS``."""
    names = _names() if names is None else names
    actors = list(record.get("actor") or ())
    recipients = list(record.get("recipient") or ())
    first = actors[0] if actors else {}
    second = recipients[0] if recipients else {}
    cameo = str(record.get("cameo") or "")
    day = _day(row.get("day"))
    location = record.get("location") or {}
    added = row.get("ingested_at")
    mentions, sources, articles = mention_counts(row)
    attribution = record.get("attribution")
    date = record.get("date") or {}
    values: list[Any] = [
        record["id"],
        day.strftime("%Y%m%d") if day else None,
        day.strftime("%Y%m") if day else None,
        day.year if day else None,
        _fraction(day) if day else None,
        first.get("code") or None, _name(first, names) if first else None,
        first.get("country"), first.get("sector"),
        second.get("code") or None, _name(second, names) if second else None,
        second.get("country"), second.get("sector"),
        1 if (record.get("sentence_index") or 0) < 2 else 0,
        cameo, cameo[:3], cameo[:2], record.get("quad_class"),
        float(record.get("goldstein") or 0.0), mentions, sources, articles,
        None,  # AvgTone: dyads measures no tone
        _geo_type(location) if location else None, location.get("text"),
        location.get("country"), location.get("lat"), location.get("lon"),
        added.strftime("%Y%m%d%H%M%S") if isinstance(added, dt.datetime) else None,
        row.get("url") or row.get("source"),
        ";".join(a.get("code") or "" for a in actors),
        ";".join(a.get("code") or "" for a in recipients),
        bool(location.get("inferred")) if location else None,
        record.get("event"), record.get("mode"), ";".join(record.get("context") or ()),
        record.get("modality"), bool(record.get("negated")), bool(record.get("hedged")),
        attribution.get("text") if attribution else None, record.get("confidence"),
        date.get("iso"), (record.get("trigger") or {}).get("text"), record.get("rule"),
        record.get("text"), record.get("sentence_index"), row.get("doc_id"),
        row.get("cluster_id"), row.get("merged_id"), _corroboration(row),
    ]
    return [tsv_field(v) for v in values]


def _corroboration(row: Mapping[str, Any]) -> float | None:
    value = row.get("corroboration")
    return None if value is None or value != value else round(float(value), 3)


def write_gdelt(rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
                out: TextIO) -> int:
    names = _names()
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row, record in rows:
        out.write("\t".join(gdelt_row(row, record, names)) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------- GraphML


def _span(value: Mapping[str, Any] | None) -> Span | None:
    if not value:
        return None
    return Span(str(value.get("text") or ""), int(value.get("start") or 0),
                int(value.get("end") or 0))


def _entity(value: Mapping[str, Any]) -> Entity:
    return Entity(str(value.get("entity_text") or ""), str(value.get("code") or ""),
                  value.get("country"), value.get("sector"), int(value.get("start") or 0),
                  int(value.get("end") or 0), str(value.get("source") or "dictionary"),
                  _span(value.get("antecedent")), _span(value.get("phrase")))


def event_from_record(record: Mapping[str, Any]) -> Event:
    """The ``Event`` an event record was written from (the record contract read back),
    so the stored events can be built into a system as ``dyads system`` builds coded
    ones. ``id`` must be ``<doc_id>:<sentence_index>:<n>``."""
    doc_id = str(record["doc_id"])
    index = int(record["sentence_index"])
    n = int(str(record["id"]).rsplit(":", 1)[1])
    text_info = record.get("text_info") or {}
    trigger = _span(record.get("trigger")) or Span("", 0, 0)
    date = record.get("date")
    location = record.get("location")
    attribution = record.get("attribution")
    return Event(
        doc_id=doc_id, sentence_index=index, n=n,
        sentence=Sentence(doc_id, index, int(text_info.get("start") or 0),
                          int(text_info.get("end") or 0), str(record.get("text") or "")),
        event=record.get("event"), mode=record.get("mode"),
        context=tuple(record.get("context") or ()), cameo=str(record["cameo"]),
        penta_class=int(record["penta_class"]), quad_class=int(record["quad_class"]),
        goldstein=float(record["goldstein"]), trigger=trigger,
        actor=tuple(_entity(a) for a in record.get("actor") or ()),
        recipient=tuple(_entity(a) for a in record.get("recipient") or ()),
        target=_span(record.get("target")),
        negated=bool(record.get("negated")), modality=str(record.get("modality") or "actual"),
        hedged=bool(record.get("hedged")), attribution=_span(attribution),
        quantities=tuple(Quantity(str(q.get("text") or ""), float(q["value"]), q.get("unit"),
                                  str(q.get("kind") or "count"))
                         for q in record.get("quantities") or ()),
        date=DateRef(date.get("text"), str(date["iso"]), str(date.get("precision") or ""))
        if date and date.get("iso") else None,
        location=Location(str(location.get("text") or ""), location.get("country"),
                          location.get("lat"), location.get("lon"),
                          bool(location.get("inferred")), location.get("kind"))
        if location else None,
        confidence=float(record.get("confidence") or 0.0), rule=str(record.get("rule") or ""),
    )


def write_network(rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]], path: Path,
                  level: str = "country") -> int:
    """The actor network of the events as GraphML, built and written as ``dyads system
    --format graphml`` builds and writes the system of coded text (``SystemBuilder``,
    ``render.write_graphml``)."""
    from ..system import SystemBuilder, load_flow_rules
    from ..system.render import write_graphml

    builder = SystemBuilder(load_flow_rules(), level)
    documents: set[str] = set()
    for row, record in rows:
        documents.add(str(row.get("doc_id")))
        builder.add(event_from_record(record))
    builder.documents = len(documents)
    write_graphml(builder.build(), path)
    return builder.events


# --------------------------------------------------------------------------- writing


def export_file(store: Store, target: Path, fmt: str, filters: Filters | None = None,
                level: str = "country", *, merged: bool = False) -> int:
    """Write the selected events to ``target`` as ``plover``, ``gdelt`` or ``graphml``;
    an existing file is replaced (as the JSONL and CSV exports replace theirs). Returns
    the number of events."""
    if fmt not in FILE_FORMATS:
        raise UsageError(f"export format {fmt!r} is not one of {', '.join(FILE_FORMATS)}")
    if fmt == "graphml":
        from ..system import LEVELS

        if level not in LEVELS:
            raise UsageError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    if target.is_dir():
        raise UsageError(f"{target} is a directory; the {fmt} export writes one file, "
                         "give a file name")
    rows = export_rows(store, filters, merged)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if fmt == "graphml":
            n = write_network(rows, temporary, level)
        else:
            with temporary.open("w", encoding="utf-8", newline="\n") as out:
                n = write_plover(rows, out) if fmt == "plover" else write_gdelt(rows, out)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return n


__all__ = [
    "FILE_FORMATS", "GDELT_COLUMNS", "event_from_record", "export_file", "export_rows",
    "gdelt_row", "mention_counts", "plover_record", "tsv_field", "write_gdelt",
    "write_network", "write_plover",
]
