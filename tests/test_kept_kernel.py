"""One kernel per council: the notebooks share a kernel (so its imports) but nothing else.

The batch runs tiny notebooks here, through the real papermill and kernel; test_notebooks.py
compares a product notebook run this way with the same notebook in a fresh kernel.
"""
from __future__ import annotations

import json

import nbformat
import pytest

from model.cli import main
from tiny_notebooks import tiny_notebook as notebook


@pytest.fixture
def case(write):
    return write()  # councils north and south


def test_the_second_notebook_runs_in_the_same_kernel_and_sees_nothing_of_the_first(case, tmp_path):
    first = notebook(tmp_path / "a_first.ipynb",
                     "import os, sys\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                     "leaked = 'from the first notebook'\nfig = plt.figure()\n"
                     "sys.modules['json'].marker_from_first = True\n"
                     "open('first.json', 'w').write(str(os.getpid()))",
                     "1 + 1")
    second = notebook(tmp_path / "b_second.ipynb",
                      "import json, os, sys\n"
                      "seen = {'pid': os.getpid(), 'leaked': 'leaked' in globals(), 'fig' : 'fig' in globals(),\n"
                      "        'plt': 'plt' in globals(), 'open_figures': len(sys.modules['matplotlib.pyplot'].get_fignums()),\n"
                      "        'module_kept': getattr(sys.modules['json'], 'marker_from_first', False)}\n"
                      "open('second.json', 'w').write(json.dumps(seen))",
                      "2 + 2")
    out = tmp_path / "out"
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--run-date", "2026-11-23",
                 "--notebooks", str(first), str(second), "--no-reports"]) == 0
    folder = out / "north"
    seen = json.loads((folder / "second.json").read_text())
    assert seen["pid"] == int((folder / "first.json").read_text())    # the same kernel process
    assert seen["module_kept"] is True                                 # imports are kept: the saving
    assert not seen["leaked"] and not seen["fig"] and not seen["plt"]  # the user's names are not
    assert seen["open_figures"] == 0                                   # nor the first notebook's figures
    for name in ("a_first.ipynb", "b_second.ipynb"):                   # counted from 1 as in a fresh kernel
        cells = [c for c in nbformat.read(folder / name, as_version=4).cells if c.cell_type == "code"]
        assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
        result = cells[-1].outputs[0]
        assert result.execution_count == len(cells)
        assert not [o for c in cells for o in c.outputs if o.output_type == "stream"]  # no history warning


def test_after_a_failure_the_councils_later_notebooks_do_not_run_and_the_next_council_is_clean(case, tmp_path):
    fails = notebook(tmp_path / "a_fails.ipynb", "leaked = 1\nif council == 'north':\n    raise ValueError('no')")
    checks = notebook(tmp_path / "b_checks.ipynb", "assert 'leaked' not in globals()\n"
                                                   "open('checked.txt', 'w').write(council)")
    out = tmp_path / "out"
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--run-date", "2026-11-23",
                 "--notebooks", str(fails), str(checks), "--no-reports"]) == 1
    runs = {(r["council"], r["notebook"]): r for r in json.loads((out / "manifest.json").read_text())["runs"]}
    assert runs[("north", "a_fails.ipynb")]["status"] == "failed"
    assert runs[("north", "b_checks.ipynb")]["status"] == "not started"
    assert runs[("south", "b_checks.ipynb")]["status"] == "succeeded"
    assert (out / "south" / "checked.txt").read_text() == "south"

