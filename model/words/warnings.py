"""The warnings of ``warnings.csv`` (:mod:`model.results.warnings`) in sentences for one council:
reserves that run out and what that means, reserves below the minimum, redundancies with no cost,
grants unspent at the end or paid back, and service lines that add up to more than the net budget.
"""
from __future__ import annotations

import pandas as pd

from ..case import names
from ..results import lineage
from ..results import warnings as w
from ..results.frames import Results
from ..rules.formats import money, people, percent
from .phrases import called, join, possessive


def warning_sentences(results: Results, council_id: str) -> list[str]:
    """Every warning for the council, most serious first; none when there is nothing to say."""
    return (reserve_sentences(results, council_id) + no_cost_sentences(results, council_id)
            + funding_sentences(results, council_id) + service_line_sentences(results, council_id))


def warnings_paragraph(results: Results, council_id: str) -> str:
    """The warnings as a paragraph for the notebooks, or a sentence saying there are none."""
    sentences = warning_sentences(results, council_id)
    if sentences:
        return " ".join(sentences)
    name = names.council_name(results.case, council_id)
    minimum = money(minimum_reserves(results, council_id))
    if lineage.is_successor(results, council_id):  # its own scenarios; no service lines of its own
        under = join([called(results.case, s) for s in lineage.scenario_ids(results, council_id)], "or")
        return (f"Nothing to warn of for {name}: its reserves stay above the {minimum} minimum under {under}, every "
                "redundancy has a cost, and no grant is left unspent or paid back.")
    return (f"Nothing to warn of for {name}: its reserves stay above the {minimum} minimum under every scenario, "
            "every redundancy has a cost, no grant is left unspent or paid back, and its service lines do not add up "
            "to more than its net budget.")


def minimum_reserves(results: Results, council_id: str) -> float:
    """The council's minimum reserves: a successor's from the results (its predecessors' by the
    weights unless the case gives one), under the first scenario its pages show."""
    inputs = results.inputs
    shown = lineage.scenario_ids(results, council_id) or inputs.scenario_ids
    minimum = inputs.result_minimum_reserves()
    return float(minimum[inputs.scenario_ids.index(shown[0]), inputs.result_council_ids.index(council_id)])


def _of(results: Results, council_id: str, label: str) -> pd.DataFrame:
    """The council's warnings of one kind, under the scenarios its pages show (and the case's own)."""
    table = results.warnings
    rows = table[(table.council == council_id) & (table.warning == label)]
    if not lineage.has_successors(results):
        return rows
    return rows[rows.scenario.isin(lineage.scenario_ids(results, council_id) + [""])]


def _by_year(results: Results, rows: pd.DataFrame, word: str = "in") -> str:
    """"in 2019/20 under Status quo and in 2020/21 under Joint authority"."""
    by_year: dict[str, list[str]] = {}
    for row in sorted(rows.itertuples(), key=lambda r: r.first_year):
        by_year.setdefault(row.first_year, []).append(called(results.case, row.scenario))
    return join([f"{word} {year} under {join(listed)}" for year, listed in by_year.items()])


def reserve_sentences(results: Results, council_id: str) -> list[str]:
    """Where usable reserves run out (a section 114 matter), and where they fall below the minimum."""
    sentences = []
    name = names.council_name(results.case, council_id)
    out = _of(results, council_id, w.EXHAUSTED)
    if not out.empty:
        sentences.append(f"{possessive(name)} usable reserves run out {_by_year(results, out)}: a council without "
                         "reserves to meet its gap cannot set a balanced budget, and its chief finance officer would "
                         "have to issue a section 114 notice.")
    below = _of(results, council_id, w.BELOW_MINIMUM)
    if not below.empty:
        minimum = money(float(below.minimum_reserves.iloc[0]))
        sentences.append(f"Reserves fall below the {minimum} minimum {_by_year(results, below, 'from')}.")
    return sentences


def no_cost_sentences(results: Results, council_id: str) -> list[str]:
    """Options that make people redundant at the council with no redundancy cost in the case."""
    rows = _of(results, council_id, w.NO_COST)
    if rows.empty:
        return []
    name = names.council_name(results.case, council_id)
    parts = [f"{called(results.case, r.scenario)} ({people(r.redundancies)}, from {r.first_year})"
             for r in rows.itertuples()]
    return [f"Redundancies at {name} carry no cost under {join(parts)}: enter the redundancy cost as a one-off cost, "
            f"or provide {possessive(name)} anonymised staff profile so that the model works it out."]


def funding_sentences(results: Results, council_id: str) -> list[str]:
    """Grants left unspent at the end of the period, and grants paid back."""
    sentences = []
    final_year = lineage.final_year(results, council_id)
    unspent = _of(results, council_id, w.UNSPENT)
    if len(unspent) == 1:
        row = next(unspent.itertuples())
        sentences.append(f"{money(row.amount)} of external funding is unspent at the end of {final_year} under "
                         f"{called(results.case, row.scenario)}: it counts in neither the net benefit nor the "
                         "reserves, and the grant's conditions may require it to be paid back.")
    elif len(unspent) > 1:
        parts = [f"{called(results.case, r.scenario)} ({money(r.amount)})" for r in unspent.itertuples()]
        sentences.append(f"External funding is unspent at the end of {final_year} under {join(parts)}: it counts in "
                         "neither the net benefit nor the reserves, and the grants' conditions may require it to be "
                         "paid back.")
    back = _of(results, council_id, w.RETURNED)
    if not back.empty:
        parts = [f"{called(results.case, r.scenario)} ({money(r.amount)} from {r.first_year})" for r in back.itertuples()]
        sentences.append(f"External funding not spent in time is paid back under {join(parts)}, as the grant's "
                         "conditions require; it meets none of the one-off costs.")
    return sentences


def service_line_sentences(results: Results, council_id: str) -> list[str]:
    """Service lines that add up to more than the council's net budget, beyond the tolerance."""
    rows = _of(results, council_id, w.SERVICES)
    if rows.empty:
        return []
    total = float(rows.amount.iloc[0])
    budget = names.council(results.case, council_id).net_budget.value
    name = names.council_name(results.case, council_id)
    over = f"{percent(total / budget - 1)} more than" if budget else "more than"
    return [f"{possessive(name)} service lines add up to {money(total)}, {over} its {money(budget)} net budget: "
            "a cost may be counted twice, and savings set as a share of service costs would then be overstated; "
            "check services.csv."]
