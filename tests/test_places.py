"""The gazetteer: places say where an event happened, so whose soil it happened on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.errors import DataError
from dyads.pipeline import Pipeline
from dyads.places import PlaceMatcher, load_gazetteer

from .conftest import code


def test_gazetteer_loads_with_countries_and_coordinates() -> None:
    places = load_gazetteer()
    assert len(places) > 1000
    assert places["Tel Aviv"].country == "ISR"
    assert places["Kharkiv"].country == places["Kharkov"].country == "UKR"
    assert -90 <= places["Kharkiv"].lat <= 90


def test_a_bad_row_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "extra.jsonl"
    row = {"name": "Vorlak", "names": ["Vorlak"], "country": "UKR", "kind": "village",
           "lat": 48.1, "lon": 37.2}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"extra\.jsonl.*1.*bad kind 'village'"):
        load_gazetteer([path])


def test_an_overlay_adds_places_and_the_longest_match_wins(
        tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "extra.jsonl"
    rows = [{"name": "Vorlak", "names": ["Vorlak"], "country": "UKR", "kind": "town",
             "lat": 48.1, "lon": 37.2},
            {"name": "Vorlak Heights", "names": ["Vorlak Heights"], "country": "RUS",
             "kind": "region", "lat": 48.3, "lon": 37.5}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    matcher = PlaceMatcher(pipeline.nlp, load_gazetteer([path]))
    doc = pipeline.nlp("Shelling hit Vorlak Heights and then Vorlak.")
    found = [(doc[m.start:m.end].text, m.place.country) for m in matcher(doc)]
    assert found == [("Vorlak Heights", "RUS"), ("Vorlak", "UKR")]


def test_an_attack_in_a_city_is_on_that_states_soil(pipeline: Pipeline) -> None:
    first = code(pipeline, "Two Jordanian gunmen attacked a cafe in Tel Aviv.")[0]
    assert [(r["code"], r["source"]) for r in first["recipient"]] == [("ISR",
                                                                        "context:place")]
    assert first["recipient"][0]["entity_text"] == "Tel Aviv"


def test_a_clause_of_the_same_moment_says_where_too(pipeline: Pipeline) -> None:
    first = code(pipeline, "Three Lebanese gunmen killed four people when they opened fire "
                           "in Haifa.")[0]
    assert first["trigger"]["text"] == "killed"
    assert [(r["code"], r["entity_text"]) for r in first["recipient"]] == [("ISR", "Haifa")]


def test_a_town_near_the_border_is_the_state_it_is_in(pipeline: Pipeline) -> None:
    first = code(pipeline, "Chilean troops shelled a village near Tacna.")[0]
    assert [r["code"] for r in first["recipient"]] == ["PER"]


def test_countries_load_with_the_gazetteer_and_a_city_keeps_its_form() -> None:
    places = load_gazetteer()
    assert places["Ukraine"].kind == "country" and places["Ukraine"].country == "UKR"
    assert places["Singapore"].kind == "capital"  # the city-state's city is the finer place
    assert places["Republic of Singapore"].kind == "country"


def test_the_coder_sees_no_countries(pipeline: Pipeline) -> None:
    matcher = PlaceMatcher(pipeline.nlp, load_gazetteer())
    doc = pipeline.nlp("Shelling in Ukraine hit Kharkiv; troops massed in Guinea-Bissau.")
    finer, countries = matcher.find(doc)
    assert [doc[m.start:m.end].text for m in finer] == ["Kharkiv", "Bissau"]
    assert [doc[m.start:m.end].text for m in countries] == ["Ukraine"]
    assert [m.place.kind for m in matcher(doc)] == ["country", "city", "country"]
