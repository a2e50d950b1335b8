"""``scenarios.yaml``: the scenarios compared, each a set of initiatives.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import Id, ListFile, Positioned, ShortName, Text
from .reorganisation_file import Reorganisation

# --------------------------------------------------------------------------------------------
# scenarios.yaml

DeliveryModel = Literal[
    "status_quo",
    "solo",
    "co_operation_agreement",
    "strategic_alliance",
    "shared_services",
    "confederation",
    "joint_authority",
    "exit",
    "other",
]


#: what a scenario is for: the baseline that options are measured against, an option the
#: councils could choose, or a comparison (a published total, a variant) that is shown in tables
#: but is never "the best option" nor the focus of the risk pages
Role = Literal["baseline", "option", "comparison"]


class Scenario(Positioned):
    id: Id
    name: Text
    short_name: ShortName | None = Field(
        default=None, description="the name in charts, titles and sentences when the full name is long")
    delivery_model: DeliveryModel
    role: Role | None = Field(default=None, description="baseline, option or comparison; default baseline "
                              "for delivery_model: status_quo, option for the rest")
    description: Text | None = None
    initiatives: list[Id] = Field(default_factory=list)
    reorganisation: Reorganisation | None = Field(
        default=None, description="councils replaced by successor councils on a vesting date")
    source: Text | None = None

    @model_validator(mode="after")
    def _default_role(self) -> Scenario:
        if self.role is None:
            self.role = "baseline" if self.delivery_model == "status_quo" else "option"
        return self


class ScenariosFile(ListFile):
    scenarios: Annotated[list[Scenario], Field(min_length=1)]


