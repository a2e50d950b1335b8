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

Title functions take ``fit`` as :mod:`model.words.titles` does (a number of characters, or a test
the charts pass) and return the most detailed wording that fits.
"""
from __future__ import annotations


import pandas as pd

from ..options.outcomes import JOINT, OptionsAppraisal
from ..rules.formats import percent
from . import phrases
from .phrases import FULL_WIDTH_TITLE_CHARS, Fit, list_in_words
from .options_robustness import (method_sentence, robustness_sentences, robustness_title, weight_change_text)
from .options_terms import (can_move, council_views, criteria_in_text, criterion_name, display_order, every_council,
                            groups_by_top, highest_possible, in_nearby_weightings, is_given, lead_text,
                            option_in_text, option_name, ordinal, ranked, robustness_row, scale_text, score_text,
                            top_options, total_weight, view_name, view_phrase, where_text)

AGREED = "the agreed weighting"



def ranking_title(appraisal: OptionsAppraisal, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option ranks first for each council and on the agreed weighting, e.g. "A new local
    partnership ranks first for Breckland, South Holland and on the agreed weighting"."""
    groups = groups_by_top(appraisal)
    candidates = []
    if len(groups) == 1:
        options = list(groups[0][0])
        councils = council_views(appraisal)
        every = "" if not councils else (f"for {every_council(appraisal)} and on {AGREED}"
                                          if JOINT in appraisal.views else f"for {every_council(appraisal)}")
        for short in (False, True):
            lead = phrases.sentence_start(lead_text(appraisal, options, short))
            candidates += [f"{lead} {where_text(appraisal, appraisal.views)}", f"{lead} {every}" if every else ""]
        candidates.append(f"{phrases.sentence_start(lead_text(appraisal, options, True))} on every weighting")
        return phrases.first_fitting(candidates, fit)
    for short in (False, True):
        parts = [f"{lead_text(appraisal, list(options), short)} {where_text(appraisal, views)}" for options, views in groups]
        candidates.append(phrases.sentence_start("; ".join(parts)))
    joint_top = top_options(appraisal, JOINT) if JOINT in appraisal.views else []
    if len(joint_top) == 1:
        best = joint_top[0]
        tops = {v: top_options(appraisal, v) for v in appraisal.views}
        sole = [v for v in appraisal.views if tops[v] == [best]]
        shared = [v for v in appraisal.views if best in tops[v] and len(tops[v]) > 1]
        behind = [view_name(appraisal, v) for v in appraisal.views if best not in tops[v]]
        for short in (False, True):
            text = phrases.sentence_start(f"{lead_text(appraisal, [best], short)} {where_text(appraisal, sole)}")
            if shared:
                text += f", and ties for first {where_text(appraisal, shared)}"
            if behind:
                text += f", but not for {list_in_words(behind)}"
            candidates.append(text)
        candidates.append(phrases.sentence_start(f"{lead_text(appraisal, [best], True)} on {AGREED}"))
    candidates.append("The councils rank different options first")
    return phrases.first_fitting(candidates, fit)


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
        where = phrases.sentence_start(view_phrase(appraisal, view))
        if len(top) > 1:
            text = f"{where}, {lead_text(appraisal, top, False)} with {score} points each"
        else:
            text = f"{where}, {lead_text(appraisal, top, False)} with {score} points"
        rest = rows[~rows.option.isin(top)]
        if not rest.empty:
            margin = float(first.weighted_score.iloc[0] - rest.weighted_score.iloc[0])
            runner = rest[rest["rank"] == rest["rank"].min()]
            behind = list_in_words([option_in_text(appraisal, o) for o in runner.option])
            text += f", {score_text(margin)} ahead of {behind} on {score_text(rest.weighted_score.iloc[0])}"
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
        text = (f"{phrases.sentence_start(every_council(appraisal))} rank {names} first"
                if len(options) == 1 else
                f"{names} tie for first for {every_council(appraisal)}")
        if JOINT in appraisal.views:
            same = tuple(top_options(appraisal, JOINT)) == tops[councils[0]]
            text += f", as does {AGREED}" if same else \
                f", but not on {AGREED}"
        return [phrases.sentence_start(text) + "."]
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
            sentences.append(f"{phrases.sentence_start(view_phrase(appraisal, view))}, {names} tie for "
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
    where = where_text(appraisal, appraisal.views)
    return [f"{phrases.sentence_start(option_in_text(appraisal, option))} ranks last {where}."]


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

#: what the options tables, charts and notebook read from here
__all__ = ['JOINT', 'can_move', 'display_order', 'in_nearby_weightings', 'is_given', 'joint_is_mean',
           'method_sentence', 'option_name', 'ranking_sentences', 'ranking_title', 'robustness_row',
           'robustness_sentences', 'robustness_title', 'weight_change_text', 'weighting_sentence']
