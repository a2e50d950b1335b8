"""Price bases and inflation: which prices a figure is in, and the indices that move it.

A case is either in **constant prices** of a year (no inflation is applied: savings, costs, gaps
and reserves are all read as that year's prices) or in **cash**: savings and costs are entered at
the prices of the base year and raised each later year by the index they follow (pay awards,
general prices, contract indexation), so that they can be set against the cash budget gaps and
reserves councils publish. The NPV is always of real flows: cash net benefit divided by the
deflator index, back to the base year's prices, then discounted at the (real) Green Book rate.

``index(rates)``: ``rates[t]`` is the rise from year ``t - 1`` to year ``t`` of a run of years
that starts at the base year; the index is 1 in the base year and the running product after it.
"""
from __future__ import annotations

import numpy as np

#: the indices a case may declare, and what each usually applies to
INDICES = {
    "pay": "pay awards: savings from posts, redundancy pay and pension strain",
    "general": "general prices: income, running costs and one-off costs",
    "contracts": "contract indexation: costs or income that follow a contract's own index",
    "deflator": "the deflator that turns cash back into base-year prices for the NPV",
}
#: an initiative may say which index each kind of figure follows; ``none`` keeps it flat in cash
INDEX_CHOICES = ("pay", "general", "contracts", "none")
#: the index each kind of figure follows unless the initiative says otherwise
DEFAULT_INDEX = {"savings": "pay", "income": "general", "recurring_costs": "general", "one_off_costs": "general"}
#: one-off categories that are pay (given amounts follow pay, as the computed ones do)
PAY_CATEGORIES = ("redundancy", "pension_strain")
#: a yearly rate beyond this is taken for a percentage written as a whole number (2 for 2 %)
MAX_RATE = 0.25
MIN_RATE = -0.10


def index(rates: np.ndarray) -> np.ndarray:
    """Index by year from yearly rises: ``rates[0]`` (the base year's own) is ignored, so the
    index is 1 in the base year. ``index([0, 0.02, 0.03]) = [1, 1.02, 1.0506]``."""
    rates = np.asarray(rates, dtype=float)
    rises = np.concatenate([np.ones(rates.shape[:-1] + (1,)), 1.0 + rates[..., 1:]], axis=-1)
    return np.cumprod(rises, axis=-1)
