"""Committee tables with plain-English headings, read from the results.

* ``committee.py``  one council's tables and the partnership's (imported here: ``tables.council_tables``)
* ``risk.py``       the risk tables: chances, tornado, switching values, optimism bias
* ``options.py``    the options appraisal tables: scores, weights, ranking, robustness
"""
from .committee import (WORKFORCE_HEADINGS, council_summary, council_tables, cumulative_net_benefit_by_year,
                        gap_by_year, gap_met_by_council, net_benefit_by_council, npv_by_council,
                        one_off_costs_by_category, one_off_costs_by_council, partnership_tables, savings_by_council,
                        savings_shares, staffing_by_year, workforce_by_scenario)

__all__ = ["WORKFORCE_HEADINGS", "council_summary", "council_tables", "cumulative_net_benefit_by_year", "gap_by_year",
           "gap_met_by_council", "net_benefit_by_council", "npv_by_council", "one_off_costs_by_category",
           "one_off_costs_by_council", "partnership_tables", "savings_by_council", "savings_shares",
           "staffing_by_year", "workforce_by_scenario"]
