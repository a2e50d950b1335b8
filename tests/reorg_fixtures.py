"""Small reorganisation cases built on :mod:`casebuilder`'s two districts (north, south), for tests."""
from __future__ import annotations

from casebuilder import minimal_spec


def merger_spec() -> dict:
    """North and South merge into United on 1 April 2021 (the second of three years), with the shared
    finance saving running throughout."""
    spec = minimal_spec()
    spec["scenarios.yaml"]["scenarios"].append({
        "id": "merger", "name": "Merger", "delivery_model": "other", "initiatives": ["shared-finance"],
        "reorganisation": {"vesting": "2021/22", "successors": [
            {"id": "united", "name": "United Council", "predecessors": ["north", "south"]}]}})
    return spec


def county_spec(key: dict | None = None) -> dict:
    """A county, Shire, over North and South; from 2021/22 two unitaries, each a district and a share
    of the county (by population unless ``key`` says otherwise)."""
    spec = minimal_spec()
    spec["councils.yaml"]["councils"].append(
        {"id": "shire", "name": "Shire County Council", "net_budget": 100_000_000, "population": 400_000,
         "usable_reserves": 20_000_000, "minimum_reserves": 5_000_000, "savings_required": {"2020/21": 4_000_000}})
    spec["services.csv"] += [
        {"council": "shire", "service": "Adult social care", "category": "front_line", "net_cost": 60_000_000,
         "fte": 500},
        {"council": "shire", "service": "Finance", "category": "back_office", "net_cost": 4_000_000, "fte": 60},
    ]
    spec["initiatives.yaml"]["initiatives"][0]["councils"] = ["north", "south"]
    spec["scenarios.yaml"]["scenarios"].append({
        "id": "two-unitaries", "name": "Two unitaries", "delivery_model": "other", "initiatives": [],
        "reorganisation": {"vesting": "2021/22", "successors": [
            {"id": "north-unitary", "name": "North Unitary Council", "predecessors": ["north"]},
            {"id": "south-unitary", "name": "South Unitary Council", "predecessors": ["south"]}],
            "splits": [{"council": "shire", **(key or {"key": "population"})}]}})
    return spec


def joining_unitary_spec(paid_in: list[str] | None = ("north", "south")) -> dict:
    """Shire County (Band D 1,200) over North (200, base 1,000) and South (300, base 3,000), and East,
    a unitary (1,500, base 2,000), all replaced in 2021/22 by one council harmonised to the average.
    The county's Band D is paid in North and South only (``band_d_paid_in``), not in East."""
    spec = county_spec({"key": "fixed", "shares": {"one-council": 1.0}})
    councils = spec["councils.yaml"]["councils"]
    councils.insert(2, {"id": "east", "name": "East Unitary Council", "net_budget": 50_000_000, "population": 200_000,
                        "usable_reserves": 8_000_000, "minimum_reserves": 2_000_000,
                        "savings_required": {"2020/21": 1_000_000}})
    spec["services.csv"].append({"council": "east", "service": "Finance", "category": "back_office",
                                 "net_cost": 3_000_000, "fte": 40})
    for council, band_d, base in (("north", 200, 1000), ("south", 300, 3000), ("east", 1500, 2000),
                                  ("shire", 1200, 4000)):
        next(c for c in councils if c["id"] == council)["council_tax"] = {"band_d": band_d, "tax_base": base}
    plan = spec["scenarios.yaml"]["scenarios"][-1]["reorganisation"]
    plan["successors"] = [{"id": "one-council", "name": "One Council", "predecessors": ["north", "south", "east"],
                           "council_tax": {"policy": "average", "increase": {"2021/22": 0.0},
                                           "referendum_threshold": {"2021/22": 0.05}}}]
    if paid_in is not None:
        plan["splits"][0]["band_d_paid_in"] = list(paid_in)
    return spec
