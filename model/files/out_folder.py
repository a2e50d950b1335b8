"""Output folders: where a run may write, one writer at a time, and what a killed run left behind.

The rules (each fault and what the user sees is listed in ``docs/what-happens-when.md``):

* An ``--out`` that is empty text, a file, a broken link, or that is, holds or sits inside a case
  folder being run or the bundled ``data/`` folder is refused before anything is read or written
  (:func:`check_out_paths`).
* A run claims its ``--out`` (:func:`claim`): it creates the folder, takes a lock in it that the
  operating system releases when the process ends however it ends (so a lock left by a killed run
  is simply taken over), refuses anything in the way of what it will replace, and removes the
  hidden temporary folders a killed run left.
* Something in the way: a folder the run would replace (a council's folder) is replaced only if
  it carries :data:`MARKER`, which every folder this toolkit generates holds; a file the run would
  replace (``summary.csv``) only if ``--out`` itself carries the marker. Anything else is refused
  by name, so a user's own folder is never deleted because its name matched a council's.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..rules.errors import CaseError, Problem

#: in every folder this toolkit writes; its content never changes, so reruns stay byte-identical
MARKER = ".council-joint-working"
MARKER_TEXT = ("Written by the council joint working toolkit (python -m model). This folder is generated:\n"
               "a re-run replaces what it wrote here. Keep your own files elsewhere.\n")
LOCK = ".council-joint-working.lock"
#: hidden temporary folders: a run's files are written here first, then moved into place
PARTIAL_SUFFIX = ".partial"
STALE_PATTERNS = (f".*{PARTIAL_SUFFIX}", ".*.old-*")

#: the bundled example cases and reference data, never an output folder
DATA = Path(__file__).resolve().parents[2] / "data"


def check_out_paths(outs: Iterable[Path | str], protected: Iterable[Path] = ()) -> None:
    """Refuse, before anything is written, an ``--out`` that cannot be an output folder.

    ``protected`` are the case folders being run; the bundled ``data/`` is always protected.
    """
    guarded = [Path(p).resolve() for p in protected] + [DATA]
    problems: list[Problem] = []
    refused: list[Path] = []
    for out in dict.fromkeys(str(o) for o in outs):
        if out.strip() and any(Path(out).resolve().is_relative_to(r) for r in refused):
            continue  # OUT/<case> of a refused --all OUT: said once, for OUT
        found = out_path_problems(out, guarded)
        if found and out.strip():
            refused.append(Path(out).resolve())
        problems += found
    if problems:
        raise CaseError(problems)


def out_path_problems(out: str, guarded: list[Path]) -> list[Problem]:
    if not out.strip():
        return [_problem(out or '""', "is empty: give the folder to write into")]
    path = Path(out)
    if path.is_symlink() and not path.exists():
        return [_problem(out, f"is a link to {os.readlink(path)}, which does not exist")]
    if path.exists() and not path.is_dir():
        return [_problem(out, "is a file, not a folder")]
    resolved = path.resolve()
    for folder in guarded:
        what = "the bundled data folder" if folder == DATA else "the case folder"
        if resolved == folder:
            return [_problem(out, f"is {what} {folder}; outputs go in a folder of their own")]
        if resolved.is_relative_to(folder):
            return [_problem(out, f"is inside {what} {folder}; outputs go in a folder of their own")]
        if folder.is_relative_to(resolved):
            return [_problem(out, f"holds {what} {folder}; outputs go in a folder of their own, "
                                  "outside every case folder")]
    return []


def _problem(out: str, message: str) -> Problem:
    return Problem(out, "--out", message, has_value=False)


@contextmanager
def claim(out: Path, *, files: Iterable[str] = (), folders: Iterable[str] = ()) -> Iterator[Path]:
    """Hold ``out`` for the length of the ``with`` block.

    ``files`` and ``folders`` are the names (relative to ``out``) the run will replace. Bad input
    (cannot be created or written, in use by another run, something in the way) raises
    :class:`CaseError` before anything in ``out`` is changed. A lock left by a process that died
    is simply taken over: the operating system released it.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CaseError([_problem(str(out), f"cannot be created: {exc.strerror or exc}")]) from None
    with _locked(out):
        problems = in_the_way(out, files, folders)
        if problems:
            raise CaseError(problems)
        remove_stale(out)
        try:
            mark(out)
        except OSError as exc:
            raise CaseError([_problem(str(out), f"cannot be written: {exc.strerror or exc}")]) from None
        yield out


def in_the_way(out: Path, files: Iterable[str], folders: Iterable[str]) -> list[Problem]:
    """What the run would replace but must not: folders without the marker, and files in an
    unmarked folder."""
    problems = []
    ours = is_marked(out)
    for name in files:
        path = out / name
        if path.is_dir() or (path.exists() and not path.is_file()):
            problems.append(_problem(str(path), "is in the way: the run writes a file of this name here; "
                                                "move it or choose another --out"))
        elif path.exists() and not ours:
            problems.append(_problem(str(path), f"is in the way: {out} was not written by this toolkit (it has no "
                                                f"{MARKER} file), so its files are not replaced; move it or "
                                                "choose another --out"))
    for name in folders:
        path = out / name
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            problems.append(_problem(str(path), "is in the way: the run writes a folder of this name here; "
                                                "move it or choose another --out"))
        elif path.is_dir() and not is_marked(path):
            problems.append(_problem(str(path), f"is in the way: it was not written by this toolkit (it has no "
                                                f"{MARKER} file), so it is not replaced; move it or choose "
                                                "another --out"))
    return problems


def is_marked(folder: Path) -> bool:
    marker = Path(folder) / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark(folder: Path) -> None:
    marker = Path(folder) / MARKER
    if not is_marked(folder):
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def remove_stale(out: Path) -> None:
    """The hidden temporary folders a killed run left (it held the lock, so none is in use now)."""
    for pattern in STALE_PATTERNS:
        for root in (out, out / "_failed"):
            for leftover in root.glob(pattern):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------- lock


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """An exclusive lock on ``out/LOCK``, released by the operating system if the process dies."""
    path = out / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise CaseError([_problem(str(out), f"cannot be written: {exc.strerror or exc}")]) from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise CaseError([_problem(str(out), f"is in use by another run ({holder}); wait for it to finish "
                                                "or choose another --out")])
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file between our open and lock: try again
    try:
        _write_holder(fd)
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows runs use the conda route
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _write_holder(fd: int) -> None:
    import datetime as dt

    holder = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "command": " ".join(["python -m model", *sys.argv[1:]])[:300]}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, (json.dumps(holder) + "\n").encode("utf-8"))


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        holder = json.loads(os.read(fd, 4096).decode("utf-8"))
        return (f"process {int(holder['pid'])} on {str(holder['host'])[:60]}, started "
                f"{str(holder['started'])[:25]}: {str(holder['command'])[:120]}")
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that did not say who it is"
