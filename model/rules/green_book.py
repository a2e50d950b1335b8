"""HM Treasury Green Book optimism bias: the published adjustment ranges by project type, as presets.

Source. HM Treasury's "Supplementary Green Book Guidance: Optimism Bias" (2003) publishes, for six
generic project types, an upper and a lower bound of optimism bias for works duration and capital
expenditure, and for outsourcing projects for operating expenditure instead. The figures are those of
Mott MacDonald's "Review of Large Public Procurement in the UK" for HM Treasury (2002), Table 2
"Optimism Bias Guidelines"; :data:`SOURCE` gives the full citation. The report's note to that table
says the values are indicative starting values, that the upper bound is not the highest optimism bias
that can occur and the lower bound not the lowest that can be achieved. They are to be used only where
a council has no better evidence of its own.

What the model applies, and to what (a modelling choice of this toolkit, not the guidance's words):

* the capital expenditure figure is the uplift on **one-off costs** (:func:`one_off_uplift`): a
  council's one-off costs of joint working (ICT, programme team, redundancy) are the nearest thing it
  has to capital expenditure;
* the operating expenditure figure is the uplift on **recurring costs** (:func:`recurring_uplift`); the
  guidance publishes one only for outsourcing, so every other type gives 0.0, and outsourcing, having
  no capital figure, gives 0.0 on one-off costs;
* works duration figures are held for reference; the model does not stretch timetables from them;
* the guidance publishes **no figure for a shortfall in benefits** (the Green Book's own optimism bias
  section says there are no generic values for benefits, and an organisation should use its own
  evidence), so the haircut on savings is set by each case, never by a preset here.

Reducing the upper bound as risks are managed. The method starts from the upper bound; each
contributory risk area that has been managed is given a mitigation factor between 0 and 1, and the
upper bound falls by the managed share of its contributions. Mott MacDonald's worked example for
non-standard buildings: a 92 % reduction leaves (100 % - 92 %) x 51 % = 4 % capital expenditure
optimism bias, the lower bound, which is what sufficient risk mitigation should ideally reach by
contract award. Here ``mitigation`` is that managed share, one number from 0 to 1, so

    uplift = upper x (1 - mitigation)

Rules: mitigation applies to the upper bound only (the lower bound is already the mitigated level, so
asking for the lower bound with mitigation above 0 is refused); the result is not floored at the lower
bound, because the guidance calls the lower bound a target, not a limit, and says lower values can be
achieved. Uplifts are fractions of the cost (0.24 means add 24 %).

Verified against the source: every figure in the table below, the worked example and the notes quoted
above. The descriptions in ``Category.examples``, and how council initiatives map to the types, are
this toolkit's own wording and judgement, not quotations from the guidance.
"""
from __future__ import annotations

from dataclasses import dataclass

SOURCE = (
    "HM Treasury (2003), Supplementary Green Book Guidance: Optimism Bias; figures from Mott MacDonald "
    "(2002), Review of Large Public Procurement in the UK, report for HM Treasury, Table 2 "
    "'Optimism Bias Guidelines' (upper and lower bounds, %, for works duration and capital expenditure; "
    "operating expenditure for outsourcing)"
)

BOUNDS = ("upper", "lower")


@dataclass(frozen=True)
class Category:
    """One project type of the guidance. Pairs are (upper, lower) as fractions; None where none is published."""

    id: str
    label: str
    works_duration: tuple[float, float] | None
    capital: tuple[float, float] | None
    operating: tuple[float, float] | None
    examples: str


CATEGORIES: dict[str, Category] = {c.id: c for c in (
    Category(
        "standard_buildings", "Standard buildings", (0.04, 0.01), (0.24, 0.02), None,
        "Ordinary accommodation with no special design needs, such as offices, schools and depots; for a "
        "council partnership, an office move or co-locating two councils' teams in one building.",
    ),
    Category(
        "non_standard_buildings", "Non-standard buildings", (0.39, 0.02), (0.51, 0.04), None,
        "Buildings needing special design because of a tight site, unusual requirements, innovation, "
        "heritage or complex refurbishment; for a council partnership, a shared civic hub built or "
        "remodelled for the purpose.",
    ),
    Category(
        "standard_civil_engineering", "Standard civil engineering", (0.20, 0.01), (0.44, 0.03), None,
        "Routine infrastructure such as roads, car parks, drainage and utilities; rarely the heart of a "
        "joint-working initiative.",
    ),
    Category(
        "non_standard_civil_engineering", "Non-standard civil engineering", (0.25, 0.03), (0.66, 0.06), None,
        "Infrastructure needing special design, such as bridges, tunnels, light rail or estuarine works; "
        "rarely the heart of a joint-working initiative.",
    ),
    Category(
        "equipment_development", "Equipment/development", (0.54, 0.10), (2.00, 0.10), None,
        "Providing equipment or developing software and systems; for a council partnership, ICT "
        "convergence, a shared system implementation or a new digital platform.",
    ),
    Category(
        "outsourcing", "Outsourcing", None, None, (0.41, 0.00),
        "Buying a service from another body instead of running it; for a council partnership, moving a "
        "service to a company, a shared-service provider or another council.",
    ),
)}


def _pick(pair: tuple[float, float] | None, category: str, bound: str, mitigation: float) -> float:
    if category not in CATEGORIES:
        raise ValueError(f"unknown optimism bias category {category!r}; use one of: {', '.join(CATEGORIES)}")
    if bound not in BOUNDS:
        raise ValueError(f"unknown bound {bound!r}; use one of: {', '.join(BOUNDS)}")
    if isinstance(mitigation, bool) or not isinstance(mitigation, (int, float)) or not 0.0 <= mitigation <= 1.0:
        raise ValueError(f"the mitigation {mitigation!r} must be a number from 0 (nothing managed) to 1 (all managed)")
    if bound == "lower" and mitigation > 0.0:
        raise ValueError(
            f"mitigation {mitigation:g} applies only to the upper bound; the lower bound is already the level "
            "reached once risks are managed, so use bound 'upper' with the mitigation, or 'lower' with none")
    if pair is None:
        return 0.0
    upper, lower = pair
    if bound == "lower":
        return lower
    return upper * (1.0 - float(mitigation))


def one_off_uplift(category: str, bound: str = "upper", mitigation: float = 0.0) -> float:
    """The uplift on one-off costs: the capital expenditure figure, as a fraction (0.24 adds 24 %).

    ``bound`` is 'upper' or 'lower'; ``mitigation`` (0 to 1, upper bound only) is the managed share of
    the upper bound: upper x (1 - mitigation). 0.0 for outsourcing, which has no capital figure.
    """
    cat = CATEGORIES.get(category)
    return _pick(cat.capital if cat else None, category, bound, mitigation)


def recurring_uplift(category: str, bound: str = "upper", mitigation: float = 0.0) -> float:
    """The uplift on recurring costs: the operating expenditure figure, as a fraction (0.41 adds 41 %).

    Published for outsourcing only; every other category gives 0.0. ``bound`` and ``mitigation`` as in
    :func:`one_off_uplift`.
    """
    cat = CATEGORIES.get(category)
    return _pick(cat.operating if cat else None, category, bound, mitigation)
