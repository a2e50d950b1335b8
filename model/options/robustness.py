"""How robust a ranking is to the weights: "was it weighted towards the preferred option?"

Two answers per view (each council's weights, and the agreed joint weights):

**The smallest change of weights that changes the top option.** Weight is moved between criteria,
the total kept. For the top option ``t`` and a challenger ``k``, with ``d_j`` the score by which
``t`` beats ``k`` on criterion ``j``, the lead is ``D = sum_j w_j d_j``. Moving one point of weight
from criterion ``a`` to ``b`` cuts the lead by ``d_a - d_b``, so the least weight to move is found
by giving it all to the criterion where ``k`` does best against ``t`` (smallest ``d``) and taking
it from the criteria where ``t`` does best (largest ``d`` first), each down to zero, until the
lead is gone: ``k`` then ties ``t``, and any further move puts it ahead. The challenger reported is
the one needing the least; if no move can close any lead (``t`` is at least as good as every
option on every criterion that could take weight), none is reported. ``weight_moved`` is in the
view's own weight points; ``weight_moved_share`` is that as a share of its total weight.

**The share of nearby weightings that keep the top option on top.** ``draws`` weightings are drawn
from a Dirichlet distribution centred on the agreed weights (``alpha = concentration x w / total``;
a concentration of 100 moves a 20 % weight by about 4 points either way), each scaled to the same
total; criteria weighted zero stay at zero. A draw keeps the top option on top if nothing scores
more than it (a tie keeps it). Each view has its own random stream from ``seed``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .outcomes import ROBUSTNESS_COLUMNS

TOLERANCE = 1e-9


@dataclass
class WeightChange:
    challenger: int                 # option index, -1 when no change of weights can move the top
    moved: float                    # weight points moved (nan when none can)
    taken: dict[int, float]         # criterion index -> weight taken from it
    given_to: int                   # criterion index given the weight (-1 when none)
    weights: np.ndarray             # the weights after the move, at which the challenger ties the top


def top_option(totals: np.ndarray) -> int:
    """The first option (in the case's order) with the highest weighted score."""
    return int(np.argmax(np.asarray(totals) >= np.max(totals) - 1e-6))


def smallest_weight_change(scores: np.ndarray, weights: np.ndarray) -> WeightChange:
    """``scores`` [options, criteria], ``weights`` [criteria]: the least weight to move between
    criteria for another option to draw level with the top one."""
    weights = np.asarray(weights, dtype=float)
    top = top_option(scores @ weights)
    best = WeightChange(-1, np.nan, {}, -1, weights.copy())
    for k in range(len(scores)):
        if k == top:
            continue
        d = scores[top] - scores[k]
        lead = float(d @ weights)
        to = int(np.argmin(d))
        moved, taken, left = 0.0, {}, lead
        for j in np.argsort(-d, kind="stable"):
            if left <= TOLERANCE:
                break
            gain = d[j] - d[to]
            if gain <= 0 or weights[j] <= 0:
                continue
            take = min(weights[j], left / gain)
            taken[int(j)] = take
            moved += take
            left -= take * gain
        if left > TOLERANCE * max(1.0, abs(lead)) or not (np.isnan(best.moved) or moved < best.moved - TOLERANCE):
            continue
        after = weights.copy()
        for j, amount in taken.items():
            after[j] -= amount
        after[to] += moved
        best = WeightChange(k, moved, taken, to if taken else -1, after)
    return best


def share_keeping_top(scores: np.ndarray, weights: np.ndarray, draws: int, rng: np.random.Generator,
                      concentration: float) -> float:
    """Share of Dirichlet weightings around ``weights`` under which the top option stays on top."""
    weights = np.asarray(weights, dtype=float)
    total = weights.sum()
    top = top_option(scores @ weights)
    used = weights > 0
    drawn = np.zeros((draws, len(weights)))
    drawn[:, used] = rng.dirichlet(concentration * weights[used] / total, size=draws) * total
    totals = drawn @ scores.T                                            # [draws, options]
    return float((totals[:, top] >= totals.max(axis=1) - 1e-6).mean())


def robustness_table(views: list[str], options: list[str], criteria: list[str], scores: np.ndarray,
                     weights: np.ndarray, *, draws: int, seed: int, concentration: float) -> pd.DataFrame:
    """One row per view: ``scores`` [views, options, criteria], ``weights`` [views, criteria]."""
    rows = []
    for v, (view, stream) in enumerate(zip(views, np.random.SeedSequence(seed).spawn(len(views)))):
        totals = scores[v] @ weights[v]
        top = top_option(totals)
        others = [o for o in np.argsort(-totals, kind="stable") if o != top]
        change = smallest_weight_change(scores[v], weights[v])
        found = change.challenger >= 0
        rows.append({
            "council": view, "top_option": options[top], "runner_up": options[others[0]] if others else "",
            "margin": float(totals[top] - totals[others[0]]) if others else np.nan,
            "challenger": options[change.challenger] if found else "",
            "weight_moved": change.moved,
            "weight_moved_share": change.moved / weights[v].sum() if found else np.nan,
            "moved_from": ";".join(criteria[j] for j in change.taken),
            "moved_to": criteria[change.given_to] if change.given_to >= 0 else "",
            "prob_top_stays": share_keeping_top(scores[v], weights[v], draws, np.random.default_rng(stream),
                                                concentration),
            "draws": draws, "concentration": concentration, "seed": seed,
        })
    return pd.DataFrame(rows, columns=ROBUSTNESS_COLUMNS)
