"""A notebook run and saved in JupyterLab never leaves its outputs in git.

In a fresh clone of the project, after the README's set-up step for git (``nbstripout --install
--attributes .gitattributes``), a notebook that has been run in place (outputs and execution
counts saved into the file) has nothing for git to commit, while a real edit still shows.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK = "notebooks/council_scenarios.ipynb"

pytestmark = pytest.mark.skipif(not shutil.which("git") or not (ROOT / ".git").exists(),
                                reason="needs git and the project as a git checkout")


def git(clone: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True, timeout=60)


def readme_filter_step() -> list[str]:
    """The part of the README's first set-up command that sets up nbstripout, as argv."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```\n(.+?)\n```", text.split("## Set up and run", 1)[1])[0]
    steps = [s.strip() for s in first.split("&&") if "nbstripout" in s]
    assert len(steps) == 1, first
    argv = steps[0].split()
    assert argv[0] == ".venv/bin/nbstripout", argv
    return [str(BIN / "nbstripout"), *argv[1:]]


def run_in_place(path: Path) -> None:
    """What JupyterLab saves after Run All: outputs and execution counts in the file."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"ran cell {count}\n")]
    code[-1].outputs.append(nbformat.v4.new_output("display_data", data={"text/plain": "a chart"}))
    nbformat.write(nb, path)


def test_a_notebook_run_in_place_has_nothing_to_commit_after_the_readme_set_up(tmp_path):
    clone = tmp_path / "clone"
    done = subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert git(clone, "check-attr", "filter", NOTEBOOK).stdout.strip().endswith("filter: nbstripout")

    # a fresh checkout's files are as new as its index ("racily clean"), so git would pass every
    # notebook through the filter again on each command: date them back and refresh the index
    # once, before the filter is set up
    for path in (clone / "notebooks").glob("*.ipynb"):
        os.utime(path, (time.time() - 60, time.time() - 60))
    assert git(clone, "update-index", "--refresh").returncode == 0
    run_in_place(clone / NOTEBOOK)
    assert git(clone, "status", "--porcelain").stdout.split() == ["M", NOTEBOOK]  # without the filter: changed

    done = subprocess.run(readme_filter_step(), cwd=clone, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # git status lists a file whose size changed until it is added again (git compares sizes
    # before contents); adding it all, as `git commit -a` would, stages nothing: the outputs are
    # filtered out on the way in
    assert git(clone, "add", "--all").returncode == 0
    assert git(clone, "diff", "--cached", "--quiet").returncode == 0
    assert git(clone, "status", "--porcelain").stdout == ""  # .gitattributes untouched, notebook clean
    assert nbformat.read(clone / NOTEBOOK, as_version=4).cells[-1].outputs  # the officer's copy keeps them

    nb = nbformat.read(clone / NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A note of my own."))
    nbformat.write(nb, clone / NOTEBOOK)
    assert git(clone, "diff", "--name-only").stdout.split() == [NOTEBOOK]  # a real edit still shows
    assert git(clone, "add", "--all").returncode == 0
    staged = git(clone, "show", f":{NOTEBOOK}").stdout  # what a commit would take
    assert "A note of my own." in staged and "ran cell" not in staged and "a chart" not in staged


def test_every_notebook_is_committed_as_the_filter_would_commit_it():
    """The explorer too (batch runs leave it out, so test_notebooks does not see it): a notebook the
    filter would change (outputs, or cell ids it renumbers) would show as changed in every clone."""
    paths = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    done = subprocess.run([sys.executable, "-m", "nbstripout", "--dry-run", *paths],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", f"run nbstripout on these: {done.stdout}"
