"""A reorganisation on a scenario sheet of ``model.xlsx``: from vesting, each successor's figures are
its predecessors' by the weights (:mod:`model.engine.successors`), with the council tax its
harmonisation raises or gives up; each council it replaces keeps its own figures until then.

A successor's cumulative net benefit counts its predecessors' from the first year (their flows
by the weights), its reserves open at vesting with its predecessors' balances at the end of the
year before, and its payback reads its predecessors' cumulative net benefit before vesting (the
costs it inherits); a replaced council's payback holds its last year's figure after vesting.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..results.frames import Results
from .live_cells import Row, Sheet
from .live_council_tax import harmonisation_rows
from .live_inputs import Inputs, council_name

FLOWS = ("gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding",
         "earmarked_reserves_applied", "capital_receipts_applied", "fte_reduction")
LABELS = {"gross_savings": "Gross savings", "income": "Income", "recurring_costs": "Recurring costs",
          "one_off_costs": "One-off costs", "external_funding": "External funding applied",
          "earmarked_reserves_applied": "Earmarked reserves applied",
          "capital_receipts_applied": "Capital receipts applied", "fte_reduction": "Posts removed by the year end",
          "cumulative_net_benefit": "Cumulative net benefit"}


@dataclass
class Vesting:
    """What every output council of one reorganisation scenario is drawn with."""

    sheet: Sheet
    results: Results
    ins: Inputs
    s: int
    own: dict[int, dict[str, Row]]    # case council -> its rows as if it went on
    after: Row                         # 1 from the vesting year
    vesting: Row                       # the vesting year number (Inputs)

    def values(self, column: str, o: int) -> np.ndarray:
        return getattr(self.results.arrays, column)[self.s, o]


def successor_rows(sheet: Sheet, results: Results, ins: Inputs, s: int, own: dict[int, dict[str, Row]],
                   replaced: set[int], summary_rows) -> None:
    """The replaced councils until vesting, then the successors from it; ``summary_rows`` writes each
    one's appraisal (:func:`model.files.live_scenarios.summary_rows`)."""
    case, inputs = results.case, results.inputs
    scenario, successors = case.scenarios[s], inputs.successors
    C, Y = len(inputs.council_ids), inputs.horizon
    vesting = ins.vesting[s]
    sheet.heading("Reorganisation: from vesting")
    after = sheet.formula("After vesting (1 = yes)", scenario.name, "flag", f"{scenario.id}|after_vesting",
                          "the year number is the vesting year's or later",
                          lambda y: f"IF({ins.year_number.y(y)}>={vesting.v()},1,0)",
                          (np.arange(Y) >= successors.vesting[s]).astype(float))
    weights = dict(ins.weight)
    plan = scenario.reorganisation
    for (at, o, c) in ins.population_split:
        if at == s:
            weights[(s, o, c)] = _population_weight(sheet, results, ins, s, o, c, plan)
    ctx = Vesting(sheet, results, ins, s, own, after, vesting)
    for c in sorted(replaced):
        if successors.vesting[s] > 0:           # replaced from the first year: no figures of its own
            rows, paying = _replaced(ctx, c)
            summary_rows(sheet, results, ins, s, case.councils[c].id, rows, paying, vesting.v())
    for n, successor_id in enumerate(successors.ids):
        o = C + n
        mine = {c: weights[(s, o, c)] for c in range(C) if (s, o, c) in weights}
        if mine and successors.present[s, o].any():
            tax = None
            if (s, successor_id) in ins.tax_inputs:
                found = next(x for x in successors.taxes if x.scenario == s and x.successor == successor_id)
                tax = harmonisation_rows(sheet, case, ins.year_number, vesting, after, council_name(case, successor_id),
                                         f"{scenario.id}|{successor_id}", ins.tax_inputs[(s, successor_id)],
                                         ins.tax_councils, found.harmonised, found.vesting)
            rows, paying = _successor(ctx, o, successor_id, mine, tax)
            summary_rows(sheet, results, ins, s, successor_id, rows, paying, None)


def _population_weight(sheet: Sheet, results: Results, ins: Inputs, s: int, o: int, c: int, plan) -> Row:
    """The share of split council ``c``'s figures successor ``o`` takes by population: its population
    (as given, else its whole predecessors') over all the successors' (:func:`model.engine.successors.split_shares`)."""
    case, successors = results.case, results.inputs.successors
    C = len(case.councils)
    index = {council.id: n for n, council in enumerate(case.councils)}

    def size(successor) -> str:
        given = ins.successor_population.get((s, C + successors.ids.index(successor.id)))
        if given is not None:
            return given.v()
        return "+".join(ins.population[index[p]].v() for p in successor.predecessors) or "0"

    mine = next(x for x in plan.successors if C + successors.ids.index(x.id) == o)
    council = case.councils[c]
    return sheet.one("Share of the split council's figures it takes", f"{council_name(case, mine.id)}: {council.name}",
                     "weight", f"{case.scenarios[s].id}.{mine.id}.{council.id}.weight",
                     "its population over all the successors' (its own, else its whole predecessors')",
                     f"({size(mine)})/(" + "+".join(f"({size(x)})" for x in plan.successors) + ")",
                     successors.weights[s, o, c])


def _replaced(ctx: Vesting, c: int) -> tuple[dict[str, Row], Row]:
    sheet, after, s = ctx.sheet, ctx.after, ctx.s
    council = ctx.results.case.councils[c]
    mine = ctx.own[c]
    sheet.heading(f"{council.name} until vesting")
    key = f"{ctx.results.case.scenarios[s].id}|{council.id}"
    rows: dict[str, Row] = {}

    def until(column: str) -> None:
        rows[column] = sheet.formula(LABELS[column], council.name, "FTE" if column == "fte_reduction" else "£",
                                     f"{key}|{column}", "its own figure until vesting, none after",
                                     lambda y: f"IF({after.y(y)}=1,0,{mine[column].y(y)})", ctx.values(column, c))

    for column in FLOWS:
        until(column)
    _derived(ctx, key, council.name, rows, c,
             required=lambda y: f"IF({after.y(y)}=1,0,{mine['savings_required'].y(y)})")
    until("cumulative_net_benefit")
    rows["reserves_balance"] = sheet.formula(
        "Usable reserves at the year end", council.name, "£", f"{key}|reserves_balance",
        "its own balance until vesting",
        lambda y: f"IF({after.y(y)}=1,0,{mine['reserves_balance'].y(y)})", ctx.values("reserves_balance", c))
    cumulative = mine["cumulative_net_benefit"]
    v = int(ctx.results.inputs.successors.vesting[s])
    paying = sheet.formula("Cumulative net benefit for payback", council.name, "£", f"{key}|paying",
                           "its last year's held after vesting",
                           lambda y: f"IF({after.y(y)}=1,INDEX({cumulative.span()},{ctx.vesting.v()}),"
                           f"{cumulative.y(y)})",
                           np.where(after.values == 1, cumulative.values[v - 1], cumulative.values))
    return rows, paying


def _successor(ctx: Vesting, o: int, successor_id: str, weights: dict[int, Row], tax: Row | None
               ) -> tuple[dict[str, Row], Row]:
    sheet, after, s, ins, own = ctx.sheet, ctx.after, ctx.s, ctx.ins, ctx.own
    name = council_name(ctx.results.case, successor_id)
    sheet.heading(f"{name} from vesting")
    key = f"{ctx.results.case.scenarios[s].id}|{successor_id}"
    rows: dict[str, Row] = {}

    def weighted(column: str, y: int) -> str:
        return "+".join(f"{w.v()}*{own[c][column].y(y)}" for c, w in weights.items())

    def drawn(column: str) -> None:
        values = ctx.values(column, o)
        before_tax = tax is not None and column in ("income", "cumulative_net_benefit")
        if before_tax:
            values = values - (np.cumsum(tax.values) if column == "cumulative_net_benefit" else tax.values)
        rows[column] = sheet.formula(LABELS[column] + (" (before council tax harmonisation)" if before_tax else ""),
                                     name, "FTE" if column == "fte_reduction" else "£",
                                     f"{key}|{column}" + ("_drawn" if before_tax else ""),
                                     "its predecessors' figures x the weights, from vesting",
                                     lambda y: f"IF({after.y(y)}=1,{weighted(column, y)},0)", values)

    for column in (*FLOWS, "cumulative_net_benefit"):
        drawn(column)
    so_far = None
    if tax is not None:
        drawn_income, drawn_cumulative = rows["income"], rows["cumulative_net_benefit"]
        rows["income"] = sheet.formula("Income", name, "£", f"{key}|income", "drawn + council tax harmonisation",
                                       lambda y: f"{drawn_income.y(y)}+{tax.y(y)}", ctx.values("income", o))
        ref = Row(sheet.book, sheet.title, sheet.r, None)
        so_far = sheet.formula("Council tax harmonisation so far", name, "£", f"{key}|cumulative_tax",
                               "last year's + this year's", lambda y: f"{ref.prev(y)}+{tax.y(y)}",
                               np.cumsum(tax.values))
        rows["cumulative_net_benefit"] = sheet.formula(
            "Cumulative net benefit", name, "£", f"{key}|cumulative_net_benefit", "drawn + harmonisation so far",
            lambda y: f"{drawn_cumulative.y(y)}+{so_far.y(y)}", ctx.values("cumulative_net_benefit", o))
    given = ins.successor_required.get((s, o))
    if given is not None:
        def required(y: int) -> str:
            return f"IF({after.y(y)}=1,{given.y(y)},0)"
    else:
        def required(y: int) -> str:
            return f"IF({after.y(y)}=1,{weighted('savings_required', y)},0)"
    at_vesting = "+".join(f"{w.v()}*INDEX({own[c]['reserves_balance'].span()},{ctx.vesting.v()})"
                          for c, w in weights.items())
    at_start = "+".join(f"{w.v()}*{ins.reserves[c].v()}" for c, w in weights.items())
    _derived(ctx, key, name, rows, o, required=required, opening=f"IF({ctx.vesting.v()}=0,{at_start},{at_vesting})")
    paying_v = sum(w.values * own[c]["cumulative_net_benefit"].values for c, w in weights.items())
    paying = sheet.formula("Cumulative net benefit for payback", name, "£", f"{key}|paying",
                           "its predecessors' by the weights before vesting (the costs it inherits)",
                           lambda y: weighted("cumulative_net_benefit", y) + (f"+{so_far.y(y)}" if so_far else ""),
                           paying_v + (so_far.values if so_far is not None else 0.0))
    return rows, paying


def _derived(ctx: Vesting, key: str, name: str, rows: dict[str, Row], o: int, required, opening: str | None = None
             ) -> None:
    """Recurring savings, net benefit, savings required, remaining gap and (a successor) reserves."""
    sheet, after, ins = ctx.sheet, ctx.after, ctx.ins

    def line(column, label, note, by_year, **kw):
        rows[column] = sheet.formula(label, name, "£", f"{key}|{column}", note, by_year, ctx.values(column, o), **kw)
        return rows[column]

    gross, income, recurring = rows["gross_savings"], rows["income"], rows["recurring_costs"]
    one_off, external, receipts = rows["one_off_costs"], rows["external_funding"], rows["capital_receipts_applied"]
    recurring_savings = line("recurring_savings", "Recurring savings", "gross savings + income - recurring costs",
                             lambda y: f"{gross.y(y)}+{income.y(y)}-{recurring.y(y)}")
    net = line("net_benefit", "Net benefit", "recurring savings - one-off costs + external funding",
               lambda y: f"{recurring_savings.y(y)}-{one_off.y(y)}+{external.y(y)}")
    req = line("savings_required", "Savings required", "its budget gap while it exists", required)
    line("remaining_gap", "Remaining gap", "savings required less recurring savings, if more",
         lambda y: f"MAX({req.y(y)}-{recurring_savings.y(y)},0)")
    line("real_net_benefit", "Net benefit at base-year prices", "net benefit / deflator",
         lambda y: f"{net.y(y)}/{ins.deflator.y(y)}")
    if opening is None:
        return
    flows = net.values - req.values + receipts.values
    since_v = np.cumsum(np.where(after.values == 1, flows, 0.0))
    since_ref = Row(sheet.book, sheet.title, sheet.r, None)
    since = sheet.formula("Reserves' movement since vesting", name, "£", f"{key}|since_vesting",
                          "net benefit - savings required + capital receipts applied, from vesting",
                          lambda y: f"IF({after.y(y)}=1,{since_ref.prev(y)}+{net.y(y)}-{req.y(y)}+{receipts.y(y)},0)",
                          since_v)
    balance_v = ctx.values("reserves_balance", o)
    first = int(after.values.argmax())
    balance_ref = Row(sheet.book, sheet.title, sheet.r, None)
    rows["reserves_balance"] = sheet.formula(
        "Usable reserves at the year end", name, "£", f"{key}|reserves_balance",
        "opening (column F): its predecessors' balances at the end of the year before vesting, by the weights",
        lambda y: f"IF({after.y(y)}=1,{balance_ref.v()}+{since.y(y)},0)", balance_v, opening=opening,
        opening_value=balance_v[first] - since_v[first])
