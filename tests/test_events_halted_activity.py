"""A verb that halts, ends or receives something reads what its object is the work or the
container of ('halted its mediation efforts', 'received a mission of observers'), and the
halted activity is no event of its own when only a pronoun owns it ('Kenya halted its
talks with Somalia' is one event, a halt, not talks held)."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


def _coded(pipeline: Pipeline, text: str) -> list[tuple[str | None, str, list[str], list[str]]]:
    return [(e["event"], e["cameo"], [a["code"][:3] for a in e["actor"]],
             [r["code"][:3] for r in e["recipient"]]) for e in code(pipeline, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya has halted its mediation efforts between the rival factions in Somalia.",
     [("SANCTION", "165", ["KEN"], ["SOM"])]),
    ("Norway ended its mediation role in Sri Lanka.", [("SANCTION", "165", ["NOR"], ["LKA"])]),
    ("Canada suspended its aid operations in Haiti.", [("SANCTION", "162", ["CAN"], ["HTI"])]),
])
def test_the_work_of_an_activity_is_the_activity(pipeline: Pipeline, text: str,
                                                 expected: list[tuple[str, str, list[str],
                                                                      list[str]]]) -> None:
    assert _coded(pipeline, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya halted its talks with Somalia.", [("SANCTION", "164", ["KEN"], ["SOM"])]),
    ("Qatar suspended its mediation between Israel and Hamas.",
     [("SANCTION", "165", ["QAT"], ["ISR", "PSE"])]),
])
def test_a_halted_activity_owned_by_a_pronoun_is_no_event(pipeline: Pipeline, text: str,
                                                          expected: list[tuple[str, str,
                                                                               list[str],
                                                                               list[str]]]
                                                          ) -> None:
    assert _coded(pipeline, text) == expected


def test_a_named_owner_keeps_its_own_event(pipeline: Pipeline) -> None:
    coded = _coded(pipeline, "Iran rejected Iraq's demands for compensation.")
    assert ("REQUEST", "100", ["IRQ"], []) in coded


@pytest.mark.parametrize(("text", "expected"), [
    ("Belarus received a mission of election observers from the OSCE.",
     [("RETREAT", "0862", ["BLR"], ["IGO"])]),
    ("Georgia received EU monitors.", [("RETREAT", "0862", ["GEO"], ["IGO"])]),
    ("Jordan received a delegation of ministers from Iraq.",
     [("CONSULT", "043", ["JOR"], ["IRQ"])]),
])
def test_receiving_observers_lets_them_in(pipeline: Pipeline, text: str,
                                          expected: list[tuple[str, str, list[str],
                                                               list[str]]]) -> None:
    assert _coded(pipeline, text) == expected
