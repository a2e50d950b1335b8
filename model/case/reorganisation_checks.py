"""Checks of a scenario's ``reorganisation`` against the rest of the case: the vesting year is in
the horizon, successors are new councils, every predecessor is replaced once (whole, or split by
shares that add up to one), and the figures each key and each council tax policy needs are there.
"""
from __future__ import annotations

from collections import Counter

from ..rules.errors import Problem
from . import assumptions as a
from .fields import SHARE_TOLERANCE
from .names import short_council_name
from .positions import at, item, join


def reorganisation_problems(case: a.Case, file: str, refers) -> list[Problem]:
    """Problems of every scenario's reorganisation (``refers``: council id -> True, False or None
    when it cannot be told because the council failed validation)."""
    problems: list[Problem] = []
    names: dict[str, tuple[str, str]] = {}   # successor id -> (name, scenario id) where first seen
    for n, scenario in enumerate(case.scenarios):
        plan = scenario.reorganisation
        if plan is None:
            continue
        where = join(at("scenarios", case.scenarios, n), "reorganisation")
        problems += _plan(case, plan, where, file, refers)
        for m, successor in enumerate(plan.successors):
            first = names.setdefault(successor.id, (successor.name, scenario.id))
            if first[0] != successor.name:
                problems.append(Problem(file, join(where, "successors", item("successors", plan.successors, m), "name"),
                                        f"successor {successor.id!r} is named {first[0]!r} in scenario {first[1]!r}; "
                                        "one id is one council, so give it one name (or another id)",
                                        value=successor.name))
    problems += _display_names(case, file)
    return problems


def _display_names(case: a.Case, file: str) -> list[Problem]:
    """Two councils (a successor among them) shown by one name in charts and sentences cannot be
    told apart: "Suffolk" for Suffolk County Council and for a new Suffolk Council."""
    shown: dict[str, str] = {}
    for council in list(case.councils) + case.successors:
        name = council.short_name or short_council_name(council.name)
        shown.setdefault(name, council.id)
    problems = []
    for n, scenario in enumerate(case.scenarios):
        plan = scenario.reorganisation
        for m, successor in enumerate(plan.successors if plan is not None else []):
            name = successor.short_name or short_council_name(successor.name)
            if shown[name] != successor.id:
                where = join(at("scenarios", case.scenarios, n), "reorganisation", "successors",
                             item("successors", plan.successors, m), "short_name")
                problems.append(Problem(file, where, f"the new council would be shown as {name!r}, like "
                                        f"{shown[name]!r}: give it a short_name that tells them apart", value=name))
    return problems


def _plan(case: a.Case, plan: a.Reorganisation, where: str, file: str, refers) -> list[Problem]:
    problems: list[Problem] = []
    horizon = case.case.horizon_years
    vesting = case.year_index(plan.vesting)
    if not 0 <= vesting < horizon:
        labels = case.year_labels
        problems.append(Problem(file, join(where, "vesting"), f"year is outside the horizon {labels[0]} to "
                                f"{labels[-1]} (case.yaml)", value=plan.vesting))
    ids = [s.id for s in plan.successors]
    problems += [Problem(file, join(where, "successors"), f"successor id is used {count} times", value=ident)
                 for ident, count in Counter(ids).items() if count > 1]
    whole: dict[str, str] = {}
    for m, successor in enumerate(plan.successors):
        here = join(where, "successors", item("successors", plan.successors, m))
        if successor.id in case.council_ids:
            problems.append(Problem(file, join(here, "id"), "a successor is a new council: its id must differ from "
                                    "every council in councils.yaml", value=successor.id))
        for k, council in enumerate(successor.predecessors):
            place = join(here, "predecessors", item("predecessors", successor.predecessors, k))
            if refers(council) is False:
                problems.append(Problem(file, place, "unknown council (not in councils.yaml)", value=council))
            elif council in whole:
                problems.append(Problem(file, place, f"council is already replaced whole by {whole[council]!r}; a "
                                        "council going to several successors is a split (reorganisation.splits)",
                                        value=council))
            else:
                whole[council] = successor.id
        problems += _successor_years(case, successor, vesting, here, file)
    split_ids = [s.council for s in plan.splits]
    problems += [Problem(file, join(where, "splits"), f"council is split {count} times; give one split", value=ident)
                 for ident, count in Counter(split_ids).items() if count > 1]
    for m, split in enumerate(plan.splits):
        here = join(where, "splits", item("splits", plan.splits, m))
        if refers(split.council) is False:
            problems.append(Problem(file, join(here, "council"), "unknown council (not in councils.yaml)",
                                    value=split.council))
        if split.council in whole:
            problems.append(Problem(file, join(here, "council"), f"council is replaced whole by "
                                    f"{whole[split.council]!r}; a council is either replaced whole or split",
                                    value=split.council))
        problems += _key(case, plan, split.key, split.shares, here, file, refers)
        offered = {line.service for line in case.services if line.council == split.council}
        for service, entry in split.services.items():
            place = join(here, "services", service)
            if service not in offered:
                problems.append(Problem(file, place, f"unknown service for {split.council} (not in services.csv)",
                                        value=service))
            problems += _key(case, plan, entry.key, entry.shares, place, file, refers)
        for k, council in enumerate(split.band_d_paid_in or []):
            if council not in whole:
                place = join(here, "band_d_paid_in", item("band_d_paid_in", split.band_d_paid_in, k))
                problems.append(Problem(file, place, "names a council that no successor replaces whole; the split "
                                        "council's Band D is paid in the areas of whole predecessors", value=council))
    in_split = {s.council for s in plan.splits}
    for m, successor in enumerate(plan.successors):
        here = join(where, "successors", item("successors", plan.successors, m))
        if not successor.predecessors and not plan.splits:
            problems.append(Problem(file, join(here, "predecessors"), "a successor replaces at least one council, "
                                    "whole or by a share of a split", has_value=False))
        if successor.council_tax is not None:
            problems += _council_tax(case, successor, list(successor.predecessors) + sorted(in_split), vesting,
                                     here, file, refers)
    return problems


def _key(case: a.Case, plan: a.Reorganisation, key: str, shares: dict | None, where: str, file: str,
         refers) -> list[Problem]:
    """A split's key can be applied: fixed shares name successors and add up to one; population and
    tax base are known for every successor."""
    ids = [s.id for s in plan.successors]
    if key != "fixed":
        if shares is not None:
            return [Problem(file, join(where, "shares"), f"'shares' only apply with key: fixed, not {key}",
                            has_value=False)]
        problems = []
        for successor in plan.successors:
            if key == "population" and successor.population is None and not successor.predecessors:
                problems.append(Problem(file, join(where, "key"), f"successor {successor.id!r} replaces no council "
                                        "whole, so its population is not known: give it a population, or fixed "
                                        "shares", value=key))
            if key == "tax_base":
                missing = [c for c in successor.predecessors
                           if refers(c) is True and _council(case, c).council_tax is None]
                if missing or not successor.predecessors:
                    problems.append(Problem(file, join(where, "key"), f"successor {successor.id!r}'s tax base is its "
                                            "whole predecessors' council_tax.tax_base; "
                                            + (f"{', '.join(missing)} gives none (councils.yaml)" if missing
                                               else "it replaces no council whole"), value=key))
        return problems
    if shares is None:
        return [Problem(file, join(where, "shares"), "key: fixed needs 'shares': successor id -> share",
                        has_value=False)]
    problems = [Problem(file, join(where, "shares", name), "not a successor of this reorganisation "
                        f"({', '.join(ids)})", value=name) for name in shares if name not in ids]
    total = sum(share.value for share in shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        problems.append(Problem(file, join(where, "shares"), f"shares add up to {total:g}; they must add up to 1",
                                value=round(total, 6)))
    return problems


def _successor_years(case: a.Case, successor: a.Successor, vesting: int, where: str, file: str) -> list[Problem]:
    problems = []
    labelled = [("savings_required", successor.savings_required or {})]
    if successor.council_tax is not None:
        labelled += [("council_tax.increase", successor.council_tax.increase),
                     ("council_tax.referendum_threshold", successor.council_tax.referendum_threshold)]
    for name, given in labelled:
        for label in given:
            index = case.year_index(label)
            if not vesting <= index < case.case.horizon_years:
                problems.append(Problem(file, join(where, *name.split("."), label), "year is before vesting or after "
                                        "the horizon; a successor's figures run from vesting", value=label))
    return problems


def _council_tax(case: a.Case, successor: a.Successor, councils: list[str], vesting: int, where: str, file: str,
                 refers) -> list[Problem]:
    problems = []
    missing = [c for c in councils if refers(c) is True and _council(case, c).council_tax is None]
    if missing:
        problems.append(Problem(file, join(where, "council_tax"), "harmonising council tax needs each predecessor's "
                                f"own Band D and tax base: {', '.join(missing)} give no council_tax (councils.yaml)",
                                has_value=False))
    if not successor.predecessors:
        problems.append(Problem(file, join(where, "council_tax"), "council tax is harmonised across the areas of the "
                                "councils a successor replaces whole; this one replaces none", has_value=False))
    given = successor.council_tax.referendum_threshold
    if given and 0 <= vesting < case.case.horizon_years and case.year_labels[vesting] not in given:
        problems.append(Problem(file, join(where, "council_tax", "referendum_threshold"), "give the threshold for "
                                f"the vesting year {case.year_labels[vesting]}, the first the successor sets",
                                has_value=False))
    return problems


def _council(case: a.Case, council_id: str) -> a.Council:
    return next(c for c in case.councils if c.id == council_id)
