"""How each council's one-off costs are paid for, year by year, in this order:

1. **External funding** (grants) meets the council's one-off costs of the scenario in the year they
   fall; what is not spent carries forward to later one-off costs. Several grants are spent in the
   order they must be paid back (a grant with a return year first, the earliest first), then in
   the order listed. A grant whose case gives ``return_unspent_in`` pays back what is left of it at
   the end of that year (or of any later year it is still held: a start delayed past it).
2. **Earmarked reserves** of an initiative meet that initiative's own one-off costs left after
   the grants, until used up. A grant is taken to meet each initiative's costs of the year in
   proportion to them, so an initiative's share left is its costs x (costs left / all costs).
3. **Capital receipts** the council plans to use flexibly in a year meet the qualifying costs
   left, at most that year's amount: any one-off cost of an initiative qualifies (each is a cost of
   a project designed to generate ongoing savings), except, in years whose direction allows only
   statutory redundancy pay, the rest of the redundancy category. Receipts not used in a year stay
   capital and are not carried forward. Other funding is taken to meet the costs that do not
   qualify first.

Everything is vectorised over leading draw axes; only the loop over years (and over grants, of
which a case has few) is in Python.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Funded:
    external_funding: np.ndarray           # [..., S, C, Y] grants applied to one-off costs
    earmarked_reserves_applied: np.ndarray
    capital_receipts_applied: np.ndarray
    external_funding_unspent: np.ndarray   # grant balance held at the year end
    external_funding_returned: np.ndarray  # grant paid back in the year


def apply_funding(one_off: np.ndarray, grants: np.ndarray, return_year: np.ndarray, own_costs: np.ndarray,
                  earmarks: np.ndarray, receipts: np.ndarray, qualifying: np.ndarray) -> Funded:
    """``one_off`` [..., S, C, Y]; ``grants`` [..., S, G, C, Y] received; ``return_year`` [G] year
    index (the horizon or later: never paid back); ``own_costs`` [..., S, E, C, Y] the one-off costs
    of the initiatives with earmarks and ``earmarks`` [..., S, E, C] theirs; ``receipts``
    broadcastable to [..., S, C, Y]; ``qualifying`` [..., S, C, Y] the costs receipts may meet."""
    receipts, qualifying = np.asarray(receipts), np.asarray(qualifying)
    S, C, Y = one_off.shape[-3:]
    grants, return_year = _pooled(grants, np.asarray(return_year), Y)
    G, E = grants.shape[-3], own_costs.shape[-3]
    draws = np.broadcast_shapes(one_off.shape[:-3], grants.shape[:-4], own_costs.shape[:-4], earmarks.shape[:-3],
                                receipts.shape[:-3], qualifying.shape[:-3])   # any leading axes, in any input
    shape = draws + (S, C, Y)
    one_off, receipts, qualifying = (np.broadcast_to(x, shape) for x in (one_off, receipts, qualifying))
    balance = np.zeros(draws + (S, G, C))
    earmark_left = np.broadcast_to(earmarks, draws + (S, E, C)).copy()
    out = {name: np.zeros(shape) for name in (
        "external_funding", "earmarked_reserves_applied", "capital_receipts_applied",
        "external_funding_unspent", "external_funding_returned")}
    order = np.argsort(np.asarray(return_year), kind="stable")
    for y in range(Y):
        cost = one_off[..., y]
        need = cost.copy()
        balance += grants[..., y]
        for g in order:
            used = np.minimum(balance[..., g, :], need)
            balance[..., g, :] -= used
            need -= used
        out["external_funding"][..., y] = cost - need
        due = np.asarray(return_year) <= y
        if due.any():
            out["external_funding_returned"][..., y] = balance[..., due, :].sum(axis=-2)
            balance[..., due, :] = 0.0
        out["external_funding_unspent"][..., y] = balance.sum(axis=-2)

        left = np.divide(need, cost, out=np.zeros_like(need), where=cost > 0)   # [..., S, C]
        own_left = own_costs[..., y] * left[..., None, :]                       # [..., S, E, C]
        used = np.minimum(earmark_left, own_left)
        earmark_left -= used
        earmarked = np.minimum(used.sum(axis=-2), need)   # the shares add to need, give or take float dust
        out["earmarked_reserves_applied"][..., y] = earmarked
        need = need - earmarked

        out["capital_receipts_applied"][..., y] = np.minimum(np.minimum(receipts[..., y], need), qualifying[..., y])
    return Funded(**out)


def _pooled(grants: np.ndarray, return_year: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Grants never paid back within the horizon spent as one pool (last, as the order has them):
    the same money applied, without a Python step per grant and year (a case may have dozens)."""
    kept = return_year < horizon
    if kept.all() or (~kept).sum() == 1:
        return grants, return_year
    pool = grants[..., ~kept, :, :].sum(axis=-3, keepdims=True)
    return (np.concatenate([grants[..., kept, :, :], pool], axis=-3),
            np.concatenate([return_year[kept], [horizon]]))
