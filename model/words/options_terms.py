"""The terms of an options appraisal in words: views, options, criteria, scores, ranks and the
robustness figures, shared by the options sentences, titles, tables and charts.

Words used are defined in :mod:`model.words.options`.
"""
from __future__ import annotations

import math

import pandas as pd

from ..case import names
from ..options.outcomes import JOINT, OptionsAppraisal
from .chances import chance, number_text
from .phrases import list_in_words

AGREED = "the agreed weighting"



# ------------------------------------------------------------------------------- names and numbers


def view_name(appraisal: OptionsAppraisal, view: str) -> str:
    """A view's display name: "Breckland", "Joint (agreed weighting)"."""
    return appraisal.view_names.get(view, view)


def council_views(appraisal: OptionsAppraisal) -> list[str]:
    """The views that are councils (every view but the joint one), in order."""
    return [v for v in appraisal.views if v != JOINT]


def view_phrase(appraisal: OptionsAppraisal, view: str) -> str:
    """Where a finding holds: "for Breckland", or "on the agreed weighting"."""
    return f"on {AGREED}" if view == JOINT else f"for {view_name(appraisal, view)}"


def where_text(appraisal: OptionsAppraisal, views: list[str]) -> str:
    """"for Breckland, South Holland and on the agreed weighting", "for Breckland and South
    Holland", "on the agreed weighting"."""
    councils = [view_name(appraisal, v) for v in views if v != JOINT]
    if JOINT in views and councils:
        return f"for {', '.join(councils)} and on {AGREED}"
    if JOINT in views:
        return f"on {AGREED}"
    return f"for {list_in_words(councils)}"


def every_council(appraisal: OptionsAppraisal) -> str:
    councils = council_views(appraisal)
    if len(councils) == 1:
        return view_name(appraisal, councils[0])
    return "both councils" if len(councils) == 2 else "every council"


def option_name(appraisal: OptionsAppraisal, option: str, short: bool = False) -> str:
    """An option's display name: its ``short_name`` if declared, else its name, as written (the
    same in every chart, table and sentence; ``short`` is kept for callers and changes nothing)."""
    display = dict(zip(appraisal.options.id, appraisal.options.short_name))
    return str(display.get(option, option))


def option_in_text(appraisal: OptionsAppraisal, option: str, short: bool = False) -> str:
    """An option's name inside a sentence: "a new local partnership", "stand-alone"."""
    return names.in_sentence(option_name(appraisal, option, short))


def criterion_name(appraisal: OptionsAppraisal, criterion: str) -> str:
    names = dict(zip(appraisal.criteria.id, appraisal.criteria.name))
    return str(names.get(criterion, criterion))


def criteria_in_text(appraisal: OptionsAppraisal, criteria: list[str], quote: bool = False) -> list[str]:
    """Criterion names inside a sentence ("place and community leadership"); quoted when asked
    ("“capacity and resilience”"), so a list of names that hold "and" still reads."""
    texts = [names.in_sentence(criterion_name(appraisal, c)) for c in criteria]
    return [t if t.startswith("\u201c") or not quote else f"\u201c{t}\u201d" for t in texts]


def score_text(value: float) -> str:
    """A weighted score or a weight for people: 252.5 -> "252.5", 210.0 -> "210", 1.6667 -> "1.7"."""
    return number_text(float(value), 1)


def ordinal(rank: int, tied: bool = False) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"; a tied rank is marked "=4th"."""
    rank = int(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{'=' if tied else ''}{rank}{suffix}"


def total_weight(appraisal: OptionsAppraisal, view: str) -> float:
    return float(appraisal.weights[view].sum())


def highest_possible(appraisal: OptionsAppraisal, view: str) -> float:
    """The highest weighted score an option could get in ``view``: the top rating on every criterion."""
    return max(float(v) for v in appraisal.scale.values()) * total_weight(appraisal, view)


def scale_text(appraisal: OptionsAppraisal, compact: bool = False) -> str:
    """"High (3), Medium (2) or Low (1)"; ``compact``: "High 3, Medium 2, Low 1"."""
    if compact:
        return ", ".join(f"{label} {score_text(value)}" for label, value in appraisal.scale.items())
    return list_in_words([f"{label} ({score_text(value)})" for label, value in appraisal.scale.items()], "or")


# --------------------------------------------------------------------------------------- rankings


def ranked(appraisal: OptionsAppraisal, view: str) -> pd.DataFrame:
    """The view's rows of ``scores``, first to last (ties in the options' order)."""
    order = {o: i for i, o in enumerate(appraisal.options.id)}
    rows = appraisal.scores[appraisal.scores.council == view].copy()
    if rows.empty:
        raise KeyError(f"no view {view!r} in this options appraisal (views: {', '.join(appraisal.views)})")
    rows["_order"] = rows.option.map(order).fillna(len(order))
    return rows.sort_values(["rank", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def top_options(appraisal: OptionsAppraisal, view: str) -> list[str]:
    """The option(s) ranked first in ``view`` (more than one when they tie)."""
    rows = ranked(appraisal, view)
    return list(rows.option[rows["rank"] == rows["rank"].min()])


def display_order(appraisal: OptionsAppraisal) -> list[str]:
    """The order options are shown in on every chart and table: first to last on the agreed
    weighting (or on the last view when there is no joint one), ties in the options' order."""
    view = JOINT if JOINT in appraisal.views else appraisal.views[-1]
    shown = list(ranked(appraisal, view).option)
    return shown + [o for o in appraisal.options.id if o not in shown]


def lead_text(appraisal: OptionsAppraisal, options: list[str], short: bool) -> str:
    """"a new local partnership ranks first", "stand-alone and as is tie for first"."""
    names = [option_in_text(appraisal, o, short) for o in options]
    return f"{list_in_words(names)} tie for first" if len(names) > 1 else f"{names[0]} ranks first"


def groups_by_top(appraisal: OptionsAppraisal) -> list[tuple[tuple[str, ...], list[str]]]:
    """Views grouped by their top option(s): the group holding the joint view first."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for view in appraisal.views:
        groups.setdefault(tuple(top_options(appraisal, view)), []).append(view)
    return sorted(groups.items(), key=lambda item: JOINT not in item[1])


# ------------------------------------------------------------------------------------ robustness


def robustness_row(appraisal: OptionsAppraisal, view: str):
    """The view's row of ``robustness`` (a Series), or None when it has none."""
    rows = appraisal.robustness[appraisal.robustness.council == view]
    return rows.iloc[0] if len(rows) else None


def is_given(value) -> bool:
    """Whether a robustness field holds a value (not None, NaN or empty)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and str(value) != ""


def can_move(row) -> bool:
    """Whether some change of weights brings another option level with the top one."""
    return is_given(row.challenger) and is_given(row.weight_moved) and math.isfinite(float(row.weight_moved))


def leads_everywhere(appraisal: OptionsAppraisal, view: str, option: str) -> bool:
    """Whether ``option`` scores above every other option on every criterion in ``view`` (then no
    weighting can bring another level with it)."""
    rows = appraisal.detail[appraisal.detail.council == view]
    table = rows.pivot_table(index="option", columns="criterion", values="score", aggfunc="first")
    if option not in table.index or len(table) < 2:
        return False
    return bool((table.drop(index=option) < table.loc[option]).all().all())


def in_weightings(p: float, draws: int | None = None) -> str:
    """"in 62% of the 10,000 weightings", "in all 10,000 weightings", "in more than 99% of the
    weightings" (the draws left out when not known)."""
    p = float(p)
    count = f"{int(draws):,} " if draws else ""
    if p >= 1.0:
        return f"in all {count}weightings" if draws else "in every weighting"
    if p <= 0.0:
        return f"in none of the {count}weightings"
    return f"in {chance(p)} of the {count}weightings"


def in_nearby_weightings(p: float) -> str:
    """"in 62% of nearby weightings", "in every nearby weighting", "in none of the nearby weightings"."""
    p = float(p)
    if p >= 1.0:
        return "in every nearby weighting"
    if p <= 0.0:
        return "in none of the nearby weightings"
    return f"in {chance(p)} of nearby weightings"


def near_text(appraisal: OptionsAppraisal, view: str) -> str:
    return "near the agreed one" if view == JOINT else f"near {view_name(appraisal, view)}'s own"


