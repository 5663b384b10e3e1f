"""Reading the JSONL data files that ship in ``dyads/data`` (and users' overlays)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataError


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("dyads").joinpath("data", *parts)))


def read_jsonl(
    path: Path, *, required: Sequence[str] = (), allowed: Sequence[str] | None = None,
    encoding: str = "utf-8",
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; malformed lines raise ``DataError``.
    ``encoding="utf-8-sig"`` also accepts a byte-order mark (mongoexport writes one)."""
    try:
        handle = path.open(encoding=encoding)
    except OSError as exc:
        raise DataError(str(path), None, f"cannot be read: {exc.strerror or exc}") from None
    with handle:
        for line_no, line in _lines(path, handle):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(str(path), line_no, f"not valid JSON: {exc.msg}",
                                "each line must be one JSON object") from None
            if not isinstance(row, dict):
                raise DataError(str(path), line_no, "not a JSON object",
                                "each line must be one JSON object")
            missing = [k for k in required if k not in row]
            if missing:
                raise DataError(str(path), line_no, f"missing key(s) {', '.join(missing)}")
            if allowed is not None:
                unknown = sorted(set(row) - set(allowed))
                if unknown:
                    raise DataError(str(path), line_no, f"unknown key(s) {', '.join(unknown)}",
                                    "allowed: " + ", ".join(allowed))
            yield line_no, row


def _lines(path: Path, handle: Any) -> Iterator[tuple[int, str]]:
    line_no = 0
    try:
        for line_no, line in enumerate(handle, 1):
            yield line_no, line
    except UnicodeDecodeError as exc:
        raise DataError(str(path), line_no + 1, f"not UTF-8: {exc.reason}") from None
