"""Money as people read it: "£4.1m", "£450k", "-£1.2m", rounded once, the same way everywhere."""
from __future__ import annotations

import pytest

from model.rules.formats import (AXIS_MINUS, MoneyTickFormatter, fte, money, money_axis_label, money_axis_unit,
                                 people, percent, suppressed)


@pytest.mark.parametrize("pounds, text", [
    (4_100_000, "£4.1m"),
    (1_200_000, "£1.2m"),
    (12_049_999, "£12.0m"),
    (450_000, "£450k"),
    (12_000, "£12k"),
    (1_000, "£1k"),
    (900, "£900"),
    (0, "£0"),
    (0.0, "£0"),
    (-1_200_000, "-£1.2m"),
    (-450_000, "-£450k"),
    (-400, "-£400"),
    (1_234_567_890, "£1,234.6m"),
])
def test_money_uses_millions_thousands_or_pounds(pounds, text):
    assert money(pounds) == text


@pytest.mark.parametrize("pounds, text", [
    (999_999, "£1.0m"),      # rounds to 1,000k, so it is shown in millions, never "£1000k"
    (999_500, "£1.0m"),      # 999.5k rounds up to 1,000k
    (999_499, "£999k"),
    (999.5, "£1k"),          # rounds to £1,000, so thousands
    (999.49, "£999"),
    (1_250_000, "£1.3m"),    # halves round up, as by hand (not to the even £1.2m)
    (1_150_000, "£1.2m"),    # 1.15 is not stored as 1.1499..., so it still rounds up
    (2_500, "£3k"),
    (-1_250_000, "-£1.3m"),  # away from zero for negatives too
    (-0.4, "£0"),            # no "-£0"
    (-499, "-£499"),
])
def test_money_rounding_boundaries(pounds, text):
    assert money(pounds) == text


def test_money_accepts_numpy_scalars_and_refuses_nan():
    np = pytest.importorskip("numpy")
    assert money(np.float64(4_100_000)) == "£4.1m"
    assert money(np.int64(12_000)) == "£12k"
    with pytest.raises(ValueError):
        money(float("nan"))


@pytest.mark.parametrize("values, unit", [
    ([0, 4_100_000], ("£m", 1e6)),
    ([-2_000_000, 10], ("£m", 1e6)),
    ([999_500], ("£m", 1e6)),    # shown as £1.0m, so the axis is in £m as well
    ([999_499], ("£k", 1e3)),
    ([0, 450_000, -300_000], ("£k", 1e3)),
    ([0.0], ("£k", 1e3)),
    ([], ("£k", 1e3)),
])
def test_money_axis_unit_follows_the_largest_absolute_value(values, unit):
    assert money_axis_unit(values) == unit


def test_axis_label_is_the_unit_and_ticks_are_plain_numbers_with_equal_decimals():
    assert money_axis_label("£m") == "£m"
    in_millions = MoneyTickFormatter(1e6)
    assert in_millions.format_ticks([0, 500_000, 1_000_000, 1_500_000]) == ["0.0", "0.5", "1.0", "1.5"]
    assert in_millions.format_ticks([0, 2_000_000, 4_000_000]) == ["0", "2", "4"]
    assert in_millions.format_ticks([-1_000_000, 0, 1_000_000]) == [f"{AXIS_MINUS}1", "0", "1"]
    in_thousands = MoneyTickFormatter(1e3)
    assert in_thousands.format_ticks([0, 250_000, 1_250_000]) == ["0", "250", "1,250"]


@pytest.mark.parametrize("posts, text", [(60, "60 FTE"), (21.6, "21.6 FTE"), (2.36, "2.4 FTE"), (0, "0 FTE"),
                                         (1234.56, "1,234.6 FTE"), (0.04, "0 FTE")])
def test_fte_has_at_most_one_decimal(posts, text):
    assert fte(posts) == text


@pytest.mark.parametrize("share, text", [(0.48, "48%"), (0.125, "13%"), (0.5249, "52%"), (1.0, "100%"), (0, "0%")])
def test_percent_is_whole_and_rounds_halves_up(share, text):
    assert percent(share) == text


@pytest.mark.parametrize("count, shown", [(0, 0), (0.4, "fewer than 5"), (4.99, "fewer than 5"), (5, 5),
                                          (-3, "fewer than 5"), (-16.45, -16.45)])
def test_counts_of_people_below_5_are_suppressed(count, shown):
    assert suppressed(count) == shown


@pytest.mark.parametrize("count, text", [(0, "no one"), (0.01, "fewer than 5 people"), (4.6, "fewer than 5 people"),
                                         (5, "5 people"), (20.5, "21 people"), (1234, "1,234 people")])
def test_people_in_words(count, text):
    assert people(count) == text
