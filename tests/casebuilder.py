"""Small cases written to a temporary folder, for tests that need real files.

``minimal_spec()`` returns plain dicts (one per file) that a test changes before
``write_case`` writes them; ``services.csv`` is a list of row dicts.
"""
from __future__ import annotations

import copy
import csv
from pathlib import Path

import yaml

SERVICE_HEADER = ["council", "service", "category", "net_cost", "fte", "source"]

_MINIMAL = {
    "case.yaml": {
        "id": "mini",
        "title": "Two councils, three years",
        "first_year": "2020/21",
        "horizon_years": 3,
        "default_source": "test figure",
    },
    "councils.yaml": {
        "councils": [
            {"id": "north", "name": "North District", "net_budget": 10_000_000, "population": 100_000,
             "usable_reserves": 5_000_000, "minimum_reserves": 1_000_000,
             "savings_required": {"2020/21": 500_000, "2021/22": 1_000_000}},
            {"id": "south", "name": "South District", "net_budget": 30_000_000, "population": 300_000,
             "usable_reserves": 6_000_000, "minimum_reserves": 2_000_000,
             "savings_required": {"2020/21": 1_000_000}},
        ]
    },
    "services.csv": [
        {"council": "north", "service": "Finance", "category": "back_office", "net_cost": 1_000_000, "fte": 20},
        {"council": "north", "service": "Waste", "category": "front_line", "net_cost": 3_000_000, "fte": 40},
        {"council": "south", "service": "Finance", "category": "back_office", "net_cost": 2_000_000, "fte": 30},
        {"council": "south", "service": "Waste", "category": "front_line", "net_cost": 5_000_000, "fte": 50},
    ],
    "initiatives.yaml": {
        "initiatives": [
            {"id": "shared-finance", "name": "Shared finance service", "scope": {"categories": ["back_office"]},
             "start_year": "2020/21", "savings": {"rate": 0.1}},
        ]
    },
    "scenarios.yaml": {
        "scenarios": [
            {"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []},
            {"id": "shared", "name": "Shared services", "delivery_model": "shared_services",
             "initiatives": ["shared-finance"]},
        ]
    },
}


def minimal_spec() -> dict:
    return copy.deepcopy(_MINIMAL)


def write_case(folder: Path, spec: dict | None = None) -> Path:
    spec = minimal_spec() if spec is None else spec
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in spec.items():
        path = folder / name
        if content is None:
            continue
        if isinstance(content, (str, bytes)):
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        elif name.endswith(".csv"):
            header = SERVICE_HEADER if name == "services.csv" else list(dict.fromkeys(k for r in content for k in r))
            with path.open("w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=header)
                writer.writeheader()
                writer.writerows(content)
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False))
    return folder


def delay_start(case, item, months: int) -> None:
    """Move an initiative's start ``months`` later by editing its start_year and start_month (the
    case's own fields), counting in financial months (0 = April)."""
    from model.rules import years

    month = 12 * years.parse_label(item.start_year) + years.financial_month(item.start_month) - 1 + int(months)
    item.start_year = years.labels(month // 12, 1)[0]
    item.start_month = (month % 12 + 3) % 12 + 1
