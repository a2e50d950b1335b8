"""``scenarios.yaml``: the scenarios compared, each a set of initiatives.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .fields import Id, ListFile, Positioned, Text

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


class Scenario(Positioned):
    id: Id
    name: Text
    delivery_model: DeliveryModel
    description: Text | None = None
    initiatives: list[Id] = Field(default_factory=list)
    source: Text | None = None


class ScenariosFile(ListFile):
    scenarios: Annotated[list[Scenario], Field(min_length=1)]


