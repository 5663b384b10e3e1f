"""Read inputs as a stream, with flat memory however large a file is.

The stream is a flat sequence of ``Block`` (text to code), ``Skip`` (something not coded,
with its reason) and ``DocumentEnd`` (the document was read). A bad input never stops
the others: it becomes a ``Skip`` naming the input and the reason.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..models import Block, Skip
from ..text.blocks import BoilerplateRules, iter_blocks
from ..text.language import SAMPLE_CHARS, is_english

SNIFF_BYTES = 8192
READ_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class DocumentEnd:
    doc_id: str
    source: str


StreamItem = Block | Skip | DocumentEnd


@dataclass(frozen=True)
class InputOptions:
    lines: bool = False
    pub_date: str | None = None
    language_check: bool = True
    max_block_chars: int = 20000


class _NotUtf8(Exception):
    def __init__(self, byte_offset: int, byte: int) -> None:
        super().__init__(byte_offset)
        self.byte_offset = byte_offset
        self.byte = byte


def _decoded_lines(head: bytes, handle: BinaryIO) -> Iterator[str]:
    """Lines (with their endings) of UTF-8 text, decoded incrementally; BOM dropped."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    pending = ""
    consumed = 0
    chunk = head
    first = True
    while True:
        final = not chunk
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            bad = chunk[exc.start] if chunk and exc.start < len(chunk) else 0
            # Hand over the whole lines before the bad byte, then stop.
            pending += chunk[:max(0, exc.start)].decode("utf-8", "ignore")
            if first:
                pending = pending.removeprefix("\ufeff")
            for part in pending.split("\n")[:-1]:
                yield part + "\n"
            raise _NotUtf8(consumed + exc.start, bad) from None
        consumed += len(chunk)
        if first and text:
            text = text.removeprefix("\ufeff")
            first = False
        pending += text
        if "\n" in pending:
            parts = pending.split("\n")
            pending = parts.pop()
            for part in parts:
                yield part + "\n"
        if final:
            break
        chunk = handle.read(READ_BYTES)
    if pending:
        yield pending


def _not_utf8_reason(exc: _NotUtf8) -> str:
    return (f"not UTF-8 text (byte 0x{exc.byte:02x} at offset {exc.byte_offset}); "
            "convert it, for example with iconv -t UTF-8")


def expand_paths(paths: Sequence[str]) -> Iterator[tuple[str, Path | None] | Skip]:
    """(name, path) pairs in order, directories walked in sorted order; '-' is stdin."""
    for name in paths:
        if name == "-":
            yield name, None
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if not file.startswith("."):
                        found = True
                        yield str(Path(root) / file), Path(root) / file
            if not found:
                yield Skip(name, "directory holds no files", code="empty")
        elif not path.exists():
            yield Skip(name, "no such file or directory", code="missing")
        else:
            yield name, path


def _open(name: str, path: Path | None) -> BinaryIO | Skip:
    if path is None:
        return sys.stdin.buffer
    try:
        return path.open("rb")
    except PermissionError:
        return Skip(name, "permission denied", code="unreadable")
    except OSError as exc:
        return Skip(name, f"cannot be read ({exc.strerror or exc})", code="unreadable")


def iter_stream(
    paths: Sequence[str], options: InputOptions, rules: BoilerplateRules
) -> Iterator[StreamItem]:
    """The whole input as one stream, in input order."""
    targets = list(expand_paths(paths))
    many = len(targets) > 1
    for target in targets:
        if isinstance(target, Skip):
            yield target
            continue
        name, path = target
        source = "<stdin>" if path is None else name
        handle = _open(name, path)
        if isinstance(handle, Skip):
            yield handle
            continue
        try:
            yield from _read_one(source, handle, options, rules, many)
        except OSError as exc:
            yield Skip(source, f"read failed ({exc.strerror or exc})", code="unreadable")
        finally:
            if path is not None:
                handle.close()


def _read_one(
    source: str, handle: BinaryIO, options: InputOptions, rules: BoilerplateRules, many: bool
) -> Iterator[StreamItem]:
    head = handle.read(SNIFF_BYTES)
    if b"\x00" in head:
        yield Skip(source, "binary file (it contains NUL bytes), not text", code="binary")
        return
    if not head.strip():
        more = handle.read(1)
        if not more:
            yield Skip(source, "empty input, nothing to code", code="empty")
            return
        head += more
    lines = _decoded_lines(head, handle)
    if options.lines:
        yield from _lines_mode(source, lines, options, rules, many)
    else:
        yield from _document_mode(source, lines, options, rules)


def _lines_mode(
    source: str, lines: Iterator[str], options: InputOptions, rules: BoilerplateRules,
    many: bool,
) -> Iterator[StreamItem]:
    number = 0
    any_text = False
    try:
        for number, line in enumerate(lines, 1):
            doc_id = f"{source}:{number}" if many else str(number)
            text = line.rstrip("\r\n")
            if not text.strip():
                yield Skip(source, f"line {number} is empty", doc_id, code="empty-line")
                continue
            any_text = True
            if options.language_check:
                english, lang = is_english(text)
                if not english:
                    yield Skip(source, f"line {number} is not English (detected {lang!r})",
                               doc_id, code="language")
                    continue
            yield from iter_blocks([text], doc_id=doc_id, source=source, rules=rules,
                                   max_chars=options.max_block_chars, pub_date=options.pub_date)
            yield DocumentEnd(doc_id, source)
    except _NotUtf8 as exc:
        where = f"after line {number}: " if number else ""
        yield Skip(source, where + _not_utf8_reason(exc), code="encoding")
        return
    if not any_text:
        yield Skip(source, "empty input, nothing to code", code="empty")


def iter_text_document(
    text: str, doc_id: str, options: InputOptions, rules: BoilerplateRules
) -> Iterator[StreamItem]:
    """The stream of one in-memory document (the Python API's entry point)."""
    if "\x00" in text:
        yield Skip(doc_id, "binary data (it contains NUL characters), not text", code="binary")
        return
    yield from _document_mode(doc_id, iter(text.splitlines(keepends=True)), options, rules)


def _document_mode(
    source: str, lines: Iterator[str], options: InputOptions, rules: BoilerplateRules
) -> Iterator[StreamItem]:
    doc_id = source
    buffered: list[str] = []
    size = 0
    try:
        # Read enough to judge the language before anything is coded.
        for line in lines:
            buffered.append(line)
            size += len(line)
            if size >= SAMPLE_CHARS:
                break
    except _NotUtf8 as exc:
        yield Skip(source, _not_utf8_reason(exc), code="encoding")
        return
    sample = "".join(buffered)
    if not sample.strip():
        yield Skip(source, "empty input (only white space), nothing to code", code="empty")
        return
    if options.language_check:
        english, lang = is_english(sample)
        if not english:
            yield Skip(source, f"not English (detected {lang!r}); dyads codes English text",
                       code="language")
            return

    def all_lines() -> Iterator[str]:
        yield from buffered
        yield from lines

    try:
        yield from iter_blocks(all_lines(), doc_id=doc_id, source=source, rules=rules,
                               max_chars=options.max_block_chars, pub_date=options.pub_date)
    except _NotUtf8 as exc:
        yield Skip(source, _not_utf8_reason(exc) + "; the rest was not read", doc_id,
                   code="encoding")
    yield DocumentEnd(doc_id, source)
