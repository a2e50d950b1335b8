"""The documented bounds on every number a case may hold, and the check that every result is finite.

The bounds are chosen so no result can overflow or lose pennies. A float64 holds every amount
to better than half a penny up to 2**44 pounds (about 17.6 trillion pounds: the spacing of
floats there is 1/256 of a pound). One money value is at most ten billion pounds
(the largest English council's net budget is under four billion), the horizon at most 30 years
and a case at most 20 councils, so a yearly figure summed over 30 years is at most 3e11 pounds
per value: a case would need over a hundred values of ten billion pounds each, all landing on
one council, before any total came near 2**44. Counts are bounded alike (population at most a
hundred million, FTE at most a million, weekly pay at most 100,000 pounds).

As a second lock (unreachable with the bounds above), :func:`check_results` refuses a
projection or summary table holding a money figure that is not finite or is beyond
:data:`MAX_RESULT`, naming the scenario, council and column and the inputs that feed them.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import CaseError, Problem, relative

#: one money value in a case, GBP (ten billion pounds)
MAX_MONEY = 1e10
#: a population
MAX_POPULATION = 1e8
#: FTE of a service line, a reduction or a reallocation
MAX_FTE = 1e6
#: one employee's or band's weekly pay, GBP
MAX_WEEKLY_PAY = 1e5
#: an optimism-bias uplift (10 = 1000 % more)
MAX_UPLIFT = 10.0
#: a pension strain factor (capital cost per GBP 1 of annual pension)
MAX_STRAIN_FACTOR = 100.0
#: the redundancy multiplier of the statutory weeks (no policy pays more than 104 weeks anyway)
MAX_MULTIPLIER = 104.0
#: an options-appraisal weight or score
MAX_WEIGHT = 1e6
#: any money result: below this every figure is held to better than half a penny
MAX_RESULT = float(2 ** 44)


def problems_in(frame: pd.DataFrame, columns: Iterable[str], file: str, table: str,
                inputs: dict[str, str] | None = None) -> list[Problem]:
    """A problem for each scenario x council (x year) whose money figure is not finite or is beyond
    :data:`MAX_RESULT`, one per column and scenario x council pair. ``inputs`` maps a scenario id to
    the inputs that feed it (its initiatives), named in the message."""
    problems: list[Problem] = []
    for column in columns:
        if column not in frame.columns:
            continue
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values) | (np.abs(np.nan_to_num(values, nan=0.0)) > MAX_RESULT)
        if not bad.any():
            continue
        seen: set[tuple[str, str]] = set()
        for row in np.nonzero(bad)[0]:
            scenario, council = str(frame["scenario"].iat[row]), str(frame["council"].iat[row])
            if (scenario, council) in seen:
                continue
            seen.add((scenario, council))
            fed_by = (inputs or {}).get(scenario, "")
            problems.append(Problem(
                file, f"{table}: scenario '{scenario}', council '{council}', {column}",
                "the result is not a finite amount within the bound of "
                f"{MAX_RESULT:.3g} pounds, so it cannot be trusted to the penny; check the money values of "
                f"council '{council}' in councils.yaml and services.csv" + (f" and of {fed_by}" if fed_by else ""),
                value=float(values[row])))
    return problems


def check_results(tables: dict[str, pd.DataFrame], columns: Iterable[str], folder: str,
                  inputs: dict[str, str] | None = None) -> None:
    """Raise :class:`CaseError` if any money column of the named tables is not finite and bounded."""
    columns = list(columns)
    file = relative(Path(folder))
    problems = [p for name, frame in tables.items() for p in problems_in(frame, columns, file, name, inputs)]
    if problems:
        raise CaseError(problems)
