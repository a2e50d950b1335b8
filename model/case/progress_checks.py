"""The checks of ``actuals.csv`` and ``progress.yaml`` that need the other files.

* the scenario being tracked is known (``progress.yaml: scenario``, else case.yaml's
  ``preferred``), and there is one wherever there are actuals;
* ``as_of`` and every actual's year are inside the horizon, and no actual is after ``as_of``;
* an actual names a known council (or a successor council of the tracked scenario) that the
  scenario has in that year, and an initiative of the tracked scenario; each council, initiative
  and year is given once;
* the officer's figures name initiatives of the tracked scenario.

A check whose inputs failed validation is skipped (:mod:`model.case.rounds`).
"""
from __future__ import annotations

from collections import Counter

from ..rules import years
from ..rules.errors import Problem
from . import assumptions as a
from .references import Known


def progress_problems(case: a.Case, files: dict[str, str], known: Known) -> list[Problem]:
    progress, actuals = case.progress, case.actuals
    if progress is None and not actuals:
        return []
    problems: list[Problem] = []
    where_progress, where_actuals = files["progress"], files["actuals"]
    tracked = case.tracked_scenario if known.case or progress is not None else None
    scenario = next((s for s in case.scenarios if s.id == tracked), None)
    if progress is not None and progress.scenario is not None:
        if known.scenarios.refers(progress.scenario) is False:
            problems.append(Problem(where_progress, "scenario", f"unknown scenario (not in {files['scenarios']})",
                                    value=progress.scenario))
    elif actuals and known.case and case.case is not None and case.case.preferred is None:
        problems.append(Problem(where_actuals, "", "the actuals need the scenario being delivered: give 'scenario' "
                                f"in {where_progress}, or 'preferred' in {files['case']}", has_value=False))

    first = last = None
    if known.case and case.case is not None:
        first = case.case.first_year_start
        last = first + case.case.horizon_years - 1
    as_of = progress.as_of if progress is not None else None
    if as_of is not None and first is not None and not first <= years.parse_label(as_of) <= last:
        problems.append(Problem(where_progress, "as_of", f"is outside the horizon ({years.label(first)} to "
                                f"{years.label(last)})", value=as_of))
        as_of = None

    if progress is not None and scenario is not None:
        for initiative in progress.reforecast.officer:
            if known.initiatives.refers(initiative) is False:
                problems.append(Problem(where_progress, f"reforecast.officer.{initiative}",
                                        f"unknown initiative (not in {files['initiatives']})", value=initiative))
            elif initiative not in scenario.initiatives:
                problems.append(Problem(where_progress, f"reforecast.officer.{initiative}",
                                        f"initiative is not part of the scenario being delivered ({scenario.id})",
                                        value=initiative))

    successors = {s.id: s for s in (scenario.reorganisation.successors if scenario is not None
                                    and scenario.reorganisation is not None else [])}
    vesting = (years.parse_label(scenario.reorganisation.vesting)
               if scenario is not None and scenario.reorganisation is not None else None)
    replaced = {c for s in successors.values() for c in s.predecessors}
    if scenario is not None and scenario.reorganisation is not None:
        replaced |= {split.council for split in scenario.reorganisation.splits}
    for n, row in enumerate(actuals, start=2):
        number = row.row or n

        def problem(column: str, message: str, value: object, number: int = number) -> None:
            problems.append(Problem(where_actuals, f"row {number}, column {column}", message, value=value))

        year = years.parse_label(row.year)
        if row.council in successors:
            if vesting is not None and year < vesting:
                problem("year", f"is before {row.council} exists (it replaces its predecessors on 1 April "
                        f"{vesting})", row.year)
        elif known.councils.refers(row.council) is False:
            problem("council", f"unknown council (not in {files['councils']}"
                    + (" or a successor council of the scenario being delivered)" if successors else ")"), row.council)
        elif row.council in replaced and vesting is not None and year >= vesting:
            problem("year", f"is after {row.council} is replaced (1 April {vesting}); give the successor "
                    "council's actuals", row.year)
        if known.initiatives.refers(row.initiative) is False:
            problem("initiative", f"unknown initiative (not in {files['initiatives']})", row.initiative)
        elif scenario is not None and row.initiative not in scenario.initiatives:
            problem("initiative", f"initiative is not part of the scenario being delivered ({scenario.id})",
                    row.initiative)
        if first is not None and not first <= year <= last:
            problem("year", f"is outside the horizon ({years.label(first)} to {years.label(last)})", row.year)
        elif as_of is not None and year > years.parse_label(as_of):
            problem("year", f"is after as_of ({as_of} in {where_progress}): an actual is for a year that has "
                    "happened", row.year)
    counts = Counter((row.council, row.initiative, row.year) for row in actuals)
    for (council, initiative, year), count in counts.items():
        if count > 1:
            problems.append(Problem(where_actuals, "", f"council {council}, initiative {initiative}, year {year} is "
                                    f"given {count} times; give each once", has_value=False))
    return problems
