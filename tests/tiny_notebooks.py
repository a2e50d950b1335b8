"""Tiny notebooks for testing the batch machinery: the batch's parameters cell and a few lines.

They run through the real papermill and a real kernel, so tests of runs, signals and time-outs
test the machinery, not the charts (``test_notebooks.py`` runs the product notebooks).
"""
from __future__ import annotations

from pathlib import Path

import nbformat


def tiny_notebook(path: Path, *bodies: str) -> Path:
    """A notebook with the batch's parameters cell, then one code cell per ``body``."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("case = ''\ncouncil = ''\nout_dir = ''\nbatch_folder = ''\nrun_date = ''")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, *(nbformat.v4.new_code_cell(body) for body in bodies)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path
