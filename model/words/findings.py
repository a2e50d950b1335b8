"""Plain-English findings from a projection, gathered for notebooks and scripts
(``from model import findings``): chart titles (:mod:`model.words.titles`), committee-paper
conclusions (:mod:`model.words.conclusions`) and the outcomes they read
(:mod:`model.results.outcomes`). The model's own modules import from those homes directly.
"""
from __future__ import annotations

from ..results.outcomes import Outcome, baseline_scenarios, option_ids, options, options_and_baselines, outcomes
from .conclusions import (council_conclusion, council_findings, partnership_conclusion, partnership_findings,
                          payback_sentences)
from .warnings import reserve_sentences, warning_sentences, warnings_paragraph
from .phrases import FULL_WIDTH_TITLE_CHARS, Fit, list_in_words, not_shown, percent_rate
from .reorganisation import (area_sentences, council_tax_summaries, reorganisation_conclusion,
                             reorganisation_heading, structure_sentences)
from .titles import (comparison_title, gap_title, one_off_costs_title, payback_title, savings_shares_title,
                     staffing_title)

__all__ = ["area_sentences", "council_tax_summaries", "reorganisation_conclusion", "reorganisation_heading",
           "structure_sentences", "FULL_WIDTH_TITLE_CHARS", "Fit", "Outcome", "baseline_scenarios", "comparison_title", "council_conclusion",
           "council_findings", "gap_title", "list_in_words", "not_shown", "one_off_costs_title", "option_ids",
           "options", "options_and_baselines", "outcomes", "partnership_conclusion", "partnership_findings",
           "payback_sentences", "payback_title", "percent_rate", "reserve_sentences", "savings_shares_title",
           "staffing_title", "warning_sentences", "warnings_paragraph"]
