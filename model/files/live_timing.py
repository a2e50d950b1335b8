"""The Timing sheet of ``model.xlsx``: each initiative's share of full effect by year, its full-year
savings at each council, and when each one-off cost and grant falls, as formulas over the Inputs.

The rules are the engine's (:mod:`model.engine.projection`): an initiative delivers the part of
its first year left after its start month; ramp step k holds for year k after the start year; the
savings that come from posts step up on the start's anniversary; recurring costs run at full level
from the start (part-year in the first year); one-off costs and grants fall in the start year plus
their years from start. Each block has one row per initiative (or entry), so a scenario's figure
is one ``SUMPRODUCT`` of its membership, the full-year amounts and a block's year column.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import assumptions as a
from ..results.frames import Results
from .live_cells import Block, Book, Row, Sheet
from .live_entries import Amounts, write_amounts
from .live_inputs import Inputs


@dataclass
class Timing:
    savings: Block            # [I] share of full savings delivered in the year (priced)
    income: Block             # [I]
    running: Block            # [I] recurring costs' share (priced)
    posts: Block              # [I] share of the posts gone by the year end
    full_savings: list[Block]  # [C] blocks of I rows: full-year savings at the council (column F)
    one_off: list[Block]      # [C] blocks of I rows: the initiative's one-off costs at the council by year
    grant: list[Row]          # [G] 1 in the year the grant is received
    grant_initiative: list[int]  # [G] the initiative each grant is for
    amounts: Amounts          # each council's income, recurring costs, one-off costs and grants
    full_fte: list[Block]     # [C] blocks of I rows: posts removed at full effect at the council (column F)


def write_timing(book: Book, results: Results, ins: Inputs) -> Timing:
    case, inputs = results.case, results.inputs
    Y, n_initiatives = inputs.horizon, len(inputs.initiative_ids)
    sheet = Sheet(book, "Timing", "Timing: each initiative's effect by year, and when one-off costs and grants fall")
    names = [item.name for item in case.initiatives]
    year = ins.year_number
    years = np.arange(Y)
    start = inputs.start_month // 12
    part = (12 - inputs.start_month % 12) / 12.0
    k = years[None, :] - start[:, None]                                        # [I, Y]

    def block(title: str, label: str, unit: str, key: str, note: str, by_year, values, one=False) -> Block:
        sheet.heading(title)
        rows = []
        for i in range(n_initiatives):
            if one:
                rows.append(sheet.one(label, names[i], unit, f"{case.initiatives[i].id}.{key}", note,
                                      by_year(i), values[i]))
            else:
                rows.append(sheet.formula(label, names[i], unit, f"{case.initiatives[i].id}.{key}", note,
                                          lambda y, i=i: by_year(i, y), values[i]))
        return Block(rows)

    since = block("Years since the start year", "Years since the start year", "year no.", "years_since_start",
                  "negative before it starts", lambda i, y: f"{year.y(y)}-{ins.start[i].v()}", k)
    first = block("Part of the first year left after the start", "Part of the first year", "share", "part_year",
                  "an October start delivers half a year", lambda i: f"({ins.months.v()}-{ins.month[i].v()})"
                  f"/{ins.months.v()}", part, one=True)
    clipped = np.clip(k, 0, Y - 1)
    now_values = np.where(k >= 0, np.take_along_axis(inputs.ramp, clipped, axis=-1), 0.0)
    before_values = np.where(k >= 1, np.take_along_axis(inputs.ramp, np.clip(k - 1, 0, Y - 1), axis=-1), 0.0)
    now = block("Ramp reached: share of the posts gone by the year end", "Ramp reached", "share", "ramp_reached",
                "ramp value for the years since the start (0 before it)",
                lambda i, y: f"IF({since.rows[i].y(y)}>=0,INDEX({ins.ramp[i].span()},"
                f"MIN({since.rows[i].y(y)}+1,COLUMNS({ins.ramp[i].span()}))),0)", now_values)
    before = block("Ramp a year earlier (before the start's anniversary)", "Ramp a year earlier", "share",
                   "ramp_before", "ramp value a year earlier, from the year after the start (0 until then)",
                   lambda i, y: f"IF({since.rows[i].y(y)}>=1,INDEX({ins.ramp[i].span()},"
                   f"MIN({since.rows[i].y(y)},COLUMNS({ins.ramp[i].span()}))),0)", before_values)
    running_values = np.where(k < 0, 0.0, np.where(k == 0, part[:, None], 1.0))
    running = block("Running: share of a year the arrangement runs", "Running", "share", "running",
                    "the part of the first year, then every year", lambda i, y: f"IF({since.rows[i].y(y)}<0,0,"
                    f"IF({since.rows[i].y(y)}=0,{first.rows[i].v()},1))", running_values)
    effect_values = now_values * running_values
    effect = block("Effect: ramp x part of the year", "Effect", "share", "effect", "ramp reached x running",
                   lambda i, y: f"{now.rows[i].y(y)}*{running.rows[i].y(y)}", effect_values)
    step = np.where(k >= 1, now_values - before_values, 0.0)
    savings_values = effect_values - inputs.savings_from_posts[:, None] * step * (1 - part[:, None])
    savings_share = block(
        "Savings: the posts' step waits for the start's anniversary", "Savings", "share", "savings_profile",
        "effect less the savings from posts x this year's ramp step x the months before the anniversary",
        lambda i, y: f"{effect.rows[i].y(y)}-{ins.from_posts[i].v()}*IF({since.rows[i].y(y)}>=1,"
        f"{now.rows[i].y(y)}-{before.rows[i].y(y)},0)*(1-{first.rows[i].v()})", savings_values)
    priced = {}
    for kind, shares, values in (("savings", savings_share, savings_values), ("income", effect, effect_values),
                                 ("recurring", running, running_values)):
        index = np.array([r.values for r in ins.index[kind]], dtype=float).reshape(-1, inputs.horizon)  # none: (0, Y)
        priced[kind] = block(f"{kind.capitalize()} at the year's prices", f"{kind.capitalize()} (priced)", "share",
                             f"{kind}_priced", "share x the price index it follows",
                             lambda i, y, shares=shares, kind=kind: f"{shares.rows[i].y(y)}*{ins.index[kind][i].y(y)}",
                             values * index)

    in_scope = _scope_sums(sheet, case, ins.scope_lines, "net cost", "£", "in_scope_cost", ins.service_cost)
    scope_fte = _scope_sums(sheet, case, ins.scope_lines, "FTE", "FTE", "in_scope_fte", ins.line_fte)
    amounts = write_amounts(sheet, case, inputs, ins.entries, ins.takes_part, ins.net_budget, ins.population,
                            in_scope)
    full_savings = []
    for c, council in enumerate(case.councils):
        sheet.heading(f"Full-year savings at {council.name}")
        rows = []
        for i, item in enumerate(case.initiatives):
            effect = item.savings
            pot = amounts.pot_share.get((c, i))
            scope = in_scope.get((c, i))
            if effect is not None and effect.rate is not None and scope is not None:
                formula = f"{ins.savings[i].v()}*{ins.realised[i].v()}*{scope.v()}*{ins.takes_part[i][c].v()}"
                note = "rate x share realised x in-scope net cost, if the council takes part"
            elif effect is not None and effect.amount is not None and pot is not None:
                formula = f"{ins.savings[i].v()}*{ins.realised[i].v()}*{pot.v()}"
                note = "amount x share realised x the council's share"
            else:
                formula, note = "0", "no savings at the council"
            rows.append(sheet.one("Full-year savings", f"{item.name}: {council.name}", "£",
                                  f"{item.id}.{council.id}.full_savings", note, formula,
                                  inputs.full_savings[i, c]))
        full_savings.append(Block(rows))

    full_fte = []
    for c, council in enumerate(case.councils):
        sheet.heading(f"Posts removed at full effect at {council.name}")
        rows = []
        for i, item in enumerate(case.initiatives):
            posts, share, scope = item.fte_reduction, amounts.fte_share.get((c, i)), scope_fte.get((c, i))
            if (c, i) in ins.named_fte:
                formula, note = ins.named_fte[(c, i)].v(), "the named posts (Inputs)"
            elif posts is not None and posts.rate is not None and scope is not None:
                formula = f"{ins.fte_effect[i].v()}*{scope.v()}*{ins.takes_part[i][c].v()}"
                note = "rate x in-scope FTE, if the council takes part"
            elif posts is not None and posts.amount is not None and share is not None:
                formula, note = f"{ins.fte_effect[i].v()}*{share.v()}", "FTE x the council's share"
            else:
                formula, note = "0", "no posts removed at the council"
            rows.append(sheet.one("Posts removed at full effect", f"{item.name}: {council.name}", "FTE",
                                  f"{item.id}.{council.id}.full_fte", note, formula, inputs.full_fte[i, c]))
        full_fte.append(Block(rows))

    sheet.heading("One-off cost entries: 1 x price index in the year each falls")
    entry_rows = []
    start_j = start[inputs.one_off_initiative] + inputs.one_off_offset
    for j, i in enumerate(inputs.one_off_initiative):
        values = np.where(years == start_j[j], ins.one_off_index[j].values, 0.0)
        entry_rows.append(sheet.formula("Falls in the year (priced)", _entry_label(case, j), "index",
                                        f"one_off_{j + 1}.timing", "the start year plus its years after the start",
                                        lambda y, j=j, i=i: f"IF({year.y(y)}={ins.start[i].v()}+"
                                        f"{ins.one_off_offset[j].v()},{ins.one_off_index[j].y(y)},0)", values))
    one_off = []
    for c, council in enumerate(case.councils):
        sheet.heading(f"One-off costs by initiative at {council.name}")
        rows = []
        for i, item in enumerate(case.initiatives):
            rows.append(_one_off_given(sheet, amounts, entry_rows, c, np.nonzero(inputs.one_off_initiative == i)[0],
                                       f"{item.name}: {council.name}", f"{item.id}.{council.id}.one_off_given", Y))
        one_off.append(Block(rows))

    sheet.heading("Grants: 1 in the year each is received")
    grant = []
    start_g = start[inputs.funding_initiative] + inputs.funding_offset
    for g, i in enumerate(inputs.funding_initiative):
        grant.append(sheet.formula("Received in the year", case.initiatives[i].name, "flag", f"grant_{g + 1}.timing",
                                   "the start year plus its years after the start",
                                   lambda y, g=g, i=i: f"IF({year.y(y)}={ins.start[i].v()}"
                                   f"+{ins.grant_offset[g].v()},1,0)",
                                   (years == start_g[g]).astype(float)))
    sheet.ws.set_landscape()
    return Timing(priced["savings"], priced["income"], priced["recurring"], now, full_savings, one_off, grant,
                  [int(i) for i in inputs.funding_initiative], amounts, full_fte)


def _one_off_given(sheet: Sheet, amounts: Amounts, entry_rows: list[Row], c: int, mine: np.ndarray, item: str, key: str,
                   Y: int) -> Row:
    """One initiative's one-off costs at one council by year: its entries' amounts x when they fall."""
    if not len(mine):
        return sheet.formula("One-off costs given", item, "£", key, "none", lambda y: "0", np.zeros(Y))
    at = Block([amounts.one_off[c][j] for j in mine])
    timed = Block([entry_rows[j] for j in mine])
    values = (at.values()[:, None] * timed.values()).sum(axis=0)
    return sheet.formula("One-off costs given", item, "£", key, "its entries' amounts x when they fall",
                         lambda y: f"SUMPRODUCT({at.v()},{timed.y(y)})", values)


def _entry_label(case: a.Case, j: int) -> str:
    entries = [(item, entry) for item in case.initiatives for entry in item.one_off_costs]
    item, entry = entries[j]
    return f"{item.name}: {entry.description or entry.category.replace('_', ' ')}"


def _scope_sums(sheet, case, scope_lines: dict, what: str, unit: str, key: str, lines_given: list) -> dict:
    """Each initiative's in-scope ``what`` at each council: the sum of its service lines in scope."""
    sums = {}
    if scope_lines:
        sheet.heading(f"In-scope {what} (the service lines in the initiative's scope)")
    for (c, i), lines in sorted(scope_lines.items()):
        item, council = case.initiatives[i], case.councils[c]
        sums[(c, i)] = sheet.one(
            f"In-scope {what}", f"{item.name}: {council.name}", unit, f"{item.id}.{council.id}.{key}",
            "the sum of its service lines in scope (Inputs)" if lines else "no service line in scope",
            "+".join(lines_given[n].v() for n in lines) or "0", sum(lines_given[n].values for n in lines))
    return sums
