"""Reader for ``sentence<TAB>label`` files (e.g. ConfliBERT's CAMEO PentaClass set).

Each non-blank line is split on its last tab; the label is whatever follows it (stripped),
so a sentence may itself hold a tab. Labels are kept as strings and not checked against
any scheme.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from .gold import LabelledSentence


def read_label_tsv(path: str | Path) -> list[LabelledSentence]:
    """The labelled sentences of ``path``, in file order; blank lines are skipped."""
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        raise DataError(file, None, f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(file, None, f"not UTF-8: {exc.reason}") from None
    rows: list[LabelledSentence] = []
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab:
            raise DataError(file, line_no, "no tab", "each line must be sentence<TAB>label")
        text, label = text.strip(), label.strip()
        if not label:
            raise DataError(file, line_no, "empty label", "each line must be sentence<TAB>label")
        if not text:
            raise DataError(file, line_no, "empty sentence",
                            "each line must be sentence<TAB>label")
        rows.append(LabelledSentence(text=text, label=label))
    return rows
