"""The entries of ``model.xlsx`` that a sharing key splits: each income, recurring cost, one-off cost
and grant of an initiative as the case gives it (its amount for the whole partnership, with its
source) and each council's share by its key (computed by the model, :mod:`model.rules.sharing`);
then, on the Timing sheet, each council's amount as the formula amount x share.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import assumptions as a
from ..engine.inputs import EngineInputs, ServiceTable
from ..rules.sharing import shares
from .live_cells import Block, Row, Sheet

KINDS = ("income", "recurring", "one_off", "grant")
LABELS = {"income": "Income a year at full effect", "recurring": "Recurring cost a year once running",
          "one_off": "One-off cost", "grant": "Grant (external funding)"}
SHARE_NOTE = "computed by the model: the council's share by the entry's sharing key (initiatives.yaml, councils.yaml)"


@dataclass
class Entry:
    initiative: int
    label: str
    amount: Row                  # the whole partnership's amount, as the case gives it
    share: dict[int, Row]        # council -> its share (councils with none have no row)


@dataclass
class Amounts:
    """Each council's amounts (formulas on the Timing sheet)."""

    full_income: list[Block]      # [C] blocks of I rows (column F)
    full_recurring: list[Block]   # [C] blocks of I rows
    one_off: list[list[Row]]      # [C][J]
    grant: list[list[Row]]        # [C][G]


def _items(item: a.Initiative, kind: str) -> list:
    return {"income": item.income, "recurring": item.recurring_costs, "one_off": item.one_off_costs,
            "grant": item.external_funding}[kind]


def entry_shares(case: a.Case, services: ServiceTable, item: a.Initiative, entry: a.Shared) -> np.ndarray:
    """[C] the councils' shares of one entry, by its key (else the initiative's)."""
    councils = case.council_ids
    members = np.isin(councils, item.councils or councils)
    key = entry.sharing_key or item.sharing_key
    fixed = entry.shares if entry.shares is not None else item.shares
    vector = (np.array([fixed[c].value if c in fixed else 0.0 for c in councils])
              if key == "fixed" and fixed is not None else None)
    return shares(key, members, net_budget=services.net_budget, population=services.population,
                  in_scope_cost=services.in_scope(item.scope)[0], fixed=vector)


def write_entries(sheet: Sheet, case: a.Case, source_of, default: str) -> dict[str, list[Entry]]:
    """Every shared entry on the Inputs sheet: its amount (the case's) and the councils' shares."""
    services = ServiceTable(case, {c: n for n, c in enumerate(case.council_ids)})
    out: dict[str, list[Entry]] = {}
    for kind in KINDS:
        out[kind] = []
        if not any(_items(item, kind) for item in case.initiatives):
            continue
        sheet.heading(f"{LABELS[kind]}: each entry, and the councils' shares")
        for i, item in enumerate(case.initiatives):
            for m, entry in enumerate(_items(item, kind)):
                what = getattr(entry, "description", None) or getattr(entry, "name", None) or \
                    getattr(entry, "category", kind).replace("_", " ")
                label = f"{item.name}: {what}"
                key = f"{item.id}.{kind}_{m + 1}"
                amount = sheet.given(f"{LABELS[kind]}: amount (whole partnership)", label, "£", f"{key}.amount",
                                     source_of(entry.amount, entry, item, default=default), entry.amount.value)
                vector = entry_shares(case, services, item, entry)
                share = {c: sheet.given("Share by its sharing key", f"{label}: {council.name}", "share",
                                        f"{key}.{council.id}.share", SHARE_NOTE, vector[c], computed=True)
                         for c, council in enumerate(case.councils) if vector[c] != 0}
                out[kind].append(Entry(i, label, amount, share))
    return out


def write_amounts(sheet: Sheet, case: a.Case, inputs: EngineInputs, entries: dict[str, list[Entry]]) -> Amounts:
    """Each council's amounts, amount x share, on the Timing sheet."""
    def at(entry: Entry, c: int, unit_label: str, key: str) -> Row:
        share = entry.share.get(c)
        council = case.councils[c]
        return sheet.one(unit_label, f"{entry.label}: {council.name}", "£", f"{key}.{council.id}",
                         "amount x the council's share" if share is not None else "no share at this council",
                         f"{entry.amount.v()}*{share.v()}" if share is not None else "0",
                         entry.amount.values * share.values if share is not None else 0.0)

    def full(kind: str, values: np.ndarray) -> list[Block]:
        blocks = []
        for c, council in enumerate(case.councils):
            sheet.heading(f"{LABELS[kind]} at {council.name}, by initiative")
            rows = []
            for i, item in enumerate(case.initiatives):
                mine = [e for e in entries[kind] if e.initiative == i and c in e.share]
                rows.append(sheet.one(LABELS[kind], f"{item.name}: {council.name}", "£",
                                      f"{item.id}.{council.id}.full_{kind}",
                                      "its entries' amounts x the council's shares",
                                      "+".join(f"{e.amount.v()}*{e.share[c].v()}" for e in mine) or "0", values[i, c]))
            blocks.append(Block(rows))
        return blocks

    income = full("income", inputs.full_income)
    recurring = full("recurring", inputs.full_recurring_costs)
    one_off, grant = [], []
    for c in range(len(case.councils)):
        if entries["one_off"]:
            sheet.heading(f"One-off costs at {case.councils[c].name}, by entry")
        one_off.append([at(e, c, "One-off cost at the council", f"one_off_{j + 1}")
                        for j, e in enumerate(entries["one_off"])])
        if entries["grant"]:
            sheet.heading(f"Grants at {case.councils[c].name}, by grant")
        grant.append([at(e, c, "Grant at the council", f"grant_{g + 1}") for g, e in enumerate(entries["grant"])])
    return Amounts(income, recurring, one_off, grant)
