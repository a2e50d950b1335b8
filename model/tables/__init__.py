"""Committee tables with plain-English headings, read from the results.

* ``committee.py``  one council's tables and the partnership's (imported here: ``tables.council_tables``)
* ``risk.py``       the risk tables: chances, tornado, switching values, optimism bias
* ``options.py``    the options appraisal tables: scores, weights, ranking, robustness
* ``reorganisation.py``  a reorganisation's tables: the options for the area, each successor council,
  savings and one-off costs by category; ``council_tax.py`` the Band D of each area by year
* ``cell_formats.py``  the format keys of ``attrs["formats"]`` (figures are numbers, never text)
* ``headings.py``   the run's CSV tables under human headings, for ``results.xlsx``
"""
from .committee import (WORKFORCE_HEADINGS, council_summary, council_tables, cumulative_net_benefit_by_year,
                        gap_by_year, gap_met_by_council, net_benefit_by_council, npv_by_council,
                        one_off_costs_by_category, one_off_costs_by_council, partnership_tables, savings_by_council,
                        savings_shares, staffing_by_year, workforce_by_scenario)

from .reorganisation import area_options, reorganisation_tables, successor_positions
from .reorganisation import one_off_costs_by_category as reorganisation_one_off_costs
from .reorganisation import savings_by_category as reorganisation_savings_by_category

__all__ = ["area_options", "reorganisation_tables", "successor_positions", "reorganisation_one_off_costs",
           "reorganisation_savings_by_category","WORKFORCE_HEADINGS", "council_summary", "council_tables", "cumulative_net_benefit_by_year", "gap_by_year",
           "gap_met_by_council", "net_benefit_by_council", "npv_by_council", "one_off_costs_by_category",
           "one_off_costs_by_council", "partnership_tables", "savings_by_council", "savings_shares",
           "staffing_by_year", "workforce_by_scenario"]
