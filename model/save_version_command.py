"""``python -m model save-version CASE --set FIELD=VALUE ... --label LABEL --note TEXT``: what-ifs
saved as a new case folder beside the case (:mod:`model.whatif.versions`).

Kept out of :mod:`model.cli`, which adds the parser and calls :func:`run`; a bad label, an
existing folder or a refused what-if raises :class:`model.rules.errors.CaseError`, which the
command line turns into one line per problem and exit 2.
"""
from __future__ import annotations

import argparse
import datetime as dt

from .case.loader import find_case, read_case
from .case.workbook_reading import is_workbook
from .rules.errors import CaseError, Problem, relative
from .case.overrides import parse_setting
from .whatif.versions import save_version


def add_parser(commands) -> None:
    save = commands.add_parser("save-version", help="save what-ifs as a new case folder beside the case "
                                                    "(<case>-<label>/), with CHANGES.md; never overwrites")
    save.add_argument("case", help="case folder or case id")
    save.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", dest="settings",
                      help="a what-if, e.g. initiatives.joint-back-office.savings.rate=0.06 (repeat for more)")
    save.add_argument("--label", required=True, help="a few words naming the version; the folder is "
                                                     "<case>-<label in lower case, hyphens for spaces>")
    save.add_argument("--note", required=True, help="why the version was made; written into each changed "
                                                    "number's source and CHANGES.md")
    save.add_argument("--date", type=day, default=None, help="the date the what-ifs are dated, YYYY-MM-DD "
                                                             "(default: today)")


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, not {text[:40]!r}") from None


def run(args: argparse.Namespace) -> int:
    """Save the version and print its folder; exit code 0."""
    overrides = [parse_setting(text) for text in args.settings]
    if is_workbook(find_case(args.case)):
        raise CaseError([Problem(relative(find_case(args.case)), "", "is a workbook: save-version copies a case "
                                 "folder. Save a copy of the workbook with the new values instead, or write it as a "
                                 "folder first (python -m model excel-to-case)", has_value=False)])
    folder = save_version(read_case(args.case), overrides, args.label, args.note, on=args.date)
    print(folder)
    return 0
