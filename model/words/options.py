"""Plain-English findings from an options appraisal (seed 002's method): chart titles and
committee-paper sentences on which option ranks first for each council and on the agreed
weighting, where the councils' weights differ, and how far the weights would have to move before
another option drew level.

Everything here reads :class:`model.options.outcomes.OptionsAppraisal` and returns text; nothing
is scored or ranked here (the appraisal's ``scores`` and ``robustness`` say what is first and how
robust that is). The names, numbers and ranks written here are the ones the options charts and
tables show.

Words used, and what they mean:

* a **view** is one council's appraisal (its directors' ratings and its cabinet's weights) or the
  joint one, written "the agreed weighting";
* **points** are weighted scores: each criterion's rating score (High 3, Medium 2, Low 1) times
  the view's weight for it, added up; **weight points** are the weights themselves (each view's
  add up to its total, usually 100);
* **nearby weightings** are the random weightings drawn around a view's own weights; the top
  option **stays on top** under one when no other option scores more (a tie counts as staying);
* the **smallest change of weights** is the fewest weight points moved between criteria that
  would bring another option level with the top one.

Title functions take ``fit`` as :mod:`model.words.findings` does (a number of characters, or a test
the charts pass) and return the most detailed wording that fits.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from . import findings
from .findings import FULL_WIDTH_TITLE_CHARS, Fit, list_in_words
from ..rules.formats import percent
from ..options.outcomes import JOINT, OptionsAppraisal
from .risk import _number, chance

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


def _where(appraisal: OptionsAppraisal, views: list[str]) -> str:
    """"for Breckland, South Holland and on the agreed weighting", "for Breckland and South
    Holland", "on the agreed weighting"."""
    councils = [view_name(appraisal, v) for v in views if v != JOINT]
    if JOINT in views and councils:
        return f"for {', '.join(councils)} and on {AGREED}"
    if JOINT in views:
        return f"on {AGREED}"
    return f"for {list_in_words(councils)}"


def _every_council(appraisal: OptionsAppraisal) -> str:
    councils = council_views(appraisal)
    if len(councils) == 1:
        return view_name(appraisal, councils[0])
    return "both councils" if len(councils) == 2 else "every council"


def _proper_words(appraisal: OptionsAppraisal) -> set[str]:
    """Words that keep their capital mid-sentence: the councils' and the views' names."""
    names = [c.name for c in appraisal.case.councils] + [view_name(appraisal, v) for v in appraisal.views]
    return {word.strip(",&()") for name in names for word in name.split()} - {""}


def option_name(appraisal: OptionsAppraisal, option: str, short: bool = False) -> str:
    """An option's display name; ``short`` drops anything in brackets ("As is")."""
    names = dict(zip(appraisal.options.id, appraisal.options.name))
    name = str(names.get(option, option))
    return (re.sub(r"\s*\([^)]*\)", "", name).strip() or name) if short else name


def option_in_text(appraisal: OptionsAppraisal, option: str, short: bool = False) -> str:
    """An option's name inside a sentence: "a new local partnership", "stand-alone"."""
    return findings._in_sentence(option_name(appraisal, option, short), _proper_words(appraisal))


def criterion_name(appraisal: OptionsAppraisal, criterion: str) -> str:
    names = dict(zip(appraisal.criteria.id, appraisal.criteria.name))
    return str(names.get(criterion, criterion))


def criteria_in_text(appraisal: OptionsAppraisal, criteria: list[str], quote: bool = False) -> list[str]:
    """Criterion names inside a sentence ("place and community leadership"); quoted when asked
    ("“capacity and resilience”"), so a list of names that hold "and" still reads."""
    proper = _proper_words(appraisal)
    texts = [findings._in_sentence(criterion_name(appraisal, c), proper) for c in criteria]
    return [t if t.startswith("\u201c") or not quote else f"\u201c{t}\u201d" for t in texts]


def score_text(value: float) -> str:
    """A weighted score or a weight for people: 252.5 -> "252.5", 210.0 -> "210", 1.6667 -> "1.7"."""
    return _number(float(value), 1)


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


def _lead(appraisal: OptionsAppraisal, options: list[str], short: bool) -> str:
    """"a new local partnership ranks first", "stand-alone and as is tie for first"."""
    names = [option_in_text(appraisal, o, short) for o in options]
    return f"{list_in_words(names)} tie for first" if len(names) > 1 else f"{names[0]} ranks first"


def _groups(appraisal: OptionsAppraisal) -> list[tuple[tuple[str, ...], list[str]]]:
    """Views grouped by their top option(s): the group holding the joint view first."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for view in appraisal.views:
        groups.setdefault(tuple(top_options(appraisal, view)), []).append(view)
    return sorted(groups.items(), key=lambda item: JOINT not in item[1])


def ranking_title(appraisal: OptionsAppraisal, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option ranks first for each council and on the agreed weighting, e.g. "A new local
    partnership ranks first for Breckland, South Holland and on the agreed weighting"."""
    groups = _groups(appraisal)
    candidates = []
    if len(groups) == 1:
        options = list(groups[0][0])
        councils = council_views(appraisal)
        every = "" if not councils else (f"for {_every_council(appraisal)} and on {AGREED}"
                                          if JOINT in appraisal.views else f"for {_every_council(appraisal)}")
        for short in (False, True):
            lead = findings._sentence_start(_lead(appraisal, options, short))
            candidates += [f"{lead} {_where(appraisal, appraisal.views)}", f"{lead} {every}" if every else ""]
        candidates.append(f"{findings._sentence_start(_lead(appraisal, options, True))} on every weighting")
        return findings._first_fitting(candidates, fit)
    for short in (False, True):
        parts = [f"{_lead(appraisal, list(options), short)} {_where(appraisal, views)}" for options, views in groups]
        candidates.append(findings._sentence_start("; ".join(parts)))
    joint_top = top_options(appraisal, JOINT) if JOINT in appraisal.views else []
    if len(joint_top) == 1:
        best = joint_top[0]
        tops = {v: top_options(appraisal, v) for v in appraisal.views}
        sole = [v for v in appraisal.views if tops[v] == [best]]
        shared = [v for v in appraisal.views if best in tops[v] and len(tops[v]) > 1]
        behind = [view_name(appraisal, v) for v in appraisal.views if best not in tops[v]]
        for short in (False, True):
            text = findings._sentence_start(f"{_lead(appraisal, [best], short)} {_where(appraisal, sole)}")
            if shared:
                text += f", and ties for first {_where(appraisal, shared)}"
            if behind:
                text += f", but not for {list_in_words(behind)}"
            candidates.append(text)
        candidates.append(findings._sentence_start(f"{_lead(appraisal, [best], True)} on {AGREED}"))
    candidates.append("The councils rank different options first")
    return findings._first_fitting(candidates, fit)


def ranking_sentences(appraisal: OptionsAppraisal) -> list[str]:
    """How the options rank, as separate sentences: how a weighted score is made and out of how
    much, which option ranks first in each view and by how much, whether the councils agree, the
    other ties, and an option that ranks last everywhere."""
    sentences = [_scoring_sentence(appraisal)]
    for view in appraisal.views:
        rows = ranked(appraisal, view)
        top = top_options(appraisal, view)
        first = rows[rows.option.isin(top)]
        score = score_text(first.weighted_score.iloc[0])
        where = findings._sentence_start(view_phrase(appraisal, view))
        if len(top) > 1:
            text = f"{where}, {_lead(appraisal, top, False)} with {score} points each"
        else:
            text = f"{where}, {_lead(appraisal, top, False)} with {score} points"
        rest = rows[~rows.option.isin(top)]
        if not rest.empty:
            margin = float(first.weighted_score.iloc[0] - rest.weighted_score.iloc[0])
            runner = rest[rest["rank"] == rest["rank"].min()]
            names = list_in_words([option_in_text(appraisal, o) for o in runner.option])
            text += f", {score_text(margin)} ahead of {names} ({score_text(rest.weighted_score.iloc[0])})"
        sentences.append(text + ".")
    sentences += _agreement_sentences(appraisal)
    sentences += _tie_sentences(appraisal)
    sentences += _last_sentences(appraisal)
    return sentences


def _scoring_sentence(appraisal: OptionsAppraisal) -> str:
    views = appraisal.views
    possible = {score_text(highest_possible(appraisal, v)) for v in views}
    out_of = (f"out of a possible {possible.pop()}" if len(possible) == 1 else
              "out of " + list_in_words([f"{score_text(highest_possible(appraisal, v))} "
                                         f"{view_phrase(appraisal, v)}" for v in views]))
    text = (f"Each option is rated {scale_text(appraisal)} against each criterion; its weighted score, {out_of}, "
            f"is each rating times the criterion's weight, added up")
    if JOINT in views and joint_is_mean(appraisal):
        text += f", and {AGREED} is applied to the mean of the councils' ratings"
    return text + "."


def joint_is_mean(appraisal: OptionsAppraisal) -> bool:
    """Whether the joint view scores the mean of the councils' ratings (it has none of its own)."""
    rows = appraisal.detail[appraisal.detail.council == JOINT]
    return bool(len(rows)) and not rows.rating.isin(list(appraisal.scale)).all()


def _agreement_sentences(appraisal: OptionsAppraisal) -> list[str]:
    councils = council_views(appraisal)
    if len(councils) < 2:
        return []
    tops = {v: tuple(top_options(appraisal, v)) for v in councils}
    if len(set(tops.values())) == 1:
        options = list(tops[councils[0]])
        names = list_in_words([option_in_text(appraisal, o) for o in options])
        text = (f"{findings._sentence_start(_every_council(appraisal))} rank {names} first"
                if len(options) == 1 else
                f"{names} tie for first for {_every_council(appraisal)}")
        if JOINT in appraisal.views:
            same = tuple(top_options(appraisal, JOINT)) == tops[councils[0]]
            text += f", as does {AGREED}" if same else \
                f", but not on {AGREED}"
        return [findings._sentence_start(text) + "."]
    parts = [f"{view_name(appraisal, v)} {'ranks' if len(tops[v]) == 1 else 'puts'} "
             f"{list_in_words([option_in_text(appraisal, o) for o in tops[v]])}"
             f"{' level' if len(tops[v]) > 1 else ''} first" for v in councils]
    return [f"The councils do not agree on the top option: {'; '.join(parts)}."]


def _tie_sentences(appraisal: OptionsAppraisal) -> list[str]:
    """Ties below the top (those at the top are in the view's own sentence)."""
    sentences = []
    for view in appraisal.views:
        rows = ranked(appraisal, view)
        for rank, tied in rows[rows.tied.astype(bool) & (rows["rank"] > rows["rank"].min())].groupby("rank"):
            names = list_in_words([option_in_text(appraisal, o) for o in tied.option])
            sentences.append(f"{findings._sentence_start(view_phrase(appraisal, view))}, {names} tie for "
                             f"{ordinal(rank)} ({score_text(tied.weighted_score.iloc[0])} points each).")
    return sentences


def _last_sentences(appraisal: OptionsAppraisal) -> list[str]:
    lasts = set()
    for view in appraisal.views:
        rows = ranked(appraisal, view)
        bottom = rows[rows["rank"] == rows["rank"].max()]
        lasts.add(bottom.option.iloc[0] if len(bottom) == 1 and len(rows) > 2 else "")
    if len(lasts) != 1 or "" in lasts:
        return []
    option = lasts.pop()
    where = _where(appraisal, appraisal.views)
    return [f"{findings._sentence_start(option_in_text(appraisal, option))} ranks last {where}."]


# ------------------------------------------------------------------------------------- weighting


def weighting_sentence(appraisal: OptionsAppraisal) -> str:
    """Where the councils' weights differ most (the largest differences, with each council's
    weight), and what the agreed weighting gives those criteria."""
    councils = council_views(appraisal)
    weights = appraisal.weights
    totals = {v: total_weight(appraisal, v) for v in appraisal.views}
    same_total = len({round(t, 9) for t in totals.values()}) == 1
    total = score_text(next(iter(totals.values()))) if totals else "0"

    def weight(view: str, criterion: str) -> str:
        value = float(weights.loc[criterion, view])
        return score_text(value) if same_total else percent(value / totals[view])

    out_of = f" (weights out of {total})" if same_total else ""
    if len(councils) < 2:
        if not councils:
            return ""
        council = councils[0]
        heaviest = weights[council].idxmax()
        of = f" of {total}" if same_total else ""
        return (f"{view_name(appraisal, council)} puts most weight on "
                f"{criteria_in_text(appraisal, [heaviest])[0]} ({weight(council, heaviest)}{of}).")
    shares = weights[councils].div(pd.Series(totals)[councils], axis=1)
    spread = (shares.max(axis=1) - shares.min(axis=1)).round(9)
    names = list_in_words([view_name(appraisal, v) for v in councils])
    if (spread <= 0).all():
        text = f"{names} weight every criterion the same{out_of}"
        if JOINT in appraisal.views:
            agreed = weights[JOINT].div(totals[JOINT]).round(9).equals(shares[councils[0]].round(9))
            text += f", and {AGREED} {'keeps those weights' if agreed else 'differs from them'}"
        return text + "."
    largest = spread[spread > 0].sort_values(ascending=False, kind="stable").index[:2]
    quote = any(" and " in criterion_name(appraisal, c) for c in largest) and len(largest) > 1
    called = criteria_in_text(appraisal, list(largest), quote=quote)
    parts = []
    for criterion, name in zip(largest, called):
        order = sorted(councils, key=lambda v: -shares.loc[criterion, v])
        high, low = order[0], order[-1]
        parts.append(f"{name} ({view_name(appraisal, high)} {weight(high, criterion)}, "
                     f"{view_name(appraisal, low)} {weight(low, criterion)})")
    only = (spread > 0).sum() == len(largest)
    out_of = f" (out of {total})" if same_total else ""
    text = f"The councils' weights{out_of} differ {'only' if only else 'most'} on {list_in_words(parts)}"
    if JOINT in appraisal.views:
        agreed = [weight(JOINT, c) for c in largest]
        text += (f"; {AGREED} gives {'it' if len(agreed) == 1 else 'them'} {list_in_words(agreed)}")
    return text + "."


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


def _near(appraisal: OptionsAppraisal, view: str) -> str:
    return "near the agreed one" if view == JOINT else f"near {view_name(appraisal, view)}'s own"


def weight_change_text(appraisal: OptionsAppraisal, view: str, sentence_start: bool = True) -> str:
    """The smallest change of weights in words, for the robustness chart: "Moving 1.7 of the 100
    weight points from place and community leadership to financial benefit would bring a
    partnership further afield level", or "No change of weights puts another option on top"."""
    row = robustness_row(appraisal, view)
    if row is None:
        return ""
    if not can_move(row):
        text = "no change of weights puts another option on top"
        if leads_everywhere(appraisal, view, row.top_option):
            text += ": it is rated above every other option on every criterion"
    elif float(row.weight_moved) <= 1e-9:
        text = f"{option_in_text(appraisal, row.challenger)} is already level with it"
    else:
        text = (f"moving {_move_words(appraisal, view, row)} would bring "
                f"{option_in_text(appraisal, row.challenger)} level")
    return findings._sentence_start(text) if sentence_start else text


def _move_words(appraisal: OptionsAppraisal, view: str, row) -> str:
    """"1.7 of the 100 weight points from place and community leadership to financial benefit"."""
    sources = [c for c in str(row.moved_from).split(";") if c]
    target = [str(row.moved_to)] if is_given(row.moved_to) else []
    quote = len(sources) > 1 and any(" and " in criterion_name(appraisal, c) for c in sources + target)
    text = f"{score_text(row.weight_moved)} of the {score_text(total_weight(appraisal, view))} weight points"
    if sources:
        text += f" from {list_in_words(criteria_in_text(appraisal, sources, quote))}"
    if target:
        text += f" to {criteria_in_text(appraisal, target, quote)[0]}"
    return text


def robustness_sentences(appraisal: OptionsAppraisal) -> list[str]:
    """How robust each view's top option is, one sentence per view, e.g. "On the agreed
    weighting, a new local partnership stays on top in more than 99% of the 10,000 weightings near
    the agreed one; it would take moving 51.7 of the 100 weight points from ... to ... before as is
    drew level." Then how the nearby weightings were drawn."""
    sentences = []
    for view in appraisal.views:
        row = robustness_row(appraisal, view)
        if row is None:
            continue
        where = findings._sentence_start(view_phrase(appraisal, view))
        top = option_in_text(appraisal, row.top_option)
        draws = int(row.draws) if is_given(row.draws) else None
        stays = (f"{top} stays on top {in_weightings(row.prob_top_stays, draws)} {_near(appraisal, view)}"
                 if is_given(row.prob_top_stays) else "")
        if not can_move(row):
            reason = ("it is rated above every other option on every criterion, so no change of weights puts "
                      "another option on top" if leads_everywhere(appraisal, view, row.top_option)
                      else "no change of weights puts another option on top")
            sentences.append(f"{where}, {stays}: {reason}." if stays else f"{where}, {reason}.")
        elif float(row.weight_moved) <= 1e-9:
            level = (f"{top} and {option_in_text(appraisal, row.challenger)} are level on "
                     f"{score_text(_score(appraisal, view, row.top_option))} points, so a small change of weights "
                     f"would separate them")
            sentences.append(f"{where}, {level}" + (f"; {stays.replace(' stays on top ', ' stays on top or level ')}."
                                                    if stays else "."))
        else:
            move = (f"it would take moving {_move_words(appraisal, view, row)} before "
                    f"{option_in_text(appraisal, row.challenger)} drew level")
            sentences.append(f"{where}, {stays}; {move}." if stays else f"{where}, {move}.")
    method = method_sentence(appraisal)
    return sentences + ([method] if method and sentences else [])


def _score(appraisal: OptionsAppraisal, view: str, option: str) -> float:
    rows = appraisal.scores[(appraisal.scores.council == view) & (appraisal.scores.option == option)]
    return float(rows.weighted_score.iloc[0])


def method_sentence(appraisal: OptionsAppraisal) -> str:
    """How the nearby weightings were drawn, when every view used the same settings."""
    rows = appraisal.robustness
    if rows.empty or not rows.prob_top_stays.notna().any():
        return ""
    settings = rows[["draws", "concentration", "seed"]].drop_duplicates()
    if len(settings) != 1:
        return ("Nearby weightings are drawn at random around each view's own weights; a tie with the top "
                "option counts as staying on top.")
    draws, concentration, seed = settings.iloc[0]
    return (f"Nearby weightings are {int(draws):,} random weightings drawn around each view's own weights "
            f"(a Dirichlet distribution, concentration {score_text(concentration)}, seed {int(seed)}); "
            f"a tie with the top option counts as staying on top.")


def robustness_title(appraisal: OptionsAppraisal, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Whether the weighting decided the answer, with a number, e.g. "A new local partnership
    stays on top in 62% or more of nearby weightings for every view; no change of weights moves it
    for South Holland"."""
    rows = [(v, robustness_row(appraisal, v)) for v in appraisal.views]
    rows = [(v, r) for v, r in rows if r is not None and is_given(r.prob_top_stays)]
    if not rows:
        return "How robust the ranking is to the weights was not tested"
    tops = {str(r.top_option) for _, r in rows}
    tied_top = any(len(top_options(appraisal, v)) > 1 for v, _ in rows)
    if len(tops) == 1 and not tied_top:
        subject = findings._sentence_start(option_in_text(appraisal, tops.pop()))
        short_subject = findings._sentence_start(option_in_text(appraisal, str(rows[0][1].top_option), True))
    else:
        subject = short_subject = "The top option"
    every = "for every view" if len(rows) > 1 else view_phrase(appraisal, rows[0][0])
    fixed = [v for v, r in rows if not can_move(r)]
    if len(fixed) == len(rows):
        return findings._first_fitting([
            f"No change of weights puts another option on top {every}",
            f"No change of weights changes the top option {every}",
        ], fit)
    weakest_view, weakest = min(rows, key=lambda item: float(item[1].prob_top_stays))
    low = float(weakest.prob_top_stays)
    if low < 0.5:
        where = view_phrase(appraisal, weakest_view)
        return findings._first_fitting([
            f"The ranking turns on the weights {where}: its top option stays on top in only {chance(low)} of "
            f"nearby weightings",
            f"The ranking turns on the weights {where}: the top stays in only {chance(low)} of nearby weightings",
            f"The ranking turns on the weights {where}",
        ], fit)
    share = "every nearby weighting" if low >= 1.0 else (
        f"{chance(low)} of nearby weightings" if chance(low).startswith("more than") else
        f"{chance(low)} or more of nearby weightings")
    if len(rows) == 1:
        share = share.replace(" or more", "")
    lead = f"{subject} stays on top in {share} {every}"
    short_lead = f"{short_subject} stays on top in {share} {every}"
    candidates = []
    if fixed and len(rows) > 1:
        clause = f"; no change of weights moves it {_where(appraisal, fixed)}"
        candidates += [lead + clause, short_lead + clause]
    candidates += [lead, short_lead, f"{short_subject} stays on top in {share}"]
    return findings._first_fitting(candidates, fit)
