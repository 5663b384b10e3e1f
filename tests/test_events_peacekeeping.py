"""Forces sent or deployed for peacekeeping provide peacekeeping (CAMEO 074, material
cooperation), not a show of force (154)."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import cameos


@pytest.mark.parametrize("text", [
    "Chile sent troops to the UN peacekeeping mission in Haiti.",
    "Kenya deployed 300 soldiers as peacekeepers in Somalia.",
    "Ghana announced the deployment of 500 troops to Mali on a peacekeeping mission.",
    "Brazil sent 200 troops to Haiti to serve as a peacekeeping force.",
])
def test_forces_sent_for_peacekeeping_provide_it(pipeline: Pipeline, text: str) -> None:
    assert "074" in cameos(pipeline, text)
    assert "154" not in cameos(pipeline, text)


@pytest.mark.parametrize("text", [
    "Russia deployed troops to Belarus.",
    # Peacekeeping in another clause says nothing of this deployment.
    "Russia sent troops to Belarus, while Kenya sent peacekeepers to Haiti.",
    "Russia sent troops to Belarus after peacekeepers left Ukraine.",
])
def test_other_deployments_stay_a_show_of_force(pipeline: Pipeline, text: str) -> None:
    assert cameos(pipeline, text)[0] == "154"
