"""``sweep --write-case RANK``: one grouping of a sweep written as a reorganisation case folder, for a
full appraisal with every other command (run, risk, report, batch).

The case holds the area's councils today (the county, its districts and any unitary taking part,
with their ONS population, own Band D and tax base), a status quo, and one scenario in which the
grouping's unitaries replace them at vesting, the county split between them by population. Its
initiatives are the sweep's figures for that grouping (:mod:`model.sweep.appraisal`): the
aggregation savings with the curves' ramp, the change in the county's services' running costs, and
the transition costs in the year before vesting and the vesting year. So the case projects, year
by year, to the figures the sweep gave the grouping; from there an officer replaces the
illustrative figures (budgets, reserves, gaps) with the councils' own.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from ..case.loader import read_case, validate_case
from ..results.frames import project_case
from ..rules.errors import CaseError, Problem
from ..sweep.run import Sweep
from ..sweep.tables import members
from .case_folder import write_new_folder, yaml_text

#: illustrative balances, as a share of each council's net budget (the reference data has none)
RESERVES_SHARE = 0.10
MINIMUM_RESERVES_SHARE = 0.05
ILLUSTRATIVE = "illustrative: from the sweep's curves (data/sweep/curves.yaml); replace with the council's own"


def council_id(code: str) -> str:
    return code.lower()


def successor_id(number: int) -> str:
    return f"new-council-{number}"


def case_id(result: Sweep, rank: int) -> str:
    """``kent-sweep-rank-3``: the county's name in lower case, its words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", result.area.county.name.lower()) or ["area"]
    return "-".join([*words, "sweep", "rank", str(rank)])[:60].strip("-")


def grouping_case(result: Sweep, rank: int) -> dict[str, dict]:
    """The case files (file name -> data) of the grouping ranked ``rank`` (1 = best NPV)."""
    area, curves, f = result.area, result.curves, result.figures
    row = rank - 1
    groups = members(result.masks[row:row + 1], len(area.councils))[0]
    labels = curves.year_labels
    vesting = labels[curves.vesting]
    county_id = council_id(area.county.code)
    districts = [c for c in area.councils if c.kind == "district"]
    county_population = sum(c.population for c in districts)
    data_source = area.source
    councils = [_council(county_id, f"{area.county.name} County Council", county_population,
                         float(curves.county.cost(county_population)), area.county, data_source, labels[0])]
    for c in area.councils:
        budget = float(curves.district.cost(c.population))
        if c.kind != "district":
            budget += float(curves.county.cost(c.population))
        councils.append(_council(council_id(c.code), c.name, c.population, budget, c, data_source, labels[0]))
    successors = []
    for u, group in enumerate(groups, start=1):
        names = [area.councils[i].name for i in group]
        successors.append({
            "id": successor_id(u), "name": f"New council {u} ({_listed(names)})"[:2000],
            "short_name": f"New council {u}",
            "predecessors": [council_id(area.councils[i].code) for i in group],
            "council_tax": {
                "policy": curves.policy,
                "increase": {vesting: {"value": curves.increase, "source": curves.sources.get("council_tax.increase",
                                                                                              ILLUSTRATIVE)}},
                "referendum_threshold": {vesting: {"value": curves.referendum_threshold, "source": curves.sources.get(
                    "council_tax.referendum_threshold", ILLUSTRATIVE)}},
            },
        })
    split = {"council": county_id, "key": "population"}
    if area.included:
        split["band_d_paid_in"] = [council_id(c.code) for c in districts]
    initiatives = [{
        "id": "aggregation", "name": "Fewer councils: services at the new councils' scale",
        "start_year": vesting, "ramp": list(curves.savings_ramp), "sharing_key": "population",
        "savings": {"amount": {"value": float(f["aggregation_savings"][row]), "source": _curve_source(curves)},
                    "category": "service_redesign"},
    }]
    county_cost = float(f["county_services_cost"][row])
    if county_cost > 0:
        initiatives.append({
            "id": "county-services", "name": "Running the county's services in each new council",
            "start_year": vesting, "councils": [county_id],
            "recurring_costs": [{"category": "disaggregation", "amount": county_cost, "source": _curve_source(curves)}]})
    elif county_cost < 0:
        initiatives.append({
            "id": "county-services", "name": "The county's services at one council's scale",
            "start_year": vesting, "councils": [county_id, *(council_id(c.code) for c in area.included)],
            "sharing_key": "population",
            "savings": {"amount": {"value": -county_cost, "source": _curve_source(curves)}, "category": "service_redesign"}})
    transition = float(f["transition_costs"][row])
    before = transition * curves.share_before_vesting
    costs = [{"category": "programme_team", "amount": before, "years_from_start": -1},
             {"category": "other", "amount": transition - before, "years_from_start": 0}]
    initiatives.append({
        "id": "transition", "name": "Setting up the new councils", "start_year": vesting, "sharing_key": "population",
        "one_off_costs": [c for c in costs if c["amount"] > 0],
        "source": f"{curves.sources.get('transition.per_unitary', ILLUSTRATIVE)}; "
                  f"{curves.sources.get('transition.per_head', ILLUSTRATIVE)}"})
    k = len(groups)
    scenario_name = ("One council for the whole area" if k == 1 else f"{k} unitary councils") + f" (sweep rank {rank})"
    return {
        "case.yaml": {
            "id": case_id(result, rank)[:60],
            "title": f"{area.county.name}: {scenario_name.lower() if k > 1 else scenario_name}",
            "description": (f"Grouping {rank} of the {result.kept:,} kept by a sweep of {area.county.name}'s councils "
                            f"(python -m model sweep), written as a case for a full appraisal. Populations, Band D "
                            f"and tax bases are published ({data_source}); budgets, reserves and gaps are "
                            f"illustrative, and the savings and costs come from illustrative curves."),
            "first_year": labels[0], "horizon_years": curves.horizon_years,
            "discount_rate": {"value": curves.discount_rate, "source": curves.sources.get("discount_rate", ILLUSTRATIVE)},
            "price_base": {"basis": "constant", "year": labels[0], "source": "the sweep's curves, in constant prices"},
            "default_source": ILLUSTRATIVE,
        },
        "councils.yaml": {"councils": councils},
        "initiatives.yaml": {"initiatives": initiatives},
        "scenarios.yaml": {"scenarios": [
            {"id": "two-tier", "name": "Keep the county and the districts", "short_name": "Two tiers",
             "delivery_model": "status_quo", "initiatives": []},
            {"id": "grouping", "name": scenario_name, "short_name": f"Rank {rank}", "delivery_model": "other",
             "initiatives": [i["id"] for i in initiatives],
             "reorganisation": {"vesting": vesting, "successors": successors, "splits": [split],
                                "source": "the sweep's grouping; vesting from the curves file"}},
        ]},
    }


def write_grouping_case(result: Sweep, rank: int, out: Path, on: dt.date) -> Path:
    """Write the grouping ranked ``rank`` as the case folder ``out`` (which must not exist), after
    checking that it validates and projects."""
    if not 1 <= rank <= result.kept:
        raise CaseError([Problem("--write-case", "rank", f"must be a rank in groupings.csv, 1 to {result.kept:,}",
                                 rank)])
    data = grouping_case(result, rank)
    heading = (f"Written by python -m model sweep --write-case {rank} on {on.isoformat()} from a sweep of "
               f"{result.area.county.name}.\nField names and meanings: docs/case-files.md.")
    texts = {name: yaml_text(content, heading) for name, content in data.items()}
    texts["services.csv"] = services_csv(data["councils.yaml"]["councils"])
    folder = write_new_folder(Path(out), texts, "sweep --write-case")
    try:
        project_case(validate_case(read_case(folder)))
    except CaseError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def services_csv(councils: list[dict]) -> str:
    """One service line a council, its whole net budget (the sweep knows no finer split)."""
    lines = ["council,service,category,net_cost,fte,source"]
    lines += [f"{c['id']},All services,front_line,{c['net_budget']:.2f},0,\"{ILLUSTRATIVE}\"" for c in councils]
    return "\n".join(lines) + "\n"


def _council(ident: str, name: str, population: float, budget: float, council, data_source: str, first: str) -> dict:
    return {
        "id": ident, "name": name, "source": ILLUSTRATIVE, "net_budget": round(budget, 2),
        "population": {"value": round(population), "source": f"{data_source} (ONS mid-2024)"},
        "usable_reserves": round(budget * RESERVES_SHARE, 2),
        "minimum_reserves": round(budget * MINIMUM_RESERVES_SHARE, 2),
        "savings_required": {first: 0},
        "council_tax": {
            "band_d": {"value": council.band_d, "source": f"{data_source} (the council's own Band D, 2023-24)"},
            "tax_base": {"value": council.tax_base, "source": f"{data_source} (tax-setting base, 2023-24)"}},
    }


def _listed(names: list[str]) -> str:
    if len(names) <= 3:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{', '.join(names[:2])} and {len(names) - 2} others"


def _curve_source(curves) -> str:
    return f"the sweep's curves ({Path(curves.path).name}): {curves.source}"

