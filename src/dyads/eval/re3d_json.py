"""Reader for a re3d collection folder (``documents.json`` + ``entities.json``).

Both files are mongoexport JSON lines, possibly with a UTF-8 BOM. Entities below
``MIN_CONFIDENCE`` are dropped, then one type is kept per ``(begin, end)`` span of a
document: the highest confidence, ties going to the first seen. Entities whose
``documentId`` names no document are dropped. Entity ``text`` is the file's ``value``;
where it differs from ``document.text[begin:end]`` (the value is typographically
normalised: straight quotes for curly ones, a space for a line break) the entity is kept
and counted as a mismatch. Documents keep file order; entities are sorted by offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafiles import read_jsonl
from ..errors import DataError
from .gold import EntityDocument, GoldEntity

MIN_CONFIDENCE = 0.5
DOCUMENTS = "documents.json"
ENTITIES = "entities.json"


@dataclass(frozen=True, slots=True)
class Re3dCounts:
    """What a read dropped or could not check, for the benchmark report."""

    mismatched: int  # kept entities whose value is not text[begin:end]
    orphaned: int  # entities whose documentId has no document (dropped)
    low_confidence: int  # entities below MIN_CONFIDENCE (dropped)
    other_types: int  # entities losing their span to a better type (dropped)


def read_re3d(folder: str | Path) -> list[EntityDocument]:
    """The documents of one re3d collection folder, with their kept entities."""
    return read_re3d_counts(folder)[0]


def read_re3d_checked(folder: str | Path) -> tuple[list[EntityDocument], int]:
    """``read_re3d`` and the number of kept entities whose value is not the text slice."""
    documents, counts = read_re3d_counts(folder)
    return documents, counts.mismatched


def read_re3d_counts(folder: str | Path) -> tuple[list[EntityDocument], Re3dCounts]:
    """``read_re3d`` and counts of what was dropped or did not match."""
    root = Path(folder)
    collection = root.resolve().name
    texts: dict[str, str] = {}
    for line_no, row in _json_lines(root / DOCUMENTS):
        doc_id = _string(root / DOCUMENTS, line_no, row, "_id")
        if doc_id in texts:
            raise DataError(str(root / DOCUMENTS), line_no, f"document {doc_id!r} repeated")
        texts[doc_id] = _string(root / DOCUMENTS, line_no, row, "text", allow_empty=True)

    best: dict[tuple[str, int, int], GoldEntity] = {}
    orphaned = low = other = 0
    path = root / ENTITIES
    for line_no, row in _json_lines(path):
        doc_id = _string(path, line_no, row, "documentId")
        begin, end = _offset(path, line_no, row, "begin"), _offset(path, line_no, row, "end")
        confidence = row.get("confidence")
        if isinstance(confidence, bool) or not isinstance(confidence, int | float):
            raise DataError(str(path), line_no, "'confidence' must be a number")
        entity = GoldEntity(start=begin, end=end, type=_string(path, line_no, row, "type"),
                            text=_string(path, line_no, row, "value"),
                            confidence=float(confidence))
        text = texts.get(doc_id)
        if text is None:
            orphaned += 1
            continue
        if not 0 <= begin < end <= len(text):
            raise DataError(str(path), line_no, f"span {begin}-{end} outside document "
                            f"{doc_id!r} ({len(text)} characters)")
        if entity.confidence < MIN_CONFIDENCE:
            low += 1
            continue
        key = (doc_id, begin, end)
        kept = best.get(key)
        if kept is not None:
            other += 1
            if entity.confidence <= kept.confidence:
                continue
        best[key] = entity

    by_doc: dict[str, list[GoldEntity]] = {doc_id: [] for doc_id in texts}
    mismatched = 0
    for (doc_id, begin, end), entity in best.items():
        by_doc[doc_id].append(entity)
        if texts[doc_id][begin:end] != entity.text:
            mismatched += 1
    documents = [
        EntityDocument(id=doc_id, collection=collection, text=text,
                       entities=tuple(sorted(by_doc[doc_id], key=lambda e: (e.start, e.end))))
        for doc_id, text in texts.items()
    ]
    return documents, Re3dCounts(mismatched, orphaned, low, other)


def read_re3d_all(root: str | Path) -> list[EntityDocument]:
    """Every collection under ``root`` (subfolders holding documents.json, sorted by name)."""
    base = Path(root)
    if not base.is_dir():
        raise DataError(str(base), None, "not a folder", "give the re3d folder")
    folders = sorted(p for p in base.iterdir() if (p / DOCUMENTS).is_file())
    if not folders:
        raise DataError(str(base), None, f"no collection folder holds {DOCUMENTS}")
    return [doc for folder in folders for doc in read_re3d(folder)]


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    return read_jsonl(path, encoding="utf-8-sig")


def _string(path: Path, line_no: int, row: dict[str, Any], key: str,
            allow_empty: bool = False) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not (allow_empty or value):
        raise DataError(str(path), line_no, f"{key!r} missing or not a string")
    return value


def _offset(path: Path, line_no: int, row: dict[str, Any], key: str) -> int:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataError(str(path), line_no, f"{key!r} missing or not an integer")
    return value
