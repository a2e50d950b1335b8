"""Successor councils: from a scenario's vesting year its successors replace their predecessors.

The engine projects every council of the case over the whole horizon as if it went on; this
module then re-draws the council axis, scenario by scenario. Output councils are the case's
councils followed by every successor of any scenario (``Successors.ids``). Before vesting each
council's rows are its own and a successor has none; from vesting a successor's flows are the sum
of its whole predecessors' and its shares of split ones', and a replaced predecessor has none.

Flows (savings, costs, funding, posts, the cumulative net benefit) are linear, so a successor's
are the weights times its predecessors'. What a successor sets for itself is put in afterwards:
its budget gap (given, or its predecessors' by the weights) and so the remaining gap; its minimum
reserves; and its usable reserves, which open at vesting with the predecessors' balances at the
end of the year before (by the weights) and then move by its own net benefit less its own gap.

A split predecessor's weights are its key's shares: ``fixed``, or each successor's ``population``
or ``tax_base`` (given, or its whole predecessors') over all the successors of the reorganisation.
Where keys are given service by service, the split council's weight for a successor is its
service lines' net cost times each line's share, over their net cost: its flows and balances
follow its budget line by line. (One weight per split council and successor: the engine's flows
are not held by service, so a saving on one service of a split council follows the council's
weight, not that service's.)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..case import assumptions as a
from ..rules import appraisal, years


@dataclass
class Successors:
    ids: list[str]                  # successor ids: output councils after the case's own
    vesting: np.ndarray             # [S] year index from which the scenario's successors exist (Y: none)
    weights: np.ndarray             # [S, O, C] share of council c's figures output council o takes from vesting
    savings_required: np.ndarray    # [S, O, Y] gaps of output councils from vesting (the weights' where not given)
    minimum_reserves: np.ndarray    # [S, O] minimum balance of each output council (after vesting for successors)
    present: np.ndarray             # [S, O, Y] whether the scenario has a row for the council in the year
    taxes: list = field(default_factory=list)     # :class:`model.engine.successor_tax.SuccessorTax`, each
    council_tax_income: np.ndarray | None = None  # [S, O, Y] yield harmonising raises (+) or gives up (-)

    @property
    def replaced(self) -> np.ndarray:
        """[S, C] whether the scenario replaces the council at vesting."""
        C = self.weights.shape[2]
        return self.weights[:, :C, :].diagonal(axis1=1, axis2=2) == 0


def build(case: a.Case, savings_required: np.ndarray, minimum_reserves: np.ndarray) -> Successors | None:
    """The successors of every scenario of a validated case; ``None`` when no scenario has any.
    ``savings_required`` [C, Y] and ``minimum_reserves`` [C] are the case councils'."""
    plans = [s.reorganisation for s in case.scenarios]
    if not any(plans):
        return None
    ids: list[str] = []
    for plan in plans:
        for successor in plan.successors if plan is not None else []:
            if successor.id not in ids:
                ids.append(successor.id)
    councils = case.council_ids
    S, C, N, Y = len(plans), len(councils), len(ids), case.case.horizon_years
    O = C + N
    weights = np.zeros((S, O, C))
    weights[:, :C, :] = np.eye(C)
    vesting = np.full(S, Y, dtype=int)
    required = np.zeros((S, O, Y))
    required[:, :C, :] = savings_required
    minimum = np.zeros((S, O))
    minimum[:, :C] = minimum_reserves
    present = np.zeros((S, O, Y), dtype=bool)
    present[:, :C, :] = True
    index = {c: n for n, c in enumerate(councils)}
    for s, plan in enumerate(plans):
        if plan is None:
            continue
        v = case.year_index(plan.vesting)
        vesting[s] = v
        w = np.zeros((N, C))
        for successor in plan.successors:
            for council in successor.predecessors:
                w[ids.index(successor.id), index[council]] = 1.0
        for split in plan.splits:
            shares = split_shares(case, plan, split)
            for successor_id, share in shares.items():
                w[ids.index(successor_id), index[split.council]] = share
        replaced = w.sum(axis=0) > 0
        weights[s, :C, :][:, replaced] = 0.0
        weights[s, C:, :] = w
        required[s, C:, :] = w @ savings_required
        minimum[s, C:] = w @ minimum_reserves
        for successor in plan.successors:
            o = C + ids.index(successor.id)
            if successor.savings_required is not None:
                required[s, o, :] = held(case, successor.savings_required, Y)
            if successor.minimum_reserves is not None:
                minimum[s, o] = successor.minimum_reserves.value
            present[s, o, v:] = True
        present[s, np.nonzero(replaced)[0], v:] = False
    return Successors(ids, vesting, weights, required, minimum, present)


def split_shares(case: a.Case, plan: a.Reorganisation, split: a.Split) -> dict[str, float]:
    """Successor id -> the share of the split council's figures it takes."""
    default = _key_shares(case, plan, split.key, split.shares)
    if not split.services:
        return default
    lines = [line for line in case.services if line.council == split.council]
    cost = sum(line.net_cost.value for line in lines)
    if cost <= 0:
        return default
    out = dict.fromkeys(default, 0.0)
    for line in lines:
        entry = split.services.get(line.service)
        shares = _key_shares(case, plan, entry.key, entry.shares) if entry is not None else default
        for successor_id, share in shares.items():
            out[successor_id] = out.get(successor_id, 0.0) + share * line.net_cost.value / cost
    return out


def _key_shares(case: a.Case, plan: a.Reorganisation, key: str, fixed: dict | None) -> dict[str, float]:
    if key == "fixed":
        return {successor_id: share.value for successor_id, share in (fixed or {}).items()}
    sizes = {s.id: successor_size(case, s, key) for s in plan.successors}
    total = sum(sizes.values())
    if total <= 0:
        return {successor_id: 1.0 / len(sizes) for successor_id in sizes}
    return {successor_id: size / total for successor_id, size in sizes.items()}


def successor_size(case: a.Case, successor: a.Successor, key: str) -> float:
    """A successor's population or tax base: as given, else its whole predecessors'."""
    by_id = {c.id: c for c in case.councils}
    if key == "population":
        if successor.population is not None:
            return successor.population.value
        return sum(by_id[c].population.value for c in successor.predecessors)
    return sum(by_id[c].council_tax.tax_base.value for c in successor.predecessors if by_id[c].council_tax)


def held(case: a.Case, given: dict, horizon: int) -> np.ndarray:
    """[Y] a mapping of years to numbers, each year taking the latest listed at or before it (0 before)."""
    out = np.zeros(horizon)
    for label in sorted(given, key=years.parse_label):
        out[case.year_index(label):] = given[label].value
    return out


def consolidate(successors: Successors, arrays: dict[str, np.ndarray], opening_reserves: np.ndarray,
                deflator: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The projection's arrays (``[..., S, C, Y]``; ``one_off_by_category`` ``[..., S, K, C, Y]``)
    on the output councils ``[..., S, O, Y]``: successors from vesting, predecessors before; with
    the income council tax harmonisation raises or gives up (``council_tax_harmonisation``) in
    the successors' income, recurring savings and net benefit."""
    Y = next(iter(arrays.values())).shape[-1]
    after = np.arange(Y) >= successors.vesting[:, None]                     # [S, Y]
    W = successors.weights

    O, C = W.shape[1], W.shape[2]

    def redraw(name: str, x: np.ndarray) -> np.ndarray:
        pad = [(0, 0)] * x.ndim
        pad[-2] = (0, O - C)
        # matmul, one product per scenario (and category): the same arithmetic whatever the leading
        # draw axes, so a risk run with no spread reproduces the plan to the last bit
        if name == "one_off_by_category":                                  # [..., S, K, C, Y]
            mapped, mask = np.matmul(W[:, None], x), after[:, None, None, :]
        else:
            mapped, mask = np.matmul(W, x), after[:, None, :]
        return np.where(mask, mapped, np.pad(x, pad))

    out = {name: redraw(name, x) for name, x in arrays.items() if name not in DERIVED}
    if successors.council_tax_income is not None:
        tax = np.where(successors.present, successors.council_tax_income, 0.0)
        out["council_tax_harmonisation"] = out["council_tax_harmonisation"] + tax
        for name in ("income", "recurring_savings", "net_benefit"):
            out[name] = out[name] + tax
        out["cumulative_net_benefit"] = out["cumulative_net_benefit"] + np.cumsum(tax, axis=-1)
        out["real_net_benefit"] = out["real_net_benefit"] + (tax if deflator is None else tax / deflator)
    required = np.broadcast_to(successors.savings_required, out["recurring_savings"].shape)
    out["savings_required"] = np.where(successors.present, required, 0.0)
    out["remaining_gap"] = np.where(successors.present,
                                    np.maximum(out["savings_required"] - out["recurring_savings"], 0.0), 0.0)
    flows = out["net_benefit"] - out["savings_required"] + out["capital_receipts_applied"]
    reserves = arrays["reserves_balance"]
    before_vesting = _balance_before(reserves, successors.vesting, opening_reserves)      # [..., S, C]
    opening = np.matmul(W, before_vesting[..., None])[..., 0]                           # [..., S, O]
    since = np.cumsum(np.where(after[:, None, :], flows, 0.0), axis=-1)
    padded = np.pad(reserves, [(0, 0)] * (reserves.ndim - 2) + [(0, O - C), (0, 0)])
    balance = np.where(after[:, None, :], opening[..., None] + since, padded)
    out["reserves_balance"] = np.where(successors.present, balance, 0.0)
    minimum = np.where(successors.present, successors.minimum_reserves[..., None], -np.inf)
    out["reserves_below_minimum"] = out["reserves_balance"] < minimum
    out["reserves_exhausted"] = successors.present & appraisal.is_negative(out["reserves_balance"])
    return out


#: arrays :func:`consolidate` works out again for the output councils instead of redrawing
DERIVED = ("savings_required", "remaining_gap", "reserves_balance", "reserves_below_minimum", "reserves_exhausted")


def _balance_before(reserves: np.ndarray, vesting: np.ndarray, opening: np.ndarray) -> np.ndarray:
    """[..., S, C] each council's usable reserves at the end of the year before its scenario's vesting
    (the opening balance when vesting is the first year)."""
    Y = reserves.shape[-1]
    index = np.clip(vesting - 1, 0, Y - 1)                                   # [S]
    picked = np.take_along_axis(reserves, np.broadcast_to(index[:, None, None], reserves.shape[:-1] + (1,)),
                                axis=-1)[..., 0]
    return np.where((vesting > 0)[:, None], picked, np.broadcast_to(opening, picked.shape))


def last_present(present: np.ndarray) -> np.ndarray:
    """[S, O] the index of each council's last year with a row (0 where it has none)."""
    Y = present.shape[-1]
    return np.where(present.any(axis=-1), Y - 1 - np.argmax(present[..., ::-1], axis=-1), 0)


def for_payback(successors: Successors | None, cumulative: np.ndarray, present: np.ndarray) -> np.ndarray:
    """[..., S, O, Y] the cumulative net benefit each council's payback is read from: a successor's
    before vesting is its predecessors' by its weights (the costs it inherits), and a replaced
    council's last year is held after it ends."""
    if successors is None:
        return cumulative
    W = successors.weights
    O, C = W.shape[1], W.shape[2]
    Y = cumulative.shape[-1]
    lineage = np.matmul(W, cumulative[..., :C, :])
    before = np.arange(Y) < successors.vesting[:, None]                    # [S, Y]
    is_successor = np.arange(O) >= C
    out = np.where(before[:, None, :] & is_successor[None, :, None], lineage, cumulative)
    last = last_present(present)                                           # [S, O]
    held = np.take_along_axis(out, np.broadcast_to(last[..., None], out.shape[:-1] + (1,)), axis=-1)
    return np.where(np.arange(Y) > last[..., None], held, out)
