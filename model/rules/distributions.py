"""The shapes an uncertain assumption may be drawn from: checking, sampling, means and plain-English descriptions.

Every shape is given by a low value, a high value and a central value (the figure the deterministic
run uses), all in the assumption's own unit (a rate, a share, GBP, months ...):

* ``triangular``: lowest ``low``, most likely ``mode`` (the central value unless given), highest ``high``;
  drawn by the inverse of its cumulative distribution from ``rng.random``.
* ``pert``: the same three points, as a Beta(alpha, beta) curve stretched over ``[low, high]`` with
  alpha = 1 + 4 (mode - low) / (high - low) and beta = 1 + 4 (high - mode) / (high - low), the usual
  (standard) PERT; its mean is (low + 4 mode + high) / 6. Drawn with ``rng.beta``.
* ``uniform``: every value between ``low`` and ``high`` equally likely; the central value plays no part
  in the draws.
* ``truncated_normal``: a normal curve with mean ``centre`` and standard deviation ``sd``, with
  everything outside ``[low, high]`` cut off. Drawn by rejection (draw normals in batches, keep those
  inside the range) so the same generator gives the same draws. A range holding less than 0.1 % of the
  curve is refused, because rejection would then need over a thousand tries per draw.

Rules every shape keeps:

* ``check`` is the one place the arguments are validated (``sample``, ``mean`` and ``describe`` all
  call it; the case-file validation calls it too). It raises ``ValueError`` with a sentence a finance
  officer can act on. ``low <= centre <= high`` always; ``low <= mode <= high`` for the shapes that use a
  mode; ``sd`` is required (zero or more) for the truncated normal and ignored by the other shapes, as
  is ``mode`` by the shapes that have no most likely value.
* No spread (``low == high``, or ``sd == 0`` for the truncated normal) means no uncertainty:
  ``sample`` returns exactly the central value for every draw and takes nothing from the generator,
  so adding or removing a fixed assumption does not change the draws of the others.
* Otherwise draws are float64, shape ``(size,)``, all within ``[low, high]``, with no Python loop per draw.
"""
from __future__ import annotations

import math

import numpy as np

SHAPES = ("triangular", "pert", "uniform", "truncated_normal")

#: the least share of the normal curve a truncated normal's range may hold (rejection sampling cost)
MIN_TRUNCATED_MASS = 0.001
#: most normal draws made at once while rejection sampling (bounds memory at about 32 MB)
_MAX_BATCH = 4_000_000


def _number(value, what: str) -> float:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"the {what} must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"the {what} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"the {what} must be a finite number, not {value!r}")
    return number


def _normal_cdf(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def _normal_pdf(z: float) -> float:
    return math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def _cut_mass(low: float, high: float, centre: float, sd: float) -> float:
    """The share of a normal curve (mean ``centre``, sd ``sd`` > 0) lying between ``low`` and ``high``."""
    return _normal_cdf((high - centre) / sd) - _normal_cdf((low - centre) / sd)


def check(shape, *, low, high, centre, mode=None, sd=None) -> None:
    """Raise ``ValueError`` with a plain-English reason if these arguments do not make a usable distribution."""
    if shape not in SHAPES:
        raise ValueError(f"unknown distribution {shape!r}; use one of: {', '.join(SHAPES)}")
    low = _number(low, "low value")
    high = _number(high, "high value")
    centre = _number(centre, "central value")
    if low > high:
        raise ValueError(f"the low value {low:g} is above the high value {high:g}")
    if centre > high:
        raise ValueError(f"the central value {centre:g} is above the high value {high:g}")
    if centre < low:
        raise ValueError(f"the central value {centre:g} is below the low value {low:g}")
    if shape in ("triangular", "pert") and mode is not None:
        mode = _number(mode, "most likely value")
        if mode > high:
            raise ValueError(f"the most likely value {mode:g} is above the high value {high:g}")
        if mode < low:
            raise ValueError(f"the most likely value {mode:g} is below the low value {low:g}")
    if shape == "truncated_normal":
        if sd is None:
            raise ValueError("a truncated normal needs a standard deviation (sd); none was given")
        sd = _number(sd, "standard deviation (sd)")
        if sd < 0:
            raise ValueError(f"the standard deviation (sd) {sd:g} is negative; it must be zero or more")
        if sd > 0 and high > low:
            mass = _cut_mass(low, high, centre, sd)
            if mass < MIN_TRUNCATED_MASS:
                raise ValueError(
                    f"the range {low:g} to {high:g} keeps only {mass * 100:.2g} % of a normal curve around {centre:g} "
                    f"with sd {sd:g}; at least {MIN_TRUNCATED_MASS * 100:g} % is needed, or drawing would be too slow. "
                    "Use a smaller sd or a wider range, or a triangular or PERT shape instead")


def _is_fixed(shape: str, low: float, high: float, sd) -> bool:
    return low == high or (shape == "truncated_normal" and float(sd) == 0.0)


def sample(shape: str, *, low: float, high: float, centre: float, mode: float | None = None,
           sd: float | None = None, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` draws as a float64 array of shape ``(size,)``, every one within ``[low, high]``.

    triangular / pert: lowest ``low``, most likely ``mode`` (default: ``centre``), highest ``high``.
    uniform: between ``low`` and ``high`` (``centre`` ignored).
    truncated_normal: normal with mean ``centre`` and standard deviation ``sd``, cut at ``low`` and
    ``high`` (rejection sampling in vectorised batches, deterministic for a given ``rng``).
    No spread (``low == high``, or ``sd == 0``) returns ``np.full(size, centre)`` exactly and takes
    nothing from ``rng``. Raises ``ValueError`` (see :func:`check`) on bad arguments or a negative size.
    """
    check(shape, low=low, high=high, centre=centre, mode=mode, sd=sd)
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 0:
        raise ValueError(f"the number of draws must be a whole number, zero or more, not {size!r}")
    low, high, centre = float(low), float(high), float(centre)
    if _is_fixed(shape, low, high, sd):
        return np.full(size, centre, dtype=np.float64)
    mode = centre if mode is None else float(mode)
    width = high - low
    if shape == "uniform":
        draws = low + width * rng.random(size)
    elif shape == "triangular":
        u = rng.random(size)
        split = (mode - low) / width            # the cumulative probability at the mode
        rising = low + np.sqrt(u * width * (mode - low))
        falling = high - np.sqrt((1.0 - u) * width * (high - mode))
        draws = np.where(u < split, rising, falling)
    elif shape == "pert":
        alpha = 1.0 + 4.0 * (mode - low) / width
        beta = 1.0 + 4.0 * (high - mode) / width
        draws = low + width * rng.beta(alpha, beta, size)
    else:
        draws = _truncated_normal(low, high, centre, float(sd), size, rng)
    # guard against rounding just outside the range (e.g. low + width * 1.0)
    return np.clip(draws.astype(np.float64, copy=False), low, high)


def _truncated_normal(low: float, high: float, centre: float, sd: float, size: int,
                      rng: np.random.Generator) -> np.ndarray:
    mass = _cut_mass(low, high, centre, sd)
    out = np.empty(size, dtype=np.float64)
    filled = 0
    while filled < size:
        needed = size - filled
        # enough tries to fill the rest most of the time, so there are rarely more than two batches
        batch = min(_MAX_BATCH, int(needed / mass * 1.1) + 64)
        tries = rng.normal(centre, sd, batch)
        kept = tries[(tries >= low) & (tries <= high)][:needed]
        out[filled:filled + kept.size] = kept
        filled += kept.size
    return out


def mean(shape: str, *, low: float, high: float, centre: float, mode: float | None = None,
         sd: float | None = None) -> float:
    """The exact (analytic) mean of the distribution, in the assumption's unit.

    triangular (low + mode + high) / 3; PERT (low + 4 mode + high) / 6; uniform (low + high) / 2;
    truncated normal mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)) with a = (low - mu) / sd,
    b = (high - mu) / sd. No spread gives the central value.
    """
    check(shape, low=low, high=high, centre=centre, mode=mode, sd=sd)
    low, high, centre = float(low), float(high), float(centre)
    if _is_fixed(shape, low, high, sd):
        return centre
    mode = centre if mode is None else float(mode)
    if shape == "triangular":
        return (low + mode + high) / 3.0
    if shape == "pert":
        return (low + 4.0 * mode + high) / 6.0
    if shape == "uniform":
        return (low + high) / 2.0
    sd = float(sd)
    a, b = (low - centre) / sd, (high - centre) / sd
    return centre + sd * (_normal_pdf(a) - _normal_pdf(b)) / (_normal_cdf(b) - _normal_cdf(a))


def _decimals(value: float, most: int = 6) -> int | None:
    """The fewest decimal places that show ``value`` exactly, or None if more than ``most`` are needed."""
    for places in range(most + 1):
        if math.isclose(round(value, places), value, rel_tol=1e-12, abs_tol=1e-15):
            return places
    return None


def _formatter(*values: float):
    """One format for all the numbers of a description, so '0.10 to 0.18' line up; thousands get commas."""
    places = [_decimals(v) for v in values]
    if any(p is None for p in places):
        return lambda v: f"{v:,g}"
    shared = max(places)
    return lambda v: f"{v:,.{shared}f}"


def describe(shape, *, low, high, centre, mode=None, sd=None) -> str:
    """The distribution in plain English for the assumptions register.

    For example 'PERT from 0.10 to 0.18, most likely 0.15', 'triangular from 0 to 12, most likely 3',
    'uniform from 100,000 to 150,000', 'normal around 0.15 (sd 0.02), cut at 0.10 and 0.20', or
    'fixed at 0.15' when there is no spread. The numbers of one description share their decimal places
    (as few as show every number exactly); numbers of a thousand or more carry thousands separators.
    """
    check(shape, low=low, high=high, centre=centre, mode=mode, sd=sd)
    low, high, centre = float(low), float(high), float(centre)
    if _is_fixed(shape, low, high, sd):
        return f"fixed at {_formatter(centre)(centre)}"
    if shape == "uniform":
        fmt = _formatter(low, high)
        return f"uniform from {fmt(low)} to {fmt(high)}"
    if shape == "truncated_normal":
        sd = float(sd)
        fmt = _formatter(low, high, centre, sd)
        return f"normal around {fmt(centre)} (sd {fmt(sd)}), cut at {fmt(low)} and {fmt(high)}"
    mode = centre if mode is None else float(mode)
    fmt = _formatter(low, high, mode)
    name = "PERT" if shape == "pert" else "triangular"
    return f"{name} from {fmt(low)} to {fmt(high)}, most likely {fmt(mode)}"
