"""Flexible use of capital receipts: the years the Secretary of State's directions allow a council
in England to meet the revenue costs of transformation from capital receipts, and what qualifies.

Capital receipts (money from selling assets) may normally fund only capital spending or repay
debt (SI 2003/3146 reg. 23). Directions under sections 16(2)(b) and 20 of the Local Government Act
2003 let councils treat as capital the revenue costs of projects "designed to generate ongoing
revenue savings in the delivery of public services and/or transform service delivery to reduce
costs", met from capital receipts, in the years they name:

* the direction of March 2016 (Spending Review 2015), for 2016/17 to 2018/19, extended by the
  direction of 6 February 2018 to 2021/22;
* the direction of 2 August 2022, for 2022/23 to 2024/25, which excludes redundancy payments
  except statutory redundancy pay (pension strain may still qualify);
* the direction issued in March 2025 (Local Government Finance Policy Statement, November 2024:
  "extension of the flexible use of capital receipts to 2030"), for 2025/26 to 2029/30, without
  the redundancy restriction.

Source: MHCLG, "Flexible use of capital receipts: direction", updated 26 March 2025, and the
direction of 2 August 2022, at
https://www.gov.uk/government/publications/final-guidance-on-flexible-use-of-capital-receipts
"""
from __future__ import annotations

#: the first and last financial years (as the calendar year each starts in) any direction allows
FIRST_YEAR, LAST_YEAR = 2016, 2029
#: the years whose direction allows only statutory redundancy pay among redundancy costs
STATUTORY_REDUNDANCY_ONLY = (2022, 2024)
SOURCE = ("MHCLG, Flexible use of capital receipts: direction (2 August 2022, and updated 26 March 2025), "
          "Local Government Act 2003 ss.16(2)(b) and 20")
ALLOWED_YEARS = "2016/17 to 2029/30"


def allowed(start_year: int) -> bool:
    """Whether a direction allows flexible use in the financial year starting in ``start_year``."""
    return FIRST_YEAR <= start_year <= LAST_YEAR


def statutory_redundancy_only(start_year: int) -> bool:
    """Whether that year's direction lets capital receipts meet statutory redundancy pay only
    (not discretionary compensation, nor redundancy amounts given without that split)."""
    return STATUTORY_REDUNDANCY_ONLY[0] <= start_year <= STATUTORY_REDUNDANCY_ONLY[1]
