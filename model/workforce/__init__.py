"""Workforce costs of joint working: the legal rules for redundancy payments and pension strain.

* ``statutory.py``       statutory redundancy pay (Employment Rights Act 1996 s.162) and the dated
                         limit on a week's pay
* ``compensation.py``    a council's discretionary compensation (SI 2006/2914, regs 5 to 7)
* ``pension_strain.py``  LGPS pension strain estimates (LGPS Regulations 2013 regs 30(7), 68(2))
* ``explain.py``         one person's calculation line by line (``python -m model redundancy``)
"""
from .compensation import Compensation, RedundancyPolicy, compensation_arrays, redundancy_compensation
from .explain import explain_redundancy
from .pension_strain import (
    Approximation,
    FundFactors,
    StrainMethod,
    annual_pension,
    pension_strain,
    pension_strain_array,
)
from .statutory import (
    WEEKS_PAY_LIMITS,
    RuleInputError,
    ServiceYear,
    WeeksPayLimit,
    check_age_and_service,
    check_weekly_pay,
    service_years,
    statutory_redundancy_pay,
    statutory_redundancy_weeks,
    statutory_weeks_array,
    weeks_pay_limit,
)

__all__ = ["WEEKS_PAY_LIMITS", "Approximation", "Compensation", "FundFactors", "RedundancyPolicy", "RuleInputError",
           "ServiceYear", "StrainMethod", "WeeksPayLimit", "annual_pension", "check_age_and_service",
           "check_weekly_pay", "compensation_arrays", "explain_redundancy", "pension_strain", "pension_strain_array",
           "redundancy_compensation", "service_years", "statutory_redundancy_pay", "statutory_redundancy_weeks",
           "statutory_weeks_array", "weeks_pay_limit"]
