"""The whole case, after every file and every cross-reference has been checked.
"""
from __future__ import annotations

from pydantic import Field, PrivateAttr

from ..rules import years
from .case_file import CaseFile
from .councils_file import Council, ServiceLine
from .fields import CaseModel
from .initiatives_file import Initiative
from .options_file import OptionsFile
from .progress_file import ActualRow, ProgressFile
from .reorganisation_file import Successor
from .scenarios_file import Scenario
from .workforce_file import CouncilWorkforce, StaffBand, StaffMember

# --------------------------------------------------------------------------------------------
# The whole case, after every file and every cross-reference has been checked.


class Case(CaseModel):
    folder: str
    case: CaseFile
    councils: list[Council]
    services: list[ServiceLine]
    initiatives: list[Initiative]
    scenarios: list[Scenario]
    workforce: list[CouncilWorkforce] = Field(default_factory=list)
    staff: list[StaffMember] = Field(default_factory=list, repr=False)
    staff_bands: list[StaffBand] = Field(default_factory=list, repr=False)
    options: OptionsFile | None = None
    actuals: list[ActualRow] = Field(default_factory=list)   # actuals.csv: what was delivered
    progress: ProgressFile | None = None                       # progress.yaml
    #: files in the case folder that are not case files (ignored; ``validate`` lists them)
    ignored_files: list[str] = Field(default_factory=list)
    _defaults: dict[str, CouncilWorkforce] = PrivateAttr(default_factory=dict)

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def year_labels(self) -> list[str]:
        return years.labels(self.case.first_year_start, self.case.horizon_years)

    def year_index(self, label: str) -> int:
        return years.parse_label(label) - self.case.first_year_start

    @property
    def tracked_scenario(self) -> str | None:
        """The scenario the actuals are measured against: progress.yaml's, else the preferred option."""
        if self.progress is not None and self.progress.scenario is not None:
            return self.progress.scenario
        return self.case.preferred

    @property
    def council_ids(self) -> list[str]:
        return [c.id for c in self.councils]

    @property
    def successors(self) -> list[Successor]:
        """Every successor council of the case's scenarios, once each (the first definition), in order."""
        seen: dict[str, Successor] = {}
        for scenario in self.scenarios:
            for successor in scenario.reorganisation.successors if scenario.reorganisation is not None else []:
                seen.setdefault(successor.id, successor)
        return list(seen.values())

    @property
    def profiled_councils(self) -> set[str]:
        """Councils with a staff profile (staff.csv or staff_bands.csv)."""
        return {row.council for row in self.staff} | {row.council for row in self.staff_bands}

    def workforce_of(self, council: str) -> CouncilWorkforce:
        """The council's entry in workforce.yaml, or the defaults (statutory pay only, no rates)."""
        for entry in self.workforce:
            if entry.council == council:
                return entry
        if council not in self._defaults:   # made once: a projection asks for it per initiative
            self._defaults[council] = CouncilWorkforce(council=council)
        return self._defaults[council]


