"""The reorganisation's own sentences and tables (issue 16) on awkward names: a new council with an
apostrophe and a comma in its name, a scenario name that needs quoting, and figures by hand."""
from __future__ import annotations

import pytest

from casebuilder import write_case
from model.case.loader import load_case
from model.results.frames import project_case
from model.tables import reorganisation as tables
from model.words import reorganisation as words
from reorg_fixtures import merger_spec


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    spec = merger_spec()
    merger = spec["scenarios.yaml"]["scenarios"][-1]
    merger["name"] = "Merge, then share"                     # a comma: quoted inside a sentence
    successor = merger["reorganisation"]["successors"][0]
    successor["name"] = "King's Lynn, Downham & District Council"
    successor["short_name"] = "King's Lynn & District"
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [
        {"category": "shadow_authority", "amount": 100_000, "years_from_start": 0}]
    return project_case(load_case(write_case(tmp_path_factory.mktemp("c") / "mini", spec)))


def test_structure_sentence_names_every_council_in_full(awkward):
    assert words.structure_sentences(awkward) == [
        "“Merge, then share” replaces North District and South District with King's Lynn, Downham & District "
        "Council from 1 April 2021."]


def test_area_sentences_by_hand(awkward):
    said = words.area_sentences(awkward)
    # the gap: north 1m + south 1m in 2022/23; both options save 300k a year (10% of 1m + 2m of back office)
    assert said[0] == "Across the area the councils need £2.0m a year of savings by 2022/23."
    # both options take the shared finance initiative: 300k a year for 3 years less its 100k in 2020/21
    # (undiscounted): 300k x (1 + 1/1.035 + 1/1.035^2) - 100k = £770k each, a tie; 200k ahead in year one
    assert said[1] == ("For the area as a whole, Shared services and “Merge, then share” have the highest net "
                       "present value, £770k over 3 years at 3.5%, and pay back within the first year (2020/21), "
                       "counted from 1 April 2020.")
    assert said[3] == ("“Merge, then share” saves £300k a year by 2022/23, against the area's gap of £2.0m, for "
                       "one-off costs of £100k.")


def test_area_table_and_new_councils_table(awkward):
    area = tables.area_options(awkward).set_index("Option")
    assert area.loc["Merge, then share", "One-off costs"] == pytest.approx(100_000)
    # cumulative: 2020/21 300k - 100k = 200k >= 0 from the first year: pays back within it
    assert area.loc["Merge, then share", "Pays back in"] == "2020/21"
    new = tables.successor_positions(awkward)
    assert new["Council"].tolist() == ["King's Lynn, Downham & District Council"]
    # 4.6m + 5.2m pooled at vesting... with 100k less in 2020/21 at the predecessors: North 100k - 50k
    # (equal shares of the shared cost) = 4.55m, South 5.15m; then + 300k - 2m a year: 8.0m, 6.3m
    assert new["Usable reserves at the end"].iloc[0] == pytest.approx(6_300_000)
