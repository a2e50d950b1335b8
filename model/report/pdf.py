"""Word to PDF by LibreOffice headless (``soffice --headless --convert-to pdf``), several documents
in one call (LibreOffice's start-up is most of the cost).

Each call uses its own LibreOffice profile in a temporary folder, so two conversions at once (two
batch workers, or an officer's open LibreOffice) never meet; it is stopped after ``timeout``
seconds. Where ``soffice`` is not installed the caller is told, and writes the ``.docx`` alone.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: how long one LibreOffice call may take, for however many documents, before it is stopped
TIMEOUT_SECONDS = 300.0
SKIPPED = "LibreOffice (soffice) is not installed, so no PDF was written; install it and run again for the PDF"


def soffice() -> str | None:
    """The LibreOffice program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(documents: list[Path], timeout: float = TIMEOUT_SECONDS, processes: int = 1) -> dict[Path, Path | None]:
    """Convert each ``.docx`` to a ``.pdf`` beside it (same name), in one LibreOffice call, or in
    ``processes`` calls side by side (LibreOffice converts one document at a time: a batch on two
    cores uses both). Returns each document's PDF, or None for one that was not converted. A PDF is
    replaced only by a new one: it is written first under another name, then moved into place."""
    program = soffice()
    documents = [Path(d) for d in documents]
    if program is None or not documents:
        return {d: None for d in documents}
    processes = max(1, min(processes, len(documents)))
    if processes > 1:
        from concurrent.futures import ThreadPoolExecutor

        shares = [documents[n::processes] for n in range(processes)]
        with ThreadPoolExecutor(processes) as pool:
            done = {}
            for part in pool.map(lambda share: convert(program, share, timeout), shares):
                done |= part
        return {d: done[d] for d in documents}
    return convert(program, documents, timeout)


def missing_note(converted: dict[Path, Path | None]) -> str:
    """What to tell the user about the documents :func:`to_pdf` did not convert ("" when all were)."""
    missing = [d for d, pdf in converted.items() if pdf is None]
    if not missing:
        return ""
    if soffice() is None:
        return SKIPPED
    return f"LibreOffice did not convert {len(missing)} of {len(converted)} reports to PDF"


def convert(program: str, documents: list[Path], timeout: float) -> dict[Path, Path | None]:
    """One LibreOffice call for ``documents``, with its own profile."""
    with tempfile.TemporaryDirectory(prefix="cjw-pdf-") as work:
        work = Path(work)
        sources = []
        for n, document in enumerate(documents):  # names made unique: every report is committee-report.docx
            source = work / f"doc{n}.docx"
            shutil.copyfile(document, source)
            sources.append(source)
        profile = (work / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(work / "pdf"), *map(str, sources)]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                           check=False, env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            return {d: None for d in documents}
        done: dict[Path, Path | None] = {}
        for document, source in zip(documents, sources):
            made = work / "pdf" / f"{source.stem}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                target = document.with_suffix(".pdf")
                staged = target.with_name(f".{target.name}.new")
                shutil.move(str(made), staged)
                staged.replace(target)
                done[document] = target
            else:
                done[document] = None
        return done
