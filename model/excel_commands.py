"""``excel-template`` and ``excel-to-case``: a case as an assumptions workbook, and back.

``python -m model excel-template CASE --out FILE.xlsx [--blank]`` writes the workbook an officer
fills in (:mod:`model.files.case_template`); ``python -m model excel-to-case FILE.xlsx --out
data/cases/NAME`` checks a filled-in workbook by every rule of a case and writes it as a case
folder (:mod:`model.files.case_folder`). Neither writes over anything: a workbook that exists may
be an officer's filled-in copy, and a case folder that exists is someone's case. Bad input raises
:class:`model.rules.errors.CaseError`, which the command line turns into one line per problem and
exit 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from .case.loader import find_case, read_case, validate_case
from .case.workbook_reading import WORKBOOK_SUFFIXES, is_workbook
from .files.case_folder import write_case_folder
from .files.case_template import write_template
from .results.frames import project_case
from .rules.errors import CaseError, Problem, relative
from .save_version_command import day


def add_parsers(commands) -> None:
    template = commands.add_parser("excel-template", help="write a case as an assumptions workbook to fill in "
                                                          "(--blank: the same layout with no values)")
    template.add_argument("case", nargs="?", help="case folder or case id (not needed with --blank)")
    template.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx); never written "
                                                                  "over")
    template.add_argument("--blank", action="store_true", help="the layout with no values, for a new case")
    template.add_argument("--date", type=day, default=None, help="the date the workbook says it was written, "
                                                                 "YYYY-MM-DD (default: today)")
    to_case = commands.add_parser("excel-to-case", help="check an assumptions workbook and write it as a case "
                                                        "folder (never over one)")
    to_case.add_argument("workbook", help="the filled-in workbook (.xlsx)")
    to_case.add_argument("--out", required=True, type=Path, help="the case folder to make, e.g. data/cases/NAME")
    to_case.add_argument("--date", type=day, default=None, help="the date written into the files' heading, "
                                                                "YYYY-MM-DD (default: today)")


def template(args: argparse.Namespace) -> int:
    out = Path(args.out)
    problems = _out_problems(out)
    if args.case is None and not args.blank:
        problems.append(Problem("excel-template", "case", "name a case (a folder or a case id), or give --blank "
                                "for an empty workbook", has_value=False))
    if problems:
        raise CaseError(problems)
    files = None
    if args.case is not None and not args.blank:
        files = read_case(args.case)
        project_case(validate_case(files))  # a workbook of a case that does not validate helps no one
    on = args.date or dt.date.today()
    partial = out.parent / f".{out.name}.partial.xlsx"
    try:
        write_template(files, partial, on, blank=args.blank)
        if out.exists():
            raise CaseError([Problem(relative(out), "", "appeared while the workbook was being written; it was "
                                     "left as it is", has_value=False)])
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    what = "a blank assumptions workbook" if files is None else f"{_case_id(files)}'s assumptions workbook"
    print(f"{what} -> {out}")
    return 0


def to_case(args: argparse.Namespace) -> int:
    book = find_case(args.workbook)
    if not is_workbook(book):
        raise CaseError([Problem(relative(book), "", "is a case folder already; excel-to-case reads a workbook "
                                 "(.xlsx)", has_value=False)])
    files = read_case(book)
    case = validate_case(files)
    project_case(case)  # sharing keys are only checkable against the figures, as validate does
    written = write_case_folder(files, args.out, args.date or dt.date.today())
    print(f"{case.id}: {len(written)} case files -> {args.out}")
    return 0


def _out_problems(out: Path) -> list[Problem]:
    if out.suffix.lower() not in WORKBOOK_SUFFIXES[:1]:
        return [Problem(str(out), "", "the workbook's name must end .xlsx", has_value=False)]
    if out.exists() or out.is_symlink():
        return [Problem(relative(out), "", "already exists; the workbook is never written over (it may be a "
                        "filled-in copy): give a new name", has_value=False)]
    if not out.parent.is_dir():
        return [Problem(relative(out), "", f"cannot be written: the folder {relative(out.parent)} does not exist",
                        has_value=False)]
    return []


def _case_id(files) -> str:
    case = files.yaml.get("case.yaml") or {}
    return str(case.get("id")) if isinstance(case, dict) and case.get("id") else files.folder.name
