"""All problems of a case in one round.

Each list item of a file (each council, initiative, scenario, workforce entry) is validated on
its own: the items that validate are kept, the ones that do not are reported, and the checks
that need more than one file (:mod:`model.case.references`) then run on what did validate. A check
whose inputs are missing is skipped rather than reported as a second problem: no horizon check
when ``case.yaml`` failed, no "unknown initiative" for one that exists but failed validation, no
"unknown council" while a council without a usable id failed. So the first round says
everything that can be known, and fixing it reveals nothing that was knowable before.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..rules.errors import CaseError, Problem
from . import assumptions as a
from .correlations import correlation_problems
from .positions import ident
from .progress_checks import progress_problems
from .references import Known, check_references
from .schema_problems import problems_from

#: file model -> the list field validated item by item, and the model of one item
LIST_FILES: dict[type[BaseModel], tuple[str, type[BaseModel]]] = {
    a.CouncilsFile: ("councils", a.Council),
    a.InitiativesFile: ("initiatives", a.Initiative),
    a.ScenariosFile: ("scenarios", a.Scenario),
    a.WorkforceFile: ("councils", a.CouncilWorkforce),
}


def validate_file(model: type[BaseModel], data: dict, file: str, problems: list[Problem]) -> BaseModel | None:
    """``data`` (one file as read) as ``model``; its problems are added to ``problems``.

    A file of one list (:data:`LIST_FILES`) comes back holding the items that validated even when
    others did not, with the ids of the failed ones in ``invalid_ids``; any other file comes back
    whole or not at all (``None``)."""
    try:
        checked = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, file, data))
        return _valid_part(model, data, exc)
    if model in LIST_FILES:
        for position, entry in enumerate(getattr(checked, LIST_FILES[model][0]), start=1):
            entry.set_position(position)
    return checked


def _valid_part(model: type[BaseModel], data: dict, exc: ValidationError) -> BaseModel | None:
    if model not in LIST_FILES or not isinstance(data, dict):
        return None
    name, item_model = LIST_FILES[model]
    raw = data.get(name)
    if not isinstance(raw, list):
        return None
    failed = {err["loc"][1] for err in exc.errors()
              if len(err["loc"]) >= 2 and err["loc"][0] == name and isinstance(err["loc"][1], int)}
    kept = []
    for position, entry in enumerate(raw, start=1):
        if position - 1 in failed:
            continue
        try:
            checked = item_model.model_validate(entry)
        except ValidationError:  # pragma: no cover - the file's own validation already said why
            failed.add(position - 1)
            continue
        checked.set_position(position)
        kept.append(checked)
    part = model.model_construct(**{name: kept})
    for n in sorted(failed):
        part.mark_invalid(ident(name, raw[n]) if isinstance(raw[n], dict) else None)
    if any(tuple(err["loc"]) == (name,) and err["type"] != "too_long" for err in exc.errors()):
        part.mark_invalid(None)  # e.g. an empty list: what it was meant to hold is unknown
    return part


@dataclass
class ReadFiles:
    """What reading a case folder gave: each file's model (``None`` where it could not be used)."""

    folder: str
    files: dict[str, str]  # input name -> the file's path as the user sees it
    case_file: a.CaseFile | None
    councils: a.CouncilsFile | None
    services: list[a.ServiceLine]
    initiatives: a.InitiativesFile | None
    scenarios: a.ScenariosFile | None
    workforce: a.WorkforceFile | None
    staff: list[a.StaffMember] = field(default_factory=list)
    staff_bands: list[a.StaffBand] = field(default_factory=list)
    options: a.OptionsFile | None = None
    ignored_files: list[str] = field(default_factory=list)
    actuals: list[a.ActualRow] = field(default_factory=list)
    progress: a.ProgressFile | None = None


def assemble(read: ReadFiles, problems: list[Problem]) -> a.Case:
    """The case from what was read, after the checks that need more than one file; raise every
    problem found (those of reading and validating too) together."""
    failed_files = {p.file for p in problems}

    def whole(name: str) -> bool:
        return read.files[name] not in failed_files

    known = Known(
        case=read.case_file is not None,
        councils=_ids(read.councils),
        initiatives=_ids(read.initiatives),
        scenarios=_ids(read.scenarios),
        workforce=_ids(read.workforce),
        services=whole("services"),
        staff=whole("staff") and whole("staff_bands"),
    )
    case = a.Case.model_construct(
        folder=read.folder,
        case=read.case_file,
        councils=read.councils.councils if read.councils is not None else [],
        services=read.services,
        initiatives=read.initiatives.initiatives if read.initiatives is not None else [],
        scenarios=read.scenarios.scenarios if read.scenarios is not None else [],
        workforce=read.workforce.councils if read.workforce is not None else [],
        staff=read.staff,
        staff_bands=read.staff_bands,
        options=read.options,
        actuals=read.actuals,
        progress=read.progress,
    )
    problems.extend(check_references(case, read.files, known))
    problems.extend(correlation_problems(case, read.files["case"], known))
    problems.extend(progress_problems(case, read.files, known))
    if problems:
        raise CaseError(problems)
    return a.Case(folder=read.folder, case=read.case_file, councils=case.councils, services=read.services,
                  initiatives=case.initiatives, scenarios=case.scenarios, workforce=case.workforce,
                  staff=read.staff, staff_bands=read.staff_bands, options=read.options,
                  ignored_files=read.ignored_files, actuals=read.actuals, progress=read.progress)


def _ids(part: a.ListFile | None) -> Known.Ids:
    if part is None:
        return Known.Ids(valid=set(), invalid=[], unknown=True)
    name = LIST_FILES[type(part)][0]
    valid = {ident(name, item) for item in getattr(part, name)}
    return Known.Ids(valid=valid - {None}, invalid=list(part.invalid_ids), unknown=part.ids_unknown)
