"""Typed, validated case assumptions: what each case file may contain, gathered in one place.

Each file of a case folder has its own module (``fields.py`` for what they share, then
``case_file.py``, ``councils_file.py``, ``workforce_file.py``, ``initiatives_file.py``,
``scenarios_file.py``, ``options_file.py``, and ``whole.py`` for the assembled :class:`Case`), so
a problem is always reported against the file it came from. Loaders (:mod:`model.case.loader`)
read files into these models; they never compute money. Cross-file checks (unknown councils,
years outside the horizon) live in :mod:`model.case.references`.

Every number in a case may be written bare (``net_budget: 14800000``) or with its own source
(``net_budget: {value: 14800000, source: "seed 004, para 3.3(a)"}``). A bare number takes the
``source`` of the object that holds it, and failing that the case's ``default_source``; the
assumptions register (:mod:`model.case.sources`) lists every value with the source it ended up with.

Money is in GBP per year unless a field says otherwise; costs are positive numbers.
"""

from .case_file import (GROUP_ASSUMPTIONS, CaseFile, Coefficient, Correlation, CorrelationGroup, Inflation,
                        InflationIndex, OptimismBias, PriceBase, SensitivitySettings, StartDelay, Uplift, YearlyRate)
from .councils_file import Category, Council, CouncilsFile, ServiceLine
from .fields import (ID_PATTERN, MAX_COUNCILS, MAX_HORIZON, SHARE_TOLERANCE, CaseModel, Count, Distribution, Finite,
                     Fraction, Fte, Id, ListFile, Money, Positioned, Sourced, Text, YearLabel, check_year_label, is_id)
from .initiatives_file import (ONE_OFF_CATEGORIES, AnnualItem, Effect, FundingItem, IncomeItem, Indexation, Initiative,
                               InitiativesFile, NamedPost, OneOffCategory, OneOffItem, RecurringCostCategory, Scope, Shared,
                               SharedItem, SharingKey, StaffingRates, StaffReallocation)
from .options_file import (DEFAULT_SCALE, JOINT, Criterion, FinancialRating, Label, Option, OptionsFile, Threshold,
                           Weight)
from .progress_file import MEASURES as ACTUAL_MEASURES
from .progress_file import ActualRow, ProgressFile, Reforecast, Share, Thresholds
from .reorganisation_file import (MAX_HARMONISATION_YEARS, CouncilTax, Harmonisation, Reorganisation,
                                  ServiceSplit, Split, Successor)
from .scenarios_file import DeliveryModel, Scenario, ScenariosFile
from .whole import Case
from .workforce_file import (MAX_AGE, MAX_SERVICE, Band, CouncilWorkforce, PensionStrainInput, RedundancyPolicyInput,
                             StaffBand, StaffMember, WorkforceFile, between, parse_band)

__all__ = [
    "ACTUAL_MEASURES",
    "ActualRow",
    "ProgressFile",
    "Reforecast",
    "Share",
    "Thresholds",
    "MAX_HARMONISATION_YEARS",
    "CouncilTax",
    "Harmonisation",
    "Reorganisation",
    "ServiceSplit",
    "Split",
    "Successor",
    "MAX_HORIZON",
    "MAX_COUNCILS",
    "SHARE_TOLERANCE",
    "ID_PATTERN",
    "Id",
    "Text",
    "check_year_label",
    "YearLabel",
    "Finite",
    "CaseModel",
    "Distribution",
    "Sourced",
    "Money",
    "Count",
    "Fte",
    "Fraction",
    "Positioned",
    "ListFile",
    "is_id",
    "Uplift",
    "OptimismBias",
    "SensitivitySettings",
    "StartDelay",
    "GROUP_ASSUMPTIONS",
    "Coefficient",
    "CorrelationGroup",
    "Correlation",
    "CaseFile",
    "PriceBase",
    "Inflation",
    "InflationIndex",
    "YearlyRate",
    "Council",
    "CouncilsFile",
    "Category",
    "ServiceLine",
    "MAX_AGE",
    "MAX_SERVICE",
    "RedundancyPolicyInput",
    "between",
    "PensionStrainInput",
    "CouncilWorkforce",
    "WorkforceFile",
    "StaffMember",
    "Band",
    "parse_band",
    "StaffBand",
    "SharingKey",
    "OneOffCategory",
    "ONE_OFF_CATEGORIES",
    "RecurringCostCategory",
    "SharedItem",
    "Effect",
    "Shared",
    "AnnualItem",
    "IncomeItem",
    "OneOffItem",
    "FundingItem",
    "Scope",
    "StaffingRates",
    "StaffReallocation",
    "NamedPost",
    "Indexation",
    "Initiative",
    "InitiativesFile",
    "DeliveryModel",
    "Scenario",
    "ScenariosFile",
    "DEFAULT_SCALE",
    "JOINT",
    "Label",
    "Weight",
    "Threshold",
    "FinancialRating",
    "Criterion",
    "Option",
    "OptionsFile",
    "Case",
]
