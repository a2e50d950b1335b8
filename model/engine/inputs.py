"""Turn validated assumptions into the plain arrays the engine projects.

This is where sharing keys are applied and in-scope costs summed; everything time-dependent
(start dates, ramps, part-year effects) is left to :mod:`model.engine.projection`, so that a later risk run
can give starts, ramps and amounts a leading draws axis and project them in one go.

Axes: ``S`` scenarios, ``I`` initiatives, ``C`` councils, ``Y`` years, ``K`` one-off cost
categories, ``J`` one-off cost entries, ``G`` funding entries. Money in GBP; costs positive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..case import assumptions as a
from ..rules import capital_receipts, years
from ..rules.errors import CaseError, Problem, relative
from ..case.positions import at, join
from ..rules.sharing import SharingError, shares
from . import prices
from .successors import Successors
from . import successor_tax
from . import successors as successor_councils
from .costing import StaffMemo, named_fte, staff_costs, staffing_rates


@dataclass
class EngineInputs:
    scenario_ids: list[str]
    council_ids: list[str]
    initiative_ids: list[str]
    year_labels: list[str]
    one_off_categories: list[str]
    membership: np.ndarray            # [S, I] 1 where the scenario includes the initiative
    full_savings: np.ndarray          # [I, C] GBP a year at full effect
    full_income: np.ndarray           # [I, C] GBP a year at full effect
    full_recurring_costs: np.ndarray  # [I, C] GBP a year once running
    full_fte: np.ndarray              # [I, C] posts removed at full effect
    start_month: np.ndarray           # [I] months from 1 April of the first year to the start
    ramp: np.ndarray                  # [I, Y] share of full effect k years after the start year
    savings_from_posts: np.ndarray    # [I] share of the savings timed by the posts removed (anniversaries)
    one_off_amount: np.ndarray        # [J, C] GBP
    one_off_initiative: np.ndarray    # [J] index into initiatives
    one_off_category: np.ndarray      # [J] index into one_off_categories
    one_off_offset: np.ndarray        # [J] years after the start year
    funding_amount: np.ndarray        # [G, C] GBP
    funding_initiative: np.ndarray    # [G]
    funding_offset: np.ndarray        # [G]
    earmarked_reserves: np.ndarray    # [I, C] GBP
    vacancy_rate: np.ndarray          # [I, C] share of posts removed that are vacant
    natural_wastage_rate: np.ndarray  # [I, C] share of the rest whose holders leave first
    redeployment_rate: np.ndarray     # [I, C] share of those at risk redeployed
    cross_council_redeployment: np.ndarray  # [I, C] vacancy protocol rate (0 where none)
    statutory_per_fte: np.ndarray     # [I, C, Y] GBP per FTE made redundant in year y
    discretionary_per_fte: np.ndarray  # [I, C, Y]
    strain_per_fte: np.ndarray        # [I, C, Y]
    people_per_fte: np.ndarray        # [I, C]
    staff_transfer: np.ndarray        # [I, C] FTE of shared staff moving to (+) or from (-) each council
    savings_required: np.ndarray      # [C, Y] GBP a year (recurring)
    opening_reserves: np.ndarray      # [C] GBP
    minimum_reserves: np.ndarray      # [C] GBP
    discount_rate: float
    # prices (:mod:`model.engine.prices`): 1 throughout in constant prices
    savings_index: np.ndarray | None = None    # [I, Y] multiplies savings
    income_index: np.ndarray | None = None     # [I, Y]
    recurring_index: np.ndarray | None = None  # [I, Y]
    one_off_index: np.ndarray | None = None    # [J, Y] multiplies one-off costs (given amounts)
    deflator: np.ndarray | None = None         # [Y] cash / deflator = base-year prices (the NPV's flows)
    prices: str = "constant"                   # "constant" or "cash"
    price_year: str = ""                       # the year whose prices the figures are entered in
    pension_strain_methods: dict[str, str] = field(default_factory=dict)  # council id -> method label
    notes: dict[str, str] = field(default_factory=dict)
    funding_return_year: np.ndarray | None = None   # [G] year index whose end pays back a grant's rest; None: never
    capital_receipts: np.ndarray | None = None      # [C, Y] GBP of capital receipts for flexible use; None: none
    capital_receipts_statutory_only: np.ndarray | None = None  # [Y] bool: the direction allows statutory pay only
    successors: Successors | None = None        # councils replaced on a vesting date; None: no scenario has any

    @property
    def result_council_ids(self) -> list[str]:
        """The councils of the results: the case's, then any successor (:mod:`model.engine.successors`)."""
        return self.council_ids + (self.successors.ids if self.successors is not None else [])

    def result_minimum_reserves(self) -> np.ndarray:
        """[S, O] each result council's minimum reserves (a successor's from vesting)."""
        if self.successors is not None:
            return self.successors.minimum_reserves
        return np.broadcast_to(np.asarray(self.minimum_reserves), (len(self.scenario_ids), len(self.council_ids)))

    def present(self) -> np.ndarray:
        """[S, O, Y] whether the results hold a row for the scenario, council and year."""
        if self.successors is not None:
            return self.successors.present
        return np.ones((len(self.scenario_ids), len(self.council_ids), self.horizon), dtype=bool)

    @property
    def horizon(self) -> int:
        return len(self.year_labels)

    def funding_rules(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(capital receipts [C, Y], grants' return years [G], statutory-only years [Y]), with the
        defaults (no receipts, no grant paid back) where they are not given."""
        C, G, Y = len(self.council_ids), len(self.funding_initiative), self.horizon
        receipts = self.capital_receipts if self.capital_receipts is not None else np.zeros((C, Y))
        returns = (np.asarray(self.funding_return_year, dtype=int) if self.funding_return_year is not None
                   else np.full(G, Y, dtype=int))
        limited = (np.asarray(self.capital_receipts_statutory_only, dtype=bool)
                   if self.capital_receipts_statutory_only is not None else np.zeros(Y, dtype=bool))
        return receipts, returns, limited


@dataclass
class InitiativeRows:
    """One initiative's share of the engine inputs: what :func:`build_inputs` computes per initiative."""

    savings: np.ndarray        # [C]
    income: np.ndarray         # [C]
    recurring: np.ndarray      # [C]
    fte: np.ndarray            # [C]
    earmarked: np.ndarray      # [C]
    protocol: np.ndarray       # [C]
    transfer: np.ndarray       # [C]
    start_month: int
    ramp: np.ndarray           # [Y]
    from_posts: float          # share of the savings timed by the posts removed
    one_off: list[tuple[np.ndarray, int, int]]   # (amount [C], category index, years from start)
    funding: list[tuple[np.ndarray, int, int]]   # (amount [C], years from start, return year index or horizon)
    problems: list[Problem]


class InputsMemo:
    """What a previous :func:`build_inputs` computed, kept so that building the inputs of the same
    case with a few values changed (a what-if) recomputes only the initiatives that changed.

    Rows are reused for an initiative whose validated model is equal to the one they were built
    from, in a case whose councils, services, staff profile, workforce entries and years are the
    same; anything else is rebuilt. The result is the same as building from scratch, bit for bit
    (a test checks)."""

    def __init__(self) -> None:
        self.context: tuple | None = None
        self.rows: dict[str, tuple[a.Initiative, InitiativeRows]] = {}
        self.staff = StaffMemo()

    def enter(self, case: a.Case) -> None:
        # the rows themselves, not their ids: a case validated again holds the same row objects (so
        # comparing is quick), and holding them here means no other object can take their ids
        context = (tuple(case.council_ids), tuple(c.net_budget.value for c in case.councils),
                   tuple(c.population.value for c in case.councils), tuple(case.services), tuple(case.staff),
                   tuple(case.staff_bands), case.case.first_year, case.case.horizon_years, tuple(case.workforce))
        if context != self.context:
            self.context = context
            self.rows.clear()
            self.staff = StaffMemo()


def build_inputs(case: a.Case, memo: InputsMemo | None = None) -> EngineInputs:
    councils = case.council_ids
    C, I = len(councils), len(case.initiatives)
    if memo is not None:
        memo.enter(case)
    services = ServiceTable(case, {c: n for n, c in enumerate(councils)})
    file = relative(Path(case.folder) / "initiatives.yaml")
    built = []
    for i, item in enumerate(case.initiatives):
        kept = memo.rows.get(item.id) if memo is not None else None
        if kept is not None and kept[0] == item:
            built.append(kept[1])
            continue
        rows = initiative_rows(case, i, services, file)
        if memo is not None:
            memo.rows[item.id] = (item, rows)
        built.append(rows)
    problems = [p for rows in built for p in rows.problems]
    stack = (lambda name: np.array([getattr(r, name) for r in built]).reshape(I, C)) if I else \
        (lambda name: np.zeros((0, C)))
    full_fte = stack("fte")
    one_off = [(amount, i, category, offset) for i, r in enumerate(built) for amount, category, offset in r.one_off]
    funding = [(amount, i, offset, back) for i, r in enumerate(built) for amount, offset, back in r.funding]

    rates = staffing_rates(case)
    costs = staff_costs(case, removes=full_fte > 0, memo=memo.staff if memo is not None else None)
    index = prices.indices(case)
    problems += _profile_covers(case, full_fte, rates["vacancy_rate"], costs.profile_fte, costs.profiled, file)
    if problems:
        raise CaseError(problems)

    initiative_index = {item.id: n for n, item in enumerate(case.initiatives)}
    membership = np.zeros((len(case.scenarios), I))
    for s, scenario in enumerate(case.scenarios):
        for ref in scenario.initiatives:
            membership[s, initiative_index[ref]] = 1.0

    savings_required = _by_year(case, "savings_required", hold=True)
    minimum_reserves = np.array([c.minimum_reserves.value for c in case.councils])
    return EngineInputs(
        scenario_ids=[s.id for s in case.scenarios],
        council_ids=councils,
        initiative_ids=[item.id for item in case.initiatives],
        year_labels=case.year_labels,
        one_off_categories=list(a.ONE_OFF_CATEGORIES),
        membership=membership,
        full_savings=stack("savings"),
        full_income=stack("income"),
        full_recurring_costs=stack("recurring"),
        full_fte=full_fte,
        start_month=np.array([r.start_month for r in built], dtype=int),
        ramp=np.array([r.ramp for r in built]).reshape(I, case.case.horizon_years),
        savings_from_posts=np.array([r.from_posts for r in built], dtype=float),
        one_off_amount=np.array([row[0] for row in one_off]).reshape(len(one_off), C),
        one_off_initiative=np.array([row[1] for row in one_off], dtype=int),
        one_off_category=np.array([row[2] for row in one_off], dtype=int),
        one_off_offset=np.array([row[3] for row in one_off], dtype=int),
        funding_amount=np.array([row[0] for row in funding]).reshape(len(funding), C),
        funding_initiative=np.array([row[1] for row in funding], dtype=int),
        funding_offset=np.array([row[2] for row in funding], dtype=int),
        earmarked_reserves=stack("earmarked"),
        vacancy_rate=rates["vacancy_rate"],
        natural_wastage_rate=rates["natural_wastage_rate"],
        redeployment_rate=rates["redeployment_rate"],
        cross_council_redeployment=stack("protocol"),
        statutory_per_fte=costs.statutory_per_fte * index["pay"],       # redundancy and strain follow pay
        discretionary_per_fte=costs.discretionary_per_fte * index["pay"],
        strain_per_fte=costs.strain_per_fte * index["pay"],
        people_per_fte=costs.people_per_fte,
        staff_transfer=stack("transfer"),
        pension_strain_methods=costs.strain_methods,
        savings_required=savings_required,
        opening_reserves=np.array([c.usable_reserves.value for c in case.councils]),
        minimum_reserves=minimum_reserves,
        discount_rate=case.case.discount_rate.value,
        savings_index=prices.by_initiative(case, index, "savings"),
        income_index=prices.by_initiative(case, index, "income"),
        recurring_index=prices.by_initiative(case, index, "recurring_costs"),
        one_off_index=prices.by_one_off(case, index, [(row[1], row[2]) for row in one_off]),
        deflator=index["deflator"],
        prices=case.case.prices,
        price_year=case.case.price_year,
        funding_return_year=np.array([row[3] for row in funding], dtype=int),
        capital_receipts=_by_year(case, "flexible_capital_receipts", hold=False),
        capital_receipts_statutory_only=np.array(
            [capital_receipts.statutory_redundancy_only(years.parse_label(label)) for label in case.year_labels]),
        successors=_successors(case, savings_required, minimum_reserves),
    )


def _successors(case: a.Case, savings_required: np.ndarray, minimum_reserves: np.ndarray) -> Successors | None:
    """The successor councils of the case's scenarios, with their council tax harmonised."""
    built = successor_councils.build(case, savings_required, minimum_reserves)
    if built is not None:
        built.taxes = successor_tax.harmonisations(case)
        if built.taxes:
            built.council_tax_income = successor_tax.harmonisation_income(
                built.taxes, case.council_ids + built.ids, len(case.scenarios), case.case.horizon_years)
    return built


def initiative_rows(case: a.Case, i: int, services: ServiceTable, file: str) -> InitiativeRows:
    """Initiative ``i``'s savings, income, costs, posts, funding and timing, by council."""
    councils = case.council_ids
    index = services.index
    C, horizon = len(councils), case.case.horizon_years
    item = case.initiatives[i]
    where = at("initiatives", case.initiatives, i)
    problems: list[Problem] = []
    members = np.zeros(C, dtype=bool)
    members[[index[c] for c in (item.councils or councils)]] = True
    in_scope_cost, in_scope_fte = services.in_scope(item.scope)
    categories = a.ONE_OFF_CATEGORIES

    def share(entry: a.Shared | None, place: str) -> np.ndarray:
        key = (entry.sharing_key if entry is not None else None) or item.sharing_key
        fixed = entry.shares if entry is not None and entry.shares is not None else item.shares
        vector = None
        if key == "fixed" and fixed is not None:
            vector = np.array([fixed[c].value if c in fixed else 0.0 for c in councils])
        try:
            return shares(key, members, net_budget=services.net_budget, population=services.population,
                          in_scope_cost=in_scope_cost, fixed=vector)
        except SharingError as exc:
            problems.append(Problem(file, place, str(exc), value=key))
            return np.zeros(C)

    def effect(entry: a.Effect | None, own: np.ndarray, place: str) -> np.ndarray:
        if entry is None:
            return np.zeros(C)
        if entry.rate is not None:
            return entry.rate.value * own * members
        return entry.amount.value * share(entry, place)

    income, recurring = np.zeros(C), np.zeros(C)
    for m, entry in enumerate(item.income):
        income += entry.amount.value * share(entry, at("income", item.income, m, prefix=where))
    for m, entry in enumerate(item.recurring_costs):
        recurring += entry.amount.value * share(entry, at("recurring_costs", item.recurring_costs, m, prefix=where))
    one_off = [(entry.amount.value * share(entry, at("one_off_costs", item.one_off_costs, m, prefix=where)),
                categories.index(entry.category), entry.years_from_start)
               for m, entry in enumerate(item.one_off_costs)]
    funding = [(entry.amount.value * share(entry, at("external_funding", item.external_funding, m, prefix=where)),
                entry.years_from_start,
                case.year_index(entry.return_unspent_in) if entry.return_unspent_in is not None else horizon)
               for m, entry in enumerate(item.external_funding)]
    earmarked = np.zeros(C)
    for council, amount in item.earmarked_reserves.items():
        earmarked[index[council]] = amount.value
    protocol = (item.cross_council_redeployment.value * members if item.cross_council_redeployment is not None
                else np.zeros(C))
    transfer = np.zeros(C)
    if item.staff_reallocation is not None:
        moving = item.staff_reallocation
        now = np.array([moving.employed_by[c].value if c in moving.employed_by else 0.0 for c in councils])
        transfer = moving.fte.value * (share(moving, f"{where}.staff_reallocation") - now)
    values = [r.value for r in item.ramp]
    return InitiativeRows(
        savings=effect(item.savings, in_scope_cost, join(where, "savings")) * (
            item.savings.realised if item.savings is not None else 1.0),
        income=income, recurring=recurring,
        fte=(named_fte(case, item) if item.posts_removed
             else effect(item.fte_reduction, in_scope_fte, join(where, "fte_reduction"))),
        earmarked=earmarked, protocol=protocol, transfer=transfer,
        start_month=12 * case.year_index(item.start_year) + years.financial_month(item.start_month) - 1,
        ramp=np.array((values + [values[-1]] * horizon)[:horizon], dtype=float),
        from_posts=item.share_of_savings_from_posts,
        one_off=one_off, funding=funding, problems=problems,
    )


class ServiceTable:
    """The service lines as arrays, so each initiative's scope is one vectorised selection."""

    def __init__(self, case: a.Case, index: dict[str, int]):
        self.index = index
        self.councils = len(index)
        self.council = np.array([index[line.council] for line in case.services], dtype=int)
        self.category = np.array([line.category for line in case.services], dtype=object)
        self.service = np.array([line.service for line in case.services], dtype=object)
        self.net_cost = np.array([line.net_cost.value for line in case.services])
        self.fte = np.array([line.fte.value for line in case.services])
        self.net_budget = np.array([c.net_budget.value for c in case.councils])
        self.population = np.array([c.population.value for c in case.councils])

    def in_scope(self, scope: a.Scope | None) -> tuple[np.ndarray, np.ndarray]:
        """Net cost (GBP) and FTE of the service lines a scope covers, per council."""
        if scope is None:
            return np.zeros(self.councils), np.zeros(self.councils)
        covered = np.isin(self.category, scope.categories) | np.isin(self.service, scope.services)
        cost = np.bincount(self.council[covered], self.net_cost[covered], minlength=self.councils)
        fte = np.bincount(self.council[covered], self.fte[covered], minlength=self.councils)
        return cost, fte


def _profile_covers(case: a.Case, full_fte: np.ndarray, vacancy_rate: np.ndarray, profile_fte: np.ndarray,
                    profiled: np.ndarray, file: str) -> list[Problem]:
    """Posts removed at a council with a staff profile must be held by people in that profile."""
    problems = []
    for i, c in zip(*np.nonzero((full_fte > 0) & profiled[None, :])):
        council, where = case.council_ids[c], at("initiatives", case.initiatives, i, "fte_reduction")
        filled = full_fte[i, c] * (1 - vacancy_rate[i, c])
        if profile_fte[i, c] <= 0:
            problems.append(Problem(file, where, f"removes posts at {council}, but none of {council}'s staff "
                                    "profile works in this initiative's scope", value=round(float(full_fte[i, c]), 2)))
        elif filled > profile_fte[i, c] + 1e-9:
            problems.append(Problem(file, where, f"removes {filled:.1f} filled posts at {council} (after "
                                    f"vacancies), more than the {profile_fte[i, c]:.1f} FTE of its staff profile "
                                    "in this initiative's scope", value=round(float(full_fte[i, c]), 2)))
    return problems


def _by_year(case: a.Case, name: str, hold: bool) -> np.ndarray:
    """[C, Y] of a council's mapping of years to amounts. ``hold``: each year takes the latest listed
    year at or before it (none listed yet means 0); otherwise a year not listed is 0."""
    out = np.zeros((len(case.councils), case.case.horizon_years))
    for n, council in enumerate(case.councils):
        given = getattr(council, name)
        for label in sorted(given, key=years.parse_label):
            out[n, case.year_index(label):case.year_index(label) + (out.shape[1] if hold else 1)] = given[label].value
    return out
