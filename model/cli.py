"""The command line: parse, call the library, turn errors into messages and exit codes.

Exit codes: 0 success; 2 bad input (every problem on its own line on stderr, no traceback,
nothing in the output folder touched); 1 a run that failed (a notebook that raised, a disk
that filled); 130 interrupted with Ctrl-C.
"""
from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from pathlib import Path

from .runs.batch import run_batch
from .files.cell_safety import write_csv
from .rules.errors import CaseError, Problem, relative
from .case.loader import OPTIONS_FILE, example_case_ids, find_case, load_case
from .runs.notebook_runs import DEFAULT_TIMEOUT
from .options.scoring import appraise_options
from .files.out_folder import check_out_paths, claim
from .files.outputs import RUN_FILES, write_atomically, write_results
from .results.frames import project_case
from .risk.monte_carlo import MAX_DRAWS, run_risk
from .risk.sensitivity import run_sensitivity
from . import save_version_command
from .workforce import Approximation, RedundancyPolicy, RuleInputError, explain_redundancy

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors are bad input too: one line, exit 2
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m model", description="Joint working scenario model for councils.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a case's assumption files")
    validate.add_argument("case", help="case folder (data/cases/<case>) or case id")

    run = commands.add_parser("run", help="project every scenario of a case and write the results")
    run.add_argument("case", nargs="?", help="case folder or case id")
    run.add_argument("--all", action="store_true", help="run every bundled example case into OUT/<case>/")
    run.add_argument("--out", required=True, type=_folder, help="output folder")
    run.add_argument("--run-date", type=_date, default=None,
                     help="date the workbook is dated and shows as run, YYYY-MM-DD (default: today); "
                          "the same case and run date give the same bytes")

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

    commands.add_parser("cases", help="list the bundled example cases")

    sensitivity = commands.add_parser("sensitivity", help="swing each key assumption; tornado.csv and switching "
                                                          "values (switching.csv)")
    sensitivity.add_argument("case", help="case folder or case id")
    sensitivity.add_argument("--out", required=True, type=_folder, help="output folder")

    risk = commands.add_parser("risk", help="Monte Carlo over the assumptions that carry a distribution")
    risk.add_argument("case", help="case folder or case id")
    risk.add_argument("--draws", type=_draws, default=10_000, help="number of draws (default 10,000)")
    risk.add_argument("--seed", type=_seed, default=1, help="random seed: the same seed gives the same files "
                                                            "(default 1)")
    risk.add_argument("--out", required=True, type=_folder, help="output folder")
    risk.add_argument("--no-progress", action="store_true", help="no progress bar")

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
    save_version_command.add_parser(commands)
    return parser


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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        if args.command == "validate":
            case = load_case(args.case)
            project_case(case)  # sharing keys are only checkable against the figures
            print(f"{case.id}: OK ({len(case.councils)} councils, {len(case.scenarios)} scenarios, "
                  f"{len(case.initiatives)} initiatives, {case.year_labels[0]} to {case.year_labels[-1]})")
            for name in case.ignored_files:
                print(f"note: {name} is not a case file; it was ignored", file=sys.stderr)
        elif args.command == "run":
            return _run(args)
        elif args.command == "batch":
            return _batch(args)
        elif args.command == "cases":
            print("\n".join(example_case_ids()))
        elif args.command == "redundancy":
            return _redundancy(args)
        elif args.command == "sensitivity":
            return _sensitivity(args)
        elif args.command == "risk":
            return _risk(args)
        elif args.command == "options":
            return _options(args)
        elif args.command == "save-version":
            return save_version_command.run(args)
    except CaseError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"interrupted: {_kept(args)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # the disk filled, a folder vanished or turned read-only part-way
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error: could not write{where}: {exc.strerror or exc}; files already there are unchanged",
              file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM stops a run as Ctrl-C does: cleanly, exit 130


def _kept(args: argparse.Namespace) -> str:
    if args.command == "batch":
        return "councils that had not finished keep their previous outputs; see manifest.json"
    if getattr(args, "out", None) is not None:
        return f"files already in {args.out} are as they were"
    return "stopped"


#: the command-line option for each argument of the redundancy rules
_REDUNDANCY_OPTIONS = {"age": "--age", "years_of_service": "--service", "weekly_pay": "--weekly-pay", "on": "--on",
                       "multiplier": "--multiplier", "ceiling_weeks": "--ceiling-weeks",
                       "normal_pension_age": "--normal-pension-age"}


def _redundancy(args: argparse.Namespace) -> int:
    try:
        policy = RedundancyPolicy(pay_basis=args.pay_basis.replace("-", "_"), multiplier=args.multiplier,
                                  ceiling_weeks=args.ceiling_weeks)
        method = Approximation(normal_pension_age=args.normal_pension_age) if args.lgps else None
        lines = explain_redundancy(args.age, args.service, args.weekly_pay, args.on, policy,
                                   lgps_member=args.lgps, strain_method=method)
    except RuleInputError as exc:
        print(f"error: {_REDUNDANCY_OPTIONS[exc.argument]} {exc.reason}{exc.got}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print("\n".join(lines))
    return EXIT_OK


def _targets(args: argparse.Namespace) -> list[tuple[str, Path]] | None:
    if args.all == bool(args.case):
        print("error: give either a CASE or --all", file=sys.stderr)
        return None
    return [(cid, args.out / cid) for cid in example_case_ids()] if args.all else [(args.case, args.out)]


def _batch(args: argparse.Namespace) -> int:
    targets = _targets(args)
    if targets is None:
        return EXIT_BAD_INPUT
    bar = None

    def start(total: int) -> None:
        nonlocal bar
        from tqdm import tqdm

        bar = tqdm(total=total, unit="run", desc="notebooks", disable=args.no_progress, file=sys.stderr)

    def done(records) -> None:
        if bar is not None:
            bar.update(len(records))
            bar.set_postfix_str(f"{records[0].case}/{records[0].council}" if records else "")

    try:
        report = run_batch(targets, workers=args.workers, councils=args.council, notebooks=args.notebooks,
                           run_date=args.run_date, timeout=args.timeout, on_start=start, on_done=done)
    finally:
        if bar is not None:
            bar.close()
    runs, failed = len(report.records), report.failed
    councils = len({(r.case, r.council) for r in report.records})
    print(f"{runs - len(failed)} of {runs} notebook runs succeeded for {councils} councils in "
          f"{report.seconds:.1f} s with {report.workers} workers -> {args.out}")
    for record in failed:
        folder = args.out / record.case if args.all else args.out
        where = f"; log: {folder / record.log}" if record.log else ""
        print(f"  failed: {record.case} / {record.council} / {record.notebook}: {record.error}{where}",
              file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _write(out: Path, frames: dict[str, object]) -> bool:
    """Claim ``out`` and write each frame to ``out/<name>`` all at once, or report why not and leave
    ``out`` as it was (bad input in the way raises :class:`CaseError`)."""
    def write(folder: Path) -> None:
        for name, frame in frames.items():
            write_csv(frame, folder / name)

    try:
        with claim(out, files=frames):
            write_atomically(out, write)
    except OSError as exc:
        print(f"error: could not write to {out}: {exc.strerror or exc}; files already there are unchanged",
              file=sys.stderr)
        return False
    return True


def _sensitivity(args: argparse.Namespace) -> int:
    check_out_paths([args.out], [find_case(args.case)])
    result = run_sensitivity(load_case(args.case))
    frames = {"tornado.csv": result.tornado, "switching.csv": result.switching}
    if not _write(args.out, frames):
        return EXIT_FAILED
    switches = result.switching["switching_value"].notna().sum()
    print(f"{result.results.case.id}: {result.tornado['assumption'].nunique()} assumptions swung; "
          f"{switches} of {len(result.switching)} tests switch within range -> {args.out}")
    return EXIT_OK


def _risk(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    check_out_paths([args.out], [find_case(args.case)])
    case = load_case(args.case)
    with tqdm(total=args.draws, unit="draw", desc="draws", delay=1.0, disable=args.no_progress,
              file=sys.stderr) as bar:
        result = run_risk(case, args.draws, args.seed, on_progress=bar.update)
    frames = {"risk_summary.csv": result.summary, "risk_by_year.csv": result.by_year,
              "risk_assumptions.csv": result.uncertain}
    if not _write(args.out, frames):
        return EXIT_FAILED
    print(f"{case.id}: {args.draws:,} draws of {len(result.uncertain)} uncertain assumptions (seed {args.seed}) "
          f"-> {args.out}")
    return EXIT_OK


def _options(args: argparse.Namespace) -> int:
    check_out_paths([args.out], [find_case(args.case)])
    case = load_case(args.case)
    if case.options is None:
        raise CaseError([Problem(relative(Path(case.folder) / OPTIONS_FILE), "", "no options appraisal in this case: "
                                 "add options.yaml (see docs/case-files.md)", has_value=False)])
    result = appraise_options(case, draws=args.draws, seed=args.seed, concentration=args.concentration)
    frames = {"options.csv": result.scores, "options_detail.csv": result.detail,
              "options_robustness.csv": result.robustness}
    if not _write(args.out, frames):
        return EXIT_FAILED
    for row in result.robustness.itertuples():
        print(f"{case.id} / {row.council}: {row.top_option} ranks first; it stays first in "
              f"{row.prob_top_stays:.0%} of nearby weightings")
    print(f"-> {args.out}")
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    targets = _targets(args)
    if targets is None:
        return EXIT_BAD_INPUT
    check_out_paths([args.out, *(out for _, out in targets)], [find_case(case) for case, _ in targets])
    # validate everything before writing anything
    loaded = [(project_case(load_case(case)), out) for case, out in targets]
    for results, out in loaded:
        try:
            with claim(out, files=RUN_FILES):
                write_results(results, out, run_date=args.run_date)
        except OSError as exc:  # disk full, no permission: the earlier files are left as they were
            print(f"error: could not write the results to {out}: {exc.strerror or exc}; "
                  "files already there are unchanged", file=sys.stderr)
            return EXIT_FAILED
        met = results.summary[results.summary.gap_met]
        print(f"{results.case.id}: {len(results.case.scenarios)} scenarios x {len(results.case.councils)} "
              f"councils -> {out} ({len(met)} of {len(results.summary)} scenario-council pairs meet the gap)")
        for row in results.warnings.itertuples():
            print(f"  warning: {row.scenario} / {row.council}: {row.warning} from {row.first_year}",
                  file=sys.stderr)
    return EXIT_OK
