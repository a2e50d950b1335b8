"""Checks of ``options.yaml`` that need the rest of the case: every council rates every option on
every criterion the projection does not rate, on the declared scale; every view weights every
criterion, adding up to ``weights_total`` if one is declared; options name known scenarios."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from . import assumptions as a
from ..rules.errors import Problem
from .positions import at, item, join

WEIGHT_TOLERANCE = 1e-6


Refers = Callable[[str], "bool | None"]


def options_problems(case: a.Case, file: str, council_refers: Refers | None = None,
                     scenario_refers: Refers | None = None) -> list[Problem]:
    """Every problem of ``options.yaml`` against the case. ``council_refers`` and
    ``scenario_refers`` say whether an id is a council or scenario that validated (True), is none
    (False), or may be one that failed validation (None: nothing is said about it)."""
    spec = case.options
    councils = council_refers or (lambda ident: ident in case.council_ids)
    scenarios_known = scenario_refers or (lambda ident: ident in {s.id for s in case.scenarios})
    problems: list[Problem] = []
    for where, ids in (("criteria", [c.id for c in spec.criteria]), ("options", [o.id for o in spec.options])):
        problems += [Problem(file, where, f"id is used {count} times; ids must be unique", value=ident)
                     for ident, count in Counter(ids).items() if count > 1]
    for n, option in enumerate(spec.options):
        if option.scenario is not None and scenarios_known(option.scenario) is False:
            problems.append(Problem(file, at("options", spec.options, n, "scenario"),
                                    "unknown scenario (not in scenarios.yaml)", value=option.scenario))
    scale = ", ".join(spec.scale)
    for n, criterion in enumerate(spec.criteria):
        if criterion.financial is None:
            continue
        thresholds = criterion.financial.thresholds
        labels = [(join("thresholds", item("thresholds", thresholds, m), "rating"), t.rating)
                  for m, t in enumerate(thresholds)]
        labels += [("otherwise", criterion.financial.otherwise)] if criterion.financial.otherwise else []
        problems += [Problem(file, at("criteria", spec.criteria, n, "financial", where),
                             f"not a rating on the scale ({scale})", value=label)
                     for where, label in labels if label not in spec.scale]
    problems += _ratings(case, spec, file, scale, councils)
    problems += _weights(case, spec, file, councils)
    return problems


def _views(case: a.Case) -> list[str]:
    return case.council_ids + [a.JOINT]


def _unknown_views(given: dict, where: str, file: str, councils: Refers) -> list[Problem]:
    return [Problem(file, f"{where}.{view}", "unknown council (not in councils.yaml; 'joint' is the agreed view)",
                    has_value=False) for view in given if view != a.JOINT and councils(view) is False]


def _ratings(case: a.Case, spec: a.OptionsFile, file: str, scale: str, councils: Refers) -> list[Problem]:
    problems = _unknown_views(spec.ratings, "ratings", file, councils)
    problems += [Problem(file, "ratings", f"no ratings for {council}: each council's directors rate every option",
                         has_value=False) for council in case.council_ids if council not in spec.ratings]
    options = {o.id: o for o in spec.options}
    criteria = {c.id: c for c in spec.criteria}
    for view, by_option in spec.ratings.items():
        for option_id, by_criterion in by_option.items():
            if option_id not in options:
                problems.append(Problem(file, f"ratings.{view}.{option_id}", "unknown option (not in options)",
                                        has_value=False))
                continue
            for criterion_id, label in by_criterion.items():
                where = f"ratings.{view}.{option_id}.{criterion_id}"
                criterion = criteria.get(criterion_id)
                if criterion is None:
                    problems.append(Problem(file, where, "unknown criterion (not in criteria)", has_value=False))
                elif criterion.financial is not None and options[option_id].scenario is not None:
                    problems.append(Problem(file, where, "this criterion is rated from the projection of the "
                                            f"option's scenario ({options[option_id].scenario}); remove the rating",
                                            value=label))
                elif label not in spec.scale:
                    problems.append(Problem(file, where, f"not a rating on the scale ({scale})", value=label))
        if view == a.JOINT and not by_option:
            continue
        for option in spec.options:
            given = by_option.get(option.id, {})
            missing = [c.id for c in spec.criteria if c.id not in given
                       and (c.financial is None or option.scenario is None)]
            if missing:
                problems.append(Problem(file, f"ratings.{view}.{option.id}",
                                        f"no rating for {', '.join(missing)}"
                                        + (" (a financial criterion needs a rating when the option has no scenario)"
                                           if any(criteria[m].financial for m in missing) else ""), has_value=False))
    return problems


def _weights(case: a.Case, spec: a.OptionsFile, file: str, councils: Refers) -> list[Problem]:
    problems = _unknown_views(spec.weights, "weights", file, councils)
    criteria = [c.id for c in spec.criteria]
    for view in _views(case):
        if view not in spec.weights:
            problems.append(Problem(file, "weights", f"no weights for {view}: every council and the joint view "
                                    "weight every criterion", has_value=False))
            continue
        given = spec.weights[view]
        problems += [Problem(file, f"weights.{view}.{c}", "unknown criterion (not in criteria)", has_value=False)
                     for c in given if c not in criteria]
        missing = [c for c in criteria if c not in given]
        if missing:
            problems.append(Problem(file, f"weights.{view}", f"no weight for {', '.join(missing)}", has_value=False))
            continue
        total = sum(w.value for w in given.values())
        if total <= 0:
            problems.append(Problem(file, f"weights.{view}", "every weight is zero", has_value=False))
        elif spec.weights_total is not None and abs(total - spec.weights_total) > WEIGHT_TOLERANCE * spec.weights_total:
            problems.append(Problem(file, f"weights.{view}", f"the weights add up to {total:g}, not the declared "
                                    f"weights_total {spec.weights_total:g}", value=total))
    return problems
