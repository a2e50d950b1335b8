"""Read a case folder into validated :class:`model.assumptions.Case` objects.

Reading never computes money. Every problem found is collected (not just the first) and raised
together as one :class:`model.errors.CaseError`, each naming its file, place and value.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from . import assumptions as a
from .errors import CaseError, CaseNotFound, Problem, relative
from .rounds import ReadFiles, assemble, validate_file
from .schema_problems import problems_from  # noqa: F401 - read by _read_table, and its old home
from .sources import resolve_sources

CASE_FILE = "case.yaml"
COUNCILS_FILE = "councils.yaml"
SERVICES_FILE = "services.csv"
INITIATIVES_FILE = "initiatives.yaml"
SCENARIOS_FILE = "scenarios.yaml"
WORKFORCE_FILE = "workforce.yaml"
STAFF_FILE = "staff.csv"
STAFF_BANDS_FILE = "staff_bands.csv"
OPTIONS_FILE = "options.yaml"
REQUIRED_FILES = (CASE_FILE, COUNCILS_FILE, SERVICES_FILE, SCENARIOS_FILE)

#: The bundled example cases, beside the package in a source checkout.
EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "cases"

SERVICE_COLUMNS = ("council", "service", "category", "net_cost", "fte", "source")
SERVICE_NUMBERS = ("net_cost", "fte")
STAFF_COLUMNS = ("council", "service", "age", "years_of_service", "weekly_pay", "fte", "lgps_member", "source")
STAFF_NUMBERS = ("age", "years_of_service", "weekly_pay", "fte")
STAFF_BAND_COLUMNS = ("council", "service", "age_band", "service_band", "headcount", "fte", "weekly_pay",
                      "lgps_members", "source")
STAFF_BAND_NUMBERS = ("headcount", "fte", "weekly_pay", "lgps_members")
#: said when a staff file has a column it should not: staff rows carry no names or identifiers
ANONYMISED = "staff files hold anonymised rows only, with no names or identifiers"
MAX_FILE_BYTES = 5_000_000


def example_case_ids() -> list[str]:
    if not EXAMPLES.is_dir():
        return []
    return sorted(p.name for p in EXAMPLES.iterdir() if (p / CASE_FILE).is_file())


def find_case(case: str | Path) -> Path:
    """A case folder from a path or a case id (looked up in ``data/cases`` here, then beside the package)."""
    path = Path(case)
    if path.is_dir():
        return path
    text = str(case)
    if a.is_id(text):
        for root in (Path.cwd() / "data" / "cases", EXAMPLES):
            if (root / text).is_dir():
                return root / text
    raise CaseNotFound(text, example_case_ids())


def load_case(case: str | Path) -> a.Case:
    folder = find_case(case)
    problems: list[Problem] = []
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    if not present:
        raise CaseError([Problem(relative(folder), "", "the case folder is empty; it needs "
                                 + ", ".join(REQUIRED_FILES), has_value=False)])
    for name in REQUIRED_FILES:
        if name not in present:
            problems.append(Problem(relative(folder / name), "", "required file is missing", has_value=False))
    if problems:
        raise CaseError(problems)

    case_file = _read_model(folder / CASE_FILE, a.CaseFile, problems)
    councils = _read_model(folder / COUNCILS_FILE, a.CouncilsFile, problems)
    services = _read_services(folder / SERVICES_FILE, problems)
    initiatives = (_read_model(folder / INITIATIVES_FILE, a.InitiativesFile, problems)
                   if INITIATIVES_FILE in present else a.InitiativesFile())
    scenarios = _read_model(folder / SCENARIOS_FILE, a.ScenariosFile, problems)
    workforce = (_read_model(folder / WORKFORCE_FILE, a.WorkforceFile, problems)
                 if WORKFORCE_FILE in present else a.WorkforceFile())
    staff = (_read_table(folder / STAFF_FILE, a.StaffMember, STAFF_COLUMNS, STAFF_NUMBERS, problems,
                         note=ANONYMISED) if STAFF_FILE in present else [])
    staff_bands = (_read_table(folder / STAFF_BANDS_FILE, a.StaffBand, STAFF_BAND_COLUMNS, STAFF_BAND_NUMBERS,
                               problems, note=ANONYMISED) if STAFF_BANDS_FILE in present else [])
    options = _read_model(folder / OPTIONS_FILE, a.OptionsFile, problems) if OPTIONS_FILE in present else None

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
        },
        case_file=case_file, councils=councils, services=services, initiatives=initiatives,
        scenarios=scenarios, workforce=workforce, staff=staff, staff_bands=staff_bands, options=options,
    ), problems)
    resolve_sources(loaded)
    return loaded


# ------------------------------------------------------------------------------------ text files


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    where = relative(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(where, "", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; "
                                    "is it the right file?", has_value=False))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(where, "", f"cannot be read: {exc.strerror or exc}", has_value=False))
        return None
    if b"\x00" in raw:
        problems.append(Problem(where, "", "is a binary file, not text (was a spreadsheet saved "
                                "under this name?)", has_value=False))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(where, f"byte {exc.start}", "is not UTF-8 text; save it as UTF-8",
                                has_value=False))
        return None


# ------------------------------------------------------------------------------------------ YAML


class _UniqueKeyLoader(yaml.SafeLoader):
    """The safe loader, refusing a key written twice in one mapping (YAML would keep the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is written twice in the same block", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, problems: list[Problem]) -> dict | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    where = relative(path)
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = getattr(exc, "problem", None) or str(exc)
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


def _read_model(path: Path, model: type[BaseModel], problems: list[Problem]):
    data = _read_yaml(path, problems)
    if data is None:
        return None
    return validate_file(model, data, relative(path), problems)


# ------------------------------------------------------------------------------------------- CSV


def _read_services(path: Path, problems: list[Problem]) -> list[a.ServiceLine]:
    return _read_table(path, a.ServiceLine, SERVICE_COLUMNS, SERVICE_NUMBERS, problems, noun="service lines")


def _read_table(path: Path, model: type[BaseModel], columns: tuple[str, ...], numbers: tuple[str, ...],
                problems: list[Problem], note: str | None = None, noun: str = "rows") -> list:
    """Rows of a CSV file as ``model`` objects, each remembering its row; ``source`` is the only
    optional column. ``note`` is added to the message about an unknown column."""
    text = _read_text(path, problems)
    if text is None:
        return []
    where = relative(path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        problems.append(Problem(where, "", "is empty; it needs a header row: " + ",".join(columns),
                                has_value=False))
        return []
    header = [h.strip() for h in rows[0]]
    for column in header:
        if column not in columns:
            problems.append(Problem(where, f"row 1, column {column!r}", "unknown column (expected "
                                    + ", ".join(columns) + ")" + (f"; {note}" if note else ""), has_value=False))
    for column in columns[:-1]:
        if column not in header:
            problems.append(Problem(where, "row 1", f"required column {column!r} is missing", has_value=False))
    if len(set(header)) != len(header):
        problems.append(Problem(where, "row 1", "a column name appears twice", value=header))
    if problems and any(p.file == where for p in problems):
        return []

    out: list = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(where, f"row {number}", f"has {len(row)} cells but the header has "
                                    f"{len(header)}", value=row))
            continue
        record: dict[str, object] = {}
        for column, cell in zip(header, row):
            cell = cell.strip()
            if cell == "":
                continue  # reported as missing by the model, or optional
            record[column] = _number(cell) if column in numbers else _yes_no(cell) if column == "lgps_member" else cell
        try:
            item = model.model_validate(record)
            item._row = number  # blank rows are skipped, so the list index is not the row
            out.append(item)
        except ValidationError as exc:
            for p in problems_from(exc, where, record):
                column = p.location.split(".")[0]
                problems.append(Problem(where, f"row {number}, column {column}" if column else f"row {number}",
                                        p.message, value=p.value, has_value=p.has_value))
    if not out and not any(p.file == where for p in problems):
        problems.append(Problem(where, "", f"has a header but no {noun}", has_value=False))
    return out


def _yes_no(cell: str) -> object:
    """``yes``/``no`` (or true/false, y/n, 1/0) -> bool; anything else is left for the model to refuse."""
    word = cell.strip().lower()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    return cell


def _number(cell: str) -> object:
    """``'1,250,000'`` or ``'£1250000'`` -> 1250000.0; anything else is left as text for the model to refuse."""
    cleaned = cell.replace(",", "").replace("£", "").strip()
    try:
        return float(cleaned)  # NaN and infinity pass through for the model to refuse by name
    except ValueError:
        return cell
