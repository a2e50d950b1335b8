"""Sharing keys: how a partnership splits an amount between its councils.

``equal`` splits evenly between the participating councils; ``net_budget``, ``population`` and
``in_scope_cost`` split in proportion to that measure; ``fixed`` uses agreed shares (seed 004:
South Somerset's GBP 1.2m of a GBP 2.5m pot). Councils outside the initiative get nothing.
The shares of the participating councils add up to exactly 1.
"""
from __future__ import annotations

import numpy as np


class SharingError(ValueError):
    """The measure a key shares by adds up to zero for the councils taking part."""


def shares(key: str, members: np.ndarray, *, net_budget: np.ndarray, population: np.ndarray,
           in_scope_cost: np.ndarray, fixed: np.ndarray | None = None) -> np.ndarray:
    """Share of each council (array over councils, zero for non-members, summing to 1)."""
    members = members.astype(bool)
    if key == "equal":
        basis = np.ones(members.shape)
    elif key == "net_budget":
        basis = net_budget
    elif key == "population":
        basis = population
    elif key == "in_scope_cost":
        basis = in_scope_cost
    elif key == "fixed":
        if fixed is None:
            raise SharingError("sharing_key: fixed needs shares")
        basis = fixed
    else:
        raise SharingError(f"unknown sharing key {key!r}")
    weights = np.where(members, np.asarray(basis, dtype=float), 0.0)
    total = weights.sum()
    if total <= 0:
        raise SharingError(f"cannot share by {key}: it adds up to 0 for the councils taking part")
    return weights / total
