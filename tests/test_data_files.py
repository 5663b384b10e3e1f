"""The shipped data: complete, valid, and checked at load time with useful errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyads.actors import load_actors
from dyads.datafiles import data_path, read_jsonl
from dyads.errors import DataError
from dyads.events import load_lexicon, load_ontology
from dyads.events.ontology import PLOVER_CATEGORIES

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "plover" / \
    "CAMEO2PLOVER-2021.txt"


def test_ontology_has_every_cameo_code_with_classes_and_goldstein() -> None:
    ontology = load_ontology()
    roots = {c[:2] for c in ontology.codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert ontology["072"].event == "AID" and ontology["072"].goldstein == 8.3
    assert ontology["190"].event == "ASSAULT" and ontology["190"].quad_class == 4
    assert ontology["010"].event is None and ontology["010"].penta_class == 0
    assert {c.event for c in ontology.codes.values()} - {None} == set(PLOVER_CATEGORIES)


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repo")
def test_ontology_covers_the_plover_conversion_table() -> None:
    ontology = load_ontology()
    listed = set(re.findall(r"^(\d{3,4}):", REFERENCE.read_text(), re.M))
    assert listed <= set(ontology.codes)


def test_lexicon_covers_all_categories_and_roots() -> None:
    ontology = load_ontology()
    lexicon = load_lexicon(ontology)
    assert len(lexicon) >= 250
    categories = {ontology[e.cameo].event for e in lexicon.entries} - {None}
    assert categories == set(PLOVER_CATEGORIES)
    roots = {e.cameo[:2] for e in lexicon.entries}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_every_un_member_and_observer_is_in_the_dictionary() -> None:
    rows = [row for _, row in read_jsonl(data_path("actors", "countries.jsonl"))]
    assert sum(r["un"] == "member" for r in rows) == 193
    assert {r["code"] for r in rows if r["un"] == "observer"} == {"PSE", "VAT"}
    actors = load_actors()
    for text, code in [("Azerbaijan", "AZE"), ("Azerbaijani", "AZE"), ("Baku", "AZE"),
                       ("Türkiye", "TUR"), ("Burma", "MMR"), ("Britons", "GBR"),
                       ("Kyiv", "UKR"), ("Yerevan", "ARM")]:
        assert actors.entries[text].code == code, text
    assert actors.entries["Baku"].sector == "GOV"


def test_a_bad_overlay_names_the_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.jsonl"
    overlay.write_text('{"code": "XYZ", "names": ["Xland"]}\n{"code": "bad", "names": ["Y"]}\n')
    with pytest.raises(DataError) as info:
        load_actors([overlay])
    assert f"{overlay}:2" in str(info.value) and "bad code" in str(info.value)


def test_overlay_adds_and_recodes_names(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.jsonl"
    overlay.write_text('{"code": "ARTGOV", "names": ["Stepanakert"], "country": "AZE", '
                       '"type": "region", "sector": "GOV"}\n')
    actors = load_actors([overlay])
    entry = actors.entries["Stepanakert"]
    assert (entry.code, entry.country, entry.sector) == ("ARTGOV", "AZE", "GOV")


def test_a_broken_lexicon_line_fails_at_load(tmp_path: Path) -> None:
    ontology = load_ontology()
    bad = tmp_path / "events.jsonl"
    bad.write_text('{"id": "x.v", "lemma": "attack", "pos": "VERB", "cameo": "999"}\n')
    with pytest.raises(DataError, match="unknown CAMEO code"):
        load_lexicon(ontology, (bad,))
    bad.write_text('{"id": "x.v", "lemma": "attack", "pos": "VERB", "cameo": "190", '
                   '"recipient": ["object"]}\n')
    with pytest.raises(DataError, match="slots"):
        load_lexicon(ontology, (bad,))
    bad.write_text('{"id": "x.v", "lemma": "attack", "pos": "VERB", "cameo": "190", '
                   '"colour": "red"}\n')
    with pytest.raises(DataError, match=r"events.jsonl:1: unknown key\(s\) colour"):
        load_lexicon(ontology, (bad,))
