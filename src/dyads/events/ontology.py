"""CAMEO codes with their PLOVER category, mode, context, classes and Goldstein value.

Data: ``dyads/data/ontology/cameo.jsonl``, built by ``scripts/build_ontology.py`` from
public facts (see NOTICE).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_path, read_jsonl
from ..errors import DataError

PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                     "MOBILIZE", "COERCE", "ASSAULT")
KEYS = ("cameo", "name", "root", "event", "mode", "context", "penta_class", "quad_class",
        "goldstein")


@dataclass(frozen=True, slots=True)
class CameoCode:
    cameo: str
    name: str
    event: str | None
    mode: str | None
    context: tuple[str, ...]
    penta_class: int
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class Ontology:
    codes: dict[str, CameoCode]

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes


def penta_class(code: str) -> int:
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def load_ontology(path: Path | None = None) -> Ontology:
    path = path or data_path("ontology", "cameo.jsonl")
    codes: dict[str, CameoCode] = {}
    for line_no, row in read_jsonl(path, required=KEYS, allowed=KEYS):
        code = str(row["cameo"])
        if not code.isdigit() or not 2 <= len(code) <= 4 or not 1 <= int(code[:2]) <= 20:
            raise DataError(str(path), line_no, f"bad CAMEO code {code!r}")
        if row["event"] is not None and row["event"] not in PLOVER_CATEGORIES:
            raise DataError(str(path), line_no, f"unknown PLOVER category {row['event']!r}")
        if row["penta_class"] != penta_class(code) or row["quad_class"] != quad_class(code):
            raise DataError(str(path), line_no, "penta_class or quad_class disagrees with the "
                            "CAMEO root", "rebuild with scripts/build_ontology.py")
        if code in codes:
            raise DataError(str(path), line_no, f"CAMEO code {code} listed twice")
        codes[code] = CameoCode(code, str(row["name"]), row["event"], row["mode"],
                                tuple(row["context"]), int(row["penta_class"]),
                                int(row["quad_class"]), float(row["goldstein"]))
    return Ontology(codes)
