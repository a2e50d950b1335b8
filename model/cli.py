"""The command line: parse, call the library, turn errors into messages and exit codes.

Exit codes: 0 success; 2 bad input (every problem on its own line on stderr, no traceback,
nothing in the output folder touched); 1 a run that failed (a notebook that raised, a disk
that filled); 130 interrupted with Ctrl-C.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .cli_parser import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, build_parser  # noqa: F401
from .runs.batch import run_batch
from .files.cell_safety import write_csv
from .rules.errors import CaseError, Problem, relative
from .case import what_ifs
from .case.loader import OPTIONS_FILE, example_case_ids, find_case
from .case.what_ifs import WhatIfCase
from .options.scoring import appraise_options
from .files.out_folder import check_out_paths, claim
from .files.outputs import RUN_FILES, WHAT_IFS_FILE, what_if_table, write_atomically, write_results
from .results.frames import project_case
from .risk.monte_carlo import run_risk
from .risk.reference_class import run_reference
from .risk.sensitivity import run_sensitivity
from . import excel_commands, national_command, progress_command, save_version_command, sweep_commands
from .case.workbook_problems import translate
from .case.strain_factors import read_factors
from .workforce import Approximation, FundFactors, RedundancyPolicy, RuleInputError, explain_redundancy


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        if args.command == "validate":
            loaded = _load(args)
            case = loaded.case
            project_case(case)  # sharing keys are only checkable against the figures
            with_what_ifs = f" with {_count_what_ifs(loaded)}" if loaded.is_what_if else ""
            counted = ", ".join(_counted(len(items), noun) for items, noun in (
                (case.councils, "council"), (case.scenarios, "scenario"), (case.initiatives, "initiative")))
            actuals = (f"; actuals.csv: {_counted(len(case.actuals), 'row')} of actuals to "
                       f"{max((r.year for r in case.actuals), key=lambda y: case.year_index(y))}" if case.actuals else "")
            print(f"{case.id}: OK{with_what_ifs} ({counted}, {case.year_labels[0]} to {case.year_labels[-1]}{actuals})")
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
        elif args.command == "report":
            return _report(args)
        elif args.command == "save-version":
            return save_version_command.run(args)
        elif args.command == "excel-template":
            return excel_commands.template(args)
        elif args.command == "excel-to-case":
            return excel_commands.to_case(args)
        elif args.command == "sweep":
            return sweep_commands.run(args)
        elif args.command == "national":
            return national_command.run(args)
        elif args.command == "progress":
            return _progress(args)
    except CaseError as exc:
        for problem in translate(exc.problems):
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


def _load(args: argparse.Namespace, case: str | None = None) -> WhatIfCase:
    """The case a command reads, with its ``--set`` what-ifs; a range widened to hold one is a note."""
    loaded = what_ifs.load(case or args.case, what_ifs.settings(args.settings))
    for widened in loaded.widened:
        print(f"note: {widened}", file=sys.stderr)
    return loaded


def _count_what_ifs(loaded: WhatIfCase) -> str:
    n = len(loaded.changes)
    return f"{n} what-if{'' if n == 1 else 's'} (--set); the case's files are unchanged"


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
                       "normal_pension_age": "--normal-pension-age", "accrual_denominator": "--accrual-denominator",
                       "sex": "--sex", "factors": "--factors"}


def _redundancy(args: argparse.Namespace) -> int:
    try:
        policy = RedundancyPolicy(pay_basis=args.pay_basis.replace("-", "_"), multiplier=args.multiplier,
                                  ceiling_weeks=args.ceiling_weeks)
        method = _strain_method(args)
        if method is None and (args.factors or args.sex or args.accrual_denominator != 49.0):
            print("error: --factors, --sex and --accrual-denominator are for the pension strain estimate: add --lgps",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        lines = explain_redundancy(args.age, args.service, args.weekly_pay, args.on, policy,
                                   lgps_member=args.lgps, strain_method=method)
    except RuleInputError as exc:
        print(f"error: {_REDUNDANCY_OPTIONS[exc.argument]} {exc.reason}{exc.got}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print("\n".join(lines))
    return EXIT_OK


def _strain_method(args: argparse.Namespace) -> Approximation | FundFactors | None:
    if not args.lgps:
        return None
    if args.factors is None:
        if args.sex is not None:
            raise RuleInputError("sex", None, "only applies with --factors")
        return Approximation(normal_pension_age=args.normal_pension_age, accrual_denominator=args.accrual_denominator)
    Approximation(normal_pension_age=args.normal_pension_age, accrual_denominator=args.accrual_denominator)  # checks
    table = read_factors(args.factors, args.normal_pension_age, args.sex)
    return FundFactors(table.factors, args.normal_pension_age, args.accrual_denominator,
                       source=table.source or args.factors.name)


def _targets(args: argparse.Namespace) -> list[tuple[str, Path]] | None:
    if args.all == bool(args.case):
        print("error: give either a CASE or --all", file=sys.stderr)
        return None
    if args.all and args.settings:
        print("error: --set cannot be used with --all: a field path names one case's ids; run each case "
              "with its own --set", file=sys.stderr)
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
        overrides = what_ifs.settings(args.settings)
        report = run_batch(targets, workers=args.workers, councils=args.council, notebooks=args.notebooks,
                           run_date=args.run_date, timeout=args.timeout, on_start=start, on_done=done,
                           overrides=overrides, on_widened=lambda w: print(f"note: {w}", file=sys.stderr),
                           reports=False if args.no_reports else None)
    finally:
        if bar is not None:
            bar.close()
    runs, failed = len(report.records), report.failed
    councils = len({(r.case, r.council) for r in report.records})
    print(f"{runs - len(failed)} of {runs} notebook run{'' if runs == 1 else 's'} succeeded for "
          f"{_counted(councils, 'council')} in {report.seconds:.1f} s with {_counted(report.workers, 'worker')} "
          f"-> {args.out}")
    if report.reports is not None and report.reports.documents:
        made = report.reports
        pdfs = f" and {len(made.pdfs)} in PDF" if made.pdfs else ""
        print(f"{len(made.documents)} committee reports in Word{pdfs}")
        if made.note:
            print(f"note: {made.note}", file=sys.stderr)
    for record in failed:
        folder = args.out / record.case if args.all else args.out
        where = f"; log: {folder / record.log}" if record.log else ""
        print(f"  failed: {record.case} / {record.council} / {record.notebook}: {record.error}{where}",
              file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _write(out: Path, frames: dict[str, object], loaded: WhatIfCase, stale: tuple[str, ...] = ()) -> bool:
    """Claim ``out`` and write each frame to ``out/<name>`` all at once, or report why not and leave
    ``out`` as it was (bad input in the way raises :class:`CaseError`). A what-if writes
    ``what-ifs.csv`` first; a run of the plan removes one an earlier what-if left. Files named in
    ``stale`` (another kind of run's, which these figures would contradict) are removed."""
    if loaded.is_what_if:
        frames = {**frames, WHAT_IFS_FILE: what_if_table(loaded.changes)}

    def write(folder: Path) -> None:
        for name, frame in frames.items():
            write_csv(frame, folder / name)

    try:
        with claim(out, files=[*frames, WHAT_IFS_FILE, *stale]):
            write_atomically(out, write, first=[WHAT_IFS_FILE])
            if not loaded.is_what_if:
                (out / WHAT_IFS_FILE).unlink(missing_ok=True)
            for name in stale:
                (out / name).unlink(missing_ok=True)
    except OSError as exc:
        print(f"error: could not write to {out}: {exc.strerror or exc}; files already there are unchanged",
              file=sys.stderr)
        return False
    return True


def _sensitivity(args: argparse.Namespace) -> int:
    check_out_paths([args.out], [find_case(args.case)])
    loaded = _load(args)
    result = run_sensitivity(loaded.case)
    frames = {"tornado.csv": result.tornado, "switching.csv": result.switching}
    if not _write(args.out, frames, loaded):
        return EXIT_FAILED
    switches = result.switching["switching_value"].notna().sum()
    print(f"{result.results.case.id}: {result.tornado['assumption'].nunique()} assumptions swung; "
          f"{switches} of {len(result.switching)} tests switch within range -> {args.out}")
    return EXIT_OK


def _risk(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    check_out_paths([args.out], [find_case(args.case)])
    loaded = _load(args)
    case = loaded.case
    runs = 2 if args.reference_class else 1
    with tqdm(total=runs * args.draws, unit="draw", desc="draws", delay=1.0, disable=args.no_progress,
              file=sys.stderr) as bar:
        if args.reference_class:
            view = run_reference(case, args.draws, args.seed, on_progress=bar.update)
            result = view.case_view
        else:
            result = run_risk(case, args.draws, args.seed, on_progress=bar.update)
    frames = {"risk_summary.csv": result.summary, "risk_by_year.csv": result.by_year,
              "risk_assumptions.csv": result.uncertain, "risk_correlations.csv": result.correlations}
    if args.reference_class:
        frames["reference_class.csv"] = view.table
    stale = () if args.reference_class else ("reference_class.csv",)   # an earlier run's, of other draws
    if not _write(args.out, frames, loaded, stale):
        return EXIT_FAILED
    pairs = len(result.correlations)
    together = f", {pairs} correlated pair{'' if pairs == 1 else 's'}" if pairs else ""
    beside = (f", and again with delivery shares from {view.description.count} published outturns"
              if args.reference_class else "")
    print(f"{case.id}: {args.draws:,} draws of {len(result.uncertain)} uncertain assumptions{together}{beside} "
          f"(seed {args.seed}) -> {args.out}")
    return EXIT_OK


def _progress(args: argparse.Namespace) -> int:
    from .results.progress import track

    check_out_paths([args.out], [find_case(args.case)])
    loaded = _load(args)
    progress = track(project_case(loaded.case), args.as_of)
    if not _write(args.out, progress_command.frames(progress), loaded):
        return EXIT_FAILED
    print(progress_command.summary_line(loaded.case.id, progress, args.out))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .words.what_ifs import what_if_sentence
    from .report.committee import check_template, write_reports
    from .report.contents import Meeting

    check_out_paths([args.out], [find_case(args.case)])
    check_template(args.template)
    loaded = _load(args)
    meeting = Meeting(args.meeting.strip(), args.meeting_date.strip(), args.author.strip() or Meeting().author)
    written = write_reports(loaded.case, args.out, args.council, template=args.template, meeting=meeting,
                            run_date=args.run_date, draws=args.draws, seed=args.seed, pdf=not args.no_pdf,
                            lead=what_if_sentence(loaded, markdown=False))
    reports = len(written.documents)
    pdfs = f", {len(written.pdfs)} PDF{'' if len(written.pdfs) == 1 else 's'}" if written.pdfs else ""
    print(f"{loaded.case.id}: {reports} committee report{'' if reports == 1 else 's'} (Word{pdfs}) -> {args.out}")
    if written.pdf_note and not args.no_pdf:
        print(f"note: {written.pdf_note}", file=sys.stderr)
    return EXIT_OK


def _options(args: argparse.Namespace) -> int:
    check_out_paths([args.out], [find_case(args.case)])
    loaded = _load(args)
    case = loaded.case
    if case.options is None:
        raise CaseError([Problem(relative(Path(case.folder) / OPTIONS_FILE), "", "no options appraisal in this case: "
                                 "add options.yaml (see docs/case-files.md)", has_value=False)])
    result = appraise_options(case, draws=args.draws, seed=args.seed, concentration=args.concentration)
    frames = {"options.csv": result.scores, "options_detail.csv": result.detail,
              "options_robustness.csv": result.robustness}
    if not _write(args.out, frames, loaded):
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
    cases = [(_load(args, case), out) for case, out in targets]
    loaded = [(project_case(what_if.case), what_if, out) for what_if, out in cases]
    for results, what_if, out in loaded:
        try:
            with claim(out, files=RUN_FILES):
                write_results(results, out, run_date=args.run_date, changes=what_if.changes)
        except OSError as exc:  # disk full, no permission: the earlier files are left as they were
            print(f"error: could not write the results to {out}: {exc.strerror or exc}; "
                  "files already there are unchanged", file=sys.stderr)
            return EXIT_FAILED
        met = results.summary[results.summary.gap_met]
        print(f"{results.case.id}: {_counted(len(results.case.scenarios), 'scenario')} x "
              f"{_counted(len(results.case.councils), 'council')} -> {out} ({len(met)} of {len(results.summary)} "
              f"scenario-council pairs meet the gap)")
        if what_if.is_what_if:
            print(f"  what-if: {_count_what_ifs(what_if)}; listed in {out / WHAT_IFS_FILE}")
        for row in results.warnings.itertuples():
            where = f"{row.scenario} / {row.council}" if row.scenario else row.council
            when = f" from {row.first_year}" if row.first_year else ""
            print(f"  warning: {where}: {row.warning}{when}", file=sys.stderr)
    return EXIT_OK


def _counted(n: int, noun: str) -> str:
    """"1 initiative", "2 initiatives"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
