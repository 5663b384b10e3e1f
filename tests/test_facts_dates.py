"""Dates on events: expressions of time found, resolved against the publication date and
against the dates a document established earlier, and chosen for the right event."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.facts.dates import DateResolver, find_dates, open_gates
from dyads.pipeline import Pipeline

from .conftest import code, records, run_cli

PUB = "2023-09-21"  # a Thursday


def resolve(text: str, pub: str | None = PUB) -> list[tuple[str, str, str]]:
    """Every expression of time in ``text``, resolved in reading order."""
    resolver = DateResolver(pub)
    out = []
    for expr in find_dates(text):
        ref = resolver.resolve(expr)
        assert ref is not None, expr
        assert ref.text == text[expr.start:expr.end]
        out.append((ref.text or "", ref.iso, ref.precision))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen stormed a police post on 4 August 2021.", ("4 August 2021", "2021-08-04")),
    ("The envoys met on March 3, 2019 in a hotel.", ("March 3, 2019", "2019-03-03")),
    ("The decree is dated 2018-11-30.", ("2018-11-30", "2018-11-30")),
    ("Ministers met on the 2nd of February 2020.", ("2nd of February 2020", "2020-02-02")),
    ("The strike began on Sept. 14, 2022.", ("Sept. 14, 2022", "2022-09-14")),
    # Without a year: the nearest one not after the publication date.
    ("Troops crossed the river on September 12.", ("September 12", "2023-09-12")),
    ("Troops crossed the river on 30 September.", ("30 September", "2022-09-30")),
    # A weekday: the last such day on or before the publication date.
    ("Police raided the offices on Tuesday.", ("Tuesday", "2023-09-19")),
    ("Police raided the offices on Thursday.", ("Thursday", "2023-09-21")),
    ("Police raided the offices last Thursday.", ("last Thursday", "2023-09-14")),
    ("The summit opens next Monday.", ("next Monday", "2023-09-25")),
    ("Tuesday's raid left two dead.", ("Tuesday", "2023-09-19")),
    ("Tuesday, 12 September 2023 was quiet.", ("Tuesday, 12 September 2023", "2023-09-12")),
    ("The militia shelled the port yesterday.", ("yesterday", "2023-09-20")),
    ("Yesterday the militia shelled the port.", ("Yesterday", "2023-09-20")),
    ("Leaders will meet tomorrow.", ("tomorrow", "2023-09-22")),
    ("Drones struck the depot last night.", ("last night", "2023-09-20")),
    ("The envoy arrived three days ago.", ("three days ago", "2023-09-18")),
])
def test_day_precision(text: str, expected: tuple[str, str]) -> None:
    assert resolve(text) == [(*expected, "day")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Elections were held in September.", ("September", "2023-09")),
    ("Elections were held in November.", ("November", "2022-11")),
    ("The pact was signed in May 2014.", ("May 2014", "2014-05")),
    ("The pact was signed in May of 2014.", ("May of 2014", "2014-05")),
    ("Prices rose last month.", ("last month", "2023-08")),
    ("Rebels seized the town last May.", ("last May", "2023-05")),
    ("Rebels seized the town last October.", ("last October", "2022-10")),
])
def test_month_precision(text: str, expected: tuple[str, str]) -> None:
    assert resolve(text) == [(*expected, "month")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry imposed sanctions in 2020.", ("2020", "2020")),
    ("The ministry imposed sanctions last year.", ("last year", "2022")),
    ("Turnout fell this year.", ("this year", "2023")),
])
def test_year_precision(text: str, expected: tuple[str, str]) -> None:
    assert resolve(text) == [(*expected, "year")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Between 2016 and 2020 the army doubled in size.",
     ("Between 2016 and 2020", "2016/2020")),
    ("The 2011-2014 insurgency displaced thousands.", ("2011-2014", "2011/2014")),
    ("Strikes spread from March to May.", ("from March to May", "2023-03/2023-05")),
    ("Strikes spread from November to February.",
     ("from November to February", "2022-11/2023-02")),
    ("The truce held from 3 to 9 March 2022.", ("from 3 to 9 March 2022",
                                               "2022-03-03/2022-03-09")),
    ("Fighting intensified in early September.",
     ("early September", "2023-09-01/2023-09-10")),
    ("Fighting intensified in late February 2022.",
     ("late February 2022", "2022-02-21/2022-02-28")),
    ("Output fell in mid-2021.", ("mid-2021", "2021-05/2021-08")),
    ("The group has fought the state since the late 1990s.",
     ("since the late 1990s", "1997/2023-09-21")),
    ("Exports have grown since 2016.", ("since 2016", "2016/2023-09-21")),
    ("Militias multiplied in the 1980s.", ("the 1980s", "1980/1989")),
    ("Protesters gathered last week.", ("last week", "2023-09-11/2023-09-17")),
    ("Riots broke out earlier this month.", ("earlier this month", "2023-09-01/2023-09-21")),
    ("Arrests have grown in recent weeks.", ("in recent weeks", "2023-08-31/2023-09-21")),
    ("Arrests rose over the past two weeks.",
     ("over the past two weeks", "2023-09-07/2023-09-21")),
    ("Troops withdrew in the summer of 2019.", ("the summer of 2019", "2019-06/2019-08")),
])
def test_period_precision(text: str, expected: tuple[str, str]) -> None:
    assert resolve(text) == [(*expected, "period")]


def test_relative_dates_count_from_the_last_date_established() -> None:
    text = ("Rebels took the airport on 2 May 2022. Two days later they lost it. "
            "The next day talks began. A week earlier, a convoy had been ambushed.")
    assert resolve(text) == [
        ("2 May 2022", "2022-05-02", "day"),
        ("Two days later", "2022-05-04", "day"),
        ("The next day", "2022-05-05", "day"),
        ("A week earlier", "2022-04-28", "day"),
    ]


def test_months_preceding_end_at_the_last_date_established() -> None:
    text = "The vote was held in March 2018. In the months preceding, arrests rose."
    assert resolve(text) == [("March 2018", "2018-03", "month"),
                             ("In the months preceding", "2017-12/2018-03", "period")]


def test_relative_dates_need_a_reference() -> None:
    resolver = DateResolver(None)
    assert [resolver.resolve(x) for x in find_dates("Two days later they left.")] == [None]
    assert [resolver.resolve(x) for x in find_dates("Police left on Tuesday.")] == [None]
    assert [resolver.resolve(x) for x in find_dates("Police left yesterday.")] == [None]
    # An explicit date needs none.
    assert resolve("Police left on 4 June 2020.", pub=None) == [
        ("4 June 2020", "2020-06-04", "day")]


@pytest.mark.parametrize("text", [
    "May said the talks would resume.",
    "Theresa May met the envoy.",
    "Prices may march higher.",
    "The blast killed 2020 people.",
    "Officials said the deal was done.",
    "They met every week.",
])
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_dates(text) == []


def test_the_gate_opens_only_for_words_of_time() -> None:
    assert open_gates("The army shelled the port.") == set()
    assert open_gates("on Tuesday") == {"weekday"}
    assert "after" in open_gates("Two days later they left.")


def test_an_event_takes_the_date_attached_to_its_trigger(pipeline: Pipeline) -> None:
    text = "Ukraine said on Monday that Russia shelled Kharkiv last week."
    events = code(pipeline, text, pub_date=PUB)
    assault = [e for e in events if e["event"] == "ASSAULT"]
    assert assault and assault[0]["date"] == {
        "text": "last week", "iso": "2023-09-11/2023-09-17", "precision": "period"}


@pytest.mark.parametrize(("text", "dated"), [
    # the date of the saying is not the date of what is reported
    ("Chile sent rifles to Peru, two officials said on Tuesday.", False),
    ("Chile sent rifles to Peru on Tuesday, two officials said.", True),
    # a date in a coordinated clause with its own subject is that clause's
    ("Chile buys gas from Peru, and Peruvian firms built its pipeline in 2019.", False),
    # coordinated verbs sharing a subject share a date
    ("Chile attacked Peru and shelled Tacna on Tuesday.", True),
])
def test_a_sentences_only_date_is_not_always_the_events(pipeline: Pipeline, text: str,
                                                        dated: bool) -> None:
    events = code(pipeline, text, pub_date=PUB)
    assert events
    assert (events[0]["date"] is not None) is dated


def test_a_datelines_date_is_the_reports(pipeline: Pipeline) -> None:
    text = "LIMA, Oct. 4 (Dyads Wire) - Peru sent rifles to Bolivia, officials said."
    events = code(pipeline, text, pub_date=PUB)
    assert events and events[0]["date"] is None
    text = "LIMA, Oct. 4 (Dyads Wire) - Peru sent rifles to Bolivia on Tuesday."
    assert code(pipeline, text, pub_date=PUB)[0]["date"]["text"] == "Tuesday"


def test_a_sentence_without_a_date_gives_none(pipeline: Pipeline) -> None:
    text = "Russia shelled Kharkiv on 3 March 2022.\n\nUkraine condemned Russia."
    events = code(pipeline, text, pub_date=PUB)
    by_text = {e["text"]: e["date"] for e in events}
    assert by_text["Russia shelled Kharkiv on 3 March 2022."]["iso"] == "2022-03-03"
    assert by_text["Ukraine condemned Russia."] is None


def test_an_earlier_paragraph_anchors_a_relative_date(pipeline: Pipeline) -> None:
    text = ("Armenia accused Azerbaijan of shelling border villages on 12 September 2022."
            "\n\nTwo days later, Azerbaijan attacked Armenian positions.")
    events = code(pipeline, text, pub_date=PUB)
    later = [e for e in events if e["text"].startswith("Two days later")]
    assert later and later[0]["date"] == {
        "text": "Two days later", "iso": "2022-09-14", "precision": "day"}


def test_relative_to_the_publication_date(pipeline: Pipeline) -> None:
    events = code(pipeline, "Yesterday Turkish forces shelled Kurdish positions.",
                  pub_date="2024-01-01")
    assert events and events[0]["date"] == {
        "text": "Yesterday", "iso": "2023-12-31", "precision": "day"}


def test_cli_prints_the_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Russia attacked Ukraine on Tuesday.\n\nIn 2020 Iran supplied drones "
                    "to Russia.\n", encoding="utf-8")
    proc = run_cli("code", str(path), "--pub-date", "2023-09-21")
    assert proc.returncode == 0, proc.stderr
    dates = {e["text"]: e["date"] for e in records(proc.stdout)}
    assert dates["Russia attacked Ukraine on Tuesday."] == {
        "text": "Tuesday", "iso": "2023-09-19", "precision": "day"}
    assert dates["In 2020 Iran supplied drones to Russia."] == {
        "text": "2020", "iso": "2020", "precision": "year"}


def test_every_gate_needs_a_key_word() -> None:
    # The stage skips a sentence with no key word and no year without opening any gate:
    # a gate that any other word could open alone would be skipped wrongly.
    from dyads.facts.dates import GATES, KEY_WORDS

    for name, alternatives in GATES.items():
        for alternative in alternatives:
            assert any(needed <= KEY_WORDS for needed in alternative), name


def test_since_a_future_date_is_no_period() -> None:
    resolver = DateResolver(PUB)
    assert [resolver.resolve(x) for x in find_dates("It has grown since tomorrow.")] == [None]
    assert resolve("Exports have grown since June.") == [
        ("since June", "2023-06/2023-09-21", "period")]
