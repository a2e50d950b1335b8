"""The warnings a section 151 officer needs (``warnings.csv``): one row per scenario x council (or
council, for a case file) and warning, with the year it starts and the figure it is about.

The ``warning`` column holds one of the labels below; :mod:`model.words.warnings` says what each
means in sentences. Thresholds come from :mod:`model.rules.appraisal` (half a penny) and
:data:`SERVICE_LINES_TOLERANCE`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..case.assumptions import Case
from ..engine.inputs import EngineInputs
from ..engine.projection import Projection
from ..rules import appraisal

BELOW_MINIMUM = "reserves fall below the minimum"
EXHAUSTED = "reserves run out"
UNSPENT = "external funding unspent at the end"
RETURNED = "external funding paid back"
NO_COST = "redundancies with no cost"
SERVICES = "service lines add up to more than the net budget"
#: in the order the table lists them for each scenario and council
WARNINGS = (EXHAUSTED, BELOW_MINIMUM, NO_COST, UNSPENT, RETURNED, SERVICES)
COLUMNS = ["scenario", "council", "warning", "first_year", "lowest_balance", "minimum_reserves", "amount",
           "redundancies"]
#: service lines may add up to more than the net budget by this share of it (rounding, a budget
#: and service costs of slightly different dates); beyond it, something is counted twice
SERVICE_LINES_TOLERANCE = 0.05
#: fewer expected redundancies than this (a rounding of posts) raise no "no cost" warning
SMALL_REDUNDANCIES = 0.01


def warnings_table(case: Case, inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    """Every warning of the projection, scenario by scenario, then the case's own."""
    rows = []
    years = inputs.year_labels
    councils = inputs.result_council_ids
    S, C = len(inputs.scenario_ids), len(councils)
    balance = arrays.reserves_balance
    present, minimum = inputs.present(), inputs.result_minimum_reserves()
    for s in range(S):
        for c in range(C):
            if not present[s, c].any():
                continue
            last = int(np.nonzero(present[s, c])[0][-1])
            row = {"scenario": inputs.scenario_ids[s], "council": councils[c]}
            reserves = {"lowest_balance": float(balance[s, c][present[s, c]].min()),
                        "minimum_reserves": float(minimum[s, c])}
            found = {}
            for label, flags in ((EXHAUSTED, arrays.reserves_exhausted[s, c]),
                                 (BELOW_MINIMUM, arrays.reserves_below_minimum[s, c])):
                if flags.any():
                    found[label] = {"first_year": years[int(np.argmax(flags))], **reserves}
            posts = float(arrays.redundancies[s, c].sum())
            if posts >= SMALL_REDUNDANCIES and appraisal.is_nothing(float(arrays.redundancy_costs[s, c].sum())):
                first = int(np.argmax(arrays.redundancies[s, c] > 0))
                found[NO_COST] = {"first_year": years[first], "redundancies": posts}
            unspent = float(arrays.external_funding_unspent[s, c, last])
            if appraisal.is_positive(unspent):
                found[UNSPENT] = {"first_year": years[last], "amount": unspent}
            returned = arrays.external_funding_returned[s, c]
            if appraisal.is_positive(returned).any():
                found[RETURNED] = {"first_year": years[int(np.argmax(appraisal.is_positive(returned)))],
                                   "amount": float(returned.sum())}
            rows += [{**row, "warning": label, **found[label]} for label in WARNINGS if label in found]
    rows += _service_lines(case)
    return pd.DataFrame(rows, columns=COLUMNS)


def _service_lines(case: Case) -> list[dict]:
    """Councils whose service lines add up to more than the net budget, beyond the tolerance. Less
    is not warned of: a case may list only the services its options touch."""
    rows = []
    for council in case.councils:
        total = sum(line.net_cost.value for line in case.services if line.council == council.id)
        budget = council.net_budget.value
        if total - budget > SERVICE_LINES_TOLERANCE * budget + appraisal.PENNY_TOLERANCE:
            rows.append({"scenario": "", "council": council.id, "warning": SERVICES, "first_year": "",
                         "amount": total})
    return rows
