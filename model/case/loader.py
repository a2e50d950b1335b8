"""Read a case folder into validated :class:`model.case.assumptions.Case` objects.

Reading never computes money. Every problem found is collected (not just the first) and raised
together as one :class:`model.rules.errors.CaseError`, each naming its file, place and value.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..rules.errors import CaseError, CaseNotFound, Problem, relative
from . import assumptions as a
from . import numbers, workbook_problems, workbook_reading, yaml_reading  # noqa: F401
from . import overrides as overrides_module
from .case_files import (  # noqa: F401 - the names are part of this module's interface
    ACTUALS_FILE,
    CASE_FILE,
    CASE_FILES,
    COUNCILS_FILE,
    INITIATIVES_FILE,
    MAX_FILE_BYTES,
    OPTIONS_FILE,
    PROGRESS_FILE,
    REQUIRED_FILES,
    SCENARIOS_FILE,
    SPREADSHEETS,
    SERVICES_FILE,
    STAFF_BANDS_FILE,
    STAFF_FILE,
    WORKFORCE_FILE,
    read_bytes,
    survey,
)
from .csv_reading import (
    ANONYMISED,
    OPTIONAL_COLUMNS,
    SERVICE_COLUMNS,
    STAFF_BAND_COLUMNS,
    STAFF_COLUMNS,
    read_table,
    read_text,
)
from .rounds import ReadFiles, assemble, validate_file
from .sources import resolve_sources

#: The bundled example cases, beside the package in a source checkout.
EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "cases"

#: read by other modules from here, their old home
__all__ = ["ANONYMISED", "OPTIONAL_COLUMNS", "SERVICE_COLUMNS", "STAFF_BAND_COLUMNS", "STAFF_COLUMNS"]

def example_case_ids() -> list[str]:
    if not EXAMPLES.is_dir():
        return []
    # a hidden folder is never a case: a case version is written as one (.<id>.xxxx.partial) first
    return sorted(p.name for p in EXAMPLES.iterdir() if (p / CASE_FILE).is_file() and not p.name.startswith("."))


def find_case(case: str | Path) -> Path:
    """A case folder from a path or a case id (looked up in ``data/cases`` here, then beside the package)."""
    path = Path(case)
    if path.is_dir() or (workbook_reading.is_workbook(path) and path.is_file()):
        return path
    if path.is_file():
        kind = (f"a spreadsheet in a format the model does not read ({path.suffix}); save it from Excel as an "
                "Excel Workbook (.xlsx)" if path.suffix.lower() in SPREADSHEETS else "a file, not a case folder or an Excel workbook (.xlsx)")
        raise CaseError([Problem(relative(path), "", f"is {kind}", has_value=False)])
    text = str(case)
    if a.is_id(text):
        for root in (Path.cwd() / "data" / "cases", EXAMPLES):
            if (root / text).is_dir():
                return root / text
    raise CaseNotFound(text, example_case_ids())


@dataclass
class CaseFiles:
    """A case folder as read: each YAML file's data (before validation) and each CSV file's rows
    (validated: no override reaches them), with the problems of reading. Validating it
    (:func:`validate_case`) gives the :class:`model.case.assumptions.Case`; reading once and
    validating again with what-ifs (:mod:`model.case.overrides`) is how the explorer avoids
    re-reading files."""

    folder: Path
    yaml: dict[str, dict | None]
    services: list[a.ServiceLine]
    staff: list[a.StaffMember]
    staff_bands: list[a.StaffBand]
    problems: list[Problem]           # of the folder as a whole (missing or misnamed files)
    read_problems: dict[str, list[Problem]]   # file name -> problems of reading it
    present: set[str]
    ignored: list[str]
    table_texts: dict[str, str] = field(default_factory=dict)   # a workbook's tables as CSV text, by file
    actuals: list[a.ActualRow] = field(default_factory=list)


def read_case(case: str | Path) -> CaseFiles:
    """Read (not validate) every file of a case folder."""
    folder = find_case(case)
    if workbook_reading.is_workbook(folder):
        return workbook_reading.read_workbook(folder)
    found = survey(folder)
    problems: list[Problem] = list(found.problems)
    if not found.present and not problems:
        books = sorted(p.name for p in folder.iterdir() if workbook_reading.is_workbook(p))[:3]
        hint = f" (to read a workbook, give its path: {', '.join(books)})" if books else ""
        raise CaseError([Problem(relative(folder), "", "the case folder is empty; it needs "
                                 + ", ".join(REQUIRED_FILES) + hint, has_value=False)])
    refused = {Path(p.file).name for p in problems}
    for name in REQUIRED_FILES:
        if name not in found.present and name not in refused:
            problems.append(Problem(relative(folder / name), "", "required file is missing", has_value=False))
    present = set(found.present)
    read: dict[str, list[Problem]] = {name: [] for name in _FILE_ORDER}
    data = {name: _read_yaml(folder / name, read[name]) if name in present else None for name in _YAML_FILES}
    services, staff, staff_bands, actuals = (read_table(folder / name, read[name]) if name in present else []
                                             for name in (SERVICES_FILE, STAFF_FILE, STAFF_BANDS_FILE, ACTUALS_FILE))
    return CaseFiles(folder, data, services, staff, staff_bands, problems, read, present, found.ignored,
                     actuals=actuals)


#: the YAML files of a case and the model each is validated as
_YAML_FILES = {CASE_FILE: a.CaseFile, COUNCILS_FILE: a.CouncilsFile, INITIATIVES_FILE: a.InitiativesFile,
               SCENARIOS_FILE: a.ScenariosFile, WORKFORCE_FILE: a.WorkforceFile, OPTIONS_FILE: a.OptionsFile,
               PROGRESS_FILE: a.ProgressFile}
#: the order in which each file's problems are reported
_FILE_ORDER = (CASE_FILE, COUNCILS_FILE, SERVICES_FILE, INITIATIVES_FILE, SCENARIOS_FILE, WORKFORCE_FILE, STAFF_FILE,
               STAFF_BANDS_FILE, OPTIONS_FILE, ACTUALS_FILE, PROGRESS_FILE)


def validate_case(files: CaseFiles, overrides: Sequence[overrides_module.Override] = ()) -> a.Case:
    """The validated case from files as read, with ``overrides`` written in first (the files on
    disk are never changed). Every problem is raised together, as by :func:`load_case`."""
    folder = files.folder
    problems = list(files.problems)
    data = files.yaml
    if overrides:
        data, _ = overrides_module.apply(data, overrides)
    # a misnamed or missing file: the files that are there are still read and checked, so their
    # problems come in this round too; the checks across files wait until every file is there
    missing_or_misnamed = bool(problems)
    models: dict[str, object] = {}
    for name in _FILE_ORDER:
        problems += files.read_problems.get(name, [])
        if name in _YAML_FILES and name in files.present and data[name] is not None:
            models[name] = validate_file(_YAML_FILES[name], data[name], relative(folder / name), problems)
    case_file, councils, scenarios, options, progress = (
        models.get(n) for n in (CASE_FILE, COUNCILS_FILE, SCENARIOS_FILE, OPTIONS_FILE, PROGRESS_FILE))
    initiatives = models.get(INITIATIVES_FILE) if INITIATIVES_FILE in files.present else a.InitiativesFile()
    workforce = models.get(WORKFORCE_FILE) if WORKFORCE_FILE in files.present else a.WorkforceFile()
    try:
        if missing_or_misnamed:
            raise CaseError(problems)
        # every problem in one round: the checks across files run on what validated (model.rounds)
        loaded = assemble(ReadFiles(
            folder=str(folder),
            files={
                "case": relative(folder / CASE_FILE),
                "councils": relative(folder / COUNCILS_FILE),
                "services": relative(folder / SERVICES_FILE),
                "initiatives": relative(folder / INITIATIVES_FILE),
                "scenarios": relative(folder / SCENARIOS_FILE),
                "workforce": relative(folder / WORKFORCE_FILE),
                "staff": relative(folder / STAFF_FILE),
                "staff_bands": relative(folder / STAFF_BANDS_FILE),
                "options": relative(folder / OPTIONS_FILE),
                "actuals": relative(folder / ACTUALS_FILE),
                "progress": relative(folder / PROGRESS_FILE),
            },
            case_file=case_file, councils=councils, services=files.services,
            initiatives=initiatives, scenarios=scenarios, workforce=workforce, staff=files.staff,
            staff_bands=files.staff_bands, options=options, ignored_files=files.ignored,
            actuals=files.actuals, progress=progress,
        ), problems)
    except CaseError as exc:
        problems = overrides_module.mark(list(exc.problems), list(overrides))
        raise CaseError(workbook_problems.translate(problems)) from None
    resolve_sources(loaded)
    return loaded


def load_case(case: str | Path, overrides: Sequence[overrides_module.Override] = ()) -> a.Case:
    """Read and validate a case folder, with any what-ifs (:mod:`model.case.overrides`) applied."""
    return validate_case(read_case(case), overrides)


# ------------------------------------------------------------------------------------------ YAML


def _read_yaml(path: Path, problems: list[Problem]) -> dict | None:
    text = read_text(path, problems)
    if text is None:
        return None
    where = relative(path)
    try:
        data = yaml_reading.load(text)
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        problems.append(Problem(where, f"character {exc.position + 1}", f"is not valid YAML: it holds a control "
                                f"character (#x{exc.character:04x}) that YAML does not allow; remove it",
                                has_value=False))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = getattr(exc, "problem", None) or "it cannot be read as YAML"  # never the file's own lines
        problems.append(Problem(where, location, f"is not valid YAML: {message}", has_value=False))
        return None
    if data is None:
        problems.append(Problem(where, "", "is empty", has_value=False))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(where, "", "must be a set of 'field: value' lines at the top level",
                                value=type(data).__name__))
        return None
    return data


