"""Council tax harmonisation on a scenario sheet of ``model.xlsx`` (:mod:`model.engine.council_tax`),
as formulas: from vesting, each area's own path (its Band D in the year before, with any split
county's, x the planned rise compounded), its tax base growing, the successor's average path,
each area's Band D under the policy (average, lowest, highest, or converging over N years), and
the yield harmonising raises (+) or gives up (-) against the own paths, which joins the
successor's income. The Band D, tax bases and planned rises are inputs (councils.yaml and the
reorganisation).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import assumptions as a
from ..engine.successor_tax import split_band_d
from ..engine.successors import held
from .live_cells import Row, Sheet, defined_name


@dataclass
class TaxInputs:
    """One successor's harmonisation inputs (Inputs sheet)."""

    policy: str
    areas: list[int]              # council indices of its areas (the councils it replaces whole)
    county: list[list[int]]       # [area] the split councils whose Band D is paid in each area
    increase: Row                 # [Y] the planned rise of the average Band D, from vesting
    years: Row | None             # converge: the years the areas' Band D differ


def write_tax_inputs(sheet: Sheet, case: a.Case, source_of, default: str) -> tuple[dict, dict]:
    """(council -> (Band D, tax base, growth) rows, (scenario, successor id) -> :class:`TaxInputs`)."""
    councils = {}
    with_tax = [(c, council) for c, council in enumerate(case.councils) if council.council_tax is not None]
    plans = [(s, scenario.reorganisation, successor) for s, scenario in enumerate(case.scenarios)
             if scenario.reorganisation is not None for successor in scenario.reorganisation.successors
             if successor.council_tax is not None]
    if not plans:
        return councils, {}
    sheet.heading("Council tax in the year before vesting (councils.yaml)")
    for c, council in with_tax:
        tax = council.council_tax
        src = source_of(tax.band_d, tax, council, default=default)
        councils[c] = (
            sheet.given("Band D (its own element)", council.name, "£", f"{council.id}.band_d", src, tax.band_d.value,
                        name=defined_name("BandD", council.id)),
            sheet.given("Tax base (Band D equivalents)", council.name, "count", f"{council.id}.tax_base",
                        source_of(tax.tax_base, tax, council, default=default), tax.tax_base.value),
            sheet.given("Tax base growth a year from vesting", council.name, "rate", f"{council.id}.tax_base_growth",
                        source_of(tax.tax_base_growth, tax, council, default=default) if tax.tax_base_growth
                        is not None else "default: none", tax.tax_base_growth.value if tax.tax_base_growth else 0.0))
    sheet.heading("Council tax harmonisation of each successor (the reorganisation)")
    out = {}
    index = {council.id: c for c, council in enumerate(case.councils)}
    for s, plan, successor in plans:
        policy = successor.council_tax
        label = f"{case.scenarios[s].name}: {successor.name}"
        increase = sheet.given("Planned rise of the average Band D", label, "rate",
                               f"{case.scenarios[s].id}.{successor.id}.increase",
                               _first(policy.increase, policy, successor, source_of, default)
                               + "; a year not listed takes the latest before it",
                               held(case, policy.increase, case.case.horizon_years))
        years = (sheet.given("Years the areas' Band D differ (converge)", label, "count",
                             f"{case.scenarios[s].id}.{successor.id}.years", source_of(policy, successor,
                                                                                         default=default),
                             float(policy.years)) if policy.policy == "converge" else None)
        paid = split_band_d(case, plan, successor)
        county = [[index[k] for k in paid[c]] for c in successor.predecessors]
        out[(s, successor.id)] = TaxInputs(policy.policy, [index[c] for c in successor.predecessors], county,
                                           increase, years)
    return councils, out


def _first(mapping: dict, policy, successor, source_of, default: str) -> str:
    for number in mapping.values():
        return source_of(number, policy, successor, default=default)
    return "none listed"


def harmonisation_rows(sheet: Sheet, case: a.Case, year_number: Row, vesting: Row, after: Row, name: str, key: str,
                       tax: TaxInputs, councils: dict, harmonised, v: int) -> Row:
    """The successor's harmonisation, year by year from vesting; returns the row of the yield it raises
    (+) or gives up (-), which joins its income. ``harmonised`` is the engine's (the cached values)."""
    Y = sheet.book.years
    sheet.heading(f"{name}: council tax harmonisation ({tax.policy})")

    def pad(values) -> np.ndarray:                       # [T] from vesting -> [Y]
        out = np.zeros(Y)
        out[v:] = values
        return out

    t = sheet.formula("Years since vesting", name, "year no.", f"{key}|tax_t", "0 in the vesting year",
                      lambda y: f"IF({after.y(y)}=1,{year_number.y(y)}-{vesting.v()},0)",
                      pad(np.arange(Y - v, dtype=float)))
    growth_ref = Row(sheet.book, sheet.title, sheet.r, None)
    growth = sheet.formula("Planned rise compounded", name, "index", f"{key}|tax_growth",
                           "last year's (1 in the year before vesting) x (1 + this year's rise)",
                           lambda y: f"IF({after.y(y)}=1,IF({t.y(y)}=0,1,{growth_ref.prev(y)})"
                           f"*(1+{tax.increase.y(y)}),0)",
                           pad(np.cumprod(1 + tax.increase.values[v:])))
    bases, owns = [], []
    for n, c in enumerate(tax.areas):
        area = case.councils[c].name
        band, base, rate = councils[c]
        before = sheet.one("Band D in the year before vesting", f"{name}: {area}", "£", f"{key}|{c}.band_d_before",
                           "its own, with any split county's", "+".join([band.v()] + [councils[k][0].v()
                                                                                        for k in tax.county[n]]),
                           band.values + sum(councils[k][0].values for k in tax.county[n]))
        bases.append(sheet.formula("Tax base", f"{name}: {area}", "count", f"{key}|{c}.tax_base",
                                   "growing from vesting", lambda y, base=base, rate=rate:
                                   f"IF({after.y(y)}=1,{base.v()}*(1+{rate.v()})^{t.y(y)},0)",
                                   pad(harmonised.tax_base[n])))
        owns.append(sheet.formula("Own path: Band D on its own", f"{name}: {area}", "£", f"{key}|{c}.own_path",
                                  "Band D before x the rise compounded",
                                  lambda y, before=before: f"{before.v()}*{growth.y(y)}", pad(harmonised.own_path[n])))
    total = sheet.formula("Tax base of the successor", name, "count", f"{key}|tax_base_total", "the areas' tax bases",
                          lambda y: "+".join(b.y(y) for b in bases), sum(b.values for b in bases))
    path_values = np.divide(sum(b.values * o.values for b, o in zip(bases, owns, strict=True)), total.values,
                            out=np.zeros(Y), where=total.values > 0)
    average = sheet.formula("Average path (the own paths' yield / the tax base)", name, "£", f"{key}|average_path",
                            "the target yield over the tax base", lambda y: f"IF({after.y(y)}=1,("
                            + "+".join(f"{b.y(y)}*{o.y(y)}" for b, o in zip(bases, owns, strict=True))
                            + f")/{total.y(y)},0)", path_values)
    share = None
    if tax.policy == "converge":
        share = sheet.formula("Share of the way to the average", name, "share", f"{key}|converged",
                              "years since vesting / the years they differ, at most all of it",
                              lambda y: f"IF({after.y(y)}=1,MIN({t.y(y)}/{tax.years.v()},1),0)",
                              pad(np.minimum(np.arange(Y - v) / (tax.years.values or 1), 1.0)))
    differences = []
    for n, c in enumerate(tax.areas):
        area, own = case.councils[c].name, owns[n]

        def band_d(y: int, own=own) -> str:
            if tax.policy == "average":
                return average.y(y)
            if tax.policy in ("lowest", "highest"):
                return f"{'MIN' if tax.policy == 'lowest' else 'MAX'}({','.join(o.y(y) for o in owns)})"
            return f"(1-{share.y(y)})*{own.y(y)}+{share.y(y)}*{average.y(y)}"

        band = sheet.formula("Band D harmonised", f"{name}: {area}", "£", f"{key}|{c}.band_d",
                             f"the {tax.policy} policy", band_d, pad(harmonised.band_d[n]))
        differences.append(sheet.formula(
            "Yield raised (+) or given up (-) against its own path", f"{name}: {area}", "£",
            f"{key}|{c}.yield_difference", "tax base x (Band D harmonised - own path)",
            lambda y, band=band, own=own, base=bases[n]: f"{base.y(y)}*({band.y(y)}-{own.y(y)})",
            pad(harmonised.yield_difference[n])))
    return sheet.formula("Council tax harmonisation", name, "£", f"{key}|council_tax_harmonisation",
                         "the areas' yield raised or given up: part of its income",
                         lambda y: "+".join(d.y(y) for d in differences), sum(d.values for d in differences))
