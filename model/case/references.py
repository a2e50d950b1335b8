"""Checks that need more than one file: ids, references between files, years inside the horizon,
and sharing keys that can be applied. Each returns :class:`Problem` rows naming the file at fault,
placed by id (:mod:`model.case.positions`).

They run on what validated (:mod:`model.case.rounds`), told by :class:`Known` what did not: a check
whose inputs failed validation is skipped rather than reported as a second problem.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..rules import prices
from ..rules.errors import Problem
from . import assumptions as a
from .options_checks import options_problems
from .positions import at, item, join
from .posts_checks import named_posts_problems
from .reorganisation_checks import reorganisation_problems
from .sharing_checks import sharing_problems


@dataclass
class Known:
    """Which inputs validated, for checks that need them."""

    @dataclass
    class Ids:
        """The ids of one list: those that validated, those whose item failed, and whether an item
        failed with no usable id (then no id can be called unknown)."""

        valid: set[str] = field(default_factory=set)
        invalid: list[str] = field(default_factory=list)  # once per failed item
        unknown: bool = False

        def refers(self, ident: str) -> bool | None:
            """True: a valid item's id; False: no such id; None: cannot tell (do not report)."""
            if ident in self.valid:
                return True
            if ident in self.invalid or self.unknown:
                return None
            return False

        @property
        def complete(self) -> bool:
            return not self.invalid and not self.unknown

    case: bool = True
    councils: Ids = field(default_factory=Ids)
    initiatives: Ids = field(default_factory=Ids)
    scenarios: Ids = field(default_factory=Ids)
    workforce: Ids = field(default_factory=Ids)
    services: bool = True  # every service line validated
    staff: bool = True  # every row of the staff files validated

    @classmethod
    def everything(cls, case: a.Case) -> Known:
        """Every input validated (a case built whole)."""
        return cls(councils=cls.Ids(set(case.council_ids)), initiatives=cls.Ids({i.id for i in case.initiatives}),
                   scenarios=cls.Ids({s.id for s in case.scenarios}),
                   workforce=cls.Ids({w.council for w in case.workforce}))


def check_references(case: a.Case, files: dict[str, str], known: Known | None = None) -> list[Problem]:
    known = known or Known.everything(case)
    problems: list[Problem] = []
    # ids of items that failed validation count too: a duplicate is said in the first round
    problems += _duplicates(files["councils"], "councils", [c.id for c in case.councils] + known.councils.invalid)
    problems += _duplicates(files["initiatives"], "initiatives",
                            [i.id for i in case.initiatives] + known.initiatives.invalid)
    problems += _duplicates(files["scenarios"], "scenarios", [s.id for s in case.scenarios] + known.scenarios.invalid)
    problems += _services(case, files["services"], known)
    if known.case:
        problems += _council_years(case, files["councils"])
    problems += _workforce(case, files, known)
    if case.options is not None:
        problems += options_problems(case, files["options"], known.councils.refers, known.scenarios.refers)
    for n, initiative in enumerate(case.initiatives):
        problems += _initiative(case, initiative, at("initiatives", case.initiatives, n), files, known)
    for n, scenario in enumerate(case.scenarios):
        where = at("scenarios", case.scenarios, n)
        for m, ref in enumerate(scenario.initiatives):
            if known.initiatives.refers(ref) is False:
                problems.append(Problem(files["scenarios"], join(where, "initiatives", item("initiatives", scenario.initiatives, m)),
                                        f"unknown initiative (not in {files['initiatives']})", value=ref))
        problems += _duplicates(files["scenarios"], join(where, "initiatives"), scenario.initiatives)
    if known.case:
        problems += reorganisation_problems(case, files["scenarios"], known.councils.refers)
    problems += _preferred(case, files, known)
    if known.staff:
        problems += named_posts_problems(case, files, lambda entry: _astuple(_members(case, entry, known)),
                                         known.councils.refers)
    return problems


def _astuple(members: _Members) -> tuple[set[str], bool]:
    return members.ids, members.complete


def _preferred(case: a.Case, files: dict[str, str], known: Known) -> list[Problem]:
    """``preferred`` in case.yaml names a scenario that is an option (not a baseline or comparison)."""
    if not known.case or case.case is None or case.case.preferred is None:
        return []
    preferred = case.case.preferred
    if known.scenarios.refers(preferred) is False:
        return [Problem(files["case"], "preferred", f"unknown scenario (not in {files['scenarios']})", value=preferred)]
    for scenario in case.scenarios:
        if scenario.id == preferred and scenario.role != "option":
            return [Problem(files["case"], "preferred", f"the preferred scenario must be an option; "
                            f"{preferred!r} has role {scenario.role}", value=preferred)]
    return []


def _duplicates(file: str, where: str, ids: list[str]) -> list[Problem]:
    return [Problem(file, where, f"id is used {count} times; ids must be unique", value=ident)
            for ident, count in Counter(ids).items() if count > 1]


def _services(case: a.Case, file: str, known: Known) -> list[Problem]:
    problems = []
    seen: set[tuple[str, str]] = set()
    for n, line in enumerate(case.services, start=2):
        row = line.row or n
        if known.councils.refers(line.council) is False:
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
    return [Problem(file, at("councils", case.councils, n, name, label), f"year is {_horizon_text(case)}", value=label)
            for n, council in enumerate(case.councils)
            for name in ("savings_required", "flexible_capital_receipts")
            for label in getattr(council, name) if not _in_horizon(case, label)]


@dataclass
class _Members:
    """The councils of an initiative that validated, and whether that is all of them."""

    ids: set[str]
    complete: bool


def _members(case: a.Case, item_: a.Initiative, known: Known) -> _Members:
    if item_.councils is None:
        return _Members(set(case.council_ids), known.councils.complete)
    named = set(item_.councils)
    return _Members(named & set(case.council_ids), all(known.councils.refers(c) is True for c in named))


def _initiative(case: a.Case, entry: a.Initiative, where: str, files: dict[str, str], known: Known) -> list[Problem]:
    file = files["initiatives"]
    problems: list[Problem] = []
    for m, council in enumerate(entry.councils or []):
        if known.councils.refers(council) is False:
            problems.append(Problem(file, join(where, "councils", item("councils", entry.councils, m)),
                                    "unknown council (not in councils.yaml)", value=council))
    problems += _duplicates(file, join(where, "councils"), entry.councils or [])
    members = _members(case, entry, known)

    if known.case:
        problems += _years(case, entry, where, file)

    if entry.scope is not None and known.services and members.complete:
        offered = {line.service for line in case.services if line.council in members.ids}
        for m, service in enumerate(entry.scope.services):
            if service not in offered:
                problems.append(Problem(file, join(where, "scope", "services", item("services", entry.scope.services, m)),
                                        "unknown service for the councils of this initiative "
                                        "(not in services.csv)", value=service))

    for council in entry.earmarked_reserves:
        maybe_member = entry.councils is None or council in entry.councils
        if council not in members.ids and not (maybe_member and known.councils.refers(council) is None):
            problems.append(Problem(file, join(where, "earmarked_reserves", council),
                                    "council is not part of this initiative", value=council))

    if known.case and entry.indexation is not None and case.case.prices == "cash":
        declared = case.case.inflation
        for kind in prices.DEFAULT_INDEX:
            if entry.indexation.of(kind) == "contracts" and (declared is None or declared.contracts is None):
                problems.append(Problem(file, join(where, "indexation", kind), "follows contract indexation, but "
                                        "case.yaml declares no inflation.contracts", value="contracts"))
    problems += sharing_problems(case, entry, where, file, members.ids, members.complete, known.services,
                                 known.councils.refers)
    problems += _staffing(case, entry, where, file, members)
    if entry.savings is not None and entry.savings.rate is not None and entry.scope is None:
        problems.append(Problem(file, join(where, "savings", "rate"), "a rate needs a 'scope' naming the services "
                                "it applies to", has_value=False))
    if entry.fte_reduction is not None and entry.fte_reduction.rate is not None and entry.scope is None:
        problems.append(Problem(file, join(where, "fte_reduction", "rate"), "a rate needs a 'scope' naming the "
                                "services it applies to", has_value=False))
    return problems + _savings_from_posts(entry, where, file)


def _savings_from_posts(entry: a.Initiative, where: str, file: str) -> list[Problem]:
    """A share of the savings timed by the posts removed needs savings, and posts to time them by."""
    given = entry.savings_from_posts
    if given is None:
        return []
    if entry.savings is None:
        return [Problem(file, join(where, "savings_from_posts"), "this initiative has no 'savings' for a share "
                        "to come from the posts removed; remove savings_from_posts or add the savings", value=given.value)]
    if entry.fte_reduction is None and not entry.posts_removed and given.value > 0:
        return [Problem(file, join(where, "savings_from_posts"), "this initiative removes no posts "
                        "('fte_reduction' or 'posts_removed'), so no savings can follow the dates posts go; add the posts removed "
                        "or set savings_from_posts to 0", value=given.value)]
    return []


def _years(case: a.Case, entry: a.Initiative, where: str, file: str) -> list[Problem]:
    if not _in_horizon(case, entry.start_year):
        return [Problem(file, join(where, "start_year"), f"start year is {_horizon_text(case)}",
                        value=entry.start_year)]
    problems = []
    start = case.year_index(entry.start_year)
    for name in ("one_off_costs", "external_funding"):
        entries = getattr(entry, name)
        for m, cost in enumerate(entries):
            year = start + cost.years_from_start
            if not 0 <= year < case.case.horizon_years:
                problems.append(Problem(file, join(where, name, item(name, entries, m), "years_from_start"),
                                        f"puts this in a year {_horizon_text(case)}", value=cost.years_from_start))
    for m, grant in enumerate(entry.external_funding):
        back = grant.return_unspent_in
        place = join(where, "external_funding", item("external_funding", entry.external_funding, m), "return_unspent_in")
        if back is None:
            continue
        if not _in_horizon(case, back):
            problems.append(Problem(file, place, f"year is {_horizon_text(case)}", value=back))
        elif 0 <= start + grant.years_from_start < case.case.horizon_years and \
                case.year_index(back) < start + grant.years_from_start:
            received = case.year_labels[start + grant.years_from_start]
            problems.append(Problem(file, place, f"is before the grant is received ({received}): a grant can only be "
                                    "paid back in or after the year it comes", value=back))
    return problems


# ------------------------------------------------------------------------------------- workforce

_COSTED_FROM_PROFILE = ("redundancy", "pension_strain")


def _workforce(case: a.Case, files: dict[str, str], known: Known) -> list[Problem]:
    problems: list[Problem] = []
    entries = [entry.council for entry in case.workforce]
    problems += _duplicates(files["workforce"], "councils", entries + known.workforce.invalid)
    for n, council in enumerate(entries):
        if known.councils.refers(council) is False:
            problems.append(Problem(files["workforce"], at("councils", case.workforce, n, "council"),
                                    "unknown council (not in councils.yaml)", value=council))
    offered = {(line.council, line.service) for line in case.services}
    for key, rows in (("staff", case.staff), ("staff_bands", case.staff_bands)):
        for n, row in enumerate(rows, start=2):
            where = f"row {row.row or n}"
            refers = known.councils.refers(row.council)
            if refers is False:
                problems.append(Problem(files[key], f"{where}, column council", "unknown council (not in "
                                        "councils.yaml)", value=row.council))
            elif refers and known.services and (row.council, row.service) not in offered:
                problems.append(Problem(files[key], f"{where}, column service", f"unknown service for council "
                                        f"{row.council} (not in services.csv)", value=row.service))
    both = {row.council for row in case.staff} & {row.council for row in case.staff_bands}
    for council in sorted(both):
        problems.append(Problem(files["staff_bands"], "", f"council {council} also has rows in "
                                f"{files['staff']}; give each council's profile in one file", has_value=False))
    dated = {entry.council for entry in case.workforce if entry.profile_date is not None}
    for council in sorted((case.profiled_councils & set(case.council_ids)) - dated):
        if known.workforce.refers(council) is None:
            continue  # its entry is there but failed validation: said once, there
        problems.append(Problem(files["workforce"], "councils", f"council {council} has a staff profile, so it "
                                "needs an entry with 'profile_date': the date the profile describes",
                                has_value=False))
    return problems


def _staffing(case: a.Case, entry: a.Initiative, where: str, file: str, members: _Members) -> list[Problem]:
    problems: list[Problem] = []
    profiled = sorted(case.profiled_councils & members.ids)
    if entry.fte_reduction is not None and profiled:
        for m, cost in enumerate(entry.one_off_costs):
            if cost.category in _COSTED_FROM_PROFILE:
                problems.append(Problem(
                    file, join(where, "one_off_costs", item("one_off_costs", entry.one_off_costs, m), "category"),
                    f"{', '.join(profiled)} has a staff profile, so this initiative's {cost.category.replace('_', ' ')} "
                    "costs are computed from it; an amount here would count them twice (remove it, or remove "
                    "the council's staff profile to use given amounts)", value=cost.category))
    if entry.cross_council_redeployment is not None and len(members.ids) < 2 and members.complete:
        problems.append(Problem(file, join(where, "cross_council_redeployment"), "redeployment across councils needs "
                                "an initiative with at least two councils", has_value=False))
    return problems
