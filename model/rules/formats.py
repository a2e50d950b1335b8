"""Presentation formatting: GBP floats in, text out ("£4.1m", "£450k", "-£1.2m").

The model keeps money as unrounded GBP floats (DESIGN.md section 5); this module is the one place
that rounds it for people to read, in titles, findings, labels and chart axes.

Rules, the same everywhere:

* ``|x|`` that rounds to a million or more is shown in millions with one decimal: ``£4.1m``;
* ``|x|`` that rounds to a thousand or more is shown in whole thousands: ``£450k``;
* anything smaller in whole pounds: ``£900``;
* the unit is chosen after rounding, so 999,999 is ``£1.0m``, never ``£1000k``;
* halves round away from zero (the way a finance officer rounds by hand, not banker's rounding);
* negatives carry a leading hyphen-minus: ``-£1.2m``; anything that rounds to zero is ``£0``.

Chart axes show plain numbers on the ticks and put the unit in the axis label (``£m`` or
``£k``, chosen by :func:`money_axis_unit`); :class:`MoneyTickFormatter` writes the ticks.
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from matplotlib.ticker import Formatter

from .appraisal import PENNY_TOLERANCE

MILLION = 1_000_000.0
THOUSAND = 1_000.0

#: the minus sign on chart ticks (U+2212, as matplotlib writes it); text uses a hyphen-minus
AXIS_MINUS = "\u2212"


def _round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(x: float) -> str:
    """GBP amount as short text for people: ``£4.1m``, ``£450k``, ``£900``, ``-£1.2m``, ``£0``.

    ``x`` is in pounds (a float or int; numpy scalars are fine). An amount under a pound that is
    not nothing (:func:`model.rules.appraisal.is_nothing`) is shown in pence, ``£0.30``, so a
    sentence never calls something "£0" that the model counts as more than nothing.
    """
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"cannot format {x!r} as money")
    # Decimal(repr) keeps the number as written (1.15e6 stays 1150000.0, not 1149999.99...)
    size = abs(Decimal(repr(value)))
    pounds = _round_half_up(size, 0)
    thousands = _round_half_up(size.scaleb(-3), 0)
    if thousands >= 1000:
        text = f"£{_round_half_up(size.scaleb(-6), 1):,}m"
    elif pounds >= 1000:
        text = f"£{thousands:,}k"
    elif size > Decimal(repr(PENNY_TOLERANCE)) and _round_half_up(size, 2) < 1:
        text = f"£{_round_half_up(size, 2)}"
    else:
        text = f"£{pounds:,}"
    return "£0" if text in ("£0", "£0.00") else ("-" + text if value < 0 else text)


def pounds_and_pence(x: float, sign: bool = False) -> str:
    """GBP to the penny, for amounts people pay (a Band D): ``£1,234.56``, ``-£12.30``; with
    ``sign`` a change: ``+£12.34``, ``-£0.05``, ``£0.00`` for one that rounds to nothing. Halves
    of a penny round away from zero."""
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"cannot format {x!r} as money")
    pence = _round_half_up(abs(Decimal(repr(value))), 2)
    if pence == 0:
        return "£0.00"
    return f"{'-' if value < 0 else ('+' if sign else '')}£{pence:,}"


def percent_places(share: float, places: int | None = 1, sign: bool = False) -> str:
    """A share as a percentage with ``places`` decimals (halves round away from zero): 0.0523 ->
    ``5.2%``; ``places=None`` writes the fewest decimals, up to two, that show it exactly (0.05 ->
    ``5%``, 0.0499 -> ``4.99%``); ``sign`` puts ``+`` before a rise (``+1.0%``) and ``-`` before a
    fall. Use :func:`percent` for whole percentages."""
    value = Decimal(repr(float(share))) * 100
    if places is None:
        places = _decimals_needed([float(value)])
    shown = _round_half_up(abs(value), places)
    mark = "" if shown == 0 else ("-" if value < 0 else ("+" if sign else ""))
    return f"{mark}{shown}%"


def money_range(values: Iterable[float]) -> float:
    """The largest absolute amount among ``values`` (GBP), ignoring NaN; 0 for none."""
    array = np.abs(np.asarray(list(values), dtype=float))
    array = array[np.isfinite(array)]
    return float(array.max()) if array.size else 0.0


def money_axis_unit(values: Iterable[float]) -> tuple[str, float]:
    """The unit for a money axis showing ``values`` (GBP): ``("£m", 1e6)`` when the largest
    absolute value is £1m or more (after rounding to £1k, as :func:`money` does), else
    ``("£k", 1e3)``. Divide by the second item to get the numbers the axis shows."""
    return ("£m", MILLION) if money(money_range(values)).endswith("m") else ("£k", THOUSAND)


def money_axis_label(unit: str) -> str:
    """The axis label that carries the unit: ``£m`` or ``£k`` (the ticks are plain numbers)."""
    return unit


def _decimals_needed(numbers: Iterable[float], most: int = 2) -> int:
    """Fewest decimals (up to ``most``) that write every number exactly enough."""
    numbers = list(numbers)
    for places in range(most + 1):
        if all(abs(n - round(n, places)) < 1e-9 * max(1.0, abs(n)) for n in numbers):
            return places
    return most


def axis_number(number: float, decimals: int) -> str:
    """A tick value: thousands separators, ``decimals`` places, a true minus sign, no ``-0``."""
    text = f"{abs(number):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return text
    return (AXIS_MINUS + text) if number < 0 else text


class MoneyTickFormatter(Formatter):
    """Tick labels for a money axis whose data are GBP: each value divided by ``scale`` (1e6 for
    an axis in £m, 1e3 for £k) and written as a plain number with the same number of decimals on
    every tick of the axis (0, 0.5, 1.0, 1.5 ... or 0, 250, 500 ...). The unit goes in the axis
    label (:func:`money_axis_label`)."""

    def __init__(self, scale: float):
        self.scale = float(scale)
        self.decimals = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        self.decimals = _decimals_needed(float(v) / self.scale for v in locs)

    def __call__(self, x, pos=None):
        return axis_number(float(x) / self.scale, self.decimals)


def fte(x: float) -> str:
    """Full-time-equivalent posts: ``60 FTE``, ``21.6 FTE``, ``2.4 FTE`` (one decimal at most)."""
    value = _round_half_up(abs(Decimal(repr(float(x)))), 1)
    text = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,}"
    sign = "-" if x < 0 and value != 0 else ""
    return f"{sign}{text} FTE"


#: what a published count of people below :data:`SMALL_COUNT` shows instead (DESIGN.md, conventions)
SUPPRESSED = "fewer than 5"
SMALL_COUNT = 5


def suppressed(count: float) -> float | str:
    """A count of people as published: :data:`SUPPRESSED` when it is above 0 but below 5, so that
    no one can be picked out; 0 and larger counts unchanged (transfers out are negative)."""
    return SUPPRESSED if 0 < abs(float(count)) < SMALL_COUNT else count


def people(count: float) -> str:
    """A count of people for a sentence: ``19 people``, ``fewer than 5 people``, ``no one``."""
    shown = suppressed(count)
    if shown == SUPPRESSED:
        return f"{SUPPRESSED} people"
    whole = int(_round_half_up(abs(Decimal(repr(float(count)))), 0))
    return "no one" if whole == 0 else f"{whole:,} {'person' if whole == 1 else 'people'}"


def whole_months(years: float) -> int:
    """A period in years as the nearest whole number of months (halves round up): 1.8333 -> 22."""
    value = float(years)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"cannot write {years!r} as a period")
    return int(_round_half_up(Decimal(repr(value * 12)), 0))


def years_months(years: float) -> str:
    """A period in years as years and months, to the nearest month: 2.1667 -> ``2 years 2
    months``, 1.0 -> ``1 year``, 0.92 -> ``11 months``, 0.99 -> ``1 year`` (12 months is a year);
    under half a month is ``less than a month``."""
    whole_years, months = divmod(whole_months(years), 12)
    parts = ([f"{whole_years} year{'' if whole_years == 1 else 's'}"] if whole_years else []) + \
            ([f"{months} month{'' if months == 1 else 's'}"] if months else [])
    return " ".join(parts) or "less than a month"


def percent(share: float) -> str:
    """A share between 0 and 1 as a whole percentage: 0.48 -> ``48%``; halves round up."""
    return f"{_round_half_up(Decimal(repr(float(share))) * 100, 0)}%"
