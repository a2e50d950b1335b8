"""From posts removed to the expected cost of the people who go: the per-post figures the engine uses.

For each initiative, council and year this gives the expected statutory redundancy pay,
discretionary compensation and pension strain **per FTE made redundant**, and the expected
number of people per FTE. Every in-scope FTE is taken as equally likely to go, so the expected
cost of removing one FTE is the cost of making everyone in scope redundant divided by the
in-scope FTE (a part-time post costs its holder's own pay; two half-time people are two people).

Dates: the posts an initiative removes in a financial year go on the anniversary of its start
date in that year (the start date itself in the first year). Ages and service at that date are
the profile's plus the whole years since the council's ``profile_date``; pay is held at the
profile's levels; the week's-pay limit is the one in force on that date.

Rates (vacancies, natural wastage, redeployment) come from the initiative, else the council's
``workforce.yaml`` entry, else 0: with no evidence, every post removed is a redundancy.

Named posts (an initiative's ``posts_removed``) are costed as the people who hold them instead:
``number`` of the holders of a post go, each holder equally likely, so the cost is ``number /
holders`` x the cost of every holder going, and the FTE ``number / holders`` x the holders' FTE. A
named post is filled (no vacancy rate); the other rates apply as to any post.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from pathlib import Path

from ..case import assumptions as a
from ..workforce.statutory import MIN_WORKING_AGE
from ..rules.errors import CaseError, Problem, relative
from ..case.positions import at
from ..case.posts_checks import post_holders
from ..workforce.compensation import RedundancyPolicy, compensation_arrays
from ..workforce.pension_strain import Approximation, FundFactors, pension_strain_array
from .profile import StaffProfile, build_profile
from ..workforce.statutory import WEEKS_PAY_LIMITS, weeks_pay_limit

RATE_FIELDS = ("vacancy_rate", "natural_wastage_rate", "redeployment_rate")


@dataclass
class StaffCosts:
    statutory_per_fte: np.ndarray      # [I, C, Y] GBP per FTE made redundant in year y
    discretionary_per_fte: np.ndarray  # [I, C, Y]
    strain_per_fte: np.ndarray         # [I, C, Y]
    people_per_fte: np.ndarray         # [I, C] people per FTE made redundant (1 without a profile)
    profile_fte: np.ndarray            # [I, C] FTE of the staff profile in the initiative's scope
    profiled: np.ndarray               # [C] bool: the council has a staff profile
    strain_methods: dict[str, str]     # council id -> how its pension strain is estimated


def policy_of(entry: a.CouncilWorkforce) -> RedundancyPolicy:
    p = entry.redundancy_policy
    return RedundancyPolicy(pay_basis=p.pay_basis, multiplier=p.multiplier.value, ceiling_weeks=p.ceiling_weeks.value)


def strain_method_of(entry: a.CouncilWorkforce) -> FundFactors | Approximation:
    p = entry.pension_strain
    if p.method == "fund_factors":
        return FundFactors(factors=p.factors, normal_pension_age=p.normal_pension_age,
                           accrual_denominator=p.accrual_denominator, source=p.source)
    return Approximation(normal_pension_age=p.normal_pension_age, accrual_denominator=p.accrual_denominator)


def named_fte(case: a.Case, item: a.Initiative) -> np.ndarray:
    """[C] FTE of the named posts an initiative removes at each council (zeros without ``posts_removed``)."""
    out = np.zeros(len(case.council_ids))
    if not item.posts_removed:
        return out
    held, index = post_holders(case), {c: n for n, c in enumerate(case.council_ids)}
    for post in item.posts_removed:
        people, fte = held[(post.council, post.service, post.post)]
        out[index[post.council]] += post.number * fte / people
    return out


def dismissal_date(case: a.Case, item: a.Initiative, year: int) -> dt.date:
    """When the posts an initiative removes in projection year ``year`` go."""
    first = case.case.first_year_start + year
    return dt.date(first + (item.start_month < 4), item.start_month, 1)


def whole_years_between(start: dt.date, end: dt.date) -> int:
    """Complete years from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    if end >= start:
        return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return -whole_years_between(end, start)


class StaffMemo:
    """What :func:`staff_costs` worked out before, for a case whose staff profile, workforce entries
    and years are unchanged (:class:`model.engine.inputs.InputsMemo` decides): the profile, the cost
    of everyone in a scope going on a date, and each initiative's rows with the posts it removed."""

    def __init__(self) -> None:
        self.profile: StaffProfile | None = None
        self.totals: dict[tuple, tuple[float, float, float]] = {}
        self.rows: dict[str, tuple[a.Initiative, bytes, tuple]] = {}


def staff_costs(case: a.Case, removes: np.ndarray, profile: StaffProfile | None = None,
                memo: StaffMemo | None = None) -> StaffCosts:
    """Per-FTE costs wherever ``removes[i, c]`` (the initiative removes posts at the council), from
    the initiative's start year on; zero elsewhere."""
    if profile is None:
        profile = memo.profile if memo is not None and memo.profile is not None else build_profile(case)
    if memo is not None:
        memo.profile = profile
    councils = case.council_ids
    C, I, Y = len(councils), len(case.initiatives), case.case.horizon_years
    entries = [case.workforce_of(c) for c in councils]
    policies = [policy_of(e) for e in entries]
    methods = [strain_method_of(e) for e in entries]
    out = StaffCosts(
        statutory_per_fte=np.zeros((I, C, Y)), discretionary_per_fte=np.zeros((I, C, Y)),
        strain_per_fte=np.zeros((I, C, Y)), people_per_fte=np.ones((I, C)), profile_fte=np.zeros((I, C)),
        profiled=np.bincount(profile.council, minlength=C) > 0,
        strain_methods={c: m.describe() for c, m in zip(councils, methods)},
    )
    cache = memo.totals if memo is not None else {}
    councils_of = profile.council
    for i, item in enumerate(case.initiatives):
        key = (item, removes[i].tobytes())
        kept = memo.rows.get(item.id) if memo is not None else None
        if kept is not None and kept[:2] == key:
            (out.statutory_per_fte[i], out.discretionary_per_fte[i], out.strain_per_fte[i],
             out.people_per_fte[i], out.profile_fte[i]) = kept[2]
            continue
        scope = _in_scope(profile, item.scope)
        for c in range(C):
            groups = _groups(profile, item, c, councils[c], scope & (councils_of == c))
            fte = sum(weight * profile.fte[rows].sum() for rows, weight, _ in groups)
            if fte <= 0 or not removes[i, c]:
                continue
            out.profile_fte[i, c] = fte
            out.people_per_fte[i, c] = sum(weight * profile.headcount[rows].sum() for rows, weight, _ in groups) / fte
            for y in range(max(case.year_index(item.start_year), 0), Y):
                on = dismissal_date(case, item, y)
                if on < WEEKS_PAY_LIMITS[0].in_force_from:
                    raise CaseError([Problem(
                        relative(Path(case.folder) / "initiatives.yaml"), at("initiatives", case.initiatives, i, "start_year"),
                        f"posts removed at {councils[c]} before {WEEKS_PAY_LIMITS[0].in_force_from:%-d %B %Y} "
                        "cannot be costed from the staff profile: the model's table of week's pay limits "
                        "starts then", value=item.start_year)])
                totals = np.zeros(3)
                for rows, weight, group_key in groups:
                    if (group_key, on) not in cache:
                        cache[(group_key, on)] = _costs(profile, rows, on, entries[c].profile_date, policies[c],
                                                        methods[c])
                    totals += weight * np.array(cache[(group_key, on)])
                (out.statutory_per_fte[i, c, y], out.discretionary_per_fte[i, c, y],
                 out.strain_per_fte[i, c, y]) = totals / fte
        if memo is not None:
            memo.rows[item.id] = (*key, tuple(x[i].copy() for x in (
                out.statutory_per_fte, out.discretionary_per_fte, out.strain_per_fte, out.people_per_fte,
                out.profile_fte)))
    return out


def staffing_rates(case: a.Case) -> dict[str, np.ndarray]:
    """``vacancy_rate``, ``natural_wastage_rate``, ``redeployment_rate`` as [I, C] arrays."""
    councils = case.council_ids
    entries = [case.workforce_of(c) for c in councils]
    rates = {name: np.zeros((len(case.initiatives), len(councils))) for name in RATE_FIELDS}
    for i, item in enumerate(case.initiatives):
        for c, entry in enumerate(entries):
            for name in RATE_FIELDS:
                own = getattr(item.workforce, name) if item.workforce is not None else None
                given = own if own is not None else getattr(entry, name)
                rates[name][i, c] = given.value if given is not None else 0.0
        if item.posts_removed:
            rates["vacancy_rate"][i] = 0.0  # a named post is held by someone in the profile
    return rates


def _in_scope(profile: StaffProfile, scope: a.Scope | None) -> np.ndarray:
    """Rows of the profile that an initiative's scope covers (all of them with no scope)."""
    if scope is None:
        return np.ones(len(profile), dtype=bool)
    return np.isin(profile.category, scope.categories) | np.isin(profile.service, scope.services)


def _groups(profile: StaffProfile, item: a.Initiative, c: int, council: str,
            in_scope: np.ndarray) -> list[tuple[np.ndarray, float, tuple]]:
    """The rows whose going an initiative's posts at council ``c`` stand for, each with its weight (the
    chance each of them goes) and a key for the cache: every in-scope row at weight 1 (everyone in
    scope, the cost divided by the in-scope FTE later), or each named post's holders at ``number /
    holders``."""
    if not item.posts_removed:
        return [(in_scope, 1.0, (c, _scope_key(item.scope)))]
    out = []
    for post in item.posts_removed:
        if post.council == council:
            rows = (profile.council == c) & (profile.service == post.service) & (profile.post == post.post)
            out.append((rows, post.number / profile.headcount[rows].sum(), (c, "post", post.service, post.post)))
    return out


def _scope_key(scope: a.Scope | None) -> tuple:
    return None if scope is None else (tuple(sorted(scope.categories)), tuple(sorted(scope.services)))


def _costs(profile: StaffProfile, rows: np.ndarray, on: dt.date, profile_date: dt.date | None,
           policy: RedundancyPolicy, method: FundFactors | Approximation) -> tuple[float, float, float]:
    """Total statutory pay, discretionary compensation and pension strain if every row went on ``on``."""
    shift = whole_years_between(profile_date, on) if profile_date is not None else 0
    age = np.maximum(profile.age[rows] + shift, MIN_WORKING_AGE)
    service = np.clip(profile.service_years[rows] + shift, 0, age - MIN_WORKING_AGE)
    pay, people = profile.weekly_pay[rows], profile.headcount[rows]
    statutory, discretionary = compensation_arrays(age, service, pay, weeks_pay_limit(on).amount, policy)
    strain = pension_strain_array(age, service, pay, profile.lgps_share[rows], method)
    return float(people @ statutory), float(people @ discretionary), float(people @ strain)
