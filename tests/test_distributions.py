"""Sampling the distributions an assumption may carry: every expected value here is worked out in the test.

Statistical checks use 200,000 seeded draws and allow 4 standard errors, the standard error taken from
the draws themselves; with fixed seeds they are deterministic, and a wrong formula misses by far more.
"""
import math

import numpy as np
import pytest

from model.rules import distributions as d

N = 200_000
LOW, MODE, HIGH = 0.10, 0.13, 0.20


def draws(shape, seed=2024, size=N, **kw):
    return d.sample(shape, size=size, rng=np.random.default_rng(seed), **kw)


def assert_mean_close(x, expected):
    se = x.std(ddof=1) / math.sqrt(x.size)
    assert abs(x.mean() - expected) < 4 * se, (x.mean(), expected, se)


def assert_variance_close(x, expected):
    centred = x - x.mean()
    var = centred.var(ddof=1)
    se = math.sqrt((np.mean(centred ** 4) - var ** 2) / x.size)
    assert abs(var - expected) < 4 * se, (var, expected, se)


# --- every shape stays inside its range and has the mean the formula says ---------------------------

@pytest.mark.parametrize("shape, kw, expected_mean", [
    ("triangular", dict(low=LOW, high=HIGH, centre=0.15, mode=MODE), (0.10 + 0.13 + 0.20) / 3),
    ("triangular", dict(low=2.0, high=12.0, centre=2.0), (2 + 2 + 12) / 3),          # mode defaults to centre, at low
    ("triangular", dict(low=2.0, high=12.0, centre=12.0), (2 + 12 + 12) / 3),        # mode at high
    ("pert", dict(low=LOW, high=HIGH, centre=0.15, mode=MODE), (0.10 + 4 * 0.13 + 0.20) / 6),
    ("pert", dict(low=0.0, high=12.0, centre=3.0), (0 + 4 * 3 + 12) / 6),
    ("uniform", dict(low=100_000.0, high=150_000.0, centre=120_000.0), 125_000.0),
    ("truncated_normal", dict(low=0.12, high=0.20, centre=0.15, sd=0.02), None),     # mean checked below
])
def test_draws_stay_in_range_and_average_to_the_analytic_mean(shape, kw, expected_mean):
    x = draws(shape, **kw)
    assert x.dtype == np.float64 and x.shape == (N,)
    assert x.min() >= kw["low"] and x.max() <= kw["high"]
    if expected_mean is not None:
        assert d.mean(shape, **kw) == pytest.approx(expected_mean, rel=1e-12)
    assert_mean_close(x, d.mean(shape, **kw))


def test_uniform_variance_is_width_squared_over_twelve():
    x = draws("uniform", low=3.0, high=7.0, centre=5.0)
    assert_variance_close(x, (7.0 - 3.0) ** 2 / 12)


def test_triangular_variance_matches_the_textbook_formula():
    lo, m, hi = LOW, MODE, HIGH
    x = draws("triangular", low=lo, high=hi, centre=0.15, mode=m)
    assert_variance_close(x, (lo**2 + m**2 + hi**2 - lo * m - lo * hi - m * hi) / 18)


def test_pert_variance_is_mean_less_low_times_high_less_mean_over_seven():
    lo, m, hi = 0.0, 3.0, 12.0
    x = draws("pert", low=lo, high=hi, centre=m)
    mu = (lo + 4 * m + hi) / 6
    assert_variance_close(x, (mu - lo) * (hi - mu) / 7)


def test_triangular_is_drawn_from_its_cumulative_curve():
    # P(X <= mode) = (mode - low) / (high - low) for a triangle
    x = draws("triangular", low=0.0, high=10.0, centre=2.0)
    share = np.mean(x <= 2.0)
    p = 0.2
    assert abs(share - p) < 4 * math.sqrt(p * (1 - p) / N)


# --- the truncated normal's mean against a brute-force integral ---------------------------------------

def test_truncated_normal_mean_matches_numerical_integration_for_an_asymmetric_cut():
    mu, sd, lo, hi = 0.15, 0.02, 0.12, 0.21
    grid = np.linspace(lo, hi, 400_001)
    density = np.exp(-0.5 * ((grid - mu) / sd) ** 2)          # unnormalised: the constant cancels
    step = grid[1] - grid[0]
    trapezoid = lambda f: step * (f.sum() - 0.5 * (f[0] + f[-1]))  # noqa: E731
    brute = trapezoid(grid * density) / trapezoid(density)
    assert brute > mu                                          # the cut removes more of the lower tail
    assert d.mean("truncated_normal", low=lo, high=hi, centre=mu, sd=sd) == pytest.approx(brute, abs=1e-9)
    assert_mean_close(draws("truncated_normal", low=lo, high=hi, centre=mu, sd=sd), brute)


def test_truncated_normal_with_a_wide_range_is_the_plain_normal():
    x = draws("truncated_normal", low=-1.0, high=1.0, centre=0.0, sd=0.1)
    assert_mean_close(x, 0.0)
    assert_variance_close(x, 0.01)


def test_truncated_normal_with_a_narrow_cut_still_fills_every_draw():
    # about 4 % of the curve kept: several rejection batches may be needed
    x = draws("truncated_normal", low=0.15, high=0.151, centre=0.15, sd=0.02, size=5_000)
    assert x.shape == (5_000,) and x.min() >= 0.15 and x.max() <= 0.151


# --- no spread means the central value, exactly ------------------------------------------------------

@pytest.mark.parametrize("shape", d.SHAPES)
def test_zero_width_gives_exactly_the_centre_and_takes_nothing_from_the_generator(shape):
    rng = np.random.default_rng(7)
    x = d.sample(shape, low=0.15, high=0.15, centre=0.15, mode=0.15, sd=0.02, size=1000, rng=rng)
    assert np.array_equal(x, np.full(1000, 0.15))
    assert rng.random() == np.random.default_rng(7).random()
    assert d.mean(shape, low=0.15, high=0.15, centre=0.15, sd=0.02) == 0.15


def test_zero_sd_gives_exactly_the_centre_not_the_low_value():
    rng = np.random.default_rng(7)
    x = d.sample("truncated_normal", low=0.1, high=0.2, centre=0.17, sd=0.0, size=10, rng=rng)
    assert np.array_equal(x, np.full(10, 0.17))
    assert rng.random() == np.random.default_rng(7).random()
    assert d.mean("truncated_normal", low=0.1, high=0.2, centre=0.17, sd=0.0) == 0.17


def test_no_draws_asked_gives_an_empty_array():
    assert draws("pert", size=0, low=0.0, high=1.0, centre=0.5).shape == (0,)


# --- reproducible ------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", d.SHAPES)
def test_same_seed_gives_identical_draws_and_another_seed_differs(shape):
    kw = dict(low=0.10, high=0.20, centre=0.15, mode=0.12, sd=0.03, size=2_000)
    assert np.array_equal(draws(shape, seed=11, **kw), draws(shape, seed=11, **kw))
    assert not np.array_equal(draws(shape, seed=11, **kw), draws(shape, seed=12, **kw))


# --- bad arguments ------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape, kw, words", [
    ("lognormal", dict(low=0, high=1, centre=0.5), "unknown distribution 'lognormal'"),
    ("pert", dict(low=0.2, high=0.1, centre=0.15), "the low value 0.2 is above the high value 0.1"),
    ("pert", dict(low=0.10, high=0.18, centre=0.15, mode=0.2), "the most likely value 0.2 is above the high value 0.18"),
    ("triangular", dict(low=0.10, high=0.18, centre=0.15, mode=0.05), "the most likely value 0.05 is below the low"),
    ("uniform", dict(low=0.10, high=0.18, centre=0.3), "the central value 0.3 is above the high value 0.18"),
    ("uniform", dict(low=0.10, high=0.18, centre=0.0), "the central value 0 is below the low value 0.1"),
    ("truncated_normal", dict(low=0.1, high=0.2, centre=0.15), "needs a standard deviation"),
    ("truncated_normal", dict(low=0.1, high=0.2, centre=0.15, sd=-0.01), "is negative"),
    ("truncated_normal", dict(low=0.0, high=1e-6, centre=0.0, sd=1.0), "too slow"),
    ("uniform", dict(low=None, high=1, centre=0.5), "the low value must be a number"),
    ("uniform", dict(low=0, high=float("nan"), centre=0.5), "the high value must be a finite number"),
])
def test_bad_arguments_are_refused_in_plain_words(shape, kw, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(".", r"\.")):
        d.check(shape, **kw)
    with pytest.raises(ValueError, match="."):
        d.sample(shape, size=10, rng=np.random.default_rng(0), **kw)


def test_unknown_shape_message_lists_the_shapes():
    with pytest.raises(ValueError) as err:
        d.check("gamma", low=0, high=1, centre=0.5)
    assert all(shape in str(err.value) for shape in d.SHAPES)


def test_a_mode_or_sd_the_shape_does_not_use_is_ignored():
    d.check("uniform", low=0.1, high=0.2, centre=0.15, mode=5.0, sd=-1.0)
    d.check("pert", low=0.1, high=0.2, centre=0.15, sd=-1.0)


def test_a_negative_number_of_draws_is_refused():
    with pytest.raises(ValueError, match="number of draws"):
        d.sample("uniform", low=0, high=1, centre=0.5, size=-1, rng=np.random.default_rng(0))


# --- plain English for the register ------------------------------------------------------------------

@pytest.mark.parametrize("shape, kw, text", [
    ("pert", dict(low=0.10, high=0.18, centre=0.15), "PERT from 0.10 to 0.18, most likely 0.15"),
    ("triangular", dict(low=0, high=12, centre=3), "triangular from 0 to 12, most likely 3"),
    ("triangular", dict(low=0, high=12, centre=5, mode=3), "triangular from 0 to 12, most likely 3"),
    ("uniform", dict(low=100_000, high=150_000, centre=125_000), "uniform from 100,000 to 150,000"),
    ("truncated_normal", dict(low=0.1, high=0.2, centre=0.15, sd=0.02),
     "normal around 0.15 (sd 0.02), cut at 0.10 and 0.20"),
    ("pert", dict(low=0.15, high=0.15, centre=0.15), "fixed at 0.15"),
    ("truncated_normal", dict(low=1_000, high=3_000, centre=2_500, sd=0), "fixed at 2,500"),
])
def test_describe_reads_as_plain_english(shape, kw, text):
    assert d.describe(shape, **kw) == text
