"""The entries of ``model.xlsx`` that a sharing key splits: a shared pot of savings and each income,
recurring cost, one-off cost and grant of an initiative, as the case gives them (the amount for the
whole partnership, with its source). On the Timing sheet each council's share is a formula
(:func:`model.rules.sharing.shares`: the council's weight over the weights of the councils taking
part, a weight being 1, its net budget, population, in-scope net cost or agreed share), and the
council's amount is amount x share.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..case import assumptions as a
from ..engine.inputs import EngineInputs, ServiceTable
from ..rules.sharing import shares
from .live_cells import Block, Row, Sheet

KINDS = ("savings", "fte", "income", "recurring", "one_off", "grant")
#: kinds whose amount is an initiative's own row (savings or posts removed), not an entry of a list
OWN = ("savings", "fte")
LABELS = {"savings": "Savings (a shared pot)", "fte": "Posts removed (shared FTE)",
          "income": "Income a year at full effect",
          "recurring": "Recurring cost a year once running", "one_off": "One-off cost",
          "grant": "Grant (external funding)"}
BASES = {"equal": "an equal weight", "net_budget": "net budgets", "population": "populations",
         "in_scope_cost": "in-scope net costs", "fixed": "the agreed shares"}


@dataclass
class Entry:
    initiative: int
    label: str
    key: str                     # the sharing key
    amount: Row                  # the whole partnership's amount, as the case gives it
    shares: np.ndarray           # [C] the model's shares (the cached values)
    fixed: dict[int, Row] = field(default_factory=dict)   # agreed shares (key fixed), as given
    share: dict[int, Row] = field(default_factory=dict)   # council taking part -> its share (Timing)


@dataclass
class Amounts:
    """Each council's amounts (formulas on the Timing sheet)."""

    full_income: list[Block]      # [C] blocks of I rows (column F)
    full_recurring: list[Block]   # [C] blocks of I rows
    one_off: list[list[Row]]      # [C][J]
    grant: list[list[Row]]        # [C][G]
    pot_share: dict[tuple[int, int], Row]   # (council, initiative) -> its share of a shared pot of savings
    fte_share: dict[tuple[int, int], Row]   # (council, initiative) -> its share of shared posts removed


def _items(item: a.Initiative, kind: str) -> list:
    if kind in OWN:
        effect = item.savings if kind == "savings" else item.fte_reduction
        named = kind == "fte" and bool(item.posts_removed)   # named posts are costed as their holders instead
        return [effect] if effect is not None and effect.amount is not None and not named else []
    return {"income": item.income, "recurring": item.recurring_costs, "one_off": item.one_off_costs,
            "grant": item.external_funding}[kind]


def _key(item: a.Initiative, entry: a.Shared) -> tuple[str, dict | None]:
    return entry.sharing_key or item.sharing_key, entry.shares if entry.shares is not None else item.shares


def write_entries(sheet: Sheet, case: a.Case, source_of, default: str, own: dict[str, list[Row | None]]
                  ) -> dict[str, list[Entry]]:
    """Every shared entry on the Inputs sheet: its amount (a shared pot's or shared posts' is the
    initiative's row in ``own``) and, for agreed shares, the shares as given."""
    services = ServiceTable(case, {c: n for n, c in enumerate(case.council_ids)})
    councils = case.council_ids
    out: dict[str, list[Entry]] = {}
    for kind in KINDS:
        out[kind] = []
        if not any(_items(item, kind) for item in case.initiatives):
            continue
        sheet.heading(f"{LABELS[kind]}: each entry, with any agreed shares" if kind not in OWN else
                      f"{LABELS[kind]}: any agreed shares")
        for i, item in enumerate(case.initiatives):
            for m, entry in enumerate(_items(item, kind)):
                what = getattr(entry, "description", None) or getattr(entry, "name", None) or \
                    getattr(entry, "category", None) or kind
                label = item.name if kind in OWN else f"{item.name}: {str(what).replace('_', ' ')}"
                key, fixed = _key(item, entry)
                tag = f"{item.id}.{kind}_{m + 1}"
                amount = own[kind][i] if kind in OWN else sheet.given(
                    f"{LABELS[kind]}: amount (whole partnership)", label, "£", f"{tag}.amount",
                    source_of(entry.amount, entry, item, default=default), entry.amount.value)
                vector = np.array([fixed[c].value if c in fixed else 0.0 for c in councils]) \
                    if key == "fixed" and fixed is not None else None
                members = np.isin(councils, item.councils or councils)
                model = shares(key, members, net_budget=services.net_budget, population=services.population,
                               in_scope_cost=services.in_scope(item.scope)[0], fixed=vector)
                made = Entry(i, label, key, amount, model)
                if key == "fixed":
                    for c, council in enumerate(case.councils):
                        if council.id in fixed:
                            made.fixed[c] = sheet.given("Agreed share", f"{label}: {council.name}", "share",
                                                        f"{tag}.{council.id}.fixed_share",
                                                        source_of(fixed[council.id], entry, item, default=default),
                                                        fixed[council.id].value)
                out[kind].append(made)
    return out


def write_amounts(sheet: Sheet, case: a.Case, inputs: EngineInputs, entries: dict[str, list[Entry]],
                  takes_part: list[list[Row]], net_budget: list[Row], population: list[Row],
                  in_scope: dict[tuple[int, int], Row]) -> Amounts:
    """Each council's share of each entry, and its amounts, amount x share, on the Timing sheet."""
    C = len(case.councils)

    def weight(entry: Entry, x: int) -> str | None:
        flag = takes_part[entry.initiative][x].v()
        basis = {"equal": None, "net_budget": net_budget[x], "population": population[x],
                 "in_scope_cost": in_scope.get((x, entry.initiative)), "fixed": entry.fixed.get(x)}[entry.key]
        if basis is None:
            return flag if entry.key == "equal" else None
        return f"{flag}*{basis.v()}"

    for kind in KINDS:
        if entries[kind]:
            sheet.heading(f"{LABELS[kind]}: each council's share by the sharing key")
        for entry in entries[kind]:
            weights = [w for w in (weight(entry, x) for x in range(C)) if w is not None]
            for c, council in enumerate(case.councils):
                if not case.initiatives[entry.initiative].councils or council.id in case.initiatives[
                        entry.initiative].councils:
                    own = weight(entry, c)
                    entry.share[c] = sheet.one(
                        "Share by the sharing key", f"{entry.label}: {council.name}", "share",
                        f"{case.initiatives[entry.initiative].id}.{kind}.{council.id}.share",
                        f"the council's weight over the weights of the councils taking part ({BASES[entry.key]})",
                        f"{own}/({'+'.join(weights)})" if own is not None else "0", entry.shares[c])

    def at(entry: Entry, c: int, label: str, key: str) -> Row:
        share = entry.share.get(c)
        council = case.councils[c]
        return sheet.one(label, f"{entry.label}: {council.name}", "£", f"{key}.{council.id}",
                         "amount x the council's share" if share is not None else "the council takes no part",
                         f"{entry.amount.v()}*{share.v()}" if share is not None else "0",
                         entry.amount.values * entry.shares[c])

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
    for c in range(C):
        if entries["one_off"]:
            sheet.heading(f"One-off costs at {case.councils[c].name}, by entry")
        one_off.append([at(e, c, "One-off cost at the council", f"one_off_{j + 1}")
                        for j, e in enumerate(entries["one_off"])])
        if entries["grant"]:
            sheet.heading(f"Grants at {case.councils[c].name}, by grant")
        grant.append([at(e, c, "Grant at the council", f"grant_{g + 1}") for g, e in enumerate(entries["grant"])])
    pot = {(c, e.initiative): row for e in entries["savings"] for c, row in e.share.items()}
    fte = {(c, e.initiative): row for e in entries["fte"] for c, row in e.share.items()}
    return Amounts(income, recurring, one_off, grant, pot, fte)
