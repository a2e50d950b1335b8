"""Charts for committee papers, all in one house style (:mod:`model.charts.style`).

Each chart function takes :class:`model.results.frames.Results` and returns a
:class:`matplotlib.figure.Figure` sized for an A4 Word page (16 cm wide, 1890 px at 300 dpi;
``width="half"`` gives 7.8 cm), in DejaVu Sans (:data:`model.charts.style.FONT_FAMILY`), with a
title that states the finding (:mod:`model.words.titles`), a subtitle with the measure and period and a source note with the run date. :func:`save` writes it as a 300 dpi PNG
and an SVG whose text stays editable.

* ``gap.py``         :func:`gap_vs_savings`, the budget gap against recurring savings by year
* ``payback.py``     :func:`cumulative_net_benefit`, with each scenario's payback year marked
* ``costs.py``       :func:`one_off_costs_by_category`, stacked by cost category
* ``staffing.py``    :func:`staffing_impact`, posts removed (FTE)
* ``sharing.py``     :func:`savings_shares`, each scenario's savings split by council
* ``comparison.py``  :func:`scenario_comparison`, NPV, one-off costs and savings against the gap
* ``fan.py``         :func:`risk_fan`, Monte Carlo bands of recurring savings against the gap, a panel per option
* ``distribution.py`` :func:`npv_distribution`, the NPV of every draw, a histogram per option
* ``tornado.py``     :func:`tornado`, NPV or the gap left as each assumption goes to each end of its range
* ``options.py``     :func:`options_ranking`, each option's weighted score and rank, a panel per council and the
  agreed weighting; :func:`options_robustness`, how often the top option stays on top under nearby weightings
  and the smallest change of weights that would bring another option level
* ``style.py``, ``layout.py``, ``labels.py``, ``lines.py``, ``bars.py``  the house style, the frame and what charts
  share; ``overlaps.py`` finds lines drawn on top of one another and says so
* ``export.py``      :func:`save`
"""
from .comparison import scenario_comparison
from .costs import one_off_costs_by_category
from .distribution import npv_distribution
from .export import save
from .fan import risk_fan
from .gap import gap_vs_savings
from .options import options_ranking, options_robustness
from .payback import cumulative_net_benefit
from .sharing import savings_shares
from .staffing import staffing_impact
from .style import FULL_HEIGHT_CM, FULL_WIDTH_CM, HALF_HEIGHT_CM, HALF_WIDTH_CM, PALETTE, PRINT_DPI, width_cm
from .tornado import tornado

__all__ = [
    "FULL_HEIGHT_CM", "FULL_WIDTH_CM", "HALF_HEIGHT_CM", "HALF_WIDTH_CM", "PALETTE", "PRINT_DPI",
    "cumulative_net_benefit", "gap_vs_savings", "one_off_costs_by_category", "save", "savings_shares",
    "scenario_comparison", "staffing_impact", "width_cm",
    "npv_distribution", "risk_fan", "tornado",
    "options_ranking", "options_robustness",
]
