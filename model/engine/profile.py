"""The anonymised staff profile as weighted rows, ready for vectorised costing.

A staff list (``staff.csv``) gives one row per employee. A banded profile (``staff_bands.csv``)
gives counts by age band and service band; each band becomes one row per whole age and whole
year of service that is possible inside it (service at most age minus 15), sharing the band's
headcount and FTE equally. That is the expected value over a band when nothing more is known
about who is in it. Rows never leave the model: only totals over them are published.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import assumptions as a
from ..workforce.statutory import MIN_WORKING_AGE


@dataclass(frozen=True)
class StaffProfile:
    council: np.ndarray      # [R] index into the case's councils
    service: np.ndarray      # [R] service line name (object)
    category: np.ndarray     # [R] category of that service line (object)
    age: np.ndarray          # [R] complete years at the council's profile date
    service_years: np.ndarray  # [R] complete years of continuous service at the profile date
    weekly_pay: np.ndarray   # [R] actual gross week's pay of each person the row stands for
    headcount: np.ndarray    # [R] people the row stands for (1 for a staff-list row)
    fte: np.ndarray          # [R]
    lgps_share: np.ndarray   # [R] share of those people who are LGPS members
    post: np.ndarray         # [R] post title or grade (object), None where the row gives none

    def __len__(self) -> int:
        return len(self.age)


def build_profile(case: a.Case) -> StaffProfile:
    index = {c: n for n, c in enumerate(case.council_ids)}
    category = {(line.council, line.service): line.category for line in case.services}
    rows: list[tuple] = []
    for person in case.staff:
        rows.append((person.council, person.service, person.age, person.years_of_service, person.weekly_pay,
                     1.0, person.fte, float(person.lgps_member), person.post))
    for band in case.staff_bands:
        cells = [(age, years) for age in range(band.age_band[0], band.age_band[1] + 1)
                 for years in range(band.service_band[0], band.service_band[1] + 1)
                 if years <= age - MIN_WORKING_AGE]
        for age, years in cells:
            rows.append((band.council, band.service, float(age), float(years), band.weekly_pay,
                         band.headcount / len(cells), band.fte / len(cells), band.lgps_members / band.headcount,
                         band.post))
    columns = list(zip(*rows)) if rows else [()] * 9
    return StaffProfile(
        council=np.array([index[c] for c in columns[0]], dtype=int),
        service=np.array(columns[1], dtype=object),
        category=np.array([category[key] for key in zip(columns[0], columns[1])], dtype=object),
        age=np.array(columns[2], dtype=float),
        service_years=np.array(columns[3], dtype=float),
        weekly_pay=np.array(columns[4], dtype=float),
        headcount=np.array(columns[5], dtype=float),
        fte=np.array(columns[6], dtype=float),
        lgps_share=np.array(columns[7], dtype=float),
        post=np.array(columns[8], dtype=object),
    )
