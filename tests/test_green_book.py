"""Green Book optimism bias presets, checked against the published table typed out again here.

Typed from Mott MacDonald (2002), Review of Large Public Procurement in the UK, Table 2 "Optimism Bias
Guidelines", the table HM Treasury's Supplementary Green Book Guidance: Optimism Bias adopts.
Per cent; (upper, lower); None where the table says N/A or gives no figure.
"""
import pytest

from model.rules import green_book as gb

PUBLISHED = {
    #  project type                      works duration  capital expenditure  operating expenditure
    "standard_buildings":               ((4, 1),        (24, 2),             None),
    "non_standard_buildings":           ((39, 2),       (51, 4),             None),
    "standard_civil_engineering":       ((20, 1),       (44, 3),             None),
    "non_standard_civil_engineering":   ((25, 3),       (66, 6),             None),
    "equipment_development":            ((54, 10),      (200, 10),           None),
    "outsourcing":                      (None,          None,                (41, 0)),
}


def as_fractions(pair):
    return None if pair is None else (pair[0] / 100, pair[1] / 100)


def test_categories_are_the_published_table_in_order():
    assert list(gb.CATEGORIES) == list(PUBLISHED)
    for cid, (duration, capital, operating) in PUBLISHED.items():
        cat = gb.CATEGORIES[cid]
        assert cat.id == cid
        assert cat.works_duration == pytest.approx(as_fractions(duration)) if duration else cat.works_duration is None
        assert cat.capital == pytest.approx(as_fractions(capital)) if capital else cat.capital is None
        assert cat.operating == pytest.approx(as_fractions(operating)) if operating else cat.operating is None


def test_every_category_has_a_label_and_examples():
    for cat in gb.CATEGORIES.values():
        assert cat.label and len(cat.examples) > 40


def test_council_initiatives_map_as_documented():
    assert "ICT" in gb.CATEGORIES["equipment_development"].examples
    assert "company" in gb.CATEGORIES["outsourcing"].examples
    assert "office move" in gb.CATEGORIES["standard_buildings"].examples


def test_source_cites_the_treasury_guidance_and_the_review():
    for words in ("HM Treasury", "Supplementary Green Book Guidance: Optimism Bias", "Mott MacDonald",
                  "Review of Large Public Procurement in the UK", "2002"):
        assert words in gb.SOURCE


@pytest.mark.parametrize("cid", list(PUBLISHED))
def test_unmitigated_uplifts_are_the_published_bounds(cid):
    _, capital, operating = PUBLISHED[cid]
    assert gb.one_off_uplift(cid) == pytest.approx(capital[0] / 100 if capital else 0.0)
    assert gb.one_off_uplift(cid, "lower") == pytest.approx(capital[1] / 100 if capital else 0.0)
    assert gb.recurring_uplift(cid) == pytest.approx(operating[0] / 100 if operating else 0.0)
    assert gb.recurring_uplift(cid, "lower") == pytest.approx(operating[1] / 100 if operating else 0.0)


def test_mitigation_reduces_the_upper_bound_by_the_managed_share():
    # equipment/development: 200 % with a quarter managed leaves 150 %
    assert gb.one_off_uplift("equipment_development", mitigation=0.25) == pytest.approx(1.50)
    # outsourcing operating expenditure: 41 % with 60 % managed leaves 16.4 %
    assert gb.recurring_uplift("outsourcing", mitigation=0.6) == pytest.approx(0.164)
    # standard buildings: 24 % fully managed leaves nothing
    assert gb.one_off_uplift("standard_buildings", mitigation=1.0) == 0.0


def test_the_guidance_worked_example_reaches_the_lower_bound():
    # non-standard buildings: (100 % - 92 %) x 51 % = 4.08 %, which the guidance rounds to its 4 % lower bound
    assert gb.one_off_uplift("non_standard_buildings", mitigation=0.92) == pytest.approx(0.0408)


def test_mitigation_is_not_floored_at_the_lower_bound():
    # 24 % x (1 - 0.95) = 1.2 %, below the 2 % lower bound: the guidance calls that bound a target, not a limit
    assert gb.one_off_uplift("standard_buildings", mitigation=0.95) == pytest.approx(0.012)


def test_categories_without_a_figure_give_no_uplift_whatever_the_mitigation():
    assert gb.recurring_uplift("equipment_development", mitigation=0.5) == 0.0
    assert gb.one_off_uplift("outsourcing", mitigation=0.5) == 0.0


@pytest.mark.parametrize("call, words", [
    (lambda: gb.one_off_uplift("ict"), "unknown optimism bias category 'ict'; use one of: standard_buildings"),
    (lambda: gb.recurring_uplift("offices"), "outsourcing"),
    (lambda: gb.one_off_uplift("outsourcing", bound="middle"), "unknown bound 'middle'; use one of: upper, lower"),
    (lambda: gb.one_off_uplift("outsourcing", mitigation=1.5), "from 0 .* to 1"),
    (lambda: gb.recurring_uplift("outsourcing", mitigation=-0.1), "from 0 .* to 1"),
    (lambda: gb.one_off_uplift("standard_buildings", mitigation="half"), "must be a number"),
    (lambda: gb.one_off_uplift("standard_buildings", "lower", 0.5), "only to the upper bound"),
])
def test_bad_arguments_name_the_allowed_values(call, words):
    with pytest.raises(ValueError, match=words):
        call()
