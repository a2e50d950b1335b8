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
