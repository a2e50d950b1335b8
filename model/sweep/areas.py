"""The areas a sweep groups: a two-tier county's districts (plus any neighbouring unitaries named),
read from the bundled reference data (``data/england``: ONS populations, MHCLG Band D and tax
bases, ONS boundaries), or from a folder holding tables of the same columns.

An area is its county (whose services are split between the new unitaries) and its councils, in
the order of their ONS codes, with what a sweep needs of each: population (ONS mid-2024), its own
Band D and tax-setting base (MHCLG 2023-24, the latest own-council figures the data holds) and
which councils border which. Problems are :class:`model.rules.errors.CaseError`: a file, a field and
a value, never a traceback.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..rules.errors import CaseError, Problem

DATA = Path(__file__).resolve().parents[2] / "data" / "england"
COUNCILS_FILE = "councils_england.csv"
ADJACENCY_FILE = "adjacency.csv"
#: a folder standing in for the bundled data holds these two files, with the same columns
FOLDER_FILES = ("councils.csv", "adjacency.csv")

POPULATION = "population_mid2024"
BAND_D = "band_d_council_2023_24"
TAX_BASE = "council_tax_base_taxsetting_2023_24"
NEEDED = ("ons_code", "name", "type", "parent_county_ons_code", POPULATION, BAND_D, TAX_BASE)
ACROSS_WATER = "across_tidal_water_only"


@dataclass(frozen=True)
class Council:
    code: str            # ONS code
    name: str
    kind: str            # district / unitary / ...
    population: float
    band_d: float        # GBP, the council's own Band D
    tax_base: float      # Band D equivalents


@dataclass
class Area:
    """A county and the councils a sweep groups (``councils`` in ONS code order)."""

    county: Council
    councils: list[Council]
    pairs: list[tuple[int, int]]                  # neighbours, as indexes into ``councils``
    source: str                                   # where the figures came from
    land_only: bool = False
    codes: list[str] = field(init=False)

    def __post_init__(self):
        self.codes = [c.code for c in self.councils]

    @property
    def included(self) -> list[Council]:
        """The unitaries taking part beside the county's districts."""
        return [c for c in self.councils if c.kind != "district"]

    def index(self, code: str) -> int:
        return self.codes.index(code)


@dataclass
class Reference:
    """The rows of the councils table by ONS code, and the neighbour pairs with their basis."""

    rows: dict[str, dict]
    pairs: list[tuple[str, str, str]]
    where: str                                    # the folder, for messages

    def counties(self) -> list[str]:
        return sorted(code for code, row in self.rows.items() if row["type"] == "county")

    def districts_of(self, county: str) -> list[str]:
        return sorted(code for code, row in self.rows.items()
                      if row["type"] == "district" and row["parent_county_ons_code"] == county)


def read_reference(folder: Path | None = None) -> Reference:
    """The bundled data (``folder`` None) or a folder's ``councils.csv`` and ``adjacency.csv``."""
    if folder is None:
        councils, adjacency = DATA / COUNCILS_FILE, DATA / ADJACENCY_FILE
    else:
        councils, adjacency = (folder / name for name in FOLDER_FILES)
    rows = {}
    for line, row in _rows(councils, NEEDED):
        code = row["ons_code"].strip()
        if not code:
            raise CaseError([Problem(str(councils), f"line {line}: ons_code", "is empty", has_value=False)])
        if code in rows:
            raise CaseError([Problem(str(councils), f"line {line}: ons_code", "appears twice", code)])
        rows[code] = row
    pairs = []
    for line, row in _rows(adjacency, ("ons_code_a", "ons_code_b", "basis")):
        a, b = row["ons_code_a"].strip(), row["ons_code_b"].strip()
        for name, code in (("ons_code_a", a), ("ons_code_b", b)):
            if code not in rows:
                raise CaseError([Problem(str(adjacency), f"line {line}: {name}",
                                         f"is not a council in {councils.name}", code)])
        pairs.append((a, b, row["basis"].strip()))
    return Reference(rows, pairs, f"data/england/{COUNCILS_FILE}" if folder is None else str(councils))


def find_area(text: str, include: list[str] = (), land_only: bool = False) -> Area:
    """The area ``text`` names: a county's ONS code or name in the bundled data, or a folder of
    the same tables holding one county. ``include``: unitaries (codes or names) that join it."""
    path = Path(text)
    if path.is_dir():
        reference = read_reference(path)
        counties = reference.counties()
        if len(counties) != 1:
            raise CaseError([Problem(str(path / FOLDER_FILES[0]), "type",
                                     "must have exactly one county row to sweep", len(counties))])
        county = counties[0]
    else:
        reference = read_reference()
        county = county_code(reference, text)
    return area_of(reference, county, include, land_only)


def area_of(reference: Reference, county: str, include=(), land_only: bool = False) -> Area:
    """The area of ``county`` (an ONS code in ``reference``) with the unitaries ``include`` names."""
    codes = reference.districts_of(county)
    if not codes:
        raise CaseError([Problem(reference.where, "parent_county_ons_code",
                                 "no district names this county as its own, so there is nothing to group", county)])
    for text in include:
        code = _council_named(reference, text, "--include")
        if reference.rows[code]["type"] not in ("unitary", "metropolitan", "london_borough"):
            raise CaseError([Problem("--include", "council", f"names a single-tier council to join the area; "
                                     f"{reference.rows[code]['name']} is a {reference.rows[code]['type']}", text)])
        if code not in codes:
            codes.append(code)
    codes.sort()
    councils = [_council(reference, code) for code in codes]
    at = {code: i for i, code in enumerate(codes)}
    pairs = sorted({tuple(sorted((at[a], at[b]))) for a, b, basis in reference.pairs
                    if a in at and b in at and not (land_only and basis == ACROSS_WATER)})
    source = ("data/england (ONS mid-2024 population; MHCLG Council Tax levels 2023-24, Table 9; "
              "ONS 2025 boundaries)" if reference.where == f"data/england/{COUNCILS_FILE}" else reference.where)
    return Area(_council(reference, county), councils, pairs, source, land_only)


def two_tier_areas(reference: Reference | None = None) -> list[str]:
    """Every county with districts in the reference data, by ONS code."""
    reference = reference or read_reference()
    return [code for code in reference.counties() if reference.districts_of(code)]


def county_code(reference: Reference, text: str) -> str:
    code = _council_named(reference, text, "AREA")
    if reference.rows[code]["type"] != "county":
        raise CaseError([Problem("AREA", "county", f"{reference.rows[code]['name']} is a "
                                 f"{reference.rows[code]['type']}, not a two-tier county", text)])
    return code


def _council_named(reference: Reference, text: str, where: str) -> str:
    wanted = text.strip().casefold()
    if text.strip().upper() in reference.rows:
        return text.strip().upper()
    found = [code for code, row in reference.rows.items()
             if wanted in (row["name"].casefold(), row.get("official_name", "").casefold())]
    if len(found) == 1:
        return found[0]
    counties = ", ".join(reference.rows[c]["name"] for c in two_tier_areas(reference))
    hint = f"; the two-tier counties are {counties}" if where == "AREA" else ""
    raise CaseError([Problem(where, "council", f"is not a council's ONS code or name in {reference.where}"
                             f"{hint}", text)])


def _council(reference: Reference, code: str) -> Council:
    row = reference.rows[code]
    figures = {}
    for column in (POPULATION, BAND_D, TAX_BASE):
        text = row[column].strip()
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise CaseError([Problem(reference.where, f"{row['name']} ({code}): {column}",
                                     "must be a positive number", text)])
        figures[column] = value
    return Council(code, row["name"].strip(), row["type"].strip(), figures[POPULATION], figures[BAND_D],
                   figures[TAX_BASE])


def _rows(path: Path, needed):
    if not path.is_file():
        raise CaseError([Problem(str(path), "file", "is missing", has_value=False)])
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise CaseError([Problem(str(path), "columns", f"lacks {', '.join(missing)}", has_value=False)])
        for line, row in enumerate(reader, start=2):
            yield line, {k: (v or "") for k, v in row.items() if k is not None}
