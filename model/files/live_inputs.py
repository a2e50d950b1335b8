"""The Inputs sheet of ``model.xlsx``: every number the deterministic projection uses, with its source.

Numbers the case gives are input cells (pale yellow, blue figures) with the source the case
records for them (:mod:`model.case.sources`). Numbers the Python model works out before the
projection (a sharing key's shares, in-scope costs summed from ``services.csv``, redundancy and
pension strain from the staff profile, the successors' weights, council tax harmonisation) are
input cells of their own colour (pale green), each saying how it was computed: changing one of
the case's inputs in the workbook does not recompute them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..case import assumptions as a
from ..engine.inputs import EngineInputs, ServiceTable
from ..engine.projection import Projection, profiles, project
from ..results.frames import Results
from .live_cells import Block, Book, Row, Sheet, defined_name
from .live_council_tax import write_tax_inputs
from .live_entries import Entry, write_entries

STAFF_NOTE = ("computed by the model from staff_bands.csv / staff.csv and workforce.yaml (statutory redundancy pay, "
              "discretionary compensation and pension strain of the people expected to be made redundant, after "
              "vacancies, natural wastage and redeployment)")
FTE_NOTE = "computed by the model: the FTE of the named posts' holders (staff profile) x the share of them that go"
SHARE_NOTE = "computed by the model: the council's share by the sharing key (initiatives.yaml, councils.yaml)"


@dataclass
class Inputs:
    """Where each input is: rows of the Inputs sheet, by what they are for."""

    year_number: Row
    months: Row
    discount_rate: Row
    tolerance: Row
    deflator: Row
    reserves: list[Row]                         # [C]
    required: list[Row]                         # [C]
    receipts: list[Row]                         # [C]
    start: list[Row]                            # [I]
    month: list[Row]
    from_posts: list[Row]
    ramp: list[Row]
    index: dict[str, list[Row]]                 # savings / income / recurring -> [I]
    savings: list[Row | None]                   # the rate or amount of each initiative's savings
    realised: list[Row | None]
    net_budget: list[Row]                       # [C]
    population: list[Row]                       # [C]
    takes_part: list[list[Row]]                 # [I][C] 1 where the council takes part in the initiative
    service_cost: list[Row]                     # [L] each service line's net cost
    scope_lines: dict[tuple[int, int], list[int]]  # (council, initiative with a scope) -> lines in its scope
    fte_effect: list[Row | None]                # [I] fte_reduction's rate or amount (none for named posts)
    line_fte: list[Row]                         # [L] each service line's FTE
    named_fte: dict[tuple[int, int], Row]       # (council, initiative) -> FTE of named posts removed
    membership: list[Block]                     # [S] blocks of I rows
    one_off_offset: list[Row]                   # [J]
    one_off_index: list[Row]
    entries: dict[str, list[Entry]]             # income / recurring / one_off / grant: amounts and shares
    grant_offset: list[Row]                     # [G]
    grant_return: list[Row]
    earmark: dict[tuple[int, int], Row]         # (initiative, council) -> reserves set aside
    staff: dict[tuple[int, int], Row]           # (scenario, council) -> computed redundancy and strain [Y]
    not_qualifying: dict[tuple[int, int], Row]  # (scenario, council) -> costs capital receipts may not meet
    staff_own: dict[tuple[int, int, int], Row]  # (scenario, earmarked initiative, council) -> its computed costs
    vesting: dict[int, Row] = field(default_factory=dict)            # scenario -> vesting year number
    weight: dict[tuple[int, int, int], Row] = field(default_factory=dict)  # (scenario, successor o, council)
    population_split: list[tuple[int, int, int]] = field(default_factory=list)  # weights by population: formulas
    successor_population: dict[tuple[int, int], Row] = field(default_factory=dict)  # (scenario, o) as given
    successor_required: dict[tuple[int, int], Row] = field(default_factory=dict)  # (scenario, o) given gaps
    tax_councils: dict = field(default_factory=dict)  # council -> (Band D, tax base, growth) rows
    tax_inputs: dict = field(default_factory=dict)    # (scenario, successor id) -> its harmonisation's inputs
    unconsolidated: Projection | None = None    # the case councils as if no reorganisation happened


def source_of(number: object, *holders: object, default: str = "") -> str:
    """A number's source, else the nearest holder's."""
    for thing in (number, *holders):
        text = getattr(thing, "source", None)
        if isinstance(text, str) and text:
            return text
    return default


def council_name(case: a.Case, council_id: str) -> str:
    for c in case.councils:
        if c.id == council_id:
            return c.name
    for s in case.scenarios:
        for successor in (s.reorganisation.successors if s.reorganisation is not None else []):
            if successor.id == council_id:
                return successor.name
    return council_id


def write_inputs(book: Book, results: Results) -> Inputs:
    case, inputs = results.case, results.inputs
    default = case.case.default_source or ""
    sheet = Sheet(book, "Inputs", f"Inputs: {case.case.title}").enter()
    Y, C = inputs.horizon, len(inputs.council_ids)
    book.wb.define_name("YearLabels", f"='Inputs'!$G${sheet.header_row + 1}:${_col(Y)}${sheet.header_row + 1}")
    book.wb.define_name("FirstYear", f"='Inputs'!$G${sheet.header_row + 1}")   # the first year's label

    sheet.heading("Constants and years")
    year_number = sheet.given("Year number (0 = the first year)", "", "year no.", "year_number",
                              "the order of the years", np.arange(Y, dtype=float))
    book.wb.define_name("YearNumber", f"='Inputs'!{year_number.span()}")
    months = sheet.given("Months in a year", "", "months", "months_in_a_year", "a constant", 12.0,
                         name="MonthsInYear")
    rate = sheet.given("Discount rate", "", "rate", "discount_rate",
                       source_of(case.case.discount_rate, case.case, default=default),
                       inputs.discount_rate, name="DiscountRate")
    tolerance = sheet.given("Half a penny (comparisons of money allow it)", "", "£", "penny_tolerance",
                            "a constant of the model (model/rules/appraisal.py)", 0.005, name="PennyTolerance")
    deflator = sheet.given("Deflator (cash to the price base year's prices)", "", "index", "deflator",
                           _price_note(case), _array(inputs.deflator, Y), computed=True)

    sheet.heading("Councils")
    reserves, required, receipts, net_budget, population = [], [], [], [], []
    for n, council in enumerate(case.councils):
        net_budget.append(sheet.given("Net revenue budget", council.name, "£", f"{council.id}.net_budget",
                                      source_of(council.net_budget, council, default=default), council.net_budget.value,
                                      name=defined_name("NetBudget", council.id)))
        population.append(sheet.given("Population", council.name, "count", f"{council.id}.population",
                                      source_of(council.population, council, default=default),
                                      council.population.value, name=defined_name("Population", council.id)))
        reserves.append(sheet.given("Usable reserves at the start of the first year", council.name, "£",
                                    f"{council.id}.usable_reserves",
                                    source_of(council.usable_reserves, council, default=default),
                                    council.usable_reserves.value, name=defined_name("Reserves", council.id)))
        required.append(sheet.given("Savings required (budget gap, recurring)", council.name, "£",
                                    f"{council.id}.savings_required",
                                    _first_source(council.savings_required, council, default)
                                    + "; a year not listed takes the latest listed before it",
                                    inputs.savings_required[n]))
        receipts_given = inputs.capital_receipts[n] if inputs.capital_receipts is not None else np.zeros(Y)
        receipts.append(sheet.given("Capital receipts for flexible use", council.name, "£",
                                    f"{council.id}.flexible_capital_receipts",
                                    _first_source(council.flexible_capital_receipts, council, default)
                                    or "none planned", receipts_given))

    sheet.heading("Initiatives: timing and savings")
    start, month, from_posts, ramp, savings, realised, fte_effect = [], [], [], [], [], [], []
    index: dict[str, list[Row]] = {"savings": [], "income": [], "recurring": []}
    for i, item in enumerate(case.initiatives):
        src = source_of(item, default=default)
        start.append(sheet.given("Start year (year number)", item.name, "year no.", f"{item.id}.start_year",
                                 f"start_year {item.start_year} in initiatives.yaml; {src}",
                                 float(inputs.start_month[i] // 12)))
        month.append(sheet.given("Start month (months after 1 April)", item.name, "months", f"{item.id}.start_month",
                                 f"start_month {item.start_month} in initiatives.yaml",
                                 float(inputs.start_month[i] % 12)))
        from_posts.append(sheet.given("Share of the savings that come from posts", item.name, "share",
                                      f"{item.id}.savings_from_posts",
                                      source_of(item.savings_from_posts, item, default=default)
                                      + ("" if item.savings_from_posts is not None else
                                         " (default: all of them when it removes posts, none otherwise)"),
                                      float(inputs.savings_from_posts[i])))
        ramp.append(sheet.given("Ramp: share of full effect by years since the start", item.name, "share",
                                f"{item.id}.ramp", source_of(item.ramp[0], item, default=default)
                                + "; the last value holds after the list ends", inputs.ramp[i]))
        effect = item.savings
        if effect is None:
            savings.append(None)
            realised.append(None)
        else:
            savings.append(_rate_or_amount(sheet, item, effect, "savings", ("Savings: rate of in-scope cost",
                                           "Savings: amount (whole partnership)"), "£", default, ("Rate", "Savings")))
            realised.append(sheet.given("Savings: share expected to be realised", item.name, "share",
                                        f"{item.id}.savings.realisation",
                                        source_of(effect.realisation, effect, item, default=default)
                                        if effect.realisation is not None else "default: all of it", effect.realised))
        posts = item.fte_reduction
        if posts is None or item.posts_removed:
            fte_effect.append(None)
        else:
            fte_effect.append(_rate_or_amount(sheet, item, posts, "fte_reduction", (
                "Posts removed: rate of in-scope FTE", "Posts removed: FTE (whole partnership)"), "FTE", default))
        for kind, given in (("savings", inputs.savings_index), ("income", inputs.income_index),
                            ("recurring", inputs.recurring_index)):
            index[kind].append(sheet.given(f"Price index its {kind} follow", item.name, "index",
                                           f"{item.id}.{kind}_index", _price_note(case), _array(
                                               given[i] if given is not None else None, Y), computed=True))

    services = ServiceTable(case, {c: n for n, c in enumerate(inputs.council_ids)})
    sheet.heading("Service lines (services.csv): net cost")
    lines = [sheet.given("Net cost", f"{council_name(case, line.council)}: {line.service}", "£",
                         f"{line.council}.{line.service}.net_cost", source_of(line.net_cost, line, default=default),
                         line.net_cost.value) for line in case.services]
    sheet.heading("Service lines (services.csv): FTE")
    line_fte = [sheet.given("FTE", f"{council_name(case, line.council)}: {line.service}", "FTE",
                            f"{line.council}.{line.service}.fte", source_of(line.fte, line, default=default),
                            line.fte.value) for line in case.services]
    scope_lines: dict[tuple[int, int], list[int]] = {}
    for i, item in enumerate(case.initiatives):
        if item.scope is not None:
            covered = np.isin(services.category, item.scope.categories) | np.isin(services.service, item.scope.services)
            for c in range(C):
                scope_lines[(c, i)] = [int(n) for n in np.nonzero(covered & (services.council == c))[0]]
    sheet.heading("Councils taking part in each initiative (1 = taking part)")
    takes_part = [[sheet.given("Takes part", f"{item.name}: {council.name}", "flag",
                               f"{item.id}.{council.id}.takes_part",
                               "councils in initiatives.yaml (default: all)",
                               float(not item.councils or council.id in item.councils))
                   for council in case.councils] for item in case.initiatives]

    named = {}
    if any(item.posts_removed for item in case.initiatives):
        sheet.heading("Named posts removed at full effect")
        named = {(c, i): sheet.given("Posts removed at full effect", f"{item.name}: {council.name}", "FTE",
                                     f"{item.id}.{council.id}.full_fte", FTE_NOTE, inputs.full_fte[i, c], computed=True)
                 for i, item in enumerate(case.initiatives) if item.posts_removed
                 for c, council in enumerate(case.councils)}
    entries = write_entries(sheet, case, source_of, default, {"savings": savings, "fte": fte_effect})

    sheet.heading("Scenarios: the initiatives each includes (1 = included)")
    membership = [Block([sheet.given("Includes the initiative", f"{scenario.name}: {item.name}", "flag",
                                     f"{scenario.id}.{item.id}", "scenarios.yaml", float(inputs.membership[s, i]))
                         for i, item in enumerate(case.initiatives)]) for s, scenario in enumerate(case.scenarios)]

    sheet.heading("One-off costs: each entry")
    labels = [f"{case.initiatives[i].name}: {entry.category.replace('_', ' ')}"
              for i, item in enumerate(case.initiatives) for entry in item.one_off_costs]
    sources = [source_of(entry.amount, entry, item, default=default)
               for item in case.initiatives for entry in item.one_off_costs]
    one_off_offset = [sheet.given("Years after the start year it falls", labels[j], "year no.",
                                  f"one_off_{j + 1}.offset", sources[j], float(inputs.one_off_offset[j]))
                      for j in range(len(labels))]
    one_off_index = [sheet.given("Price index it follows", labels[j], "index", f"one_off_{j + 1}.index",
                                 _price_note(case), _array(inputs.one_off_index[j] if inputs.one_off_index is not None
                                                           else None, Y), computed=True) for j in range(len(labels))]

    sheet.heading("External funding: each grant")
    _, returns, _ = inputs.funding_rules()
    grants = [(item, entry) for item in case.initiatives for entry in item.external_funding]
    grant_offset = [sheet.given("Years after the start year it is received", f"{item.name}: {entry.name}", "year no.",
                                f"grant_{g + 1}.offset", source_of(entry.amount, entry, item, default=default),
                                float(inputs.funding_offset[g])) for g, (item, entry) in enumerate(grants)]
    grant_return = [sheet.given("Year number whose end pays back what is unspent", f"{item.name}: {entry.name}",
                                "year no.", f"grant_{g + 1}.return", f"return_unspent_in {entry.return_unspent_in}"
                                if entry.return_unspent_in else "never paid back (one past the last year)",
                                float(returns[g])) for g, (item, entry) in enumerate(grants)]

    earmark = {}
    earmarked = np.asarray(inputs.earmarked_reserves)
    if (earmarked > 0).any():
        sheet.heading("Earmarked reserves for an initiative's own one-off costs")
        for i, c in zip(*np.nonzero(earmarked > 0), strict=True):
            item, council = case.initiatives[i], case.councils[c]
            earmark[(int(i), int(c))] = sheet.given(
                "Earmarked reserves", f"{item.name}: {council.name}", "£", f"{item.id}.{council.id}.earmarked",
                source_of(item.earmarked_reserves[council.id], item, default=default), earmarked[i, c])

    own_inputs = replace(inputs, successors=None)
    plain = project(own_inputs) if inputs.successors is not None else results.arrays
    staff, not_qualifying, staff_own = _staff_rows(sheet, case, own_inputs, plain, sorted(earmark))
    out = Inputs(year_number, months, rate, tolerance, deflator, reserves, required, receipts, start, month,
                 from_posts, ramp, index, savings, realised, net_budget, population, takes_part, lines, scope_lines,
                 fte_effect, line_fte, named, membership, one_off_offset,
                 one_off_index,
                 entries, grant_offset, grant_return, earmark, staff, not_qualifying, staff_own,
                 unconsolidated=plain)
    if inputs.successors is not None:
        _successor_rows(sheet, case, inputs, out, default)
    sheet.ws.set_landscape()
    return out


def _staff_rows(sheet: Sheet, case: a.Case, inputs: EngineInputs, plain: Projection,
                earmarked: list[tuple[int, int]]):
    """Redundancy and pension strain computed from the staff profile, per scenario and council (and
    per earmarked initiative), and what of them capital receipts may not meet."""
    sheet.heading("Redundancy and pension strain computed from the staff profile")
    staff, not_qualifying, own = {}, {}, {}
    computed = plain.statutory_redundancy_pay + plain.discretionary_compensation + plain.pension_strain
    _, _, limited = inputs.funding_rules()
    excluded = np.where(limited, plain.redundancy_costs - plain.statutory_redundancy_pay, 0.0)
    keeps, at_risk_cost = _protocol_share(inputs, plain)
    for s, scenario in enumerate(case.scenarios):
        for c, council in enumerate(case.councils):
            staff[(s, c)] = sheet.given("Redundancy and pension strain (computed)", f"{scenario.name}: {council.name}",
                                        "£", f"{scenario.id}.{council.id}.staff_costs", STAFF_NOTE, computed[s, c],
                                        computed=True)
            not_qualifying[(s, c)] = sheet.given(
                "One-off costs capital receipts may not meet", f"{scenario.name}: {council.name}", "£",
                f"{scenario.id}.{council.id}.not_qualifying", "computed by the model: discretionary redundancy "
                "costs in years whose direction allows statutory redundancy pay only", excluded[s, c], computed=True)
            for i in [i for i, at in earmarked if at == c]:
                value = inputs.membership[s, i] * at_risk_cost[i, c] * keeps[s, c]
                own[(s, i, c)] = sheet.given("Its redundancy and pension strain (computed)",
                                             f"{scenario.name}: {case.initiatives[i].name}: {council.name}", "£",
                                             f"{scenario.id}.{case.initiatives[i].id}.{council.id}.staff_costs",
                                             STAFF_NOTE, value, computed=True)
    return staff, not_qualifying, own


def _protocol_share(inputs: EngineInputs, plain: Projection) -> tuple[np.ndarray, np.ndarray]:
    """([S, C, Y] share of the staff at risk a cross-council protocol leaves to be made redundant,
    [I, C, Y] each initiative's redundancy and strain cost of everyone at risk)."""
    _, _, _, fte = profiles(inputs.start_month, inputs.ramp, inputs.horizon, inputs.savings_from_posts)
    removed = np.diff(fte, axis=-1, prepend=0.0)
    staying = (inputs.full_fte[:, :, None] * removed[:, None, :] * (1 - inputs.vacancy_rate[..., None])
               * (1 - inputs.natural_wastage_rate[..., None]) * (1 - inputs.redeployment_rate[..., None]))
    cost = staying * (inputs.statutory_per_fte + inputs.discretionary_per_fte + inputs.strain_per_fte)
    at_risk = np.einsum("si,icy->scy", inputs.membership, staying)
    keeps = np.divide(plain.redundancy_fte, at_risk, out=np.ones_like(at_risk), where=at_risk > 0)
    return keeps, cost


def _successor_rows(sheet: Sheet, case: a.Case, inputs: EngineInputs, out: Inputs, default: str) -> None:
    successors = inputs.successors
    C = len(inputs.council_ids)
    out.tax_councils, out.tax_inputs = write_tax_inputs(sheet, case, source_of, default)
    sheet.heading("Reorganisation: vesting, the successors' shares of their predecessors and their gaps")
    for s, scenario in enumerate(case.scenarios):
        plan = scenario.reorganisation
        if plan is None:
            continue
        out.vesting[s] = sheet.given("Vesting year (year number)", scenario.name, "year no.", f"{scenario.id}.vesting",
                                     f"vesting {plan.vesting} in the reorganisation; "
                                     f"{source_of(plan, default=default)}",
                                     float(successors.vesting[s]), name=defined_name("Vesting", scenario.id))
        splits = {split.council: split for split in plan.splits}
        for successor in plan.successors:
            o = C + successors.ids.index(successor.id)
            if successor.population is not None:
                out.successor_population[(s, o)] = sheet.given(
                    "Population", f"{scenario.name}: {successor.name}", "count",
                    f"{scenario.id}.{successor.id}.population",
                    source_of(successor.population, successor, plan, default=default), successor.population.value)
            for c, council in enumerate(case.councils):
                weight = successors.weights[s, o, c]
                split = splits.get(council.id)
                if weight == 0:
                    continue
                if split is not None and split.key == "population" and not split.services:
                    out.population_split.append((s, o, c))        # a formula on the scenario's sheet
                    continue
                whole = council.id in successor.predecessors
                fixed = split is not None and split.key == "fixed" and not split.services
                out.weight[(s, o, c)] = sheet.given(
                    "Share of the predecessor's figures it takes", f"{scenario.name}: {successor.name}: {council.name}",
                    "weight", f"{scenario.id}.{successor.id}.{council.id}.weight",
                    "a predecessor it replaces whole" if whole else
                    f"the agreed share of the split; {source_of(split, plan, default=default)}" if fixed else
                    "computed by the model from the split's key (reorganisation: splits)", weight,
                    computed=not (whole or fixed))
            if successor.savings_required is not None:
                out.successor_required[(s, o)] = sheet.given(
                    "Savings required (budget gap, recurring)", f"{scenario.name}: {successor.name}", "£",
                    f"{scenario.id}.{successor.id}.savings_required",
                    _first_source(successor.savings_required, successor, default) + " (from vesting)",
                    successors.savings_required[s, o])


def _first_source(mapping: dict, holder: object, default: str) -> str:
    for number in mapping.values():
        return source_of(number, holder, default=default)
    return ""


def _price_note(case: a.Case) -> str:
    if case.case.prices == "cash":
        return f"computed by the model from the case's inflation (case.yaml), 1 in {case.case.price_year}"
    return "1 throughout: the case is in constant prices"


def _array(values, Y: int) -> np.ndarray:
    return np.ones(Y) if values is None else np.asarray(values, dtype=float)


def _col(years: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    from .live_cells import FIRST_YEAR_COLUMN
    return xl_col_to_name(FIRST_YEAR_COLUMN + years - 1)


def _rate_or_amount(sheet, item, effect, field: str, labels: tuple[str, str], unit: str, default: str,
                    names: tuple[str, str] | None = None):
    """An initiative's effect as given: a rate of the in-scope figure, or an amount for the whole
    partnership (``labels`` and ``names``, the workbook name's prefix, for each)."""
    is_rate = effect.rate is not None
    number = effect.rate if is_rate else effect.amount
    return sheet.given(labels[0] if is_rate else labels[1], item.name, "rate" if is_rate else unit,
                       f"{item.id}.{field}.{'rate' if is_rate else 'amount'}",
                       source_of(number, effect, item, default=default), number.value,
                       name=defined_name(names[0] if is_rate else names[1], item.id) if names else None)
