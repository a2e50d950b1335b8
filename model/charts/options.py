"""Options appraisal charts (seed 002's method): how the options rank in each view, and whether
the weighting decided the answer.

* :func:`options_ranking`    every option's weighted score in every view, a small panel per view
                             (the councils, then the agreed weighting), options in the same order
                             in each; the top option of each view dark, the rest light; each bar
                             labelled with its score and rank;
* :func:`options_robustness` per view, the share of nearby weightings under which the top option
                             stays on top, and under it the smallest change of weights that would
                             bring another option level, in words.

Titles and words come from :mod:`model.words.options`; the source note names the case, as
every chart's does.
"""
from __future__ import annotations

import datetime as dt
import math

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator, PercentFormatter

from ..options.outcomes import OptionsAppraisal
from ..words import options as words
from ..words.chances import chance
from . import bars
from .fan import nothing_to_show, steady_layout
from .labels import bar_value_labels, legend_columns, make_room_for_values, wrap_label
from .style import (CM_PER_INCH, DARK_BLUE, EDGE_PTS, GRID_COLOUR, HALF_WIDTH_CM, LABEL_PT, LINE_SPACING,
                    POINTS_PER_INCH, RC, SMALL_PT, TEXT_COLOUR, Measure, frame, height_rule, new_figure, source_note,
                    style_axes, width_cm)

#: the top option of a view is dark, every other option light, so greyscale print tells them apart
TOP_BAR = {"facecolor": DARK_BLUE, "edgecolor": DARK_BLUE, "linewidth": 0.7}
OTHER_BAR = {"facecolor": "#DCE6F0", "edgecolor": DARK_BLUE, "linewidth": 0.7}
#: the robustness bar: the share in the dark colour over a light track running to 100%
TRACK_BAR = {"facecolor": "#EEF1F4", "edgecolor": "#B1B4B6", "linewidth": 0.6}
SHARE_BAR = {"facecolor": DARK_BLUE, "edgecolor": DARK_BLUE, "linewidth": 0.6}
#: option names beside the bars: this share of the figure width at full width, more at half width
NAME_SHARE_FULL = 0.25
NAME_SHARE_HALF = 0.36
NAME_LINES = 3
HEADING_GAP_PTS = 4.0
ROW_GAP_PTS = 10.0
#: the robustness chart: bar height, and the space above the bar and under the words (points)
SHARE_BAR_PTS = 11.0
ROW_PAD_PTS = 7.0


def options_source_note(appraisal: OptionsAppraisal, run_date: dt.date | None = None) -> str:
    """The house source note (:func:`model.charts.style.source_note`) for an options appraisal."""
    return source_note(appraisal.results, run_date)


def _is_half(width) -> bool:
    return width_cm(width) <= HALF_WIDTH_CM + 1e-9


def _columns(count: int, width) -> int:
    """Panels across: one per view up to three at full width (two for four, a square), one at half."""
    if _is_half(width):
        return 1
    return {1: 1, 2: 2, 3: 3, 4: 2}.get(count, 3)


def _rank_texts(appraisal: OptionsAppraisal, view: str, order: list[str]) -> tuple[list[float], list[str], list[bool]]:
    rows = appraisal.scores[appraisal.scores.council == view].set_index("option")
    values, texts, top = [], [], []
    first = int(rows["rank"].min()) if len(rows) else 1
    for option in order:
        if option not in rows.index:
            values.append(0.0)
            texts.append("not scored")
            top.append(False)
            continue
        row = rows.loc[option]
        values.append(float(row.weighted_score))
        texts.append(f"{words.score_text(row.weighted_score)} ({words.ordinal(row['rank'], bool(row.tied))})")
        top.append(int(row["rank"]) == first)
    return values, texts, top


def _subtitle(appraisal: OptionsAppraisal) -> str:
    possible = {words.score_text(words.highest_possible(appraisal, v)) for v in appraisal.views}
    most = f"highest possible {possible.pop()}" if len(possible) == 1 else "highest possible score differs by view"
    councils = words.council_views(appraisal)
    where = "each council" if len(councils) > 1 else words.view_name(appraisal, councils[0]) if councils else ""
    if words.JOINT in appraisal.views:
        where = f"{where} and on the agreed weighting" if where else "the agreed weighting"
    return f"Weighted score of each option for {where} ({most}), with its rank"


def options_ranking(appraisal: OptionsAppraisal, *, run_date: dt.date | None = None, width: str | float = "full",
                    height_cm: float | None = None) -> Figure:
    """Each option's weighted score in each view, one small panel per view (in ``views`` order,
    up to three across at full width, one above another at half width), the options in the same
    order in every panel (first to last on the agreed weighting). A view's top option is a dark
    bar, the others light; every bar ends in its score and rank ("252.5 (1st)", "150 (=4th)").
    The value axis runs to the highest score possible. At half width the option names lose
    anything in brackets ("As is"), as the tables give them in full; with three or more councils
    a half-width chart runs taller than a page column, so use full width there."""
    with matplotlib.rc_context(RC):
        views = list(appraisal.views)
        order = words.display_order(appraisal)
        half = _is_half(width)
        names = [words.option_name(appraisal, o, short=half) for o in order]
        measure = Measure()
        fig_width_pts = width_cm(width) / CM_PER_INCH * POINTS_PER_INCH
        usable = fig_width_pts - 2 * EDGE_PTS
        name_width = fig_width_pts * (NAME_SHARE_HALF if half else NAME_SHARE_FULL)
        name_lines = 2 if half else NAME_LINES
        across = _columns(len(views), width)
        down = max(math.ceil(len(views) / across), 1)
        panel_width = (usable - name_width - 8) / across - 10
        headings = {v: wrap_label(measure, words.view_name(appraisal, v), panel_width / 1.08, size=LABEL_PT,
                                  max_lines=2) for v in views}
        heading_pts = max((h.count("\n") + 1 for h in headings.values()), default=1) * LABEL_PT * LINE_SPACING
        legend = [(Patch(**TOP_BAR), "First in the view"), (Patch(**OTHER_BAR), "Other options")]
        legend_cols = legend_columns(measure, [t for _, t in legend], usable)
        legend_pts = math.ceil(len(legend) / legend_cols) * (SMALL_PT * LINE_SPACING + 4.5) + 8
        if half:  # one panel above another: rows only as tall as their names, to keep the page short
            lines = max((wrap_label(measure, n, name_width, size=LABEL_PT, max_lines=name_lines).count("\n") + 1
                         for n in names), default=1)
            body_pts = max(len(names), 1) * max(lines * LABEL_PT * LINE_SPACING + 3, 20.0)
        else:
            body_pts = bars.plot_height_pts(measure, names or ["-"], name_width, max_lines=name_lines) - bars.X_AXIS_PTS
        plot_pts = (down * (body_pts + heading_pts + HEADING_GAP_PTS + 6) + (down - 1) * ROW_GAP_PTS
                    + bars.X_AXIS_PTS + legend_pts)

        notes = [f"Weighted score: each criterion's rating ({words.scale_text(appraisal, compact=True)}) times the "
                 f"view's weight for it, added up"]
        if words.JOINT in views and words.joint_is_mean(appraisal):
            notes[0] += "; the agreed weighting uses the mean of the councils' ratings"
        notes[0] += (". Options in their order on the agreed weighting" if words.JOINT in views else
                     ". Options in their order for the last view shown")
        notes[0] += "; = marks a tie." if appraisal.scores.tied.astype(bool).any() else "."

        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: words.ranking_title(appraisal, fit=fit), _subtitle(appraisal),
                       options_source_note(appraisal, run_date), notes, plot_pts=plot_pts,
                       height=height_rule(height_cm, "fit"))
        if not order or not views:
            nothing_to_show(fig.add_subplot(), "No option to show")
            return fig
        placed.legend_on_top(fig, [h for h, _ in legend], [t for _, t in legend], legend_cols)
        fig.get_layout_engine().set(wspace=0.05, hspace=ROW_GAP_PTS / max(body_pts, 1.0))
        steady_layout(fig)
        axes = fig.subplots(down, across, squeeze=False)
        possible = max(words.highest_possible(appraisal, v) for v in views)
        drawn = []
        for k, ax in enumerate(axes.flat):
            if k >= len(views):
                ax.remove()
                continue
            view = views[k]
            values, texts, top = _rank_texts(appraisal, view, order)
            style_axes(ax, grid="x")
            positions = bars.scenario_axis(ax, measure, names, name_width, max_lines=name_lines)
            if k % across:
                ax.tick_params(axis="y", labelleft=False)
            for position, value, is_top, option in zip(positions, values, top, order):
                ax.barh(position, value, height=bars.BAR_HEIGHT, zorder=3, gid=f"{'top' if is_top else 'other'}-"
                        f"{view}-{option}", **(TOP_BAR if is_top else OTHER_BAR))
            labels = bar_value_labels(ax, positions, values, texts)
            for label, is_top in zip(labels, top):
                label.set_in_layout(False)  # the value axis is widened for the labels once the layout is done
                label.set_fontweight("bold" if is_top else "normal")
                label.set_gid("value-label-top" if is_top else "value-label")
            ax.set_title(headings[view], loc="left", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR,
                         pad=HEADING_GAP_PTS)
            ax.set_xlim(0, possible)
            ax.spines["bottom"].set_bounds(0, possible)
            if k + across < len(views):  # a panel below shows the scale
                ax.tick_params(axis="x", labelbottom=False)
            else:
                ax.set_xlabel("Weighted score", fontsize=LABEL_PT, color=TEXT_COLOUR)
            drawn.append((ax, values, texts))
        fig.get_layout_engine().execute(fig)
        for ax, values, texts in drawn:
            make_room_for_values(ax, values, texts, measure, margin_pts=6.0)  # bold labels are a little wider
        high = max(ax.get_xlim()[1] for ax, _, _ in drawn)
        for ax, _, _ in drawn:
            ax.set_xlim(0, high)
            major, minor = _score_ticks(appraisal, ax, possible, measure)
            ax.xaxis.set_major_locator(FixedLocator(major))
            if minor:  # the steps between, as gridlines without numbers
                ax.xaxis.set_minor_locator(FixedLocator(minor))
                ax.grid(True, axis="x", which="minor", color=GRID_COLOUR, linewidth=0.6, linestyle="solid")
        return fig


def _score_ticks(appraisal: OptionsAppraisal, ax, possible: float, measure: Measure) -> tuple[list, list]:
    """Ticks on the score axis that do not crowd: every multiple of the total weight (all Low,
    all Medium, all High when the weights total 100) numbered if the numbers fit, else round
    steps, else only 0 and the highest possible score numbered and the multiples as unnumbered
    gridlines. Returns (numbered, unnumbered); needs the layout done."""
    width_pts = ax.get_window_extent().width * POINTS_PER_INCH / ax.figure.dpi
    low, high = ax.get_xlim()
    per_unit = width_pts / max(high - low, 1e-9)
    step = max(words.total_weight(appraisal, v) for v in appraisal.views)
    multiples = [float(t) for t in np.arange(0, possible + 1e-9, step)] if step > 0 else []
    rounded = [float(t) for t in MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]).tick_values(0, possible)
               if -1e-9 <= t <= possible + 1e-9]
    for ticks in (multiples, rounded):
        if len(ticks) < 2:
            continue
        widest = max(measure.width(words.score_text(t), LABEL_PT) for t in ticks)
        if min(np.diff(ticks)) * per_unit >= widest + 6:
            return ticks, []
    return [0.0, possible], [t for t in multiples if 0 < t < possible]


def _row_words(appraisal: OptionsAppraisal, view: str, row) -> str:
    """The words under a view's bar: who stays on top, and the smallest change of weights."""
    top = words.option_name(appraisal, row.top_option)
    if words.is_given(row.prob_top_stays):
        stays = f"{top} stays on top {words.in_nearby_weightings(row.prob_top_stays)}."
    else:
        stays = f"{top} is on top; nearby weightings were not tested."
    return f"{stays} {words.weight_change_text(appraisal, view)}."


def _bar_label(p: float) -> str:
    """A share at a bar's end, kept short: "62%", ">99%", "<1%"."""
    return chance(p).replace("more than ", ">").replace("fewer than ", "<")


def options_robustness(appraisal: OptionsAppraisal, *, run_date: dt.date | None = None, width: str | float = "full",
                       height_cm: float | None = None) -> Figure:
    """For each view, a bar from 0 to 100%: the share of nearby weightings (random weightings
    drawn around the view's own) under which its top option stays on top, labelled at its end;
    under each bar, in words, who stays on top and the smallest change of weights that would
    bring another option level ("Moving 1.7 of the 100 weight points from place and community
    leadership to financial benefit would bring a partnership further afield level"), or that no
    change of weights can. At full width the view's name is beside its bar, at half width above it."""
    with matplotlib.rc_context(RC):
        shown = [(v, words.robustness_row(appraisal, v)) for v in appraisal.views]
        shown = [(v, r) for v, r in shown if r is not None]
        measure = Measure()
        half = _is_half(width)
        fig_width_pts = width_cm(width) / CM_PER_INCH * POINTS_PER_INCH
        usable = fig_width_pts - 2 * EDGE_PTS
        name_width = usable if half else fig_width_pts * NAME_SHARE_FULL * 0.85
        text_width = (usable - 6 if half else usable - name_width - 12) * 0.97
        names = [wrap_label(measure, words.view_name(appraisal, v), name_width / 1.08, size=LABEL_PT, max_lines=3)
                 for v, _ in shown]
        texts = ["\n".join(measure.wrap(_row_words(appraisal, v, r), text_width, SMALL_PT)) for v, r in shown]

        def lines_pts(text: str, size: float) -> float:
            return (text.count("\n") + 1) * size * LINE_SPACING

        # each row as tall as its words (points, top down): space, [name,] bar, its words, space
        above = [lines_pts(n, LABEL_PT) + 3 if half else 0.0 for n in names]
        pitches = [max(ROW_PAD_PTS + a + SHARE_BAR_PTS + 3 + lines_pts(t, SMALL_PT) + ROW_PAD_PTS,
                       0.0 if half else lines_pts(n, LABEL_PT) + 2 * ROW_PAD_PTS)
                   for a, t, n in zip(above, texts, names)]
        tops = np.concatenate([[0.0], np.cumsum(pitches)[:-1]]) if pitches else np.zeros(0)
        total = float(sum(pitches))
        plot_pts = total + bars.X_AXIS_PTS + 6

        method = words.method_sentence(appraisal)
        draws = {int(r.draws) for _, r in shown if words.is_given(r.draws)}
        count = f"{draws.pop():,} " if len(draws) == 1 else ""
        subtitle = (f"Share of {count}random weightings near each view's own under which its top option stays on "
                    f"top, and the smallest change of weights that would bring another option level")
        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: words.robustness_title(appraisal, fit=fit), subtitle,
              options_source_note(appraisal, run_date), [method] if method else [], plot_pts=plot_pts,
              height=height_rule(height_cm, "fit"))
        ax = fig.add_subplot()
        if not shown:
            nothing_to_show(ax, "The ranking's robustness to the weights was not tested")
            return fig
        steady_layout(fig)
        style_axes(ax, grid=None)
        # the vertical axis is in points as planned, top down: each bar and its words sit in their row
        bar_centre = tops + ROW_PAD_PTS + np.asarray(above) + SHARE_BAR_PTS / 2
        ax.set_ylim(total, 0)
        ax.spines["left"].set_visible(False)
        if half:
            ax.set_yticks([])
            for name, centre in zip(names, bar_centre):
                ax.annotate(name, xy=(0, centre - SHARE_BAR_PTS / 2), xytext=(0, 3), textcoords="offset points",
                            ha="left", va="bottom", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR,
                            linespacing=LINE_SPACING, annotation_clip=False, parse_math=False, gid="view-name")
        else:
            ax.set_yticks(bar_centre, names)
            for tick in ax.get_yticklabels():
                tick.set_fontweight("bold")
            ax.tick_params(axis="y", length=0, pad=6)
        shares, labels = [], []
        for k, (view, row) in enumerate(shown):
            share = float(row.prob_top_stays) if words.is_given(row.prob_top_stays) else math.nan
            ax.barh(bar_centre[k], 1.0, height=SHARE_BAR_PTS, zorder=2, gid=f"track-{view}", **TRACK_BAR)
            if math.isfinite(share):
                ax.barh(bar_centre[k], share, height=SHARE_BAR_PTS, zorder=3, gid=f"share-{view}", **SHARE_BAR)
            shares.append(share if math.isfinite(share) else 1.0)
            labels.append(_bar_label(share) if math.isfinite(share) else "not tested")
            ax.annotate(texts[k], xy=(0, bar_centre[k] + SHARE_BAR_PTS / 2), xycoords="data", xytext=(0, -3),
                        textcoords="offset points", ha="left", va="top", fontsize=SMALL_PT, color=TEXT_COLOUR,
                        linespacing=LINE_SPACING, annotation_clip=False, parse_math=False, gid="change-words")
        for label in bar_value_labels(ax, bar_centre, shares, labels):
            label.set_in_layout(False)  # the value axis is widened for the labels once the layout is done
            label.set_fontweight("bold")
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_locator(FixedLocator([0, 0.5, 1.0] if half else [0, 0.25, 0.5, 0.75, 1.0]))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.spines["bottom"].set_bounds(0, 1)
        ax.set_xlabel("Share of nearby weightings", fontsize=LABEL_PT, color=TEXT_COLOUR)
        fig.get_layout_engine().execute(fig)
        make_room_for_values(ax, shares, labels, measure, margin_pts=6.0)
        return fig
