"""One sheet per scenario of ``model.xlsx``: each council's projection as formulas over the Inputs
and Timing sheets, with the funding rules of :mod:`model.engine.funding` (grants, then earmarked
reserves, then capital receipts), the appraisal (NPV with the first year undiscounted, payback,
gap met) and, for a reorganisation, the successors from vesting (:mod:`model.engine.successors`).

The rows a council's ``projection.csv`` and ``summary.csv`` figures come from carry the id
``scenario|council|column`` in column D; a council a reorganisation replaces keeps its rows "as
if it went on" (id ``own|...``), from which its rows until vesting and its successors' are drawn.
"""
from __future__ import annotations

import re

import numpy as np

from ..case import assumptions as a
from ..results.frames import Results
from ..rules import appraisal
from .live_cells import Book, Row, Sheet
from .live_inputs import Inputs, council_name
from .live_successors import successor_rows
from .live_timing import Timing


def sheet_title(n: int, scenario: a.Scenario) -> str:
    return re.sub(r"[\[\]:*?/\\']", "", f"{n + 1} {scenario.name}")[:31].strip()


def write_scenario(book: Book, results: Results, ins: Inputs, timing: Timing, s: int) -> None:
    case, inputs = results.case, results.inputs
    scenario = case.scenarios[s]
    sheet = Sheet(book, sheet_title(s, scenario), f"{scenario.name}: projection by council")
    plan = scenario.reorganisation
    replaced = set()
    if plan is not None and inputs.successors is not None:
        replaced = {c for c in range(len(inputs.council_ids)) if inputs.successors.replaced[s, c]}
    own = {}
    for c, council in enumerate(case.councils):
        key = f"own|{scenario.id}|{council.id}" if c in replaced else f"{scenario.id}|{council.id}"
        own[c] = council_rows(sheet, results, ins, timing, s, c, key)
        if c not in replaced:
            summary_rows(sheet, results, ins, s, council.id, own[c], own[c]["cumulative_net_benefit"], None)
    if plan is not None and inputs.successors is not None:
        successor_rows(sheet, results, ins, s, own, replaced, summary_rows)
    sheet.ws.set_landscape()


def council_rows(sheet: Sheet, results: Results, ins: Inputs, timing: Timing, s: int, c: int, key: str
                 ) -> dict[str, Row]:
    case, inputs, plain = results.case, results.inputs, ins.unconsolidated
    council = case.councils[c]
    name = council.name
    Y = inputs.horizon
    M = ins.membership[s]
    sheet.heading(name + (" (as if it went on)" if key.startswith("own|") else ""))
    rows: dict[str, Row] = {}

    def line(column: str, label: str, unit: str, note: str, by_year, values, **kw) -> Row:
        rows[column] = sheet.formula(label, name, unit, f"{key}|{column}", note, by_year, values, **kw)
        return rows[column]

    gross = line("gross_savings", "Gross savings", "£", "SUMPRODUCT of membership, full-year savings and the "
                 "savings share of the year", lambda y: f"SUMPRODUCT({M.v()},{timing.full_savings[c].v()},"
                 f"{timing.savings.y(y)})", plain.gross_savings[s, c])
    income = line("income", "Income", "£", "membership x full-year income x the year's effect",
                  lambda y: f"SUMPRODUCT({M.v()},{timing.amounts.full_income[c].v()},{timing.income.y(y)})",
                  plain.income[s, c])
    recurring = line("recurring_costs", "Recurring costs", "£", "membership x full-year cost x the year's running",
                     lambda y: f"SUMPRODUCT({M.v()},{timing.amounts.full_recurring[c].v()},{timing.running.y(y)})",
                     plain.recurring_costs[s, c])
    staff = ins.staff[(s, c)]
    given = plain.one_off_costs[s, c] - staff.values
    given_row = line("one_off_given", "One-off costs given in the case", "£",
                     "membership x each initiative's one-off costs",
                     lambda y: f"SUMPRODUCT({M.v()},{timing.one_off[c].y(y)})", given)
    one_off = line("one_off_costs", "One-off costs", "£", "given + redundancy and pension strain computed (Inputs)",
                   lambda y: f"{given_row.y(y)}+{staff.y(y)}", plain.one_off_costs[s, c])

    # grants, in the order they must be paid back (the earliest first), then as listed
    _, returns, _ = inputs.funding_rules()
    need, need_row = one_off.values.copy(), one_off
    used_rows, returned_rows, closing_rows = [], [], []
    for g in np.argsort(returns, kind="stable"):
        if timing.amounts.grant[c][g].values != 0:
            need, need_row, rows_of_grant = _grant(sheet, line, ins, timing, M, c, int(g), returns[g], need, need_row)
            for kept, row in zip((used_rows, returned_rows, closing_rows), rows_of_grant, strict=True):
                kept.append(row)
    left = line("left_after_grants", "One-off costs left after grants", "£", "one-off costs less grants applied",
                lambda y: one_off.y(y) + "".join(f"-{r.y(y)}" for r in used_rows), need)
    external = line("external_funding", "External funding applied", "£", "grants applied to one-off costs",
                    lambda y: f"{one_off.y(y)}-{left.y(y)}", plain.external_funding[s, c])
    share_v = np.divide(need, one_off.values, out=np.zeros(Y), where=one_off.values > 0)
    share = line("share_left", "Share of the one-off costs left after grants", "share", "left / one-off costs",
                 lambda y: f"IF({one_off.y(y)}>0,{left.y(y)}/{one_off.y(y)},0)", share_v)

    earmark_used = []
    for (i, at), earmark in ins.earmark.items():
        if at != c:
            continue
        item = case.initiatives[i].name
        own_v = M.rows[i].values * (timing.one_off[c].rows[i].values + ins.staff_own[(s, i, c)].values)
        own_left_v = own_v * share_v
        used_v, balance_v = np.zeros(Y), np.zeros(Y)
        balance = earmark.values
        for y in range(Y):
            used_v[y] = min(balance, own_left_v[y])
            balance = balance_v[y] = balance - used_v[y]
        own_row = line(f"{case.initiatives[i].id}_own_costs", f"{item}: its one-off costs", "£",
                       "membership x (given + computed)",
                       lambda y, i=i: f"{M.rows[i].v()}*({timing.one_off[c].rows[i].y(y)}"
                       f"+{ins.staff_own[(s, i, c)].y(y)})", own_v)
        own_left = line(f"{case.initiatives[i].id}_own_left", f"{item}: its costs left after grants", "£",
                        "its costs x the share left", lambda y, own_row=own_row: f"{own_row.y(y)}*{share.y(y)}",
                        own_left_v)
        balance_ref = Row(sheet.book, sheet.title, sheet.r + 1, None)
        used = line(f"{case.initiatives[i].id}_earmark_used", f"{item}: earmarked reserves applied", "£",
                    "the least of the earmark left and its costs left",
                    lambda y, own_left=own_left, ref=balance_ref: f"MIN({ref.prev(y)},{own_left.y(y)})", used_v)
        line(f"{case.initiatives[i].id}_earmark_left", f"{item}: earmarked reserves left", "£",
             "opening: the earmark (Inputs)", lambda y, used=used, ref=balance_ref: f"{ref.prev(y)}-{used.y(y)}",
             balance_v, opening=earmark.v(), opening_value=earmark.values)
        earmark_used.append(used)
    earmarked = line("earmarked_reserves_applied", "Earmarked reserves applied", "£",
                     "the earmarks applied, at most the costs left",
                     (lambda y: f"MIN({_sum([r.y(y) for r in earmark_used])},{left.y(y)})") if earmark_used
                     else (lambda y: "0"), plain.earmarked_reserves_applied[s, c])
    after = line("left_after_earmarks", "One-off costs left after earmarked reserves", "£",
                 "left less earmarks applied",
                 lambda y: f"{left.y(y)}-{earmarked.y(y)}", need - plain.earmarked_reserves_applied[s, c])
    excluded = ins.not_qualifying[(s, c)]
    qualifying = line("qualifying", "One-off costs capital receipts may meet", "£", "one-off costs less those excluded",
                      lambda y: f"{one_off.y(y)}-{excluded.y(y)}", one_off.values - excluded.values)
    receipts = line("capital_receipts_applied", "Capital receipts applied", "£",
                    "the least of the receipts, the costs left and the qualifying costs",
                    lambda y: f"MIN({ins.receipts[c].y(y)},{after.y(y)},{qualifying.y(y)})",
                    plain.capital_receipts_applied[s, c])
    recurring_savings = line("recurring_savings", "Recurring savings", "£", "gross savings + income - recurring costs",
                             lambda y: f"{gross.y(y)}+{income.y(y)}-{recurring.y(y)}", plain.recurring_savings[s, c])
    net = line("net_benefit", "Net benefit", "£", "recurring savings - one-off costs + external funding",
               lambda y: f"{recurring_savings.y(y)}-{one_off.y(y)}+{external.y(y)}", plain.net_benefit[s, c])
    cumulative_ref = Row(sheet.book, sheet.title, sheet.r, None)
    line("cumulative_net_benefit", "Cumulative net benefit", "£", "last year's + this year's net benefit",
         lambda y: f"{cumulative_ref.prev(y)}+{net.y(y)}", plain.cumulative_net_benefit[s, c])
    required = line("savings_required", "Savings required", "£", "the council's budget gap (Inputs)",
                    lambda y: ins.required[c].y(y), plain.savings_required[s, c])
    line("remaining_gap", "Remaining gap", "£", "savings required less recurring savings, if more",
         lambda y: f"MAX({required.y(y)}-{recurring_savings.y(y)},0)", plain.remaining_gap[s, c])
    balance_ref = Row(sheet.book, sheet.title, sheet.r, None)
    line("reserves_balance", "Usable reserves at the year end", "£",
         "opening: usable reserves; + net benefit - savings required + capital receipts applied",
         lambda y: f"{balance_ref.prev(y)}+{net.y(y)}-{required.y(y)}+{receipts.y(y)}", plain.reserves_balance[s, c],
         opening=ins.reserves[c].v(), opening_value=ins.reserves[c].values)
    line("fte_reduction", "Posts removed by the year end", "FTE", "membership x full-effect posts x ramp reached",
         lambda y: f"SUMPRODUCT({M.v()},{timing.full_fte[c].v()},{timing.posts.y(y)})", plain.fte_reduction[s, c])
    line("real_net_benefit", "Net benefit at base-year prices", "£", "net benefit / deflator",
         lambda y: f"{net.y(y)}/{ins.deflator.y(y)}", plain.real_net_benefit[s, c])
    if closing_rows:                                  # grant balances, where the council has a grant
        line("external_funding_unspent", "Grants held at the year end", "£", "the grants' balances",
             lambda y: _sum([r.y(y) for r in closing_rows]), plain.external_funding_unspent[s, c])
        line("external_funding_returned", "Grants paid back", "£", "the grants paid back",
             lambda y: _sum([r.y(y) for r in returned_rows]), plain.external_funding_returned[s, c])
    return rows


def _grant(sheet: Sheet, line, ins: Inputs, timing: Timing, M, c: int, g: int, back: int, need: np.ndarray,
           need_row: Row) -> tuple[np.ndarray, Row, tuple[Row, Row, Row]]:
    """One grant at one council: received, available, applied to the costs not yet met, paid back,
    held. Returns the costs still not met (values and row) and the applied, paid-back and held rows."""
    Y = sheet.book.years
    amount, i = timing.amounts.grant[c][g], int(timing.grant_initiative[g])
    received = M.rows[i].values * amount.values * timing.grant[g].values
    closing_ref = Row(sheet.book, sheet.title, sheet.r + 5, None)
    available_v, used_v, returned_v, closing_v = (np.zeros(Y) for _ in range(4))
    balance = 0.0
    for y in range(Y):
        available_v[y] = balance + received[y]
        used_v[y] = min(available_v[y], need[y])
        returned_v[y] = available_v[y] - used_v[y] if back <= y else 0.0
        balance = closing_v[y] = available_v[y] - used_v[y] - returned_v[y]
    label = f"Grant {g + 1}"
    got = line(f"grant_{g + 1}_received", f"{label}: received", "£", "membership x amount x when received",
               lambda y: f"{M.rows[i].v()}*{amount.v()}*{timing.grant[g].y(y)}", received)
    available = line(f"grant_{g + 1}_available", f"{label}: available", "£", "held from last year + received",
                     lambda y: f"{closing_ref.prev(y)}+{got.y(y)}", available_v)
    used = line(f"grant_{g + 1}_used", f"{label}: applied to one-off costs", "£",
                "the least of what is available and the costs not yet met",
                lambda y: f"MIN({available.y(y)},{need_row.y(y)})", used_v)
    still = line(f"grant_{g + 1}_need", f"{label}: one-off costs not yet met", "£", "before less applied",
                 lambda y: f"{need_row.y(y)}-{used.y(y)}", need - used_v)
    returned = line(f"grant_{g + 1}_returned", f"{label}: paid back", "£",
                    "what is unspent at the end of its return year",
                    lambda y: f"IF({ins.year_number.y(y)}>={ins.grant_return[g].v()},{available.y(y)}-{used.y(y)},0)",
                    returned_v)
    closing = line(f"grant_{g + 1}_held", f"{label}: held at the year end", "£", "available less applied and paid back",
                   lambda y: f"{available.y(y)}-{used.y(y)}-{returned.y(y)}", closing_v)
    assert closing.row == closing_ref.row
    return need - used_v, still, (used, returned, closing)


def summary_rows(sheet: Sheet, results: Results, ins: Inputs, s: int, council_id: str, rows: dict[str, Row],
                 paying: Row, last: str | None) -> None:
    """NPV, payback and the summary's totals for one council; ``last`` the formula of the position of
    its last year with figures (``None``: the last year of the horizon)."""
    scenario = results.case.scenarios[s]
    summary = results.summary
    found = summary[(summary.scenario == scenario.id) & (summary.council == council_id)].iloc[0]
    name = council_name(results.case, council_id)
    key = f"{scenario.id}|{council_id}|summary"
    tol = ins.tolerance.v()
    below_v = (paying.values < -appraisal.PENNY_TOLERANCE).astype(float)
    below = sheet.formula("Cumulative net benefit below nothing (1 = yes)", name, "flag", f"{key}.below",
                          "for payback", lambda y: f"IF({paying.y(y)}<-{tol},1,0)", below_v)
    stays_v = np.array([float(below_v[y:].sum() == 0) for y in range(len(below_v))])
    stays = sheet.formula("Stays at or above nothing to the end (1 = yes)", name, "flag", f"{key}.stays",
                          "payback is the first such year", lambda y: f"IF(SUM({below.rest(y)})=0,1,0)", stays_v)
    real = rows["real_net_benefit"]
    years = sheet.book.years
    rest = f"+NPV({ins.discount_rate.v()},{real.y(1)}:{real.last()})" if years > 1 else ""

    def at_end(row: Row) -> str:
        return row.last() if last is None else f"INDEX({row.span()},{last})"

    for column, label, unit, formula, note in (
            ("total_gross_savings", "Total gross savings", "£", f"SUM({rows['gross_savings'].span()})",
             "over the years"),
            ("total_one_off_costs", "Total one-off costs", "£", f"SUM({rows['one_off_costs'].span()})",
             "over the years"),
            ("total_net_benefit", "Total net benefit", "£", f"SUM({rows['net_benefit'].span()})", "over the years"),
            ("npv", "Net present value", "£", f"{real.y(0)}{rest}",
             "the first year undiscounted, then NPV() of the rest at the discount rate"),
            ("payback_year", "Payback year", "", (f'IF(INDEX({stays.span()},COLUMNS({stays.span()}))=0,"",'
                                                  f"INDEX(YearLabels,MATCH(1,{stays.span()},0)))"),
             ("the first year from which the cumulative net benefit stays at or above nothing; "
              "blank if the last year's is below")),
            ("final_year_recurring_savings", "Final year's recurring savings", "£",
             at_end(rows["recurring_savings"]), "its last year"),
            ("final_year_savings_required", "Final year's savings required", "£", at_end(rows["savings_required"]),
             "its last year"),
    ):
        sheet.one(label, name, unit, f"{key}.{column}", note, formula, found[column])
    sheet.one("Gap met", name, "", f"{key}.gap_met", "final year's recurring savings cover its savings required",
              f'IF({at_end(rows["recurring_savings"])}>={at_end(rows["savings_required"])}-{tol},"Yes","No")',
              "Yes" if found["gap_met"] else "No")


def _sum(parts: list[str]) -> str:
    return "+".join(parts) if parts else "0"
