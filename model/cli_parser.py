"""The command line's arguments: every command, its options and how each is checked.

:mod:`model.cli` parses with :func:`build_parser`, then calls the library. A value argparse refuses
is bad input like any other: one line, exit 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .risk.monte_carlo import MAX_DRAWS
from .runs.notebook_runs import DEFAULT_TIMEOUT
from . import excel_commands, national_command, progress_command, save_version_command, sweep_commands

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors are bad input too: one line, exit 2
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m model", description="Joint working scenario model for councils.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a case's assumption files")
    validate.add_argument("case", help="case folder (data/cases/<case>) or case id")
    _add_set(validate)

    run = commands.add_parser("run", help="project every scenario of a case and write the results")
    run.add_argument("case", nargs="?", help="case folder or case id")
    run.add_argument("--all", action="store_true", help="run every bundled example case into OUT/<case>/")
    run.add_argument("--out", required=True, type=_folder, help="output folder")
    run.add_argument("--run-date", type=_date, default=None,
                     help="date the workbook is dated and shows as run, YYYY-MM-DD (default: today); "
                          "the same case and run date give the same bytes")
    _add_set(run)

    batch = commands.add_parser("batch", help="run the notebooks for every council of a case (papermill)")
    batch.add_argument("case", nargs="?", help="case folder or case id")
    batch.add_argument("--all", action="store_true", help="every bundled example case, into OUT/<case>/")
    batch.add_argument("--out", required=True, type=_folder, help="output folder")
    batch.add_argument("--workers", type=_positive, default=None,
                       help="parallel processes (default: the number of cores)")
    batch.add_argument("--council", nargs="+", metavar="ID", help="only these councils (default: all)")
    batch.add_argument("--notebooks", nargs="+", type=Path, metavar="PATH",
                       help="only these notebooks (default: every notebook in notebooks/)")
    batch.add_argument("--run-date", type=_date, default=None, help="date on the charts, YYYY-MM-DD (default: today)")
    batch.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT,
                       help=f"the longest one notebook may run for one council, in seconds, before that run "
                            f"fails (default {DEFAULT_TIMEOUT:.0f})")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument("--no-reports", action="store_true",
                       help="no partnership committee report and no PDFs (each council's risk notebook still "
                            "writes its Word report); a batch of chosen --notebooks writes none of these either")
    _add_set(batch, " (every notebook gets them as its overrides parameter)")

    commands.add_parser("cases", help="list the bundled example cases")

    sensitivity = commands.add_parser("sensitivity", help="swing each key assumption; tornado.csv and switching "
                                                          "values (switching.csv)")
    sensitivity.add_argument("case", help="case folder or case id")
    sensitivity.add_argument("--out", required=True, type=_folder, help="output folder")
    _add_set(sensitivity)

    risk = commands.add_parser("risk", help="Monte Carlo over the assumptions that carry a distribution")
    risk.add_argument("case", help="case folder or case id")
    risk.add_argument("--draws", type=_draws, default=10_000, help="number of draws (default 10,000)")
    risk.add_argument("--seed", type=_seed, default=1, help="random seed: the same seed gives the same files "
                                                            "(default 1)")
    risk.add_argument("--out", required=True, type=_folder, help="output folder")
    risk.add_argument("--no-progress", action="store_true", help="no progress bar")
    risk.add_argument("--reference-class", action="store_true",
                      help="also draw each initiative's delivery share of its savings and income from published "
                           "outturns of past reorganisations and shared services (data/reference_class), and "
                           "write reference_class.csv beside the case's own view")
    _add_set(risk)

    options = commands.add_parser("options", help="the options appraisal: scores, ranks per council and joint, "
                                                  "and how robust the ranking is to the weights")
    options.add_argument("case", help="case folder or case id (with an options.yaml)")
    options.add_argument("--out", required=True, type=_folder, help="output folder")
    options.add_argument("--draws", type=_draws, default=10_000, help="random weightings for the robustness "
                                                                     "share (default 10,000)")
    options.add_argument("--seed", type=_seed, default=1, help="random seed (default 1)")
    options.add_argument("--concentration", type=_concentration, default=100.0,
                         help="how close the random weightings stay to the agreed ones: higher is closer "
                              "(default 100: a 20%% weight moves by about 4 points)")
    _add_set(options)

    report = commands.add_parser("report", help="the committee report (Word, and PDF where LibreOffice is "
                                                "installed) for a council, or for the case and each council")
    report.add_argument("case", help="case folder or case id")
    report.add_argument("--out", required=True, type=_folder, help="output folder")
    report.add_argument("--council", metavar="ID", help="only this council's report, in OUT (default: the case's "
                                                        "report in OUT and each council's in OUT/<council>/)")
    report.add_argument("--template", type=Path, metavar="FILE.docx",
                        help="the council's Word template: the report takes its styles, page set-up, headers and "
                             "footers (default: the project's)")
    report.add_argument("--meeting", default="", help="the meeting, as the title block and recommendations name "
                                                      "it (e.g. \"Full Council\"); default: left for the author")
    report.add_argument("--meeting-date", default="", help="the date of the meeting, as written in the title block")
    report.add_argument("--author", default="Chief Finance Officer (Section 151 Officer)",
                        help="the report author's role (default: Chief Finance Officer (Section 151 Officer))")
    report.add_argument("--run-date", type=_date, default=None, help="date on the charts and the document, "
                                                                     "YYYY-MM-DD (default: today)")
    report.add_argument("--draws", type=_draws, default=10_000, help="risk draws (default 10,000, as the risk "
                                                                     "notebook)")
    report.add_argument("--seed", type=_seed, default=1, help="random seed (default 1)")
    report.add_argument("--no-pdf", action="store_true", help="write the Word document only")
    _add_set(report)

    redundancy = commands.add_parser("redundancy", help="one employee's redundancy pay and pension strain, "
                                                        "worked line by line")
    redundancy.add_argument("--age", type=float, required=True, help="age on the dismissal date, years")
    redundancy.add_argument("--service", type=float, required=True, help="years of continuous employment")
    redundancy.add_argument("--weekly-pay", type=float, required=True, help="gross contractual week's pay, GBP")
    redundancy.add_argument("--on", type=_date, required=True, help="dismissal date, YYYY-MM-DD")
    redundancy.add_argument("--pay-basis", choices=["statutory-cap", "actual"], default="statutory-cap",
                            help="week's pay for the council's policy: capped (default) or actual (reg 5)")
    redundancy.add_argument("--multiplier", type=float, default=1.0,
                            help="the policy's multiple of the statutory weeks (default 1)")
    redundancy.add_argument("--ceiling-weeks", type=float, default=104.0,
                            help="the policy's ceiling, weeks of actual pay (default and most 104)")
    redundancy.add_argument("--lgps", action="store_true", help="an LGPS member: estimate the pension strain")
    redundancy.add_argument("--normal-pension-age", type=int, default=67,
                            help="normal pension age for the strain estimate (default 67)")
    redundancy.add_argument("--accrual-denominator", type=float, default=49.0,
                            help="annual pension = pay x service / this (default 49, the LGPS since April 2014; "
                                 "60 for service in the final-salary scheme before then)")
    redundancy.add_argument("--factors", type=Path, metavar="FILE",
                            help="the pension fund's strain factors, a CSV file age,factor (or age,male,female), "
                                 "instead of the approximation")
    redundancy.add_argument("--sex", choices=["male", "female"],
                            help="whose factors to use, where the --factors file has male and female columns")
    save_version_command.add_parser(commands)
    excel_commands.add_parsers(commands)
    sweep_commands.add_parsers(commands)
    national_command.add_parsers(commands)
    progress_command.add_parser(commands)
    return parser


def _add_set(command: argparse.ArgumentParser, extra: str = "") -> None:
    command.add_argument("--set", dest="settings", action="extend", nargs="+", default=[], metavar="FIELD=VALUE",
                         help="a what-if for this run only: the field (a path of ids, e.g. "
                              "initiatives.joint-back-office.savings.rate) set to VALUE, written as in the case "
                              "files; the case's files are unchanged. Repeat --set or give several after one; "
                              f"put CASE before it{extra}")


def _whole(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more, not {value}")
    return value


def _positive(text: str) -> int:
    return _whole(text, 1)


def _seed(text: str) -> int:
    return _whole(text, 0)


def _draws(text: str) -> int:
    value = _whole(text, 1)
    if value > MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"at most {MAX_DRAWS:,} draws, not {value:,}")
    return value


def _concentration(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: give the folder to write into")
    return Path(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text[:40]!r}") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most a week (604800), not {text[:40]}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, not {text!r}") from None
