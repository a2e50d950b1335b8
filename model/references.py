"""Checks that need more than one file: ids, references between files, years inside the horizon,
and sharing keys that can be applied. Each returns :class:`Problem` rows naming the file at fault.
"""
from __future__ import annotations

from collections import Counter

from . import assumptions as a
from .errors import Problem
from .options.checks import options_problems


def check_references(case: a.Case, files: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(files["councils"], "councils", [c.id for c in case.councils])
    problems += _duplicates(files["initiatives"], "initiatives", [i.id for i in case.initiatives])
    problems += _duplicates(files["scenarios"], "scenarios", [s.id for s in case.scenarios])
    problems += _services(case, files["services"])
    problems += _council_years(case, files["councils"])
    problems += _workforce(case, files)
    if case.options is not None:
        problems += options_problems(case, files["options"])
    for n, initiative in enumerate(case.initiatives):
        problems += _initiative(case, initiative, f"initiatives[{n}]", files["initiatives"])
    known = {i.id for i in case.initiatives}
    for n, scenario in enumerate(case.scenarios):
        for m, ref in enumerate(scenario.initiatives):
            if ref not in known:
                problems.append(Problem(files["scenarios"], f"scenarios[{n}].initiatives[{m}]",
                                        f"unknown initiative (not in {files['initiatives']})", value=ref))
        problems += _duplicates(files["scenarios"], f"scenarios[{n}].initiatives", scenario.initiatives)
    return problems


def _duplicates(file: str, where: str, ids: list[str]) -> list[Problem]:
    return [Problem(file, where, f"id is used {count} times; ids must be unique", value=ident)
            for ident, count in Counter(ids).items() if count > 1]


def _services(case: a.Case, file: str) -> list[Problem]:
    problems = []
    councils = set(case.council_ids)
    seen: set[tuple[str, str]] = set()
    for n, line in enumerate(case.services, start=2):
        row = line.row or n
        if line.council not in councils:
            problems.append(Problem(file, f"row {row}, column council", "unknown council (not in councils.yaml)",
                                    value=line.council))
        key = (line.council, line.service)
        if key in seen:
            problems.append(Problem(file, f"row {row}, column service",
                                    f"service is listed twice for council {line.council}", value=line.service))
        seen.add(key)
    return problems


def _in_horizon(case: a.Case, label: str) -> bool:
    return 0 <= case.year_index(label) < case.case.horizon_years


def _horizon_text(case: a.Case) -> str:
    labels = case.year_labels
    return f"outside the horizon {labels[0]} to {labels[-1]} (case.yaml)"


def _council_years(case: a.Case, file: str) -> list[Problem]:
    return [Problem(file, f"councils[{n}].savings_required.{label}", f"year is {_horizon_text(case)}", value=label)
            for n, council in enumerate(case.councils)
            for label in council.savings_required if not _in_horizon(case, label)]


def _initiative(case: a.Case, item: a.Initiative, where: str, file: str) -> list[Problem]:
    problems: list[Problem] = []
    known = set(case.council_ids)
    for m, council in enumerate(item.councils or []):
        if council not in known:
            problems.append(Problem(file, f"{where}.councils[{m}]", "unknown council (not in councils.yaml)",
                                    value=council))
    problems += _duplicates(file, f"{where}.councils", item.councils or [])
    members = set(item.councils or case.council_ids) & known

    if not _in_horizon(case, item.start_year):
        problems.append(Problem(file, f"{where}.start_year", f"start year is {_horizon_text(case)}",
                                value=item.start_year))
    else:
        start = case.year_index(item.start_year)
        for field in ("one_off_costs", "external_funding"):
            for m, entry in enumerate(getattr(item, field)):
                year = start + entry.years_from_start
                if not 0 <= year < case.case.horizon_years:
                    problems.append(Problem(file, f"{where}.{field}[{m}].years_from_start",
                                            f"puts this in a year {_horizon_text(case)}",
                                            value=entry.years_from_start))

    if item.scope is not None:
        offered = {line.service for line in case.services if line.council in members}
        for m, service in enumerate(item.scope.services):
            if service not in offered:
                problems.append(Problem(file, f"{where}.scope.services[{m}]",
                                        "unknown service for the councils of this initiative "
                                        "(not in services.csv)", value=service))

    for m, council in enumerate(item.earmarked_reserves):
        if council not in members:
            problems.append(Problem(file, f"{where}.earmarked_reserves.{council}",
                                    "council is not part of this initiative", value=council))

    problems += _sharing(item, item.sharing_key, item.shares, where, file, members)
    problems += _staffing(case, item, where, file, members)
    if item.savings is not None and item.savings.rate is not None and item.scope is None:
        problems.append(Problem(file, f"{where}.savings.rate", "a rate needs a 'scope' naming the services "
                                "it applies to", has_value=False))
    if item.fte_reduction is not None and item.fte_reduction.rate is not None and item.scope is None:
        problems.append(Problem(file, f"{where}.fte_reduction.rate", "a rate needs a 'scope' naming the "
                                "services it applies to", has_value=False))
    for field in ("savings", "fte_reduction"):
        effect = getattr(item, field)
        if effect is not None and effect.amount is not None:
            problems += _shared_entry(item, effect, f"{where}.{field}", file, members)
    for field in ("income", "recurring_costs", "one_off_costs", "external_funding"):
        for m, entry in enumerate(getattr(item, field)):
            problems += _shared_entry(item, entry, f"{where}.{field}[{m}]", file, members)
    return problems


def _shared_entry(item: a.Initiative, entry: a._Shared, where: str, file: str, members: set[str]) -> list[Problem]:
    """An entry with no key of its own shares by the initiative's key, which is checked once."""
    if entry.sharing_key is None and entry.shares is None:
        return []
    key = entry.sharing_key or item.sharing_key
    if entry.shares is not None and key != "fixed":
        return [Problem(file, f"{where}.shares", f"'shares' only applies with sharing_key: fixed, not {key}",
                        has_value=False)]
    shares = entry.shares if entry.shares is not None else item.shares
    return _sharing(item, key, shares, where, file, members)


def _sharing(item: a.Initiative, key: str, shares: dict | None, where: str, file: str,
             members: set[str]) -> list[Problem]:
    if key == "in_scope_cost" and item.scope is None:
        return [Problem(file, f"{where}.sharing_key", "sharing by in_scope_cost needs a 'scope'", value=key)]
    if key != "fixed":
        return []
    if shares is None:
        return [Problem(file, f"{where}.shares", "sharing_key: fixed needs 'shares' for each council",
                        has_value=False)]
    problems = []
    for council in shares:
        if council not in members:
            problems.append(Problem(file, f"{where}.shares.{council}", "council is not part of this initiative",
                                    value=council))
    for council in sorted(members - set(shares)):
        problems.append(Problem(file, f"{where}.shares", f"no share given for council {council}", has_value=False))
    total = sum(share.value for share in shares.values())
    if abs(total - 1.0) > a.SHARE_TOLERANCE:
        problems.append(Problem(file, f"{where}.shares", "shares must add up to 1", value=round(total, 9)))
    return problems


# ------------------------------------------------------------------------------------- workforce

_COSTED_FROM_PROFILE = ("redundancy", "pension_strain")


def _workforce(case: a.Case, files: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    known = set(case.council_ids)
    entries = [entry.council for entry in case.workforce]
    problems += _duplicates(files["workforce"], "councils", entries)
    for n, council in enumerate(entries):
        if council not in known:
            problems.append(Problem(files["workforce"], f"councils[{n}].council",
                                    "unknown council (not in councils.yaml)", value=council))
    offered = {(line.council, line.service) for line in case.services}
    for key, rows in (("staff", case.staff), ("staff_bands", case.staff_bands)):
        for n, row in enumerate(rows, start=2):
            at = f"row {row.row or n}"
            if row.council not in known:
                problems.append(Problem(files[key], f"{at}, column council", "unknown council (not in "
                                        "councils.yaml)", value=row.council))
            elif (row.council, row.service) not in offered:
                problems.append(Problem(files[key], f"{at}, column service", f"unknown service for council "
                                        f"{row.council} (not in services.csv)", value=row.service))
    both = {row.council for row in case.staff} & {row.council for row in case.staff_bands}
    for council in sorted(both):
        problems.append(Problem(files["staff_bands"], "", f"council {council} also has rows in "
                                f"{files['staff']}; give each council's profile in one file", has_value=False))
    dated = {entry.council for entry in case.workforce if entry.profile_date is not None}
    for council in sorted((case.profiled_councils & known) - dated):
        problems.append(Problem(files["workforce"], "councils", f"council {council} has a staff profile, so it "
                                "needs an entry with 'profile_date': the date the profile describes",
                                has_value=False))
    return problems


def _staffing(case: a.Case, item: a.Initiative, where: str, file: str, members: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    profiled = sorted(case.profiled_councils & members)
    if item.fte_reduction is not None and profiled:
        for m, entry in enumerate(item.one_off_costs):
            if entry.category in _COSTED_FROM_PROFILE:
                problems.append(Problem(
                    file, f"{where}.one_off_costs[{m}].category",
                    f"{', '.join(profiled)} has a staff profile, so this initiative's {entry.category.replace('_', ' ')} "
                    "costs are computed from it; an amount here would count them twice (remove it, or remove "
                    "the council's staff profile to use given amounts)", value=entry.category))
    if item.cross_council_redeployment is not None and len(members) < 2:
        problems.append(Problem(file, f"{where}.cross_council_redeployment", "redeployment across councils needs "
                                "an initiative with at least two councils", has_value=False))
    if item.staff_reallocation is not None:
        problems += _shared_entry(item, item.staff_reallocation, f"{where}.staff_reallocation", file, members)
        employed = item.staff_reallocation.employed_by
        for council in employed:
            if council not in members:
                problems.append(Problem(file, f"{where}.staff_reallocation.employed_by.{council}",
                                        "council is not part of this initiative", value=council))
        total = sum(share.value for share in employed.values())
        if abs(total - 1.0) > a.SHARE_TOLERANCE:
            problems.append(Problem(file, f"{where}.staff_reallocation.employed_by", "shares must add up to 1",
                                    value=round(total, 9)))
    return problems
