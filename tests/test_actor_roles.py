"""Office holders: the role, and so the code, follows the document's date; a person named
with a title and a country adjective is one actor, not two."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dyads
from dyads.actors import load_actors
from dyads.errors import DataError
from dyads.pipeline import Pipeline
from dyads.settings import Settings

# An invented person: foreign minister of Armenia, later prime minister of Georgia.
PERSON = {"name": "Mirela Vantosh", "names": ["Mirela Vantosh", "Vantosh"], "ambiguous": [],
          "roles": [
              {"country": "ARM", "office": "foreign_minister", "title": "Foreign Minister",
               "valid_from": "2012-03-01", "valid_to": "2016-05-31"},
              {"country": "GEO", "office": "head_of_government", "title": "Prime Minister",
               "valid_from": "2019-02-10", "valid_to": None}]}


# An invented officer: a minister, then the head of Armenia's army.
OFFICER = {"name": "Davit Korsan", "names": ["Davit Korsan"], "ambiguous": [],
           "roles": [
               {"country": "ARM", "office": "government", "title": "",
                "valid_from": "2001-01-01", "valid_to": "2005-12-31"},
               {"country": "ARM", "office": "military", "title": "General",
                "valid_from": "2006-01-01", "valid_to": "2010-12-31"}]}


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Pipeline:
    path = tmp_path_factory.mktemp("people") / "people.jsonl"
    path.write_text(json.dumps(PERSON) + "\n" + json.dumps(OFFICER) + "\n",
                    encoding="utf-8")
    settings = Settings(actors=(str(path),))
    return Pipeline(settings, nlp=pipeline.nlp, actors=load_actors(settings.actors))


def _actor(pipeline: Pipeline, text: str, date: str | None) -> list[str]:
    events = list(dyads.code_text(text, pipeline, pub_date=date))
    assert events, text
    return [a.code for a in events[0].actor]


def test_role_is_chosen_by_the_document_date(people: Pipeline) -> None:
    text = "Mirela Vantosh condemned the shelling of Kutaisi by Russia."
    assert _actor(people, text, "2014-07-01") == ["ARMGOV"]
    assert _actor(people, text, "2023-09-21") == ["GEOGOV"]
    # Between the two roles she is a former official of the country she last served.
    assert _actor(people, text, "2018-01-01") == ["ARMELI"]
    # No date: the role still held.
    assert _actor(people, text, None) == ["GEOGOV"]


def test_title_and_country_word_make_one_actor(people: Pipeline) -> None:
    text = "Georgian Prime Minister Mirela Vantosh accused Russia of shelling Kutaisi."
    events = list(dyads.code_text(text, people, pub_date="2023-09-21"))
    assert [a.code for a in events[0].actor] == ["GEOGOV"]
    assert events[0].actor[0].entity_text == "Mirela Vantosh"


def test_bad_role_names_file_and_line(tmp_path: Path) -> None:
    bad = dict(PERSON, roles=[dict(PERSON["roles"][0], valid_from="March 2012")])
    path = tmp_path / "people.jsonl"
    path.write_text(json.dumps(PERSON) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_actors([path])
    assert err.value.line == 2 and "valid_from" in str(err.value)


def test_the_sector_is_the_one_of_the_role_held_then(people: Pipeline) -> None:
    text = "Davit Korsan condemned the shelling of Kutaisi by Russia."
    assert _actor(people, text, "2003-05-01") == ["ARMGOV"]
    assert _actor(people, text, "2008-05-01") == ["ARMMIL"]


def test_an_organisation_in_apposition_outranks_a_dated_role(people: Pipeline) -> None:
    # The dictionary dates her as Armenia's foreign minister; the text names her UN post.
    text = "Mirela Vantosh, the UN envoy for the region, urged Chile to open the border."
    assert _actor(people, text, "2014-07-01") == ["IGOUNO"]


@pytest.mark.parametrize("text", [
    "UN envoy Mirela Vantosh urged Chile to open the border.",
    "Mirela Vantosh of the United Nations urged Chile to open the border.",
])
def test_an_organisation_in_the_persons_own_phrase_outranks_a_dated_role(
        people: Pipeline, text: str) -> None:
    # 'UN envoy' is her post when the text is written, one actor, not the UN and Armenia
    assert _actor(people, text, "2014-07-01") == ["IGOUNO"]
