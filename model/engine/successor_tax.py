"""Each successor's council tax from vesting: its areas (the councils it replaces whole), their
Band D harmonised by its policy (:mod:`model.engine.council_tax`), and the income harmonising
gives up or gains against every area staying on its own path, which joins the successor's income.

An area's Band D before vesting is its own council's, plus that of any council split between the
successors and taking part in this one (a county's Band D is paid in each of its districts), in
the areas the split's ``band_d_paid_in`` names where it names them (a unitary joining the area
pays no county Band D).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import assumptions as a
from .council_tax import Harmonised, harmonise
from .successors import held, split_shares


@dataclass
class SuccessorTax:
    """One successor's council tax in one scenario."""

    scenario: int                 # index of the scenario
    successor: str                # successor id
    areas: list[str]              # council ids of its areas, in the order of ``harmonised``
    vesting: int                  # year index of vesting: ``harmonised``'s t = 0
    policy: str
    years: int | None             # converge: the years the areas' Band D differ
    harmonised: Harmonised


def harmonisations(case: a.Case) -> list[SuccessorTax]:
    """Every successor with a council tax policy, scenario by scenario."""
    by_id = {c.id: c for c in case.councils}
    horizon = case.case.horizon_years
    out = []
    for s, scenario in enumerate(case.scenarios):
        plan = scenario.reorganisation
        if plan is None:
            continue
        vesting = case.year_index(plan.vesting)
        for successor in plan.successors:
            policy = successor.council_tax
            if policy is None:
                continue
            paid = split_band_d(case, plan, successor)
            taxes = [by_id[c].council_tax for c in successor.predecessors]
            harmonised = harmonise(
                band_d=[t.band_d.value + sum(by_id[k].council_tax.band_d.value for k in paid[c])
                        for c, t in zip(successor.predecessors, taxes)],
                tax_base=[t.tax_base.value for t in taxes],
                tax_base_growth=[t.tax_base_growth.value if t.tax_base_growth is not None else 0.0 for t in taxes],
                increase=held(case, policy.increase, horizon)[vesting:],
                threshold=held(case, policy.referendum_threshold, horizon)[vesting:],
                policy=policy.policy, years=policy.years,
                or_amount=policy.or_amount.value if policy.or_amount is not None else None)
            out.append(SuccessorTax(s, successor.id, list(successor.predecessors), vesting, policy.policy,
                                    policy.years, harmonised))
    return out


def split_band_d(case: a.Case, plan: a.Reorganisation, successor: a.Successor) -> dict[str, list[str]]:
    """Each of ``successor``'s areas (its predecessors) -> the split councils whose Band D is paid
    there before vesting: every split council with a council tax and a share of this successor,
    in the areas its ``band_d_paid_in`` names (default: all of them)."""
    by_id = {c.id: c for c in case.councils}
    splits = [split for split in plan.splits if by_id[split.council].council_tax is not None
              and split_shares(case, plan, split).get(successor.id, 0.0) > 0]
    return {area: [split.council for split in splits
                   if split.band_d_paid_in is None or area in split.band_d_paid_in]
            for area in successor.predecessors}


def harmonisation_income(taxes: list[SuccessorTax], result_ids: list[str], scenarios: int, horizon: int
                         ) -> np.ndarray:
    """[S, O, Y] the yield harmonising raises (+) or gives up (-) against the areas' own paths."""
    out = np.zeros((scenarios, len(result_ids), horizon))
    for tax in taxes:
        out[tax.scenario, result_ids.index(tax.successor), tax.vesting:] = tax.harmonised.yield_difference.sum(axis=0)
    return out

