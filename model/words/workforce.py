"""What the workforce figures say, in sentences for a committee paper (one council).

Read from :class:`model.results.frames.Results` only. Counts of people below 5 are never given as
numbers (:func:`model.rules.formats.people`); pension strain is always called an estimate and says
how it was estimated.
"""
from __future__ import annotations

from .findings import council_name, options
from ..rules.formats import SUPPRESSED, fte, money, people
from ..results.frames import Results
from ..tables.committee import scenario_names
from ..engine.costing import policy_of


def workforce_summary(results: Results, council: str) -> str:
    """One bullet per scenario that removes posts at the council, then how the figures were made."""
    table = results.workforce[results.workforce.council == council].set_index("scenario")
    names = scenario_names(results)
    name = council_name(results, council, short=False)
    bullets = []
    for outcome in options(results, council):
        row = table.loc[outcome.scenario]
        if row.posts_removed <= 0.05 and abs(row.staff_transfers) <= 0.05:
            continue
        bullets.append(f"- **{names[outcome.scenario]}**: {_scenario_sentence(row)}")
    if not bullets:
        return f"No scenario removes posts at {name}, so there are no redundancy costs."
    return "\n".join(bullets) + "\n\n" + _method_note(results, council, name)


def _scenario_sentence(row) -> str:
    parts = []
    if row.posts_removed > 0.05:
        avoided = row.vacant_posts_removed + row.natural_wastage + row.redeployed
        parts.append(f"{fte(row.posts_removed)} removed"
                     + (f", {fte(avoided)} of them through vacancies, natural wastage or redeployment" if avoided > 0.05
                        else ""))
        counted = people(row.redundancies)
        parts.append(f"{counted if counted.startswith(SUPPRESSED) else 'about ' + counted} made redundant")
        if row.redundancy_costs > 0:
            costs = f"redundancy costs of {money(row.redundancy_costs)}"
            if row.statutory_redundancy_pay + row.discretionary_compensation > 0:
                costs += (f" ({money(row.statutory_redundancy_pay)} statutory, "
                          f"{money(row.discretionary_compensation)} discretionary)")
        else:
            costs = "no redundancy costs in the case"
        if row.pension_strain_costs > 0:
            estimated = "estimated at " if row.pension_strain_method.startswith("estimate") else "of "
            costs += f" and pension strain {estimated}{money(row.pension_strain_costs)}"
        parts.append(costs)
    if abs(row.staff_transfers) > 0.05:
        way = "join the council from" if row.staff_transfers > 0 else "move from the council to"
        parts.append(f"{fte(abs(row.staff_transfers))} of shared staff {way} the partner, not made redundant")
    return "; ".join(parts) + "."


def _method_note(results: Results, council: str, name: str) -> str:
    entry = results.case.workforce_of(council)
    if council not in results.case.profiled_councils:
        return (f"There is no staff profile for {name}: redundancy and pension strain costs are the amounts "
                "given in the case, and each post made redundant is counted as one person.")
    method = results.inputs.pension_strain_methods.get(council, "")
    return (f"Redundancy figures are expected values from {name}'s anonymised staff profile of "
            f"{entry.profile_date:%-d %B %Y}, under its redundancy policy ({policy_of(entry).describe()}). "
            f"Pension strain is an {method}. Counts of fewer than 5 people are not shown.")
