"""What a council's pages say about successor councils (:mod:`model.results.lineage`).

A council's pages compare the scenarios in which it is still there at the end of the period. A
scenario that replaces it on a vesting date is left out of its charts, tables and comparisons,
and these sentences say why and where its figures go ("Under Merger, North District is replaced
by United Council on 1 April 2021 ..."). A successor's pages start at vesting and say what it is
formed from. Nothing here has anything to say about a case without successors.
"""
from __future__ import annotations

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..rules import years
from ..rules.formats import money
from .phrases import agree, called, join, possessive, sentence_start


def vesting_date(label: str) -> str:
    """The date the successors of a financial year's vesting exist from: "2021/22" -> "1 April 2021"."""
    return f"1 April {years.parse_label(label)}"


def _successor_names(results: Results, ids: tuple[str, ...], short: bool) -> str:
    return join([names.council_name(results.case, s, short=short) for s in ids])


def replaced_clauses(results: Results, council: str, short: bool = True, shown: bool = False) -> list[str]:
    """"under Merger, North is replaced by United on 1 April 2021", one per scenario replacing it
    that its pages leave out (with ``shown``: that they show, each replacing it on the same date)."""
    name = names.council_name(results.case, council, short=short)
    out = []
    for found in lineage.replacements(results, council, shown):
        by = _successor_names(results, found.successors, short)
        out.append(f"under {called(results.case, found.scenario)}, {name} is replaced by {by} "
                   f"on {vesting_date(found.vesting)}")
    return out


def replaces_clause(results: Results, council: str, scenario: str) -> str:
    """"replaces North with United on 1 April 2021" ("does not include North" for a scenario
    that does not replace the council but has no row for it at the end: a successor's elsewhere)."""
    name = names.council_name(results.case, council)
    for found in lineage.replacements(results, council):
        if found.scenario == scenario:
            return (f"replaces {name} with {_successor_names(results, found.successors, True)} "
                    f"on {vesting_date(found.vesting)}")
    return f"does not include {name}"


def not_drawn_note(results: Results, council: str | None) -> str:
    """The chart note naming the scenarios left out because they replace the council: "Merger is
    not shown: it replaces North with United on 1 April 2021, and United's own charts show it from
    then." ("" when none do)."""
    if council is None:
        return ""
    found = lineage.replacements(results, council)
    if not found:
        return ""
    if len(found) == 1:
        only = found[0]
        successor = _successor_names(results, only.successors, True)
        return (f"{sentence_start(called(results.case, only.scenario))} is not shown: it "
                f"{replaces_clause(results, council, only.scenario)}, and {possessive(successor)} own charts show "
                f"it from then.")
    parts = [f"{called(results.case, r.scenario)} {replaces_clause(results, council, r.scenario)}" for r in found]
    listed = [called(results.case, r.scenario) for r in found]
    return (f"{sentence_start(join(listed))} are not shown: {join(parts)}; the successor councils' own charts "
            f"show them from then.")


def replaced_sentences(results: Results, council: str) -> list[str]:
    """For a council's conclusion: the scenarios that replace it, and that its figures carry on
    in the successor's (none when no scenario replaces it)."""
    out = []
    ending = replaced_clauses(results, council, short=False, shown=True)
    if ending:  # every scenario replaces the council: its pages end the year before
        out.append(f"{sentence_start(join(ending, 'and'))}, so its figures here end in "
                   f"{lineage.final_year(results, council)}.")
    found = lineage.replacements(results, council)
    if not found:
        return out
    clauses = replaced_clauses(results, council, short=False)
    left = "is" if len(found) == 1 else "are"
    listed = join([called(results.case, r.scenario) for r in found])
    name = names.council_name(results.case, council, short=False)
    split = any(len(r.successors) > 1 for r in found)
    then = join(list(dict.fromkeys(_successor_names(results, r.successors, False) for r in found)), "or")
    goes = f"are shared between {then}" if split and len(found) == 1 else f"go to {then}"
    return out + [(f"{sentence_start(join(clauses, 'and'))}; {listed} {left} not compared here: from then "
                   f"{possessive(name)} figures {goes}.")]


def formed_sentence(results: Results, council: str) -> str:
    """For a successor's pages: when it exists and what it takes on, e.g. "United Council exists
    under Merger from 1 April 2021, taking on North District and South District." ("" for a
    council of the case)."""
    if not lineage.is_successor(results, council):
        return ""
    name = names.council_name(results.case, council, short=False)
    parts = []
    for scenario in lineage.scenario_ids(results, council):
        whole, part = lineage.predecessors(results, scenario, council)
        taking = [names.council_name(results.case, c, short=False) for c in whole]
        taking += [f"part of {names.council_name(results.case, c, short=False)}" for c in part]
        parts.append(f"under {called(results.case, scenario)}, from "
                     f"{vesting_date(lineage.vesting(results, scenario))}, taking on {join(taking)}")
    if not parts:
        return ""
    only = "only " if len(parts) == 1 else ""
    return f"{name} exists {only}{join(parts, 'and')}; its figures start then."


def partnership_note(results: Results) -> str:
    """For the partnership's charts: "Under Merger, United replaces North and South on 1 April
    2021." ("" for a case without successors)."""
    parts = []
    for scenario in results.inputs.scenario_ids:
        vested = lineage.vesting(results, scenario)
        if not vested:
            continue
        taking = [names.council_name(results.case, c, short=False) for c in lineage.formed(results, scenario)]
        gone = [names.council_name(results.case, c, short=False) for c in lineage.replaced(results, scenario)]
        parts.append(f"under {called(results.case, scenario)}, {join(taking)} {agree(taking, 'replaces', 'replace')} "
                     f"{join(gone)} on {vesting_date(vested)}")
    return sentence_start(join(parts, "and")) + "." if parts else ""


def reorganised_savings_sentence(results: Results, scenario: str, total: float) -> str:
    """The partnership's savings under a scenario with successors, e.g. "Under Merger the councils
    save £900k over the period: North £100k and South £200k until United replaces them on 1 April
    2021, then United £600k." (one council's share of another's period would not compare)."""
    summary = results.summary[results.summary.scenario == scenario].set_index("council")
    short = names.council_names(results.case)
    vested = vesting_date(lineage.vesting(results, scenario))
    final = results.projection[(results.projection.scenario == scenario)
                               & (results.projection.year == results.case.year_labels[-1])]
    ids = results.inputs.result_council_ids
    replaced = [c for c in ids if c in summary.index and c not in set(final.council) and not lineage.is_successor(results, c)]
    formed = [c for c in ids if c in summary.index and lineage.is_successor(results, c)]
    kept = [c for c in ids if c in summary.index and c not in replaced and c not in formed]

    def amounts(councils: list[str]) -> str:
        return join([f"{short[c]} {money(summary.total_gross_savings[c])}" for c in councils])

    replacing = [short[c] for c in formed]
    verb = agree(replacing, "replaces", "replace")
    them = "them" if len(replaced) > 1 else "it"
    text = (f"Under {called(results.case, scenario)} the councils save {money(total)} over the period: "
            f"{amounts(replaced)} until {join(replacing)} {verb} {them} on {vested}, then {amounts(formed)}")
    return text + (f"; {amounts(kept)}." if kept else ".")


def council_period(results: Results, council: str | None) -> str:
    """"2020/21 to 2022/23": the years a council's pages show (a successor's from vesting)."""
    labels = lineage.years(results, council)
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"
