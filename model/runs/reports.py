"""A batch's committee reports: each council's is written by its risk notebook (from the draws it
has just made, with the charts its notebooks saved); the case's, for the partnership, is written
here into the case folder, and then every report of the batch goes to PDF in one LibreOffice call.

A PDF is made only for a report this batch wrote (a council whose notebooks failed keeps its
previous folder whole), and is moved into place beside it when complete. Where LibreOffice is not
installed the reports stay Word only and the batch says so.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..case.assumptions import Case
from ..files.paths import safe_name
from ..report.committee import REPORT_NAME, appraisal_for, write_one
from ..report.pdf import missing_note, to_pdf
from ..results.frames import Results
from .notebook_runs import SUCCEEDED, RunRecord


#: what the case's report puts in its batch folder
REPORT_FILES = (f"{REPORT_NAME}.docx", f"{REPORT_NAME}.pdf")


@dataclass
class BatchReports:
    documents: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    note: str = ""


def case_report(results: Results, out_dir: Path, run_date: dt.date | None, lead: str = "") -> Path:
    """The partnership's report in the case's batch folder, with the options appraisal where the
    case has one; its charts are drawn into ``out_dir/charts``."""
    return write_one(results, None, Path(out_dir), appraisal=appraisal_for(results), run_date=run_date, lead=lead)


def council_reports(case: Case, out_dir: Path, records: list[RunRecord]) -> list[Path]:
    """The reports of the councils whose every run succeeded in this batch."""
    failed = {r.council for r in records if r.case == case.id and r.status != SUCCEEDED}
    done = {r.council for r in records if r.case == case.id} - failed
    paths = [Path(out_dir) / safe_name(c) / f"{REPORT_NAME}.docx" for c in sorted(done)]
    return [p for p in paths if p.is_file()]


def to_pdfs(documents: list[Path], processes: int = 1) -> BatchReports:
    """Every report to PDF, in ``processes`` LibreOffice calls side by side (one per worker)."""
    converted = to_pdf(documents, processes=processes)
    return BatchReports(list(documents), [p for p in converted.values() if p is not None], missing_note(converted))
