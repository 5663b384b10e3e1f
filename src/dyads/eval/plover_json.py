"""Reader for the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.json``, a JSON array).

Records whose event is ``DOCUMENT`` (file documentation) or that have no text are skipped.
Event names of PLOVER 0.5b1 are mapped to the current manual with ``OLD_TO_NEW``; the file's
own name is kept in ``event_original``.

Format notes (openeventdata/PLOVER, 5e0c24f):

- ``source``/``target`` is a list of ``{actorText, code, sector}`` objects, an empty
  string or missing; any string gives no actors (one record has the context word
  ``"diplomatic"`` in ``target`` and an empty ``context``; it is not moved).
- ``context`` is a string of comma-separated words (``"diplomatic, military"``) or missing.
- An empty ``mode``, ``date``, ``code`` or ``sector`` is read as ``None``.
- Codes are kept as given. Most are ISO 3166 alpha-3; the file also uses ``IGO``, ``NGO``,
  ``IMG`` and ``ISM`` (CAMEO-style group codes) and three codes that are not ISO for the
  country they name, listed in ``CODE_FIXES`` (``JAP`` Japan, ``ITL`` Italy, ``VTN``
  Viet Nam). ``read_plover_json(path, fix_codes=True)`` applies that table.

The file has no per-record line numbers, so errors name the record by position ("record
12", counting from 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import DataError
from .gold import GoldActor, PloverRecord

CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
OLD_TO_NEW: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
CODE_FIXES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SKIP_EVENTS = frozenset({"DOCUMENT"})


def read_plover_json(path: str | Path, *, fix_codes: bool = False) -> list[PloverRecord]:
    """The coded records of a PLOVER GSR JSON file, in file order."""
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise DataError(file, None, f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(file, None, f"not UTF-8: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise DataError(file, exc.lineno, f"not valid JSON: {exc.msg}") from None
    if not isinstance(data, list):
        raise DataError(file, None, "not a JSON array", "the file must be one array of records")
    records: list[PloverRecord] = []
    for number, raw in enumerate(data, 1):
        record = _record(file, number, raw, fix_codes)
        if record is not None:
            records.append(record)
    return records


def map_event(name: str) -> str | None:
    """The current PLOVER category for ``name`` (current or 0.5b1), or ``None``."""
    if name in CATEGORIES:
        return name
    return OLD_TO_NEW.get(name)


def _record(file: str, number: int, raw: Any, fix_codes: bool) -> PloverRecord | None:
    where = f"record {number}"
    if not isinstance(raw, dict):
        raise DataError(file, None, f"{where}: not a JSON object")
    event = raw.get("event")
    if not isinstance(event, str) or not event.strip():
        raise DataError(file, None, f"{where}: no 'event'")
    event = event.strip()
    if event in SKIP_EVENTS:
        return None
    text = raw.get("text")
    if text is not None and not isinstance(text, str):
        raise DataError(file, None, f"{where}: 'text' must be a string")
    if not text or not text.strip():
        return None
    record_id = raw.get("id")
    if not isinstance(record_id, str) or not record_id.strip():
        raise DataError(file, None, f"{where}: no 'id'")
    where = f"{where} ({record_id})"
    current = map_event(event)
    if current is None:
        raise DataError(file, None, f"{where}: unknown event {event!r}",
                        "use a current PLOVER category or a 0.5b1 name: "
                        + ", ".join(CATEGORIES + tuple(OLD_TO_NEW)))
    return PloverRecord(
        id=record_id,
        text=text,
        date=_optional(file, where, raw, "date"),
        event=current,
        event_original=event,
        mode=_optional(file, where, raw, "mode"),
        context=_context(file, where, raw.get("context")),
        actors=_actors(file, where, "source", raw.get("source"), fix_codes),
        recipients=_actors(file, where, "target", raw.get("target"), fix_codes),
    )


def _optional(file: str, where: str, raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError(file, None, f"{where}: {key!r} must be a string")
    return value.strip() or None


def _context(file: str, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts: list[Any] = value.split(",")
    elif isinstance(value, list):
        parts = value
    else:
        raise DataError(file, None, f"{where}: 'context' must be a string")
    if not all(isinstance(part, str) for part in parts):
        raise DataError(file, None, f"{where}: 'context' must hold strings")
    return tuple(part.strip() for part in parts if part.strip())


def _actors(file: str, where: str, key: str, value: Any,
            fix_codes: bool) -> tuple[GoldActor, ...]:
    if value is None or isinstance(value, str):
        return ()
    if not isinstance(value, list):
        raise DataError(file, None, f"{where}: {key!r} must be a list of actors")
    actors: list[GoldActor] = []
    for item in value:
        if not isinstance(item, dict):
            raise DataError(file, None, f"{where}: {key!r} holds a non-object")
        text = item.get("actorText")
        if not isinstance(text, str) or not text.strip():
            raise DataError(file, None, f"{where}: a {key!r} actor has no 'actorText'")
        code = _optional(file, where, item, "code")
        if fix_codes and code is not None:
            code = CODE_FIXES.get(code, code)
        actors.append(GoldActor(text=text.strip(), code=code,
                                sector=_optional(file, where, item, "sector")))
    return tuple(actors)
