"""An assumption the risk runs move, as a straight-line change of the engine's inputs.

A :class:`Lever` has a base value (the plan's) and, for each engine input it touches, the change
in that input per unit of its value (``deltas``). :func:`vary` applies many levers to many draws
in one go, giving the inputs a leading draws axis:

    input[d] = base input + sum over levers k of (value[d, k] - base_k) * delta_k

A draw with every lever at its base value is therefore the deterministic run to the last bit (the
change is exactly zero). ``start_month`` moves by whole months.

Levers come from two places:

* :func:`key_levers`, for sensitivity: each initiative's saving (rate or amount), one-off costs,
  recurring costs, start delay and, for a shared savings pot, each council's share of it; and
  each profiled council's natural wastage rate. Swings come from ``case.yaml: sensitivity``.
* :func:`declared_levers`, for Monte Carlo: every number in the case that carries a
  ``distribution``, and every initiative's ``start_delay``. A number's effect on the inputs is
  measured by building the inputs at the ends of its range; a number whose effect is not a
  straight line over that range (one that feeds a sharing key by net budget, say) is refused
  with a message, rather than drawn wrongly.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..case import assumptions as a
from ..case.positions import at, join
from ..case.sources import numbers
from ..engine.inputs import EngineInputs, build_inputs
from ..rules import distributions
from ..rules.errors import CaseError, Problem, relative
from ..case import names as case_names

#: relative size of a departure from a straight line that makes a number unfit to be drawn
LINEAR_TOLERANCE = 1e-9


@dataclass
class Lever:
    id: str                               # "shared-back-office.savings", "south-somerset.natural_wastage_rate"
    label: str                            # plain English: "Shared back office: saving rate"
    unit: str                             # one of outcomes.UNITS
    base: float                           # the plan's value
    deltas: dict[str, np.ndarray]         # engine input -> change per unit of value
    initiatives: np.ndarray               # [I] bool: it belongs to these initiatives
    councils: np.ndarray                  # [C] bool: it moves these councils' figures directly
    domain: tuple[float, float]           # every value it may take
    swing: tuple[float, float] | None = None   # sensitivity: the low and high ends
    whole: bool = False                   # values are whole numbers (months)
    file: str = ""                        # declared levers: where the number is written
    field: str = ""
    distribution: a.Distribution | None = None
    source: str = ""

    def relevant(self, membership: np.ndarray) -> np.ndarray:
        """[S, C] bool: scenarios that include one of its initiatives, for the councils it moves."""
        in_scenario = (membership @ self.initiatives.astype(float)) > 0
        return in_scenario[:, None] & self.councils[None, :]

    def relevant_results(self, inputs: EngineInputs) -> np.ndarray:
        """[S, O] bool: :meth:`relevant` on the results' councils (``inputs.result_council_ids``): a
        successor where it takes over a council the lever moves, and a council only in a scenario
        where it has a row."""
        moved = self.relevant(inputs.membership)
        if inputs.successors is None:
            return moved
        C = moved.shape[1]
        lineage = inputs.successors.weights > 0                            # [S, O, C]
        lineage[:, :C, :] |= np.eye(C, dtype=bool)
        return (lineage & moved[:, None, :]).any(axis=-1) & inputs.present().any(axis=-1)

    def clip(self, value: float) -> float:
        return float(min(max(value, self.domain[0]), self.domain[1]))


def vary(inputs: EngineInputs, levers: list[Lever], values: np.ndarray) -> EngineInputs:
    """The inputs with a leading draws axis: draw ``d`` sets lever ``k`` to ``values[d, k]``."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(levers):
        raise ValueError(f"values must be [draws, {len(levers)}], not {values.shape}")
    moved = values - np.array([lever.base for lever in levers])
    for k, lever in enumerate(levers):
        if lever.whole:
            moved[:, k] = np.rint(moved[:, k])
    arrays = input_arrays(inputs)
    changed: dict = {}
    for name in sorted({name for lever in levers for name in lever.deltas}):
        ks = [k for k, lever in enumerate(levers) if name in lever.deltas]
        base = arrays[name]
        step = np.tensordot(moved[:, ks], np.stack([levers[k].deltas[name] for k in ks]), axes=1)
        changed[name] = base + (np.rint(step).astype(base.dtype) if base.dtype.kind in "iu" else step)
    successors = {name[len(SUCCESSORS):]: changed.pop(name) for name in list(changed) if name.startswith(SUCCESSORS)}
    if successors:
        changed["successors"] = dataclasses.replace(inputs.successors, **successors)
    return dataclasses.replace(inputs, **changed)


#: the prefix of a successor council's inputs (:class:`model.engine.successors.Successors`) among a lever's deltas
SUCCESSORS = "successors."
#: successor inputs no lever may move: how councils are split between successors, and when
FIXED_SUCCESSOR_ARRAYS = ("weights", "vesting", "present")


def input_arrays(inputs: EngineInputs) -> dict[str, np.ndarray]:
    """Every array of the engine's inputs by name, and a successor council's (its gap, its minimum
    reserves: its predecessors' by the weights unless the case gives them) as ``successors.<name>``,
    so that a drawn predecessor's gap moves its successor's too."""
    out = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(EngineInputs)
           if isinstance(getattr(inputs, f.name), np.ndarray)}
    if inputs.successors is not None:
        for f in dataclasses.fields(inputs.successors):
            value = getattr(inputs.successors, f.name)
            if isinstance(value, np.ndarray):
                out[SUCCESSORS + f.name] = value
    return out


def at_base(levers: list[Lever], draws: int) -> np.ndarray:
    """[draws, L] every lever at its base value."""
    return np.tile(np.array([lever.base for lever in levers], dtype=float), (draws, 1))


# ------------------------------------------------------------------------------- key assumptions


def key_levers(case: a.Case, inputs: EngineInputs) -> list[Lever]:
    """The assumptions a sensitivity run swings, each with its low and high end."""
    settings = case.case.sensitivity
    I, C = len(case.initiatives), len(case.council_ids)
    levers: list[Lever] = []
    for i, item in enumerate(case.initiatives):
        mine = np.arange(I) == i
        members = np.zeros(C, dtype=bool)
        members[[case.council_ids.index(c) for c in (item.councils or case.council_ids)]] = True

        def lever(suffix: str, what: str, unit: str, base: float, deltas: dict, domain: tuple[float, float],
                  swing: tuple[float, float], councils: np.ndarray = members, whole: bool = False) -> Lever:
            label = f"{case_names.display(item)}: {what}"
            made = Lever(f"{item.id}.{suffix}", label, unit, base, deltas, mine, councils,
                         domain, whole=whole)
            made.swing = (made.clip(swing[0]), made.clip(swing[1]))
            return made

        savings = inputs.full_savings[i]
        if item.savings is not None and savings.any():
            by_rate = item.savings.rate is not None
            base = (item.savings.rate or item.savings.amount).value
            s = settings.savings.value
            levers.append(lever("savings", "saving rate" if by_rate else "savings", "rate" if by_rate else "GBP a year",
                                base, {"full_savings": _row(I, i, savings / base)},
                                (0.0, min(1.0, 2 * base) if by_rate else 2 * base), (base * (1 - s), base * (1 + s))))
        entries = inputs.one_off_initiative == i
        total = sum(entry.amount.value for entry in item.one_off_costs)
        if total > 0:
            delta = np.where(entries[:, None], inputs.one_off_amount / total, 0.0)
            s = settings.one_off_costs.value
            levers.append(lever("one_off_costs", "one-off costs", "GBP", total, {"one_off_amount": delta},
                                (0.0, 10 * total), (total * (1 - s), total * (1 + s))))
        total = sum(entry.amount.value for entry in item.recurring_costs)
        if total > 0:
            s = settings.recurring_costs.value
            levers.append(lever("recurring_costs", "recurring costs", "GBP a year", total,
                                {"full_recurring_costs": _row(I, i, inputs.full_recurring_costs[i] / total)},
                                (0.0, 10 * total), (total * (1 - s), total * (1 + s))))
        latest = 12 * inputs.horizon - int(inputs.start_month[i])
        if latest > 0:
            levers.append(lever("start_delay", "start delay", "months", 0.0, {"start_month": mine.astype(int)},
                                (0.0, float(latest)), (0.0, float(settings.start_delay_months)), whole=True))
        pot = savings.sum()
        if item.savings is not None and item.savings.amount is not None and pot > 0 and members.sum() > 1:
            for c in np.nonzero(members)[0]:
                share = savings[c] / pot
                if share >= 1.0:
                    continue
                delta = np.where(members, -savings / (1.0 - share), 0.0)
                delta[c] = pot
                name = case_names.council_name(case, case.councils[c].id)
                levers.append(lever(f"share.{case.council_ids[c]}", f"{name}'s share of the savings", "share",
                                    float(share), {"full_savings": _row(I, i, delta)}, (0.0, 1.0),
                                    (share - settings.shares.value, share + settings.shares.value)))
    levers += _wastage_levers(case, inputs)
    return levers


def _row(rows: int, i: int, values: np.ndarray) -> np.ndarray:
    out = np.zeros((rows, len(values)))
    out[i] = values
    return out


def _wastage_levers(case: a.Case, inputs: EngineInputs) -> list[Lever]:
    """Each profiled council's natural wastage rate, moved by the same points in every initiative
    that removes its posts (an initiative with its own rate keeps its difference)."""
    swing = case.case.sensitivity.wastage_rate.value
    levers = []
    per_fte = inputs.statutory_per_fte + inputs.discretionary_per_fte + inputs.strain_per_fte
    for c, council in enumerate(case.councils):
        removes = (inputs.full_fte[:, c] > 0) & (per_fte[:, c].sum(axis=-1) > 0)
        if council.id not in case.profiled_councils or not removes.any():
            continue
        own = case.workforce_of(council.id).natural_wastage_rate
        base = own.value if own is not None else 0.0
        rates = inputs.natural_wastage_rate[removes, c]
        delta = np.zeros_like(inputs.natural_wastage_rate)
        delta[removes, c] = 1.0
        label = f"{case_names.council_name(case, council.id)}: natural wastage rate"
        made = Lever(f"{council.id}.natural_wastage_rate", label,
                     "rate", base,
                     {"natural_wastage_rate": delta}, removes, np.arange(len(case.councils)) == c,
                     (base - rates.min(), base + 1.0 - rates.max()))
        made.swing = (made.clip(base - swing), made.clip(base + swing))
        levers.append(made)
    return levers


# ------------------------------------------------------------------------- declared distributions


def declared_levers(case: a.Case, inputs: EngineInputs) -> list[Lever]:
    """Every number that carries a distribution, and every initiative's start delay, as levers."""
    levers, problems = [], []
    all_initiatives = np.ones(len(case.initiatives), dtype=bool)
    all_councils = np.ones(len(case.council_ids), dtype=bool)
    for file, path, number in numbers(case):
        if number.distribution is None:
            continue
        where = relative(Path(case.folder) / file)
        try:
            deltas = _measured(case, inputs, number)
        except _NotLinear as exc:
            problems.append(Problem(where, join(path, "distribution"), f"cannot be drawn: {exc}", has_value=False))
            continue
        levers.append(Lever(f"{file}:{path}", declared_label(case, file, path), _unit(number), float(number.value), deltas,
                            all_initiatives, all_councils, number.domain, file=file, field=path,
                            distribution=number.distribution,
                            source=number.distribution.source or number.source or ""))
    for i, item in enumerate(case.initiatives):
        if item.start_delay is not None:
            delay = item.start_delay
            levers.append(Lever(f"{item.id}.start_delay", f"{case_names.display(item)}: start delay", "months", 0.0,
                                {"start_month": (np.arange(len(case.initiatives)) == i).astype(int)},
                                np.arange(len(case.initiatives)) == i, all_councils, (0.0, 12.0 * a.MAX_HORIZON),
                                whole=True, file="initiatives.yaml",
                                field=at("initiatives", case.initiatives, i, "start_delay"), distribution=delay,
                                source=delay.source or item.source or ""))
    if problems:
        raise CaseError(problems)
    return levers


#: the register's paths (model.sources, in model.positions' form), read back for the labels
_INITIATIVE_FIELD = re.compile(r"^initiatives '([^']+)'(?: \(item \d+\))? \.(.+)$")
_OWNED_FIELD = re.compile(r"^councils '([^']+)'(?: \(item \d+\))? \.(.+)$")
_SERVICE_ROW = re.compile(r"^row \d+ \(([^,]+), (.+)\), column (.+)$")
_ENTRY = re.compile(r"^(one_off_costs|recurring_costs|income|external_funding) (?:'([a-z_]+)'|item (\d+)) \.amount$")
_FIELD_WORDS = {"savings.rate": "saving rate", "savings.amount": "savings", "fte_reduction.rate": "share of posts removed",
                "fte_reduction.amount": "posts removed", "cross_council_redeployment": "vacancy protocol rate",
                "net_cost": "net cost", "fte": "FTE"}


def declared_label(case: a.Case, file: str, path: str) -> str:
    """A number's place in the case in plain English: "Joint authority: ICT one-off cost",
    "South Somerset: budget gap in 2019/20", "North: Finance net cost"."""
    names = case_names.council_names(case)
    found = _INITIATIVE_FIELD.match(path)
    if file == "initiatives.yaml" and found:
        item = next(i for i in case.initiatives if i.id == found.group(1))
        return f"{case_names.display(item)}: {_initiative_field(item, found.group(2), names)}"
    found = _OWNED_FIELD.match(path)
    if file in ("councils.yaml", "workforce.yaml") and found:
        owner = names.get(found.group(1), "")
        field = re.sub(r"^savings_required\.(.+)$", r"budget gap in \1", found.group(2))
        return f"{owner}: {_words(field)}"
    found = _SERVICE_ROW.match(path)
    if file == "services.csv" and found:
        return f"{names.get(found.group(1), found.group(1))}: {found.group(2)} {_words(found.group(3))}"
    return f"{file.rsplit('.', 1)[0]}: {_words(path)}"


def _initiative_field(item: a.Initiative, field: str, names: dict[str, str]) -> str:
    entry = _ENTRY.match(field)
    if entry:
        kind, category, number = entry.groups()
        entries = getattr(item, kind)
        chosen = next(e for e in entries if e.category == category) if category else entries[int(number) - 1]
        if kind == "one_off_costs":
            label = case_names.category_name(chosen.category)
            label = label[0].lower() + label[1:] if label[1:2].islower() else label    # "ICT" stays
            same = [e for e in item.one_off_costs if e.category == chosen.category]
            return f"{label} one-off cost" + (f" ({same.index(chosen) + 1} of {len(same)})" if len(same) > 1 else "")
        if kind == "recurring_costs":
            return f"{chosen.description or _words(chosen.category)} (recurring)"
        return chosen.name if kind == "external_funding" else (chosen.description or "income")
    share = re.match(r"^(?:.*\.)?shares\.(.+)$", field)
    if share:
        return f"{names.get(share.group(1), share.group(1))}'s share"
    ramp = re.match(r"^ramp item (\d+)$", field)
    if ramp:
        return f"ramp in year {ramp.group(1)}"
    return _FIELD_WORDS.get(field, _words(field))


def _words(field: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[._']+|\bitem\b", " ", field)).strip()


def _unit(number: a.Sourced) -> str:
    if isinstance(number, a.Money):
        return "GBP"
    if isinstance(number, a.Fraction):
        return "rate"
    return "number"


class _NotLinear(Exception):
    pass


def _measured(case: a.Case, base: EngineInputs, number: a.Sourced) -> dict[str, np.ndarray]:
    """The change in each engine input per unit of ``number``, measured across its range.

    The inputs are built with the number at ``low``, ``high`` and, if the plan's value is one of
    those ends, the middle; the effect must be a straight line through all three points."""
    spec = number.distribution
    plan = number.value
    if spec.high == spec.low:
        return {}
    points = [spec.low, spec.high] if spec.low < plan < spec.high else [spec.low, spec.high, (spec.low + spec.high) / 2]
    built = []
    try:
        for value in points:
            number.value = value
            try:
                built.append(build_inputs(case))
            except CaseError as exc:
                raise _NotLinear(f"at {value:g} the case is not valid ({exc.problems[0]})") from None
    finally:
        number.value = plan
    if built[0].discount_rate != built[1].discount_rate:
        raise _NotLinear("the discount rate is the Green Book's, not an uncertain assumption")
    checks = [(plan, input_arrays(base))] + [(value, input_arrays(inputs)) for value, inputs in zip(points[2:], built[2:])]
    lows, highs = input_arrays(built[0]), input_arrays(built[1])
    deltas = {}
    for name, low in lows.items():
        high = highs[name]
        if np.array_equal(low, high):
            continue
        if name.removeprefix(SUCCESSORS) in FIXED_SUCCESSOR_ARRAYS and name.startswith(SUCCESSORS):
            raise _NotLinear("it changes how a council is divided between its successor councils, which the draws "
                             "keep as the plan's; only numbers whose effect is a straight line (amounts, rates, "
                             "costs, gaps) can carry a distribution")
        slope = (high.astype(float) - low) / (spec.high - spec.low)
        scale = max(np.abs(low).max(), np.abs(high).max(), 1.0)
        for value, arrays in checks:
            expected = low + (value - spec.low) * slope
            if np.abs(arrays[name] - expected).max() > LINEAR_TOLERANCE * scale:
                raise _NotLinear(f"its effect on the projection ({name}) is not a straight line between "
                                 f"{spec.low:g} and {spec.high:g}; only numbers whose effect is (amounts, rates, "
                                 "costs, gaps) can carry a distribution")
        deltas[name] = slope
    return deltas


def draw(levers: list[Lever], draws: int, seed: int) -> np.ndarray:
    """[draws, L] values for declared levers: each lever has its own random stream from ``seed``,
    so adding or changing one assumption's distribution leaves the others' draws as they were."""
    streams = np.random.SeedSequence(seed).spawn(len(levers))
    out = np.empty((draws, len(levers)))
    for k, (lever, stream) in enumerate(zip(levers, streams)):
        spec = lever.distribution
        centre = spec.low if isinstance(spec, a.StartDelay) else lever.base  # a delay's plan is on time
        out[:, k] = distributions.sample(spec.shape, low=spec.low, high=spec.high, centre=centre, mode=spec.mode,
                                         sd=spec.sd, size=draws, rng=np.random.default_rng(stream))
    return out


