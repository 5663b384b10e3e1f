"""Split a document's lines into blocks: a headline, a paragraph.

Blank lines end a block, so a headline never runs into the first sentence. A line that
matches a boilerplate rule ("Follow us on ...", share and subscribe prompts) ends the
block and becomes a ``Skip`` with the rule's reason; it is never coded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..datafiles import data_path, read_jsonl
from ..errors import DataError
from ..models import Block, Skip


@dataclass(frozen=True)
class BoilerplateRule:
    id: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class BoilerplateRules:
    rules: tuple[BoilerplateRule, ...]

    def match(self, line: str) -> BoilerplateRule | None:
        text = line.strip().lower()
        if not text or len(text) > 200:
            return None
        found = self._any.search(text)
        if found is None:
            return None
        # the first rule that matches, as the rules are listed
        return next(rule for rule in self.rules if rule.pattern.search(text))

    @cached_property
    def _any(self) -> re.Pattern[str]:
        """All the rules as one pattern: most lines match none, and one scan says so."""
        return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in self.rules)
                          or r"(?!)")


def load_boilerplate(path: Path | None = None) -> BoilerplateRules:
    path = path or data_path("text", "boilerplate.jsonl")
    rules = []
    for line_no, row in read_jsonl(path, required=("id", "pattern", "reason")):
        try:
            pattern = re.compile(str(row["pattern"]))
        except re.error as exc:
            raise DataError(str(path), line_no, f"bad regular expression: {exc}",
                            "fix the pattern") from None
        rules.append(BoilerplateRule(str(row["id"]), pattern, str(row["reason"])))
    return BoilerplateRules(tuple(rules))


def iter_blocks(
    lines: Iterable[str],
    *,
    doc_id: str,
    source: str,
    rules: BoilerplateRules,
    max_chars: int,
    pub_date: str | None = None,
    start_offset: int = 0,
) -> Iterator[Block | Skip]:
    """Blocks and boilerplate skips from lines that keep their line endings.

    Offsets are character offsets into the document (its lines concatenated).
    """
    offset = start_offset
    parts: list[str] = []
    block_start = offset
    size = 0

    def flush() -> Iterator[Block]:
        nonlocal parts, size
        if parts:
            text = "".join(parts)
            stripped = text.lstrip()
            lead = len(text) - len(stripped)
            stripped = stripped.rstrip()
            if stripped:
                yield Block(doc_id, block_start + lead, stripped, pub_date)
        parts = []
        size = 0

    for line in lines:
        if not line.strip():
            yield from flush()
        else:
            rule = rules.match(line)
            if rule is not None:
                yield from flush()
                body = line.rstrip("\r\n")
                lead = len(body) - len(body.lstrip())
                yield Skip(source, f"boilerplate ({rule.reason})", doc_id,
                           offset + lead, offset + len(body.rstrip()), body.strip(),
                           code="boilerplate")
            else:
                if not parts:
                    block_start = offset
                elif size + len(line) > max_chars:
                    yield from flush()
                    block_start = offset
                parts.append(line)
                size += len(line)
        offset += len(line)
    yield from flush()
