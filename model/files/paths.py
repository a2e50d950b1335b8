"""Names that reach file and folder paths.

Ids in case files are already limited to a safe alphabet (:data:`model.case.assumptions.ID_PATTERN`);
anything else that becomes part of a path (a council given on the command line, a notebook's
output folder) goes through :func:`safe_name` as well.
"""
from __future__ import annotations

import re


def safe_name(text: str) -> str:
    """A name that is safe as one folder or file name: letters, digits, ``-``, ``_`` and ``.``;
    no path separators, no leading dots, never empty. Council ids are already safe; this is the
    second lock on the door for anything that reaches a path."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(text)).strip("-.")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned[:80] or "unnamed"
