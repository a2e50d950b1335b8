"""Checks of an initiative's sharing keys against the case: fixed shares name the councils taking
part and add up to 1, and a key that shares by a measure (net budget, population, in-scope cost)
has something to share by: a pot split by net budget where every budget is 0 would vanish.
Problems are placed by id (:mod:`model.case.positions`)."""
from __future__ import annotations

from collections.abc import Callable

from . import assumptions as a
from ..rules.errors import Problem
from .positions import item, join

#: the sharing keys that split in proportion to a measure of the councils taking part
MEASURED = {"net_budget": "net budget", "population": "population", "in_scope_cost": "in-scope net cost"}
_SHARED_LISTS = ("income", "recurring_costs", "one_off_costs", "external_funding")


def sharing_problems(case: a.Case, entry: a.Initiative, where: str, file: str, members: set[str],
                     members_complete: bool, services_complete: bool,
                     refers: Callable[[str], bool | None] = lambda council: True) -> list[Problem]:
    """Every sharing problem of one initiative: its own key once, then each entry with a key of its own.
    ``members`` are its councils that validated; ``refers(council)`` is None for a council that may
    exist but failed validation (see :class:`model.case.references.Known`)."""
    check = _Checker(case, entry, file, members, members_complete, services_complete, refers)
    problems = check.sharing(entry.sharing_key, entry.shares, where, inherited_by=_inheriting(entry))
    for name in ("savings", "fte_reduction"):
        effect = getattr(entry, name)
        if effect is not None and effect.amount is not None:
            problems += check.entry(effect, join(where, name))
    for name in _SHARED_LISTS:
        entries = getattr(entry, name)
        for m, shared in enumerate(entries):
            problems += check.entry(shared, join(where, name, item(name, entries, m)))
    if entry.staff_reallocation is not None:
        problems += check.entry(entry.staff_reallocation, join(where, "staff_reallocation"))
        problems += check.employed_by(entry.staff_reallocation, join(where, "staff_reallocation"))
    return problems


def _inheriting(entry: a.Initiative) -> bool:
    """Whether anything of the initiative is shared by the initiative's own key."""
    shared: list[a.Shared] = [e for e in (entry.savings, entry.fte_reduction) if e is not None and e.amount is not None]
    shared += [e for name in _SHARED_LISTS for e in getattr(entry, name)]
    shared += [entry.staff_reallocation] if entry.staff_reallocation is not None else []
    return any(e.sharing_key is None for e in shared)


class _Checker:
    def __init__(self, case: a.Case, entry: a.Initiative, file: str, members: set[str], members_complete: bool,
                 services_complete: bool, refers: Callable[[str], bool | None]):
        self.case, self.initiative, self.file, self.refers = case, entry, file, refers
        self.members, self.members_complete, self.services_complete = members, members_complete, services_complete

    def entry(self, shared: a.Shared, where: str) -> list[Problem]:
        """An entry with no key of its own shares by the initiative's key, which is checked once."""
        if shared.sharing_key is None and shared.shares is None:
            return []
        key = shared.sharing_key or self.initiative.sharing_key
        if shared.shares is not None and key != "fixed":
            return [Problem(self.file, join(where, "shares"), f"'shares' only applies with sharing_key: fixed, not {key}",
                            has_value=False)]
        shares = shared.shares if shared.shares is not None else self.initiative.shares
        return self.sharing(key, shares, where, inherited_by=True)

    def sharing(self, key: str, shares: dict | None, where: str, inherited_by: bool) -> list[Problem]:
        if key == "in_scope_cost" and self.initiative.scope is None:
            return [Problem(self.file, join(where, "sharing_key"), "sharing by in_scope_cost needs a 'scope'", value=key)]
        if key in MEASURED:
            return self.measured(key, where) if inherited_by else []
        if key != "fixed":
            return []
        if shares is None:
            return [Problem(self.file, join(where, "shares"), "sharing_key: fixed needs 'shares' for each council",
                            has_value=False)]
        if not shares:
            return [Problem(self.file, join(where, "shares"), "the list of shares is empty: give each council's "
                            "share (adding up to 1), or use another sharing_key", has_value=False)]
        problems = []
        for council in shares:
            if self._outside(council):
                problems.append(Problem(self.file, join(where, "shares", council),
                                        "council is not part of this initiative", value=council))
        for council in sorted(self.members - set(shares)):
            problems.append(Problem(self.file, join(where, "shares"), f"no share given for council {council}",
                                    has_value=False))
        total = sum(share.value for share in shares.values())
        if abs(total - 1.0) > a.SHARE_TOLERANCE:
            problems.append(Problem(self.file, join(where, "shares"), "shares must add up to 1", value=round(total, 9)))
        return problems

    def _outside(self, council: str) -> bool:
        """Whether ``council`` is surely not one of the initiative's councils (a council that failed
        validation may be one: then nothing is said)."""
        if council in self.members:
            return False
        maybe_member = self.initiative.councils is None or council in self.initiative.councils
        return not (maybe_member and self.refers(council) is None)

    def measured(self, key: str, where: str) -> list[Problem]:
        """A key sharing by a measure the councils taking part have none of is refused: its pot would vanish."""
        if not self.members_complete or (key == "in_scope_cost" and not self.services_complete):
            return []
        total = sum(self._measure(key, council) for council in self.members)
        if total > 0:
            return []
        named = ", ".join(sorted(self.members))
        source = "services.csv (the in-scope service lines)" if key == "in_scope_cost" else "councils.yaml"
        return [Problem(self.file, join(where, "sharing_key"), f"cannot share by {key}: the {MEASURED[key]} of the "
                        f"councils taking part ({named}) adds up to 0 in {source}, so the amount would go to "
                        "nobody; use another sharing_key or correct the figures", value=key)]

    def _measure(self, key: str, council: str) -> float:
        if key == "in_scope_cost":
            scope = self.initiative.scope
            return sum(line.net_cost.value for line in self.case.services if line.council == council
                       and (line.category in scope.categories or line.service in scope.services))
        found = next(c for c in self.case.councils if c.id == council)
        return getattr(found, key).value

    def employed_by(self, moving: a.StaffReallocation, where: str) -> list[Problem]:
        at = join(where, "employed_by")
        if not moving.employed_by:
            return [Problem(self.file, at, "employed_by is empty: give the share of the shared staff each council "
                            "employs today (adding up to 1)", has_value=False)]
        problems = []
        for council in moving.employed_by:
            if self._outside(council):
                problems.append(Problem(self.file, join(at, council), "council is not part of this initiative",
                                        value=council))
        total = sum(share.value for share in moving.employed_by.values())
        if abs(total - 1.0) > a.SHARE_TOLERANCE:
            problems.append(Problem(self.file, at, "shares must add up to 1", value=round(total, 9)))
        return problems
