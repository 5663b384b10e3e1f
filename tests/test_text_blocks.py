"""Blank lines split blocks; boilerplate lines become skips, never sentences."""

from __future__ import annotations

from dyads.models import Block, Skip
from dyads.pipeline import Pipeline
from dyads.text import iter_blocks, load_boilerplate

from .conftest import code


def _blocks(text: str) -> list[Block | Skip]:
    return list(iter_blocks(text.splitlines(keepends=True), doc_id="d", source="d",
                            rules=load_boilerplate(), max_chars=20000))


def test_headline_is_its_own_block_with_offsets() -> None:
    text = "Israel strikes Gaza\n\n  Israeli jets struck Gaza overnight.\nMore followed.\n"
    items = _blocks(text)
    assert [i.text for i in items if isinstance(i, Block)] == [
        "Israel strikes Gaza", "Israeli jets struck Gaza overnight.\nMore followed."]
    for item in items:
        assert isinstance(item, Block)
        assert text[item.start:item.start + len(item.text)] == item.text


def test_boilerplate_lines_are_skips_with_reasons_and_offsets() -> None:
    text = ("Russia attacked Ukraine.\nFollow us on Twitter @news\nShare this article\n\n"
            "Subscribe to our newsletter for daily briefings.\nKyiv asked for help.\n")
    items = _blocks(text)
    skips = [i for i in items if isinstance(i, Skip)]
    assert [s.reason for s in skips] == ["boilerplate (social media prompt)",
                                         "boilerplate (share prompt)",
                                         "boilerplate (subscription prompt)"]
    for skip in skips:
        assert skip.start is not None and skip.end is not None
        assert text[skip.start:skip.end] == skip.text
    assert [i.text for i in items if isinstance(i, Block)] == ["Russia attacked Ukraine.",
                                                               "Kyiv asked for help."]


def test_ordinary_sentences_are_not_boilerplate() -> None:
    rules = load_boilerplate()
    for line in ["Officials said they would follow the talks closely.",
                 "Russia shared intelligence with Iran.",
                 "The minister read more than a hundred names."]:
        assert rules.match(line) is None, line


def test_long_paragraphs_are_cut_at_line_breaks() -> None:
    lines = [f"Line {i} of a very long wire paragraph without blank lines.\n" for i in range(50)]
    blocks = list(iter_blocks(lines, doc_id="d", source="d", rules=load_boilerplate(),
                              max_chars=500))
    assert len(blocks) > 1
    assert all(isinstance(b, Block) and len(b.text) <= 500 for b in blocks)


def test_sentence_numbers_run_across_blocks(pipeline: Pipeline) -> None:
    text = "Peace talks\n\nFollow us on Twitter.\n\nThe weather was fine. Russia attacked Ukraine."
    events = code(pipeline, text)
    assert [e["sentence_index"] for e in events] == [2]
    assert events[0]["id"] == "1:2:0"
