"""Which files a case folder may hold, and reading them without following them anywhere.

Case files are found by their exact names (:data:`CASE_FILES`). A file whose name is a near miss
of one (another case, ``.yml`` for ``.yaml``, a typo, an extra ending such as ``.txt``, or a
spreadsheet saved under a case file's name) is an error naming the expected name: read silently
as absent, it would drop figures (a missing ``staff_bands.csv`` makes redundancy costs zero).
Any other file, every hidden file (``.name``) and every sub-folder is ignored and listed.

Only regular files inside the case folder are read. A case-file name that is a folder, a link
whose target is outside the folder (or nowhere), a device, a pipe (FIFO) or a socket is refused
by name without being opened, as is a file over :data:`MAX_FILE_BYTES`. Reading opens the file
without blocking, checks again on the open file, and never reads more than the cap.
"""
from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..rules.errors import Problem, clip, relative

CASE_FILE = "case.yaml"
COUNCILS_FILE = "councils.yaml"
SERVICES_FILE = "services.csv"
INITIATIVES_FILE = "initiatives.yaml"
SCENARIOS_FILE = "scenarios.yaml"
WORKFORCE_FILE = "workforce.yaml"
STAFF_FILE = "staff.csv"
STAFF_BANDS_FILE = "staff_bands.csv"
OPTIONS_FILE = "options.yaml"
ACTUALS_FILE = "actuals.csv"
PROGRESS_FILE = "progress.yaml"
REQUIRED_FILES = (CASE_FILE, COUNCILS_FILE, SERVICES_FILE, SCENARIOS_FILE)
CASE_FILES = (CASE_FILE, COUNCILS_FILE, SERVICES_FILE, INITIATIVES_FILE, SCENARIOS_FILE, WORKFORCE_FILE,
              STAFF_FILE, STAFF_BANDS_FILE, OPTIONS_FILE, ACTUALS_FILE, PROGRESS_FILE)
MAX_FILE_BYTES = 5_000_000
#: difflib's similarity from which an unknown name is taken as a typo of a case file's name
NEAR_MISS = 0.85
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
_STEMS = {name.rsplit(".", 1)[0]: name for name in CASE_FILES}
_NOT_A_FILE = ((stat.S_ISDIR, "is a folder, not a file"), (stat.S_ISFIFO, "is a pipe (FIFO), not a file"),
               (stat.S_ISSOCK, "is a socket, not a file"), (stat.S_ISCHR, "is a device, not a file"),
               (stat.S_ISBLK, "is a device, not a file"))


@dataclass
class Survey:
    """What a case folder holds: the case files to read, the names ignored, and what is wrong."""

    present: dict[str, Path] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def survey(folder: Path) -> Survey:
    """Sort every entry of ``folder`` into a case file, an ignored name or a problem (sorted by name)."""
    found = Survey()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.problems.append(Problem(relative(folder), "", f"cannot be read: {exc.strerror or exc}",
                                      has_value=False))
        return found
    names = {entry.name for entry in entries}
    for entry in entries:
        path = folder / entry.name
        if entry.name in CASE_FILES:
            refusal = refuse_unsafe(path, folder)
            if refusal:
                found.problems.append(Problem(relative(path), "", refusal, has_value=False))
            else:
                found.present[entry.name] = path
            continue
        expected = near_miss(entry.name)
        if expected and not entry.name.startswith(".") and not _is_folder(entry):
            found.problems.append(Problem(relative(path), "", _misnamed(entry.name, expected, expected in names),
                                          has_value=False))
        else:
            found.ignored.append(relative(path) + ("/" if _is_folder(entry) else ""))
    return found


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def near_miss(name: str) -> str | None:
    """The case file ``name`` was probably meant to be, or None."""
    lower = name.lower()
    if lower in CASE_FILES:
        return lower
    stem, dot, suffix = lower.rpartition(".")
    if dot and stem in CASE_FILES:  # councils.yaml.txt, services.csv.bak
        return stem
    if dot and stem in _STEMS:  # options.yml, services.xlsx, case.json
        return _STEMS[stem]
    close = difflib.get_close_matches(lower, CASE_FILES, n=1, cutoff=NEAR_MISS)
    return close[0] if close else None


def _misnamed(name: str, expected: str, expected_present: bool) -> str:
    if "." + name.lower().rpartition(".")[2] in SPREADSHEETS and expected.endswith(".csv"):
        return (f"is a spreadsheet; save it as CSV under the name {expected} (only {expected} is read)")
    if expected_present:
        return (f"looks like a copy of {expected}, which is the file read; move this one out of the case "
                "folder so it is clear which holds the figures")
    return f"is not read: case files are read by their exact names; rename it {expected}"


def refuse_unsafe(path: Path, folder: Path) -> str | None:
    """Why ``path`` may not be read as a case file (checked without opening it), or None."""
    try:
        link = path.lstat()
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISLNK(link.st_mode):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(folder))):
            return ("is a link to a file outside the case folder; only files inside the case folder are "
                    "read (copy the file in instead)")
        try:
            info = target.stat()
        except OSError:
            return "is a link to nothing (its target does not exist)"
    else:
        info = link
    return _refuse_kind(info)


def _refuse_kind(info: os.stat_result) -> str | None:
    for test, reason in _NOT_A_FILE:
        if test(info.st_mode):
            return reason + "; a case file must be an ordinary file"
    if not stat.S_ISREG(info.st_mode):
        return "is not an ordinary file"
    if info.st_size > MAX_FILE_BYTES:
        return f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; is it the right file?"
    return None


def read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None with a problem: opened without following a final link or blocking,
    checked on the open file, and never more than :data:`MAX_FILE_BYTES` read."""
    where = relative(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(os.path.realpath(path), flags)
    except OSError as exc:
        problems.append(Problem(where, "", f"cannot be read: {clip(exc.strerror or str(exc), 80)}",
                                has_value=False))
        return None
    try:
        refusal = _refuse_kind(os.fstat(handle))
        if refusal:
            problems.append(Problem(where, "", refusal, has_value=False))
            return None
        chunks, total = [], 0
        while total <= MAX_FILE_BYTES:
            chunk = os.read(handle, min(1 << 20, MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        problems.append(Problem(where, "", f"cannot be read: {clip(exc.strerror or str(exc), 80)}",
                                has_value=False))
        return None
    finally:
        os.close(handle)
    if total > MAX_FILE_BYTES:
        problems.append(Problem(where, "", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; is it the "
                                "right file?", has_value=False))
        return None
    return b"".join(chunks)
