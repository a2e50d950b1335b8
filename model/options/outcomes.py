"""What an options appraisal hands to tables, charts, text and files.

The column lists are the file contracts of ``python -m model options``: the columns issue 6
names come first, in its order; further columns follow. A *view* is one council's appraisal
(its directors' ratings and its cabinet's weights) or the ``joint`` one (the agreed weights).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..case.assumptions import JOINT, Case
from ..results.frames import Results

__all__ = ["JOINT", "OptionsAppraisal", "OPTIONS_COLUMNS", "DETAIL_COLUMNS", "ROBUSTNESS_COLUMNS"]

OPTIONS_COLUMNS = ["council", "option", "unweighted_score", "weighted_score", "rank",
                   # after the named columns
                   "tied", "option_name", "scenario"]
DETAIL_COLUMNS = ["council", "option", "criterion", "rating", "score", "weight", "weighted_score",
                  # after the named columns
                  "basis", "criterion_name", "option_name"]
ROBUSTNESS_COLUMNS = [
    "council", "top_option", "runner_up", "margin", "challenger", "weight_moved", "weight_moved_share",
    "moved_from", "moved_to", "prob_top_stays", "draws", "concentration", "seed",
]


@dataclass
class OptionsAppraisal:
    """Options scored against criteria, weighted per view, ranked, and how robust the ranking is.

    * ``views``: council ids in the case's order, then ``"joint"``; ``view_names`` their display
      names ("Breckland", "Joint (agreed weighting)");
    * ``scale``: rating label -> score, highest first (default High 3, Medium 2, Low 1);
    * ``criteria``: one row per criterion: ``id, name, financial`` (rated from the projection or
      not), ``measure`` (for a financial one: ``npv``, ``gap_closed`` or ``payback_years``),
      ``description``;
    * ``options``: one row per option: ``id, name, scenario`` (the scenario it maps to, or "");
    * ``weights``: index criterion id, one column per view: each view's weight of each criterion;
    * ``detail`` (options_detail.csv), ``scores`` (options.csv), ``robustness``
      (options_robustness.csv): see the column lists above. ``rank`` 1 is the top; tied options
      share the better rank (1, 2, 2, 4) and ``tied`` is true.
    """

    case: Case
    results: Results                  # the projection of the same case (financial criteria, workbooks)
    views: list[str]
    view_names: dict[str, str]
    scale: dict[str, float]
    criteria: pd.DataFrame
    options: pd.DataFrame
    weights: pd.DataFrame
    detail: pd.DataFrame              # DETAIL_COLUMNS
    scores: pd.DataFrame              # OPTIONS_COLUMNS
    robustness: pd.DataFrame          # ROBUSTNESS_COLUMNS
