"""Places on events: a gazetteer place from the sentence, else the document's main
conflict location, marked inferred."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from dyads.facts.places import ConflictPlaces, location
from dyads.models import Event, Location, Sentence, Span
from dyads.pipeline import Pipeline
from dyads.places import load_gazetteer

from .conftest import code, records, run_cli


def where(event: dict[str, Any]) -> tuple[str, bool] | None:
    loc = event["location"]
    return None if loc is None else (loc["text"], loc["inferred"])


def test_a_place_in_a_locative_phrase_on_the_trigger(pipeline: Pipeline) -> None:
    event = code(pipeline, "Kenyan police arrested three smugglers in Mombasa.")[0]
    assert event["location"] == {"text": "Mombasa", "country": "KEN", "lat": -4.04,
                                 "lon": 39.67, "inferred": False, "kind": "city"}


def test_the_trigger_phrase_beats_a_place_elsewhere_in_the_sentence(
        pipeline: Pipeline) -> None:
    text = "Police arrested protesters in Karachi after a rally in Lahore."
    assert where(code(pipeline, text)[0]) == ("Karachi", False)


def test_a_place_near_the_object(pipeline: Pipeline) -> None:
    text = "Russian forces shelled positions near Bakhmut."
    assert where(code(pipeline, text)[0]) == ("Bakhmut", False)


def test_a_participant_is_not_the_location(pipeline: Pipeline) -> None:
    # Kyiv and Moscow act as governments; no other place is named, so none is given.
    event = code(pipeline, "Kyiv accused Moscow of lying.")[0]
    assert event["location"] is None
    event = code(pipeline, "Kyiv accused Moscow of shelling a school in Kharkiv.")[0]
    assert where(event) == ("Kharkiv", False)


def test_the_speakers_place_is_not_the_events(pipeline: Pipeline) -> None:
    text = "Officials in Herat said Taliban fighters attacked a checkpoint."
    events = [e for e in code(pipeline, text) if e["event"] == "ASSAULT"]
    assert events and events[0]["location"] is None


def test_the_main_conflict_location_is_inferred(pipeline: Pipeline) -> None:
    text = ("Israeli jets struck Hamas targets in Rafah.\n\n"
            "Egypt urged Israel to show restraint.\n\n"
            "Hamas fired rockets at Ashkelon.\n\n"
            "Israeli troops raided a camp in Rafah.")
    events = code(pipeline, text)
    got = {e["text"]: where(e) for e in events}
    assert got["Israeli jets struck Hamas targets in Rafah."] == ("Rafah", False)
    assert got["Hamas fired rockets at Ashkelon."] == ("Ashkelon", False)
    # No place in the sentence: the place most of the hostile events name.
    assert got["Egypt urged Israel to show restraint."] == ("Rafah", True)


def test_no_hostile_place_no_inference(pipeline: Pipeline) -> None:
    text = "The envoy met Syrian officials in Geneva.\n\nEgypt urged Israel to show restraint."
    got = {e["text"]: where(e) for e in code(pipeline, text)}
    assert got["The envoy met Syrian officials in Geneva."] == ("Geneva", False)
    assert got["Egypt urged Israel to show restraint."] is None


def test_inference_stays_in_its_document(pipeline: Pipeline) -> None:
    import dyads

    texts = ["Syrian troops shelled rebels near Idlib.", "Egypt urged Israel to show restraint."]
    events = [e for r in dyads.pipeline.code_texts(texts, pipeline) for e in r.events]
    assert [(e.doc_id, e.location.text if e.location else None) for e in events] == [
        ("1", "Idlib"), ("2", None)]


def _event(place: str | None, quad: int, inferred: bool = False) -> Event:
    loc = Location(place, "XXX", 0.0, 0.0, inferred) if place else None
    sentence = Sentence("d", 0, 0, 1, "x")
    return Event("d", 0, 0, sentence, "ASSAULT", None, (), "190", 4, quad, -10.0,
                 Span("x", 0, 1), (), (), location=loc)


def test_main_place_counts_hostile_events_only_and_breaks_ties_by_order() -> None:
    tally = ConflictPlaces()
    for event in (_event("Aden", 1), _event("Aden", 1), _event("Taiz", 3),
                  _event("Taiz", 3, inferred=True), _event(None, 3)):
        tally.add(event)
    main = tally.main()
    assert main is not None and (main.text, main.inferred) == ("Taiz", True)
    tie = ConflictPlaces()
    tie.add(_event("Marib", 4))
    tie.add(_event("Taiz", 4))
    assert tie.main() is not None and tie.main().text == "Marib"  # type: ignore[union-attr]
    assert ConflictPlaces().main() is None


def test_material_conflict_decides_before_verbal_conflict() -> None:
    # Accusations are made in capitals; the fighting is elsewhere.
    tally = ConflictPlaces()
    for event in (_event("Sanaa", 3), _event("Sanaa", 3), _event("Hodeidah", 4)):
        tally.add(event)
    main = tally.main()
    assert main is not None and main.text == "Hodeidah"


def test_cli_prints_places_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Sudanese troops attacked rebels in El Fasher on 2 June 2024.\n\n"
                    "Two days later, Chad condemned Sudan.\n", encoding="utf-8")
    proc = run_cli("code", str(path), "--pub-date", "2024-06-10")
    assert proc.returncode == 0, proc.stderr
    got = {e["text"]: (e["date"], where(e)) for e in records(proc.stdout)}
    assert got["Sudanese troops attacked rebels in El Fasher on 2 June 2024."] == (
        {"text": "2 June 2024", "iso": "2024-06-02", "precision": "day"},
        ("El Fasher", False))
    assert got["Two days later, Chad condemned Sudan."] == (
        {"text": "Two days later", "iso": "2024-06-04", "precision": "day"},
        ("El Fasher", True))


# ---------------------------------------------------------------------- countries
def test_a_country_in_a_locative_phrase_is_the_location(pipeline: Pipeline) -> None:
    event = code(pipeline, "Government troops shelled rebel villages in Ukraine.")[0]
    assert event["location"] == {"text": "Ukraine", "country": "UKR", "lat": 48.4,
                                 "lon": 31.2, "inferred": False, "kind": "country"}
    event = code(pipeline, "Insurgents launched attacks across Sudan.")[0]
    assert where(event) == ("Sudan", False)
    text = "Turkish jets bombed militant camps inside Syria and Iraq."
    assert where(code(pipeline, text)[0]) == ("Syria", False)


def test_a_country_is_named_by_its_names_not_its_adjective(pipeline: Pipeline) -> None:
    event = code(pipeline, "Gunmen attacked a convoy in the Democratic Republic of the "
                           "Congo.")[0]
    assert event["location"]["country"] == "COD"
    assert event["location"]["text"] == "DR Congo"  # the gazetteer's name, as for cities
    assert code(pipeline, "Somali gunmen attacked a convoy.")[0]["location"] is None


def test_a_finer_place_beats_its_country(pipeline: Pipeline) -> None:
    text = "Rebels ambushed a patrol in Ukraine near Bakhmut."
    assert where(code(pipeline, text)[0]) == ("Bakhmut", False)
    text = "Militants bombed a market in Mogadishu, in Somalia."
    assert where(code(pipeline, text)[0]) == ("Mogadishu", False)


def test_a_participant_country_is_not_the_location(pipeline: Pipeline) -> None:
    event = code(pipeline, "Russia attacked Ukraine.")[0]
    assert event["location"] is None
    event = code(pipeline, "Ethiopia accused Eritrea of lying.")[0]
    assert event["location"] is None


def test_only_a_phrase_of_being_inside_names_a_country(pipeline: Pipeline) -> None:
    # near the border with Chad is not in Chad; the Gulf of Guinea is not Guinea
    event = code(pipeline, "Gunmen killed ten villagers near the border with Chad.")[0]
    assert event["location"] is None
    event = code(pipeline, "Officials in Kenya said Somali militants attacked a bus.")
    assert [e["location"] for e in event if e["event"] == "ASSAULT"] == [None]


def test_a_country_never_outranks_a_finer_main_location(pipeline: Pipeline) -> None:
    text = ("Fighters shelled villages in Syria.\n\n"
            "Fighters shelled villages in Syria.\n\n"
            "Government troops shelled rebels near Idlib.\n\n"
            "Turkey urged Russia to show restraint.")
    got = {e["text"]: where(e) for e in code(pipeline, text)}
    assert got["Fighters shelled villages in Syria."] == ("Syria", False)
    assert got["Turkey urged Russia to show restraint."] == ("Idlib", True)
    alone = code(pipeline, "Fighters shelled villages in Syria.\n\n"
                           "Turkey urged Russia to show restraint.")
    assert [where(e) for e in alone] == [("Syria", False), ("Syria", True)]


def test_a_country_outside_a_finer_place_waits_for_the_finer() -> None:
    tally = ConflictPlaces()
    ukraine = location(load_gazetteer()["Ukraine"])
    tally.add(replace(_event(None, 4), location=ukraine))
    tally.add(replace(_event(None, 4), location=ukraine))
    tally.add(_event("Bakhmut", 3))
    main = tally.main()
    assert main is not None and main.text == "Bakhmut"
