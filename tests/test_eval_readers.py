"""The gold-set readers: invented fixtures in each format, malformed input, the real sets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dyads.errors import DataError
from dyads.eval.conll import iter_conll, spans
from dyads.eval.gold import (
    EntityDocument,
    GoldActor,
    GoldEntity,
    LabelledSentence,
    PloverRecord,
    TaggedSentence,
)
from dyads.eval.label_tsv import read_label_tsv
from dyads.eval.plover_json import CATEGORIES, CODE_FIXES, OLD_TO_NEW, read_plover_json
from dyads.eval.re3d_json import (
    MIN_CONFIDENCE,
    Re3dCounts,
    read_re3d,
    read_re3d_all,
    read_re3d_checked,
    read_re3d_counts,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"
BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason="benchmarks folder not present")


def _check(exc: pytest.ExceptionInfo[DataError], path: Path, line: int | None,
           *words: str) -> None:
    """The error names the file, the line (or none) and the problem."""
    message = str(exc.value)
    assert str(path) in message
    assert exc.value.path == str(path)
    assert exc.value.line == line
    if line is not None:
        assert f"{path}:{line}:" in message
    for word in words:
        assert word in message


# --- PLOVER JSON ------------------------------------------------------------------------

def test_plover_constants() -> None:
    assert len(CATEGORIES) == 16 and len(set(CATEGORIES)) == 16
    assert set(OLD_TO_NEW.values()) <= set(CATEGORIES)
    assert not set(OLD_TO_NEW) & set(CATEGORIES)
    assert CODE_FIXES == {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def test_plover_fixture() -> None:
    records = read_plover_json(FIXTURES / "plover_gsr.json")
    assert records == [
        PloverRecord(
            id="TEST-GSR-AGREE-0001",
            text="Veloria and Ostrand agreed on Monday to reopen their shared border crossing.",
            date="2021-03-01", event="AGREE", event_original="AGREE", mode=None,
            context=("economic", "diplomatic"),
            actors=(GoldActor("Veloria", "VLR", "GOV"),),
            recipients=(GoldActor("Ostrand", "OST", None),),
        ),
        PloverRecord(
            id="TEST-GSR-DEMAND-0001",
            text="Opposition leaders and press unions in Veloria demanded the release of "
                 "detained reporters.",
            date="2021-03-02", event="REQUEST", event_original="DEMAND", mode=None,
            context=("rights",),
            actors=(GoldActor("Opposition leaders", "VLR", "OPP"),
                    GoldActor("press unions", "VLR", "LAB")),
            recipients=(),
        ),
        PloverRecord(
            id="TEST-GSR-FIGHT-0001",
            text="Rebel units shelled the outskirts of Marrow City overnight.",
            date="2021-03-03", event="ASSAULT", event_original="FIGHT", mode="heavy-weapons",
            context=(),
            actors=(GoldActor("Rebel units", "OST", "REB"),),
            recipients=(),
        ),
        PloverRecord(
            id="TEST-GSR-SANCTION-0001",
            text="Japan froze the assets of two Ostrand shipping firms.",
            date="2021-03-04", event="SANCTION", event_original="SANCTION", mode=None,
            context=(),
            actors=(GoldActor("Japan", "JAP", "GOV"),),
            recipients=(GoldActor("two Ostrand shipping firms", "OST", "BUS"),),
        ),
    ]


def test_plover_fix_codes() -> None:
    records = read_plover_json(FIXTURES / "plover_gsr.json", fix_codes=True)
    assert [a.code for r in records for a in r.actors + r.recipients] == [
        "VLR", "OST", "VLR", "VLR", "OST", "JPN", "OST"]


@pytest.mark.parametrize(("body", "words"), [
    ('{"id": "x"}', ["not a JSON array"]),
    ('[{"id": "a", "event": "AGREE", "text": "t"}, {"id": "b", "event": "PRAISE", "text": "t"}]',
     ["record 2 (b)", "unknown event 'PRAISE'"]),
    ('[{"id": "a", "text": "t"}]', ["record 1", "no 'event'"]),
    ('[{"event": "AGREE", "text": "t"}]', ["record 1", "no 'id'"]),
    ('[{"id": "a", "event": "AGREE", "text": "t", "source": {"actorText": "V"}}]',
     ["record 1 (a)", "'source' must be a list"]),
    ('[{"id": "a", "event": "AGREE", "text": "t", "target": [{"code": "VLR"}]}]',
     ["record 1 (a)", "'actorText'"]),
    ('[{"id": "a", "event": "AGREE", "text": "t", "context": 3}]', ["'context' must be"]),
    ("[1]", ["record 1", "not a JSON object"]),
])
def test_plover_malformed(tmp_path: Path, body: str, words: list[str]) -> None:
    path = tmp_path / "bad_gsr.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_plover_json(path)
    _check(exc, path, None, *words)


def test_plover_bad_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n{"id": "a",\n "event": }\n]\n', encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_plover_json(path)
    _check(exc, path, 3, "not valid JSON")


def test_plover_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(DataError) as exc:
        read_plover_json(path)
    _check(exc, path, None, "cannot be read")


# --- sentence<TAB>label -----------------------------------------------------------------

def test_label_tsv_fixture() -> None:
    assert read_label_tsv(FIXTURES / "class.tsv") == [
        LabelledSentence("Veloria said on Tuesday it would hold talks next week.", "0"),
        LabelledSentence("Ostrand offered to mediate between the two parties.", "1"),
        LabelledSentence("Veloria sent food aid to flooded provinces of Ostrand.", "2"),
        LabelledSentence("The minister accused Ostrand\tof spying.", "3"),
        LabelledSentence("Rebels attacked a police post near the capital.", "4"),
    ]


@pytest.mark.parametrize(("body", "line", "words"), [
    ("Fine sentence.\t1\n\nNo tab on this line 2\n", 3, ["no tab"]),
    ("Fine sentence.\t1\nEmpty label here.\t  \n", 2, ["empty label"]),
    ("\t3\n", 1, ["empty sentence"]),
])
def test_label_tsv_malformed(tmp_path: Path, body: str, line: int, words: list[str]) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_label_tsv(path)
    _check(exc, path, line, *words)


# --- CoNLL ------------------------------------------------------------------------------

def test_conll_fixture() -> None:
    sentences = list(iter_conll(FIXTURES / "ner.txt"))
    assert sentences == [
        TaggedSentence(("Veloria", "recalled", "its", "ambassador", "from", "Ostrand", "."),
                       ("B-S", "O", "O", "O", "O", "B-T", "O"), 1),
        TaggedSentence(("The", "Ostrand", "navy", "seized", "a", "Veloria", "trawler", "."),
                       ("O", "I-S", "I-S", "O", "O", "B-T", "I-T", "O"), 9),
        TaggedSentence(("Both", "governments", "signed", "a", "truce", "."),
                       ("O", "B-R", "O", "O", "O", "O"), 18),
    ]
    second = sentences[1]
    assert spans(second.tags, {"S", "R"}) == [(1, 3)]
    assert spans(second.tags, {"T"}) == [(5, 7)]
    assert spans(sentences[2].tags, {"S", "R"}) == [(1, 2)]


@pytest.mark.parametrize(("tags", "roles", "expected"), [
    (["B-S", "I-S", "O", "B-T"], {"S"}, [(0, 2)]),
    (["B-S", "B-S", "I-S"], {"S"}, [(0, 1), (1, 3)]),
    (["I-S", "I-S", "I-T", "I-T"], {"S", "T"}, [(0, 2), (2, 4)]),
    (["B-S", "I-R", "I-R"], {"S", "R"}, [(0, 1), (1, 3)]),
    (["B-T", "I-S", "O", "I-S"], {"S"}, [(1, 2), (3, 4)]),
    (["O", "B-R", "I-R"], {"R"}, [(1, 3)]),
    (["B-S", "I-S"], {"T"}, []),
    ([], {"S"}, []),
])
def test_spans(tags: list[str], roles: set[str], expected: list[tuple[int, int]]) -> None:
    assert spans(tags, roles) == expected


@pytest.mark.parametrize(("body", "line", "words"), [
    ("Veloria B-S\nsaid O\n\nlonely\n", 4, ["one field", "lonely"]),
    ("Veloria B-S\nsaid S-B\n", 2, ["bad tag 'S-B'"]),
])
def test_conll_malformed(tmp_path: Path, body: str, line: int, words: list[str]) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        list(iter_conll(path))
    _check(exc, path, line, *words)


def test_conll_token_with_space(tmp_path: Path) -> None:
    path = tmp_path / "space.txt"
    path.write_text("\n\nNew York B-T\nsaid O\n\n\n", encoding="utf-8")
    assert list(iter_conll(path)) == [TaggedSentence(("New York", "said"), ("B-T", "O"), 3)]


# --- re3d -------------------------------------------------------------------------------

MINI = FIXTURES / "re3d" / "mini"
DOC_A = "Veloria deployed two patrol boats to the Ostrand coast on Friday."
DOC_B = "General Ana \u201cRook\u201d Marsh met\nOstrand officials in Port Kell."


def test_re3d_fixture() -> None:
    assert MIN_CONFIDENCE == 0.5
    documents, counts = read_re3d_counts(MINI)
    assert documents == [
        EntityDocument("DOC-A", "mini", DOC_A, (
            GoldEntity(0, 7, "Organisation", "Veloria", 1.0),
            GoldEntity(17, 33, "MilitaryPlatform", "two patrol boats", 0.8),
            GoldEntity(41, 48, "Nationality", "Ostrand", 0.9),
            GoldEntity(58, 64, "Temporal", "Friday", 1.0),
        )),
        EntityDocument("DOC-B", "mini", DOC_B, (
            GoldEntity(0, 24, "Person", 'General Ana "Rook" Marsh', 0.9),
            GoldEntity(29, 36, "Nationality", "Ostrand", 0.6),
            GoldEntity(50, 59, "Location", "Port Kell", 0.5),
        )),
        EntityDocument("DOC-C", "mini", "No entities were marked in this note.", ()),
    ]
    assert counts == Re3dCounts(mismatched=1, orphaned=1, low_confidence=2, other_types=2)
    assert read_re3d(MINI) == documents
    assert read_re3d_checked(MINI) == (documents, 1)
    assert MINI.joinpath("entities.json").read_bytes().startswith(b"\xef\xbb\xbf")


def test_re3d_all(tmp_path: Path) -> None:
    for name in ("zulu", "alpha"):
        folder = tmp_path / name
        folder.mkdir()
        for file in ("documents.json", "entities.json"):
            folder.joinpath(file).write_bytes(MINI.joinpath(file).read_bytes())
    (tmp_path / "notes").mkdir()
    documents = read_re3d_all(tmp_path)
    assert [(d.collection, d.id) for d in documents] == [
        ("alpha", "DOC-A"), ("alpha", "DOC-B"), ("alpha", "DOC-C"),
        ("zulu", "DOC-A"), ("zulu", "DOC-B"), ("zulu", "DOC-C")]


def test_re3d_all_empty(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        read_re3d_all(tmp_path)
    _check(exc, tmp_path, None, "no collection folder")


DOC_LINE = '{ "_id" : "D1", "text" : "Veloria spoke." }\n'
GOOD_ENTITY = ('{ "_id" : "e", "begin" : 0, "end" : 7, "type" : "Location", "value" : "Veloria", '
               '"documentId" : "D1", "confidence" : 1 }\n')


@pytest.mark.parametrize(("file", "body", "line", "words"), [
    ("documents.json", DOC_LINE + "{ not json\n", 2, ["not valid JSON"]),
    ("documents.json", DOC_LINE + "[1]\n", 2, ["not a JSON object"]),
    ("documents.json", DOC_LINE + DOC_LINE, 2, ["'D1' repeated"]),
    ("documents.json", '{ "_id" : "D2" }\n', 1, ["'text'"]),
    ("entities.json", GOOD_ENTITY + GOOD_ENTITY.replace('"end" : 7', '"end" : 70'), 2,
     ["span 0-70 outside document 'D1'"]),
    ("entities.json", GOOD_ENTITY.replace('"confidence" : 1', '"confidence" : "high"'), 1,
     ["'confidence' must be a number"]),
    ("entities.json", GOOD_ENTITY.replace('"begin" : 0', '"begin" : "0"'), 1, ["'begin'"]),
    ("entities.json", GOOD_ENTITY.replace('"type" : "Location", ', ""), 1, ["'type'"]),
])
def test_re3d_malformed(tmp_path: Path, file: str, body: str, line: int,
                        words: list[str]) -> None:
    folder = tmp_path / "coll"
    folder.mkdir()
    (folder / "documents.json").write_text(DOC_LINE, encoding="utf-8-sig")
    (folder / "entities.json").write_text(GOOD_ENTITY, encoding="utf-8-sig")
    assert len(read_re3d(folder)[0].entities) == 1
    (folder / file).write_text(body, encoding="utf-8-sig")
    with pytest.raises(DataError) as exc:
        read_re3d(folder)
    _check(exc, folder / file, line, *words)


def test_re3d_missing_file(tmp_path: Path) -> None:
    (tmp_path / "documents.json").write_text(DOC_LINE, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_re3d(tmp_path)
    _check(exc, tmp_path / "entities.json", None, "cannot be read")


# --- the real sets ----------------------------------------------------------------------

@needs_bench
def test_real_plover() -> None:
    records = read_plover_json(BENCH / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    assert len(records) == 322
    assert {r.event for r in records} <= set(CATEGORIES)
    assert Counter(r.event_original for r in records)["DEMAND"] == 34
    assert Counter(r.event for r in records)["ACCUSE"] == 25  # DISAPPROVE 16 + INVESTIGATE 9
    # the file gives two different records the id PLOVER-GSR01-COERCE-0004; both are kept
    assert len({r.id for r in records}) == 321
    assert sum(r.id == "PLOVER-GSR01-COERCE-0004" for r in records) == 2


@needs_bench
def test_real_label_tsv() -> None:
    rows = read_label_tsv(BENCH / "conflibert_cameo" / "class_train.tsv")
    assert len(rows) == 1349
    assert Counter(r.label for r in rows) == {"0": 240, "1": 248, "2": 303, "3": 337, "4": 221}


@needs_bench
def test_real_conll() -> None:
    sentences = list(iter_conll(BENCH / "conflibert_cameo" / "ner_train.txt"))
    assert len(sentences) == 1153
    assert sentences[0].line == 1
    assert all(len(s.tokens) == len(s.tags) > 0 for s in sentences)
    tags = Counter(t for s in sentences for t in s.tags)
    assert set(tags) == {"O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"}


@needs_bench
def test_real_re3d() -> None:
    root = BENCH / "re3d"
    centcom, cc = read_re3d_counts(root / "centcom")
    uk, uc = read_re3d_counts(root / "uk_government")
    assert (len(centcom), len(uk)) == (23, 26)
    assert (sum(len(d.entities) for d in centcom), sum(len(d.entities) for d in uk)) == (1052, 649)
    assert cc == Re3dCounts(mismatched=2, orphaned=0, low_confidence=387, other_types=0)
    assert uc == Re3dCounts(mismatched=1, orphaned=0, low_confidence=296, other_types=0)
    assert [d.collection for d in read_re3d_all(root)] == ["centcom"] * 23 + ["uk_government"] * 26
