"""Benchmark: a council's committee report, Word and PDF (issue 17: under 5 s on this machine).

Prints, for one council of each example case asked for:
- ``docx``: the report from the results and the analyses a batch has at hand (the risk notebook's
  draws and sensitivity), charts reused from a folder of saved charts: what the batch adds;
- ``pdf``: LibreOffice converting that one document (its start-up is most of it);
- ``council report``: docx + pdf, against the 5 s target;
- ``command``: ``python -m model report CASE --council ID`` in-process, from the case files: the
  projection, 10,000 risk draws, the sensitivity, the charts drawn, the docx and the PDF;
- ``pdf of N in one call`` against N calls: why a batch converts all its reports at once.

Run: ``python bench/bench_report.py [--case ID ...] [--repeat R]``. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

import model
from model.report.committee import analyses, write_one, write_reports
from model.report.pdf import soffice, to_pdf

TARGET_SECONDS = 5.0
RUN_DATE = dt.date(2026, 12, 2)


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", nargs="+", default=["south-somerset-sedgemoor", "suffolk-reorganisation-2025"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if soffice() is None:
        raise SystemExit("LibreOffice (soffice) is not installed: the PDF cannot be measured")
    print(f"load average {os.getloadavg()[0]:.2f}; best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for case_id in args.case:
            case = model.load_case(case_id)
            results = model.project_case(case)
            council = results.inputs.result_council_ids[-1] if case.successors else case.council_ids[0]
            risk, swings, appraisal = analyses(results)
            charts = tmp / case_id / "charts-first"
            write_one(results, council, charts.parent / "first", risk=risk, swings=swings, run_date=RUN_DATE)
            saved = charts.parent / "first" / "charts"
            docx = min(timed(lambda: write_one(results, council, tmp / case_id / "docx", risk=risk, swings=swings,
                                               run_date=RUN_DATE, reuse_charts=saved)) for _ in range(args.repeat))
            document = tmp / case_id / "docx" / "committee-report.docx"
            pdf = min(timed(lambda: to_pdf([document])) for _ in range(args.repeat))
            command = min(timed(lambda: write_reports(case, tmp / case_id / "cmd", council, run_date=RUN_DATE))
                          for _ in range(max(1, args.repeat - 1)))
            total = docx + pdf
            print(f"{case_id} / {council}: docx {docx:.2f} s, pdf {pdf:.2f} s, council report {total:.2f} s "
                  f"(target {TARGET_SECONDS:.0f} s: ratio {total / TARGET_SECONDS:.2f}); command from the case "
                  f"files {command:.2f} s (ratio {command / TARGET_SECONDS:.2f})")
        copies = []
        for n in range(6):
            copy = tmp / f"copy{n}" / "committee-report.docx"
            copy.parent.mkdir()
            copy.write_bytes(document.read_bytes())
            copies.append(copy)
        together = timed(lambda: to_pdf(copies))
        apart = statistics.fmean([timed(lambda c=c: to_pdf([c])) for c in copies[:2]]) * len(copies)
        print(f"pdf of {len(copies)} in one call {together:.2f} s against {apart:.2f} s in {len(copies)} calls "
              f"(ratio {together / apart:.2f})")


if __name__ == "__main__":
    main()
